import { request } from "node:http";
import { createContext, type GateConfig, gate, startHttpServer } from "hotmart-mcp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, connect, type Harness, harness, ok, TOKEN } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h?.close());

const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

/** A raw POST, so the test controls every header (Host included). */
function post(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(INIT);
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("HTTP transport safety", () => {
  it("refuses a request without the bearer token, or with a wrong one", async () => {
    const none = await post(h.http.url, {});
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(none.body).not.toContain(TOKEN);
    expect((await post(h.http.url, { Authorization: "Bearer wrong-token-wrong-token" })).status).toBe(401);
    expect((await post(h.http.url, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it("refuses a foreign Origin or Host even with the token (DNS rebinding)", async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    expect((await post(h.http.url, { ...auth, Origin: "https://evil.example" })).status).toBe(403);
    expect((await post(h.http.url, { ...auth, Host: "evil.example" })).status).toBe(403);
    expect((await post(h.http.url, { ...auth, Origin: "http://localhost:6274" })).status).toBe(200);
  });

  it("compares Host names case-insensitively (RFC 9110), and a foreign one is still refused", async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const port = new URL(h.http.url).port;
    // Before, "LOCALHOST" and "Localhost:<port>" got 403 "unexpected Host header": only "localhost" passed.
    expect((await post(h.http.url, { ...auth, Host: "LOCALHOST" })).status).toBe(200);
    expect((await post(h.http.url, { ...auth, Host: `Localhost:${port}` })).status).toBe(200);
    expect((await post(h.http.url, { ...auth, Host: `EVIL.example:${port}` })).status).toBe(403);
    expect((await post(h.http.url, { ...auth, Host: `LOCALHOST.evil.example:${port}` })).status).toBe(403);
  });

  it("takes an --allowed-origin written with capitals or a trailing slash as the origin browsers send; refuses one that is not an origin", async () => {
    const ctx = createContext({ client: h.client });
    // Before, "https://App.Example/" was kept as written and matched no Origin a browser sends.
    const open = await startHttpServer(ctx, { port: 0, allowedOrigins: ["https://App.Example/"] });
    try {
      expect((await post(open.url, { Origin: "https://app.example" })).status).toBe(200);
      expect((await post(open.url, { Origin: "https://app.example.evil" })).status).toBe(403);
      expect((await post(open.url, { Origin: "http://app.example" })).status).toBe(403);
    } finally {
      await open.close();
    }
    await expect(startHttpServer(ctx, { port: 0, allowedOrigins: ["app.example"] })).rejects.toThrow(
      /--allowed-origin "app.example" is not an origin: pass a scheme and a host/,
    );
  });

  it("takes only 127.x addresses as loopback, not names that start with 127. (DNS rebinding)", async () => {
    // On loopback the token is optional: the Host and Origin checks are all that stop a rebinding page.
    const ctx = createContext({ client: h.client });
    const open = await startHttpServer(ctx, { port: 0 });
    try {
      const port = new URL(open.url).port;
      const rebound = `127.0.0.1.rebind.invalid:${port}`;
      expect((await post(open.url, {})).status).toBe(200);
      expect((await post(open.url, { Host: rebound, Origin: `http://${rebound}` })).status).toBe(403);
      expect((await post(open.url, { Origin: `http://${rebound}` })).status).toBe(403);
      expect((await post(open.url, { Host: `127.0.0.2:${port}`, Origin: "http://127.0.0.2" })).status).toBe(
        200,
      );
    } finally {
      await open.close();
    }
    await expect(startHttpServer(ctx, { host: "127.0.0.1.rebind.invalid", port: 0 })).rejects.toThrow(
      /without a bearer token/,
    );
  });

  it("will not listen beyond loopback without a token", async () => {
    const ctx = createContext({ client: h.client });
    await expect(startHttpServer(ctx, { host: "0.0.0.0", port: 0 })).rejects.toThrow(/HOTMART_MCP_TOKEN/);
    const open = await startHttpServer(ctx, { host: "0.0.0.0", port: 0, token: TOKEN });
    try {
      const port = new URL(open.url).port;
      expect((await post(`http://127.0.0.1:${port}/mcp`, {})).status).toBe(401);
    } finally {
      await open.close();
    }
  });

  it("will not serve write tools over HTTP without a token, even on loopback; reads still may", async () => {
    // Before, any process or user of the machine could preview and confirm refunds on 127.0.0.1.
    const writes = createContext({ client: h.client, allowWrites: true });
    const refused = startHttpServer(writes, { port: 0 });
    await expect(refused).rejects.toThrow(
      /Refusing to serve the write tools \(--allow-writes\) over HTTP without a bearer token: .*Set HOTMART_MCP_TOKEN to a long random secret \(e\.g\. export HOTMART_MCP_TOKEN=\$\(openssl rand -hex 32\)\).*Authorization: Bearer/,
    );
    await expect(startHttpServer(writes, { port: 0, token: "" })).rejects.toThrow(/HOTMART_MCP_TOKEN/);
    const guarded = await startHttpServer(writes, { port: 0, token: TOKEN });
    try {
      const none = await post(guarded.url, {});
      expect(none.status).toBe(401);
      expect(none.body).not.toContain(TOKEN);
      expect((await post(guarded.url, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    } finally {
      await guarded.close();
    }
    const reads = await startHttpServer(createContext({ client: h.client }), { port: 0 });
    try {
      expect((await post(reads.url, {})).status).toBe(200);
    } finally {
      await reads.close();
    }
  });

  it("a port already in use is named, with what to do", async () => {
    const ctx = createContext({ client: h.client });
    const port = Number(new URL(h.http.url).port);
    // Node's own words were "listen EADDRINUSE: address already in use 127.0.0.1:3333".
    await expect(startHttpServer(ctx, { port, token: TOKEN })).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is already in use (another hotmart-mcp?): pass --port with another port (--port 0 picks a free one), or stop the program holding it`,
    );
  });

  it("shares one SDK client (one token, one quota) across sessions", async () => {
    const other = await connect(h.http.url);
    try {
      ok(await call(h.mcp, "products_list", { limit: 1 }));
      ok(await call(other, "products_list", { limit: 1 }));
      ok(await call(other, "sales_history", { limit: 1 }));
    } finally {
      await other.close();
    }
    expect(h.sim.stats().tokenGrants).toBe(1);
  });
});

describe("gate", () => {
  const base: GateConfig = { loopback: true, token: undefined, allowedOrigins: [], allowedHosts: [] };
  it("on loopback accepts loopback hosts and origins, refuses others", () => {
    expect(gate({ host: "127.0.0.1:3333" }, base)).toEqual({ ok: true });
    expect(gate({ host: "localhost:3333", origin: "http://localhost:5173" }, base)).toEqual({ ok: true });
    expect(gate({ host: "[::1]:3333" }, base)).toEqual({ ok: true });
    expect(gate({ host: "attacker.example:3333" }, base)).toMatchObject({ ok: false, status: 403 });
    expect(gate({ host: "127.0.0.1:3333", origin: "https://attacker.example" }, base)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(gate({ host: "127.0.0.1:3333", origin: "null" }, base)).toMatchObject({ ok: false, status: 403 });
  });
  it("takes an --allowed-host in any case, and still refuses other names", () => {
    const proxied: GateConfig = {
      ...base,
      loopback: false,
      allowedHosts: ["mcp.example", "Proxy.Example:8443"],
    };
    expect(gate({ host: "MCP.Example" }, proxied)).toEqual({ ok: true });
    expect(gate({ host: "mcp.EXAMPLE:443" }, proxied)).toEqual({ ok: true });
    expect(gate({ host: "proxy.example:8443" }, proxied)).toEqual({ ok: true });
    expect(gate({ host: "mcp.example.evil" }, proxied)).toMatchObject({ ok: false, status: 403 });
  });
  it("elsewhere requires the token, and only listed origins", () => {
    const remote: GateConfig = {
      loopback: false,
      token: TOKEN,
      allowedOrigins: ["https://agent.example"],
      allowedHosts: [],
    };
    expect(gate({ host: "mcp.example" }, remote)).toMatchObject({ ok: false, status: 401 });
    expect(gate({ host: "mcp.example", authorization: `Bearer ${TOKEN}` }, remote)).toEqual({ ok: true });
    expect(
      gate(
        { host: "mcp.example", authorization: `Bearer ${TOKEN}`, origin: "https://agent.example" },
        remote,
      ),
    ).toEqual({ ok: true });
    expect(
      gate({ host: "mcp.example", authorization: `Bearer ${TOKEN}`, origin: "http://localhost" }, remote),
    ).toMatchObject({ ok: false, status: 403 });
  });
});
