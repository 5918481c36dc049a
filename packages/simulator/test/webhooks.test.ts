import { WEBHOOK_EVENTS } from "hotmart-simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Api, type Json, Receiver, SALES, SUBS } from "./helpers";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("Webhooks", () => {
  let api: Api;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
    api = await Api.start({
      seed: 11,
      webhooks: [{ url: receiver.url }],
      webhookRetry: { attempts: 5, delayMs: 10 },
    });
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });
  afterEach(() => {
    receiver.clear();
    receiver.respond = () => 200;
  });

  it("a refund POSTs PURCHASE_REFUNDED (v2 envelope) with the X-HOTMART-HOTTOK header", async () => {
    const sale = api.sim.purchase();
    await api.sim.webhooks.idle();
    receiver.clear();
    expect((await api.request("PUT", `${SALES}/${sale.transaction}/refund`)).status).toBe(200);
    await api.sim.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    const received = receiver.received[0];
    if (!received) throw new Error("nothing received");
    const { headers, body } = received;
    expect(headers["x-hotmart-hottok"]).toBe(api.sim.hottok);
    expect(headers["content-type"]).toContain("application/json");
    expect(body).toMatchObject({
      event: "PURCHASE_REFUNDED",
      version: "2.0.0",
      creation_date: expect.any(Number),
    });
    expect(body.id).toMatch(UUID);
    expect(body.data.purchase).toMatchObject({ transaction: sale.transaction, status: "REFUNDED" });
    expect(body.data.buyer.email).toBe(sale.buyer.email);
    expect(body.data.commissions.some((c: Json) => c.source === "MARKETPLACE")).toBe(true);
    expect(body.data.affiliates).toHaveLength(1);
  });

  it("a new approved sale POSTs PURCHASE_APPROVED", async () => {
    const sale = api.sim.purchase({ paymentType: "PIX" });
    await api.sim.webhooks.idle();
    const body = receiver.received.at(-1)?.body;
    expect(body.event).toBe("PURCHASE_APPROVED");
    expect(body.data.purchase.transaction).toBe(sale.transaction);
    expect(body.data.purchase.payment.type).toBe("PIX");
  });

  it("a cancellation POSTs SUBSCRIPTION_CANCELLATION", async () => {
    const sub = api.sim.data.subscriptions.find((s) => !s.magic && s.status === "ACTIVE");
    expect((await api.post(`${SUBS}/${sub?.subscriberCode}/cancel`)).status).toBe(200);
    await api.sim.webhooks.idle();
    const body = receiver.received.at(-1)?.body;
    expect(body.event).toBe("SUBSCRIPTION_CANCELLATION");
    expect(body.data.subscriber.code).toBe(sub?.subscriberCode);
    expect(body.data.subscription.id).toBe(sub?.id);
    expect(body.data.cancellation_date).toEqual(expect.any(Number));
    expect(body.data.purchase).toBeUndefined();
  });

  it("a due-day change POSTs UPDATE_SUBSCRIPTION_CHARGE_DATE, with the hottok also in the body", async () => {
    const sub = api.sim.data.subscriptions.find(
      (s) =>
        !s.magic &&
        s.status === "ACTIVE" &&
        !(s.trialEnd && s.trialEnd > api.sim.clock.now()) &&
        s.plan.recurrencyPeriod !== 7,
    );
    const old = sub?.dueDay;
    expect(
      (await api.request("PATCH", `${SUBS}/${sub?.subscriberCode}`, { body: { due_day: 3 } })).status,
    ).toBe(200);
    await api.sim.webhooks.idle();
    const body = receiver.received.at(-1)?.body;
    expect(body.event).toBe("UPDATE_SUBSCRIPTION_CHARGE_DATE");
    expect(body.hottok).toBe(api.sim.hottok);
    expect(body.data.subscription).toMatchObject({ old_charge_day: old, new_charge_day: 3 });
    expect(body.data.subscription.date_next_charge).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("a negotiation POSTs PURCHASE_BILLET_PRINTED, and its payment PURCHASE_APPROVED", async () => {
    const sub = api.sim.data.subscriptions.find(
      (s) => !s.magic && s.recurrences.some((r) => r.status === "NOT_PAID"),
    );
    const last = sub?.recurrences.filter((r) => r.status === "NOT_PAID").at(-1);
    const res = await api.post("/payments/api/v1/installments/negotiate", {
      subscription_id: sub?.id,
      recurrences: [last?.number],
      payment_type: "PIX",
    });
    expect(res.status).toBe(200);
    await api.sim.webhooks.idle();
    expect(receiver.received.at(-1)?.body).toMatchObject({
      event: "PURCHASE_BILLET_PRINTED",
      data: {
        purchase: { status: "BILLET_PRINTED", transaction: res.body.transaction, payment: { type: "PIX" } },
      },
    });
    api.sim.approve(res.body.transaction);
    await api.sim.webhooks.idle();
    expect(receiver.received.at(-1)?.body.event).toBe("PURCHASE_APPROVED");
  });

  it("retries a failed delivery (same event id) until the receiver answers 2xx", async () => {
    receiver.respond = (n) => (n < 2 ? 500 : 200);
    const envelope = api.sim.emit("PURCHASE_COMPLETE");
    await api.sim.webhooks.idle();
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((r) => r.body.id))).toEqual(new Set([envelope.id]));
    const attempts = api.sim.webhooks.deliveries.filter((d) => d.id === envelope.id);
    expect(attempts.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
  });

  it("sends every v2 event with sim.emit, each from real records", async () => {
    for (const event of WEBHOOK_EVENTS) api.sim.emit(event);
    await api.sim.webhooks.idle();
    expect(receiver.received.map((r) => r.body.event)).toEqual([...WEBHOOK_EVENTS]);
    const first = receiver.received.find((r) => r.body.event === "CLUB_FIRST_ACCESS")?.body;
    expect(first.creationDate).toEqual(expect.any(Number));
    expect(first.creation_date).toBeUndefined();
    const module = receiver.received.find((r) => r.body.event === "CLUB_MODULE_COMPLETED")?.body;
    expect(typeof module.data.product.id).toBe("string");
    const complete = receiver.received.find((r) => r.body.event === "PURCHASE_COMPLETE")?.body;
    expect(complete.data.purchase.status).toBe("COMPLETED");
    const custom = api.sim.emit("PURCHASE_PROTEST", { hello: "world" });
    await api.sim.webhooks.idle();
    expect(receiver.received.at(-1)?.body).toEqual({ ...custom, data: { hello: "world" } });
  });
});

