/**
 * Webhook (postback) v2.0.0 event types, as `parseWebhook` returns them (docs/api-notes.md §9).
 *
 * Field names are the wire names. The parser normalises the drifts real traffic shows (see
 * `parse.ts`), so these types describe the normalised event: dates documented as epoch ms are numbers,
 * numeric ids are numbers, status spellings are the documented ones, `creation_date` is always set.
 * Fields the types do not name are kept at runtime.
 *
 * These are type aliases rather than interfaces on purpose: `hotmart/schemas` infers the same shapes
 * from zod, and the two are checked against each other at compile time.
 */
import type { EpochMs, OpenEnum } from "../core/types";
import type { CommissionSource, PaymentType } from "../resources/enums";

/** Every v2 event Hotmart sends (§9.4). Note `PURCHASE_CANCELED` (one L) and `SUBSCRIPTION_CANCELLATION` (two). */
export const WEBHOOK_EVENT_NAMES = [
  "PURCHASE_APPROVED",
  "PURCHASE_COMPLETE",
  "PURCHASE_CANCELED",
  "PURCHASE_REFUNDED",
  "PURCHASE_CHARGEBACK",
  "PURCHASE_BILLET_PRINTED",
  "PURCHASE_PROTEST",
  "PURCHASE_EXPIRED",
  "PURCHASE_DELAYED",
  "PURCHASE_OUT_OF_SHOPPING_CART",
  "SUBSCRIPTION_CANCELLATION",
  "SWITCH_PLAN",
  "UPDATE_SUBSCRIPTION_CHARGE_DATE",
  "CLUB_FIRST_ACCESS",
  "CLUB_MODULE_COMPLETED",
  "ORDER_FULFILLMENT",
] as const;

/** The nine purchase events, which share one `data` shape (§9.5). */
export const WEBHOOK_PURCHASE_EVENT_NAMES = [
  "PURCHASE_APPROVED",
  "PURCHASE_COMPLETE",
  "PURCHASE_CANCELED",
  "PURCHASE_REFUNDED",
  "PURCHASE_CHARGEBACK",
  "PURCHASE_BILLET_PRINTED",
  "PURCHASE_PROTEST",
  "PURCHASE_EXPIRED",
  "PURCHASE_DELAYED",
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];
export type WebhookPurchaseEventName = (typeof WEBHOOK_PURCHASE_EVENT_NAMES)[number];

// ---------------------------------------------------------------------------------------------------
// Enums (open: the documented values autocomplete, new values still type-check). §10.
// ---------------------------------------------------------------------------------------------------

/**
 * `data.purchase.status` after normalisation: the documented webhook spellings, plus `DELAYED`
 * (observed, undocumented). Real traffic sends `COMPLETED`, `CANCELED`, `BILLET_PRINTED`; the parser
 * maps them to `COMPLETE`, `CANCELLED`, `PRINTED_BILLET` (see `normalizePurchaseStatus`).
 */
export type WebhookPurchaseStatus = OpenEnum<
  | "APPROVED"
  | "BLOCKED"
  | "CANCELLED"
  | "CHARGEBACK"
  | "COMPLETE"
  | "DELAYED"
  | "DISPUTE"
  | "EXPIRED"
  | "NO_FUNDS"
  | "OVERDUE"
  | "PARTIALLY_REFUNDED"
  | "PRE_ORDER"
  | "PRINTED_BILLET"
  | "PROCESSING_TRANSACTION"
  | "REFUNDED"
  | "STARTED"
  | "UNDER_ANALISYS"
  | "WAITING_PAYMENT"
>;

/**
 * Subscription status after normalisation: the REST / purchase-webhook spellings. `SWITCH_PLAN` and
 * `UPDATE_SUBSCRIPTION_CHARGE_DATE` send `CANCELED_BY_CUSTOMER` / `CANCELED_BY_VENDOR` /
 * `CANCELED_BY_ADMIN` and the tutorial names `PAST_DUE`; the parser maps them (see
 * `normalizeSubscriptionStatus`).
 */
