/**
 * The machine's wall clock is stepped (NTP correcting it, a VM resumed) while webhooks are processed. How
 * long the dedupe store holds a claim or remembers a processed event is a length of time: a step forward
 * must not expire the claim of a callback still running (a re-delivery would run it a second time), nor
 * forget an event processed a minute ago; a step back must not make a hung claim block re-deliveries for
 * as long as the step.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookHandler, MemoryDedupeStore, toNodeHandler } from "hotmart";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fixtureText } from "./fixtures";

const HOTTOK = "hottok-dedupe-clock-7a5c3e1f";
const approved = fixtureText("documented", "purchase-approved");
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** How far Date.now() reads off the real clock. */
let offsetMs = 0;
beforeEach(() => {
  offsetMs = 0;
  const realNow = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + offsetMs);
});
afterEach(() => {
  vi.restoreAllMocks();
});
/** Steps the wall clock by `ms` from now on; performance.now() goes on unchanged, as the OS's does. */
const stepClock = (ms: number) => {
  offsetMs += ms;
};

/** Posts `body` over loopback with node:http (its own timers, not the global setTimeout). */
function post(url: string, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Lets I/O run until `done()` holds (setImmediate: not a timer that fake timers would hold), for at most
 * 15 s of performance.now(), which the wall-clock steps leave alone: a bound for a hang, not a speed check.
 */
async function until(done: () => boolean): Promise<void> {
  const giveUpAt = performance.now() + 15_000;
  while (!done() && performance.now() < giveUpAt) await new Promise((resolve) => setImmediate(resolve));
  if (!done()) throw new Error("the condition never held");
}

describe("MemoryDedupeStore with the wall clock stepped", () => {
  let server: Server | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    const s = server;
    server = undefined;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });

  it("a step forward of an hour while a callback runs does not let a re-delivery run it a second time", async () => {
    // Only the global setTimeout is faked: the handler's wait for a copy's first delivery (60 s) is
    // skipped, while Date.now, performance.now and node:http's own timers run as they do.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let calls = 0;
    let started = false;
    let finish: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      on: {
        PURCHASE_APPROVED: async () => {
          calls += 1;
          if (calls > 1) return;
          stepClock(HOUR); // NTP corrects the clock while the first delivery is being processed
          started = true;
          await running;
        },
      },
    });
    const listener = toNodeHandler(handler);
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hotmart`;

    const first = post(url, approved);
    await until(() => started);
    // Hotmart re-sends (its request timed out). The copy waits on the first delivery, then, past the
    // wait, asks the store: the first delivery's claim (10 minutes) holds, whatever the wall clock says.
    const second = post(url, approved);
    await until(() => vi.getTimerCount() > 0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await second).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(calls).toBe(1);

    finish();
    expect(await first).toEqual({ status: 200, body: { received: true } });
    expect(calls).toBe(1);
  });

  it("a step forward of 8 days does not forget an event processed a moment ago", () => {
    const store = new MemoryDedupeStore();
    expect(store.claim("evt", "first")).toBe(true);
    store.complete("evt");
    stepClock(8 * DAY); // past the 7-day TTL on the wall clock, a moment later on the monotonic one
    expect(store.has("evt")).toBe(true);
    expect(store.claim("evt", "second")).toBe(false);
  });

  it("a step back of an hour does not make a hung claim block re-deliveries for an hour more", () => {
    let monotonic = 1_000_000;
    vi.spyOn(performance, "now").mockImplementation(() => monotonic);
    const store = new MemoryDedupeStore({ processingTimeoutMs: 60_000 });
    expect(store.claim("evt", "hung")).toBe(true); // its callback never finishes
    stepClock(-HOUR);
    monotonic += 30_000;
    expect(store.claim("evt", "early")).toBe(false); // the claim holds for its minute
    monotonic += 31_000;
    // A minute after the claim it has expired: Hotmart's re-send is processed, not refused for an hour.
    expect(store.claim("evt", "retry")).toBe(true);
  });

  it("a processed event is forgotten after its TTL, counted on the monotonic clock, whatever the wall clock did", () => {
    let monotonic = 1_000_000;
    vi.spyOn(performance, "now").mockImplementation(() => monotonic);
    const store = new MemoryDedupeStore({ ttlMs: 10 * 60_000, maxEntries: 5 });
    store.claim("evt");
    store.complete("evt");
    stepClock(-HOUR);
    monotonic += 10 * 60_000 + 1;
    expect(store.has("evt")).toBe(false);
    // And it is swept as new keys arrive, instead of taking a place for an hour more.
    store.claim("other");
    expect(store.size).toBe(1);
  });
});
