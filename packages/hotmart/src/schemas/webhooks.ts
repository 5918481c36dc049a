/**
 * zod schemas of every webhook event (docs/api-notes.md §9), for `hotmart/schemas`.
 *
 * Each event schema first normalises its input exactly as `parseWebhook` does (the spelling drifts of
 * §9.13: `COMPLETED`, `creationDate`, ids as strings, ISO dates, ...), then validates the documented
 * shape, keeping unknown fields (`looseObject`). So `schema.parse(JSON.parse(body))` returns the same
 * value `parseWebhook(body)` does, validated; `z.infer<typeof schema>` is checked against the public
 * TypeScript type at compile time (test/webhooks/schemas.test-d.ts).
 *
 * Validation is strict about what the docs mark "always"; real payloads sometimes drift, so prefer
 * `safeParse` and log rather than reject a delivery (a non-2xx makes Hotmart re-send, then disable).
 */
import { z } from "zod";
import { normalizeLegacyWebhookInput, normalizeWebhookInput } from "../webhooks/parse";

const str = z.string();
const num = z.number();
const bool = z.boolean();
const optStr = str.optional();
const optNum = num.optional();
const optBool = bool.optional();

// ---------------------------------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------------------------------

/**
 * `WebhookMoney`: webhook money, `{ value, currency_value }`: an amount in currency units (not cents) and its
 * ISO-4217 code.
 */
export const WebhookMoneySchema = z.looseObject({ value: num, currency_value: str });
/**
 * `WebhookNamedProduct`: `{ id, name }` of a product in the non-purchase events; `id` is Hotmart's numeric
 * product id.
 */
export const WebhookNamedProductSchema = z.looseObject({ id: num, name: str });
/** `WebhookPlanRef`: `{ id, name }` of a subscription plan; `id` is the `plan_id` of the REST API. */
export const WebhookPlanRefSchema = z.looseObject({ id: num, name: str });

/**
 * The type of an event's schema before normalisation: the envelope (`id`, `creation_date`, `event`,
 * `version`, `hottok`) around its `data`. Named so the published declarations name it (see
 * {@link WebhookPurchaseEnvelopeSchema}); each `Webhook...EventSchema` is a `z.ZodPreprocess` of one.
 */
export type WebhookEnvelopeSchema<Name extends string, Data extends z.ZodType> = z.ZodObject<
  {
    id: z.ZodString;
    creation_date: z.ZodNumber;
    event: z.ZodLiteral<Name>;
    version: z.ZodString;
    data: Data;
    hottok: z.ZodOptional<z.ZodString>;
  },
  z.core.$loose
>;

/**
 * The type of a purchase event's schema before normalisation: the nine purchase events share one `data`
 * shape. With the type named, the published declarations write that 150-line shape once, not again in
 * each purchase event and in both unions of events (they were 5,000 of schemas.d.ts's 8,500 lines, which
 * a consumer's compiler checks).
 */
export type WebhookPurchaseEnvelopeSchema<Name extends string> = WebhookEnvelopeSchema<
  Name,
  typeof WebhookPurchaseDataSchema
>;

function envelope<const Name extends string, Data extends z.ZodType>(
  name: Name,
  data: Data,
): WebhookEnvelopeSchema<Name, Data> {
  return z.looseObject({
    id: str,
    creation_date: num,
    event: z.literal(name),
    version: str,
    data,
    hottok: optStr,
  });
}

/** Validates after normalising, like `parseWebhook`. */
function normalized<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(normalizeWebhookInput, schema);
}

// ---------------------------------------------------------------------------------------------------
// Purchase events (§9.5)
// ---------------------------------------------------------------------------------------------------

/**
 * `WebhookPurchaseProduct`: `data.product` of the purchase events (id, ucode, name, co-production, refund
 * window end as ISO, bundle content). Validates an already normalised value (a part of a parsed event); the
 * event schemas normalise raw input first.
 */
export const WebhookPurchaseProductSchema = z.looseObject({
  id: num,
  ucode: str,
  name: str,
  has_co_production: bool,
  warranty_date: optStr,
  support_email: optStr,
  is_physical_product: optBool,
  content: z
    .looseObject({
      has_physical_products: optBool,
      products: z
        .array(z.looseObject({ id: num, ucode: optStr, name: optStr, is_physical_product: optBool }))
        .optional(),
    })
    .optional(),
});

