import { describe, expect, it } from "vitest";
import { PINNED_NOW, sampleWebhook, WEBHOOK_EVENTS } from "../src/index";

describe("sampleWebhook", () => {
  it.each(WEBHOOK_EVENTS)("builds a v2 envelope with real data for %s", (event) => {
    const envelope = sampleWebhook(event, { hottok: "h" });
    expect(envelope.event).toBe(event);
    expect(envelope.version).toBe("2.0.0");
    expect(typeof envelope.id).toBe("string");
    expect(Object.keys(envelope.data as object).length).toBeGreaterThan(0);
    const date = event === "CLUB_FIRST_ACCESS" ? envelope.creationDate : envelope.creation_date;
    expect(typeof date).toBe("number");
    const bodyHottok = event === "SWITCH_PLAN" || event === "UPDATE_SUBSCRIPTION_CHARGE_DATE";
    expect(envelope.hottok).toBe(bodyHottok ? "h" : undefined);
  });

  it("is deterministic for a seed and a pinned clock, apart from the envelope id", () => {
    // Like the simulator, the default clock is the wall clock: pin `now` for the same payload twice.
    const a = sampleWebhook("PURCHASE_APPROVED", { seed: 7, now: PINNED_NOW });
    const b = sampleWebhook("PURCHASE_APPROVED", { seed: 7, now: PINNED_NOW });
    expect(a.data).toEqual(b.data);
    expect(a.id).not.toBe(b.id);
  });

  it("a payment sample reads as the moment it announces: a paid sale, its subscription still active", () => {
    for (const seed of [1, 7, 42, 99])
      for (const event of ["PURCHASE_APPROVED", "PURCHASE_COMPLETE"] as const) {
        const data = sampleWebhook(event, { seed, now: PINNED_NOW }).data as {
          purchase: { price: { value: number } };
          subscription?: { status: string };
        };
        expect(data.purchase.price.value, `${event}, seed ${seed}`).toBeGreaterThan(0);
        if (data.subscription) expect(data.subscription.status, `${event}, seed ${seed}`).toBe("ACTIVE");
      }
  });

  it("a PURCHASE_BILLET_PRINTED sample is a boleto or Pix code not paid yet, whatever the seed", () => {
    for (const seed of [1, 7, 42, 99]) {
      const { purchase } = sampleWebhook("PURCHASE_BILLET_PRINTED", { seed, now: PINNED_NOW }).data as {
        purchase: { approved_date?: number; payment: Record<string, unknown> };
      };
      expect(purchase.approved_date, `seed ${seed}`).toBeUndefined();
      const { type } = purchase.payment;
      expect(
        type === "BILLET" ? purchase.payment.billet_barcode : purchase.payment.pix_code,
        `seed ${seed}`,
      ).toEqual(expect.any(String));
      expect(["BILLET", "PIX"], `seed ${seed}`).toContain(type);
    }
  });

  it("a SUBSCRIPTION_CANCELLATION sample is a cancellation made now, its paid period still running", () => {
    // Sent on the day of cancellation, access kept until date_next_charge (§9.7). Samples were
    // subscriptions cancelled months before `now`, their paid period over (for seed 2 it ended before
    // the cancellation itself), so a receiver's "keep access until" path never ran.
    for (const seed of [1, 2, 7, 42, 99]) {
      const envelope = sampleWebhook("SUBSCRIPTION_CANCELLATION", { seed, now: PINNED_NOW });
      const data = envelope.data as { cancellation_date: number; date_next_charge: number };
      expect(data.cancellation_date, `seed ${seed}`).toBe(envelope.creation_date);
      expect(data.date_next_charge, `seed ${seed}`).toBeGreaterThan(data.cancellation_date);
    }
  });

  it("rejects an unknown event", () => {
    expect(() => sampleWebhook("NOPE" as never)).toThrow(/Unknown webhook event "NOPE"/);
  });
});
