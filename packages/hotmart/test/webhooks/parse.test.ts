import {
  type HotmartWebhookEvent,
  isKnownWebhookEvent,
  isLegacyWebhook,
  isWebhookEvent,
  type LegacyWebhook,
  normalizePaymentType,
  normalizePurchaseStatus,
  normalizeSubscriptionStatus,
  parseWebhook,
  WEBHOOK_EVENT_NAMES,
  type WebhookPayload,
  WebhookPayloadError,
  type WebhookPurchaseEvent,
  webhookDateToMs,
} from "hotmart";
import { HotmartWebhookEventSchema, LegacyWebhookSchema } from "hotmart/schemas";
import { describe, expect, it } from "vitest";
import { FIXTURE_HOTTOK, fixture, fixtureNames, fixtureText } from "./fixtures";

const JSON_TYPE = { contentType: "application/json" };

function parseFixture(kind: "documented" | "observed", name: string): HotmartWebhookEvent {
  const payload = parseWebhook(fixtureText(kind, name), JSON_TYPE);
  if (isLegacyWebhook(payload)) throw new Error(`${name} parsed as legacy`);
  return payload;
}

function purchase(kind: "documented" | "observed", name: string): WebhookPurchaseEvent {
  const event = parseFixture(kind, name);
  if (!event.event.startsWith("PURCHASE_") || event.event === "PURCHASE_OUT_OF_SHOPPING_CART")
    throw new Error(`${name} is not a purchase event`);
  return event as WebhookPurchaseEvent;
}

describe("every documented event parses", () => {
  const names = fixtureNames("documented");

  it("the documented fixtures cover all 16 events, ORDER_FULFILLMENT included", () => {
    const events = names.map((name) => fixture("documented", name).event);
    expect(new Set(events)).toEqual(new Set(WEBHOOK_EVENT_NAMES));
    expect(events).toHaveLength(16);
  });

  it.each(names)("%s: typed, known, and equal to what its zod schema returns", (name) => {
    const raw = fixture("documented", name);
    const event = parseFixture("documented", name);
    expect(event.event).toBe(raw.event);
    expect(isKnownWebhookEvent(event)).toBe(true);
    expect(typeof event.id).toBe("string");
    expect(typeof event.creation_date).toBe("number");
    expect(event.version).toBe("2.0.0");
    // The schema validates the documented shape (strict about "always" fields) after the same normalisation.
    const validated = HotmartWebhookEventSchema.safeParse(raw);
    expect(validated.error?.issues).toBeUndefined();
    expect(validated.data).toEqual(event);
  });
});

