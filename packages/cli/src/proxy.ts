/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or their lower-case forms), honoured as the GitHub and Stripe
 * CLIs honour them, with the meaning Node gives them under NODE_USE_ENV_PROXY (both are undici's
 * EnvHttpProxyAgent): an https request goes through HTTPS_PROXY, or HTTP_PROXY when that is unset.
 * Node's fetch does so itself only with NODE_USE_ENV_PROXY=1 (Node 22.21 and 24.5 on), so the binary
 * installs undici's EnvHttpProxyAgent as the process's dispatcher; the SDK's transport follows a
 * dispatcher the app installed (hotmart's node-routing.ts), and so does the fetch of `webhooks trigger`
 * and `doctor`. Loopback is never sent to the proxy (the simulator, a local app under `webhooks
 * trigger`), as Go's net/http does for those two CLIs.
 */

import { CliError, EXIT } from "./exit";

type Env = Record<string, string | undefined>;

/** Hosts that are this machine: a proxy elsewhere could not reach them. */
const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** The proxy settings in `env`, or undefined when none is set. */
export function proxySettings(
  env: Env,
): { httpProxy?: string; httpsProxy?: string; noProxy: string } | undefined {
  const httpProxy = proxyURL(env, "http_proxy", "HTTP_PROXY");
  const httpsProxy = proxyURL(env, "https_proxy", "HTTPS_PROXY");
  // Installed even where NODE_USE_ENV_PROXY=1 is set: Node 20 ignores it, and where Node honours it this
  // is the same agent with loopback going direct.
  if (!httpProxy && !httpsProxy) return undefined;
  const noProxy = [env.no_proxy ?? env.NO_PROXY ?? "", ...LOOPBACK].filter(Boolean).join(",");
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy };
}

/**
 * The proxy a variable names, as a URL. Without a scheme it is http://, as curl and Go read it; a proxy
 * that is not HTTP(S) (socks5://) is refused before any request, rather than sent around.
 */
function proxyURL(env: Env, lower: string, upper: string): string | undefined {
  const name = env[lower] ? lower : upper;
  const value = env[name]?.trim();
  if (!value) return undefined;
  const url = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`${name} is not a proxy URL: write it as http://host:port`, EXIT.USAGE);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new CliError(
      `${name}=${showProxy(url)}: only HTTP and HTTPS proxies are supported; unset it or give an http:// proxy`,
      EXIT.USAGE,
    );
  }
  return url;
}

/** A proxy URL as it may be shown: without the user and password it may carry. */
export function showProxy(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = "***";
      parsed.password = "";
    }
    return parsed.href.replace(/\/$/, "");
  } catch {
    return "(not a URL)";
  }
}

/**
 * The proxy a request to `target` goes through, in words for `doctor` (the variable's name and the URL
 * without its password), or undefined when it goes direct.
 */
export function proxyFor(target: string, env: Env): string | undefined {
  const settings = proxySettings(env);
  if (!settings) return undefined;
  const url = new URL(target);
  const host = url.host.replace(/:\d*$/, "").toLowerCase();
  const bypass = settings.noProxy
    .split(/[,\s]/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === "*") return true;
      const name = entry
        .replace(/:\d+$/, "")
        .replace(/^\*?\./, "")
        .toLowerCase();
      return host === name || host.endsWith(`.${name}`);
    });
  if (bypass) return undefined;
  const https = url.protocol === "https:" && settings.httpsProxy;
  const proxy = https ? settings.httpsProxy : settings.httpProxy;
  if (!proxy) return undefined;
  const name = https
    ? env.https_proxy
      ? "https_proxy"
      : "HTTPS_PROXY"
    : env.http_proxy
      ? "http_proxy"
      : "HTTP_PROXY";
  return `${showProxy(proxy)} (${name})`;
}

/**
 * Routes the process's requests through the proxy the environment names. Called once the .env file is
 * read, so a proxy set there counts too. Loads undici only when a proxy is set.
 */
export async function useProxyFromEnv(env: Env = process.env): Promise<void> {
  const settings = proxySettings(env);
  if (!settings) return;
  const { EnvHttpProxyAgent, Pool, setGlobalDispatcher } = await import("undici");
  setGlobalDispatcher(new EnvHttpProxyAgent({ ...settings, clientFactory: tunnelFailsFast(Pool) }));
}

/** What a tunnel the proxy closed without answering its CONNECT fails with. */
const TUNNEL_CLOSED = "the proxy closed the connection without answering CONNECT (it refused the tunnel)";

/** What a tunnel the proxy answered with another status than 200 fails with. */
function refused(status: number): string {
  const what = `the proxy refused the tunnel: it answered CONNECT with ${status}`;
  return status === 407
    ? `${what} (Proxy Authentication Required): give its user and password in the proxy URL, http://user:password@host:port`
    : what;
}

/**
 * The connections to the proxy, made so that a CONNECT the proxy closes unanswered fails the request.
 * undici 7 (the last for Node 20) takes that for a socket to try again at once, and does so until the
 * request is aborted: thousands of connections a second to a proxy that refuses tunnels by closing them
 * (one without CONNECT support, such as a plain node:http proxy, does), and a command that said nothing
 * until its total timeout (nodejs/undici#3897, fixed in undici 8, which needs Node 22). Any error but
 * UND_ERR_SOCKET fails the request: this one has no code, so its message is what the user reads.
 */
function tunnelFailsFast<P extends { connect(...args: never[]): unknown }>(
  Pool: new (origin: URL, options: object) => P,
) {
  return (origin: URL, options: object): P => {
    const pool = new Pool(origin, options);
    const connect = pool.connect.bind(pool) as (params: unknown, callback?: unknown) => unknown;
    (pool as { connect: unknown }).connect = (params: unknown, callback?: unknown) => {
      if (callback !== undefined) return connect(params, callback);
      return (connect(params) as Promise<{ statusCode: number; socket: { destroy(): void } }>).then(
        (tunnel) => {
          // undici's own error for this reaches the user as fetch's "Request was cancelled": say why.
          if (tunnel.statusCode === 200) return tunnel;
          tunnel.socket.destroy();
          throw new Error(refused(tunnel.statusCode));
        },
        (error: { code?: unknown }) => {
          if (error?.code !== "UND_ERR_SOCKET") throw error;
          throw new Error(TUNNEL_CLOSED, { cause: error });
        },
      );
    };
    return pool;
  };
}
