import { globalRedactor, type Redactor } from "../internal/redact";
import { serverDelayMs } from "../internal/retry";

/** What the SDK passes when it builds a {@link HotmartError}: the standard `cause`, the write's outcome. */
export interface HotmartErrorOptions {
  /** The underlying failure (a network error, a JSON parse error), kept as `error.cause`. */
  cause?: unknown;
  /** See {@link HotmartError.outcomeUnknown}. Left out when no write was involved. */
  outcomeUnknown?: boolean | undefined;
  /** @internal The client's masking scope (its secrets); the process-wide one by default. */
  redactor?: Redactor | undefined;
}

// The fields every constructor below assigns are `declare`d: a class field would also be emitted as a
// definition (`status;`) that minifiers cannot shorten. Each constructor assigns them in the order they
// are declared, so the own properties, and their order, are what the fields made.

/** Every failure the SDK raises is a HotmartError, so one `instanceof` catches them all. */
export class HotmartError extends Error {
  /** Always `"HotmartError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "HotmartError";
  /**
   * Set on every error from a write (POST, PUT, PATCH, DELETE); absent where no write was involved.
   * `true`: Hotmart may have applied the write and nobody can tell (a timeout, a connection lost after
   * sending, a 5xx): it was not resent, so check its effect before sending it again. `false`: the
   * outcome is known: a 2xx applied it (even when its body could not be read), a 4xx or 429 refused
   * it, or it was never sent.
   */
  declare readonly outcomeUnknown?: boolean;

  constructor(message: string, options: HotmartErrorOptions = {}) {
    // Masked before Error captures the stack, which repeats the message.
    super((options.redactor ?? globalRedactor).string(message), { cause: options.cause });
    if (options.outcomeUnknown !== undefined) this.outcomeUnknown = options.outcomeUnknown;
  }

  /** What `JSON.stringify(error)` prints: the public fields, already redacted. */
  toJSON(): Record<string, unknown> {
    return this.outcomeUnknown === undefined
      ? { name: this.name, message: this.message }
      : { name: this.name, message: this.message, outcomeUnknown: this.outcomeUnknown };
  }
}

/** Bad input caught before any request is sent. The message says what to pass instead. */
export class HotmartInputError extends HotmartError {
  /** Always `"HotmartInputError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "HotmartInputError";
}

/** The SDK received a response it cannot read (truncated or non-JSON body). */
export class ResponseParseError extends HotmartError {
  /** Always `"ResponseParseError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "ResponseParseError";
  /** The HTTP status of the response whose body could not be read (often a 2xx cut off in transit). */
  declare readonly status: number;
  /** The response's `Content-Type` header as sent (e.g. `text/html` from a proxy); undefined when absent. */
  declare readonly contentType: string | undefined;
  /** The first characters of the body, redacted. */
  declare readonly bodySnippet: string;

  constructor(
    message: string,
    init: { status: number; contentType?: string | undefined; body: string } & HotmartErrorOptions,
  ) {
    super(message, init);
    this.status = init.status;
    this.contentType = init.contentType;
    this.bodySnippet = (init.redactor ?? globalRedactor).string(init.body.slice(0, 200));
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      contentType: this.contentType,
      bodySnippet: this.bodySnippet,
    };
  }
}

/** A response did not match its schema while `validate: "strict"` was on. */
export class ResponseValidationError extends HotmartError {
  /** Always `"ResponseValidationError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "ResponseValidationError";
  /**
   * Every mismatch the schema found: `path` is where in the body (object keys and array indexes, e.g.
   * `["items", 0, "purchase", "price"]`), `message` what was expected there. Also in `toJSON()`.
   */
  declare readonly issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
  /** The parsed body that failed validation, secrets masked; left out of `toJSON()`, as it may be large. */
  declare readonly body: unknown;

