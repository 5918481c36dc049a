/// <reference lib="esnext.disposable" />
import { APIPromise, type RateLimitInfo, type RawResult, readRateLimit } from "./core/api-promise";
import { HotmartError, HotmartInputError } from "./core/errors";
import type { RateLimiter, RateLimitSnapshot } from "./core/rate-limiter";
import { HTTP_METHODS, type HttpMethod, type RequestOptions, type ValidateMode } from "./core/types";
import { Export } from "./export";
import { type StoredToken, TokenManager, type TokenStore } from "./internal/auth";
import { defaultFetch } from "./internal/default-fetch";
import { envRefusals, parseBooleanEnv, readEnv } from "./internal/env";
import { honouringSignal } from "./internal/http";
import { isLogLevel, Log, type Logger, type LogLevel } from "./internal/log";
import { callHeadersAndSignal, positive, validateMode, wholeNumber } from "./internal/option-values";
import { type Cancellable, execute, type PipelineContext } from "./internal/pipeline";
import { MemoryRateLimiter, type RateLimitOptions } from "./internal/rate-limit";
import { globalRedactor, Redactor } from "./internal/redact";
import type { SchemaRegistry } from "./internal/schema-check";
import { Access, Club, Coupons, Events, Negotiation, Products, Sales, Subscriptions } from "./resources";

/** Hotmart's API host for production credentials: the default `baseURL`. */
export const PRODUCTION_URL = "https://developers.hotmart.com";
/** Hotmart's API host for sandbox credentials (same paths, fictitious data): used with `sandbox: true`. */
export const SANDBOX_URL = "https://sandbox.hotmart.com";
/** The token host is the same for production and sandbox credentials. */
export const AUTH_URL = "https://api-sec-vlc.hotmart.com/security/oauth/token";

/**
 * Options of `new Hotmart({ ... })`. Every one is optional: credentials and the settings named with an
 * environment variable are read from the environment when not given (an option given wins).
 *
 * @example
 * const hotmart = new Hotmart({
 *   clientId: process.env.HOTMART_CLIENT_ID,
 *   clientSecret: process.env.HOTMART_CLIENT_SECRET,
 *   sandbox: true,
 *   maxRetries: 5,
 *   logLevel: "info",
 * });
 */
export interface ClientOptions {
  /** HOTMART_CLIENT_ID. The credential's client id, from Hotmart under Tools → Developer Credentials. */
  clientId?: string | undefined;
  /** HOTMART_CLIENT_SECRET. The credential's client secret; never logged nor shown in errors. */
  clientSecret?: string | undefined;
  /** HOTMART_BASIC. The ready-made Basic value from the Hotmart panel; derived from id:secret when absent. */
  basic?: string | undefined;
  /** HOTMART_SANDBOX. Sends every API call to sandbox.hotmart.com (the token host stays the same). */
  sandbox?: boolean | undefined;
  /** HOTMART_BASE_URL. One origin for every API group, e.g. a local simulator. */
  baseURL?: string | undefined;
  /**
   * HOTMART_AUTH_URL. The token endpoint. Default: Hotmart's token host when `baseURL` is a Hotmart
   * host; otherwise `<origin of baseURL>/security/oauth/token` (where hotmart-simulator serves it).
   */
  authURL?: string | undefined;
  /** Per-attempt timeout in ms (default 30 000; at most 2147483647, the longest a timer can wait). */
  timeout?: number | undefined;
  /** Budget in ms for one call across all its attempts and waits (default 180 000; at most 2147483647). */
  totalTimeout?: number | undefined;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number | undefined;
  /** HOTMART_LOG. Default "off". */
  logLevel?: LogLevel | undefined;
  /** Any console-like logger (default console). */
  logger?: Logger | undefined;
  /**
   * The fetch requests go through: proxies, tests, instrumentation. Default: on Node, the SDK's own
   * transport over node:http (fetch's behaviour at half its CPU per request); elsewhere the global fetch.
   * On Node a global fetch replaced after the SDK loaded (a test's stub, msw) is used instead.
   */
  fetch?: typeof fetch | undefined;
  /** Client-wide rate limiting (default 500 requests a minute, Hotmart's quota), or false to turn it off. */
  rateLimit?: RateLimitOptions | false | undefined;
  /**
   * The rate limiter to send through (default: a `MemoryRateLimiter` built from `rateLimit`). Pass one
   * shared by every process on this credential, e.g. `new RedisRateLimiter(redis)` from hotmart-redis.
   * Takes precedence over `rateLimit`. It stays yours: `close()` leaves it open (see {@link Hotmart.close}).
   */
  limiter?: RateLimiter | undefined;
  /** Response validation against hotmart/schemas (default "off"). */
  validate?: ValidateMode | undefined;
  /**
   * The response schemas for `validate`: `import { registry } from "hotmart/schemas"`. Optional on Node,
   * Bun and Deno (loaded on first use); pass it in bundled apps (Workers, Next.js), where the SDK does not
   * import zod behind your bundler's back.
   */
  schemas?: SchemaRegistry | undefined;
  /** Where access tokens are cached (default: in memory, per client). */
  tokenStore?: TokenStore | undefined;
  /** Headers added to every API request. */
  defaultHeaders?: Record<string, string> | undefined;
}

