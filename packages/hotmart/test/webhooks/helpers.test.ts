import {
  accessDecision,
  type HotmartWebhookEvent,
  isPurchaseEvent,
  isWebhookEvent,
  parseWebhook,
  paymentKind,
  purchaseKind,
  type WebhookPayload,
  type WebhookPurchaseEvent,
  webhookAffiliates,
  webhookNextChargeDate,
  webhookSubscriberCode,
} from "hotmart";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type FixtureKind, fixtureText } from "./fixtures";

function load(kind: FixtureKind, name: string): WebhookPayload {
  return parseWebhook(fixtureText(kind, name));
}

function purchaseFixture(kind: "documented" | "observed", name: string): WebhookPurchaseEvent {
  const payload = load(kind, name);
  if (!isPurchaseEvent(payload)) throw new Error(`${name} is not a purchase event`);
  return payload;
}

const NEXT_CHARGE = 1719792000000;

describe("purchaseKind", () => {
  it.each([
    ["documented", "purchase-approved", "new_subscription"],
    ["observed", "purchase-approved-2025-renewal", "renewal"],
    ["documented", "purchase-delayed", "renewal"],
    ["documented", "purchase-complete", "one_time"],
    ["documented", "purchase-billet-printed", "one_time"],
    // 2023 payloads carry no recurrence_number: documented limitation, a subscription then reads as new.
    ["observed", "purchase-approved-2023-no-plan", "new_subscription"],
  ] as const)("%s/%s → %s", (kind, name, expected) => {
    expect(purchaseKind(purchaseFixture(kind, name))).toBe(expected);
  });

  it("an early renewal (subscription_anticipation_purchase) is a renewal", () => {
    const event = purchaseFixture("documented", "purchase-approved");
    event.data.purchase.subscription_anticipation_purchase = true;
    expect(purchaseKind(event)).toBe("renewal");
  });
});

describe("paymentKind", () => {
  it.each([
    ["documented", "purchase-approved", "pix"],
    ["documented", "purchase-billet-printed", "boleto"],
    ["documented", "purchase-complete", "card"],
    ["observed", "purchase-billet-printed-pix", "pix"],
    ["observed", "purchase-delayed-2023-cashpayment", "other"],
  ] as const)("%s/%s → %s", (kind, name, expected) => {
    expect(paymentKind(purchaseFixture(kind, name))).toBe(expected);
  });

  it.each([
    ["PIX", "pix"],
    ["BILLET", "boleto"],
    ["FINANCED_BILLET", "boleto"],
    ["CREDIT_CARD", "card"],
    ["GOOGLE_PAY", "card"],
    ["CREDIT_CARD_VISA", "card"],
    ["PAYPAL", "paypal"],
    ["PAYPAL_INTERNACIONAL", "paypal"],
    ["WALLET", "other"],
    ["CASHPAYMENT", "other"],
    ["PICPAY", "other"],
    ["SOMETHING_NEW", "other"],
  ] as const)("type %s → %s", (type, expected) => {
    expect(paymentKind(type)).toBe(expected);
  });

  it("without a payment type, a Pix code or a boleto barcode decides", () => {
    const pix = purchaseFixture("observed", "purchase-billet-printed-pix");
    delete (pix.data.purchase.payment as { type?: string }).type;
    expect(paymentKind(pix)).toBe("pix");
    const boleto = purchaseFixture("documented", "purchase-billet-printed");
    delete (boleto.data.purchase.payment as { type?: string }).type;
    expect(paymentKind(boleto)).toBe("boleto");
  });
});