/**
 * `WebhookAffiliate`: one entry of `data.affiliates` (`affiliate_code`, `name`); both are `""` in the
 * placeholder sent when there is no affiliate.
 */
export const WebhookAffiliateSchema = z.looseObject({ affiliate_code: str, name: str });

/** `WebhookBuyerAddress`: `data.buyer.address`, every field an optional string (note `zipcode`). */
export const WebhookBuyerAddressSchema = z.looseObject({
  country_iso: optStr,
  country: optStr,
  zipcode: optStr,
  state: optStr,
  city: optStr,
  neighborhood: optStr,
  address: optStr,
  street: optStr,
  complement: optStr,
  number: optStr,
});

/**
 * `WebhookBuyer`: `data.buyer` of the purchase events; only `email` is required, the rest is often missing in
 * real traffic.
 */
export const WebhookBuyerSchema = z.looseObject({
  email: str,
  name: optStr,
  first_name: optStr,
  last_name: optStr,
  checkout_phone: optStr,
  checkout_phone_code: optStr,
  document: optStr,
  document_type: optStr,
  address: WebhookBuyerAddressSchema.optional(),
  phone: optStr,
});

/**
 * `WebhookProducer`: `data.producer` of the purchase events: `name`, and `document` and `legal_nature` when
 * sent.
 */
export const WebhookProducerSchema = z.looseObject({ name: str, document: optStr, legal_nature: optStr });

/**
 * `WebhookCommission`: one entry of `data.commissions`: `value` in currency units, `source` (`PRODUCER`,
 * `MARKETPLACE`, ...), `currency_value`. Validates an already normalised value (a part of a parsed event);
 * the event schemas normalise raw input first.
 */
export const WebhookCommissionSchema = z.looseObject({
  value: num,
  source: str,
  currency_value: str,
  currency_conversion: z
    .looseObject({ converted_value: num, converted_to_currency: str, conversion_rate: num })
    .optional(),
});

/**
 * `WebhookPurchasePayment`: `data.purchase.payment`: type, instalments, boleto and Pix details
 * (`pix_expiration_date` in epoch ms), refusal reason (free text). Validates an already normalised value (a
 * part of a parsed event); the event schemas normalise raw input first.
 */
export const WebhookPurchasePaymentSchema = z.looseObject({
  type: str,
  installments_number: num,
  billet_barcode: optStr,
  billet_url: optStr,
  pix_code: optStr,
  pix_qrcode: optStr,
  pix_expiration_date: optNum,
  refusal_reason: optStr,
});

/**
 * `WebhookPurchase`: `data.purchase` of the purchase events: transaction, status, prices, offer, payment,
 * dates in epoch ms. Validates an already normalised value (a part of a parsed event); the event schemas
 * normalise raw input first.
 */
export const WebhookPurchaseSchema = z.looseObject({
  approved_date: num.nullable().optional(),
  full_price: WebhookMoneySchema,
  original_offer_price: WebhookMoneySchema,
  price: WebhookMoneySchema,
  offer: z.looseObject({ code: str, coupon_code: optStr, name: optStr, description: optStr }),
  recurrence_number: optNum,
  subscription_anticipation_purchase: optBool,
  origin: z.looseObject({ src: optStr, sck: optStr, xcod: optStr }).optional(),
  checkout_country: z.looseObject({ name: str, iso: str }),
  order_bump: z.looseObject({ is_order_bump: bool, parent_purchase_transaction: optStr }),
  order_date: num,
  date_next_charge: optNum,
  status: str,
  transaction: str,
  payment: WebhookPurchasePaymentSchema,
  invoice_by: optStr,
  is_funnel: optBool,
  event_tickets: z.looseObject({ amount: num }).optional(),
  business_model: optStr,
  variants: z
    .looseObject({ sku: optStr, attributes: z.array(z.looseObject({ name: str, value: str })).optional() })
    .optional(),
  buyer_ip: optStr,
});

/**
 * `WebhookPurchaseSubscription`: `data.subscription` of the purchase events (subscription products only):
 * status, plan, `subscriber.code`. Validates an already normalised value (a part of a parsed event); the
 * event schemas normalise raw input first.
 */
