/**
 * Retries, refreshes and the rate limiter, end to end through the simulator's fault injection. The
 * simulator's quota window is 1 s here, so the `RateLimit-Reset` hint it sends with every answer (which
 * the SDK honours as the retry delay) stays short. Durations are never asserted: counts are.
 */

import { APIConnectionError, InternalServerError, RateLimitError, ResponseParseError } from "hotmart";
import { startSimulator } from "hotmart-simulator";
import { describe, expect, it, onTestFinished } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import { apiCalls, clientFor, failure, must, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 11, rateLimit: { limit: 10_000, windowMs: 1_000 } });

/**
 * A client of the file's simulator whose waits between retries are skipped (skipRetryWaits), for one
 * test about what is retried, not when: the backoff was 5 s of this file's wall time, and its length is
 * decide()'s to test (core/retry.test.ts keeps real-backoff cases, as does the 60 s window regression
 * below). The 429 cases keep the shared client: they wait for the quota's reset, as a caller would.
 */
function quickRetries() {
  const client = clientFor(ctx.sim);
  skipRetryWaits(client);
  onTestFinished(() => client.close());
  return client;
}

const HISTORY = "GET /payments/api/v1/sales/history";
const REFUND = "PUT /payments/api/v1/sales/:transaction_code/refund";

const paid = () =>
  ctx.sim.data.sales.filter(
    (s) =>
      (s.status === "APPROVED" || s.status === "COMPLETE") &&
      !s.trial &&
      !/BACS|SEPA/.test(s.paymentMethod) &&
      s.subscription === undefined,
  );

describe("retries", () => {
  it("a scripted 503 ×2 on sales history is retried and succeeds", async () => {
    const { sim } = ctx;
    const client = quickRetries();
    sim.faults.add({ route: HISTORY, kind: "status", status: 503, times: 2 });
    const page = await client.sales.history({ max_results: 5 });
    expect(page.items).toHaveLength(5);
    const calls = apiCalls(sim);
    expect(calls.map((c) => c.status)).toEqual([503, 503, 200]);
    expect(calls.map((c) => c.fault)).toEqual(["status", "status", undefined]);
    // Each retry is the same request.
    expect(new Set(calls.map((c) => JSON.stringify([c.method, c.path, c.query])))).toHaveProperty("size", 1);
    expect(sim.stats().requests[HISTORY]).toEqual({ "200": 1, "503": 2 });
  });

  it("gives up after maxRetries with Hotmart's 5xx error", async () => {
    const { sim } = ctx;
    const client = quickRetries();
    sim.faults.add({ route: HISTORY, kind: "status", status: 503, times: 5 });
    const e = await failure(() => client.sales.history({}, { maxRetries: 1 }), InternalServerError);
    expect(e.status).toBe(503);
    expect(e.error).toBe("internal_server_error");
    expect(apiCalls(sim)).toHaveLength(2);
    sim.faults.clear();
  });

  it("a truncated GET body is retried", async () => {
    const { sim } = ctx;
    const client = quickRetries();
    sim.faults.add({ route: "GET /payments/api/v1/subscriptions", kind: "truncate", times: 1 });
    const page = await client.subscriptions.list({ max_results: 10 });
    expect(page.items).toHaveLength(10);
    expect(apiCalls(sim).map((c) => [c.status, c.fault])).toEqual([
      [200, "truncate"],
      [200, undefined],
    ]);
  });

  it("a truncated answer to a write is reported, never resent", async () => {
    const { sim, client } = ctx;
    const sub = must(
      sim.data.subscriptions.find((s) => s.magic === undefined && s.status === "ACTIVE"),
      "ACTIVE subscription",
    );
    sim.faults.add({ route: "/payments/api/v1/subscriptions", kind: "truncate", times: 1 });
    await failure(() => client.subscriptions.cancelSingle(sub.subscriberCode), ResponseParseError);
    expect(apiCalls(sim)).toHaveLength(1);
    expect(sim.stats().sideEffects["subscription.cancel"]).toBe(1);
  });

  it("a connection reset on a GET is retried", async () => {
    const { sim, client } = ctx;
    sim.faults.add({ route: "/products/api/v1/products", kind: "reset", times: 1 });
    const page = await client.products.list();
    expect(page.items.length).toBeGreaterThan(0);
    expect(apiCalls(sim).map((c) => c.status)).toEqual(["reset", 200]);
  });

  it("a rate-limit fault (429) is retried, on a read and on a write", async () => {
    const { sim, client } = ctx;
    sim.faults.add({ route: HISTORY, kind: "rate-limit", times: 1 });
    const page = await client.sales.history({ max_results: 3 });
    expect(page.items).toHaveLength(3);
    expect(apiCalls(sim).map((c) => c.status)).toEqual([429, 200]);

    // A 429 is refused before processing, so even a write is safe to resend: one coupon, not two.
    sim.resetStats();
    const product = must(
      sim.data.products.find((p) => p.listed),
      "listed product",
    );
    sim.faults.add({
      route: "POST /products/api/v1/product/:product_id/coupon",
      kind: "rate-limit",
      times: 1,
    });
    await client.coupons.create(product.id, "RETRY429", { discount: 0.1 });
    expect(apiCalls(sim).map((c) => c.status)).toEqual([429, 200]);
    expect(sim.stats().sideEffects["coupon.create"]).toBe(1);
  });

  it("a 429 that persists past maxRetries is a RateLimitError", async () => {
    const { sim, client } = ctx;
    sim.faults.add({ route: HISTORY, kind: "rate-limit", times: 3 });
    const e = await failure(() => client.sales.history({}, { maxRetries: 1 }), RateLimitError);
    expect(e.error).toBe("too_many_requests");
    expect(e.status).toBe(429);
    expect(apiCalls(sim)).toHaveLength(2);
    sim.faults.clear();
  });
});

