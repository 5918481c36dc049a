import { HotmartError } from "../core/errors";
import type { RateLimiter, RateLimitSnapshot } from "../core/rate-limiter";
import { monotonicNow } from "./clock";
import { resetDelayMs } from "./retry";
import { onAbort } from "./signals";

export type { RateLimiter, RateLimitSnapshot } from "../core/rate-limiter";

/** The `rateLimit` option of the client: the quota the default {@link MemoryRateLimiter} keeps to. */
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
 * What the limiter believes about the server's current window. `resetAt` undefined: a window the
 * limiter assumed (after a reset, from the learned limit) and no response has confirmed yet.
 */
interface Budget {
  /**
   * The lowest `RateLimit-Remaining` read in this window (the server counts down, so the lowest came from
   * the request it processed last), or the learned limit for an assumed window.
   */
  lowest: number;
  resetAt: number | undefined;
  /** When an assumed window began, so a window nobody ever confirms still ends. */
  since: number;
}

/** How many 429-provoking guesses are remembered; older ones are forgotten (their calls are long done). */
const GUESSES_KEPT = 4_096;
/** How long a grant that was never stamped still counts as possibly in flight. */
const UNSTAMPED_GRACE_MS = 10_000;

interface SentEntry {
  ticket: number;
  /** The grant time, then (once stamped) the moment fetch took the request. */
  at: number;
  stamped: boolean;
}

/**
 * The default limiter: one per client, in this process. Every request of the client waits its turn
 * here, in order.
 *
 * Two sources of truth, the stricter wins:
 * - its own sliding log of send times against the configured quota (never more than `limit` in any
 *   window). When the quota was left at its default and the server has said what its real quota is
 *   (`RateLimit-Limit`), the server's figure replaces the assumed one, lower or higher.
 * - the server's window: `RateLimit-Remaining` / `RateLimit-Reset` after each response, counted down
 *   by every send since. When that window ends, the next one is assumed to hold the learned limit and
 *   no more is sent into it until a response confirms it: after a pause the client resumes at the rate
 *   the server allows instead of releasing every queued request at once.
 *
 * A 429 pauses the whole client until the server's reset. `pause` tells the caller whether the limiter
 * provoked that 429 itself: the request went out on a guess (alongside other requests, in a window
 * whose figures the limiter had not heard yet) and the server has now told it its quota; such a 429 is
 * resent without using the caller's retries.
 */
export class MemoryRateLimiter implements RateLimiter {
  // `declare`d, here and below: the constructor assigns them (core/errors.ts says why).
  /** The configured requests per window (`requestsPerMinute`, default 500); `snapshot()` has the live one. */
  declare readonly limit: number;
  /** The configured window length in ms (default 60 000). */
  declare readonly windowMs: number;
  /** The quota was given explicitly: it caps sends even when the server allows more. */
  readonly #explicit: boolean;
  /** Slack added to windows so arrival jitter cannot push a send into the server's previous window. */
  #marginMs: number;
  /**
   * Send times of the requests still inside the window, sorted by time. An entry is a grant until
   * `stamp` says fetch took it: until then the request may go out at any moment, so it never expires.
   */
  readonly #sent: SentEntry[] = [];
  /**
   * Index of the oldest entry still in the window. Expired entries are skipped, then dropped in batches:
   * shift() on a long log copies all of it, once per request.
   */
  #head = 0;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pausedUntil = 0;
  /** The server's quota per window, from `RateLimit-Limit`; undefined until it says. */
  #serverLimit: number | undefined;
  /** The longest `RateLimit-Reset` seen: the server's window length, as far as it was observed. */
  #serverWindowMs: number | undefined;
  #budget: Budget | undefined;
  /**
   * Readings that put the end of the window before this instant describe the window that already ended
   * (a response that took its time); they say nothing of the current one.
   */
  #staleBefore = Number.NEGATIVE_INFINITY;
  /** Counts windows, so requests lost in flight (no response ever) stop counting after two. */
  #generation = 0;
  /** Grants made since the budget was last confirmed; the first of them is a probe, the rest guesses. */
  #unconfirmedGrants = 0;
  readonly #guesses = new Set<number>();
  /**
   * Requests let through in this window whose response has not arrived. The server may have processed
   * them before or after the one whose figure we read, so all of them are subtracted from it: never
   * more sent than the server has left, however the requests were reordered on the way.
   */
  readonly #outstanding = new Map<number, number>();
  #tickets = 0;
  #closed = false;
  readonly #now: () => number;
  /** The wall clock minus the limiter's: 0 for a clock the caller gave, which is both. */
  readonly #toWall: () => number;

