/**
 * What the app has told Node about how to connect, which the SDK's node:http transport (node-fetch.ts)
 * must not go around. Before that transport, the SDK sent through Node's fetch, so an app behind a
 * corporate proxy (undici's `setGlobalDispatcher(new ProxyAgent(...))` or `EnvHttpProxyAgent`), a test
 * that answers with undici's `MockAgent`, or a process run with `NODE_USE_ENV_PROXY=1` had the SDK's
 * requests go its way. They still do: on such a process the SDK sends through the global fetch.
 *
 * What cannot be told apart: a plain undici `Agent` is also what Node's fetch installs for itself on
 * its first use, so an app's own `Agent` (a CA, timeouts) looks like Node's. Such an app passes
 * `fetch: globalThis.fetch` to the client (the README says so).
 */

/** Where undici (Node's fetch, and the undici package) keeps the dispatcher every fetch goes through. */
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

/** The global dispatcher when the app installed one of its own (not a plain `Agent`), else undefined. */
export function appDispatcher(global: object = globalThis): object | undefined {
  const dispatcher = (global as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  if (typeof dispatcher !== "object" || dispatcher === null) return undefined;
  return dispatcher.constructor?.name === "Agent" ? undefined : dispatcher;
}

/**
 * Node's own proxy support is on (Node 22.21 and 24.5 on): its fetch then honours HTTP_PROXY,
 * HTTPS_PROXY and NO_PROXY, and the SDK's own agents would not. Node reads it once, at start-up.
 */
export function envProxyOn(env: Record<string, string | undefined>, execArgv: readonly string[]): boolean {
  const flag = (args: readonly string[]) => {
    // The last of --use-env-proxy / --no-use-env-proxy wins, as Node's options do.
    for (let i = args.length - 1; i >= 0; i--) {
      if (args[i] === "--use-env-proxy") return true;
      if (args[i] === "--no-use-env-proxy") return false;
    }
    return undefined;
  };
  // The command line wins over NODE_OPTIONS, which wins over the variable (Node's own precedence).
  return flag(execArgv) ?? flag((env.NODE_OPTIONS ?? "").split(/\s+/)) ?? env.NODE_USE_ENV_PROXY === "1";
}

/**
 * The agent a request to `module` goes out on: the app's when it replaced the module's global agent
 * with one that is not a plain `Agent` (global-agent, proxy-agent, hpagent: proxies), else the SDK's.
 */
export function agentFor<A>(module: { globalAgent: unknown; Agent: { prototype: object } }, own: A): A {
  const global = module.globalAgent;
  return typeof global === "object" &&
    global !== null &&
    Object.getPrototypeOf(global) !== module.Agent.prototype
    ? (global as A)
    : own;
}
