/**
 * The promise every non-list method returns: `await` it for the data, `.withResponse()` for the data
 * and the HTTP response, `.asResponse()` for the response alone. The pipeline reads each body once; the
 * `Response` handed out is rebuilt from that text only when asked for, so a call that never asks pays
 * nothing for it.
 */

/** What `.withResponse()` gives. `response` can be read (`.json()`, `.text()`) once, like any Response. */
export interface WithResponse<T> {
  /** The parsed body, the same value `await` gives. */
  data: T;
  /** The HTTP response it came from: status, headers (`RateLimit-*`), URL, and the body still unread. */
  response: Response;
}

/** @internal What a request hands to its APIPromise: the data and the raw response it came from. */
export interface RawResult<T> {
  data: T;
  /** The pipeline's Response (its body already read), or undefined when no request was sent. */
  raw: Response | undefined;
  text: string;
}

/** The RateLimit-* headers Hotmart sent with a response. */
export interface RateLimitInfo {
  /** `RateLimit-Limit`: calls allowed per window (one minute). */
  limit?: number;
  /** `RateLimit-Remaining`: calls left in the current window. */
  remaining?: number;
  /** `RateLimit-Reset`: seconds until the window resets, as sent. */
  reset?: number;
  /** When the window resets, in epoch ms (the response's arrival plus `reset`). */
  resetAt?: number;
}

/**
 * What every method that is not a list returns (and `client.request()`): a real Promise of the parsed
 * body, plus `.withResponse()` and `.asResponse()` for the HTTP response. Nothing extra is read unless
 * asked for.
 *
 * @example
 * const { data, response } = await hotmart.subscriptions.cancel(["CJERFXPD"]).withResponse();
 * console.log(response.status, response.headers.get("ratelimit-remaining"), data);
 */
export class APIPromise<T> extends Promise<T> {
  // `then` on a subclass would build another APIPromise through this constructor; plain ones suffice.
  /** Promises derived with `then`/`catch`/`finally` are plain Promises, not APIPromises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #raw: Promise<RawResult<T>>;
  #data: Promise<T> | undefined;

  /** @internal Resources build these; `raw` settles with the data and the response it came from. */
  constructor(raw: Promise<RawResult<T>>) {
    // The base promise is never used: every way of reading this one goes through `raw`, so a rejection
    // is reported once, to whoever reads it, and never as an unhandled base promise.
    super((resolve) => resolve(undefined as T));
    this.#raw = raw;
  }

  #value(): Promise<T> {
    this.#data ??= this.#raw.then((r) => r.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: an APIPromise is awaitable by design.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#value().then(onfulfilled, onrejected);
  }

  // `catch` and `finally` are Promise's own: both call `this.then` (the spec's Invoke(promise, "then")),
  // so they read the data through the `then` above, as methods of their own here did in more bytes.
  // Declared for their types only: a rejection reason is `unknown`, not Promise's `any`.
  declare catch: <R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null) => Promise<T | R>;

  /** The data and the HTTP response it came from (status, headers, the body as sent). */
  withResponse(): Promise<WithResponse<T>> {
    return this.#raw.then((r) => ({ data: r.data, response: rebuild(r) }));
  }

  /** The HTTP response alone, its body unread (the SDK's copy was parsed from the same text). */
  asResponse(): Promise<Response> {
    return this.#raw.then(rebuild);
  }

  /** @internal The data with the pipeline's own response, for pages and the rate-limit readers. */
  _raw(): Promise<RawResult<T>> {
    return this.#raw;
  }
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/** A fresh Response from the one the pipeline read, so its body can be read again. */
export function rebuild(result: RawResult<unknown>): Response {
  const raw = result.raw;
  if (!raw) return new Response(null, { status: 204 });
  const response = new Response(NULL_BODY.has(raw.status) || result.text === "" ? null : result.text, {
    status: raw.status,
    statusText: raw.statusText,
    headers: raw.headers,
  });
  // `url` is read-only and empty on a constructed Response: keep where the data came from.
  Object.defineProperty(response, "url", { value: raw.url });
  return response;
}

/** Reads the RateLimit-* headers; undefined when none was sent. `at` is when the response arrived. */
export function readRateLimit(headers: Headers, at: number): RateLimitInfo | undefined {
  const limit = header(headers, "ratelimit-limit");
  const remaining = header(headers, "ratelimit-remaining");
  const reset = header(headers, "ratelimit-reset");
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  const info: RateLimitInfo = {};
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (reset !== undefined) {
    info.reset = reset;
    info.resetAt = at + reset * 1000;
  }
  return info;
}

function header(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