  /**
   * @param now the clock, injectable so tests can drive the limiter through virtual time instead of
   *   depending on how fast the machine schedules them. By default a monotonic one (clock.ts): with the
   *   wall clock, NTP stepping it back an hour would hold every request for that hour.
   */
  constructor(options: RateLimitOptions = {}, now?: () => number) {
    this.#now = now ?? monotonicNow;
    this.#toWall = now ? () => 0 : () => Date.now() - monotonicNow();
    this.#explicit = options.requestsPerMinute !== undefined || options.windowMs !== undefined;
    this.limit = Math.floor(options.requestsPerMinute ?? 500);
    this.windowMs = Math.floor(options.windowMs ?? 60_000);
    if (!(this.limit >= 1)) throw new RangeError("rateLimit.requestsPerMinute must be at least 1");
    if (!(this.windowMs >= 1)) throw new RangeError("rateLimit.windowMs must be at least 1");
    this.#marginMs = Math.min(250, Math.ceil(this.windowMs * 0.02));
  }

  /** Waits for a slot; resolves with a ticket number that `observe` uses to account for in-flight requests. */
  acquire(signal?: AbortSignal): Promise<number> {
    if (this.#closed) return Promise.reject(new HotmartError("The client is closed"));
    if (signal?.aborted) return Promise.reject(signal.reason);
    const ticket = this.tryAcquire();
    if (ticket !== undefined) return Promise.resolve(ticket);
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, unlink: () => {} };
      waiter.unlink = onAbort(signal, (reason) => {
        const i = this.#queue.indexOf(waiter);
        if (i >= 0) this.#queue.splice(i, 1);
        reject(reason);
        this.#pump();
      });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /**
   * A slot now, or undefined when the caller must wait (`acquire`). Nobody queued and a slot free, as
   * for almost every request: granted synchronously, with no promise, no waiter and no abort listener
   * (the pipeline's fast path; a listener alone cost more than the rest of the limiter).
   * @internal
   */
  tryAcquire(): number | undefined {
    if (this.#closed || this.#queue.length > 0) return undefined;
    const now = this.#now();
    return this.waitTime(now) <= 0 ? this.#grant(now) : undefined;
  }

  /**
   * Records when the request holding `ticket` was handed to fetch (called right after the fetch call).
   * Under load the gap between being let through and calling fetch can be tens of milliseconds (a GC
   * pause, a busy core); counting from the real send keeps the guarantee at the wire, not just in the
   * queue. Stamps only move later, so this is never less safe.
   */
  stamp(ticket: number, now = this.#now()): void {
    for (let i = this.#sent.length - 1; i >= this.#head; i--) {
      const entry = this.#sent[i] as SentEntry;
      if (entry.ticket === ticket) {
        if (entry.stamped) return;
        entry.stamped = true;
        entry.at = Math.max(entry.at, now);
        // Requests do not always reach fetch in the order they were let through. Keep the log sorted
        // by send time, or the "limit-th most recent send" read in waitTime() would be the wrong one
        // and a send could slip into a window that is already full.
        let j = i;
        while (j + 1 < this.#sent.length && (this.#sent[j + 1] as SentEntry).at < entry.at) {
          this.#sent[j] = this.#sent[j + 1] as SentEntry;
          j++;
        }
        this.#sent[j] = entry;
        // A waiter may be held by this entry while it was unstamped: its window now has an end.
        if (this.#queue.length > 0) this.#schedule(now);
        return;
      }
    }
  }

  /**
   * Syncs from a response. `ticket` is the one `acquire` returned for the request that got it;
   * `timeoutMs`, the attempt's timeout: an answer that took up to that long is an ordinary slow one.
   */
  observe(headers: Headers, ticket: number, now = this.#now(), timeoutMs = 0): void {
    // Late: the request holding `ticket` left more than half a window ago (or longer ago than the log
    // keeps), and longer ago than its timeout: the process was frozen (SIGSTOP, a Lambda between
    // invocations) or stalled while Hotmart's answer waited. Its `RateLimit-Reset` counted from when
    // Hotmart answered, not from now, and may name a window that has ended: read from now, it would be
    // taken for the next window and end that one early. Within its timeout the answer may just have been
    // slow (a report given a 60 s timeout that took 35 s): it is read as any other, or the limiter would
    // send into a spent quota. (Searched from the newest entry; one before #head has left the window.)
    const sent = this.#sent.findLast((entry) => entry.ticket === ticket);
    const late = !sent || now - sent.at > Math.max(timeoutMs, (this.#serverWindowMs ?? this.windowMs) / 2);
    const limit = Number(headers.get("ratelimit-limit") ?? headers.get("x-ratelimit-limit-minute") ?? NaN);
    if (Number.isFinite(limit) && limit >= 1) this.#serverLimit = Math.floor(limit);
    // An epoch RateLimit-Reset names a wall-clock instant: read against the wall clock.
    const resetMs = resetDelayMs(headers.get("ratelimit-reset"), now + this.#toWall());
    if (resetMs !== undefined && resetMs > 0 && resetMs > (this.#serverWindowMs ?? 0)) {
      this.#serverWindowMs = resetMs;
      // The slack scales with the server's window, not the assumed one: no idle gap past its reset.
      this.#marginMs = Math.min(this.#marginMs, Math.ceil(resetMs * 0.02));
    }
    const remaining = Number(
      headers.get("ratelimit-remaining") ?? headers.get("x-ratelimit-remaining-minute") ?? NaN,
    );
    this.#outstanding.delete(ticket);
    const resetAt = now + (resetMs ?? this.#serverWindowMs ?? this.windowMs);
    if (Number.isFinite(remaining) && resetAt > this.#staleBefore && !late) {
      const lowest = Math.max(0, remaining);
      const current = this.#budget;
      // Readings of one window all name the same end, give or take the rounding and how late each
      // response arrived; the next window ends a whole window later.
      const sameWindow = (this.#serverWindowMs ?? this.windowMs) / 2;
      if (current?.resetAt !== undefined && resetAt <= current.resetAt + sameWindow) {
        // The same window. Every reading of its end is an upper bound (Reset is rounded up to whole
        // seconds and arrives late), so the earliest is the tightest.
        current.lowest = Math.min(current.lowest, lowest);
        current.resetAt = Math.min(current.resetAt, resetAt);
      } else {
        // The first word on a window: an assumed one confirmed, or one the server opened earlier than
        // expected.
        this.#budget = { lowest, resetAt, since: now };
        this.#unconfirmedGrants = 0;
      }
    }
    // Nobody waits (the usual case): nothing to release and no timer to rearm.
    if (this.#queue.length > 0) this.#pump();
  }

  /**
   * A 429: nobody on this client sends until `delayMs` has passed (the server's reset). True when the
   * limiter provoked it (see the class comment), so the request may be resent without using a retry.
   */
  pause(delayMs: number, ticket = this.#tickets, now = this.#now()): boolean {
    const provoked = this.#guesses.delete(ticket) && this.#serverLimit !== undefined;
    this.#outstanding.delete(ticket);
    const until = now + Math.max(0, delayMs);
    // A late 429 from the window that already ended says nothing about this one.
    if (until <= this.#staleBefore) return provoked;
    // Every 429 of one window names the same reset, each rounded up and read late: while a pause
    // holds, the earliest reading is the tightest bound (a later, longer one would leave an idle gap).
    this.#pausedUntil = this.#pausedUntil > now ? Math.min(this.#pausedUntil, until) : until;
    const budget = this.#budget;
    // observe() already knows the window is spent when the 429 carried the quota headers.
    if (!(budget?.resetAt !== undefined && budget.lowest <= 0)) {
      this.#budget = { lowest: 0, resetAt: until, since: budget?.since ?? now };
    }
    this.#schedule(now);
    return provoked;
  }

  /** Rejects everything still waiting; later acquires fail at once. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of this.#queue.splice(0)) {
      waiter.unlink();
      waiter.reject(new HotmartError("The client was closed while this request waited for the rate limiter"));
    }
  }

  snapshot(now = this.#now()): RateLimitSnapshot {
    this.#roll(now);
    const limit = this.#effectiveLimit();
    const fromLog = this.#useLog() ? Math.max(0, this.limit - this.#sentInWindow(now)) : limit;
    const resetAt = this.#budget?.resetAt;
    return {
      remaining: Math.min(fromLog, this.#budget ? Math.max(0, this.#available(this.#budget)) : limit),
      limit,
      // Epoch ms, as the app's clock reads it.
      resetAt: resetAt === undefined ? undefined : resetAt + this.#toWall(),
      queued: this.#queue.length,
    };
  }

  /** How long the next request would wait now, in ms (0 when a slot is free). */
  waitTime(now = this.#now()): number {
    let wait = Math.max(0, this.#pausedUntil - now);
    if (this.#useLog() && this.#sentInWindow(now) >= this.limit) {
      // Stamps can be slightly out of order; the head is then a conservative (later) bound. A grant not
      // yet stamped may be sent any moment: its window ends a whole window after now at the earliest.
      const oldest = this.#sent[this.#sent.length - this.limit] as SentEntry;
      const from = oldest.stamped ? oldest.at : Math.max(oldest.at, now);
      wait = Math.max(wait, from + this.windowMs + this.#marginMs - now);
    }
    this.#roll(now);
    const budget = this.#budget;
    if (budget && this.#available(budget) <= 0) {
      // An assumed window that no response confirms (every request failed) still ends after a window.
      const end = budget.resetAt ?? budget.since + (this.#serverWindowMs ?? this.windowMs);
      wait = Math.max(wait, end + this.#marginMs - now);
    }
    return wait;
  }

  #available(budget: Budget): number {
    return budget.lowest - this.#outstanding.size;
  }

  #effectiveLimit(): number {
    return this.#explicit
      ? Math.min(this.limit, this.#serverLimit ?? this.limit)
      : (this.#serverLimit ?? this.limit);
  }

  /** The configured quota counts while it is explicit, or while the server has not told its own. */
  #useLog(): boolean {
    return this.#explicit || this.#serverLimit === undefined;
  }

  #sentInWindow(now: number): number {
    const span = this.windowMs + this.#marginMs;
    // A grant whose stamp never came (the call failed before fetch took it) stops counting after a
    // grace far longer than any scheduling delay, so it cannot hold a slot forever.
    const grace = Math.max(UNSTAMPED_GRACE_MS, 2 * span);
    for (;;) {
      const first = this.#sent[this.#head];
      if (!first || first.at + (first.stamped ? span : grace) > now) break;
      this.#head += 1;
    }
    if (this.#head >= 1024 && this.#head * 2 >= this.#sent.length) {
      this.#sent.splice(0, this.#head);
      this.#head = 0;
    }
    return this.#sent.length - this.#head;
  }

  /** Past the end of the server's window (plus the margin): assume a fresh one holding the learned limit. */
  #roll(now: number): void {
    const budget = this.#budget;
    if (!budget) return;
    const end = budget.resetAt ?? budget.since + (this.#serverWindowMs ?? this.windowMs);
    if (end + this.#marginMs > now) return;
    if (budget.resetAt === undefined && this.#available(budget) > 0) return;
    this.#budget =
      this.#serverLimit === undefined
        ? undefined
        : { lowest: this.#serverLimit, resetAt: undefined, since: now };
    // Requests still in flight from the window that ended may reach the server in this one (a busy
    // machine delays them): they keep counting for one more window.
    this.#staleBefore = end + (this.#serverWindowMs ?? this.windowMs) / 2;
    this.#generation += 1;
    for (const [ticket, generation] of this.#outstanding)
      if (generation < this.#generation - 1) this.#outstanding.delete(ticket);
    this.#unconfirmedGrants = 0;
  }

  #pump(): void {
    const now = this.#now();
    while (this.#queue.length > 0) {
      if (this.waitTime(now) > 0) break;
      const waiter = this.#queue.shift() as Waiter;
      waiter.unlink();
      waiter.resolve(this.#grant(now));
    }
    this.#schedule(now);
  }

  /** Lets one request through now: logs its send and returns its ticket. */
  #grant(now: number): number {
    // Expired sends leave the log here too: once the server's quota rules, nothing else would read it.
    this.#sentInWindow(now);
    this.#tickets += 1;
    this.#sent.push({ ticket: this.#tickets, at: now, stamped: false });
    this.#outstanding.set(this.#tickets, this.#generation);
    // Without quota headers nothing ever rolls the window: bound what failed requests leave behind.
    if (this.#outstanding.size > GUESSES_KEPT)
      this.#outstanding.delete(this.#outstanding.keys().next().value as number);
    if (this.#budget?.resetAt === undefined) {
      // Sent before the server confirmed this window: a lone request is a probe, several are a guess.
      // Once a second one goes out, the first was part of the guess too (it may be processed last).
      if (this.#unconfirmedGrants === 1) this.#remember(this.#tickets - 1);
      if (this.#unconfirmedGrants > 0) this.#remember(this.#tickets);
      this.#unconfirmedGrants += 1;
    }
    return this.#tickets;
  }

  #remember(ticket: number): void {
    this.#guesses.add(ticket);
    if (this.#guesses.size > GUESSES_KEPT) {
      for (const old of this.#guesses) {
        this.#guesses.delete(old);
        if (this.#guesses.size <= GUESSES_KEPT) break;
      }
    }
  }

  #schedule(now: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length === 0 || this.#closed) return;
    const wait = this.waitTime(now);
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#pump();
      },
      Math.max(1, wait),
    );
  }
}