export const WebhookPurchaseSubscriptionSchema = z.looseObject({
  status: str,
  plan: WebhookPlanRefSchema.optional(),
  subscriber: z.looseObject({ code: str }),
});

/**
 * `WebhookPurchaseShipping`: `data.shipping` of the purchase events (physical products only): cost, estimated
 * delivery days, carrier, fulfillment. Validates an already normalised value (a part of a parsed event); the
 * event schemas normalise raw input first.
 */
export const WebhookPurchaseShippingSchema = z.looseObject({
  cost: WebhookMoneySchema.optional(),
  estimated_delivery_days: optNum,
  carrier: z.looseObject({ name: optStr, service: optStr }).optional(),
  fulfillment: z.looseObject({ service: optStr }).optional(),
});

/**
 * `WebhookPurchaseData`: the `data` of the nine purchase events: product, affiliates, buyer, producer,
 * commissions, purchase, subscription, shipping. Validates an already normalised value (a part of a parsed
 * event); the event schemas normalise raw input first.
 */
export const WebhookPurchaseDataSchema = z.looseObject({
  product: WebhookPurchaseProductSchema,
  affiliates: z.array(WebhookAffiliateSchema),
  buyer: WebhookBuyerSchema.optional(),
  producer: WebhookProducerSchema,
  commissions: z.array(WebhookCommissionSchema),
  purchase: WebhookPurchaseSchema,
  subscription: WebhookPurchaseSubscriptionSchema.optional(),
  shipping: WebhookPurchaseShippingSchema.optional(),
});

function purchaseEvent<const Name extends string>(name: Name): WebhookPurchaseEnvelopeSchema<Name> {
  return envelope(name, WebhookPurchaseDataSchema);
}
const PurchaseApproved = purchaseEvent("PURCHASE_APPROVED");
const PurchaseComplete = purchaseEvent("PURCHASE_COMPLETE");
const PurchaseCanceled = purchaseEvent("PURCHASE_CANCELED");
const PurchaseRefunded = purchaseEvent("PURCHASE_REFUNDED");
const PurchaseChargeback = purchaseEvent("PURCHASE_CHARGEBACK");
const PurchaseBilletPrinted = purchaseEvent("PURCHASE_BILLET_PRINTED");
const PurchaseProtest = purchaseEvent("PURCHASE_PROTEST");
const PurchaseExpired = purchaseEvent("PURCHASE_EXPIRED");
const PurchaseDelayed = purchaseEvent("PURCHASE_DELAYED");

// ---------------------------------------------------------------------------------------------------
// Other events (§9.6 – §9.12)
// ---------------------------------------------------------------------------------------------------

/**
 * `WebhookCartAbandonmentData`: the `data` of `PURCHASE_OUT_OF_SHOPPING_CART`: the product, what the lead
 * typed, the checkout's offer and country. Validates an already normalised value (a part of a parsed event);
 * the event schemas normalise raw input first.
 */
export const WebhookCartAbandonmentDataSchema = z.looseObject({
  affiliate: optBool,
  product: WebhookNamedProductSchema,
  buyer: z.looseObject({ name: optStr, email: optStr, phone: optStr }),
  offer: z.looseObject({ code: str }).optional(),
  checkout_country: z.looseObject({ name: str, iso: str }).optional(),
});
const PurchaseOutOfShoppingCart = envelope("PURCHASE_OUT_OF_SHOPPING_CART", WebhookCartAbandonmentDataSchema);

/**
 * `WebhookSubscriptionCancellationData`: the `data` of `SUBSCRIPTION_CANCELLATION`: subscriber, subscription,
 * product, cancellation and next-charge dates (epoch ms). Validates an already normalised value (a part of a
 * parsed event); the event schemas normalise raw input first.
 */
export const WebhookSubscriptionCancellationDataSchema = z.looseObject({
  actual_recurrence_value: optNum,
  cancellation_date: num,
  date_next_charge: num,
  product: WebhookNamedProductSchema,
  subscriber: z.looseObject({
    code: str,
    name: optStr,
    email: optStr,
    phone: z.looseObject({ dddPhone: optStr, phone: optStr, dddCell: optStr, cell: optStr }).optional(),
  }),
  subscription: z.looseObject({ id: num, plan: WebhookPlanRefSchema.optional() }),
});
const SubscriptionCancellation = envelope(
  "SUBSCRIPTION_CANCELLATION",
  WebhookSubscriptionCancellationDataSchema,
);