export type WebhookSubscriptionStatus = OpenEnum<
  | "ACTIVE"
  | "INACTIVE"
  | "DELAYED"
  | "STARTED"
  | "OVERDUE"
  | "EXPIRED"
  | "CANCELLED_BY_CUSTOMER"
  | "CANCELLED_BY_SELLER"
  | "CANCELLED_BY_ADMIN"
>;

/** `data.purchase.payment.type` after normalisation (`CASHPAYMENT` becomes `CASH_PAYMENT`): the REST values. §10.4. */
export type WebhookPaymentType = PaymentType;

/** `MARKETPLACE` is Hotmart's own cut: in every real capture, missing from the docs' table. */
export type WebhookCommissionSource = CommissionSource;
export type WebhookDocumentType = OpenEnum<"CPF" | "CNPJ" | "DNI" | "CIF" | "DOCUMENT">;
/** R: Hotmart invoices the buyer; A: the producer via Hotmart's foreign entity; I: via its Brazilian entity. */
export type WebhookBusinessModel = OpenEnum<"R" | "A" | "I">;
export type WebhookInvoiceBy = OpenEnum<"HOTMART" | "SELLER">;
export type WebhookLegalNature = OpenEnum<"Pessoa Física" | "Pessoa Jurídica">;
export type WebhookShippingType = OpenEnum<"FLAT_RATE" | "FREE_SHIPPING" | "FIXED_PRICE">;
export type WebhookFulfillmentServiceType = OpenEnum<"MANUAL" | "PARTNER">;

// ---------------------------------------------------------------------------------------------------
// Envelope (§9.4)
// ---------------------------------------------------------------------------------------------------

/** What every v2 event carries around its `data`. */
export type WebhookEnvelope<Name extends string, Data> = {
  /** Unique event id (a UUID in real traffic): the key to process each event once. */
  id: string;
  /**
   * When Hotmart created the event, epoch ms. Real `CLUB_FIRST_ACCESS` events send `creationDate`
   * instead; the parser copies it here (and leaves `creationDate` in place).
   */
  creation_date: EpochMs;
  event: Name;
  /** `"2.0.0"`. */
  version: string;
  data: Data;
  /**
   * Some payloads repeat the account's hottok in the body (§9.2). It is a secret: do not store or log
   * it (the SDK's own logs mask it).
   */
  hottok?: string | undefined;
};

// ---------------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------------

/** Webhook money: note `currency_value` (REST says `currency_code`; a `currency_code` is copied here). */
export type WebhookMoney = {
  value: number;
  /** ISO-4217, e.g. `BRL`. */
  currency_value: string;
};

export type WebhookNamedProduct = {
  id: number;
  name: string;
};

export type WebhookPlanRef = {
  id: number;
  name: string;
};

// ---------------------------------------------------------------------------------------------------
// Purchase events (§9.5)
// ---------------------------------------------------------------------------------------------------

export type WebhookPurchaseProduct = {
  /** Numeric even when Hotmart sends it as a string. */
  id: number;
  /** UUID: the recommended key for products. */
  ucode: string;
  /** For Club products this may be the members-area name. */
  name: string;
  has_co_production: boolean;
  /** End of the refund window, ISO-8601 (`2025-05-06T00:00:00Z`): the one ISO date here, as documented. */
  warranty_date?: string | undefined;
  support_email?: string | undefined;
  is_physical_product?: boolean | undefined;
  /** Bundles only. */
  content?:
    | {
        has_physical_products?: boolean | undefined;
        products?:
          | Array<{
              id: number;
              ucode?: string | undefined;
              name?: string | undefined;
              is_physical_product?: boolean | undefined;
            }>
          | undefined;
      }
    | undefined;
};

/**
 * Real traffic always sends `affiliates`, with one `{ affiliate_code: "", name: "" }` element when there
 * is no affiliate. `webhookAffiliates(event)` gives only the real ones.
 */
