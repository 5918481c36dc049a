import { HotmartError } from "../core/errors";
import { resetDelayMs } from "./retry";
import { onAbort } from "./signals";

export interface RateLimitOptions {
  /** Requests allowed per window. Hotmart's default quota is 500 a minute. */
  requestsPerMinute?: number;
  /** The window length in ms (60 000 for Hotmart); shorter windows are for tests. */
  windowMs?: number;
}

interface Waiter {
  resolve: (ticket: number) => void;
  reject: (reason: unknown) => void;
  /** Removes the abort listener (signals.ts). */
  unlink: () => void;
}

/**
 * One limiter per client: every request of the client waits its turn here, in order.
 *
 * It keeps its own sliding log of send times (never more than `limit` in any window) and also obeys
 * what Hotmart says: `RateLimit-Remaining` / `RateLimit-Reset` after each response, and a 429 pauses
 * the whole client, not only the request that got it.
 */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** Slack added to the window so arrival jitter cannot push a send into the server's previous window. */
  private readonly marginMs: number;
  /** Send times of the requests still inside the window, in grant order. */
  private readonly sent: Array<{ ticket: number; at: number }> = [];
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;
  /** What the server last said is left, minus what we sent since; undefined when it never said. */
  private serverRemaining: number | undefined;
  private serverResetAt = 0;
  private tickets = 0;
  private closed = false;

  /**
   * @param now the clock, injectable so tests can drive the limiter through virtual time instead of
   *   depending on how fast the machine schedules them.
   */
  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limit = Math.floor(options.requestsPerMinute ?? 500);
    this.windowMs = Math.floor(options.windowMs ?? 60_000);
    if (!(this.limit >= 1)) throw new RangeError("rateLimit.requestsPerMinute must be at least 1");
    if (!(this.windowMs >= 1)) throw new RangeError("rateLimit.windowMs must be at least 1");
    this.marginMs = Math.min(250, Math.ceil(this.windowMs * 0.02));
  }

  /** Waits for a slot; resolves with a ticket number that `observe` uses to account for in-flight requests. */
  acquire(signal?: AbortSignal): Promise<number> {
    if (this.closed) return Promise.reject(new HotmartError("The client is closed"));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, unlink: () => {} };
      waiter.unlink = onAbort(signal, (reason) => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(reason);
        this.pump();
      });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /**
   * Records when the request holding `ticket` was handed to fetch (called right after the fetch call).
   * Under load the gap between being let through and calling fetch can be tens of milliseconds (a GC
   * pause, a busy core); counting from the real send keeps the guarantee at the wire, not just in the
   * queue. Stamps only move later, so this is never less safe.
   */
  stamp(ticket: number, now = this.now()): void {
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const entry = this.sent[i] as { ticket: number; at: number };
      if (entry.ticket === ticket) {
        entry.at = Math.max(entry.at, now);
        // Requests do not always reach fetch in the order they were let through. Keep the log sorted
        // by send time, or the "limit-th most recent send" read in waitTime() would be the wrong one
        // and a send could slip into a window that is already full.
        let j = i;
        while (j + 1 < this.sent.length && (this.sent[j + 1] as { at: number }).at < entry.at) {
          this.sent[j] = this.sent[j + 1] as { ticket: number; at: number };
          j++;
        }
        this.sent[j] = entry;
        return;
      }
    }
  }

  /** Syncs from a response. `ticket` is the one `acquire` returned for the request that got it. */
  observe(headers: Headers, ticket: number, now = this.now()): void {
    const remaining = Number(
      headers.get("ratelimit-remaining") ?? headers.get("x-ratelimit-remaining-minute"),
    );
    const resetMs = resetDelayMs(headers.get("ratelimit-reset"), now);
    if (headers.has("ratelimit-remaining") || headers.has("x-ratelimit-remaining-minute")) {
      if (Number.isFinite(remaining)) {
        // Requests sent after this one were not counted in the server's figure yet.
        const sentSince = this.tickets - ticket;
        this.serverRemaining = Math.max(0, remaining - sentSince);
        this.serverResetAt = now + (resetMs ?? this.windowMs);
      }
    }
    this.pump();
  }

  /** A 429: nobody on this client sends until the server's reset (or `fallbackMs` when it gave none). */
  pause(delayMs: number, now = this.now()): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + delayMs);
    this.serverRemaining = undefined;
    this.schedule(now);
  }

  /** Rejects everything still waiting; later acquires fail at once. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.queue.splice(0)) {
      waiter.unlink();
      waiter.reject(new HotmartError("The client was closed while this request waited for the rate limiter"));
    }
  }

  /** How long the next request would wait now, in ms (0 when a slot is free). */
  waitTime(now = this.now()): number {
    let wait = Math.max(0, this.pausedUntil - now);
    const span = this.windowMs + this.marginMs;
    while (this.sent.length > 0 && (this.sent[0]?.at as number) + span <= now) this.sent.shift();
    if (this.sent.length >= this.limit) {
      // Stamps can be slightly out of order; the head is then a conservative (later) bound.
      const oldest = this.sent[this.sent.length - this.limit]?.at as number;
      wait = Math.max(wait, oldest + span - now);
    }
    if (this.serverRemaining !== undefined && this.serverRemaining <= 0) {
      if (this.serverResetAt > now) wait = Math.max(wait, this.serverResetAt - now + this.marginMs);
      else this.serverRemaining = undefined;
    }
    return wait;
  }

  private pump(): void {
    const now = this.now();
    while (this.queue.length > 0) {
      if (this.waitTime(now) > 0) break;
      const waiter = this.queue.shift() as Waiter;
      waiter.unlink();
      this.tickets += 1;
      this.sent.push({ ticket: this.tickets, at: now });
      if (this.serverRemaining !== undefined) this.serverRemaining -= 1;
      waiter.resolve(this.tickets);
    }
    this.schedule(now);
  }

  private schedule(now: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0 || this.closed) return;
    const wait = this.waitTime(now);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, wait),
    );
  }
}
