// The SDK's transport on Node (src/internal/node-fetch.ts): node:http behind fetch's shape. Real HTTP over
// loopback: what goes on the wire, what comes back decoded, redirects, and the keep-alive race.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Worker } from "node:worker_threads";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { APIConnectionError, Hotmart } from "hotmart";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createNodeFetch } from "../../src/internal/node-fetch";

const nodeFetch = createNodeFetch((id) => process.getBuiltinModule(id));

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  socket: Socket;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A loopback server whose handler gets each request with its body read. */
async function serve(
  handler: (seen: Seen, res: ServerResponse, req: IncomingMessage) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const entry = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        socket: req.socket,
      };
      seen.push(entry);
      handler(entry, res, req);
    });
  });
  servers.push(server);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const TOKEN = JSON.stringify({ access_token: "tok-node", expires_in: 3600 });

describe("the default transport on Node", () => {
  it("is node:http, not Node's fetch: the request carries none of the headers undici adds", async () => {
    const { url, seen } = await serve((s, res) => {
      res.setHeader("content-type", "application/json");
      res.end(s.url.startsWith("/token") ? TOKEN : JSON.stringify({ items: [], page_info: {} }));
    });
    const client = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: url,
      authURL: `${url}/token`,
    });
    await client.request("GET", "/payments/api/v1/sales/history");
    await client.close();
    expect(seen.map((s) => s.url.split("?")[0])).toEqual(["/token", "/payments/api/v1/sales/history"]);
    for (const s of seen) {
      // undici sends sec-fetch-mode and accept-language with every request; node:http sends neither.
      expect(s.headers["sec-fetch-mode"]).toBeUndefined();
      expect(s.headers["accept-language"]).toBeUndefined();
      expect(s.headers["user-agent"]).toMatch(/^hotmart-typescript\//);
      expect(s.headers["accept-encoding"]).toBe("gzip, deflate, br");
    }
    // The token request is a body-less POST: a length of 0, as fetch sends; the GET has none.
    expect(seen[0]?.headers["content-length"]).toBe("0");
    expect(seen[1]?.headers["content-length"]).toBeUndefined();
    expect(seen[1]?.headers.authorization).toBe("Bearer tok-node");
  });
});