/**
 * `WebhookSwitchPlanData`: the `data` of `SWITCH_PLAN`: the subscription (flat `subscriber_code`) and the
 * plans, `current: true` marking the new one. Validates an already normalised value (a part of a parsed
 * event); the event schemas normalise raw input first.
 */
export const WebhookSwitchPlanDataSchema = z.looseObject({
  switch_plan_date: num,
  subscription: z.looseObject({
    subscriber_code: str,
    status: str,
    date_next_charge: optNum,
    product: WebhookNamedProductSchema,
    user: z.looseObject({ email: str }),
  }),
  plans: z.array(
    z.looseObject({ id: num, name: str, offer: z.looseObject({ key: str }).optional(), current: bool }),
  ),
});
const SwitchPlan = envelope("SWITCH_PLAN", WebhookSwitchPlanDataSchema);

/**
 * `WebhookChargeDateChangeData`: the `data` of `UPDATE_SUBSCRIPTION_CHARGE_DATE`: subscriber, old and new
 * charge day, next charge as an ISO string, plan. Validates an already normalised value (a part of a parsed
 * event); the event schemas normalise raw input first.
 */
export const WebhookChargeDateChangeDataSchema = z.looseObject({
  subscriber: z.looseObject({ code: str, name: optStr, email: optStr }),
  subscription: z.looseObject({
    product: WebhookNamedProductSchema.optional(),
    old_charge_day: optNum,
    new_charge_day: optNum,
    date_next_charge: optStr,
    status: optStr,
  }),
  plan: z.looseObject({ id: num, name: str, offer: z.looseObject({ code: str }).optional() }).optional(),
});
const UpdateSubscriptionChargeDate = envelope(
  "UPDATE_SUBSCRIPTION_CHARGE_DATE",
  WebhookChargeDateChangeDataSchema,
);

/** `WebhookClubUser`: the student of the Club events: `email` (required) and `name`. */
export const WebhookClubUserSchema = z.looseObject({ name: optStr, email: str });
/**
 * `WebhookClubFirstAccessData`: the `data` of `CLUB_FIRST_ACCESS`: the course (product) and the student.
 * Validates an already normalised value (a part of a parsed event); the event schemas normalise raw input
 * first.
 */
export const WebhookClubFirstAccessDataSchema = z.looseObject({
  product: WebhookNamedProductSchema,
  user: WebhookClubUserSchema,
});
const ClubFirstAccess = envelope("CLUB_FIRST_ACCESS", WebhookClubFirstAccessDataSchema);

/**
 * `WebhookClubModuleCompletedData`: the `data` of `CLUB_MODULE_COMPLETED`: the course, the student and the
 * module (`id` is the Club `module_id`). Validates an already normalised value (a part of a parsed event);
 * the event schemas normalise raw input first.
 */
export const WebhookClubModuleCompletedDataSchema = z.looseObject({
  product: WebhookNamedProductSchema,
  user: WebhookClubUserSchema,
  module: z.looseObject({ id: str, name: optStr }),
});
const ClubModuleCompleted = envelope("CLUB_MODULE_COMPLETED", WebhookClubModuleCompletedDataSchema);

/**
 * `WebhookFulfillmentAddress`: an address of `ORDER_FULFILLMENT`, every field an optional string (note
 * `zip_code`).
 */
export const WebhookFulfillmentAddressSchema = z.looseObject({
  address: optStr,
  number: optStr,
  complement: optStr,
  neighborhood: optStr,
  city: optStr,
  state: optStr,
  zip_code: optStr,
  country: optStr,
});

/** `WebhookFulfillmentPerson`: the shopper or the payer of `ORDER_FULFILLMENT`, every field optional. */
export const WebhookFulfillmentPersonSchema = z.looseObject({
  country: optStr,
  phone: optStr,
  document: optStr,
  name: optStr,
  time_zone: optStr,
  locale: optStr,
  ucode: optStr,
  email: optStr,
  address: WebhookFulfillmentAddressSchema.optional(),
});