export type WebhookAffiliate = {
  affiliate_code: string;
  name: string;
};

export type WebhookBuyerAddress = {
  /** ISO-3166 alpha-2. */
  country_iso?: string | undefined;
  country?: string | undefined;
  zipcode?: string | undefined;
  state?: string | undefined;
  city?: string | undefined;
  neighborhood?: string | undefined;
  address?: string | undefined;
  /** The docs' text names `street`; the example uses `address`. */
  street?: string | undefined;
  complement?: string | undefined;
  number?: string | undefined;
};

/** Only `email` is reliable: 2023 payloads send `email`, `name`, `checkout_phone` and nothing else. */
export type WebhookBuyer = {
  email: string;
  name?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  /** Includes the country code for international buyers. */
  checkout_phone?: string | undefined;
  /** Area code (DDD) for Brazilian buyers. */
  checkout_phone_code?: string | undefined;
  document?: string | undefined;
  document_type?: WebhookDocumentType | undefined;
  address?: WebhookBuyerAddress | undefined;
  /** Registered phone (seen only in some production notes); prefer `checkout_phone`. */
  phone?: string | undefined;
};

export type WebhookProducer = {
  name: string;
  document?: string | undefined;
  legal_nature?: WebhookLegalNature | undefined;
};

export type WebhookCommission = {
  value: number;
  source: WebhookCommissionSource;
  currency_value: string;
  /** Only when the commission was converted (never seen in real captures). */
  currency_conversion?:
    | {
        converted_value: number;
        converted_to_currency: string;
        conversion_rate: number;
      }
    | undefined;
};

export type WebhookPurchasePayment = {
  type: WebhookPaymentType;
  installments_number: number;
  billet_barcode?: string | undefined;
  billet_url?: string | undefined;
  pix_code?: string | undefined;
  /** URL of the QR code image. */
  pix_qrcode?: string | undefined;
  pix_expiration_date?: EpochMs | undefined;
  /** Free text, often Portuguese ("Saldo insuficiente."): not an enum. */
  refusal_reason?: string | undefined;
};

export type WebhookPurchase = {
  /** Absent on BILLET_PRINTED, CANCELED, DELAYED and EXPIRED; `null` in some test payloads. */
  approved_date?: EpochMs | null | undefined;
  /** Total paid, interest and fees included. */
  full_price: WebhookMoney;
  /** Main offer price; its currency can differ from `price` for international sales. */
  original_offer_price: WebhookMoney;
  price: WebhookMoney;
  offer: {
    code: string;
    coupon_code?: string | undefined;
    name?: string | undefined;
    description?: string | undefined;
  };
  /** 1 for the first payment of a subscription, 2+ for renewals (2025 payloads on). */
  recurrence_number?: number | undefined;
  /** An early renewal bought ahead of the charge date. */
  subscription_anticipation_purchase?: boolean | undefined;
  /** Tracking parameters of the checkout link; often missing. `xcode` (a reported spelling) is copied to `xcod`. */
  origin?:
    | {
        src?: string | undefined;
        sck?: string | undefined;
        xcod?: string | undefined;
      }
    | undefined;
  /** `iso` `"NA"` is Namibia, not "n/a". */
  checkout_country: { name: string; iso: string };
  order_bump: {
    is_order_bump: boolean;
    /** Empty while `is_order_bump` is true: this purchase is the parent. */
    parent_purchase_transaction?: string | undefined;
  };
  /** Epoch ms (the docs say string; real traffic is a number; strings are converted). For subscriptions: this renewal's order. */
  order_date: EpochMs;
  /** Subscriptions: the next charge, i.e. the end of the period this payment covers. */
  date_next_charge?: EpochMs | undefined;
  status: WebhookPurchaseStatus;
  /** `HP...`: the key to reconcile with the REST sales reports. */
  transaction: string;
  payment: WebhookPurchasePayment;
  invoice_by?: WebhookInvoiceBy | undefined;
  is_funnel?: boolean | undefined;
  event_tickets?: { amount: number } | undefined;
  business_model?: WebhookBusinessModel | undefined;
  /** Physical products with variants. */
  variants?:
    | {
        sku?: string | undefined;
        attributes?: Array<{ name: string; value: string }> | undefined;
      }
    | undefined;
  /** Undocumented; seen in 2023 captures only. */
  buyer_ip?: string | undefined;
};

