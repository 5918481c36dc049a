/**
 * A RedisRateLimiter nobody waits on must not sleep on: `client.close()` leaves a given limiter open, and
 * its loop's sleep (up to a window) would hold the process open that long. The last waiter's abort wakes
 * a loop that is asleep; this is the other case, an abort while the loop's script is at Redis, whose
 * answer ("no slot, wait an hour") must then end the loop instead of starting the sleep. A client whose
 * script answers when the test says stands in for Redis (no server needed).
 */
import { RedisRateLimiter } from "hotmart-redis";
import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
});

it("a waiter aborted while the limiter's script is at Redis leaves no sleep behind when Redis answers 'wait an hour'", async () => {
  let answer: (reply: number[]) => void = () => {};
  let scripts = 0;
  const script = () => {
    scripts += 1;
    return new Promise<number[]>((resolve) => {
      answer = resolve;
    });
  };
  const client = {
    evalsha: script,
    eval: script,
    get: async () => null,
    set: async () => "OK",
    del: async () => 1,
  };
  const limiter = new RedisRateLimiter(client as never, { requestsPerWindow: 1, windowMs: 3_600_000 });
  const timeout = vi.spyOn(globalThis, "setTimeout");

  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal).catch((error: unknown) => error);
  await vi.waitFor(() => expect(scripts).toBe(1));
  controller.abort(new Error("the caller gave up"));
  expect(await waiting).toMatchObject({ message: "the caller gave up" });
  // Not granted, an hour to wait, limit 1, 1 sent, the quota learned.
  answer([0, 3_600_000, 1, 1, 1]);
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));

  const sleeps = timeout.mock.calls.filter(([, ms]) => typeof ms === "number" && ms >= 3_000_000);
  expect(sleeps, "the loop went to sleep for the window with nobody waiting").toHaveLength(0);
  expect(limiter.snapshot().queued).toBe(0);
});
