import { Hotmart, type RateLimiter as RateLimiterInterface } from "hotmart";
import { Agent, type RequestInit as UndiciInit, fetch as undiciFetch } from "undici";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryRateLimiter as RateLimiter } from "../../src/internal/rate-limit";
import { json, recordingFetch, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

/** The largest number of timestamps inside any window of `windowMs` (two pointers over sorted times). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("client-wide rate limiter", () => {
  it("600 requests through a limiter scaled to a short window send none over the limit", async () => {
    // What is measured is when the SDK hands each request to fetch; how fetch then carries it is not.
    // Global fetch opens a connection per request in flight: up to 600 at once, which a loaded machine
    // accepts at a few dozen a second (the listen queue overflows, and a dropped connect is retried by
    // the kernel seconds later), so the run took minutes and the SDK's 30 s timeout resent requests.
    // A pool of 16 kept-alive connections carries the same sends without that.
    const pool = new Agent({ connections: 16 });
    const recorder = recordingFetch(
      (input, init) => undiciFetch(input as string, { ...init, dispatcher: pool } as UndiciInit) as never,
    );
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
      fetch: recorder.fetch,
      rateLimit: { requestsPerMinute: 100, windowMs: 300 },
    });
    try {
      await Promise.all(
        Array.from({ length: 600 }, (_, i) => c.request("GET", "/payments/api/v1/sales/history", { i })),
      );
    } finally {
      await c.close();
      await pool.close();
    }
    const sends = recorder.calls
      .filter((call) => !call.url.includes("/security/oauth/token"))
      .map((call) => call.at);
    expect(sends).toHaveLength(600);
    expect(server.requests).toHaveLength(600);
    // Holds however slowly the machine schedules the test: the limiter counts each request from the
    // moment fetch took it (stamped right after the call), so no pause can make a send look older.
    expect(maxInWindow(sends, 300)).toBeLessThanOrEqual(100);
    // 600 real requests through a loopback server take seconds of CPU, many times that on a machine
    // loaded far past its cores; nothing asserted above depends on how long they took.
  }, 60_000);

  /**
   * 600 requests through a 100-per-300 ms limiter in virtual time; `delay(ticket, random)` is how long
   * each waits between being let through and fetch taking it. Returns the send times.
   */
  async function virtualSends(seed: number, delay: (ticket: number, random: () => number) => number) {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RateLimiter({ requestsPerMinute: 100, windowMs: 300 }, () => Date.now());
      // A seeded generator: the same "slow, shuffled" schedule every run.
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const sends: number[] = [];
      const done = Array.from({ length: 600 }, async () => {
        const ticket = await limiter.acquire();
        await new Promise((r) => setTimeout(r, Math.floor(delay(ticket, random))));
        sends.push(Date.now());
        limiter.stamp(ticket);
      });
      await vi.advanceTimersByTimeAsync(60_000);
      await Promise.all(done);
      return sends;
    } finally {
      vi.useRealTimers();
    }
  }

  it("in virtual time, sends never exceed the limit in any window and use all of it, even when requests reach fetch late and out of order", async () => {
    // Between being let through and calling fetch: 0 to 40 ms (a GC pause, a busy core).
    const sends = await virtualSends(42, (_ticket, random) => random() * 40);
    expect(sends).toHaveLength(600);
    expect(maxInWindow(sends, 300)).toBeLessThanOrEqual(100);
    // It does not starve: every window is used (600 sends need 6 windows plus the margins and the
    // stamping delays, never much more).
    expect(Math.max(...sends)).toBeLessThan(6 * (300 + 6) + 40 * 6);
  });

  it("in virtual time, a grant that reaches fetch after more than a whole window still counts: none over the limit", async () => {
    // On a machine loaded far past its cores, the gap between being let through and fetch taking the
    // request can exceed the window itself (seen: 117 sends in one 300 ms window). A grant not yet
    // stamped must count as about to be sent, not expire on its grant time. Every fourth grant is
    // stalled 400 to 900 ms (past its whole window); the others 0 to 40 ms.
    const sends = await virtualSends(7, (ticket, random) =>
      ticket % 4 === 1 ? 400 + random() * 500 : random() * 40,
    );
    expect(sends).toHaveLength(600);
    expect(maxInWindow(sends, 300)).toBeLessThanOrEqual(100);
  });

  it("a 429 with RateLimit-Reset: 1 delays the retry about a second and holds back the client's other requests", async () => {
    let limited = false;
    server.handle((req, res) => {
      if (req.path === "/first" && !limited) {
        limited = true;
        return json(
          res,
          429,
          { error: "too_many_requests", error_description: "Rate limit exceeded" },
          {
            "ratelimit-limit": "500",
            "ratelimit-remaining": "0",
            "ratelimit-reset": "1",
          },
        );
      }
      json(res, 200, { path: req.path });
    });
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
    });
    const first = c.request("GET", "/first");
    // Fire the other requests once the client has read the 429 (it shows the window spent), while it is
    // paused. A fixed sleep is not that: on a loaded machine the 429 could still be on its way, and the
    // others went out at once, before anyone knew of a pause.
    await vi.waitFor(() => expect(c.rateLimit?.remaining).toBe(0), { timeout: 10_000, interval: 5 });
    const rejectedAt = server.requests[0]?.at ?? 0;
    const others = Promise.all([c.request("GET", "/second"), c.request("GET", "/third")]);
    expect(await first).toEqual({ path: "/first" });
    await others;
    const after = server.requests.slice(1);
    expect(after.map((r) => r.path).sort()).toEqual(["/first", "/second", "/third"]);
    // Lower bounds only (never an upper bound on timing): nothing was sent before the reset.
    for (const r of after) expect(r.at - rejectedAt).toBeGreaterThanOrEqual(950);
  });

  it("syncs from RateLimit-Remaining and waits for the reset when Hotmart says nothing is left", async () => {
    server.handle((_req, res) =>
      json(
        res,
        200,
        {},
        {
          "ratelimit-limit": "500",
          "ratelimit-remaining": server.requests.length === 1 ? "0" : "400",
          "ratelimit-reset": "1",
        },
      ),
    );
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
    });
    await c.request("GET", "/a");
    await c.request("GET", "/b");
    const [a, b] = server.requests;
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("rateLimit: false sends without waiting for anything", async () => {
    server.handle((_req, res) => json(res, 200, {}, { "ratelimit-remaining": "0", "ratelimit-reset": "60" }));
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
      rateLimit: false,
    });
    await c.request("GET", "/a");
    await c.request("GET", "/b");
    expect(server.requests).toHaveLength(2);
  });

  it("takes a limiter of the user's (the RateLimiter interface) and shows its snapshot as client.rateLimit", async () => {
    const seen: string[] = [];
    let tickets = 0;
    const limiter: RateLimiterInterface = {
      acquire: async () => {
        seen.push("acquire");
        return ++tickets;
      },
      stamp: () => void seen.push("stamp"),
      observe: (headers) => void seen.push(`observe ${headers.get("ratelimit-remaining")}`),
      pause: () => false,
      snapshot: () => ({ remaining: 7, limit: 9, resetAt: undefined, queued: 0 }),
      close: () => void seen.push("close"),
    };
    server.handle((_req, res) => json(res, 200, {}, { "ratelimit-remaining": "41", "ratelimit-reset": "3" }));
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
      limiter,
    });
    await c.request("GET", "/a");
    expect(c.rateLimit).toEqual({ remaining: 7, limit: 9, resetAt: undefined, queued: 0 });
    await c.close();
    // The limiter is the app's (other clients may use it): close() leaves it open.
    expect(seen).toEqual(["acquire", "stamp", "observe 41"]);
  });

  it("client.rateLimit shows what the default limiter learned from the headers", async () => {
    server.handle((_req, res) =>
      json(res, 200, {}, { "ratelimit-limit": "60", "ratelimit-remaining": "58", "ratelimit-reset": "5" }),
    );
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
    });
    expect(c.rateLimit).toMatchObject({ remaining: 500, limit: 500, resetAt: undefined, queued: 0 });
    const before = Date.now();
    await c.request("GET", "/a");
    const snapshot = c.rateLimit;
    expect(snapshot).toMatchObject({ remaining: 58, limit: 60, queued: 0 });
    expect(snapshot?.resetAt).toBeGreaterThanOrEqual(before + 5_000);
    expect(new Hotmart({ clientId: "i", clientSecret: "s", rateLimit: false }).rateLimit).toBeUndefined();
  });

  it("client.rateLimit.queued counts the calls waiting for the quota (backpressure)", async () => {
    server.handle((_req, res) => json(res, 200, {}));
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
      rateLimit: { requestsPerMinute: 1, windowMs: 60_000 },
    });
    await c.request("GET", "/a");
    const waiting = [c.request("GET", "/b"), c.request("GET", "/c")];
    await vi.waitFor(() => expect(c.rateLimit?.queued).toBe(2), { timeout: 10_000 });
    expect(c.rateLimit?.remaining).toBe(0);
    await c.close();
    const settled = await Promise.allSettled(waiting);
    expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(c.rateLimit?.queued ?? 0).toBe(0);
  });

  it("429s the limiter provoked while learning a lower quota do not use the caller's retries (maxRetries: 0, every call succeeds)", async () => {
    // A fixed window of 5 per second, opened by the first call after the previous one ended.
    let windowStart = Number.NEGATIVE_INFINITY;
    let count = 0;
    server.handle((_req, res) => {
      const now = Date.now();
      if (now - windowStart >= 1_000) {
        windowStart = now;
        count = 0;
      }
      const allowed = count < 5;
      if (allowed) count++;
      const headers = {
        "ratelimit-limit": "5",
        "ratelimit-remaining": String(5 - count),
        "ratelimit-reset": String(Math.ceil((windowStart + 1_000 - now) / 1000)),
      };
      json(res, allowed ? 200 : 429, allowed ? {} : { error: "too_many_requests" }, headers);
    });
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
      maxRetries: 0,
    });
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => c.request("GET", "/x")));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(c.rateLimit?.limit).toBe(5);
  }, 20_000);

  it("a server that answers 429 to everything: free resends stop at 5 per call, then the caller's retries decide", async () => {
    server.handle((_req, res) =>
      json(
        res,
        429,
        { error: "too_many_requests" },
        { "ratelimit-limit": "3", "ratelimit-remaining": "0", "ratelimit-reset": "0" },
      ),
    );
    const c = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
      maxRetries: 0,
    });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => c.request("GET", "/x")));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    // 4 calls, each sent at most 1 + 5 times.
    expect(server.requests.length).toBeLessThanOrEqual(4 * 6);
    expect(server.requests.length).toBeGreaterThan(4);
  }, 20_000);

  it("rejects an impossible configuration before any request", () => {
    expect(
      () => new Hotmart({ clientId: "i", clientSecret: "s", rateLimit: { requestsPerMinute: 0 } }),
    ).toThrow(/requestsPerMinute/);
  });
});