export type WebhookPurchaseSubscription = {
  status: WebhookSubscriptionStatus;
  /** Missing in 2023 captures. */
  plan?: WebhookPlanRef | undefined;
  /** `subscriber.code` is the `subscriber_code` of the REST API. */
  subscriber: { code: string };
};

/** Physical products only. */
export type WebhookPurchaseShipping = {
  /** 0 is free shipping. */
  cost?: WebhookMoney | undefined;
  estimated_delivery_days?: number | undefined;
  carrier?: { name?: string | undefined; service?: string | undefined } | undefined;
  /** `MANUAL`, or the print-on-demand partner's name. */
  fulfillment?: { service?: string | undefined } | undefined;
};

/** The `data` of the nine purchase events (producer view). */
export type WebhookPurchaseData = {
  product: WebhookPurchaseProduct;
  affiliates: WebhookAffiliate[];
  /** Refund, chargeback and cancel events may lack the buyer (production observation). */
  buyer?: WebhookBuyer | undefined;
  producer: WebhookProducer;
  commissions: WebhookCommission[];
  purchase: WebhookPurchase;
  /** Subscription products only. */
  subscription?: WebhookPurchaseSubscription | undefined;
  shipping?: WebhookPurchaseShipping | undefined;
};

export type WebhookPurchaseEventOf<Name extends WebhookPurchaseEventName> = WebhookEnvelope<
  Name,
  WebhookPurchaseData
>;

/** Paid. Grant access. */
export type WebhookPurchaseApprovedEvent = WebhookPurchaseEventOf<"PURCHASE_APPROVED">;
/** Paid and past the refund window (`status` `COMPLETE`; real traffic says `COMPLETED`). */
export type WebhookPurchaseCompleteEvent = WebhookPurchaseEventOf<"PURCHASE_COMPLETE">;
/** The payment failed or was cancelled (`status` `CANCELLED`; real traffic says `CANCELED`). */
export type WebhookPurchaseCanceledEvent = WebhookPurchaseEventOf<"PURCHASE_CANCELED">;
export type WebhookPurchaseRefundedEvent = WebhookPurchaseEventOf<"PURCHASE_REFUNDED">;
export type WebhookPurchaseChargebackEvent = WebhookPurchaseEventOf<"PURCHASE_CHARGEBACK">;
/** A boleto or a Pix code was generated and awaits payment ("awaiting payment" in the panel). */
export type WebhookPurchaseBilletPrintedEvent = WebhookPurchaseEventOf<"PURCHASE_BILLET_PRINTED">;
/** The buyer asked for a refund (`status` `DISPUTE`); a `PURCHASE_REFUNDED` follows if it is granted. */
export type WebhookPurchaseProtestEvent = WebhookPurchaseEventOf<"PURCHASE_PROTEST">;
/** A boleto or Pix code was not paid in time. */
export type WebhookPurchaseExpiredEvent = WebhookPurchaseEventOf<"PURCHASE_EXPIRED">;
/** A subscription renewal (2nd+ recurrence) is unpaid; Hotmart keeps trying. */
export type WebhookPurchaseDelayedEvent = WebhookPurchaseEventOf<"PURCHASE_DELAYED">;

export type WebhookPurchaseEvent =
  | WebhookPurchaseApprovedEvent
  | WebhookPurchaseCompleteEvent
  | WebhookPurchaseCanceledEvent
  | WebhookPurchaseRefundedEvent
  | WebhookPurchaseChargebackEvent
  | WebhookPurchaseBilletPrintedEvent
  | WebhookPurchaseProtestEvent
  | WebhookPurchaseExpiredEvent
  | WebhookPurchaseDelayedEvent;

