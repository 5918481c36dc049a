/**
 * The rate limiter a client sends through. The default (`MemoryRateLimiter`) keeps its state in this
 * process; pass another with `new Hotmart({ limiter })` to share one quota between processes
 * (`RedisRateLimiter` in hotmart-redis) or to keep it in a store of your own (a database row, Memcached).
 *
 * The client drives it like this, for every attempt of every request:
 *
 * 1. `ticket = await acquire(signal)` before the request is sent. Resolve when the request may go;
 *    reject with `signal.reason` when the signal aborts. The ticket identifies the attempt afterwards.
 * 2. `stamp(ticket)` right after `fetch` took the request (optional): count the send from this moment.
 * 3. `observe(headers, ticket)` with the headers of every response, 429s included: Hotmart's
 *    `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` are the truth about the quota.
 * 4. On a 429, `pause(delayMs, ticket)` after `observe`: nobody sharing the quota should send before
 *    `delayMs` has passed. Return (or resolve to) `true` when the 429 was provoked by the limiter itself
 *    (it sent the request on a guess it was still learning); the client then resends without using one of
 *    the caller's retries, at most 5 times per call. Return `false` for a 429 the limiter could not foresee.
 *
 * `observe` and `stamp` must not throw; an implementation over a network store handles (and logs) its
 * own failures there. `acquire` may reject with a `HotmartError` that says what failed.
 */
export interface RateLimiter {
  /**
   * Waits until one more request may be sent; resolves with a ticket (any number that identifies this
   * attempt to `stamp`, `observe` and `pause`). Rejects with `signal.reason` when the signal aborts.
   */
  acquire(signal?: AbortSignal): Promise<number>;
  /** The request of `ticket` was just handed to `fetch`: count the send from now (optional). */
  stamp?(ticket: number): void;
  /** The headers of the response to `ticket` (429s included), whose `RateLimit-*` values say the quota. */
  observe(headers: Headers, ticket: number): void | Promise<void>;
  /**
   * A 429 answered `ticket`: let nobody sharing the quota send for `delayMs` ms. Resolves `true` when the
   * limiter provoked that 429 itself (the client then resends without spending a retry), else `false`.
   */
  pause(delayMs: number, ticket: number): boolean | Promise<boolean>;
  /** What `client.rateLimit` shows. */
  snapshot?(): RateLimitSnapshot;
  /**
   * Reject every waiter, refuse later acquires. The app calls it (at shutdown, if it wants waiters
   * rejected): `client.close()` never closes a limiter it was given, which may serve other clients. An
   * idle limiter must hold nothing that keeps the process alive (a timer, a connection of its own).
   */
  close?(): void | Promise<void>;
}

/** The quota as the limiter sees it now (`client.rateLimit`). */
export interface RateLimitSnapshot {
  /** Requests the limiter believes may still be sent in the current window. */
  remaining: number;
  /** Requests per window: what the server said (`RateLimit-Limit`), else the configured figure. */
  limit: number;
  /** When the current window ends (epoch ms), or undefined when the limiter does not know. */
  resetAt: number | undefined;
  /** Requests of this client waiting for their turn. */
  queued: number;
}