describe("every observed variant (docs/api-notes.md §9.13) parses and is normalised", () => {
  it.each(fixtureNames("observed"))("%s validates against the schemas too", (name) => {
    const raw = fixture("observed", name);
    const event = parseFixture("observed", name);
    const validated = HotmartWebhookEventSchema.safeParse(raw);
    expect(validated.error?.issues).toBeUndefined();
    expect(validated.data).toEqual(event);
  });

  it("#1 COMPLETED becomes COMPLETE", () => {
    expect(purchase("observed", "purchase-complete-status-completed").data.purchase.status).toBe("COMPLETE");
  });

  it("#2 CANCELED becomes CANCELLED, and an event_tickets amount is kept", () => {
    const event = purchase("observed", "purchase-canceled-status-canceled");
    expect(event.data.purchase.status).toBe("CANCELLED");
    expect(event.data.purchase.event_tickets).toEqual({ amount: 2 });
    expect(event.data.purchase.approved_date).toBeUndefined();
  });

  it("#3 BILLET_PRINTED becomes PRINTED_BILLET, even when the payment is a Pix code", () => {
    const event = purchase("observed", "purchase-billet-printed-pix");
    expect(event.event).toBe("PURCHASE_BILLET_PRINTED");
    expect(event.data.purchase.status).toBe("PRINTED_BILLET");
    expect(event.data.purchase.payment.type).toBe("PIX");
    expect(event.data.purchase.payment.pix_expiration_date).toBe(1718086400000);
  });

  it("#4, #5 DELAYED and DISPUTE are kept", () => {
    expect(purchase("observed", "purchase-protest-status-dispute").data.purchase.status).toBe("DISPUTE");
    expect(purchase("observed", "purchase-delayed-2023-cashpayment").data.purchase.status).toBe("DELAYED");
  });

  it("#7 CASHPAYMENT becomes CASH_PAYMENT; #16 a 2023 subscription without plan; #11 buyer_ip kept", () => {
    const event = purchase("observed", "purchase-delayed-2023-cashpayment");
    expect(event.data.purchase.payment.type).toBe("CASH_PAYMENT");
    expect(event.data.subscription).toEqual({ status: "INACTIVE", subscriber: { code: "EFGH5678" } });
    expect(event.data.purchase.buyer_ip).toBe("192.0.2.10");
    expect(event.data.buyer).toEqual({
      email: "davi@example.com",
      name: "Davi Exemplo",
      checkout_phone: "21977770000",
    });
  });

  it("#10 affiliates with empty strings are kept as sent", () => {
    expect(purchase("observed", "purchase-approved-2023-no-plan").data.affiliates).toEqual([
      { affiliate_code: "", name: "" },
    ]);
  });

  it("#15 a refund without buyer parses", () => {
    const event = purchase("observed", "purchase-refunded-no-buyer");
    expect(event.data.buyer).toBeUndefined();
    expect(event.data.purchase.status).toBe("REFUNDED");
  });

  it("#20 checkout_country NA is Namibia, not missing", () => {
    expect(purchase("observed", "purchase-approved-2025-renewal").data.purchase.checkout_country).toEqual({
      name: "Namibia",
      iso: "NA",
    });
  });

  it("#8, #21 and the reference's tolerance list: string ids and dates, ISO dates, currency_code, xcode", () => {
    const event = purchase("observed", "purchase-approved-string-ids-iso-dates");
    expect(event.id).toBe("1234567890123456789");
    expect(event.data.product.id).toBe(1234567);
    expect(event.data.subscription?.plan?.id).toBe(700001);
    expect(event.data.purchase.order_date).toBe(1717200000000);
    expect(event.data.purchase.approved_date).toBe(Date.UTC(2024, 5, 1, 0, 0, 30));
    expect(event.data.purchase.date_next_charge).toBe(Date.UTC(2024, 6, 1));
    expect(event.data.purchase.recurrence_number).toBe(1);
    expect(event.data.purchase.payment.pix_expiration_date).toBe(1717372800000);
    // currency_code is copied to currency_value and itself kept.
    expect(event.data.purchase.price).toEqual({ value: 49.9, currency_value: "BRL", currency_code: "BRL" });
    expect(event.data.purchase.origin).toEqual({ xcode: "parceiro-x", xcod: "parceiro-x" });
    // ISO stays ISO where ISO is documented.
    expect(event.data.product.warranty_date).toBe("2024-06-08T00:00:00Z");
  });

  it("#22 creationDate becomes creation_date (and stays)", () => {
    const event = parseFixture("observed", "club-first-access-creationDate");
    expect(event.creation_date).toBe(1718000000000);
    expect((event as unknown as Record<string, unknown>).creationDate).toBe(1718000000000);
  });

  it("#23 CLUB_MODULE_COMPLETED's string product.id becomes a number; module.id stays a string", () => {
    const event = parseFixture("observed", "club-module-completed-string-product-id");
    if (!isWebhookEvent(event, "CLUB_MODULE_COMPLETED")) throw new Error("wrong event");
    expect(event.data.product.id).toBe(4062912);
    expect(event.data.module.id).toBe("Zx9yW8vU7t");
  });

  it("#24, #25 SUBSCRIPTION_CANCELLATION without phone and with an integer recurrence value", () => {
    const event = parseFixture("observed", "subscription-cancellation-no-phone-integer-value");
    if (!isWebhookEvent(event, "SUBSCRIPTION_CANCELLATION")) throw new Error("wrong event");
    expect(event.data.actual_recurrence_value).toBe(1);
    expect(event.data.subscriber.phone).toBeUndefined();
  });

  it("#27 UPDATE_SUBSCRIPTION_CHARGE_DATE with a body hottok and its documented ISO date_next_charge", () => {
    const event = parseFixture("observed", "update-subscription-charge-date-body-hottok");
    if (!isWebhookEvent(event, "UPDATE_SUBSCRIPTION_CHARGE_DATE")) throw new Error("wrong event");
    expect(event.hottok).toBe(FIXTURE_HOTTOK);
    expect(event.data.subscription.date_next_charge).toBe("2024-07-10T12:00:00.000Z");
    expect(event.data.subscription.new_charge_day).toBe(10);
  });

  it("#31 SWITCH_PLAN's CANCELED_BY_VENDOR becomes CANCELLED_BY_SELLER", () => {
    const event = parseFixture("observed", "switch-plan-canceled-by-vendor-body-hottok");
    if (!isWebhookEvent(event, "SWITCH_PLAN")) throw new Error("wrong event");
    expect(event.data.subscription.status).toBe("CANCELLED_BY_SELLER");
    expect(event.data.plans.find((plan) => plan.current)?.offer?.key).toBe("py01ycdp");
  });
});

