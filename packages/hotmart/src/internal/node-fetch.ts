/**
 * The SDK's default way to send a request on Node: `node:http`/`node:https` behind a fetch-shaped
 * function. Node's own fetch (undici) costs about twice the CPU per request on loopback (225 against
 * 112 µs, bench/overhead.mjs and CONTRIBUTING.md, Performance), and its web streams churn memory a long
 * export pays for; the SDK reads every body whole anyway, so it needs none of what streams buy.
 *
 * It behaves as fetch does where the SDK relies on it: keep-alive connections, gzip/deflate/br bodies
 * decoded, redirects followed (the Authorization header is dropped when the origin changes), the
 * request cancelled on the wire when `init.signal` aborts. An idle connection is closed after 4 s (as
 * undici does), before most servers close theirs, so a request seldom goes out on a connection the
 * server is closing (one idle longer, kept past its timer by a frozen process, is closed before a
 * request can take it); when a read does, it is sent once more on a new one. A write never is: the server
 * may have read it, and the SDK's retry rules decide (a reset write's outcome is unknown).
 *
 * Where the app routes Node's connections (a proxy, a mock dispatcher, Node's env proxy support), its
 * requests go the app's way: through the global fetch, or the app's global agent (node-routing.ts).
 *
 * Loaded on the first request, and only on Node (default-fetch.ts): a browser or Worker bundle never
 * contains it, and the builtins come from `process.getBuiltinModule`, which bundlers do not follow.
 */
import type * as Http from "node:http";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import type * as Zlib from "node:zlib";
import { agentFor, appDispatcher, envProxyOn } from "./node-routing";
import { onAbort } from "./signals";

type HttpModule = typeof Http;
type Builtin = (id: string) => unknown;

const MAX_REDIRECTS = 20;
/**
 * The largest body read, decoded: 64 MiB, a hundred times Hotmart's largest page. Past it the request
 * is cancelled. Without a cap, a server that is not Hotmart (a wrong baseURL, something in between)
 * could send a small gzip that inflates to gigabytes: the string outgrew V8's limit, and the RangeError,
 * thrown in a stream handler, crashed the process.
 */
export const MAX_BODY = 64 * 1024 * 1024;
const TOO_LARGE = `the response body is larger than ${MAX_BODY / 1024 / 1024} MiB (no Hotmart answer is near that): not read. Check baseURL and authURL point at Hotmart`;
/** How long a connection may sit idle for reuse: undici's default, under the 5 s of Node's servers. */
const IDLE_MS = 4_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** What a keep-alive race looks like: the idle socket was closed just as the request went out. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE"]);

/** A Response whose body the transport has already read: `text()` hands back that string. */
class ReadResponse extends Response {
  readonly #text: string;
  readonly #url: string;
  readonly #redirected: boolean;

  constructor(text: string, init: ResponseInit, url: string, redirected: boolean) {
    super(null, init);
    this.#text = text;
    this.#url = url;
    this.#redirected = redirected;
  }
  override get url(): string {
    return this.#url;
  }
  override get redirected(): boolean {
    return this.#redirected;
  }
  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }
  override async json(): Promise<unknown> {
    return JSON.parse(this.#text);
  }
}

