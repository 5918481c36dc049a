import { randomUUID } from "node:crypto";
import { HotmartError, type RateLimiter, type RateLimitSnapshot } from "hotmart";
import { errorReporter, HotmartRedisError } from "./errors";
import {
  checkClient,
  checkOptions,
  command,
  countOption,
  positiveOption,
  type RedisClient,
  type RedisCommonOptions,
  Script,
} from "./redis";

export interface RedisRateLimiterOptions extends RedisCommonOptions {
  /**
   * Requests per window for the whole credential, every process together (default 500, Hotmart's quota).
   * When left at the default, the quota the server states (`RateLimit-Limit`, and the window its
   * `RateLimit-Reset` shows) replaces it; an explicit figure is a cap the server's cannot lift.
   */
  requestsPerWindow?: number | undefined;
  /** The window in ms (default 60 000). */
  windowMs?: number | undefined;
  /** Names the shared quota; default "default". Clients on the same credential use the same name. */
  name?: string | undefined;
  /**
   * What `acquire` does when Redis fails (unreachable, slower than `commandTimeoutMs`): "reject" (default)
   * fails the request with `HotmartRedisError`, so the quota is never exceeded silently; or a limiter to
   * use meanwhile, e.g. `new MemoryRateLimiter({ requestsPerMinute: 500 / processes })`.
   */
  whenRedisFails?: "reject" | RateLimiter | undefined;
  /**
   * Called when Redis failed and requests went through `whenRedisFails` instead (with "reject", the
   * request's own error says it); default: a console.warn at most once a minute.
   */
  onError?: ((error: HotmartRedisError) => void) | undefined;
}

const RATE_LIMITER_OPTIONS = Object.keys({
  prefix: 1,
  commandTimeoutMs: 1,
  requestsPerWindow: 1,
  windowMs: 1,
  name: 1,
  whenRedisFails: 1,
  onError: 1,
} satisfies Record<keyof RedisRateLimiterOptions, 1>);

/**
 * KEYS: the send log (sorted set, score = send time), the shared state (hash: limit and window learned
 * from the headers, paused-until), the queue of waiting processes and when each last asked. Time is Redis's own clock, so processes on different machines agree.
 * Returns { granted 0/1, wait ms, limit, sends in window, learned 0/1, window ms }.
 */
const ACQUIRE = new Script(`
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local explicit = ARGV[4] == "1"
local st = redis.call("HMGET", KEYS[2], "paused", "limit", "window")
local paused = tonumber(st[1]) or 0
local slimit = tonumber(st[2])
local swindow = tonumber(st[3])
local learned = 0
if slimit then
  learned = 1
  if explicit then limit = math.min(limit, slimit) else limit = slimit end
end
if swindow and not explicit then window = swindow end
local margin = math.min(250, math.ceil(window * 0.02))
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - window - margin)
local count = redis.call("ZCARD", KEYS[1])
-- Fairness: processes that were turned away queue in KEYS[3] (score: when they joined); a free slot
-- goes to the longest-waiting ones, and a process that got one goes to the back. KEYS[4] notes when each
-- process last asked, so a process that died leaves the queue after 2 s.
local pid = ARGV[5]
redis.call("ZADD", KEYS[4], now, pid)
local gone = redis.call("ZRANGEBYSCORE", KEYS[4], "-inf", now - 2000)
for _, p in ipairs(gone) do
  redis.call("ZREM", KEYS[4], p)
  redis.call("ZREM", KEYS[3], p)
end
redis.call("PEXPIRE", KEYS[3], 60000)
redis.call("PEXPIRE", KEYS[4], 60000)
if paused > now then
  redis.call("ZADD", KEYS[3], "NX", now, pid)
  return {0, paused - now, limit, count, learned}
end
if redis.call("ZSCORE", KEYS[1], ARGV[3]) then
  -- This very grant is in the log already: the script ran, and its reply was lost with the connection
  -- (the client sent it again) or came after the caller gave up. The slot is this process's: granted, from now.
  redis.call("ZREM", KEYS[3], pid)
  redis.call("ZADD", KEYS[1], "XX", now, ARGV[3])
  return {1, 0, limit, count, learned, window}
end
if count < limit then
  local free = limit - count
  local rank = redis.call("ZRANK", KEYS[3], pid)
  local queued = redis.call("ZCARD", KEYS[3])
  if (rank and rank < free) or (not rank and queued < free) then
    redis.call("ZREM", KEYS[3], pid)
    redis.call("ZADD", KEYS[1], now, ARGV[3])
    redis.call("PEXPIRE", KEYS[1], window + margin + 1000)
    return {1, 0, limit, count + 1, learned, window}
  end
  redis.call("ZADD", KEYS[3], "NX", now, pid)
  return {0, 3, limit, count, learned}
end
redis.call("ZADD", KEYS[3], "NX", now, pid)
local oldest = redis.call("ZRANGE", KEYS[1], count - limit, count - limit, "WITHSCORES")
local wait = tonumber(oldest[2]) + window + margin - now
if wait < 1 then wait = 1 end
return {0, wait, limit, count, learned}
`);