// ---------------------------------------------------------------------------------------------------
// PURCHASE_OUT_OF_SHOPPING_CART (§9.6)
// ---------------------------------------------------------------------------------------------------

export type WebhookCartAbandonmentData = {
  /** The lead came through an affiliate. */
  affiliate?: boolean | undefined;
  product: WebhookNamedProduct;
  /** Only what the lead typed: a name and/or an e-mail. */
  buyer: {
    name?: string | undefined;
    email?: string | undefined;
    phone?: string | undefined;
  };
  /** The main offer of the checkout page. */
  offer?: { code: string } | undefined;
  checkout_country?: { name: string; iso: string } | undefined;
};

/** A visitor started the checkout and left (checked every 30 minutes). */
export type WebhookPurchaseOutOfShoppingCartEvent = WebhookEnvelope<
  "PURCHASE_OUT_OF_SHOPPING_CART",
  WebhookCartAbandonmentData
>;

// ---------------------------------------------------------------------------------------------------
// SUBSCRIPTION_CANCELLATION (§9.7)
// ---------------------------------------------------------------------------------------------------

export type WebhookSubscriptionCancellationData = {
  /** Value of the last processed recurrence. */
  actual_recurrence_value?: number | undefined;
  cancellation_date: EpochMs;
  /** The next charge had it not been cancelled: the end of the paid access. */
  date_next_charge: EpochMs;
  product: WebhookNamedProduct;
  subscriber: {
    code: string;
    name?: string | undefined;
    email?: string | undefined;
    /** camelCase keys, as documented; absent in every real capture. */
    phone?:
      | {
          dddPhone?: string | undefined;
          phone?: string | undefined;
          dddCell?: string | undefined;
          cell?: string | undefined;
        }
      | undefined;
  };
  subscription: {
    /** The `subscription_id` of the REST API. */
    id: number;
    plan?: WebhookPlanRef | undefined;
  };
};

/** Sent on the day of cancellation. No purchase or transaction: reconcile by `subscriber.code`. */
export type WebhookSubscriptionCancellationEvent = WebhookEnvelope<
  "SUBSCRIPTION_CANCELLATION",
  WebhookSubscriptionCancellationData
>;

// ---------------------------------------------------------------------------------------------------
// SWITCH_PLAN (§9.8)
// ---------------------------------------------------------------------------------------------------

export type WebhookSwitchPlanData = {
  switch_plan_date: EpochMs;
  subscription: {
    /** Flat here (purchase events use `subscriber.code`). */
    subscriber_code: string;
    status: WebhookSubscriptionStatus;
    date_next_charge?: EpochMs | undefined;
    product: WebhookNamedProduct;
    user: { email: string };
  };
  /** Normally two: `current: true` is the new plan, `false` the previous one. */
  plans: Array<{
    id: number;
    name: string;
    /** `key`, not `code`, here. */
    offer?: { key: string } | undefined;
    current: boolean;
  }>;
};

export type WebhookSwitchPlanEvent = WebhookEnvelope<"SWITCH_PLAN", WebhookSwitchPlanData>;

// ---------------------------------------------------------------------------------------------------
// UPDATE_SUBSCRIPTION_CHARGE_DATE (§9.9)
// ---------------------------------------------------------------------------------------------------

export type WebhookChargeDateChangeData = {
  subscriber: {
    code: string;
    name?: string | undefined;
    email?: string | undefined;
  };
  subscription: {
    product?: WebhookNamedProduct | undefined;
    old_charge_day?: number | undefined;
    new_charge_day?: number | undefined;
    /**
     * ISO-8601 (`2024-07-01T12:00:00.000Z`), as documented: the only ISO date among webhook date
     * fields. A number is converted to ISO so the type holds; `webhookNextChargeDate(event)` gives
     * epoch ms.
     */
    date_next_charge?: string | undefined;
    status?: WebhookSubscriptionStatus | undefined;
  };
  plan?:
    | {
        id: number;
        name: string;
        /** `code` here (SWITCH_PLAN uses `key`). */
        offer?: { code: string } | undefined;
      }
    | undefined;
};