/** Options a clone may change. Credentials, limiter and token cache stay shared with the original. */
export type CloneOptions = Pick<
  ClientOptions,
  | "timeout"
  | "totalTimeout"
  | "maxRetries"
  | "logLevel"
  | "logger"
  | "validate"
  | "defaultHeaders"
  | "schemas"
>;

interface Shared {
  auth: TokenManager;
  limiter: RateLimiter | undefined;
  /** The limiter made from `rateLimit`, which close() closes; a `limiter` given is the app's to close. */
  ownLimiter: MemoryRateLimiter | undefined;
  fetch: typeof fetch;
  baseURL: string;
  /** Calls in flight; close() aborts each. */
  inflight: Set<Cancellable>;
  closed: boolean;
  sandbox: boolean;
  /** This client's masking scope (its secret, Basic value and tokens); released on close(). */
  redactor: Redactor;
  /** The headers of the last response any call of this client (or a clone) received, and when. */
  last: { headers: Headers; at: number } | undefined;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Lets withOptions() hand its shared state to a new instance without a public constructor parameter. */
const SHARED = Symbol("hotmart.shared");
/** And whether the client it came from is closed: closing a clone closes the clones made from it. */
const PARENT_CLOSED = Symbol("hotmart.parent-closed");
type InternalOptions = ClientOptions & { [SHARED]?: Shared; [PARENT_CLOSED]?: () => boolean };

/**
 * The Hotmart API client: one field per API group (`sales`, `subscriptions`, `products`, `coupons`,
 * `club`, `events`, `negotiation`, `access`), plus `export` and the raw `request()`. One client holds
 * one credential's token cache and rate limiter; create it once and share it.
 *
 * @example
 * const hotmart = new Hotmart(); // reads HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET
 * for await (const sale of hotmart.sales.history({ transaction_status: "APPROVED" })) {
 *   console.log(sale.purchase.transaction);
 * }
 */
export class Hotmart {
  // --- resources: one field per API group (src/resources); each method is a few lines on the pipeline ---
  /** Sales reports (history, summary, participants, commissions, price details) and refunds. */
  readonly sales: Sales = new Sales(this);
  /** Subscriptions: list, summary, purchases, transactions; cancel, reactivate, change the due day. */
  readonly subscriptions: Subscriptions = new Subscriptions(this);
  /** Products, and their offers and plans (by product `ucode`): /products/api/v1/products. */
  readonly products: Products = new Products(this);
  /** Discount coupons of a product: create, list, delete (paths under /products/api/v1). */
  readonly coupons: Coupons = new Coupons(this);
  /** Hotmart Club, the members area of a `subdomain`: modules, pages, students, progress and lessons. */
  readonly club: Club = new Club(this);
  /** Events sold as ETICKET products (event id = product id): event info and ticket participants. */
  readonly events: Events = new Events(this);
  /** Negotiation of a subscription's overdue recurrences, paid by PIX or boleto (docs/api-notes.md §8.7). */
  readonly negotiation: Negotiation = new Negotiation(this);
  /** "Does this person have access?", answered from the REST API (see docs/access.md). */
  readonly access: Access = new Access(this);
  // --- end resources ---
  /** Fast, resumable export of whole date ranges (src/export). */
  readonly export: Export = new Export(this);