/** ARGV: limit or "", window or "", pause ms or "". Larger windows and later pauses win. */
const LEARN = new Script(`
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[1] ~= "" then redis.call("HSET", KEYS[1], "limit", ARGV[1]) end
if ARGV[2] ~= "" then
  local w = tonumber(redis.call("HGET", KEYS[1], "window") or "0")
  if tonumber(ARGV[2]) > w then redis.call("HSET", KEYS[1], "window", ARGV[2]) end
end
if ARGV[3] ~= "" then
  local pause_end = now + tonumber(ARGV[3])
  local cur = tonumber(redis.call("HGET", KEYS[1], "paused") or "0")
  if pause_end > cur then redis.call("HSET", KEYS[1], "paused", pause_end) end
end
redis.call("PEXPIRE", KEYS[1], 86400000)
return 1
`);

/**
 * KEYS: the send log. ARGV: a send's member, the log's lifetime in ms, "1" when the request left a window
 * or more after its grant (the sender's own clock). Moves its time to now (Redis's
 * clock) when now is later: the request left long after Redis granted it (the process was stalled), and
 * counts from when it left. A grant that aged out of the log before its request left (stalled longer than
 * the window, e.g. behind a slow token refresh) is put back at now: the request leaves now, and would
 * otherwise leave uncounted, one more than the quota in the window it lands in. Only then: a grant whose
 * request left in time ages out too when the stamp itself reached Redis late (queued through a reconnect),
 * and put back then it would count a request sent a window ago a second time, a slot nobody can use.
 */
const STAMP = new Script(`
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local at = tonumber(redis.call("ZSCORE", KEYS[1], ARGV[1]))
if not at then
  if ARGV[3] ~= "1" then return 0 end
  redis.call("ZADD", KEYS[1], now, ARGV[1])
  redis.call("PEXPIRE", KEYS[1], tonumber(ARGV[2]))
elseif now > at then
  redis.call("ZADD", KEYS[1], "XX", now, ARGV[1])
end
return 1
`);

/**
 * KEYS: the send log, the shared state. ARGV: the window, explicit "1"/"0", a grant's member. For a grant
 * whose reply this process read a window or more after asking (it was frozen or stalled after Redis
 * granted it): 1, and the grant now counts from now, when it is still in the log; 0 when it left the log
 * meanwhile (the other processes no longer count it, and may have spent its slot): it must not be used.
 */
const CONFIRM = new Script(`
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local swindow = tonumber(redis.call("HGET", KEYS[2], "window"))
if swindow and ARGV[2] ~= "1" then window = swindow end
local margin = math.min(250, math.ceil(window * 0.02))
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - window - margin)
if not redis.call("ZSCORE", KEYS[1], ARGV[3]) then return 0 end
redis.call("ZADD", KEYS[1], "XX", now, ARGV[3])
return 1
`);