describe("tolerance", () => {
  it("keeps unknown fields, at every level", () => {
    const raw = fixture("documented", "club-first-access");
    raw.brand_new_field = { nested: true };
    (raw.data as Record<string, unknown>).extra = 1;
    const event = parseWebhook(raw) as unknown as Record<string, Record<string, unknown>>;
    expect(event.brand_new_field).toEqual({ nested: true });
    expect(event.data?.extra).toBe(1);
  });

  it("never mutates the object it is given", () => {
    const raw = fixture("observed", "purchase-approved-string-ids-iso-dates");
    const copy = structuredClone(raw);
    parseWebhook(raw);
    expect(raw).toEqual(copy);
  });

  it("an event name this SDK does not know parses with its data untouched", () => {
    const body = JSON.stringify({
      id: "e0000000-0000-4000-8000-000000000001",
      creation_date: 1718000000000,
      event: "PURCHASE_TELEPORTED",
      version: "2.0.0",
      data: { product: { id: "1" }, anything: [1, 2] },
    });
    const payload: WebhookPayload = parseWebhook(body, JSON_TYPE);
    expect(isKnownWebhookEvent(payload)).toBe(false);
    expect((payload as { data: unknown }).data).toEqual({ product: { id: "1" }, anything: [1, 2] });
  });

  it("reads bytes, a numeric id and a missing version", () => {
    const raw = fixture("documented", "club-first-access");
    raw.id = 42;
    delete raw.version;
    const event = parseWebhook(
      new TextEncoder().encode(JSON.stringify(raw)),
      JSON_TYPE,
    ) as HotmartWebhookEvent;
    expect(event.id).toBe("42");
    expect(event.version).toBe("2.0.0");
  });

  it("sniffs JSON when there is no content type, and accepts charset and +json types", () => {
    const text = fixtureText("documented", "switch-plan");
    for (const contentType of [
      undefined,
      "application/json; charset=utf-8",
      "application/vnd.hotmart+json",
    ]) {
      expect((parseWebhook(text, { contentType }) as HotmartWebhookEvent).event).toBe("SWITCH_PLAN");
    }
  });
});