/** The subscriber changed the charge day (including through `subscriptions.changeDueDay`). */
export type WebhookUpdateSubscriptionChargeDateEvent = WebhookEnvelope<
  "UPDATE_SUBSCRIPTION_CHARGE_DATE",
  WebhookChargeDateChangeData
>;

// ---------------------------------------------------------------------------------------------------
// Club (§9.10, §9.11)
// ---------------------------------------------------------------------------------------------------

export type WebhookClubUser = {
  name?: string | undefined;
  email: string;
};

export type WebhookClubFirstAccessData = {
  product: WebhookNamedProduct;
  user: WebhookClubUser;
};

/** A student's first access to a course. */
export type WebhookClubFirstAccessEvent = WebhookEnvelope<"CLUB_FIRST_ACCESS", WebhookClubFirstAccessData>;

export type WebhookClubModuleCompletedData = {
  /** `product.id` arrives as a string in real traffic; it is a number here. */
  product: WebhookNamedProduct;
  user: WebhookClubUser;
  module: {
    /** The `module_id` of the Club API. */
    id: string;
    name?: string | undefined;
  };
};

export type WebhookClubModuleCompletedEvent = WebhookEnvelope<
  "CLUB_MODULE_COMPLETED",
  WebhookClubModuleCompletedData
>;

// ---------------------------------------------------------------------------------------------------
// ORDER_FULFILLMENT (§9.12): no real capture exists, so everything beyond the keys is lenient.
// ---------------------------------------------------------------------------------------------------

export type WebhookFulfillmentAddress = {
  address?: string | undefined;
  number?: string | undefined;
  complement?: string | undefined;
  neighborhood?: string | undefined;
  city?: string | undefined;
  state?: string | undefined;
  zip_code?: string | undefined;
  country?: string | undefined;
};

export type WebhookFulfillmentPerson = {
  country?: string | undefined;
  phone?: string | undefined;
  document?: string | undefined;
  name?: string | undefined;
  /** e.g. `America/Sao_Paulo`. */
  time_zone?: string | undefined;
  /** e.g. `pt_BR`. */
  locale?: string | undefined;
  ucode?: string | undefined;
  email?: string | undefined;
  address?: WebhookFulfillmentAddress | undefined;
};

export type WebhookFulfillmentLineItem = {
  offer?: { price?: WebhookMoney | undefined; code?: string | undefined } | undefined;
  product: {
    id: number;
    name?: string | undefined;
    /** `PHYSICAL`. */
    format?: OpenEnum<"PHYSICAL"> | undefined;
    support_email?: string | undefined;
    ucode?: string | undefined;
    seller?:
      | {
          name?: string | undefined;
          email?: string | undefined;
          ucode?: string | undefined;
          locale?: string | undefined;
        }
      | undefined;
  };
  quantity: number;
  variant?:
    | {
        name?: string | undefined;
        id?: string | undefined;
        sku?: string | undefined;
        attributes?: Array<{ name: string; value: string }> | undefined;
      }
    | undefined;
  /** Centimetres, and `weight` in kilograms. */
  dimension?:
    | {
        depth?: number | undefined;
        width?: number | undefined;
        height?: number | undefined;
        weight?: number | undefined;
      }
    | undefined;
};