/**
 * `WebhookFulfillmentLineItem`: one product of an `ORDER_FULFILLMENT` order: offer, product, quantity,
 * variant, dimensions (cm, kg). Validates an already normalised value (a part of a parsed event); the event
 * schemas normalise raw input first.
 */
export const WebhookFulfillmentLineItemSchema = z.looseObject({
  offer: z.looseObject({ price: WebhookMoneySchema.optional(), code: optStr }).optional(),
  product: z.looseObject({
    id: num,
    name: optStr,
    format: optStr,
    support_email: optStr,
    ucode: optStr,
    seller: z.looseObject({ name: optStr, email: optStr, ucode: optStr, locale: optStr }).optional(),
  }),
  quantity: num,
  variant: z
    .looseObject({
      name: optStr,
      id: optStr,
      sku: optStr,
      attributes: z.array(z.looseObject({ name: str, value: str })).optional(),
    })
    .optional(),
  dimension: z.looseObject({ depth: optNum, width: optNum, height: optNum, weight: optNum }).optional(),
});

/**
 * `WebhookOrderFulfillmentData`: the `data` of `ORDER_FULFILLMENT`: the purchase and shopper, line items,
 * delivery, shipping, fulfillment service, billing. Validates an already normalised value (a part of a parsed
 * event); the event schemas normalise raw input first.
 */
export const WebhookOrderFulfillmentDataSchema = z.looseObject({
  purchase: z.looseObject({
    full_price: WebhookMoneySchema.optional(),
    price: WebhookMoneySchema.optional(),
    approved_date: optNum,
    order_date: optNum,
    id: optNum,
    transaction: str,
    status: str,
    shopper: WebhookFulfillmentPersonSchema.optional(),
  }),
  line_items: z.array(WebhookFulfillmentLineItemSchema),
  delivery: z
    .looseObject({
      shipping_processing_time: optNum,
      method_type: optStr,
      delivery_time: optNum,
      destination: WebhookFulfillmentAddressSchema.optional(),
    })
    .optional(),
  shipping: z
    .looseObject({
      shipping_total_value: WebhookMoneySchema.optional(),
      carrier: z.looseObject({ name: optStr, code: optStr }).optional(),
      shipping_logistics_time: optNum,
      carrier_options: z.looseObject({ service: optStr, code: optStr }).optional(),
      type: optStr,
      estimate_shipping_cost: WebhookMoneySchema.optional(),
      shipping_markup_price: WebhookMoneySchema.optional(),
    })
    .optional(),
  fulfillment_service: z.looseObject({ service_type: str, service_name: optStr }).optional(),
  billing: WebhookFulfillmentPersonSchema.optional(),
});
const OrderFulfillment = envelope("ORDER_FULFILLMENT", WebhookOrderFulfillmentDataSchema);

// ---------------------------------------------------------------------------------------------------
// Public event schemas: normalise, then validate.
// ---------------------------------------------------------------------------------------------------

