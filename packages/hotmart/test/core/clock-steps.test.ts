import type { ClientOptions } from "hotmart";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import { json, type ScriptedServer, scriptedClient, startScriptedServer } from "../helpers/scripted-server";

/**
 * The machine's wall clock is stepped (NTP correcting it, a VM resumed) while a client runs. What the
 * SDK measures as a length of time (a call's total timeout, the rate limiter's windows and pauses) must
 * not move with it: a step back must not hold the client for as long as the step, a step forward must
 * not fail a call at once as past its timeout.
 */
let server: ScriptedServer;
/** How far Date.now() reads off the real clock. */
let offsetMs = 0;
beforeEach(async () => {
  offsetMs = 0;
  // Before any client is made: a clock read through Date.now is stepped as the machine's would be.
  const realNow = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + offsetMs);
  server = await startScriptedServer();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
});

const PAGE = { items: [], page_info: {} };
/** Steps the wall clock by `ms` from now on. */
const stepClock = (ms: number) => {
  offsetMs += ms;
};

const client = (extra: Partial<ClientOptions> = {}) => scriptedClient(server, extra);

describe("the wall clock stepped while the client runs", () => {
  it("a step forward between two attempts does not fail the call as past its total timeout", async () => {
    server.handle((_req, res) => {
      if (server.requests.length === 1) {
        stepClock(10 * 60_000);
        return json(res, 503, { error: "unavailable" });
      }
      return json(res, 200, PAGE);
    });
    const hotmart = client({ totalTimeout: 60_000 });
    skipRetryWaits(hotmart);
    const page = await hotmart.sales.history();
    expect(page.items).toEqual([]);
    expect(server.requests).toHaveLength(2);
    await hotmart.close();
  });

  it("a step back of an hour does not hold the rate limiter's next slot for that hour", async () => {
    server.handle((_req, res) => json(res, 200, PAGE));
    // A quota of 2 per 300 ms: the third request waits for the first one's window to end.
    const hotmart = client({ rateLimit: { requestsPerMinute: 2, windowMs: 300 }, totalTimeout: 15_000 });
    await hotmart.sales.history();
    await hotmart.sales.history();
    stepClock(-60 * 60_000);
    // Without the fix: the limiter counted the window on the wall clock, so it ended an hour away and
    // the call failed at its total timeout, waiting for the limiter.
    await expect(hotmart.sales.history()).resolves.toMatchObject({ items: [] });
    expect(server.requests).toHaveLength(3);
    await hotmart.close();
  });

  it("a step back of an hour while the client is paused after a 429 holds it only for the pause", async () => {
    server.handle((_req, res) => {
      if (server.requests.length === 1) {
        // During the pause: the client has read the 429 and waits out its second.
        setTimeout(() => stepClock(-60 * 60_000), 200);
        return json(res, 429, { error: "too_many_requests" }, { "retry-after": "1" });
      }
      return json(res, 200, PAGE);
    });
    const hotmart = client({ totalTimeout: 15_000 });
    await expect(hotmart.sales.history()).resolves.toMatchObject({ items: [] });
    expect(server.requests).toHaveLength(2);
    // The client's snapshot still names epoch ms on the app's clock, not the limiter's own.
    const resetAt = hotmart.rateLimit?.resetAt;
    if (resetAt !== undefined) expect(Math.abs(resetAt - Date.now())).toBeLessThan(120_000);
    await hotmart.close();
  });
});