describe("Webhook retries and subscriptions", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());
  afterEach(() => {
    receiver.clear();
    receiver.respond = () => 200;
  });

  it("re-sends `attempts` times, then disables the URL as Hotmart does", async () => {
    const api = await Api.start({ seed: 2, webhookRetry: { attempts: 2, delayMs: 5 } });
    try {
      receiver.respond = () => 500;
      const subscription = api.sim.webhooks.subscribe({ url: receiver.url, hottok: "per-url-secret" });
      api.sim.emit("PURCHASE_APPROVED");
      await api.sim.webhooks.idle();
      expect(receiver.received).toHaveLength(3);
      expect(receiver.received[0]?.headers["x-hotmart-hottok"]).toBe("per-url-secret");
      expect(subscription.disabled).toBe(true);
      api.sim.emit("PURCHASE_APPROVED");
      await api.sim.webhooks.idle();
      expect(receiver.received).toHaveLength(3);
    } finally {
      await api.close();
    }
  });

  it("filters by event name", async () => {
    const api = await Api.start({
      seed: 2,
      webhooks: [{ url: receiver.url, events: ["SUBSCRIPTION_CANCELLATION"] }],
    });
    try {
      api.sim.purchase();
      api.sim.emit("SUBSCRIPTION_CANCELLATION");
      await api.sim.webhooks.idle();
      expect(receiver.received.map((r) => r.body.event)).toEqual(["SUBSCRIPTION_CANCELLATION"]);
      expect(() => api.sim.webhooks.subscribe({ url: receiver.url, events: ["PURCHASE_CANCELLED"] })).toThrow(
        TypeError,
      );
    } finally {
      await api.close();
    }
  });

  it("records -1 when the receiver cannot be reached", async () => {
    const api = await Api.start({ seed: 2, webhookRetry: { attempts: 0 } });
    try {
      api.sim.webhooks.subscribe({ url: "http://127.0.0.1:1/unreachable" });
      api.sim.emit("PURCHASE_APPROVED");
      await api.sim.webhooks.idle();
      expect(api.sim.webhooks.deliveries[0]).toMatchObject({ status: -1, ok: false, attempt: 1 });
    } finally {
      await api.close();
    }
  });

  it("subscribes and emits over /__admin/webhooks", async () => {
    const api = await Api.start({ seed: 2 });
    try {
      const created = await fetch(`${api.sim.url}/__admin/webhooks`, {
        method: "POST",
        body: JSON.stringify({ url: receiver.url }),
      });
      expect(created.status).toBe(201);
      const emitted = await fetch(`${api.sim.url}/__admin/webhooks/emit`, {
        method: "POST",
        body: JSON.stringify({ event: "SWITCH_PLAN" }),
      });
      expect(emitted.status).toBe(202);
      await api.sim.webhooks.idle();
      expect(receiver.received[0]?.body.event).toBe("SWITCH_PLAN");
      expect(receiver.received[0]?.body.data.plans).toHaveLength(2);
      const state = await (await fetch(`${api.sim.url}/__admin/webhooks`)).json();
      expect(state.deliveries[0]).toMatchObject({ event: "SWITCH_PLAN", status: 200, attempt: 1 });
    } finally {
      await api.close();
    }
  });
  it("never shows a hottok over /__admin/webhooks; deliveries still carry each URL's own", async () => {
    const configured = "hottok-configured-at-start-4fQ";
    const posted = "hottok-posted-over-admin-9Zk";
    const api = await Api.start({
      seed: 2,
      webhooks: [{ url: `${receiver.url}?from=start`, hottok: configured }],
    });
    try {
      const created = await fetch(`${api.sim.url}/__admin/webhooks`, {
        method: "POST",
        body: JSON.stringify({ url: `${receiver.url}?from=admin`, hottok: posted }),
      });
      const createdText = await created.text();
      const listedText = await (await fetch(`${api.sim.url}/__admin/webhooks`)).text();
      for (const secret of [configured, posted, api.sim.hottok]) {
        expect(createdText).not.toContain(secret);
        expect(listedText).not.toContain(secret);
      }
      expect(JSON.parse(createdText)).toMatchObject({ id: 2, hottok: "[redacted]" });
      expect(JSON.parse(listedText).subscriptions).toEqual([
        expect.objectContaining({ id: 1, url: `${receiver.url}?from=start`, hottok: "[redacted]" }),
        expect.objectContaining({ id: 2, url: `${receiver.url}?from=admin`, hottok: "[redacted]" }),
      ]);
      // Only the listing is masked: each URL still gets the hottok it was configured with.
      api.sim.emit("PURCHASE_APPROVED");
      await api.sim.webhooks.idle();
      expect(receiver.received.map((r) => r.headers["x-hotmart-hottok"]).sort()).toEqual(
        [posted, configured].sort(),
      );
    } finally {
      await api.close();
    }
  });
});

