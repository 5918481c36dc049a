// A response slower than half the window, within its attempt's timeout (a report given `timeout: 60_000`
// that took 35 s), is an ordinary reading: the limiter must not ignore it as one a frozen process read late.
import { expect, it } from "vitest";
import { MemoryRateLimiter } from "../../src/internal/rate-limit";

it("readings of answers that took 35 s of a 60 s window, under a 60 s timeout, still hold the limiter back", () => {
  let clock = 0;
  const limiter = new MemoryRateLimiter({}, () => clock);
  // Ten requests go out at once; the server, 10 a minute, answers each 35 s later: none left, reset in 25 s.
  const tickets: number[] = [];
  for (let i = 0; i < 10; i++) {
    const ticket = limiter.tryAcquire() as number;
    limiter.stamp(ticket);
    tickets.push(ticket);
  }
  clock = 35_000;
  tickets.forEach((ticket, i) => {
    const headers = new Headers({
      "ratelimit-limit": "10",
      "ratelimit-remaining": String(9 - i),
      "ratelimit-reset": "25",
    });
    limiter.observe(headers, ticket, clock, 60_000);
  });
  // The quota is spent until the window ends at 60 s: nothing more may go out at 36 s.
  clock = 36_000;
  expect(limiter.tryAcquire()).toBeUndefined();
  expect(limiter.waitTime()).toBeGreaterThan(20_000);
  limiter.close();
});