/**
 * `WebhookPurchaseApprovedEvent`: a `PURCHASE_APPROVED` event (the purchase was paid). Normalises raw input
 * (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseApprovedEventSchema = normalized(PurchaseApproved);
/**
 * `WebhookPurchaseCompleteEvent`: a `PURCHASE_COMPLETE` event (paid, and the refund window is over).
 * Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseCompleteEventSchema = normalized(PurchaseComplete);
/**
 * `WebhookPurchaseCanceledEvent`: a `PURCHASE_CANCELED` event (the payment failed or was cancelled).
 * Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseCanceledEventSchema = normalized(PurchaseCanceled);
/**
 * `WebhookPurchaseRefundedEvent`: a `PURCHASE_REFUNDED` event. Normalises raw input (an object or JSON text)
 * as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseRefundedEventSchema = normalized(PurchaseRefunded);
/**
 * `WebhookPurchaseChargebackEvent`: a `PURCHASE_CHARGEBACK` event. Normalises raw input (an object or JSON
 * text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseChargebackEventSchema = normalized(PurchaseChargeback);
/**
 * `WebhookPurchaseBilletPrintedEvent`: a `PURCHASE_BILLET_PRINTED` event (a boleto or Pix code awaits
 * payment). Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseBilletPrintedEventSchema = normalized(PurchaseBilletPrinted);
/**
 * `WebhookPurchaseProtestEvent`: a `PURCHASE_PROTEST` event (the buyer asked for a refund). Normalises raw
 * input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseProtestEventSchema = normalized(PurchaseProtest);
/**
 * `WebhookPurchaseExpiredEvent`: a `PURCHASE_EXPIRED` event (a boleto or Pix code was not paid in time).
 * Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseExpiredEventSchema = normalized(PurchaseExpired);
/**
 * `WebhookPurchaseDelayedEvent`: a `PURCHASE_DELAYED` event (a subscription renewal is unpaid). Normalises
 * raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseDelayedEventSchema = normalized(PurchaseDelayed);
/**
 * `WebhookPurchaseOutOfShoppingCartEvent`: a `PURCHASE_OUT_OF_SHOPPING_CART` event (cart abandonment).
 * Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookPurchaseOutOfShoppingCartEventSchema = normalized(PurchaseOutOfShoppingCart);
/**
 * `WebhookSubscriptionCancellationEvent`: a `SUBSCRIPTION_CANCELLATION` event. Normalises raw input (an
 * object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookSubscriptionCancellationEventSchema = normalized(SubscriptionCancellation);
/**
 * `WebhookSwitchPlanEvent`: a `SWITCH_PLAN` event (the subscriber changed plans). Normalises raw input (an
 * object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookSwitchPlanEventSchema = normalized(SwitchPlan);
/**
 * `WebhookUpdateSubscriptionChargeDateEvent`: an `UPDATE_SUBSCRIPTION_CHARGE_DATE` event (the charge day
 * changed). Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookUpdateSubscriptionChargeDateEventSchema = normalized(UpdateSubscriptionChargeDate);
/**
 * `WebhookClubFirstAccessEvent`: a `CLUB_FIRST_ACCESS` event (a student's first access to a course); reads
 * `creationDate` too. Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookClubFirstAccessEventSchema = normalized(ClubFirstAccess);
/**
 * `WebhookClubModuleCompletedEvent`: a `CLUB_MODULE_COMPLETED` event (a student completed a module).
 * Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookClubModuleCompletedEventSchema = normalized(ClubModuleCompleted);
/**
 * `WebhookOrderFulfillmentEvent`: an `ORDER_FULFILLMENT` event (an approved physical-product order to ship).
 * Normalises raw input (an object or JSON text) as `parseWebhook` does, then validates.
 */
export const WebhookOrderFulfillmentEventSchema = normalized(OrderFulfillment);

/** The nine purchase events. */
export const WebhookPurchaseEventSchema = normalized(
  z.discriminatedUnion("event", [
    PurchaseApproved,
    PurchaseComplete,
    PurchaseCanceled,
    PurchaseRefunded,
    PurchaseChargeback,
    PurchaseBilletPrinted,
    PurchaseProtest,
    PurchaseExpired,
    PurchaseDelayed,
  ]),
);

/** Any of the 16 events, discriminated on `event`. An unknown event name fails validation. */
export const HotmartWebhookEventSchema = normalized(
  z.discriminatedUnion("event", [
    PurchaseApproved,
    PurchaseComplete,
    PurchaseCanceled,
    PurchaseRefunded,
    PurchaseChargeback,
    PurchaseBilletPrinted,
    PurchaseProtest,
    PurchaseExpired,
    PurchaseDelayed,
    PurchaseOutOfShoppingCart,
    SubscriptionCancellation,
    SwitchPlan,
    UpdateSubscriptionChargeDate,
    ClubFirstAccess,
    ClubModuleCompleted,
    OrderFulfillment,
  ]),
);

/** A legacy v1 postback: accepts the form text, `URLSearchParams`, a parsed form object or a `LegacyWebhook`. */
export const LegacyWebhookSchema = z.preprocess(
  normalizeLegacyWebhookInput,
  z.object({
    legacy: z.literal(true),
    version: str,
    hottok: optStr,
    transaction: optStr,
    status: optStr,
    prod: optNum,
    prod_name: optStr,
    email: optStr,
    first_name: optStr,
    last_name: optStr,
    name: optStr,
    doc: optStr,
    fields: z.record(z.string(), z.string()),
  }),
);
