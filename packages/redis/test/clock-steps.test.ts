/**
 * The stores' waits after a Redis failure are lengths of time: NTP stepping the wall clock back an hour
 * must not stretch them to an hour. A client that fails on demand stands in for Redis (no server needed).
 */
import { MemoryRateLimiter } from "hotmart";
import { RedisRateLimiter, RedisTokenStore } from "hotmart-redis";
import { afterEach, describe, expect, it, vi } from "vitest";

/** A client whose `get` fails while `state.down`, and otherwise answers from memory. */
function flakyRedis() {
  const data = new Map<string, string>();
  const state = { down: true, gets: 0, scripts: 0 };
  const client = {
    get: async (key: string) => {
      state.gets += 1;
      if (state.down) throw new Error("connection lost");
      return data.get(key) ?? null;
    },
    set: async (key: string, value: string) => {
      data.set(key, value);
      return "OK";
    },
    del: async () => 1,
    // The limiter's script: granted, no wait, limit 500, 1 sent, the quota learned.
    eval: async () => {
      state.scripts += 1;
      if (state.down) throw new Error("connection lost");
      return [1, 0, 500, 1, 1];
    },
    evalsha: async () => {
      state.scripts += 1;
      if (state.down) throw new Error("connection lost");
      return [1, 0, 500, 1, 1];
    },
  };
  return { client, state };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("hotmart-redis with the wall clock stepped back", () => {
  it("the token store asks Redis again 5 s after a failure, though the wall clock went back an hour meanwhile", async () => {
    let monotonic = 1_000;
    vi.spyOn(performance, "now").mockImplementation(() => monotonic);
    const realNow = Date.now.bind(Date);
    const { client, state } = flakyRedis();
    const store = new RedisTokenStore(client as never, { onError: () => {} });

    expect(await store.get("k")).toBeUndefined();
    expect(state.gets).toBe(1); // failed: Redis is left alone for 5 s

    vi.spyOn(Date, "now").mockImplementation(() => realNow() - 3_600_000);
    state.down = false;
    monotonic += 1_000;
    await store.get("k");
    expect(state.gets).toBe(1); // 1 s later: still skipped
    monotonic += 5_000;
    await store.get("k");
    expect(state.gets).toBe(2); // 6 s later: asked again, though the wall clock reads an hour earlier
  });

  it("the rate limiter goes back to Redis 5 s after a failure, though the wall clock went back an hour meanwhile", async () => {
    let monotonic = 1_000;
    vi.spyOn(performance, "now").mockImplementation(() => monotonic);
    const realNow = Date.now.bind(Date);
    const { client, state } = flakyRedis();
    const limiter = new RedisRateLimiter(client as never, { whenRedisFails: new MemoryRateLimiter() });
    expect(await limiter.acquire()).toBeLessThan(0); // Redis failed: the fallback granted it
    const failed = state.scripts;

    vi.spyOn(Date, "now").mockImplementation(() => realNow() - 3_600_000);
    state.down = false;
    monotonic += 6_000;
    expect(await limiter.acquire()).toBeGreaterThan(0); // from Redis again
    expect(state.scripts).toBeGreaterThan(failed);
  });
});
