/**
 * When to try again, and how long to wait first.
 *
 * Hotmart has no idempotency key, so a write (POST/PUT/PATCH/DELETE) is only resent when it surely
 * was not processed: a 429 (refused before processing), or a connection that was never opened
 * (refused, DNS failure). A write that timed out or lost its connection mid-flight may have been
 * applied, and sending it again could refund or cancel twice.
 */

export const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 30_000;

export function isIdempotent(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** 0.5 s × 2^attempt plus 0–0.5 s of jitter, capped at 30 s. `attempt` counts retries from 0. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt + random() * 500);
}

/**
 * The server's own hint, in ms: `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset`
 * (seconds until reset, or an epoch timestamp in seconds or milliseconds, as ky reads it).
 */
export function serverDelayMs(headers: Headers, now = Date.now()): number | undefined {
  return retryAfterMs(headers, now) ?? resetDelayMs(headers.get("ratelimit-reset"), now);
}

/**
 * `Retry-After` alone. For a 5xx this is the only hint that counts: Hotmart sends `RateLimit-Reset`
 * on every response, and it means "the quota window resets in N s", not "try again in N s".
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    return hint(seconds >= 0 ? seconds * 1000 : Date.parse(retryAfter) - now);
  }
}

export function resetDelayMs(raw: string | null, now: number): number | undefined {
  if (!raw?.trim()) return undefined;
  const value = Number(raw);
  // Epoch ms, epoch seconds, or delta seconds (Hotmart's documented form); not a negative or infinite one.
  if (Number.isFinite(value) && value >= 0)
    return hint(value > 1e12 ? value - now : value > 1e9 ? value * 1000 - now : value * 1000);
}

/**
 * A server's wait in ms, from 0 to 10 minutes (Hotmart's quota window is one), or undefined when it is
 * unreadable. A `RateLimit-Reset` or a 429's `Retry-After` of a year (a garbled header, a server that is
 * not Hotmart) paused the whole client for that long, and the limiter's timer, past setTimeout's 24.8
 * days, fired every millisecond instead.
 */
function hint(ms: number): number | undefined {
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(0, ms), 6e5);
}

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ENETUNREACH",
  "EHOSTUNREACH",
]);

/** Deno's refusal of a host it was not given with --allow-net (NotCapable; PermissionDenied before 2.0). */
const RUNTIME_REFUSAL = /^Requires net access/;

/**
 * True when a network error proves the request never reached the server. Looks through the `cause`
 * chain (undici wraps the socket error) and at messages (Bun and Deno word them differently). A proxy
 * that refused the CONNECT tunnel never passed the request on: undici's "... when HTTP Tunneling", and
 * the hotmart CLI's "... refused the tunnel". Deno without --allow-net for the host refuses the request
 * before any connection: "Requires net access to ..." (RUNTIME_REFUSAL).
 */
export function surelyNotSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === "string" && NOT_SENT_CODES.has(e.code)) return true;
    if (
      typeof e.message === "string" &&
      /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Connection refused|dns error|failed to lookup|refused the tunnel|HTTP Tunneling|Requires net access/i.test(
        e.message,
      )
    ) {
      return true;
    }
    // Happy-eyeballs failures arrive as an AggregateError of per-address refusals.
    if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((inner) => surelyNotSent(inner)))
      return true;
    current = e.cause;
  }
  return false;
}

/** How one attempt ended, as far as retrying cares. */
export type Outcome =
  | { kind: "timeout" }
  | { kind: "network"; error: unknown }
  /** A non-2xx answer. */
  | { kind: "status"; status: number; headers: Headers }
  /** A 2xx whose body was cut off, is not JSON, or is not the shape the endpoint returns. */
  | { kind: "unreadable" }
  /** A 2xx with no body at all. For a read this may be a transient fault, so it is looked at twice. */
  | { kind: "no-body" };

export interface Decision {
  retry: boolean;
  /** How long to wait before the retry (ms). */
  delayMs: number;
  /** A 429: the whole client should wait, not just this call (every other request would get one too). */
  pauseClient: boolean;
  /**
   * For a write: true when Hotmart may have applied it and nobody can tell (a timeout, a connection
   * lost after sending, a 5xx); false when the status settles it (a 2xx applied it, a 4xx or 429 did
   * not, a refused connection never sent it). Undefined for reads, where no write is involved.
   */
  outcomeUnknown: boolean | undefined;
}

/**
 * The retry rules, in one pure function used by API requests and token requests alike: what to do
 * after `outcome`, for a request that is `idempotent` or not, on its retry number `retry` (from 0).
 * The caller still enforces `maxRetries` and the total deadline.
 */
export function decide(
  outcome: Outcome,
  request: { idempotent: boolean; retry: number },
  now = Date.now(),
  random: () => number = Math.random,
): Decision {
  const { idempotent } = request;
  const backoff = () => backoffMs(request.retry, random);
  const write = (unknown: boolean) => (idempotent ? undefined : unknown);
  switch (outcome.kind) {
    case "timeout":
      return { retry: idempotent, delayMs: backoff(), pauseClient: false, outcomeUnknown: write(true) };
    case "network": {
      const notSent = surelyNotSent(outcome.error);
      return {
        // A runtime's refusal comes again on every attempt: retrying only delays the error (4.4 s).
        retry: (idempotent || notSent) && !RUNTIME_REFUSAL.test((outcome.error as Error)?.message),
        delayMs: backoff(),
        pauseClient: false,
        outcomeUnknown: write(!notSent),
      };
    }
    case "status": {
      const { status, headers } = outcome;
      // A 429 is refused before processing, so even a write may be resent.
      if (status === 429) {
        const delayMs = serverDelayMs(headers, now) ?? backoff();
        return { retry: true, delayMs, pauseClient: true, outcomeUnknown: write(false) };
      }
      return {
        retry: idempotent && RETRYABLE_STATUS.has(status),
        delayMs: retryAfterMs(headers, now) ?? backoff(),
        pauseClient: false,
        // A 5xx may come after the write was applied (a gateway timing out in front of it). So may a 3xx,
        // which is never Hotmart's own (it redirects nothing): whatever stands in between may have passed
        // the write on first (a 303 answers a POST it processed), and the redirect is not followed.
        outcomeUnknown: write(status >= 500 || status < 400),
      };
    }
    case "unreadable":
    case "no-body":
      // A 2xx: a write was applied, and is reported rather than resent; a read is simply read again.
      return { retry: idempotent, delayMs: backoff(), pauseClient: false, outcomeUnknown: write(false) };
  }
}

/** The sentence every error about a write of unknown outcome ends with. */
export const OUTCOME_UNKNOWN =
  "The outcome is unknown: Hotmart may have applied this write, and writes are not idempotent, so it " +
  "was not retried. Check its effect before sending it again";
