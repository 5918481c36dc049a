import { type NegotiationResult, NotFoundError, UnprocessableEntityError } from "hotmart";
import type { Subscription } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { failure, must, onlyCall, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 13 });
const PATH = "/payments/api/v1/installments/negotiate";

const unpaid = (s: Subscription) => s.recurrences.filter((r) => r.status === "NOT_PAID").map((r) => r.number);
/** Club subscriptions may negotiate only their last overdue recurrence; the others up to 5. */
const clubOnlyLast = (s: Subscription) => s.billingType === "SUBSCRIPTION" && s.product.club !== undefined;

describe("negotiation.create", () => {
  it("PIX for several overdue recurrences answers Pix data and creates a pending charge", async () => {
    const { sim, client } = ctx;
    const sub = must(
      sim.data.subscriptions.find((s) => s.magic === undefined && !clubOnlyLast(s) && unpaid(s).length >= 2),
      "subscription with 2+ overdue recurrences",
    );
    const recurrences = unpaid(sub).slice(0, 2);

    const result: NegotiationResult = await client.negotiation.create({
      subscription_id: sub.id,
      recurrences,
      payment_type: "PIX",
      discount: { type: "CUSTOM", value: 1.5 },
    });

    expect(onlyCall(sim)).toMatchObject({
      method: "POST",
      path: PATH,
      query: {},
      body: {
        subscription_id: sub.id,
        recurrences,
        payment_type: "PIX",
        discount: { type: "CUSTOM", value: 1.5 },
      },
      status: 200,
    });
    expect(result.subscription_id).toBe(sub.id);
    expect(result.transaction).toMatch(/^HP\d+/);
    expect(result.payment.type).toBe("PIX");
    expect(result.payment.pix_code).toEqual(expect.any(String));
    expect(result.payment.pix_qrcode).toMatch(/^https?:\/\//);
    expect(result.payment.expiration_date).toBeGreaterThan(sim.clock.now() - 1000);
    expect(result.payment.billet_url).toBeUndefined();
    expect(sim.stats().sideEffects["negotiation.create"]).toBe(1);

    // The new charge is pending and visible through the sales report by its transaction.
    const [sale] = await client.sales.history({ transaction: result.transaction }).toArray();
    expect(sale?.purchase.status).toBe("WAITING_PAYMENT");
    expect(sale?.purchase.price.value).toBeCloseTo(sub.plan.price * 2 - 1.5, 2);

    // Once paid, the recurrences it covered are no longer overdue.
    sim.approve(result.transaction);
    const summary = await client.subscriptions.summary({ subscriber_code: sub.subscriberCode });
    const stillUnpaid = summary.items[0]?.unpaid_recurrencies.map((r) => r.number) ?? [];
    for (const n of recurrences) expect(stillUnpaid).not.toContain(n);
  });

  it("BILLET with a document answers boleto data", async () => {
    const { sim, client } = ctx;
    const sub = must(
      sim.data.subscriptions.find(
        (s) => s.magic === undefined && clubOnlyLast(s) && s.status === "DELAYED" && unpaid(s).length > 0,
      ),
      "DELAYED Club subscription with an overdue recurrence",
    );
    const last = must(unpaid(sub).at(-1), "last overdue recurrence");

    const result = await client.negotiation.create({
      subscription_id: sub.id,
      recurrences: [last],
      payment_type: "BILLET",
      document: "123.456.789-09",
    });

    expect(onlyCall(sim).body).toEqual({
      subscription_id: sub.id,
      recurrences: [last],
      payment_type: "BILLET",
      document: "123.456.789-09",
    });
    expect(result.payment.type).toBe("BILLET");
    expect(result.payment.billet_url).toMatch(/^https?:\/\//);
    expect(result.payment.billet_barcode).toEqual(expect.any(String));
    expect(result.payment.pix_code).toBeUndefined();
    expect(sim.data.sale(result.transaction)?.status).toBe("PRINTED_BILLET");
  });

  it("a recurrence that is not overdue is Hotmart's 422; an unknown subscription is 404", async () => {
    const { sim, client } = ctx;
    const sub = must(
      sim.data.subscriptions.find(
        (s) => s.magic === undefined && s.recurrences.some((r) => r.status === "PAID"),
      ),
      "subscription with a paid recurrence",
    );
    const paid = must(
      sub.recurrences.find((r) => r.status === "PAID"),
      "paid recurrence",
    ).number;
    const e = await failure(
      () => client.negotiation.create({ subscription_id: sub.id, recurrences: [paid], payment_type: "PIX" }),
      UnprocessableEntityError,
    );
    expect(e.status).toBe(422);
    expect(e.error).toBe("invalid_parameter");
    await failure(
      () =>
        client.negotiation.create({ subscription_id: 999_999_999, recurrences: [1], payment_type: "PIX" }),
      NotFoundError,
    );
    expect(sim.stats().sideEffects["negotiation.create"]).toBeUndefined();
  });
});
