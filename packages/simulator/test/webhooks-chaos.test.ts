/**
 * Chaos mode: Hotmart delivers webhooks at least once and out of order (docs/api-notes.md §9.3). Every
 * test goes over real HTTP to a node:http receiver on loopback. Orders are asserted, never durations.
 */
import type { Simulator, WebhookEventName } from "hotmart-simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Api, Receiver, SALES } from "./helpers";

const EVENTS: WebhookEventName[] = [
  "PURCHASE_APPROVED",
  "PURCHASE_COMPLETE",
  "PURCHASE_CANCELED",
  "SUBSCRIPTION_CANCELLATION",
  "SWITCH_PLAN",
];

/** Emission index of each delivery that was duplicated, for a seed and a rate. */
function duplicatedIndexes(sim: Simulator, ids: string[]): number[] {
  const duplicated = new Set(sim.webhooks.deliveries.filter((d) => d.duplicate).map((d) => d.id));
  return ids.flatMap((id, i) => (duplicated.has(id) ? [i] : []));
}

describe("Webhook chaos", () => {
  let receiver: Receiver;
  const started: Api[] = [];
  const start = async (...args: Parameters<typeof Api.start>) => {
    const api = await Api.start(...args);
    started.push(api);
    return api;
  };

  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());
  afterEach(async () => {
    await Promise.all(started.splice(0).map((api) => api.close()));
    receiver.clear();
    receiver.respond = () => 200;
  });

  it("is off by default: exactly one delivery per event", async () => {
    const { sim } = await start({ seed: 3, webhooks: [{ url: receiver.url }] });
    expect(sim.webhooks.chaos()).toEqual({ duplicateRate: 0, reorderWindowMs: 0 });
    const ids = EVENTS.map((event) => sim.emit(event).id);
    await sim.webhooks.idle();
    expect(receiver.received.map((r) => r.body.id)).toEqual(ids);
    expect(sim.webhooks.deliveries).toHaveLength(EVENTS.length);
    expect(sim.webhooks.deliveries.some((d) => "duplicate" in d)).toBe(false);
  });

  it("duplicateRate 1: every event arrives twice, with the same id and body, the copy after the 2xx", async () => {
    const api = await start({
      seed: 3,
      webhooks: [{ url: receiver.url }],
      webhookChaos: { duplicateRate: 1 },
    });
    const { sim } = api;
    const sale = sim.data.sales.find((s) => s.status === "APPROVED" && s.subscription === undefined);
    expect((await api.request("PUT", `${SALES}/${sale?.transaction}/refund`)).status).toBe(200);
    const ids = EVENTS.map((event) => sim.emit(event).id);
    await sim.webhooks.idle();

    const refund = receiver.received.find((r) => r.body.event === "PURCHASE_REFUNDED")?.body;
    expect(refund?.data.purchase.transaction).toBe(sale?.transaction);
    for (const id of [refund?.id, ...ids]) {
      const copies = receiver.received.filter((r) => r.body.id === id);
      expect(copies).toHaveLength(2);
      expect(copies[1]?.body).toEqual(copies[0]?.body);
      expect(copies[1]?.headers["x-hotmart-hottok"]).toBe(sim.hottok);
      const tries = sim.webhooks.deliveries.filter((d) => d.id === id);
      expect(tries.map((d) => [d.attempt, d.status, d.duplicate])).toEqual([
        [1, 200, undefined],
        [1, 200, true],
      ]);
    }
    expect(receiver.received).toHaveLength(2 * (EVENTS.length + 1));
  });

  it("a duplicate follows the retries: 500, 200, then the chaos copy", async () => {
    const { sim } = await start({
      seed: 3,
      webhooks: [{ url: receiver.url }],
      webhookRetry: { attempts: 3, delayMs: 5 },
      webhookChaos: { duplicateRate: 1 },
    });
    receiver.respond = (n) => (n === 0 ? 500 : 200);
    const { id } = sim.emit("PURCHASE_DELAYED");
    await sim.webhooks.idle();
    expect(receiver.received.map((r) => [r.body.id, r.status])).toEqual([
      [id, 500],
      [id, 200],
      [id, 200],
    ]);
    expect(sim.webhooks.deliveries.map((d) => [d.attempt, d.ok, d.duplicate ?? false])).toEqual([
      [1, false, false],
      [2, true, false],
      [1, true, true],
    ]);
  });

  it("reorderWindowMs: a burst for distinct transactions arrives out of emission order; idle() waits for it", async () => {
    // Seed 7 holds the first of these six deliveries longest and the last shortest (a gap of about
    // 270 ms of a 300 ms window), so the inversion does not depend on scheduling jitter.
    const { sim } = await start({
      seed: 7,
      webhooks: [{ url: receiver.url }],
      webhookChaos: { reorderWindowMs: 300 },
    });
    const emitted = Array.from({ length: 6 }, () => sim.purchase({ paymentType: "PIX" }).transaction);
    expect(new Set(emitted).size).toBe(emitted.length);
    await sim.webhooks.idle();

    const arrived = receiver.received.map((r) => r.body.data.purchase.transaction as string);
    expect([...arrived].sort()).toEqual([...emitted].sort());
    expect(arrived).not.toEqual(emitted);
    expect(arrived.indexOf(emitted.at(-1) ?? "")).toBeLessThan(arrived.indexOf(emitted[0] ?? ""));
    expect(sim.webhooks.deliveries.map((d) => d.status)).toEqual(Array(6).fill(200));
  });

  it("is reproducible: the same seed duplicates the same events", async () => {
    const run = async (seed: number) => {
      const { sim } = await start({ seed, webhooks: [{ url: receiver.url }] });
      sim.webhooks.chaos({ duplicateRate: 0.5, reorderWindowMs: 20 });
      const ids = Array.from({ length: 10 }, () => sim.emit("PURCHASE_APPROVED").id);
      await sim.webhooks.idle();
      return duplicatedIndexes(sim, ids);
    };
    const first = await run(4);
    expect(await run(4)).toEqual(first);
    // Neither all nor none at 0.5, and another seed picks other events.
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(10);
    expect(await run(7)).not.toEqual(first);
  });

  it("is set at runtime and over /__admin/webhooks/chaos, and validated", async () => {
    const { sim } = await start({ seed: 3, webhooks: [{ url: receiver.url }] });
    const set = await fetch(`${sim.url}/__admin/webhooks/chaos`, {
      method: "POST",
      body: JSON.stringify({ duplicateRate: 1 }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ duplicateRate: 1, reorderWindowMs: 0 });
    const { id } = sim.emit("PURCHASE_EXPIRED");
    await sim.webhooks.idle();
    expect(receiver.received.map((r) => r.body.id)).toEqual([id, id]);
    const state = await (await fetch(`${sim.url}/__admin/webhooks`)).json();
    expect(state.chaos).toEqual({ duplicateRate: 1, reorderWindowMs: 0 });

    const bad = await fetch(`${sim.url}/__admin/webhooks/chaos`, {
      method: "POST",
      body: JSON.stringify({ duplicateRate: 2 }),
    });
    expect(bad.status).toBe(400);
    expect(() => sim.webhooks.chaos({ reorderWindowMs: -1 })).toThrow(RangeError);

    expect(sim.webhooks.chaos(false)).toEqual({ duplicateRate: 0, reorderWindowMs: 0 });
    receiver.clear();
    sim.emit("PURCHASE_EXPIRED");
    await sim.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
  });
});