describe("nodeFetch", () => {
  it("decodes gzip, deflate and br bodies, and UTF-8 split across chunks", async () => {
    const text = JSON.stringify({ name: "Coração de Ação ✓", n: "x".repeat(20_000) });
    const { url } = await serve((s, res) => {
      const coding = s.url.slice(1);
      const raw = Buffer.from(text);
      if (coding === "split") {
        // "ç" is two bytes: cut between them.
        const cut = raw.indexOf(Buffer.from("ç")) + 1;
        res.write(raw.subarray(0, cut));
        setTimeout(() => res.end(raw.subarray(cut)), 20);
        return;
      }
      const body =
        coding === "gzip" ? gzipSync(raw) : coding === "deflate" ? deflateSync(raw) : brotliCompressSync(raw);
      res.setHeader("content-encoding", coding);
      res.end(body);
    });
    for (const coding of ["gzip", "deflate", "br", "split"]) {
      const response = await nodeFetch(`${url}/${coding}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(text);
    }
  });

  it("reads no body past 64 MiB: a small gzip that inflates without end, or a Content-Length that big, fails the request, not the process", async () => {
    // 72 MiB of JSON in 70 kB of gzip. Unbounded, the same at 1 GiB outgrew V8's string limit, and the
    // RangeError thrown in a stream handler crashed the process.
    const bomb = gzipSync(Buffer.from(`{"a":"${" ".repeat(72 * 1024 * 1024)}"}`));
    const { url } = await serve((s, res) => {
      if (s.url.startsWith("/token")) return res.end(TOKEN);
      if (s.url === "/declared") {
        // Says 2 GiB and sends none of it: refused on the headers, not waited for.
        res.writeHead(200, { "content-length": String(2 ** 31) });
        return res.flushHeaders();
      }
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb);
    });
    const tooLarge = /larger than 64 MiB/;
    await expect(nodeFetch(`${url}/bomb`, { signal: AbortSignal.timeout(20_000) })).rejects.toThrow(tooLarge);
    await expect(nodeFetch(`${url}/declared`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow(
      tooLarge,
    );
    // Through the client: a typed error that says what happened, the secret nowhere in it.
    const hotmart = new Hotmart({
      clientId: "id",
      clientSecret: "node-secret",
      baseURL: url,
      authURL: `${url}/token`,
      maxRetries: 0,
    });
    const error = await hotmart.request("GET", "/declared").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(String((error as Error).message)).toMatch(tooLarge);
    expect(String((error as Error).message)).not.toContain("node-secret");
    await hotmart.close();
  }, 30_000);

  it("follows redirects as fetch does: 307 keeps method and body, 303 turns into a GET, Authorization stays on its origin", async () => {
    const other = await serve((_s, res) => res.end("other"));
    const { url, seen } = await serve((s, res) => {
      if (s.url === "/307") return res.writeHead(307, { location: "/target" }).end();
      if (s.url === "/303") return res.writeHead(303, { location: "/target" }).end();
      if (s.url === "/away") return res.writeHead(302, { location: `${other.url}/there` }).end();
      res.end(`${s.method} ${s.body}`);
    });
    const post = { method: "POST", body: '{"a":1}', headers: { authorization: "Bearer secret-token" } };

    const kept = await nodeFetch(`${url}/307`, post);
    expect(await kept.text()).toBe('POST {"a":1}');
    expect(kept.redirected).toBe(true);
    expect(kept.url).toBe(`${url}/target`);

    const turned = await nodeFetch(`${url}/303`, post);
    expect(await turned.text()).toBe("GET ");

    const away = await nodeFetch(`${url}/away`, { headers: { authorization: "Bearer secret-token" } });
    expect(await away.text()).toBe("other");
    expect(seen.find((s) => s.url === "/away")?.headers.authorization).toBe("Bearer secret-token");
    expect(other.seen[0]?.headers.authorization).toBeUndefined();

    const manual = await nodeFetch(`${url}/307`, { redirect: "manual" });
    expect(manual.status).toBe(307);
    expect(manual.headers.get("location")).toBe("/target");
  });

  it("a read that goes out on a keep-alive connection the server is closing is sent once more; a write is not", async () => {
    const requestsOn = new Map<Socket, number>();
    const { url, seen } = await serve((s, res) => {
      const n = (requestsOn.get(s.socket) ?? 0) + 1;
      requestsOn.set(s.socket, n);
      // The second request on a connection finds it closing: the server drops it unanswered.
      if (n === 2) return s.socket.destroy();
      res.end(`ok ${s.method}`);
    });
    expect(await (await nodeFetch(`${url}/a`)).text()).toBe("ok GET");
    expect(await (await nodeFetch(`${url}/b`)).text()).toBe("ok GET");
    // /b went out twice: on the reused connection (dropped), then on a new one.
    expect(seen.map((s) => s.url)).toEqual(["/a", "/b", "/b"]);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(2);

    // The new connection has served one request: a POST is its second, and is not sent again.
    await expect(nodeFetch(`${url}/c`, { method: "POST", body: "{}" })).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    expect(seen.filter((s) => s.url === "/c")).toHaveLength(1);
  });

  it("after a freeze longer than its idle timeout, a pooled connection the server closed meanwhile is not used: a write reaches the server", async () => {
    // The server runs on another thread, so it closes the idle connection (100 ms after its answer, as a
    // load balancer closes idle ones) while this thread is frozen and cannot see it close.
    const worker = new Worker(
      `const { createServer } = require("node:http");
       const { parentPort } = require("node:worker_threads");
       const server = createServer((req, res) => {
         req.resume();
         req.on("end", () => res.end("ok " + req.method, () => setTimeout(() => req.socket.destroy(), 100)));
       });
       server.keepAliveTimeout = 30000;
       server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
       parentPort.on("message", () => { server.closeAllConnections(); server.close(() => process.exit(0)); });`,
      { eval: true },
    );
    try {
      const port = await new Promise<number>((resolve) => worker.once("message", resolve));
      const url = `http://127.0.0.1:${port}`;
      expect(await (await nodeFetch(`${url}/a`)).text()).toBe("ok GET"); // the connection is pooled
      // Frozen: 400 ms of this thread, and the clock moved 5 s on (the freeze outlasted IDLE_MS, 4 s, so
      // the idle timer is overdue). The server has closed the connection; nothing here has run since.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
      const realNow = performance.now.bind(performance);
      vi.spyOn(performance, "now").mockImplementation(() => realNow() + 5_000);
      // Sent on the thaw before the overdue timers run, as a request a timer starts would be.
      const write = nodeFetch(`${url}/c`, { method: "POST", body: "{}" });
      // Without the fix: ECONNRESET on the pooled connection, a write the server never saw.
      expect(await (await write).text()).toBe("ok POST");
    } finally {
      vi.restoreAllMocks();
      worker.postMessage("stop");
      await new Promise((resolve) => worker.once("exit", resolve));
    }
  });

  it("an abort cancels the request on the wire, mid-body too", async () => {
    let closed!: () => void;
    const wasClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const { url } = await serve((_s, res) => {
      res.on("close", () => closed());
      res.write('{"partial":');
    });
    const controller = new AbortController();
    const pending = nodeFetch(`${url}/slow`, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    await wasClosed;
  });

  it("leaves out header values that are unset, and refuses a header value fetch would refuse", async () => {
    const { url, seen } = await serve((_s, res) => res.end("ok"));
    await nodeFetch(url, { headers: { "x-set": "1", "x-unset": undefined } as unknown as HeadersInit });
    expect(seen[0]?.headers["x-set"]).toBe("1");
    expect("x-unset" in (seen[0]?.headers ?? {})).toBe(false);
    await expect(nodeFetch(url, { headers: { "x-bad": "a\nb" } })).rejects.toThrow(TypeError);
  });
});
