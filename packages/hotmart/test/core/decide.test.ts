/** The retry rules as a pure function: outcome + method → retry or not, how long, outcome unknown. */
import { describe, expect, it } from "vitest";
import { decide, type Outcome } from "../../src/internal/retry";

const NOW = Date.UTC(2026, 10, 1);
const noJitter = () => 0;
const read = (retry = 0) => ({ idempotent: true, retry });
const write = (retry = 0) => ({ idempotent: false, retry });
const status = (code: number, headers: Record<string, string> = {}): Outcome => ({
  kind: "status",
  status: code,
  headers: new Headers(headers),
});
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
// Deno 2.9's fetch to a host not given with --allow-net, word for word.
const denoRefused = Object.assign(
  new Error('Requires net access to "localhost:18787", run again with the --allow-net flag'),
  { name: "NotCapable" },
);

describe("decide()", () => {
  it.each([
    // outcome, idempotent?, retry?, outcomeUnknown
    ["timeout on a read", { kind: "timeout" } as Outcome, true, true, undefined],
    ["timeout on a write", { kind: "timeout" } as Outcome, false, false, true],
    ["reset on a read", { kind: "network", error: reset } as Outcome, true, true, undefined],
    ["reset on a write", { kind: "network", error: reset } as Outcome, false, false, true],
    ["refused on a write", { kind: "network", error: refused } as Outcome, false, true, false],
    // Nothing left the machine, and every attempt would be refused alike.
    [
      "Deno's --allow-net refusal on a read",
      { kind: "network", error: denoRefused } as Outcome,
      true,
      false,
      undefined,
    ],
    [
      "Deno's --allow-net refusal on a write",
      { kind: "network", error: denoRefused } as Outcome,
      false,
      false,
      false,
    ],
    ["500 on a read", status(500), true, true, undefined],
    ["500 on a write", status(500), false, false, true],
    ["503 on a write", status(503), false, false, true],
    ["400 on a read", status(400), true, false, undefined],
    ["404 on a write", status(404), false, false, false],
    ["429 on a write", status(429), false, true, false],
    ["cut-off 2xx body on a read", { kind: "unreadable" } as Outcome, true, true, undefined],
    ["cut-off 2xx body on a write", { kind: "unreadable" } as Outcome, false, false, false],
    ["no body on a read", { kind: "no-body" } as Outcome, true, true, undefined],
    ["no body on a write", { kind: "no-body" } as Outcome, false, false, false],
  ] as const)("%s", (_name, outcome, idempotent, retry, outcomeUnknown) => {
    const decision = decide(outcome, { idempotent, retry: 0 }, NOW, noJitter);
    expect(decision.retry).toBe(retry);
    expect(decision.outcomeUnknown).toBe(outcomeUnknown);
  });

  it("backs off 0.5 s × 2^retry (capped at 30 s) when the server gives no hint", () => {
    expect([0, 1, 2, 3, 10].map((n) => decide(status(503), read(n), NOW, noJitter).delayMs)).toEqual([
      500, 1000, 2000, 4000, 30_000,
    ]);
    expect(decide({ kind: "timeout" }, read(1), NOW, () => 1).delayMs).toBe(1500);
  });

  it("a 5xx honours Retry-After (seconds or HTTP date) but not RateLimit-Reset", () => {
    expect(decide(status(503, { "retry-after": "3" }), read(), NOW, noJitter).delayMs).toBe(3000);
    const date = new Date(NOW + 7000).toUTCString();
    expect(decide(status(503, { "retry-after": date }), read(), NOW, noJitter).delayMs).toBe(7000);
    expect(decide(status(503, { "ratelimit-reset": "60" }), read(), NOW, noJitter).delayMs).toBe(500);
  });

  it("a 429 waits for RateLimit-Reset and pauses the whole client", () => {
    const d = decide(status(429, { "ratelimit-reset": "4" }), write(), NOW, noJitter);
    expect(d).toEqual({ retry: true, delayMs: 4000, pauseClient: true, outcomeUnknown: false });
    expect(decide(status(503), read(), NOW, noJitter).pauseClient).toBe(false);
  });
});

describe("RateLimitError.retryAfter reads the headers as the pipeline does", () => {
  it("Retry-After as an HTTP date, as seconds, and RateLimit-Reset", async () => {
    const { RateLimitError } = await import("hotmart");
    const make = (headers: Record<string, string>) =>
      new RateLimitError({
        status: 429,
        headers: new Headers(headers),
        body: {},
        method: "GET",
        url: "http://x/",
      });
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(make({ "retry-after": inTenSeconds }).retryAfter).toBeGreaterThanOrEqual(9);
    expect(make({ "retry-after": inTenSeconds }).retryAfter).toBeLessThanOrEqual(10);
    expect(make({ "retry-after": "3" }).retryAfter).toBe(3);
    expect(make({ "ratelimit-reset": "7" }).retryAfter).toBe(7);
    expect(make({}).retryAfter).toBeUndefined();
  });
});
