/**
 * End to end: the simulator changes state (a refund, a subscription cancel) through the SDK, delivers
 * the events it causes over loopback to a node:http server running the Node adapter, and re-sends
 * when the handler answers 500. The dedupe store keeps the business logic to exactly once per event
 * id, also when the same body is posted again.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  accessDecision,
  createWebhookHandler,
  Hotmart,
  type HotmartWebhookEvent,
  isPurchaseEvent,
  MemoryDedupeStore,
  toNodeHandler,
} from "hotmart";
import { HotmartWebhookEventSchema } from "hotmart/schemas";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const HOTTOK = "hottok-e2e-simulator-0a1b2c3d4e5f";

describe("simulator → webhook handler on loopback", () => {
  let sim: Simulator;
  let client: Hotmart;
  let receiver: Server;
  let url: string;
  const store = new MemoryDedupeStore();
  /** Every time the business callback started, by event id. */
  const attempts = new Map<string, number>();
  /** Every time it finished its work, by event id: must end at exactly 1 each. */
  const processed = new Map<string, number>();
  const events = new Map<string, HotmartWebhookEvent>();
  const rawBodies = new Map<string, string>();
  const wrongHottokCalls: string[] = [];

  // The business logic: fails the first time it sees each event (a database blip), then succeeds.
  const business = (event: HotmartWebhookEvent, rawBody: string) => {
    const n = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, n);
    if (n === 1) throw new Error("transient failure: the database is restarting");
    processed.set(event.id, (processed.get(event.id) ?? 0) + 1);
    events.set(event.id, event);
    rawBodies.set(event.id, rawBody);
  };

  beforeAll(async () => {
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: store,
      on: {
        PURCHASE_REFUNDED: (event, ctx) => business(event, ctx.rawBody),
        SUBSCRIPTION_CANCELLATION: (event, ctx) => business(event, ctx.rawBody),
      },
      onUnhandled: (payload, ctx) => business(payload as HotmartWebhookEvent, ctx.rawBody),
    });
    const listener = toNodeHandler(handler);
    receiver = createServer((req, res) => {
      if (req.url?.startsWith("/wrong")) wrongHottokCalls.push(req.url);
      void listener(req, res);
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hotmart`;

    sim = await startSimulator({
      port: 0,
      seed: 42,
      hottok: HOTTOK,
      webhooks: [{ url, hottok: HOTTOK }],
      webhookRetry: { attempts: 3, delayMs: 20 },
    });
    client = new Hotmart({
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      basic: sim.credentials.basic,
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

  it("a refund and a cancel are delivered, retried after 500, and processed exactly once", async () => {
    // A fresh one-off sale to refund (its PURCHASE_APPROVED is delivered too).
    const sale = sim.purchase({ paymentType: "PIX" });
    const subscription = sim.data.subscriptions.find((s) => s.magic === undefined && s.status === "ACTIVE");
    if (!subscription) throw new Error("the simulator's dataset has no active subscription");

    await client.request("PUT", `/payments/api/v1/sales/${sale.transaction}/refund`);
    await client.request("POST", `/payments/api/v1/subscriptions/${subscription.subscriberCode}/cancel`, {
      send_mail: false,
    });
    await sim.webhooks.idle();

    const byEvent = (name: string) => [...events.values()].filter((e) => e.event === name);
    const refund = byEvent("PURCHASE_REFUNDED").find(
      (e) => isPurchaseEvent(e) && e.data.purchase.transaction === sale.transaction,
    );
    const cancel = byEvent("SUBSCRIPTION_CANCELLATION").find(
      (e) =>
        e.event === "SUBSCRIPTION_CANCELLATION" && e.data.subscriber.code === subscription.subscriberCode,
    );
    if (!refund || !cancel)
      throw new Error(`missing events; got ${[...events.values()].map((e) => e.event)}`);

    // Typed and normalised as the SDK promises.
    expect(isPurchaseEvent(refund) && refund.data.purchase.status).toBe("REFUNDED");
    expect(accessDecision(refund).action).toBe("revoke");
    expect(cancel.event === "SUBSCRIPTION_CANCELLATION" && typeof cancel.data.date_next_charge).toBe(
      "number",
    );
    expect(["keep", "revoke"]).toContain(accessDecision(cancel, { now: sim.clock.now() }).action);

    // The simulator saw a 500, re-sent the same event id, then got 200; nothing else was retried.
    for (const id of [refund.id, cancel.id]) {
      const tries = sim.webhooks.deliveries.filter((d) => d.id === id && d.url === url);
      expect(tries.map((d) => d.status)).toEqual([500, 200]);
      expect(attempts.get(id)).toBe(2);
      expect(processed.get(id)).toBe(1);
      expect(store.has(id)).toBe(true);
    }
    // Every delivered event (the sale's PURCHASE_APPROVED included) ended processed exactly once.
    const delivered = new Set(sim.webhooks.deliveries.filter((d) => d.url === url).map((d) => d.id));
    expect(delivered.size).toBeGreaterThanOrEqual(3);
    for (const id of delivered) expect(processed.get(id)).toBe(1);
    expect(sim.webhooks.subscriptions.every((s) => !s.disabled)).toBe(true);

    // What the simulator sends also passes the strict zod schemas, and they agree with the parser.
    for (const [eventId, raw] of rawBodies) {
      const validated = HotmartWebhookEventSchema.safeParse(JSON.parse(raw));
      expect(validated.error?.issues).toBeUndefined();
      expect(validated.data).toEqual(events.get(eventId));
    }
  });

  it("a duplicate delivery (the same body posted twice) is acknowledged and not processed again", async () => {
    const [id, body] = [...rawBodies.entries()][0] ?? [];
    if (!id || !body) throw new Error("the first test delivered nothing");
    const before = { attempts: attempts.get(id), processed: processed.get(id) };
    for (let i = 0; i < 2; i++) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, duplicate: true });
    }
    expect({ attempts: attempts.get(id), processed: processed.get(id) }).toEqual(before);
  });

  it("a subscription with the wrong hottok gets 401 on every attempt and is disabled; nothing runs", async () => {
    const wrong = sim.webhooks.subscribe({
      url: url.replace("/webhooks/hotmart", "/wrong-hottok"),
      hottok: "not-the-right-hottok-000",
      events: ["PURCHASE_APPROVED"],
    });
    const processedBefore = [...processed.values()].reduce((a, b) => a + b, 0);
    const attemptsBefore = [...attempts.values()].reduce((a, b) => a + b, 0);
    sim.purchase({ paymentType: "CREDIT_CARD" });
    await sim.webhooks.idle();

    const tries = sim.webhooks.deliveries.filter((d) => d.subscriptionId === wrong.id);
    expect(tries.map((d) => d.status)).toEqual([401, 401, 401, 401]);
    expect(wrongHottokCalls).toHaveLength(4);
    expect(wrong.disabled).toBe(true);
    // The right subscription got the same PURCHASE_APPROVED: one failed attempt, then processed once.
    expect([...attempts.values()].reduce((a, b) => a + b, 0)).toBe(attemptsBefore + 2);
    expect([...processed.values()].reduce((a, b) => a + b, 0)).toBe(processedBefore + 1);
  });
});
