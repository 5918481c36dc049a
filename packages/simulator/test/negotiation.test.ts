import type { Subscription } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, SALES, SUBS } from "./helpers";

const NEGOTIATE = "/payments/api/v1/installments/negotiate";

describe("Installment negotiation", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  const used = new Set<number>();
  /** A subscription with an overdue recurrence that no other test touched. */
  const overdue = (onlyOne = false): { sub: Subscription; last: number } => {
    for (const sub of api.sim.data.subscriptions) {
      const unpaid = sub.recurrences.filter((r) => r.status === "NOT_PAID");
      const last = unpaid.at(-1);
      if (onlyOne && unpaid.length !== 1) continue;
      if (!sub.magic && last && !used.has(sub.id) && sub.status !== "INACTIVE") {
        used.add(sub.id);
        return { sub, last: last.number };
      }
    }
    throw new Error("no overdue subscription left");
  };

  it("generates a PIX negotiation: a new transaction with a copy-and-paste code", async () => {
    const { sub, last } = overdue();
    const res = await api.post(NEGOTIATE, {
      subscription_id: sub.id,
      recurrences: [last],
      payment_type: "PIX",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      subscription_id: sub.id,
      transaction: expect.stringMatching(/^HP\d+$/),
      payment: {
        type: "PIX",
        expiration_date: expect.any(Number),
        pix_code: expect.stringMatching(/^000201/),
        pix_qrcode: expect.stringMatching(/^https:\/\//),
      },
    });
    const history = await api.get(`${SALES}/history`, { transaction: res.body.transaction });
    expect(history.body.items[0].purchase.status).toBe("WAITING_PAYMENT");
    const rows = await api.get(`${SUBS}/transactions`, { transaction: res.body.transaction });
    expect(rows.body.items[0].recurrency.transaction_type).toBe("NEGOTIATION");
    expect(rows.body.items[0].recurrency.number_list).toBe(String(last));
  });

  it("generates a boleto negotiation with a document, and paying it makes the subscription active", async () => {
    const { sub, last } = overdue(true);
    const res = await api.post(NEGOTIATE, {
      subscription_id: sub.id,
      recurrences: [last],
      payment_type: "BILLET",
      document: "529.982.247-25",
      discount: { type: "CUSTOM", value: 5 },
    });
    expect(res.status).toBe(200);
    expect(res.body.payment).toMatchObject({
      type: "BILLET",
      billet_url: expect.any(String),
      billet_barcode: expect.stringMatching(/^\d{47}$/),
    });
    const history = await api.get(`${SALES}/history`, { transaction: res.body.transaction });
    expect(history.body.items[0].purchase.status).toBe("PRINTED_BILLET");
    // The base is the negotiated amount; price.value adds any VAT of the buyer's country.
    expect(history.body.items[0].purchase.hotmart_fee.base).toBeCloseTo(sub.plan.price - 5, 2);
    api.sim.approve(res.body.transaction);
    const after = await api.get(`${SUBS}/summary`, { subscriber_code: sub.subscriberCode });
    expect(after.body.items[0].unpaid_recurrencies).toEqual([]);
    expect(after.body.items[0].last_recurrency.status).toBe("PAID");
    expect((await api.get(SUBS, { subscriber_code: sub.subscriberCode })).body.items[0].status).toBe(
      "ACTIVE",
    );
  });

  it("validates the body: 1 to 5 recurrences, PIX or BILLET, document for BILLET, CUSTOM discount", async () => {
    const { sub, last } = overdue();
    const base = { subscription_id: sub.id, recurrences: [last], payment_type: "PIX" };
    const bad = [
      { ...base, recurrences: [] },
      { ...base, recurrences: [1, 2, 3, 4, 5, 6] },
      { ...base, payment_type: "BOLETO" },
      { ...base, payment_type: "BILLET" },
      { ...base, discount: { type: "PERCENT", value: 10 } },
      { ...base, subscription_id: "abc" },
      {},
    ];
    for (const body of bad) {
      const res = await api.post(NEGOTIATE, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe("invalid_parameter");
    }
  });

  it("a charge discounted to less than Hotmart's fixed fee still splits into commissions that add up to it", async () => {
    const { sub, last } = overdue();
    // 50 cents: the fee's fixed part alone (BRL 1.00) is more than that.
    const res = await api.post(NEGOTIATE, {
      subscription_id: sub.id,
      recurrences: [last],
      payment_type: "PIX",
      discount: { type: "CUSTOM", value: Math.round((sub.plan.price - 0.5) * 100) / 100 },
    });
    expect(res.status).toBe(200);
    const tx = res.body.transaction;
    const [history, commissions] = await Promise.all([
      api.get(`${SALES}/history`, { transaction: tx }),
      api.get(`${SALES}/commissions`, { transaction: tx }),
    ]);
    const fee = history.body.items[0].purchase.hotmart_fee;
    expect(fee.base).toBe(0.5);
    const entries = commissions.body.items[0].commissions as {
      commission: { value: number };
      source: string;
    }[];
    const cents = entries.map((e) => Math.round(e.commission.value * 100));
    expect(cents.reduce((a, b) => a + b, 0)).toBe(50);
    expect(entries.find((e) => e.source === "MARKETPLACE")?.commission.value).toBe(fee.total);
    expect(fee.total).toBeLessThanOrEqual(fee.base);
  });

  it("answers 404 for an unknown subscription and 422 for a recurrence that is not overdue", async () => {
    expect(
      (await api.post(NEGOTIATE, { subscription_id: 1, recurrences: [1], payment_type: "PIX" })).status,
    ).toBe(404);
    const paid = api.sim.data.subscriptions.find((s) => !s.magic && s.recurrences[0]?.status === "PAID");
    const res = await api.post(NEGOTIATE, {
      subscription_id: paid?.id,
      recurrences: [1],
      payment_type: "PIX",
    });
    expect(res.status).toBe(422);
    expect(res.body.error_uri).toEqual(expect.any(String));
  });

  it("is not idempotent: each call creates a new charge", async () => {
    const { sub, last } = overdue();
    const body = { subscription_id: sub.id, recurrences: [last], payment_type: "PIX" };
    const a = await api.post(NEGOTIATE, body);
    const b = await api.post(NEGOTIATE, body);
    expect(a.body.transaction).not.toBe(b.body.transaction);
    expect(api.sim.stats().sideEffects["negotiation.create"]).toBeGreaterThanOrEqual(4);
  });
});