  constructor(
    message: string,
    init: { issues: ResponseValidationError["issues"]; body: unknown } & HotmartErrorOptions,
  ) {
    super(message, init);
    this.issues = init.issues;
    this.body = (init.redactor ?? globalRedactor).value(init.body);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/**
 * A cursor walk cannot go on: it met a `next_page_token` it had already followed (the API looped), or
 * `select` emptied a later page to `{}`, which has no cursor to the next. Also `getNextPage()` on the last page.
 */
export class PaginationError extends HotmartError {
  /** Always `"PaginationError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "PaginationError";
}

/** What the SDK passes when it builds an {@link APIError} from a non-2xx response. */
export interface APIErrorInit {
  /** The response's HTTP status; picks the subclass in {@link APIError.from}. */
  status: number;
  /** The response headers (`Retry-After`, `RateLimit-*` feed {@link RateLimitError.retryAfter}). */
  headers: Headers;
  /** The parsed body (or its text when it was not JSON); `error`/`error_description` are read from it. */
  body: unknown;
  /** The request's HTTP method (`GET`, `POST`, ...). */
  method: string;
  /** The request URL; secrets are masked before it is stored or shown. */
  url: string;
  /** Replaces the message otherwise built from the status, Hotmart's code and description, and the path. */
  message?: string;
  /** A sentence added to the described message. */
  note?: string | undefined;
  /** See {@link HotmartError.outcomeUnknown}. */
  outcomeUnknown?: boolean | undefined;
  /** @internal */
  redactor?: Redactor | undefined;
}

/** Hotmart answered with a non-2xx status. `error` and `error_description` come from Hotmart's body. */
export class APIError extends HotmartError {
  /** Always `"APIError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "APIError";
  /** The HTTP status Hotmart answered (any non-2xx: 400, 401, 404, 429, 502...); it picks the subclass. */
  declare readonly status: number;
  /** Hotmart's machine code, e.g. `invalid_token`, `too_many_requests`, `subscription_in_trial_period`. */
  declare readonly error: string | undefined;
  /**
   * Hotmart's human-readable explanation, from the body's `error_description` (Club's `message`), e.g.
   * "Invalid client credentials"; undefined when the body had none (docs/api-notes.md §5.1).
   */
  declare readonly error_description: string | undefined;
  /** A link to Hotmart's documentation of the error, from the body's `error_uri`; undefined when absent. */
  declare readonly error_uri: string | undefined;
  /**
   * The response headers, names in lower case, values with secrets masked: read `ratelimit-remaining`,
   * `ratelimit-reset` or `retry-after` here.
   */
  declare readonly headers: Record<string, string>;
  /** The request's HTTP method: `GET` for reads; `POST`, `PUT`, `PATCH` or `DELETE` for writes. */
  declare readonly method: string;
  /** The request URL with secrets masked. */
  declare readonly url: string;
  /** The parsed body (or text when it was not JSON), redacted. */
  declare readonly body: unknown;

  constructor(init: APIErrorInit) {
    const redactor = init.redactor ?? globalRedactor;
    const parsed = readErrorBody(init.body);
    const url = redactor.url(init.url);
    const described = describe(init.status, init.method, url, parsed);
    super(init.message ?? (init.note ? `${described}. ${init.note}` : described), {
      outcomeUnknown: init.outcomeUnknown,
      redactor,
    });
    this.status = init.status;
    const clean = (v: string | undefined) => (v === undefined ? undefined : redactor.string(v));
    this.error = clean(parsed.error);
    this.error_description = clean(parsed.error_description);
    this.error_uri = clean(parsed.error_uri);
    this.headers = Object.fromEntries(
      [...init.headers.entries()].map(([k, v]) => [k, redactor.string(v)] as const),
    );
    this.method = init.method;
    this.url = url;
    this.body = redactor.value(init.body);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      error: this.error,
      error_description: this.error_description,
      method: this.method,
      url: this.url,
    };
  }

  /** Picks the subclass from the status, and from Hotmart's `error` code where the status is ambiguous. */
  static from(init: APIErrorInit): APIError {
    const { error } = readErrorBody(init.body);
    switch (init.status) {
      case 400:
        return new BadRequestError(init);
      case 401:
        // The sandbox answers `unauthorized_client` with 401 where the general table says 403.
        return error === "unauthorized_client"
          ? new PermissionDeniedError(init)
          : new AuthenticationError(init);
      case 403:
        return new PermissionDeniedError(init);
      case 404:
        return new NotFoundError(init);
      case 422:
        return new UnprocessableEntityError(init);
      case 429:
        return new RateLimitError(init);
      default:
        return init.status >= 500 ? new InternalServerError(init) : new APIError(init);
    }
  }
}

/**
 * 400: Hotmart refused a parameter (`invalid_parameter`, `invalid_value_parameter`), a `page_token` it
 * does not know (`invalid_token`: start the list again without it), or an action the subscription's state
 * does not allow (`subscription_in_trial_period`). See docs/api-notes.md §5.2 and §5.3.
 */
export class BadRequestError extends APIError {
  /** Always `"BadRequestError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "BadRequestError";
}
/** 401, and token requests Hotmart refused. Never carries the credentials. */
export class AuthenticationError extends APIError {
  /** Always `"AuthenticationError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "AuthenticationError";
}
/** 403. A subclass of AuthenticationError, so code written for the Python SDK's "401/403" contract holds. */
export class PermissionDeniedError extends AuthenticationError {
  /** Always `"PermissionDeniedError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "PermissionDeniedError";
}
/**
 * 404 (`not_found`): no such transaction, subscription, product or Club subdomain (code `0006`). The sandbox
 * answers 404 for ids other than its documented magic values (docs/api-notes.md §7).
 */
export class NotFoundError extends APIError {
  /** Always `"NotFoundError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "NotFoundError";
}
/** 422: Hotmart understood the request but refused it; Club calls without `subdomain` answer this (§5.3). */
export class UnprocessableEntityError extends APIError {
  /** Always `"UnprocessableEntityError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "UnprocessableEntityError";
}
/**
 * 429 (`too_many_requests`): the application's quota (500 calls a minute, reads and writes together) is
 * spent. The SDK retries it after pausing the whole client, so this reaches you only once `maxRetries`
 * is used up (docs/api-notes.md §4).
 */
export class RateLimitError extends APIError {
  /** Always `"RateLimitError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "RateLimitError";
  /**
   * Seconds Hotmart asked us to wait, from `Retry-After` (seconds or an HTTP date) or `RateLimit-Reset`,
   * when it said: read by the same parser as the delay the SDK itself waited, so at most 600 (a longer
   * ask counts as 10 minutes; Hotmart's quota window is one minute). The raw headers are in `headers`.
   */
  declare readonly retryAfter: number | undefined;

  constructor(init: APIErrorInit) {
    super(init);
    const ms = serverDelayMs(init.headers);
    this.retryAfter = ms === undefined ? undefined : Math.ceil(ms / 1000);
  }
}
/**
 * 5xx: a fault on Hotmart's side. Reads are retried on 500, 502, 503 and 504 before it reaches you; a write
 * is not resent after a 5xx (it may have been applied: `outcomeUnknown` is true). A 502 means a query ran
 * longer than Hotmart's 30 s: narrow the date range or add filters (docs/api-notes.md §5.2).
 */
export class InternalServerError extends APIError {
  /** Always `"InternalServerError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "InternalServerError";
}

/** The request never got an answer: DNS, refused or reset connection, TLS, and the like. */
export class APIConnectionError extends HotmartError {
  /** Always `"APIConnectionError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "APIConnectionError";
  /**
   * True when Hotmart may have processed the request (it was sent, then the connection failed or
   * timed out). Writes in that state are never retried: check their effect before sending again.
   * Always set here (false on reads).
   */
  declare readonly outcomeUnknown: boolean;

  constructor(message: string, options: HotmartErrorOptions & { outcomeUnknown: boolean }) {
    super(message, options);
  }
}
/**
 * An attempt got no answer within `timeout` ms, or the call ran past `totalTimeout` (possibly while still
 * waiting for the rate limiter or an access token, before anything was sent: `waitedFor`). Reads are
 * retried first; a write that timed out after it was sent is not resent, and carries
 * `outcomeUnknown: true`.
 */
export class APIConnectionTimeoutError extends APIConnectionError {
  /** Always `"APIConnectionTimeoutError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "APIConnectionTimeoutError";
  /**
   * Set when the call ran past its `totalTimeout` before it was sent: `"rate-limiter"` (the client was
   * paused after a 429, or its quota spent: rate limited, not a network fault) or `"token"` (the token
   * request was slow, or failing and being retried). Undefined when a request got no answer in time.
   */
  declare readonly waitedFor?: "rate-limiter" | "token";

  constructor(
    message: string,
    options: HotmartErrorOptions & { outcomeUnknown: boolean; waitedFor?: "rate-limiter" | "token" },
  ) {
    super(message, options);
    if (options.waitedFor) this.waitedFor = options.waitedFor;
  }
}
/** The caller's AbortSignal fired. */
export class APIUserAbortError extends HotmartError {
  /** Always `"APIUserAbortError"` (also in `toJSON()`): a literal, which minifiers keep. */
  override name = "APIUserAbortError";
}

interface ErrorBody {
  error?: string | undefined;
  error_description?: string | undefined;
  error_uri?: string | undefined;
}

function readErrorBody(body: unknown): ErrorBody {
  if (body === null || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
  return {
    // Club answers some errors with `code`/`message` instead of `error`/`error_description`.
    error: str(b.error) ?? str(b.code),
    error_description: str(b.error_description) ?? str(b.message),
    error_uri: str(b.error_uri),
  };
}

function describe(status: number, method: string, url: string, body: ErrorBody): string {
  const path = (() => {
    try {
      const u = new URL(url);
      return u.pathname;
    } catch {
      return url;
    }
  })();
  const code = body.error ? ` ${body.error}` : "";
  const detail = body.error_description ? `: ${body.error_description}` : "";
  return `${status}${code}${detail} (${method} ${path})${hint(status, body.error)}`;
}

function hint(status: number, error: string | undefined): string {
  if (status === 401)
    return ". Check the client id, secret and Basic value; sandbox credentials only work with sandbox: true";
  if (status === 403) return ". The credential is valid but not allowed to do this";
  if (status === 400 && error === "invalid_token")
    return ". The page_token is not valid: start again without it";
  if (status === 502) return ". Hotmart gave up after 30 s: narrow the date range or add filters";
  return "";
}
