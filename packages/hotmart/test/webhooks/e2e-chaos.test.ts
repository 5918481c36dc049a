/**
 * End to end under the simulator's webhook chaos: every event is delivered twice (a re-send after the
 * 2xx, as Hotmart sometimes does) and deliveries are held at random so they arrive out of order
 * (docs/api-notes.md §9.3). The Node handler with a MemoryDedupeStore must still process each event id
 * exactly once.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeWebhookHandler, Hotmart, type HotmartWebhookEvent, MemoryDedupeStore } from "hotmart";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const HOTTOK = "hottok-e2e-chaos-9f8e7d6c5b4a";

describe("simulator chaos (duplicates, reordering) → Node webhook handler with dedupe", () => {
  let sim: Simulator;
  let client: Hotmart;
  let receiver: Server;
  const store = new MemoryDedupeStore();
  /** How many times the business logic ran, by event id: must be exactly 1 each. */
  const processed = new Map<string, number>();
  const events = new Map<string, HotmartWebhookEvent>();

  const business = (event: HotmartWebhookEvent) => {
    processed.set(event.id, (processed.get(event.id) ?? 0) + 1);
    events.set(event.id, event);
  };

  beforeAll(async () => {
    const listener = createNodeWebhookHandler({
      hottok: HOTTOK,
      dedupe: store,
      on: { PURCHASE_REFUNDED: business, SUBSCRIPTION_CANCELLATION: business },
      // The PURCHASE_APPROVED of each new sale, and anything else the writes cause.
      onUnhandled: (payload) => business(payload as HotmartWebhookEvent),
    });
    receiver = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hotmart`;

    sim = await startSimulator({
      port: 0,
      seed: 42,
      hottok: HOTTOK,
      webhooks: [{ url }],
      webhookChaos: { duplicateRate: 1, reorderWindowMs: 40 },
    });
    client = new Hotmart({
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      baseURL: sim.url,
      authURL: sim.authURL,
    });
  });

  afterAll(async () => {
    await client?.close();
    await sim?.close();
    await new Promise<void>((resolve) => {
      receiver.closeAllConnections();
      receiver.close(() => resolve());
    });
  });

  it("processes every event id exactly once although each was delivered twice, out of order", async () => {
    const sales = Array.from({ length: 3 }, () => sim.purchase({ paymentType: "PIX" }));
    const subscriptions = sim.data.subscriptions
      .filter((s) => s.magic === undefined && s.status === "ACTIVE")
      .slice(0, 3);
    expect(subscriptions).toHaveLength(3);

    for (const sale of sales) await client.sales.refund(sale.transaction);
    for (const sub of subscriptions) await client.subscriptions.cancelSingle(sub.subscriberCode);
    await sim.webhooks.idle();

    // Each event: one first delivery and one chaos duplicate, both answered 2xx (the copy is acknowledged).
    const deliveries = sim.webhooks.deliveries;
    const ids = new Set(deliveries.map((d) => d.id));
    for (const id of ids) {
      const tries = deliveries.filter((d) => d.id === id);
      expect(tries.map((d) => [d.status, d.duplicate ?? false])).toEqual([
        [200, false],
        [200, true],
      ]);
    }
    // 3 approvals and 3 refunds of the new sales, and 3 cancellations at least.
    expect(ids.size).toBeGreaterThanOrEqual(9);

    // Exactly once, for every id the simulator sent.
    expect([...processed.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(processed.get(id)).toBe(1);
      expect(store.has(id)).toBe(true);
    }

    const seen = [...events.values()];
    for (const sale of sales) {
      expect(
        seen.some((e) => e.event === "PURCHASE_REFUNDED" && e.data.purchase.transaction === sale.transaction),
      ).toBe(true);
    }
    for (const sub of subscriptions) {
      expect(
        seen.some(
          (e) => e.event === "SUBSCRIPTION_CANCELLATION" && e.data.subscriber.code === sub.subscriberCode,
        ),
      ).toBe(true);
    }
  });
});
