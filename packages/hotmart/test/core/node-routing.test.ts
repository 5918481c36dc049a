// The SDK's Node transport leaves the app's routing alone (src/internal/node-routing.ts): an undici
// dispatcher installed with setGlobalDispatcher (a proxy, a mock), Node's env proxy support, an http(s)
// global agent replaced by a proxy library. Real HTTP over loopback: a CONNECT proxy that counts tunnels.
import { createServer, globalAgent, Agent as HttpAgent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Hotmart } from "hotmart";
import { Agent, MockAgent, ProxyAgent, setGlobalDispatcher } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { agentFor, appDispatcher, envProxyOn } from "../../src/internal/node-routing";
import { startConnectProxy } from "../helpers/connect-proxy";

const DISPATCHER = Symbol.for("undici.globalDispatcher.1");
const global = globalThis as unknown as Record<symbol, unknown>;
const dispatcherBefore = global[DISPATCHER];
const httpGlobalAgentBefore = globalAgent;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  // This file shares its worker with others: what it changed goes back as it was.
  global[DISPATCHER] = dispatcherBefore;
  (await import("node:http")).default.globalAgent = httpGlobalAgentBefore;
  await Promise.all(closers.splice(0).map((close) => close()));
});

function listen(server: Server): Promise<string> {
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/** A Hotmart-shaped API on loopback: a token and an empty sales page; it records each request's path. */
async function api(): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const host = await listen(
    createServer((req, res) => {
      paths.push((req.url ?? "").split("?")[0] as string);
      res.setHeader("content-type", "application/json");
      res.end(
        req.url?.startsWith("/token")
          ? JSON.stringify({ access_token: "tok-routing", expires_in: 3600 })
          : JSON.stringify({ items: [], page_info: { total_results: 0 } }),
      );
    }),
  );
  return { url: `http://${host}`, paths };
}

function client(url: string): Hotmart {
  return new Hotmart({ clientId: "id", clientSecret: "secret", baseURL: url, authURL: `${url}/token` });
}

describe("the Node transport and the app's routing", () => {
  it("goes through a proxy the app installed with undici's setGlobalDispatcher(new ProxyAgent(...))", async () => {
    const target = await api();
    const proxy = await startConnectProxy();
    closers.push(proxy.close);
    const agent = new ProxyAgent(proxy.url);
    closers.push(() => agent.close());
    setGlobalDispatcher(agent);

    const hotmart = client(target.url);
    await hotmart.sales.history();
    await hotmart.close();

    expect(target.paths).toEqual(["/token", "/payments/api/v1/sales/history"]);
    // Both requests went through the tunnel; the SDK's own agents would have gone straight to the API.
    expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1);
    expect(new Set(proxy.tunnels)).toEqual(new Set([target.url.slice("http://".length)]));
  });

  it("is answered by an undici MockAgent a test installed, with no connection to the network", async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    const origin = mock.get("http://hotmart.mock");
    origin
      .intercept({ path: (p) => p.startsWith("/token"), method: "POST" })
      .reply(200, { access_token: "t", expires_in: 3600 });
    origin
      .intercept({ path: (p) => p.startsWith("/payments/api/v1/sales/history"), method: "GET" })
      .reply(200, { items: [{ purchase: { transaction: "HP00000000000001" } }], page_info: {} });
    setGlobalDispatcher(mock);

    const hotmart = client("http://hotmart.mock");
    const page = await hotmart.sales.history();
    await hotmart.close();

    expect(page.items).toHaveLength(1);
    mock.assertNoPendingInterceptors();
  });

  it("keeps its own transport when the dispatcher is a plain Agent, as Node's fetch installs for itself", async () => {
    const target = await api();
    const proxy = await startConnectProxy();
    closers.push(proxy.close);
    setGlobalDispatcher(new Agent());

    const hotmart = client(target.url);
    await hotmart.sales.history();
    await hotmart.close();

    expect(target.paths).toEqual(["/token", "/payments/api/v1/sales/history"]);
    expect(proxy.tunnels).toEqual([]);
  });

  it("sends on the app's http.globalAgent when a library replaced it (global-agent, proxy-agent)", async () => {
    const target = await api();
    const connections: string[] = [];
    // What a proxy library's agent is: not a plain http.Agent. This one counts the sockets it opens.
    class CountingAgent extends HttpAgent {
      override createConnection(...args: Parameters<HttpAgent["createConnection"]>) {
        connections.push(String((args[0] as { port?: unknown }).port));
        return super.createConnection(...args);
      }
    }
    const http = (await import("node:http")).default;
    const appAgent = new CountingAgent({ keepAlive: false });
    http.globalAgent = appAgent;
    closers.push(async () => appAgent.destroy());

    const hotmart = client(target.url);
    await hotmart.sales.history();
    await hotmart.close();

    expect(target.paths).toEqual(["/token", "/payments/api/v1/sales/history"]);
    expect(connections.length).toBeGreaterThanOrEqual(1);
  });
});

describe("appDispatcher", () => {
  it("is the dispatcher when it is not a plain Agent, and undefined otherwise", () => {
    class ProxyAgent {}
    class Agent {}
    const proxy = new ProxyAgent();
    expect(appDispatcher({ [DISPATCHER]: proxy })).toBe(proxy);
    expect(appDispatcher({ [DISPATCHER]: new Agent() })).toBeUndefined();
    expect(appDispatcher({})).toBeUndefined();
    expect(appDispatcher({ [DISPATCHER]: "not a dispatcher" })).toBeUndefined();
    expect(appDispatcher({ [DISPATCHER]: Object.create(null) })).toBeDefined();
  });
});

describe("envProxyOn", () => {
  it("follows NODE_USE_ENV_PROXY=1 and --use-env-proxy, the command line winning over NODE_OPTIONS", () => {
    expect(envProxyOn({}, [])).toBe(false);
    expect(envProxyOn({ NODE_USE_ENV_PROXY: "1" }, [])).toBe(true);
    expect(envProxyOn({ NODE_USE_ENV_PROXY: "0" }, [])).toBe(false);
    expect(envProxyOn({}, ["--use-env-proxy"])).toBe(true);
    expect(envProxyOn({ NODE_OPTIONS: "--max-old-space-size=512 --use-env-proxy" }, [])).toBe(true);
    expect(envProxyOn({ NODE_USE_ENV_PROXY: "1" }, ["--no-use-env-proxy"])).toBe(false);
    expect(envProxyOn({ NODE_OPTIONS: "--no-use-env-proxy" }, ["--use-env-proxy"])).toBe(true);
    expect(envProxyOn({ NODE_OPTIONS: "--use-env-proxy --no-use-env-proxy" }, [])).toBe(false);
  });
});

describe("agentFor", () => {
  it("is the module's global agent when it is not a plain Agent, else the SDK's own", () => {
    class Agent {}
    class ProxyLibraryAgent {}
    const own = new Agent();
    const replaced = new ProxyLibraryAgent();
    expect(agentFor({ Agent, globalAgent: new Agent() }, own)).toBe(own);
    expect(agentFor({ Agent, globalAgent: replaced }, own)).toBe(replaced);
    expect(agentFor({ Agent, globalAgent: undefined }, own)).toBe(own);
  });
});
