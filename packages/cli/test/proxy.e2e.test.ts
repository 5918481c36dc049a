// The binary honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY (src/proxy.ts), as the GitHub and
// Stripe CLIs do. Real processes over loopback: the built binary, the simulator, and a forward proxy that
// tunnels CONNECT requests and counts them. The API is named "hotmart.test", a host only the proxy knows
// (it connects there to 127.0.0.1), so a request that did not go through the proxy cannot succeed.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConnectProxy, startConnectProxy } from "../../hotmart/test/helpers/connect-proxy";
import { proxyFor, proxySettings, showProxy, useProxyFromEnv } from "../src/proxy";
import { ensureBuilt, runCli, simEnv } from "./helpers";

let sim: Simulator;
let proxy: ConnectProxy;
let proxyURL: string;
let tunnels: string[];

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({ port: 0, seed: 42 });
  proxy = await startConnectProxy({ "hotmart.test": "127.0.0.1" });
  proxyURL = proxy.url;
  tunnels = proxy.tunnels;
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await sim?.close();
});

/** The simulator's environment with the API at hotmart.test, which only the proxy can reach. */
function viaHotmartTest(extra: Record<string, string>): NodeJS.ProcessEnv {
  const port = new URL(sim.url).port;
  return simEnv(sim, {
    HOTMART_BASE_URL: `http://hotmart.test:${port}`,
    HOTMART_AUTH_URL: `http://hotmart.test:${port}/security/oauth/token`,
    ...extra,
  });
}