describe("legacy 1.0.0 form posts", () => {
  it("parse into LegacyWebhook with typed fields and the raw ones", () => {
    const payload = parseWebhook(fixtureText("legacy", "v1-approved"), {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(isLegacyWebhook(payload)).toBe(true);
    const legacy = payload as LegacyWebhook;
    expect(legacy).toMatchObject({
      legacy: true,
      version: "1.0.0",
      status: "APPROVED",
      prod: 1439,
      prod_name: "Curso Exemplo v1",
      email: "fabio@example.com",
      first_name: "Fábio",
      name: "Fábio Exemplo",
      doc: "00000000000",
      transaction: "HP30000000000001",
      hottok: FIXTURE_HOTTOK,
    });
    expect(legacy.fields.status).toBe("approved");
    expect(legacy.fields.callback_type).toBe("1");
    expect(LegacyWebhookSchema.parse(fixtureText("legacy", "v1-approved"))).toEqual(legacy);
  });

  it("lowercase v1 statuses normalise like v2 ones", () => {
    const legacy = parseWebhook(fixtureText("legacy", "v1-refunded")) as LegacyWebhook;
    expect(legacy.status).toBe("REFUNDED");
    const completed = parseWebhook("status=completed&transaction=HP1", {
      contentType: "application/x-www-form-urlencoded",
    }) as LegacyWebhook;
    expect(completed.status).toBe("COMPLETE");
  });

  it("also come as URLSearchParams or as an object a framework parsed", () => {
    const params = new URLSearchParams(fixtureText("legacy", "v1-approved").trim());
    const fromParams = parseWebhook(params) as LegacyWebhook;
    const fromObject = parseWebhook(Object.fromEntries(params)) as LegacyWebhook;
    expect(fromParams.transaction).toBe("HP30000000000001");
    expect(fromObject).toEqual(fromParams);
  });
});

describe("bodies that are not events", () => {
  const cases: Array<[string, string, string | undefined, string]> = [
    ["not JSON", "{ nope", "application/json", "invalid_json"],
    ["an array", "[1,2]", "application/json", "invalid_envelope"],
    ["no event", '{"id":"x","creation_date":1,"data":{}}', "application/json", "invalid_envelope"],
    [
      "data not an object",
      '{"id":"x","creation_date":1,"event":"SWITCH_PLAN","data":[]}',
      undefined,
      "invalid_envelope",
    ],
    ["no id", '{"creation_date":1,"event":"SWITCH_PLAN","data":{}}', undefined, "invalid_envelope"],
    ["no creation date", '{"id":"x","event":"SWITCH_PLAN","data":{}}', undefined, "invalid_envelope"],
    ["plain text", "hello", undefined, "invalid_envelope"],
  ];

  it.each(cases)("%s → WebhookPayloadError 400 (%s)", (_label, body, contentType, reason) => {
    const error = catchError(() => parseWebhook(body, { contentType }));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toMatchObject({ status: 400, reason });
  });

  it("a content type Hotmart never sends → 415", () => {
    const error = catchError(() => parseWebhook("{}", { contentType: "text/plain" }));
    expect(error).toMatchObject({ status: 415, reason: "unsupported_media_type" });
  });

  it("the error never quotes the body (it holds personal data)", () => {
    const error = catchError(() =>
      parseWebhook('{"buyer":"carla@example.com", broken', { contentType: "application/json" }),
    ) as WebhookPayloadError;
    expect(error.message).not.toContain("carla");
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain("carla");
  });
});

describe("normalisers keep unknown values", () => {
  it.each([
    ["COMPLETED", "COMPLETE"],
    ["CANCELED", "CANCELLED"],
    ["BILLET_PRINTED", "PRINTED_BILLET"],
    ["PROTESTED", "DISPUTE"],
    ["UNDER_ANALYSIS", "UNDER_ANALISYS"],
    ["approved", "APPROVED"],
    ["completed", "COMPLETE"],
    ["APPROVED", "APPROVED"],
    ["SOMETHING_NEW", "SOMETHING_NEW"],
  ])("purchase status %s → %s", (raw, normal) => {
    expect(normalizePurchaseStatus(raw)).toBe(normal);
  });

  it.each([
    ["CANCELED_BY_VENDOR", "CANCELLED_BY_SELLER"],
    ["CANCELED_BY_CUSTOMER", "CANCELLED_BY_CUSTOMER"],
    ["CANCELED_BY_ADMIN", "CANCELLED_BY_ADMIN"],
    ["CANCELLED_BY_SELLER", "CANCELLED_BY_SELLER"],
    ["PAST_DUE", "DELAYED"],
    ["EXPIRED", "EXPIRED"],
    ["FROZEN", "FROZEN"],
  ])("subscription status %s → %s", (raw, normal) => {
    expect(normalizeSubscriptionStatus(raw)).toBe(normal);
  });

  it("payment type and dates", () => {
    expect(normalizePaymentType("CASHPAYMENT")).toBe("CASH_PAYMENT");
    expect(normalizePaymentType("PIX")).toBe("PIX");
    expect(webhookDateToMs(1718000000000)).toBe(1718000000000);
    expect(webhookDateToMs("1718000000000")).toBe(1718000000000);
    expect(webhookDateToMs("2024-07-01T12:00:00.000Z")).toBe(Date.UTC(2024, 6, 1, 12));
    expect(webhookDateToMs("not a date")).toBeUndefined();
    expect(webhookDateToMs(undefined)).toBeUndefined();
  });

  it("reads a webhook's date the same on every machine: a date-time without a zone is Brasília time", () => {
    // Date.parse read these in the process's zone: 12:00 UTC on a server, 15:00 UTC on a laptop in São Paulo.
    const brt = Date.UTC(2024, 6, 10, 15);
    expect(webhookDateToMs("2024-07-10 12:00:00")).toBe(brt);
    expect(webhookDateToMs("2024-07-10T12:00")).toBe(brt);
    expect(webhookDateToMs("2024-07-10T12:00:00.000-0300")).toBe(brt);
    expect(webhookDateToMs("2024-07-10 15:00:00Z")).toBe(brt);
    expect(webhookDateToMs(" 2024-07-10 ")).toBe(Date.UTC(2024, 6, 10));
    // What Date.parse read month first, in the machine's zone (10 July at local midnight), is unreadable.
    expect(webhookDateToMs("07/10/2024")).toBeUndefined();
    const event = parseWebhook(
      JSON.stringify({
        id: "tz-1",
        creation_date: 1720612800000,
        event: "SUBSCRIPTION_CANCELLATION",
        version: "2.0.0",
        data: { date_next_charge: "2024-07-10 12:00:00", cancellation_date: "2024-06-10T09:00:00" },
      }),
    ) as { data: { date_next_charge: unknown; cancellation_date: unknown } };
    expect(event.data.date_next_charge).toBe(brt);
    expect(event.data.cancellation_date).toBe(Date.UTC(2024, 5, 10, 12));
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