/**
 * A send that reached fetch this long after its slot was asked for is stamped again in Redis (one more
 * round trip, only then), or sooner for a window whose margin is short (see #stampAfterMs).
 */
const STAMP_AFTER_MS = 50;

/** The slack the scripts add to a window (2 % of it, at most 250 ms), as their `margin`. */
const marginOf = (windowMs: number) => Math.min(250, Math.ceil(windowMs * 0.02));

/**
 * `whenRedisFails`, checked now: a fallback is only called once Redis fails, and one without `acquire`
 * (the class `MemoryRateLimiter` instead of an instance, a string) then threw inside the limiter's loop,
 * an unhandled rejection that left every waiting request pending for good.
 */
function fallbackOption(value: unknown): RateLimiter | undefined {
  if (value === undefined || value === "reject") return undefined;
  const limiter = value as Partial<RateLimiter> | null;
  if (
    typeof limiter?.acquire === "function" &&
    typeof limiter.observe === "function" &&
    typeof limiter.pause === "function"
  ) {
    return value as RateLimiter;
  }
  const got =
    typeof value === "function"
      ? `the class ${value.name || "(anonymous)"}: pass an instance, new ${value.name || "Limiter"}(...)`
      : `${typeof value === "string" ? JSON.stringify(value) : String(value)}`;
  throw new TypeError(
    `whenRedisFails must be "reject" or a rate limiter instance such as new MemoryRateLimiter({ requestsPerMinute: 500 / processes }); got ${got}`,
  );
}

