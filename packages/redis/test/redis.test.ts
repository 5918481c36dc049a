import { createHash } from "node:crypto";
import { inspect } from "node:util";
import { AuthenticationError, createWebhookHandler, Hotmart, MemoryRateLimiter } from "hotmart";
import { HotmartRedisError, RedisDedupeStore, RedisRateLimiter, RedisTokenStore } from "hotmart-redis";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { Redis, type RedisOptions } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { watchMachine } from "../../hotmart/test/helpers/machine";
import { HAS_REDIS, INSTALL_HINT, type RedisServer, startRedis } from "./redis-server";

if (!HAS_REDIS) console.log(INSTALL_HINT);

const clients: Redis[] = [];
function connect(server: RedisServer, options: RedisOptions = {}): Redis {
  const redis = new Redis(server.port, "127.0.0.1", {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    ...options,
  });
  redis.on("error", () => {}); // reconnects are expected in the restart tests
  clients.push(redis);
  return redis;
}

describe.skipIf(!HAS_REDIS)("hotmart-redis against a real redis-server", () => {
  let server: RedisServer;
  let sim: Simulator;
  beforeAll(async () => {
    server = await startRedis();
    sim = await startSimulator({ port: 0, seed: 13, rateLimit: { limit: 40, windowMs: 2_000 } });
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await sim?.close();
    await server?.stop();
  });

  const hotmart = (extra: ConstructorParameters<typeof Hotmart>[0]) =>
    new Hotmart({
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      baseURL: sim.url,
      authURL: sim.authURL,
      ...extra,
    });

  it("RedisTokenStore: 6 clients (as 6 processes), each with its own Redis connection, make one token request", async () => {
    sim.resetStats();
    const prefix = `t${Date.now()}:`;
    const list = Array.from({ length: 6 }, () =>
      hotmart({ tokenStore: new RedisTokenStore(connect(server), { prefix }), rateLimit: false }),
    );
    await Promise.all(list.flatMap((c) => [c.products.list(), c.products.list()]));
    expect(sim.stats().tokenGrants).toBe(1);
    await list[0]?.close();
    await list[1]?.products.list();
    expect(sim.stats().tokenGrants).toBe(1);
  });

  it("RedisTokenStore: the tokens a process keeps in memory are bounded: expired ones go first, then the least recently used", async () => {
    const store = new RedisTokenStore(connect(server), { prefix: `m${Date.now()}:` });
    const valid = Date.now() + 3_600_000;
    // The store keeps 1,000 credentials' tokens in memory: fill it, the last one already expired.
    for (let i = 0; i < 999; i++) await store.set(`k${i}`, { accessToken: `a${i}`, expiresAt: valid });
    await store.set("expired", { accessToken: "x", expiresAt: Date.now() - 1 });
    // One credential more: the expired token makes room, and every valid one stays in memory.
    await store.set("new", { accessToken: "n", expiresAt: valid });
    let trips = store.roundTrips;
    expect(await store.get("k0")).toEqual({ accessToken: "a0", expiresAt: valid });
    expect(store.roundTrips).toBe(trips);
    // Full of valid tokens: the least recently used (k1, as k0 was just read) leaves memory, not Redis.
    await store.set("newer", { accessToken: "m", expiresAt: valid });
    trips = store.roundTrips;
    expect(await store.get("k0")).toEqual({ accessToken: "a0", expiresAt: valid });
    expect(store.roundTrips).toBe(trips);
    expect(await store.get("k1")).toEqual({ accessToken: "a1", expiresAt: valid });
    expect(store.roundTrips).toBe(trips + 1);
  });

  it("RedisTokenStore: a token request slower than lockMs keeps its lock renewed: the others wait for its token, one token request in all", async () => {
    sim.resetStats();
    const prefix = `s${Date.now()}:`;
    // The first token request takes 2.5 lock lifetimes; a second one would be answered at once. The
    // lock is renewed every 400 ms, so only an event loop stalled for 800 ms could let it lapse.
    const slow = sim.faults.add({
      route: "POST /security/oauth/token",
      kind: "latency",
      delayMs: 3_000,
      times: 1,
    });
    try {
      const stores = Array.from(
        { length: 3 },
        () => new RedisTokenStore(connect(server), { prefix, lockMs: 1_200 }),
      );
      const list = stores.map((tokenStore) => hotmart({ tokenStore, rateLimit: false }));
      await Promise.all(list.map((c) => c.products.list()));
      expect(sim.stats().tokenGrants).toBe(1);
      // Released: the lock is gone, so the next refresh takes it at once, and nothing renews it any more.
      expect(await connect(server).keys(`${prefix}*:lock`)).toEqual([]);
      const trips = stores.map((st) => st.roundTrips);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // two and a half renewal periods
      expect(stores.map((st) => st.roundTrips)).toEqual(trips);
    } finally {
      sim.faults.remove(slow.id);
    }
  });

  it("options: a fractional lockMs still gives one token request for all; a quota below 1 or an option a store does not have is refused at construction", async () => {
    sim.resetStats();
    const prefix = `o${Date.now()}:`;
    const errors: string[] = [];
    // 20 000 / 3 ms: Redis refuses a fractional PX, and a lock that cannot be taken is no lock.
    const list = Array.from({ length: 4 }, () =>
      hotmart({
        tokenStore: new RedisTokenStore(connect(server), {
          prefix,
          lockMs: 20_000 / 3,
          onError: (e) => errors.push(e.message),
        }),
        rateLimit: false,
      }),
    );
    await Promise.all(list.map((c) => c.products.list()));
    expect(errors).toEqual([]);
    expect(sim.stats().tokenGrants).toBe(1);
    const redis = connect(server);
    // Rounded down to 0 it was a Lua error at every request, reported as Redis being unreachable.
    expect(() => new RedisRateLimiter(redis, { requestsPerWindow: 0.5 })).toThrow(
      "requestsPerWindow must be at least 1 (got 0.5)",
    );
    // The memory limiter's option name: dropped, the quota would have stayed 500.
    expect(() => new RedisRateLimiter(redis, { requestsPerMinute: 100 } as never)).toThrow(
      'RedisRateLimiter has no option "requestsPerMinute": it takes prefix, commandTimeoutMs, requestsPerWindow, windowMs, name, whenRedisFails',
    );
    expect(() => new RedisTokenStore(redis, { keyPrefix: "app1:" } as never)).toThrow(
      /RedisTokenStore has no option "keyPrefix": it takes prefix,/,
    );
    expect(() => new RedisDedupeStore(redis, { ttl: 1000 } as never)).toThrow(
      /RedisDedupeStore has no option "ttl": it takes prefix, commandTimeoutMs, ttlMs, processingTimeoutMs/,
    );
  });

  it("RedisTokenStore: each process reads the token from Redis once, not per request; a Redis outage costs no token request while the token lasts", async () => {
    sim.resetStats();
    const own = await startRedis(); // stopped below: a server of its own, so the other tests keep theirs
    try {
      const prefix = `m${Date.now()}:`;
      const stores = [0, 1].map(
        () => new RedisTokenStore(connect(own), { prefix, commandTimeoutMs: 300, onError: () => {} }),
      );
      const [a, b] = stores.map((tokenStore) => hotmart({ tokenStore, rateLimit: false })) as [
        Hotmart,
        Hotmart,
      ];
      await a.products.list();
      await b.products.list();
      const trips = stores.map((st) => st.roundTrips);
      for (let i = 0; i < 20; i++) await Promise.all([a.products.list(), b.products.list()]);
      expect(stores.map((st) => st.roundTrips)).toEqual(trips);
      await own.stop();
      for (let i = 0; i < 5; i++) await Promise.all([a.products.list(), b.products.list()]);
      expect(sim.stats().tokenGrants).toBe(1);
    } finally {
      await own.stop();
    }
  });

  it("RedisTokenStore: a Redis that refuses the token's write (out of memory) reports the failure without the access token anywhere in the error", async () => {
    const own = await startRedis(); // its memory limit is lowered below: a server of its own
    try {
      const redis = connect(own);
      await redis.config("SET", "maxmemory", "1"); // noeviction: every write now fails with OOM
      const errors: unknown[] = [];
      const store = new RedisTokenStore(redis, { onError: (e) => errors.push(e) });
      await store.set("k", { accessToken: "the-access-token-itself", expiresAt: Date.now() + 60_000 });
      expect(errors).toHaveLength(1);
      expect(String((errors[0] as Error).message)).toMatch(/Redis refused SET \(token\): OOM/);
      // What a logger prints for it (the cause chain included): ioredis hangs the command's arguments on it.
      expect(inspect(errors[0], { depth: 10 })).not.toContain("the-access-token-itself");
    } finally {
      await own.stop();
    }
  });

  it("RedisRateLimiter: 3 clients share one quota learned from the headers: all 120 calls succeed, never more than the quota sent in a window after the first, no 429 after the first window", async () => {
    sim.resetStats();
    const name = `q${Date.now()}`;
    // When fetch took each request (the client stamps it right after): what the limiter answers for.
    const sends: number[] = [];
    class Watched extends RedisRateLimiter {
      override stamp(ticket: number): void {
        sends.push(Date.now());
        super.stamp(ticket);
      }
    }
    const limiters = Array.from({ length: 3 }, () => new Watched(connect(server), { name }));
    const list = limiters.map((limiter) => hotmart({ limiter }));
    const machine = watchMachine();
    const results = await Promise.allSettled(
      list.flatMap((c) => Array.from({ length: 40 }, () => c.products.list({ max_results: 1 }))),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    // Before anyone learned the quota (40, not the assumed 500), the first window may be overrun; its
    // sends leave the limiter's log a window and its 40 ms margin after. From then on, no 2 s span of
    // sends (one of the server's windows, wherever it starts) holds more than 40.
    sends.sort((a, b) => a - b);
    const governed = sends.filter((t) => t >= (sends[0] ?? 0) + 2_040);
    let most = 0;
    for (let i = 0, j = 0; i < governed.length; i++) {
      while ((governed[i] as number) - (governed[j] as number) >= 2_000) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(40);
    const calls = sim.requestLog.filter((e) => e.path.startsWith("/products"));
    const limited = calls.filter((e) => e.status === 429);
    const firstOk = Math.min(...calls.filter((e) => e.status === 200).map((e) => e.at));
    const limitedLater = limited.filter((e) => e.at > firstOk + 2_500);
    const trips = limiters.reduce((n, l) => n + l.roundTrips, 0);
    console.log(
      `[redis limiter] 120 calls, 3 clients: at most ${most} sent in 2 s after the first window, ${limited.length} responses 429 (${limitedLater.length} after the first window), ${(trips / 120).toFixed(2)} Redis round trips per call`,
    );
    // The simulator counts a request when this process gets round to reading it. Starved of a core, it
    // read some up to 1.8 s after fetch took them (the limiter had counted them from then), a window's
    // late requests together with the next window's prompt ones: 429s the limiter cannot prevent.
    const starved = machine.starved();
    if (starved) {
      console.log(
        `[redis limiter] 429s after the first window not judged: this process was starved (${starved}), so the simulator's clock lagged the sends`,
      );
    } else {
      expect(limitedLater).toEqual([]);
    }
  }, 30_000);

  it("RedisRateLimiter: the quota learned from the headers is taught to Redis again after a restart forgot it", async () => {
    const own = await startRedis(); // restarted below: a server of its own
    try {
      const name = `r${Date.now()}`;
      const direct = connect(own);
      const limiter = new RedisRateLimiter(connect(own), { name });
      const c = hotmart({ limiter });
      // The quota the shared state holds: the simulator's 40 once a response taught it (written in the
      // background after the response, hence the wait), or nothing.
      const learned = () =>
        vi.waitFor(
          async () => expect(await direct.hget(`hotmart:ratelimit:${name}:state`, "limit")).toBe("40"),
          { timeout: 10_000, interval: 20 },
        );
      await c.products.list({ max_results: 1 });
      await learned();
      await own.stop();
      await own.start(); // the learned quota is gone with Redis's data
      let ok = false;
      for (let i = 0; i < 50 && !ok; i++) {
        ok = await c.products.list({ max_results: 1 }).then(
          () => true,
          () => new Promise<boolean>((r) => setTimeout(() => r(false), 100)),
        );
      }
      expect(ok).toBe(true);
      await learned();
      await c.products.list({ max_results: 1 });
      expect(limiter.snapshot().limit).toBe(40); // not the assumed 500
      limiter.close();
    } finally {
      await own.stop();
    }
  }, 60_000);

  it("RedisRateLimiter: a 429 or a spent window that one process sees holds the other processes until the reset", async () => {
    const name = `p${Date.now()}`;
    const direct = connect(server);
    const a = new RedisRateLimiter(connect(server), { name });
    const b = new RedisRateLimiter(connect(server), { name });
    // b is held and never let through: its first answer from Redis names the wait; the test then aborts it.
    const heldFor = async (limiter: RedisRateLimiter): Promise<number> => {
      const stop = new AbortController();
      let granted = false;
      const pending = limiter.acquire(stop.signal).then(
        () => {
          granted = true;
        },
        () => {},
      );
      // Its first answer from Redis sets resetAt (the end of the wait it was told).
      while (limiter.snapshot().resetAt === undefined && !granted) await new Promise((r) => setTimeout(r, 5));
      stop.abort();
      await pending;
      expect(granted).toBe(false);
      return (limiter.snapshot().resetAt ?? 0) - Date.now();
    };

    // A 429 that a got (Retry-After 60 s): b, which saw nothing itself, waits for it too.
    const ticket = await a.acquire();
    await a.pause(60_000, ticket);
    expect(await heldFor(b)).toBeGreaterThan(50_000);

    // Headers a read (quota spent, reset in 30 s) hold b on another quota name as well.
    const other = `h${Date.now()}`;
    const c = new RedisRateLimiter(connect(server), { name: other });
    const d = new RedisRateLimiter(connect(server), { name: other });
    const t2 = await c.acquire();
    c.observe(
      new Headers({ "RateLimit-Limit": "500", "RateLimit-Remaining": "0", "RateLimit-Reset": "30" }),
      t2,
    );
    while ((await direct.hget(`hotmart:ratelimit:${other}:state`, "paused")) === null)
      await new Promise((r) => setTimeout(r, 5));
    expect(await heldFor(d)).toBeGreaterThan(20_000);
    for (const l of [a, b, c, d]) l.close();
  });

  it("RedisRateLimiter: a request that left long after its slot was granted (a stalled process) counts from when it left", async () => {
    const name = `s${Date.now()}`;
    const direct = connect(server);
    const limiter = new RedisRateLimiter(connect(server), { name });
    const log = `hotmart:ratelimit:${name}:log`;
    const quick = await limiter.acquire();
    limiter.stamp(quick); // sent at once: nothing to correct, no round trip
    const before = limiter.roundTrips;
    const late = await limiter.acquire();
    const [, granted] = await direct.zrange(log, 1, 1, "WITHSCORES");
    await new Promise((r) => setTimeout(r, 150)); // the process stalls between the grant and fetch
    limiter.stamp(late);
    expect(limiter.roundTrips).toBe(before + 2); // the grant, and the stamp
    let moved = Number(granted);
    while (moved === Number(granted)) moved = Number((await direct.zrange(log, 1, 1, "WITHSCORES"))[1]);
    expect(moved - Number(granted)).toBeGreaterThanOrEqual(100);
    limiter.close();
  });

  it("RedisRateLimiter: with a short window, a request that left later than half its margin after the grant counts from when it left", async () => {
    const name = `w${Date.now()}`;
    const direct = connect(server);
    // A 1 s window has a 20 ms margin. Counted from its grant, a send that left 30 ms later would be
    // forgotten 1 020 ms after the grant, 990 ms after it left: inside the server's window it was sent in.
    const limiter = new RedisRateLimiter(connect(server), { name, requestsPerWindow: 5, windowMs: 1_000 });
    const log = `hotmart:ratelimit:${name}:log`;
    // The limiter's clock, held still: the lag it sees is 30 ms however slowly this machine runs.
    const clock = vi.spyOn(performance, "now").mockReturnValue(1_000);
    let granted: string | undefined;
    try {
      const ticket = await limiter.acquire();
      const before = limiter.roundTrips;
      [, granted] = await direct.zrange(log, 0, 0, "WITHSCORES");
      clock.mockReturnValue(1_030);
      await new Promise((r) => setTimeout(r, 30)); // Redis's clock moves on too
      limiter.stamp(ticket);
      expect(limiter.roundTrips).toBe(before + 1);
    } finally {
      clock.mockRestore();
    }
    let moved = Number(granted);
    while (moved === Number(granted)) moved = Number((await direct.zrange(log, 0, 0, "WITHSCORES"))[1]);
    expect(moved - Number(granted)).toBeGreaterThanOrEqual(20);
    limiter.close();
  });

  it("RedisRateLimiter: a request that left after its grant had aged out of the window (stalled longer than it) is counted from when it left, not sent uncounted", async () => {
    const name = `g${Date.now()}`;
    const direct = connect(server);
    const options = { name, requestsPerWindow: 1, windowMs: 1_000 };
    const log = `hotmart:ratelimit:${name}:log`;
    const connectionA = connect(server);
    const a = new RedisRateLimiter(connectionA, options);
    const ticket = await a.acquire();
    const [member] = await direct.zrange(log, 0, 0);
    // Process A stalls between the grant and fetch (a slow token refresh) for longer than the window and
    // its 20 ms margin: its grant leaves the log, and process B is granted the slot meanwhile.
    await new Promise((r) => setTimeout(r, 1_100));
    const b = new RedisRateLimiter(connect(server), options);
    b.stamp(await b.acquire());
    expect(await direct.zscore(log, String(member))).toBeNull();
    a.stamp(ticket); // A's request leaves now
    await connectionA.ping(); // after the stamp, on the same connection
    // Counted from now: the window it lands in holds it, and the next slot waits for it.
    expect(Number(await direct.zscore(log, String(member)))).toBeGreaterThan(0);
    expect(await direct.pttl(log)).toBeGreaterThan(1_000);
    a.close();
    b.close();
  });

  it("RedisRateLimiter: a stamp that reached Redis only after the grant aged out, for a request that left in time, does not count that request again", async () => {
    const name = `l${Date.now()}`;
    const direct = connect(server);
    const log = `hotmart:ratelimit:${name}:log`;
    // A's connection holds its next script call until released: the stamp of a request that left 30 ms
    // after its grant reaches Redis late (queued through a reconnect), after the grant, counted from when
    // it was granted, has left the 1 s window and its 20 ms margin, and another process's grant trimmed it.
    const real = connect(server);
    let holdNext = false;
    let release = () => {};
    let delivered: Promise<unknown> = Promise.resolve();
    const held = new Proxy(real, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key !== "evalsha") return typeof value === "function" ? value.bind(target) : value;
        return (...args: unknown[]) => {
          const call = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (!holdNext) return call();
          holdNext = false;
          delivered = new Promise<void>((r) => {
            release = r;
          }).then(call);
          return delivered;
        };
      },
    });
    const limiter = new RedisRateLimiter(held, { name, requestsPerWindow: 5, windowMs: 1_000 });
    // The limiter's clock, held still: the lag it sees is 30 ms however slowly this machine runs.
    const clock = vi.spyOn(performance, "now").mockReturnValue(1_000);
    let member: string | undefined;
    try {
      const ticket = await limiter.acquire();
      [member] = await direct.zrange(log, 0, 0);
      clock.mockReturnValue(1_030);
      holdNext = true;
      limiter.stamp(ticket);
    } finally {
      clock.mockRestore();
    }
    await new Promise((r) => setTimeout(r, 1_100));
    const b = new RedisRateLimiter(connect(server), { name, requestsPerWindow: 5, windowMs: 1_000 });
    await b.acquire();
    expect(await direct.zscore(log, String(member))).toBeNull();
    release();
    await delivered.catch(() => {});
    // The request left 30 ms after its grant and has been out of Hotmart's window for a while: put back
    // at the stamp's arrival, it would hold a slot for a second window.
    expect(await direct.zscore(log, String(member))).toBeNull();
    limiter.close();
    b.close();
  });

  it("RedisRateLimiter: a slot whose grant this process read only after a freeze longer than the window is asked for again, not sent uncounted", async () => {
    const name = `z${Date.now()}`;
    const direct = connect(server);
    const options = { name, requestsPerWindow: 2, windowMs: 1_000 };
    const log = `hotmart:ratelimit:${name}:log`;
    // Process A's connection: once `freezeNext` is set, its next script call leaves for Redis and then A
    // is frozen 1.2 s (this thread blocks, as under SIGSTOP) before it can read the reply.
    const real = connect(server);
    let freezeNext = false;
    let onThaw = () => {};
    const frozenOnce = new Proxy(real, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key !== "evalsha") return typeof value === "function" ? value.bind(target) : value;
        return (...args: unknown[]) => {
          const reply = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (freezeNext) {
            freezeNext = false;
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_200);
            onThaw();
          }
          return reply;
        };
      },
    });
    const a = new RedisRateLimiter(frozenOnce as unknown as Redis, options);
    a.stamp(await a.acquire()); // loads the script; names A's sends in the log
    const [first] = await direct.zrange(log, 0, -1);
    const id = String(first).slice(0, String(first).lastIndexOf(":"));
    const connectionB = connect(server);
    await connectionB.ping(); // connected: its commands leave at once
    const b = new RedisRateLimiter(connectionB, options);
    await new Promise((r) => setTimeout(r, 1_100)); // that send's window is over: the quota is free
    // Process B asks for both slots the moment A thaws, before A reads its reply: Redis runs them after
    // A's grant has aged out of the window.
    const grantsB: Promise<number>[] = [];
    onThaw = () => {
      for (const grant of [b.acquire(), b.acquire()]) {
        grant.catch(() => {}); // awaited below; a failed assertion must not leave it unhandled
        grantsB.push(grant);
      }
    };
    freezeNext = true;
    const ticket = await a.acquire();
    a.stamp(ticket);
    // A's send must be in the log while its window lasts (it was sent uncounted: B's two plus A's in one
    // window, a 429 at Hotmart), and the log never holds more than the quota.
    expect(await direct.zscore(log, `${id}:${ticket}`)).not.toBeNull();
    const [seconds, micros] = (await direct.time()) as [number, number];
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    expect(await direct.zcount(log, now - 1_020, "+inf")).toBeLessThanOrEqual(2);
    await Promise.all(grantsB);
    a.close();
    b.close();
  });

  it("RedisRateLimiter: Redis unreachable at start fails the request with HotmartRedisError within the command timeout, or uses the fallback given", async () => {
    const dead = new Redis(1, "127.0.0.1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: true,
    });
    dead.on("error", () => {});
    clients.push(dead);
    const strict = hotmart({ limiter: new RedisRateLimiter(dead, { commandTimeoutMs: 300 }) });
    const error = await strict.products.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HotmartRedisError);
    expect(String((error as Error).message)).toMatch(/rate limiter could not reach Redis/);
    // And what to do about it.
    expect(String((error as Error).message)).toMatch(
      /Check that Redis is up and reachable from this process; to keep sending while it is not, pass whenRedisFails: new MemoryRateLimiter\(/,
    );
    const lenient = hotmart({
      limiter: new RedisRateLimiter(dead, {
        commandTimeoutMs: 300,
        whenRedisFails: new MemoryRateLimiter({ requestsPerMinute: 100 }),
      }),
    });
    await expect(lenient.products.list()).resolves.toBeDefined();
  });

  it("RedisRateLimiter: a whenRedisFails that is not a limiter instance (the class, a string) is refused at construction, not found out when Redis fails", () => {
    // Before, it was called only once Redis failed: an unhandled rejection, and the request pending for good.
    const redis = connect(server);
    expect(() => new RedisRateLimiter(redis, { whenRedisFails: MemoryRateLimiter as never })).toThrow(
      'whenRedisFails must be "reject" or a rate limiter instance such as new MemoryRateLimiter({ requestsPerMinute: 500 / processes }); got the class MemoryRateLimiter: pass an instance, new MemoryRateLimiter(...)',
    );
    expect(() => new RedisRateLimiter(redis, { whenRedisFails: "memory" as never })).toThrow(
      /; got "memory"$/,
    );
    const fallback = new MemoryRateLimiter({ requestsPerMinute: 100 });
    new RedisRateLimiter(redis, { whenRedisFails: fallback }).close();
    new RedisRateLimiter(redis, { whenRedisFails: "reject" }).close();
  });

  it("Redis killed mid-run: the next request fails with HotmartRedisError after the command timeout instead of hanging; once restarted it is used again", async () => {
    const redis = connect(server, { maxRetriesPerRequest: null });
    const limiter = new RedisRateLimiter(redis, { name: `slow${Date.now()}`, commandTimeoutMs: 300 });
    const c = hotmart({
      limiter,
      tokenStore: new RedisTokenStore(redis, { commandTimeoutMs: 300, onError: () => {} }),
    });
    await c.products.list();
    await server.stop();
    const started = Date.now();
    const error = await c.products.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HotmartRedisError);
    // A lower bound only: it waited for the command timeout, not for Redis to come back.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await server.start();
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      ok = await c.products.list().then(
        () => true,
        () => new Promise<boolean>((r) => setTimeout(() => r(false), 100)),
      );
    }
    expect(ok).toBe(true);
  }, 30_000);

  it("a slow Redis (frozen: connected, answering nothing) fails each operation after the command timeout with an error that says what failed, then works again", async () => {
    const redis = connect(server, { maxRetriesPerRequest: null });
    const limiter = new RedisRateLimiter(redis, { name: `frozen${Date.now()}`, commandTimeoutMs: 300 });
    const dedupe = new RedisDedupeStore(redis, { prefix: `f${Date.now()}:`, commandTimeoutMs: 300 });
    const c = hotmart({ limiter });
    await c.products.list();
    server.freeze();
    try {
      const error = await c.products.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HotmartRedisError);
      expect(String((error as Error).message)).toMatch(
        /did not answer the rate limiter script within 300 ms/,
      );
      await expect(dedupe.claim("x")).rejects.toThrow(
        /did not answer SET NX \(webhook claim\) within 300 ms/,
      );
    } finally {
      server.thaw();
    }
    await expect(c.products.list()).resolves.toBeDefined();
    expect(await dedupe.claim("x")).toBe(true);
  }, 30_000);

  it("a slow Redis (frozen) met by a process without a token: the token store waits for Redis once, not once per operation, and then acts as a private store", async () => {
    const redis = connect(server, { maxRetriesPerRequest: null });
    const errors: HotmartRedisError[] = [];
    const tokenStore = new RedisTokenStore(redis, {
      prefix: `cold${Date.now()}:`,
      commandTimeoutMs: 300,
      onError: (e) => errors.push(e),
    });
    const c = hotmart({ tokenStore, rateLimit: false });
    server.freeze();
    try {
      await expect(c.products.list()).resolves.toBeDefined();
    } finally {
      server.thaw();
    }
    // Each failure is one command that waited out its whole timeout. Before, the read, the read again
    // before the lock, the lock and the write all did: four timeouts before one request could go out.
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBeLessThanOrEqual(2);
    expect(errors[0]?.message).toMatch(/did not answer GET \(token\) within 300 ms/);
  }, 30_000);

  it("a token lock whose SET NX timed out on a frozen Redis and was applied once it thawed is undone: the other processes can take the lock at once, not after lockMs", async () => {
    const prefix = `phantom${Date.now()}:`;
    const slow = connect(server, { maxRetriesPerRequest: null });
    const other = connect(server);
    const a = new RedisTokenStore(slow, { prefix, commandTimeoutMs: 300, lockMs: 60_000, onError: () => {} });
    const b = new RedisTokenStore(other, { prefix, lockMs: 60_000, onError: () => {} });
    // Loads the release script, so that all `a` sends while frozen is in its connection's buffer.
    await (await a.lock("warm"))?.();
    server.freeze();
    try {
      await a.lock("k"); // times out: `a` requests its own token
    } finally {
      server.thaw();
    }
    // A round trip on the slow connection: Redis has read everything sent on it before (the SET NX).
    await slow.ping();
    // Before, the lock stood for its whole minute, held by nobody: b (a process needing a token) polled
    // for a token nobody was requesting.
    const release = await b.lock("k");
    expect(release).toBeTypeOf("function");
    await release?.();
  }, 30_000);

  it("a token value in Redis that is not JSON is overwritten by the first process that mints: the others read its token, one token request in all", async () => {
    // An answer Redis gave is not Redis failing: were Redis left alone for 5 s after it, the new token
    // would never replace the damaged value, and every process would mint a private one.
    sim.resetStats();
    const prefix = `bad${Date.now()}:`;
    // The key names the credential: auth URL, client id, and a digest of the secret and Basic value.
    const { clientId, clientSecret, basic } = sim.credentials;
    const digest = createHash("sha256").update(`${clientSecret}\n${basic}`).digest("base64");
    const key = `${prefix}hotmart-token:${sim.authURL}:${clientId}:${digest}`;
    await connect(server).set(key, "not json", "PX", 60_000);
    const errors: HotmartRedisError[] = [];
    const list = Array.from({ length: 3 }, () =>
      hotmart({
        tokenStore: new RedisTokenStore(connect(server), { prefix, onError: (e) => errors.push(e) }),
        rateLimit: false,
      }),
    );
    for (const c of list) await c.products.list();
    expect(sim.stats().tokenGrants).toBe(1);
    expect(JSON.parse((await connect(server).get(key)) ?? "null")).toMatchObject({
      accessToken: expect.any(String),
    });
    expect(errors.length).toBeGreaterThan(0); // the damaged value is reported, once per read of it
  }, 30_000);

  it("one Redis for many accounts: a client with the right client id but another secret gets no token from the store", async () => {
    const prefix = `tenants${Date.now()}:`;
    const store = () => new RedisTokenStore(connect(server), { prefix });
    const right = hotmart({ tokenStore: store(), rateLimit: false });
    await right.products.list();
    const wrong = hotmart({ clientSecret: "someone-else's-secret", tokenStore: store(), rateLimit: false });
    // Before: the key named the auth URL and client id only, and the wrong secret read the right one's token.
    await expect(wrong.products.list()).rejects.toBeInstanceOf(AuthenticationError);
    const keys = await connect(server).keys(`${prefix}*`);
    expect(keys).toHaveLength(1);
    expect(keys.join()).not.toContain(sim.credentials.clientSecret);
    await Promise.all([right.close(), wrong.close()]);
  }, 30_000);

  it("two apps on one Redis (README): sharing the dedupe prefix, only one of them processes an event; each with its own prefix, both do", async () => {
    const redis = connect(server);
    const body = JSON.stringify({
      id: `two-apps-${Date.now()}`,
      event: "PURCHASE_APPROVED",
      version: "2.0.0",
      creation_date: Date.now(),
      data: { purchase: { transaction: "HP1", status: "APPROVED" }, buyer: { email: "a@example.com" } },
    });
    const deliver = async (apps: Array<[string, string]>) => {
      const ran: string[] = [];
      for (const [app, prefix] of apps) {
        const handler = createWebhookHandler({
          hottok: "two-apps",
          on: { PURCHASE_APPROVED: () => void ran.push(app) },
          dedupe: new RedisDedupeStore(redis, { prefix }),
        });
        const response = await handler(
          new Request("http://localhost/hotmart", {
            method: "POST",
            headers: { "content-type": "application/json", "x-hotmart-hottok": "two-apps" },
            body,
          }),
        );
        expect(response.status).toBe(200);
      }
      return ran;
    };
    const shared = `shared${Date.now()}:`;
    expect(
      await deliver([
        ["access", shared],
        ["crm", shared],
      ]),
    ).toEqual(["access"]);
    expect(
      await deliver([
        ["access", `access${Date.now()}:`],
        ["crm", `crm${Date.now()}:`],
      ]),
    ).toEqual(["access", "crm"]);
  });

  it("RedisDedupeStore: one claim wins, release lets a re-delivery run, complete keeps it processed, a crashed claim expires", async () => {
    const prefix = `d${Date.now()}:`;
    // Claims of 1 s: each check below must come before they expire, even on a loaded machine.
    const a = new RedisDedupeStore(connect(server), { prefix, processingTimeoutMs: 1_000 });
    const b = new RedisDedupeStore(connect(server), { prefix, processingTimeoutMs: 1_000 });
    const claims = await Promise.all([a.claim("e1"), b.claim("e1"), a.claim("e1"), b.claim("e1")]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await a.release("e1");
    expect(await b.claim("e1")).toBe(true);
    await b.complete("e1");
    await b.release("e1"); // too late: a completed event stays processed
    expect(await a.claim("e1")).toBe(false);
    expect(await a.has("e1")).toBe(true);
    expect(await a.claim("crashed")).toBe(true); // and the worker dies here
    expect(await b.claim("crashed")).toBe(false);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await b.claim("crashed")).toBe(true);
  });

  it("RedisDedupeStore: a release drops only the claim it names: one taken after it expired stays", async () => {
    // Two handlers of one process sharing the store, as the webhook handler calls it (a claim id each).
    const store = new RedisDedupeStore(connect(server), {
      prefix: `r${Date.now()}:`,
      processingTimeoutMs: 1_000,
    });
    expect(await store.claim("evt", "first")).toBe(true);
    expect(await store.claim("evt", "second")).toBe(false);
    await new Promise((r) => setTimeout(r, 1_500)); // the first callback runs past its claim
    expect(await store.claim("evt", "second")).toBe(true);
    await store.release("evt", "first"); // then fails: its release must not free the second's claim
    expect(await store.claim("evt", "third")).toBe(false);
    await store.release("evt", "second");
    expect(await store.claim("evt", "third")).toBe(true);
  });
});
