import { type HotmartWebhookEvent, MemoryDedupeStore, parseWebhook, webhookDedupeKey } from "hotmart";
import { describe, expect, it } from "vitest";
import { fixtureText } from "./fixtures";

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("MemoryDedupeStore", () => {
  it("claim is won once; release lets a retry claim again; complete keeps it", () => {
    const store = new MemoryDedupeStore();
    expect(store.claim("a")).toBe(true);
    expect(store.claim("a")).toBe(false);
    store.release("a");
    expect(store.claim("a")).toBe(true);
    store.complete("a");
    expect(store.has("a")).toBe(true);
    store.release("a"); // a late release after completion does not forget it
    expect(store.claim("a")).toBe(false);
  });

  it("forgets processed keys after the TTL, and stale claims after the processing timeout", () => {
    const time = clock();
    const store = new MemoryDedupeStore({ ttlMs: 1000, processingTimeoutMs: 100, now: time.now });
    store.claim("done");
    store.complete("done");
    store.claim("hung");
    time.advance(101);
    expect(store.claim("hung")).toBe(true); // the first claim never completed
    expect(store.claim("done")).toBe(false);
    time.advance(1000);
    expect(store.has("done")).toBe(false);
    expect(store.claim("done")).toBe(true);
  });

  it("a release naming its claim drops that claim only: one taken after it expired stays", () => {
    const time = clock();
    const store = new MemoryDedupeStore({ processingTimeoutMs: 100, now: time.now });
    expect(store.claim("a", "first")).toBe(true);
    time.advance(101); // the first callback runs past its claim
    expect(store.claim("a", "second")).toBe(true);
    store.release("a", "first"); // then fails
    expect(store.claim("a", "third")).toBe(false);
    store.release("a", "second");
    expect(store.claim("a", "third")).toBe(true);
    store.release("a"); // no id: whichever claim is in progress, as before claim ids
    expect(store.claim("a", "fourth")).toBe(true);
  });

  it("stays bounded, dropping the oldest keys first", () => {
    const store = new MemoryDedupeStore({ maxEntries: 3 });
    for (const key of ["k1", "k2", "k3", "k4", "k5"]) {
      store.claim(key);
      store.complete(key);
    }
    expect(store.size).toBe(3);
    expect(store.has("k1")).toBe(false);
    expect(store.has("k2")).toBe(false);
    expect(store.has("k5")).toBe(true);
  });

  it("sweeps expired keys as new ones arrive", () => {
    const time = clock();
    const store = new MemoryDedupeStore({ ttlMs: 10, now: time.now });
    for (let i = 0; i < 50; i++) {
      store.claim(`old-${i}`);
      store.complete(`old-${i}`);
    }
    time.advance(11);
    store.claim("new");
    expect(store.size).toBe(1);
  });
});

describe("webhookDedupeKey", () => {
  it("is the envelope id", () => {
    const event = parseWebhook(fixtureText("documented", "purchase-refunded")) as HotmartWebhookEvent;
    expect(webhookDedupeKey(event)).toBe(event.id);
  });

  it("falls back to transaction:event when an event has no id (docs/api-notes.md §9.3)", () => {
    const event = parseWebhook(fixtureText("documented", "purchase-refunded")) as HotmartWebhookEvent;
    const withoutId = { ...event, id: "" };
    expect(webhookDedupeKey(withoutId)).toBe("HP20000000000003:PURCHASE_REFUNDED");
  });

  it("legacy posts key on transaction:status", () => {
    const legacy = parseWebhook(fixtureText("legacy", "v1-refunded"), {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(webhookDedupeKey(legacy)).toBe("HP30000000000001:REFUNDED");
  });
});