describe("accessDecision", () => {
  const now = 1718000000000; // before NEXT_CHARGE

  it.each([
    ["documented", "purchase-approved", "grant", NEXT_CHARGE],
    ["observed", "purchase-approved-2025-renewal", "grant", NEXT_CHARGE],
    ["documented", "purchase-complete", "grant", undefined],
    ["observed", "purchase-complete-status-completed", "grant", undefined],
    ["documented", "purchase-refunded", "revoke", undefined],
    ["observed", "purchase-refunded-no-buyer", "revoke", undefined],
    ["documented", "purchase-chargeback", "revoke", undefined],
    ["documented", "purchase-canceled", "revoke", undefined],
    ["documented", "purchase-expired", "revoke", undefined],
    ["documented", "purchase-billet-printed", "none", undefined],
    ["observed", "purchase-billet-printed-pix", "none", undefined],
    ["documented", "purchase-protest", "none", undefined],
    ["documented", "purchase-delayed", "keep", undefined],
    ["observed", "purchase-delayed-2023-cashpayment", "keep", undefined],
    ["documented", "subscription-cancellation", "keep", NEXT_CHARGE],
    ["documented", "switch-plan", "keep", NEXT_CHARGE],
    ["documented", "update-subscription-charge-date", "keep", Date.UTC(2024, 6, 15, 12)],
    ["documented", "purchase-out-of-shopping-cart", "none", undefined],
    ["documented", "club-first-access", "none", undefined],
    ["documented", "club-module-completed", "none", undefined],
    ["documented", "order-fulfillment", "none", undefined],
    ["legacy", "v1-approved", "grant", undefined],
    ["legacy", "v1-refunded", "revoke", undefined],
  ] as const)("%s/%s → %s until %s", (kind, name, action, until) => {
    const decision = accessDecision(load(kind, name), { now });
    expect(decision.action).toBe(action);
    expect(decision.until).toBe(until);
    expect(decision.reason.length).toBeGreaterThan(10);
  });

  it("a cancelled subscription whose paid period is over is revoked", () => {
    const event = load("documented", "subscription-cancellation");
    expect(accessDecision(event, { now: NEXT_CHARGE + 1 })).toMatchObject({
      action: "revoke",
      until: NEXT_CHARGE,
    });
  });

  it("a renewal that was cancelled or expired keeps access (the subscription's lifecycle decides)", () => {
    const renewal = purchaseFixture("observed", "purchase-approved-2025-renewal");
    for (const name of ["PURCHASE_CANCELED", "PURCHASE_EXPIRED"] as const) {
      const event = { ...renewal, event: name } as WebhookPurchaseEvent;
      expect(accessDecision(event).action).toBe("keep");
    }
  });

  it("an unknown event is none", () => {
    const payload = parseWebhook(
      '{"id":"u1","creation_date":1,"event":"SOMETHING_NEW","version":"2.0.0","data":{}}',
    ) as HotmartWebhookEvent;
    expect(accessDecision(payload).action).toBe("none");
  });
});

describe("readers across event shapes", () => {
  it("webhookSubscriberCode finds the code wherever each event keeps it", () => {
    expect(webhookSubscriberCode(load("documented", "purchase-approved"))).toBe("ABCD1234");
    expect(webhookSubscriberCode(load("documented", "subscription-cancellation"))).toBe("ABCD1234");
    expect(webhookSubscriberCode(load("documented", "switch-plan"))).toBe("ABCD1234");
    expect(webhookSubscriberCode(load("documented", "update-subscription-charge-date"))).toBe("ABCD1234");
    expect(webhookSubscriberCode(load("documented", "purchase-complete"))).toBeUndefined();
    expect(webhookSubscriberCode(load("legacy", "v1-approved"))).toBeUndefined();
  });

  it("webhookNextChargeDate is epoch ms for every shape, ISO included", () => {
    expect(webhookNextChargeDate(load("documented", "purchase-approved"))).toBe(NEXT_CHARGE);
    expect(webhookNextChargeDate(load("documented", "switch-plan"))).toBe(NEXT_CHARGE);
    expect(webhookNextChargeDate(load("observed", "update-subscription-charge-date-body-hottok"))).toBe(
      Date.UTC(2024, 6, 10, 12),
    );
    expect(webhookNextChargeDate(load("documented", "club-first-access"))).toBeUndefined();
  });

  it("webhookAffiliates drops the empty placeholder Hotmart sends", () => {
    expect(webhookAffiliates(purchaseFixture("observed", "purchase-approved-2023-no-plan"))).toEqual([]);
    expect(webhookAffiliates(purchaseFixture("observed", "purchase-approved-2025-renewal"))).toEqual([]);
    const event = purchaseFixture("documented", "purchase-approved");
    event.data.affiliates = [
      { affiliate_code: "", name: "" },
      { affiliate_code: "Q12345678A", name: "Afiliado Exemplo" },
    ];
    expect(webhookAffiliates(event)).toEqual([{ affiliate_code: "Q12345678A", name: "Afiliado Exemplo" }]);
  });

  it("isWebhookEvent narrows to one event's type", () => {
    const payload = load("documented", "switch-plan");
    if (isWebhookEvent(payload, "SWITCH_PLAN")) {
      expectTypeOf(payload.data.plans).toBeArray();
      expect(payload.data.plans).toHaveLength(2);
    } else throw new Error("not narrowed");
    expect(isWebhookEvent(payload, "PURCHASE_APPROVED")).toBe(false);
  });
});