describe("regressions: faults that once passed silently or waited too long", () => {
  // Hotmart sends RateLimit-Reset (seconds until the *quota window* resets) on every response
  // (docs/api-notes.md §4). It once delayed 503 retries too, by up to 60 s. Only a 429 may wait for it.
  it("a 503 under Hotmart's default 60 s quota window is retried with the normal backoff", async () => {
    const sim = await startSimulator({ port: 0, seed: 14 });
    const client = clientFor(sim, { totalTimeout: 15_000 });
    try {
      sim.faults.add({ route: HISTORY, kind: "status", status: 503, times: 1 });
      const page = await client.sales.history({ max_results: 2 });
      expect(page.items).toHaveLength(2);
      expect(apiCalls(sim).map((c) => c.status)).toEqual([503, 200]);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  // Endpoints documented to answer an object (docs/api-notes.md §3) once resolved `undefined` on an empty
  // 200. It is a cut-off body: a ResponseParseError, which a GET retries.
  it("an empty 200 body on events.get is a transport fault, retried like a truncated one", async () => {
    const { sim } = ctx;
    const client = quickRetries();
    const event = must(sim.data.events[0], "event");
    sim.faults.add({ route: "/events", kind: "empty", times: 1 });
    const info = await client.events.get(event.product.id);
    expect(info?.product.id).toBe(event.product.id);
  });

  // An empty body on a page the previous page announced with next_page_token once ended the walk
  // silently, as if the data were complete. It is a fault (retried, or raised), never the end.
  it("an empty body in the middle of a walk does not silently end it", async () => {
    const { sim } = ctx;
    const client = quickRetries();
    const expected = sim.data.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE").length;
    let read = 0;
    let pages = 0;
    for await (const page of client.sales.history({ max_results: 50 }).pages()) {
      pages += 1;
      read += page.items.length;
      if (pages === 2) sim.faults.add({ route: HISTORY, kind: "empty", times: 1 });
    }
    sim.faults.clear();
    expect(read).toBe(expected);
  });
});

describe("writes are never resent after an ambiguous failure", () => {
  it("drop-response on a refund: APIConnectionError, outcomeUnknown, exactly one refund", async () => {
    const { sim, client } = ctx;
    const sale = must(paid()[0], "refundable sale");
    sim.faults.add({ route: REFUND, kind: "drop-response", times: 1 });

    const e = await failure(() => client.sales.refund(sale.transaction), APIConnectionError);
    expect(e.outcomeUnknown).toBe(true);
    expect(e.message).toMatch(/outcome is unknown/);

    const refunds = apiCalls(sim).filter((c) => c.method === "PUT");
    expect(refunds.map((c) => c.status)).toEqual(["dropped"]);
    expect(sim.stats().sideEffects["sale.refund"]).toBe(1);
    // Hotmart did apply it: the caller has to check, and a check shows it.
    const [after] = await client.sales.history({ transaction: sale.transaction }).toArray();
    expect(after?.purchase.status).toBe("REFUNDED");
    expect(sim.stats().sideEffects["sale.refund"]).toBe(1);
  });

  it("a 503 on a refund is not retried (the write may have been applied)", async () => {
    const { sim, client } = ctx;
    const sale = must(paid()[1], "refundable sale");
    sim.faults.add({ route: REFUND, kind: "status", status: 503, times: 1 });
    const e = await failure(() => client.sales.refund(sale.transaction), InternalServerError);
    expect(e.message).toMatch(/outcome is unknown/);
    expect(apiCalls(sim)).toHaveLength(1);
    expect(sim.stats().sideEffects["sale.refund"]).toBeUndefined();
  });

  it("a reset on a write is not resent either", async () => {
    const { sim, client } = ctx;
    const sale = must(paid()[2], "refundable sale");
    sim.faults.add({ route: REFUND, kind: "reset", times: 1 });
    const e = await failure(() => client.sales.refund(sale.transaction), APIConnectionError);
    expect(e.outcomeUnknown).toBe(true);
    expect(apiCalls(sim).map((c) => c.status)).toEqual(["reset"]);
    expect(sim.stats().sideEffects["sale.refund"]).toBeUndefined();
  });
});

describe("tokens", () => {
  it("an expired token is refreshed transparently with exactly one new grant", async () => {
    const { sim, client } = ctx;
    await client.products.list(); // make sure the client holds a token
    sim.resetStats();
    const before = client.tokenRequests;

    sim.tokens.expireAll();
    const [a, b] = await Promise.all([client.sales.history({ max_results: 1 }), client.products.list()]);
    expect(a.items).toHaveLength(1);
    expect(b.items.length).toBeGreaterThan(0);

    expect(sim.stats().tokenGrants).toBe(1);
    expect(client.tokenRequests).toBe(before + 1);
    const statuses = apiCalls(sim).map((c) => c.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
  });

  it("a revoked token is replaced for a write too, applied once", async () => {
    const { sim, client } = ctx;
    const sale = must(paid()[3], "refundable sale");
    await client.products.list();
    sim.resetStats();
    sim.tokens.revokeAll();
    await client.sales.refund(sale.transaction);
    expect(apiCalls(sim).map((c) => c.status)).toEqual([401, 200]);
    expect(sim.stats().tokenGrants).toBe(1);
    expect(sim.stats().sideEffects["sale.refund"]).toBe(1);
  });
});

describe("client rate limiter against the simulator's quota", () => {
  it("20 a second on both sides: 60 requests, no 429", async () => {
    const sim = await startSimulator({ port: 0, seed: 12, rateLimit: { limit: 20, windowMs: 1_000 } });
    const client = clientFor(sim, { rateLimit: { requestsPerMinute: 20, windowMs: 1_000 } });
    try {
      const pages = await Promise.all(
        Array.from({ length: 60 }, (_, i) => client.sales.history({ max_results: 1 + (i % 5) })),
      );
      expect(pages).toHaveLength(60);
      const byStatus = sim.stats().requests[HISTORY] ?? {};
      expect(byStatus["429"]).toBeUndefined();
      expect(byStatus["200"]).toBe(60);
      expect(sim.stats().tokenGrants).toBe(1);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