  readonly #shared: Shared;
  readonly #context: PipelineContext;
  readonly #options: Readonly<CloneOptions>;
  /** A withOptions() clone: its close() ends its own calls (and its clones') only. */
  readonly #clone: boolean;
  #closed = false;
  /** Closed itself, or the clone it came from was (the root's own close sets `shared.closed`). */
  readonly #isClosed: () => boolean;

  constructor(options: ClientOptions = {}) {
    const inherited = (options as InternalOptions)[SHARED];
    checkKeys(options, inherited !== undefined);
    const opts = inherited ? options : withEnvironment(options);
    const redactor = inherited?.redactor ?? new Redactor(globalRedactor);
    const log = makeLog(opts, redactor);
    this.#clone = inherited !== undefined;
    const parentClosed = (options as InternalOptions)[PARENT_CLOSED];
    this.#isClosed = () => this.#closed || this.#shared.closed || parentClosed?.() === true;
    this.#options = pickClone(opts);
    this.#shared = inherited ?? createShared(opts, log, redactor);
    this.#context = buildContext(this.#shared, this.#options, log, this.#isClosed);
  }

  /** A client with other defaults that shares this one's credentials, token cache and rate limiter. */
  withOptions(overrides: CloneOptions): Hotmart {
    return new Hotmart({
      ...this.#options,
      ...overrides,
      [SHARED]: this.#shared,
      [PARENT_CLOSED]: this.#isClosed,
    } as InternalOptions);
  }

  /**
   * The raw escape hatch through the whole pipeline (token, limiter, retries, errors). GET and DELETE
   * params become the query; other methods send them as the JSON body. Returns the parsed body.
   *
   * @example
   * const body = await hotmart.request<{ items: unknown[] }>("GET", "/payments/api/v1/sales/history", {
   *   transaction_status: "REFUNDED",
   *   max_results: 10,
   * });
   */
  request<T = unknown>(
    method: HttpMethod,
    path: string,
    params?: object,
    options?: RequestOptions,
  ): APIPromise<T> {
    return new APIPromise<T>(this.#request<T>(method, path, params, options));
  }

  async #request<T>(
    method: HttpMethod,
    path: string,
    params: object | undefined,
    options: RequestOptions | undefined,
  ): Promise<RawResult<T>> {
    if (!HTTP_METHODS.includes(method)) {
      throw new HotmartInputError(
        `Unsupported method ${JSON.stringify(method)}: use ${HTTP_METHODS.join(", ")}`,
      );
    }
    if (typeof path !== "string" || !path.startsWith("/")) {
      throw new HotmartInputError(`The path must start with "/" (got ${JSON.stringify(path)})`);
    }
    const query = method === "GET" || method === "DELETE";
    let raw: Response | undefined;
    let text = "";
    const onResponse = (response: Response, body: string) => {
      raw = response;
      text = body;
      this._sawResponse(response);
    };
    const data = await execute<T>(
      this._context(),
      query ? { method, path, query: params, onResponse } : { method, path, body: params, onResponse },
      options,
    );
    return { data, raw, text };
  }

  /**
   * The RateLimit-* headers of the last response this client (or a clone) received: `limit`,
   * `remaining`, `reset` (seconds) and `resetAt` (epoch ms). undefined before the first response, or when
   * Hotmart sent none.
   */
  get lastRateLimit(): RateLimitInfo | undefined {
    const last = this.#shared.last;
    return last ? readRateLimit(last.headers, last.at) : undefined;
  }

  /** @internal Every response the pipeline receives passes here, for `lastRateLimit`. */
  _sawResponse(response: Response): void {
    this.#shared.last = { headers: response.headers, at: Date.now() };
  }

  /** Number of token requests sent for this client's credentials (shared with its clones). */
  get tokenRequests(): number {
    return this.#shared.auth.grants;
  }