export type WebhookOrderFulfillmentData = {
  purchase: {
    full_price?: WebhookMoney | undefined;
    price?: WebhookMoney | undefined;
    approved_date?: EpochMs | undefined;
    order_date?: EpochMs | undefined;
    id?: number | undefined;
    transaction: string;
    /** Always `APPROVED`. */
    status: WebhookPurchaseStatus;
    /** Who receives the goods. */
    shopper?: WebhookFulfillmentPerson | undefined;
  };
  line_items: WebhookFulfillmentLineItem[];
  delivery?:
    | {
        /** Extra handling days. */
        shipping_processing_time?: number | undefined;
        /** e.g. `SHIPPING`. */
        method_type?: string | undefined;
        /** Business days. */
        delivery_time?: number | undefined;
        destination?: WebhookFulfillmentAddress | undefined;
      }
    | undefined;
  shipping?:
    | {
        /** 0 is free shipping. */
        shipping_total_value?: WebhookMoney | undefined;
        carrier?: { name?: string | undefined; code?: string | undefined } | undefined;
        shipping_logistics_time?: number | undefined;
        carrier_options?: { service?: string | undefined; code?: string | undefined } | undefined;
        type?: WebhookShippingType | undefined;
        estimate_shipping_cost?: WebhookMoney | undefined;
        shipping_markup_price?: WebhookMoney | undefined;
      }
    | undefined;
  fulfillment_service?:
    | {
        service_type: WebhookFulfillmentServiceType;
        /** Only when `PARTNER`. */
        service_name?: string | undefined;
      }
    | undefined;
  /** Who paid; may differ from the shopper. */
  billing?: WebhookFulfillmentPerson | undefined;
};

/** An approved physical-product purchase produced logistics data. */
export type WebhookOrderFulfillmentEvent = WebhookEnvelope<"ORDER_FULFILLMENT", WebhookOrderFulfillmentData>;

// ---------------------------------------------------------------------------------------------------
// The union
// ---------------------------------------------------------------------------------------------------

/**
 * Every v2 event, discriminated on `event`:
 *
 * ```ts
 * switch (event.event) {
 *   case "PURCHASE_APPROVED": event.data.purchase.transaction; break;
 *   case "SUBSCRIPTION_CANCELLATION": event.data.subscriber.code; break;
 * }
 * ```
 *
 * An event name Hotmart adds later still parses (its `data` is kept as received) but is outside this
 * union; `isKnownWebhookEvent(event)` tells them apart.
 */
export type HotmartWebhookEvent =
  | WebhookPurchaseEvent
  | WebhookPurchaseOutOfShoppingCartEvent
  | WebhookSubscriptionCancellationEvent
  | WebhookSwitchPlanEvent
  | WebhookUpdateSubscriptionChargeDateEvent
  | WebhookClubFirstAccessEvent
  | WebhookClubModuleCompletedEvent
  | WebhookOrderFulfillmentEvent;

/** The event type for one event name: `WebhookEventOf<"SWITCH_PLAN">`. */
export type WebhookEventOf<Name extends WebhookEventName> = Extract<HotmartWebhookEvent, { event: Name }>;

// ---------------------------------------------------------------------------------------------------
// Legacy 1.0.0 (§9.1): form-encoded, undocumented, lowercase statuses.
// ---------------------------------------------------------------------------------------------------

/**
 * A legacy (version 1.0.0) postback: `application/x-www-form-urlencoded`, never documented. The
 * fields integrations rely on are lifted out and typed; `fields` holds every field exactly as posted
 * (the raw, lowercase `status` included).
 */
export type LegacyWebhook = {
  /** Not on the wire: tells a legacy postback from a v2 event (`isLegacyWebhook`). */
  legacy: true;
  /** The posted `version` field, else `"1.0.0"`. */
  version: string;
  hottok?: string | undefined;
  transaction?: string | undefined;
  /** Normalised: `approved` becomes `APPROVED`, `completed` becomes `COMPLETE`, and so on. */
  status?: WebhookPurchaseStatus | undefined;
  /** Product id (`prod`), numeric. Hotmart's v1 test product was 1439. */
  prod?: number | undefined;
  prod_name?: string | undefined;
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  name?: string | undefined;
  /** Buyer document. */
  doc?: string | undefined;
  fields: Record<string, string>;
};

/** What `parseWebhook` returns: a v2 event or, for form-encoded posts, a legacy postback. */
export type WebhookPayload = HotmartWebhookEvent | LegacyWebhook;