interface Waiter {
  resolve: (ticket: number) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * One quota for every process on a credential: `new Hotmart({ limiter: new RedisRateLimiter(redis) })`.
 *
 * A sliding window kept atomically in Redis (one Lua script per send): never more than the quota in any
 * window, whichever process sends. What any process learns from Hotmart's headers (the real quota, a
 * 429 pause, a window spent by someone else) holds for all of them. Waiting processes wake when the next
 * slot frees and race for it in Redis, so each gets a share in proportion to what it asks for.
 * Cost: one Redis round trip per request, plus one per wake-up while the quota is spent, one when
 * the server's headers change what is known, and one for a request that left more than 50 ms (1 % of
 * windows under 5 s) after it asked for its slot (a stalled process).
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #redis: RedisClient;
  readonly #keys: [string, string, string, string];
  readonly #timeoutMs: number;
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #explicit: boolean;
  readonly #fallback: RateLimiter | undefined;
  readonly #onError: (error: HotmartRedisError) => void;
  readonly #id = randomUUID();
  readonly #queue: Waiter[] = [];
  readonly #guesses = new Set<number>();
  /** When the slot of each granted ticket was asked for (local clock), until `stamp` reads it. */
  readonly #askedAt = new Map<number, number>();
  /**
   * A send later than this after its grant is stamped again. An unstamped one counts from its grant, so
   * its lag eats the window's margin, which is there for the wire's jitter: at most half of it. With a
   * 2 s window (a 40 ms margin) a flat 50 ms let a send leave 49 ms late and be forgotten 2 040 ms after
   * its grant, 1 991 ms after it left: 41 sends in one of the server's windows.
   */
  #stampAfterMs: number;
  /** How long the send log lives after a send, as the scripts set it: the window in force and its margin, plus 1 s. */
  #logMs: number;
  /** The window in force at the last grant (the server's, once learned). */
  #windowInForce: number;
  #pumping = false;
  /** After a failure, requests go straight to the fallback for a few seconds instead of timing out each time. */
  #downUntil = 0;
  #closed = false;
  #wake: (() => void) | undefined;
  #tickets = 0;
  #learnedLimit: number | undefined;
  #learnedWindow = 0;
  #last: RateLimitSnapshot;
  /** Redis commands sent, for the cost figures in the README and the benchmark. */
  roundTrips = 0;

  constructor(redis: RedisClient, options: RedisRateLimiterOptions = {}) {
    checkClient("RedisRateLimiter", redis);
    checkOptions("RedisRateLimiter", options, RATE_LIMITER_OPTIONS);
    this.#redis = redis;
    const prefix = options.prefix ?? "hotmart:";
    const name = options.name ?? "default";
    const base = `${prefix}ratelimit:${name}`;
    this.#keys = [`${base}:log`, `${base}:state`, `${base}:queue`, `${base}:seen`];
    this.#timeoutMs = positiveOption("commandTimeoutMs", options.commandTimeoutMs, 1_000);
    this.#explicit = options.requestsPerWindow !== undefined || options.windowMs !== undefined;
    this.#limit = countOption("requestsPerWindow", options.requestsPerWindow, 500);
    this.#windowMs = countOption("windowMs", options.windowMs, 60_000);
    this.#fallback = fallbackOption(options.whenRedisFails);
    this.#onError = errorReporter(
      options.onError,
      "this process's requests go through whenRedisFails meanwhile, so the quota is not shared",
    );
    this.#last = { remaining: this.#limit, limit: this.#limit, resetAt: undefined, queued: 0 };
    this.#stampAfterMs = Math.min(STAMP_AFTER_MS, marginOf(this.#windowMs) / 2);
    this.#logMs = this.#windowMs + marginOf(this.#windowMs) + 1_000;
    this.#windowInForce = this.#windowMs;
  }

  acquire(signal?: AbortSignal): Promise<number> {
    if (this.#closed) return Promise.reject(new HotmartError("The client is closed"));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.#queue.indexOf(waiter);
          if (i >= 0) this.#queue.splice(i, 1);
          // Nobody waits now: end the loop's sleep (up to a window). Left asleep, a limiter nobody closes
          // (client.close() leaves a given one open) held the process open that long after its client
          // closed. While anyone waits, the sleep holds the process, as their requests are pending.
          if (this.#queue.length === 0) this.#wake?.();
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      if (this.#fallback && performance.now() < this.#downUntil) {
        this.#fallback.acquire(signal).then((t) => resolve(-t), reject);
        return;
      }
      this.#queue.push(waiter);
      void this.#pump();
    });
  }

  /**
   * Called when fetch took the request. A request that left long after its slot was granted (this process
   * was stalled: a busy CPU, a long GC) is counted from when it left, so the window it lands in at
   * Hotmart holds no more than the quota.
   */
  stamp(ticket: number): void {
    if (ticket < 0) {
      this.#fallback?.stamp?.(-ticket);
      return;
    }
    const askedAt = this.#askedAt.get(ticket);
    this.#askedAt.delete(ticket);
    const lag = askedAt === undefined ? 0 : performance.now() - askedAt;
    if (askedAt === undefined || lag < this.#stampAfterMs) return;
    // Whether the grant may have aged out because the request left late, not because the stamp did.
    const agedOut = lag >= this.#windowInForce ? "1" : "0";
    this.roundTrips += 1;
    // Never throws: a lost stamp leaves the send counted from its grant, as without it.
    void command("the send stamp", this.#timeoutMs, () =>
      STAMP.run(this.#redis, [this.#keys[0]], [`${this.#id}:${ticket}`, this.#logMs, agedOut]),
    ).catch(() => {});
  }

  observe(headers: Headers, ticket: number): void {
    if (ticket < 0) {
      void this.#fallback?.observe(headers, -ticket);
      return;
    }
    const limit = Number(headers.get("ratelimit-limit") ?? headers.get("x-ratelimit-limit-minute") ?? NaN);
    const resetRaw = Number(headers.get("ratelimit-reset") ?? NaN);
    const resetMs =
      Number.isFinite(resetRaw) && resetRaw >= 0 && resetRaw < 1e9 ? resetRaw * 1000 : undefined;
    const remaining = Number(headers.get("ratelimit-remaining") ?? NaN);
    const newLimit =
      Number.isFinite(limit) && limit >= 1 && limit !== this.#learnedLimit ? Math.floor(limit) : undefined;
    const newWindow = resetMs !== undefined && resetMs > this.#learnedWindow ? resetMs : undefined;
    // The window spent (by this credential's other users too): everybody waits for its reset.
    const pause = remaining === 0 && resetMs !== undefined && resetMs > 0 ? resetMs : undefined;
    if (newLimit === undefined && newWindow === undefined && pause === undefined) return;
    if (newLimit !== undefined) this.#learnedLimit = newLimit;
    if (newWindow !== undefined) this.#learnedWindow = newWindow;
    // Never throws: a failed write only means the others learn it from their own responses.
    void this.#learn(newLimit, newWindow, pause).catch(() => {});
  }

  async pause(delayMs: number, ticket: number): Promise<boolean> {
    if (ticket < 0) return (await this.#fallback?.pause(delayMs, -ticket)) ?? false;
    const provoked = this.#guesses.delete(ticket) && this.#learnedLimit !== undefined;
    try {
      await this.#learn(undefined, undefined, Math.max(1, delayMs));
    } catch {
      // The request is retried after its own wait anyway; the others see the next 429 themselves.
    }
    return provoked;
  }

  snapshot(): RateLimitSnapshot {
    return { ...this.#last, queued: this.#queue.length };
  }

  /**
   * Rejects every request still waiting; later acquires fail. `client.close()` does not call it (the
   * limiter is yours, and may serve other clients): call it at shutdown if you want waiters rejected. Not
   * needed for the process to exit: an idle limiter holds nothing open.
   */
  close(): void {
    this.#closed = true;
    this.#wake?.();
    for (const waiter of this.#queue.splice(0)) {
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.reject(new HotmartError("The client was closed while this request waited for the rate limiter"));
    }
  }

  async #learn(
    limit: number | undefined,
    windowMs: number | undefined,
    pauseMs: number | undefined,
  ): Promise<void> {
    this.roundTrips += 1;
    await command("the rate limit update", this.#timeoutMs, () =>
      LEARN.run(this.#redis, [this.#keys[1]], [limit ?? "", windowMs ?? "", pauseMs ?? ""]),
    );
  }

  /** One loop per process: asks Redis for a slot for the head of the queue, sleeps when there is none. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0 && !this.#closed) {
        const ticket = this.#tickets + 1;
        const askedAt = performance.now();
        let reply: number[];
        try {
          this.roundTrips += 1;
          reply = (await command("the rate limiter script", this.#timeoutMs, () =>
            ACQUIRE.run(this.#redis, this.#keys, [
              this.#limit,
              this.#windowMs,
              `${this.#id}:${ticket}`,
              this.#explicit ? "1" : "0",
              this.#id,
            ]),
          )) as number[];
        } catch (error) {
          await this.#failed(error as HotmartRedisError);
          continue;
        }
        const [granted, wait, limit, count, learned, windowMs] = reply.map(Number) as [
          number,
          number,
          number,
          number,
          number,
          number | undefined,
        ];
        // Redis holds no quota, though this process taught it one: a restart, or the state's expiry a day
        // after its last change, forgot it. Forget it here too, or observe() would find nothing new in the
        // headers and never write it again (the limit would stay the assumed 500 for good).
        if (learned === 0 && this.#learnedLimit !== undefined) {
          this.#learnedLimit = undefined;
          this.#learnedWindow = 0;
        }
        this.#last = {
          remaining: Math.max(0, limit - count),
          limit,
          resetAt: wait > 0 ? Date.now() + wait : undefined,
          queued: this.#queue.length,
        };
        if (granted === 1) {
          // Read a window or more after asking: this process was frozen (SIGSTOP, a Lambda between
          // invocations) or stalled after Redis granted the slot. The grant may have left the log, the
          // others may have spent its slot, and a stamp after the send could not bring it back: confirmed
          // before the send, or asked for again. (Read later than STAMP_AFTER_MS but within the window, it
          // is still counted: stamp() moves it to when the request left.)
          let at = askedAt;
          let kept = true;
          const late = Math.max(windowMs ?? this.#windowMs, STAMP_AFTER_MS);
          if (this.#queue.length > 0 && performance.now() - askedAt >= late) {
            at = performance.now();
            this.roundTrips += 1;
            try {
              kept =
                (await command("the slot's confirmation", this.#timeoutMs, () =>
                  CONFIRM.run(
                    this.#redis,
                    [this.#keys[0], this.#keys[1]],
                    [this.#windowMs, this.#explicit ? "1" : "0", `${this.#id}:${ticket}`],
                  ),
                )) === 1;
            } catch (error) {
              await this.#failed(error as HotmartRedisError);
              continue;
            }
          }
          if (!kept) continue;
          // The window in force (the server's, once learned) sets the margin a late send may not eat.
          const inForce = windowMs ?? this.#windowMs;
          this.#stampAfterMs = Math.min(STAMP_AFTER_MS, marginOf(inForce) / 2);
          this.#logMs = inForce + marginOf(inForce) + 1_000;
          this.#windowInForce = inForce;
          const waiter = this.#queue.shift();
          this.#tickets = ticket;
          this.#askedAt.set(ticket, at);
          if (this.#askedAt.size > 4096) this.#askedAt.delete(this.#askedAt.keys().next().value as number);
          // Sent before anyone learned the server's quota: a 429 to it is the limiter's guess gone wrong.
          if (learned === 0) this.#guesses.add(ticket);
          if (this.#guesses.size > 4096) this.#guesses.delete(this.#guesses.values().next().value as number);
          if (!waiter) continue; // aborted meanwhile: the slot is spent, nothing else to do
          if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
          waiter.resolve(ticket);
          continue;
        }
        // Everyone who waited gave up while the script was at Redis (their abort found no sleep to wake):
        // nobody to sleep for, and a sleep of up to a window would hold the process open that long.
        if (this.#queue.length === 0) break;
        // A little jitter, so waiting processes do not all ask at the same instant.
        await this.#sleep(wait + Math.random() * 5);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Redis failed: the waiters go to the fallback limiter, or fail with the error. */
  async #failed(error: HotmartRedisError): Promise<void> {
    const waiters = this.#queue.splice(0);
    const refused = error.message.startsWith("Redis refused ");
    // A fallback hides the failure from the requests: without a word, a Redis that keeps refusing (an ACL,
    // a read-only replica) would leave the quota unshared for good and nobody would know.
    if (this.#fallback && waiters.length > 0) {
      try {
        this.#onError(error);
      } catch {
        // The reporter's own failure must not lose the waiters below.
      }
    }
    // A length of time (performance.now()): a wall-clock step back must not keep the fallback for hours.
    this.#downUntil = performance.now() + 5_000;
    for (const waiter of waiters) {
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      if (this.#fallback) {
        this.#fallback.acquire(waiter.signal).then((t) => waiter.resolve(-t), waiter.reject);
      } else {
        waiter.reject(
          new HotmartRedisError(
            // Redis answered with a refusal (a permission, a read-only replica): its own message says
            // what to fix, and "check that Redis is up" would send the reader the wrong way.
            refused
              ? `The rate limiter's Redis refused its script, so the request was not sent (the quota is shared through it): ${error.message.replace(/\.$/, "")}. ` +
                  "To keep sending until that is fixed, pass whenRedisFails: new MemoryRateLimiter({ requestsPerMinute: 500 / processes })"
              : `The rate limiter could not reach Redis, so the request was not sent (the quota is shared through it): ${error.message.replace(/\.$/, "")}. ` +
                  "Check that Redis is up and reachable from this process; to keep sending while it is not, pass " +
                  "whenRedisFails: new MemoryRateLimiter({ requestsPerMinute: 500 / processes })",
            { cause: error },
          ),
        );
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