  /**
   * The quota as this client's limiter sees it now: `{ remaining, limit, resetAt, queued }`, or undefined
   * when rate limiting is off (or the given limiter keeps no snapshot).
   */
  get rateLimit(): RateLimitSnapshot | undefined {
    return this.#shared.limiter?.snapshot?.();
  }

  /** The API origin every call goes to: PRODUCTION_URL, SANDBOX_URL or the `baseURL` given (no final `/`). */
  get baseURL(): string {
    return this.#shared.baseURL;
  }

  /**
   * Cancels requests in flight and queued (those waiting for the rate limiter too), forgets the cached
   * token (a `tokenStore` you passed keeps its tokens for the other clients using it). Later calls fail,
   * and the clones made with withOptions() close too. A clone's close() ends only the clone: its own calls
   * are cancelled, and the client it came from (which holds the token and the limiter) goes on. The
   * limiter the client made (from `rateLimit`) is closed with it; a `limiter` you passed is yours and
   * stays open for the other clients on it: call its `close()` at shutdown if you want.
   */
  async close(): Promise<void> {
    if (this.#isClosed()) return;
    this.#closed = true;
    const reason = new HotmartError("The client was closed");
    if (this.#clone) {
      // Its own calls and its clones' (theirs now see it closed), not the rest.
      for (const call of this.#shared.inflight) if (call.ctx.isClosed()) call.abort(reason);
      return;
    }
    this.#shared.closed = true;
    for (const call of this.#shared.inflight) call.abort(reason);
    // Only the limiter this client made: one passed in is the app's, and may serve other clients (one
    // per account, shared by a client per request), made before this one or after it.
    await Promise.all([this.#shared.ownLimiter?.close(), this.#shared.auth.close()]);
    // Nothing can echo this client's secrets any more: release them.
    this.#shared.redactor.clear();
  }

  /** `await using hotmart = new Hotmart()`: calls {@link Hotmart.close} when the scope ends. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** @internal The pipeline context that resources run on. */
  _context(): PipelineContext {
    if (this.#isClosed()) throw new HotmartError("The client is closed: create a new one");
    return this.#context;
  }

  /** What `JSON.stringify(client)` prints: `{ baseURL, sandbox }`, never the credentials or tokens. */
  toJSON(): Record<string, unknown> {
    return { baseURL: this.#shared.baseURL, sandbox: this.#shared.sandbox };
  }

  /** What `util.inspect(client)` and `console.log(client)` show in Node: the host only, no secrets. */
  [INSPECT](): string {
    return `Hotmart { baseURL: '${this.#shared.baseURL}', sandbox: ${this.#shared.sandbox} }`;
  }
}

function createShared(opts: ClientOptions, log: Log, redactor: Redactor): Shared {
  const { clientId, clientSecret } = opts;
  if (!clientId || !clientSecret) {
    const first = clientId ? "HOTMART_CLIENT_SECRET" : "HOTMART_CLIENT_ID";
    throw new HotmartInputError(
      `Missing Hotmart credentials: set ${first}${clientId || clientSecret ? "" : " and HOTMART_CLIENT_SECRET"} ` +
        // Deno without --allow-env: the variable may be set, and Deno's refusal says how to allow it.
        `in the environment${envRefusals[first] ?? ""}, or pass clientId and ` +
        "clientSecret to new Hotmart({ ... }). Create them in Hotmart under Tools → Developer Credentials",
    );
  }
  // The panel (and the Python SDK's docs) show the value as "Basic <base64>"; accept it either way.
  const basic = opts.basic?.replace(/^\s*Basic\s+/i, "").trim() || base64(`${clientId}:${clientSecret}`);
  const baseURL = checkURL("baseURL", opts.baseURL ?? (opts.sandbox ? SANDBOX_URL : PRODUCTION_URL));
  const authURL = checkURL("authURL", opts.authURL ?? defaultAuthURL(baseURL));
  const given = opts.fetch;
  if (given !== undefined && typeof given !== "function") {
    throw new HotmartInputError(`fetch must be a function (got ${typeof given})`);
  }
  // The runtime's own fetch (`fetch: globalThis.fetch`, the README's way through a proxy) honours the
  // signal: only another one is wrapped, which costs a promise and a listener per request.
  const fetchFn = given ? (given === globalThis.fetch ? given : honouringSignal(given)) : defaultFetch();
  if (typeof fetchFn !== "function") {
    throw new HotmartInputError("No fetch in this runtime: pass one with new Hotmart({ fetch })");
  }
  let limiter: RateLimiter | undefined = opts.limiter;
  if (
    limiter !== undefined &&
    (typeof limiter.acquire !== "function" || typeof limiter.pause !== "function")
  ) {
    throw new HotmartInputError("limiter must implement the RateLimiter interface (acquire, observe, pause)");
  }
  let ownLimiter: MemoryRateLimiter | undefined;
  if (limiter === undefined && opts.rateLimit !== false) {
    try {
      limiter = ownLimiter = new MemoryRateLimiter(opts.rateLimit ?? {});
    } catch (error) {
      throw new HotmartInputError((error as Error).message);
    }
  }
  return {
    auth: new TokenManager({
      clientId,
      clientSecret,
      basic,
      authURL,
      fetch: fetchFn,
      // A Map is all a store the client makes and keeps to itself needs (get, set, delete; the Map that
      // set returns is awaited and ignored): the public MemoryTokenStore wraps one for apps that share a
      // store, and stays out of the bundle of an app that does not.
      store: opts.tokenStore ?? (new Map<string, StoredToken>() as unknown as TokenStore),
      own: !opts.tokenStore,
      timeoutMs: positive("timeout", opts.timeout ?? 30_000),
      maxRetries: wholeNumber("maxRetries", opts.maxRetries ?? 3),
      log,
      redactor,
    }),
    limiter,
    ownLimiter,
    fetch: fetchFn,
    baseURL,
    inflight: new Set(),
    closed: false,
    sandbox: Boolean(opts.sandbox),
    redactor,
    last: undefined,
  };
}

/**
 * Hotmart's token host for Hotmart's API hosts. Any other base URL (a simulator, a proxy, a mock) is
 * taken to serve the token route on its own origin, as hotmart-simulator does: setting only
 * HOTMART_BASE_URL must not send the credentials to Hotmart's real token host.
 */
function defaultAuthURL(baseURL: string): string {
  const { hostname, origin } = new URL(baseURL);
  if (hostname === "hotmart.com" || hostname.endsWith(".hotmart.com")) return AUTH_URL;
  return `${origin}/security/oauth/token`;
}

function buildContext(
  shared: Shared,
  options: CloneOptions,
  log: Log,
  closed: () => boolean,
): PipelineContext {
  const validate = validateMode(options.validate ?? "off");
  callHeadersAndSignal(options.defaultHeaders, undefined, "defaultHeaders");
  return {
    // baseURL, fetch, auth, limiter, redactor and inflight, named once (a copy of each, written out, was
    // the longest part of this function once minified). The rest of `shared` comes along unread: the
    // pipeline reads a closed client from `isClosed`, never from the `closed` copied here.
    ...shared,
    log,
    timeout: positive("timeout", options.timeout ?? 30_000),
    totalTimeout: positive("totalTimeout", options.totalTimeout ?? 180_000),
    maxRetries: wholeNumber("maxRetries", options.maxRetries ?? 3),
    headers: { ...options.defaultHeaders },
    validate,
    schemas: registryOption(options.schemas),
    isClosed: closed,
  };
}

/**
 * From JavaScript, `schemas: await import("hotmart/schemas")` (the module, not its registry) used to
 * reach validation and fail every call, after its request, with "check is not a function".
 */
function registryOption(given: SchemaRegistry | undefined): SchemaRegistry | undefined {
  if (given !== undefined && typeof given?.check !== "function") {
    throw new HotmartInputError('schemas must be the registry: import { registry } from "hotmart/schemas"');
  }
  return given;
}

/** The options a clone may change: every key of `CloneOptions` (`satisfies` checks each name). */
const CLONE_KEYS = [
  "timeout",
  "totalTimeout",
  "maxRetries",
  "logLevel",
  "logger",
  "validate",
  "defaultHeaders",
  "schemas",
] as const satisfies readonly (keyof CloneOptions)[];

/** The options only `new Hotmart()` takes: with CLONE_KEYS, every key of ClientOptions (`satisfies`
 * fails the build when one is missing or extra). */
const CLIENT_ONLY_KEYS = Object.keys({
  clientId: 1,
  clientSecret: 1,
  basic: 1,
  sandbox: 1,
  baseURL: 1,
  authURL: 1,
  fetch: 1,
  rateLimit: 1,
  limiter: 1,
  tokenStore: 1,
} satisfies Record<Exclude<keyof ClientOptions, keyof CloneOptions>, 1>);

/**
 * An option the client does not know is refused, as stripe-node does: `retries: 5` or `timeoutMs`
 * would otherwise be dropped and the defaults used without a word. withOptions() takes CLONE_KEYS only.
 */
function checkKeys(options: object, clone: boolean): void {
  const known: readonly string[] = clone ? CLONE_KEYS : [...CLIENT_ONLY_KEYS, ...CLONE_KEYS];
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    throw new HotmartInputError(
      `${clone ? "withOptions()" : "new Hotmart()"} has no option "${key}": it takes ${known.join(", ")}`,
    );
  }
}

function pickClone(opts: ClientOptions): CloneOptions {
  const out: Record<string, unknown> = {};
  for (const key of CLONE_KEYS) if (opts[key] !== undefined) out[key] = opts[key];
  return out as CloneOptions;
}

/** Explicit options win; the environment fills what was not given. */
function withEnvironment(options: ClientOptions): ClientOptions {
  let sandbox = options.sandbox;
  // "false" from a config file would be truthy: only a boolean is taken (HOTMART_SANDBOX is parsed).
  if (sandbox !== undefined && typeof sandbox !== "boolean")
    throw new HotmartInputError(`sandbox must be true or false (got ${JSON.stringify(sandbox)})`);
  // Each variable that decides where requests go is read strictly (readEnv): its own option overrides it.
  sandbox ??= parseBooleanEnv("HOTMART_SANDBOX", readEnv("HOTMART_SANDBOX", "sandbox"));
  // Checked by makeLog, which a clone's logLevel goes through too.
  const logLevel = options.logLevel ?? (readEnv("HOTMART_LOG") as LogLevel | undefined);
  return {
    ...options,
    clientId: options.clientId ?? readEnv("HOTMART_CLIENT_ID"),
    clientSecret: options.clientSecret ?? readEnv("HOTMART_CLIENT_SECRET"),
    // HOTMART_BASIC is the Basic value of the environment's credential: a client given its own id or secret
    // (one account of many in a process) took it too, and sent another account's secret to the token URL.
    basic:
      options.basic ?? ((options.clientId ?? options.clientSecret) ? undefined : readEnv("HOTMART_BASIC")),
    baseURL: options.baseURL ?? readEnv("HOTMART_BASE_URL", "baseURL"),
    authURL: options.authURL ?? readEnv("HOTMART_AUTH_URL", "authURL"),
    sandbox,
    logLevel,
  };
}

function makeLog(opts: ClientOptions, redactor: Redactor): Log {
  const level = opts.logLevel ?? "off";
  if (!isLogLevel(level)) {
    throw new HotmartInputError(
      `logLevel (or HOTMART_LOG) must be off, error, warn, info or debug (got ${JSON.stringify(level)})`,
    );
  }
  return new Log(level, opts.logger ?? console, redactor);
}

function checkURL(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("protocol");
    return value.replace(/\/+$/, "");
  } catch {
    throw new HotmartInputError(`${name} must be an http(s) URL (got ${JSON.stringify(value)})`);
  }
}

/** UTF-8 safe base64, without Buffer (Workers and Deno have none). */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// Projects with neither @types/node nor the esnext.disposable lib (browsers, Workers, Deno) have no
// Symbol.asyncDispose in their types, and `[Symbol.asyncDispose]` above would be an error inside our
// .d.ts for them (with skipLibCheck off). Declared the way @types/node declares it, so it merges with
// both when they are present. Tested by scripts/typescript-consumers.mjs.
declare global {
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
}