describe("RateLimiter", () => {
  it("an aborted waiter leaves the queue and the others still get their turn", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, windowMs: 100 });
    // Stamped as the pipeline does once fetch takes the request: its slot frees a window later (an
    // unstamped grant would hold it for the 10 s grace, which adds nothing here but waiting).
    limiter.stamp(await limiter.acquire());
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    await expect(next).resolves.toBeTypeOf("number");
    limiter.close();
  });

  it("snapshot().queued counts the waiters, and drops one that is aborted or closed", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, windowMs: 60_000 });
    await limiter.acquire();
    expect(limiter.snapshot()).toMatchObject({ remaining: 0, queued: 0 });
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const waiting = limiter.acquire();
    expect(limiter.snapshot().queued).toBe(2);
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    expect(limiter.snapshot().queued).toBe(1);
    limiter.close();
    await expect(waiting).rejects.toThrow(/closed/);
    expect(limiter.snapshot().queued).toBe(0);
  });

  it("close() rejects queued waiters", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, windowMs: 60_000 });
    await limiter.acquire();
    const waiting = limiter.acquire();
    limiter.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it("accounts for requests sent after the one whose headers it reads", () => {
    const limiter = new RateLimiter({ requestsPerMinute: 500, windowMs: 60_000 });
    const now = Date.now();
    // Five requests sent; the response to the first says 3 are left: the 4 sent since used them up.
    for (let i = 0; i < 5; i++) void limiter.acquire();
    limiter.observe(new Headers({ "ratelimit-remaining": "3", "ratelimit-reset": "30" }), 1, now);
    expect(limiter.waitTime(now)).toBeGreaterThan(29_000);
    limiter.close();
  });
});