describe("Sample webhooks (POST /__admin/webhooks/emit)", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());
  afterEach(() => receiver.clear());

  async function emitted(api: Api, event: string): Promise<Json> {
    receiver.clear();
    const res = await fetch(`${api.sim.url}/__admin/webhooks/emit`, {
      method: "POST",
      body: JSON.stringify({ event }),
    });
    expect(res.status).toBe(202);
    await api.sim.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    return receiver.received[0]?.body;
  }

  it("every amount in the sample payloads is in cents", async () => {
    const api = await Api.start({ seed: 42, webhooks: [{ url: receiver.url }] });
    try {
      const amounts: [string, number][] = [];
      const collect = (node: Json, path: string): void => {
        if (typeof node !== "object" || node === null) return;
        if (typeof node.value === "number" && typeof node.currency_value === "string")
          amounts.push([`${path}.value`, node.value]);
        for (const [key, child] of Object.entries(node)) collect(child, `${path}.${key}`);
      };
      for (const event of WEBHOOK_EVENTS) collect((await emitted(api, event)).data, event);
      expect(amounts.map(([path]) => path)).toContain("ORDER_FULFILLMENT.purchase.full_price.value");
      for (const [path, value] of amounts) expect(Math.round(value * 100) / 100, path).toBe(value);
    } finally {
      await api.close();
    }
  });

  // Seed 42 holds pending boleto and Pix sales; 20 sales hold none, so the sample cannot borrow one.
  it.each([
    { seed: 42, scale: undefined },
    { seed: 42, scale: { sales: 20 } },
  ])(
    "PURCHASE_BILLET_PRINTED is a boleto or Pix code not paid yet (§9.4), seed $seed, scale $scale",
    async ({ seed, scale }) => {
      const api = await Api.start({ seed, ...(scale ? { scale } : {}), webhooks: [{ url: receiver.url }] });
      try {
        const { purchase } = (await emitted(api, "PURCHASE_BILLET_PRINTED")).data;
        expect(purchase.status).toBe("BILLET_PRINTED");
        expect(purchase).not.toHaveProperty("approved_date");
        expect(purchase.payment).not.toHaveProperty("refusal_reason");
        expect(purchase.payment.installments_number).toBe(1);
        if (purchase.payment.type === "BILLET") {
          expect(purchase.payment.billet_barcode).toMatch(/^\d{47}$/);
          expect(purchase.payment.billet_url).toMatch(/^https:\/\//);
        } else {
          expect(purchase.payment.type).toBe("PIX");
          expect(purchase.payment.pix_code).toMatch(/^000201/);
          expect(purchase.payment.pix_qrcode).toMatch(/^https:\/\//);
          expect(purchase.payment.pix_expiration_date).toBeGreaterThan(purchase.order_date);
        }
        // A real sale of the simulator, paid (if at all) by that boleto or Pix code.
        const history = await api.get(`${SALES}/history`, { transaction: purchase.transaction });
        expect(history.body.items[0]?.purchase.payment.type).toBe(purchase.payment.type);
      } finally {
        await api.close();
      }
    },
  );
});