describe("the binary behind a proxy", () => {
  it("sends through the proxy HTTP_PROXY names; doctor says which, without its password", async () => {
    tunnels.length = 0;
    const proxyWithUser = proxyURL.replace("http://", "http://me:s3cret@");
    const result = await runCli(["doctor"], { env: viaHotmartTest({ HTTP_PROXY: proxyWithUser }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `ok    proxy: ${proxyURL.replace("http://", "http://***@")} (HTTP_PROXY)`,
    );
    expect(result.stdout + result.stderr).not.toContain("s3cret");
    // The token request and the API call went through the tunnel: hotmart.test resolves nowhere else.
    expect(result.stdout).toMatch(/ok {4}access token issued/);
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
    expect(new Set(tunnels)).toEqual(new Set([`hotmart.test:${new URL(sim.url).port}`]));
  });

  // These three wait most of their time on the binary's retries and their backoff (5 s each, one after
  // the other 15 s of the file's 17), each with a proxy of its own and nothing of the others: side by side.
  it.concurrent("a proxy that closes CONNECT unanswered fails the command with a clear error, not a storm of reconnects", async ({
    expect,
  }) => {
    // A proxy without CONNECT support (node:http closes such a request's connection) counts the
    // connections it gets. undici 7 reconnected at once, without end, until the total timeout: thousands.
    let connections = 0;
    const noTunnels = createServer((_req, res) => res.writeHead(405).end());
    noTunnels.on("connection", () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => noTunnels.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(noTunnels.address() as AddressInfo).port}`;
      const result = await runCli(["--total-timeout", "15", "products", "list", "--json"], {
        env: viaHotmartTest({ HTTP_PROXY: url }),
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("the proxy closed the connection without answering CONNECT");
      // The token request and its retries: one connection each.
      expect(connections).toBeLessThanOrEqual(10);
    } finally {
      noTunnels.closeAllConnections();
      await new Promise<void>((resolve) => noTunnels.close(() => resolve()));
    }
  });

  it.concurrent("a proxy that refuses the tunnel with a status says so, 407 with what to do, not 'Request was cancelled'", async ({
    expect,
  }) => {
    const refusing = createServer((_req, res) => res.writeHead(405).end());
    refusing.on("connect", (_req, socket: Socket) => {
      socket.end("HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n");
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
      const result = await runCli(["--total-timeout", "15", "products", "list", "--json"], {
        env: viaHotmartTest({ HTTP_PROXY: url }),
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("the proxy refused the tunnel: it answered CONNECT with 407");
      expect(result.stderr).toContain("http://user:password@host:port");
    } finally {
      refusing.closeAllConnections();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it.concurrent("a write the proxy refused the tunnel for was never sent: not reported as an outcome unknown", async ({
    expect,
  }) => {
    // A proxy that lets the token request through but not the API (an allow-list): the write's own
    // request never left, so "Hotmart may have applied this write" would send the user checking for nothing.
    const refusing = createServer((_req, res) => res.writeHead(405).end());
    refusing.on("connect", (_req, socket: Socket) => {
      socket.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
      const result = await runCli(["--total-timeout", "15", "subscriptions", "cancel", "CJERFXPD", "--yes"], {
        // The token from the simulator directly (loopback), the API only through the proxy.
        env: viaHotmartTest({ HTTP_PROXY: url, HOTMART_AUTH_URL: sim.authURL }),
      });
      expect(result.code).toBe(5);
      expect(result.stderr).toContain("the proxy refused the tunnel: it answered CONNECT with 403");
      expect(result.stderr).not.toMatch(/outcome is unknown/i);
    } finally {
      refusing.closeAllConnections();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it("never sends loopback through it: the simulator on 127.0.0.1 is reached directly", async () => {
    tunnels.length = 0;
    const result = await runCli(["products", "list", "--json"], {
      env: simEnv(sim, { HTTP_PROXY: proxyURL, HTTPS_PROXY: proxyURL }),
    });
    expect(result.code).toBe(0);
    expect(tunnels).toEqual([]);
  });
});

describe("proxySettings", () => {
  it("reads the variables as undici does, adds loopback to NO_PROXY, whatever NODE_USE_ENV_PROXY says", () => {
    expect(proxySettings({})).toBeUndefined();
    expect(proxySettings({ HTTPS_PROXY: "proxy.corp:3128" })).toEqual({
      httpsProxy: "http://proxy.corp:3128",
      noProxy: "localhost,127.0.0.1,[::1]",
    });
    expect(proxySettings({ http_proxy: "http://a:1", HTTP_PROXY: "http://b:2", NO_PROXY: ".corp" })).toEqual({
      httpProxy: "http://a:1",
      noProxy: ".corp,localhost,127.0.0.1,[::1]",
    });
    // Node 20 ignores NODE_USE_ENV_PROXY: the binary routes by the variables all the same.
    expect(proxySettings({ HTTPS_PROXY: "http://p:1", NODE_USE_ENV_PROXY: "1" })?.httpsProxy).toBe(
      "http://p:1",
    );
    expect(() => proxySettings({ HTTPS_PROXY: "http://exa mple:1" })).toThrow(
      /HTTPS_PROXY is not a proxy URL/,
    );
  });

  it("proxyFor names the proxy a URL goes through, and none for NO_PROXY hosts and loopback", () => {
    const env = {
      HTTPS_PROXY: "http://u:p@proxy.corp:3128",
      http_proxy: "http://plain:80",
      NO_PROXY: ".internal",
    };
    expect(proxyFor("https://developers.hotmart.com", env)).toBe("http://***@proxy.corp:3128 (HTTPS_PROXY)");
    expect(proxyFor("http://sim.example:8080", env)).toBe("http://plain (http_proxy)");
    expect(proxyFor("https://api.internal", env)).toBeUndefined();
    expect(proxyFor("http://127.0.0.1:3000", env)).toBeUndefined();
    expect(proxyFor("https://developers.hotmart.com", {})).toBeUndefined();
    // HTTPS without HTTPS_PROXY goes through HTTP_PROXY, as undici's EnvHttpProxyAgent sends it.
    expect(proxyFor("https://developers.hotmart.com", { HTTP_PROXY: "http://p:1" })).toBe(
      "http://p:1 (HTTP_PROXY)",
    );
  });

  it("useProxyFromEnv refuses a proxy it cannot use, naming the variable (the binary exits 2 on it)", async () => {
    await expect(useProxyFromEnv({ HTTPS_PROXY: "socks5://127.0.0.1:1080" })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/HTTPS_PROXY=socks5:\/\/127\.0\.0\.1:1080: only HTTP and HTTPS proxies/),
    });
    // Nothing set, nothing done: no dispatcher installed, undici not even loaded.
    await expect(useProxyFromEnv({})).resolves.toBeUndefined();
  });

  it("shows a proxy without its password", () => {
    expect(showProxy("http://user:pa55@proxy.corp:3128")).toBe("http://***@proxy.corp:3128");
    expect(showProxy("http://proxy.corp:3128/")).toBe("http://proxy.corp:3128");
  });
});