/** A fetch-shaped function over node:http and node:https. */
export function createNodeFetch(getBuiltin: Builtin): typeof fetch {
  const http = getBuiltin("node:http") as HttpModule;
  const https = getBuiltin("node:https") as HttpModule;
  const zlib = getBuiltin("node:zlib") as typeof Zlib;
  // Idle sockets are unref'ed by Node's agent: they never keep a script's process alive. `timeout` closes
  // a socket idle that long (the agent applies it to free sockets; a request's time is the SDK's own).
  const options = { keepAlive: true, timeout: IDLE_MS };
  const agents = { "http:": new http.Agent(options), "https:": new https.Agent(options) };
  // When each pooled connection was last handed back, on the monotonic clock.
  const freedAt = new WeakMap<object, number>();
  for (const agent of Object.values(agents))
    agent.on("free", (socket) => freedAt.set(socket, performance.now()));

  /**
   * Closes our pooled connections that have been idle longer than IDLE_MS. Their idle timer should have
   * closed them; they are still here because this process did not run when it was due: it was frozen
   * (SIGSTOP, a Lambda between invocations) or stalled, and on the thaw a request can be sent before that
   * timer runs. The server has most likely closed such a connection meanwhile: a request sent on it
   * fails with ECONNRESET without reaching the server, and a write is then reported as "outcome
   * unknown". Taken out of the pool (a destroyed socket left in it could still be handed out) and closed.
   */
  function dropOverdue(agent: Http.Agent): void {
    const now = performance.now();
    for (const name in agent.freeSockets) {
      const free = agent.freeSockets[name] ?? [];
      for (let i = free.length - 1; i >= 0; i--) {
        const socket = free[i] as Socket;
        if (now - (freedAt.get(socket) ?? now) < IDLE_MS) continue;
        free.splice(i, 1);
        socket.destroy();
      }
    }
  }
  const proc = getBuiltin("node:process") as NodeJS.Process;
  // Read once: Node reads its proxy settings once too, at start-up.
  const envProxy = envProxyOn(proc.env, proc.execArgv);

  const nodeFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    // Checked at each request, as the app may install its dispatcher after the SDK's first request.
    if (envProxy || appDispatcher()) return fetch(input, init);
    let url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    let method = (init.method ?? "GET").toUpperCase();
    let body = bodyText(init.body);
    const headers = plainHeaders(init.headers);
    for (let hops = 0; ; hops++) {
      const { status, statusText, rawHeaders, text } = await send(url, method, headers, body, init.signal);
      const location = REDIRECTS.has(status) ? rawHeaders.get("location") : null;
      if (location === null || init.redirect === "manual") {
        return new ReadResponse(text, { status, statusText, headers: rawHeaders }, url.href, hops > 0);
      }
      if (init.redirect === "error" || hops >= MAX_REDIRECTS) {
        throw new TypeError(`fetch failed: redirect to ${new URL(location, url).origin} not followed`);
      }
      const next = new URL(location, url);
      if (next.origin !== url.origin) delete headers.authorization;
      // As fetch: 303, and 301/302 after a POST, turn into a GET without a body.
      if (status === 303 || ((status === 301 || status === 302) && method === "POST")) {
        method = method === "HEAD" ? "HEAD" : "GET";
        body = undefined;
        delete headers["content-type"];
      }
      url = next;
    }
  };

  function send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | null | undefined,
    retried = false,
  ): Promise<{ status: number; statusText: string; rawHeaders: Headers; text: string }> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const module = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
      if (!module) return reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
      let request: Http.ClientRequest;
      let received = false;
      let settled = false;
      const unlink = onAbort(signal ?? undefined, (reason) => {
        settled = true;
        request?.destroy();
        reject(reason);
      });
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        unlink();
        reject(error);
      };
      try {
        const own = agents[url.protocol as "http:" | "https:"];
        const agent = agentFor(module, own);
        if (agent === own) dropOverdue(own);
        // `module.request` at call time, not a copy taken at load: tools that patch node:http (msw, nock)
        // see the SDK's requests.
        request = module.request(url, { method, agent, headers: withLength(headers, method, body) });
      } catch (error) {
        // An invalid header value or name: fetch says so with a TypeError too.
        return fail(new TypeError("fetch failed", { cause: error }));
      }
      request.on("error", (error: NodeJS.ErrnoException) => {
        if (
          !received &&
          !retried &&
          (method === "GET" || method === "HEAD") &&
          request.reusedSocket &&
          STALE_SOCKET.has(error.code ?? "")
        ) {
          if (settled) return;
          settled = true;
          unlink();
          send(url, method, headers, body, signal, true).then(resolve, reject);
          return;
        }
        fail(error);
      });
      request.on("response", (response) => {
        received = true;
        // A body declared too large is refused before any of it is read.
        if (Number(response.headers["content-length"]) > MAX_BODY) {
          request.destroy();
          return fail(new Error(TOO_LARGE));
        }
        let rawHeaders: Headers;
        try {
          rawHeaders = toHeaders(response.rawHeaders);
        } catch (error) {
          // A header Headers refuses (this runs in an event handler: a throw would crash the process).
          request.destroy();
          return fail(new TypeError("fetch failed: invalid response header", { cause: error }));
        }
        // Decoded as it arrives (a character split between two chunks waits for the rest): each chunk's
        // bytes are let go at once, rather than held, then joined into one more copy, outside the JS heap.
        let text = "";
        const decoded = decode(
          zlib,
          response,
          rawHeaders.get("content-encoding"),
          method,
          response.statusCode,
        );
        decoded.setEncoding("utf8");
        decoded.on("data", (chunk: string) => {
          if (settled) return;
          // Counted decoded (a compressed body's length says nothing of what it inflates to), in
          // characters: a string's size in memory, whatever the bytes were.
          if (text.length + chunk.length > MAX_BODY) {
            request.destroy();
            // The decoder too, or it would go on inflating what it holds.
            (decoded as Readable).destroy();
            return fail(new Error(TOO_LARGE));
          }
          text += chunk;
        });
        decoded.on("error", fail);
        response.on("aborted", () => fail(new Error("the connection closed before the body ended")));
        response.on("error", fail);
        decoded.on("end", () => {
          if (settled) return;
          settled = true;
          unlink();
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? "",
            rawHeaders,
            text,
          });
        });
      });
      request.end(body);
    });
  }

  return nodeFetch as typeof fetch;
}

/** The body stream, decompressed as its Content-Encoding says (as fetch does). */
function decode(
  zlib: typeof Zlib,
  response: Http.IncomingMessage,
  encoding: string | null,
  method: string,
  status: number | undefined,
): NodeJS.ReadableStream {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === "identity" || method === "HEAD" || status === 204 || status === 304)
    return response;
  const decoder =
    coding === "gzip" || coding === "x-gzip"
      ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
      : coding === "deflate"
        ? zlib.createInflate()
        : coding === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return response;
  return response.pipe(decoder);
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

/** Header names lower-cased (as Headers keeps them), values as strings; unset values are left out. */
function plainHeaders(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  const entries =
    init instanceof Headers || Array.isArray(init)
      ? [...(init as Iterable<[string, string]>)]
      : Object.entries(init as Record<string, string | undefined>);
  for (const [name, value] of entries) if (value !== undefined) out[name.toLowerCase()] = String(value);
  // What fetch sends unless told otherwise: compressed bodies, decoded here.
  out["accept-encoding"] ??= "gzip, deflate, br";
  return out;
}

function bodyText(body: BodyInit | null | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError("the SDK's Node transport sends string bodies only");
}

/** As fetch: a body's length, and 0 for a body-less POST, PUT or PATCH; nothing for a GET. */
function withLength(headers: Record<string, string>, method: string, body: string | undefined) {
  if (body !== undefined) return { ...headers, "content-length": String(Buffer.byteLength(body, "utf8")) };
  return method === "POST" || method === "PUT" || method === "PATCH"
    ? { ...headers, "content-length": "0" }
    : headers;
}