describe("learning the server's quota (issue 8, the 429 herd)", () => {
  it("in virtual time, against a 60 per 5 s fixed window with reordered requests, only the first window sees 429s, each provoked by the limiter", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RateLimiter({}, () => Date.now());
      let seed = 7;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      // The server: a fixed window opened by the first call after the previous one ended.
      let windowStart = -Infinity;
      let count = 0;
      const serve = (at: number) => {
        if (at - windowStart >= 5_000) {
          windowStart = at;
          count = 0;
        }
        const allowed = count < 60;
        if (allowed) count++;
        const reset = String(Math.ceil((windowStart + 5_000 - at) / 1000));
        return {
          allowed,
          headers: new Headers({
            "ratelimit-limit": "60",
            "ratelimit-remaining": String(60 - count),
            "ratelimit-reset": reset,
          }),
        };
      };
      const late429: number[] = [];
      let unprovoked = 0;
      let maxFree = 0;
      const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const call = async () => {
        for (let free = 0; ; ) {
          const ticket = await limiter.acquire();
          limiter.stamp(ticket);
          await delay(Math.floor(random() * 30)); // on the way: requests overtake each other
          const { allowed, headers } = serve(Date.now());
          await delay(Math.floor(random() * 30));
          limiter.observe(headers, ticket);
          if (allowed) return;
          if (Date.now() >= 5_000) late429.push(Date.now());
          const provoked = limiter.pause(Number(headers.get("ratelimit-reset")) * 1000, ticket);
          if (!provoked) unprovoked++;
          else maxFree = Math.max(maxFree, ++free);
        }
      };
      const done = Promise.all(Array.from({ length: 600 }, call));
      await vi.advanceTimersByTimeAsync(80_000);
      await done;
      // 600 calls at 60 per window need 10 windows; each is used whole (a margin of a few % per window).
      expect(late429).toEqual([]);
      expect(unprovoked).toBe(0);
      expect(maxFree).toBeLessThanOrEqual(1);
      expect(limiter.snapshot().limit).toBe(60);
      expect(windowStart).toBeLessThan(10 * 5_000 * 1.06);
    } finally {
      vi.useRealTimers();
    }
  });

  it("requests sent together while learning the quota are the limiter's guess (provoked); a lone request is not", () => {
    const limiter = new RateLimiter({}, () => 0);
    const exhausted = new Headers({
      "ratelimit-limit": "60",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "5",
    });
    void limiter.acquire();
    void limiter.acquire();
    limiter.observe(exhausted, 2, 0);
    expect(limiter.pause(5_000, 2, 0)).toBe(true);
    limiter.observe(exhausted, 1, 0);
    expect(limiter.pause(5_000, 1, 0)).toBe(true);
    // A request alone in flight (the fault kind of 429) uses a retry.
    const lone = new RateLimiter({}, () => 0);
    void lone.acquire();
    lone.observe(exhausted, 1, 0);
    expect(lone.pause(5_000, 1, 0)).toBe(false);
    lone.close();
    limiter.close();
  });

  it("a response read long after Hotmart sent it (the process was frozen meanwhile) does not end the next window early: no 429 after the thaw", () => {
    let clock = 0;
    const limiter = new RateLimiter({}, () => clock);
    // The server: 20 per 2 s, a fixed window opened by the first call after the previous one ended.
    let windowStart = Number.NEGATIVE_INFINITY;
    let count = 0;
    const serve = () => {
      if (clock - windowStart >= 2_000) {
        windowStart = clock;
        count = 0;
      }
      const allowed = count < 20;
      if (allowed) count++;
      const reset = String(Math.ceil((windowStart + 2_000 - clock) / 1000));
      const headers = new Headers({
        "ratelimit-limit": "20",
        "ratelimit-remaining": String(20 - count),
        "ratelimit-reset": reset,
      });
      return { allowed, headers };
    };
    const refused: number[] = [];
    // Sends whatever the limiter lets through now, each answered (and read) at once.
    const sendAll = () => {
      for (let ticket = limiter.tryAcquire(); ticket !== undefined; ticket = limiter.tryAcquire()) {
        limiter.stamp(ticket);
        const { allowed, headers } = serve();
        limiter.observe(headers, ticket);
        if (!allowed) {
          refused.push(clock);
          limiter.pause(Number(headers.get("ratelimit-reset")) * 1000, ticket);
        }
      }
    };
    for (let i = 0; i < 5; i++) {
      const ticket = limiter.tryAcquire() as number;
      limiter.stamp(ticket);
      limiter.observe(serve().headers, ticket);
    }
    // At 300 ms a request goes out and Hotmart answers at once ("2": its window ends at 2 s); the process
    // is frozen 6 s before it reads the answer.
    clock = 300;
    const frozen = limiter.tryAcquire() as number;
    limiter.stamp(frozen);
    const answer = serve();
    clock = 6_300;
    limiter.observe(answer.headers, frozen);
    // After the thaw the app sends as fast as the limiter allows, from 7 s (the window it opens ends at 9 s).
    for (clock = 7_000; clock < 14_000; clock += 10) sendAll();
    // Read as counting from the thaw, that "2" put the end of a window at 8.3 s; the next window's readings
    // were taken for the same window, and its end for 8.3 s: 20 more sent at 8.34 s, into a spent window.
    expect(refused).toEqual([]);
    limiter.close();
  });

  it("the server's quota replaces the assumed default, but never lifts an explicit one", () => {
    const headers = new Headers({
      "ratelimit-limit": "1000",
      "ratelimit-remaining": "999",
      "ratelimit-reset": "60",
    });
    const assumed = new RateLimiter({}, () => 0);
    void assumed.acquire();
    assumed.observe(headers, 1, 0);
    expect(assumed.snapshot(0)).toMatchObject({ limit: 1000, remaining: 999, resetAt: 60_000, queued: 0 });
    const explicit = new RateLimiter({ requestsPerMinute: 100 }, () => 0);
    void explicit.acquire();
    explicit.observe(headers, 1, 0);
    expect(explicit.snapshot(0)).toMatchObject({ limit: 100, remaining: 99 });
    assumed.close();
    explicit.close();
  });
});
