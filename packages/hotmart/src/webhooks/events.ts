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

/**
 * The name of a v2 event Hotmart sends (one of `WEBHOOK_EVENT_NAMES`): the envelope's `event`, and the keys
 * of a handler's `on` map.
 */
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];
/**
 * The name of one of the nine purchase events (`WEBHOOK_PURCHASE_EVENT_NAMES`), whose `data` is a
 * `WebhookPurchaseData`.
 */
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
/**
 * `data.buyer.document_type`: which document `data.buyer.document` is. `CPF` (individual) or `CNPJ` (company)
 * for Brazil, `DNI` or `CIF` for Spain, `DOCUMENT` elsewhere.
 */
export type WebhookDocumentType = OpenEnum<"CPF" | "CNPJ" | "DNI" | "CIF" | "DOCUMENT">;
/** R: Hotmart invoices the buyer; A: the producer via Hotmart's foreign entity; I: via its Brazilian entity. */
export type WebhookBusinessModel = OpenEnum<"R" | "A" | "I">;
/** `data.purchase.invoice_by`: who issues the invoice, Hotmart or the seller. Sent in 2025 payloads on. */
export type WebhookInvoiceBy = OpenEnum<"HOTMART" | "SELLER">;
/**
 * `data.producer.legal_nature`, for Brazilian producers: an individual (`Pessoa Física`) or a company
 * (`Pessoa Jurídica`). Portuguese strings, accents included.
 */
export type WebhookLegalNature = OpenEnum<"Pessoa Física" | "Pessoa Jurídica">;
/**
 * `data.shipping.type` of `ORDER_FULFILLMENT`: how shipping is priced, `FLAT_RATE`, `FREE_SHIPPING` or
 * `FIXED_PRICE`.
 */
export type WebhookShippingType = OpenEnum<"FLAT_RATE" | "FREE_SHIPPING" | "FIXED_PRICE">;
/**
 * `data.fulfillment_service.service_type` of `ORDER_FULFILLMENT`: `MANUAL`, or `PARTNER` (a fulfillment
 * partner, named in `service_name`).
 */
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
  /**
   * The event name (`PURCHASE_APPROVED`, ...): the discriminant of `HotmartWebhookEvent`, so a `switch` on it
   * narrows `data`.
   */
  event: Name;
  /** `"2.0.0"`. */
  version: string;
  /** The event's payload; its shape depends on `event` (docs/api-notes.md §9.5 to §9.12). */
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
  /**
   * The amount in currency units, not cents (`49.9` is R$ 49,90): a JSON number, integer or decimal. A
   * numeric string is converted.
   */
  value: number;
  /** ISO-4217, e.g. `BRL`. */
  currency_value: string;
};

/** A product as the non-purchase events name it: its numeric id and its name. */
export type WebhookNamedProduct = {
  /**
   * Hotmart's product id, the `product_id` of the REST filters (`sales.history`, coupons). Numeric even when
   * sent as a string.
   */
  id: number;
  /** The product's name as registered in Hotmart. */
  name: string;
};

/** A subscription plan as webhooks name it: its id and its name. */
export type WebhookPlanRef = {
  /** The plan id: the `plan_id` filter of `subscriptions.list`. */
  id: number;
  /** The plan's name as the producer registered it (e.g. `Plano Mensal`). */
  name: string;
};

// ---------------------------------------------------------------------------------------------------
// Purchase events (§9.5)
// ---------------------------------------------------------------------------------------------------

/**
 * `data.product` of the purchase events: the product bought. `id`, `ucode`, `name` and `has_co_production`
 * are always sent.
 */
export type WebhookPurchaseProduct = {
  /** Numeric even when Hotmart sends it as a string. */
  id: number;
  /** UUID: the recommended key for products. */
  ucode: string;
  /** For Club products this may be the members-area name. */
  name: string;
  /** True when the product has co-producers, who then appear in `commissions` as `COPRODUCER`. */
  has_co_production: boolean;
  /**
   * End of the refund window, ISO-8601 (`2025-05-06T00:00:00Z`), as documented and observed: one of the two
   * ISO dates in webhooks, with the charge-date event's `date_next_charge` (docs/api-notes.md §9.5).
   */
  warranty_date?: string | undefined;
  /** The product's support e-mail, as the producer registered it; usually present in 2025 payloads. */
  support_email?: string | undefined;
  /**
   * True for a physical product (shipped goods: see `data.shipping` and the `ORDER_FULFILLMENT` event); often
   * absent.
   */
  is_physical_product?: boolean | undefined;
  /** Bundles only. */
  content?:
    | {
        /** True when the bundle contains at least one physical product. */
        has_physical_products?: boolean | undefined;
        /**
         * The products inside the bundle (id, ucode, name, whether physical); never seen in real captures.
         */
        products?:
          | Array<{
              /** The bundled product's Hotmart id. */
              id: number;
              /** The bundled product's `ucode` (UUID). */
              ucode?: string | undefined;
              /** The bundled product's name. */
              name?: string | undefined;
              /** True when this bundled product is physical. */
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
  /** The affiliate's code at Hotmart; `""` in the placeholder entry sent when there is no affiliate. */
  affiliate_code: string;
  /** The affiliate's name; `""` in the placeholder entry. */
  name: string;
};

/**
 * `data.buyer.address`: sent when the checkout collected an address or the buyer has one registered (2025
 * payloads on). Every field is an optional string.
 */
export type WebhookBuyerAddress = {
  /** ISO-3166 alpha-2. */
  country_iso?: string | undefined;
  /** Country name, as typed or registered (e.g. `Brasil`); `country_iso` has the code. */
  country?: string | undefined;
  /** Postal code (CEP in Brazil), a string. Note `zipcode` here, `zip_code` in `ORDER_FULFILLMENT`. */
  zipcode?: string | undefined;
  /** State or region (e.g. `MG`). */
  state?: string | undefined;
  /** City name. */
  city?: string | undefined;
  /** Neighbourhood (the bairro of Brazilian addresses). */
  neighborhood?: string | undefined;
  /** Street name (the documented example's key; see `street`). */
  address?: string | undefined;
  /** The docs' text names `street`; the example uses `address`. */
  street?: string | undefined;
  /** Apartment, block or other complement, free text. */
  complement?: string | undefined;
  /** Street number, a string. */
  number?: string | undefined;
};

/** Only `email` is reliable: 2023 payloads send `email`, `name`, `checkout_phone` and nothing else. */
export type WebhookBuyer = {
  /**
   * The buyer's e-mail: the one buyer field every payload with a buyer carries, and the key to find their
   * account or grant access.
   */
  email: string;
  /** The buyer's full name. */
  name?: string | undefined;
  /** The buyer's first name; 2025 payloads on. */
  first_name?: string | undefined;
  /** The buyer's last name; 2025 payloads on. */
  last_name?: string | undefined;
  /** Includes the country code for international buyers. */
  checkout_phone?: string | undefined;
  /** Area code (DDD) for Brazilian buyers. */
  checkout_phone_code?: string | undefined;
  /**
   * The buyer's tax document number, when the checkout collected it; `document_type` says which document
   * (CPF, CNPJ, ...).
   */
  document?: string | undefined;
  /** Which document `document` is: `CPF`, `CNPJ`, `DNI`, `CIF` or `DOCUMENT`. */
  document_type?: WebhookDocumentType | undefined;
  /** The buyer's address, when collected at checkout or registered. */
  address?: WebhookBuyerAddress | undefined;
  /** Registered phone (seen only in some production notes); prefer `checkout_phone`. */
  phone?: string | undefined;
};

/** `data.producer` of the purchase events: the seller who owns the product. */
export type WebhookProducer = {
  /** The producer's name (a person or a company). */
  name: string;
  /** The producer's CPF or CNPJ (digits), 2025 payloads on. */
  document?: string | undefined;
  /** `Pessoa Física` or `Pessoa Jurídica`; Brazilian producers only. */
  legal_nature?: WebhookLegalNature | undefined;
};

/**
 * One entry of `data.commissions`: what one party earns from this sale. Real traffic always includes
 * Hotmart's own `MARKETPLACE` entry.
 */
export type WebhookCommission = {
  /** The amount earned, in currency units (not cents) of `currency_value`. */
  value: number;
  /** Who earns it: `PRODUCER`, `COPRODUCER`, `AFFILIATE`, `ADDON`, or `MARKETPLACE` (Hotmart's fee). */
  source: WebhookCommissionSource;
  /** ISO-4217 currency of `value`, e.g. `BRL` (a `currency_code` is copied here). */
  currency_value: string;
  /** Only when the commission was converted (never seen in real captures). */
  currency_conversion?:
    | {
        /** The commission in `converted_to_currency`. */
        converted_value: number;
        /** ISO-4217 currency of `converted_value`. */
        converted_to_currency: string;
        /** The rate applied to convert `value`. */
        conversion_rate: number;
      }
    | undefined;
};

/** `data.purchase.payment`: how the purchase is paid and, for boleto and Pix, what the buyer pays with. */
export type WebhookPurchasePayment = {
  /**
   * The payment type (`PIX`, `BILLET`, `CREDIT_CARD`, ...; docs/api-notes.md §10.4). `paymentKind(event)`
   * folds it into pix, boleto, card, paypal or other.
   */
  type: WebhookPaymentType;
  /** Number of instalments the buyer chose; 1 for a single payment. */
  installments_number: number;
  /** The boleto's barcode number; boleto payments only. */
  billet_barcode?: string | undefined;
  /** Link to the boleto to print or pay; boleto payments only. */
  billet_url?: string | undefined;
  /** The Pix copy-and-paste code; Pix payments only. */
  pix_code?: string | undefined;
  /** URL of the QR code image. */
  pix_qrcode?: string | undefined;
  /** When the Pix code stops being payable, epoch ms; Pix payments only. */
  pix_expiration_date?: EpochMs | undefined;
  /** Free text, often Portuguese ("Saldo insuficiente."): not an enum. */
  refusal_reason?: string | undefined;
};

/**
 * `data.purchase` of the purchase events: the sale itself (transaction, status, prices, payment and dates).
 */
export type WebhookPurchase = {
  /** Absent on BILLET_PRINTED, CANCELED, DELAYED and EXPIRED; `null` in some test payloads. */
  approved_date?: EpochMs | null | undefined;
  /** Total paid, interest and fees included. */
  full_price: WebhookMoney;
  /** Main offer price; its currency can differ from `price` for international sales. */
  original_offer_price: WebhookMoney;
  /** The offer price at purchase time, before the interest and fees `full_price` includes. */
  price: WebhookMoney;
  /**
   * The offer bought: `code` is the `offer_code` filter of `sales.history`; `coupon_code` when a coupon was
   * used.
   */
  offer: {
    /** The offer code (8 lower-case characters, e.g. `abc12def`). */
    code: string;
    /** The coupon code the buyer applied, when one was used. */
    coupon_code?: string | undefined;
    /** The offer's name; in the documented example only, not in real captures. */
    name?: string | undefined;
    /** The offer's description; in the documented example only, not in real captures. */
    description?: string | undefined;
  };
  /** 1 for the first payment of a subscription, 2+ for renewals (2025 payloads on). */
  recurrence_number?: number | undefined;
  /** An early renewal bought ahead of the charge date. */
  subscription_anticipation_purchase?: boolean | undefined;
  /** Tracking parameters of the checkout link; often missing. `xcode` (a reported spelling) is copied to `xcod`. */
  origin?:
    | {
        /** The `src` parameter of the checkout link (`tracking.source` in `sales.history`). */
        src?: string | undefined;
        /** The `sck` parameter of the checkout link (`tracking.source_sck` in `sales.history`). */
        sck?: string | undefined;
        /** The `xcod` parameter of the checkout link (`tracking.external_code` in `sales.history`). */
        xcod?: string | undefined;
      }
    | undefined;
  /** `iso` `"NA"` is Namibia, not "n/a". */
  checkout_country: { name: string; iso: string };
  /**
   * Whether this purchase is an order bump (an extra product added at checkout) and, if so, the transaction
   * it was added to.
   */
  order_bump: {
    /** True when this purchase is part of an order bump. */
    is_order_bump: boolean;
    /** Empty while `is_order_bump` is true: this purchase is the parent. */
    parent_purchase_transaction?: string | undefined;
  };
  /** Epoch ms (the docs say string; real traffic is a number; strings are converted). For subscriptions: this renewal's order. */
  order_date: EpochMs;
  /** Subscriptions: the next charge, i.e. the end of the period this payment covers. */
  date_next_charge?: EpochMs | undefined;
  /**
   * The purchase status, normalised to the documented spellings (`APPROVED`, `COMPLETE`, `CANCELLED`,
   * `PRINTED_BILLET`, ...): see `WebhookPurchaseStatus`.
   */
  status: WebhookPurchaseStatus;
  /** `HP...`: the key to reconcile with the REST sales reports. */
  transaction: string;
  /** How the purchase is paid: type, instalments, boleto or Pix details, refusal reason. */
  payment: WebhookPurchasePayment;
  /** Who issues the invoice: `HOTMART` or `SELLER`; 2025 payloads on. */
  invoice_by?: WebhookInvoiceBy | undefined;
  /** True when the sale came through a Hotmart sales funnel; 2025 payloads on. */
  is_funnel?: boolean | undefined;
  /** Event-ticket sales only: `amount` is the number of tickets bought. */
  event_tickets?: { amount: number } | undefined;
  /**
   * Who invoices the buyer and through which Hotmart entity (`R`, `A` or `I`: see `WebhookBusinessModel`);
   * 2025 payloads on.
   */
  business_model?: WebhookBusinessModel | undefined;
  /** Physical products with variants. */
  variants?:
    | {
        /** The variant's SKU. */
        sku?: string | undefined;
        /** The variant's attributes, e.g. `{ name: "Tamanho", value: "M" }`. */
        attributes?: Array<{ name: string; value: string }> | undefined;
      }
    | undefined;
  /** Undocumented; seen in 2023 captures only. */
  buyer_ip?: string | undefined;
};

/**
 * `data.subscription` of the purchase events, for subscription products only: the subscription's status, plan
 * and subscriber.
 */
export type WebhookPurchaseSubscription = {
  /**
   * The subscription's status, normalised to the REST spellings (`ACTIVE`, `INACTIVE`, `DELAYED`,
   * `CANCELLED_BY_*`, ...). Observed: `ACTIVE`, `STARTED`, `INACTIVE`.
   */
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
  /** Estimated delivery time, in days. */
  estimated_delivery_days?: number | undefined;
  /** The carrier (`name`, e.g. `CORREIOS`) and its service (`service`, e.g. `SEDEX`, `PAC`). */
  carrier?: { name?: string | undefined; service?: string | undefined } | undefined;
  /** `MANUAL`, or the print-on-demand partner's name. */
  fulfillment?: { service?: string | undefined } | undefined;
};

/** The `data` of the nine purchase events (producer view). */
export type WebhookPurchaseData = {
  /** The product bought. */
  product: WebhookPurchaseProduct;
  /**
   * The affiliates credited with the sale. Real traffic sends a placeholder with empty strings when there is
   * none: use `webhookAffiliates(event)`.
   */
  affiliates: WebhookAffiliate[];
  /** Refund, chargeback and cancel events may lack the buyer (production observation). */
  buyer?: WebhookBuyer | undefined;
  /** The producer (seller) of the product. */
  producer: WebhookProducer;
  /** What each party earns from this sale, one entry per party, Hotmart's `MARKETPLACE` fee included. */
  commissions: WebhookCommission[];
  /** The sale: transaction, status, prices, payment and dates. */
  purchase: WebhookPurchase;
  /** Subscription products only. */
  subscription?: WebhookPurchaseSubscription | undefined;
  /** Physical products only: shipping cost, estimated delivery, carrier and fulfillment service. */
  shipping?: WebhookPurchaseShipping | undefined;
};

/**
 * The event type of one purchase event name: the envelope around `WebhookPurchaseData`, e.g.
 * `WebhookPurchaseEventOf<"PURCHASE_REFUNDED">`.
 */
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
/** The purchase was refunded (`status` `REFUNDED`): `accessDecision` revokes access. */
export type WebhookPurchaseRefundedEvent = WebhookPurchaseEventOf<"PURCHASE_REFUNDED">;
/**
 * The payment was charged back (`status` `CHARGEBACK`): the money went back to the buyer through the
 * payment provider; `accessDecision` revokes access.
 */
export type WebhookPurchaseChargebackEvent = WebhookPurchaseEventOf<"PURCHASE_CHARGEBACK">;
/** A boleto or a Pix code was generated and awaits payment ("awaiting payment" in the panel). */
export type WebhookPurchaseBilletPrintedEvent = WebhookPurchaseEventOf<"PURCHASE_BILLET_PRINTED">;
/** The buyer asked for a refund (`status` `DISPUTE`); a `PURCHASE_REFUNDED` follows if it is granted. */
export type WebhookPurchaseProtestEvent = WebhookPurchaseEventOf<"PURCHASE_PROTEST">;
/** A boleto or Pix code was not paid in time. */
export type WebhookPurchaseExpiredEvent = WebhookPurchaseEventOf<"PURCHASE_EXPIRED">;
/** A subscription renewal (2nd+ recurrence) is unpaid; Hotmart keeps trying. */
export type WebhookPurchaseDelayedEvent = WebhookPurchaseEventOf<"PURCHASE_DELAYED">;

/**
 * Any of the nine purchase events (they share `WebhookPurchaseData`); `isPurchaseEvent(payload)` narrows to
 * it.
 */
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

/**
 * `data` of `PURCHASE_OUT_OF_SHOPPING_CART` (cart abandonment): the product, what the lead typed, the offer
 * and country of the checkout. There is no transaction.
 */
export type WebhookCartAbandonmentData = {
  /** The lead came through an affiliate. */
  affiliate?: boolean | undefined;
  /** The product of the abandoned checkout. */
  product: WebhookNamedProduct;
  /** Only what the lead typed: a name and/or an e-mail. */
  buyer: {
    /** The name the lead typed. */
    name?: string | undefined;
    /** The e-mail the lead typed: the usual key for a recovery message. */
    email?: string | undefined;
    /** The phone the lead typed, country code included for non-Brazilian leads; sometimes missing. */
    phone?: string | undefined;
  };
  /** The main offer of the checkout page. */
  offer?: { code: string } | undefined;
  /** The checkout's country: `name` and the ISO-3166 alpha-2 `iso`. */
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

/**
 * `data` of `SUBSCRIPTION_CANCELLATION`: the subscription, its subscriber and product, and the dates that
 * bound the remaining access.
 */
export type WebhookSubscriptionCancellationData = {
  /** Value of the last processed recurrence. */
  actual_recurrence_value?: number | undefined;
  /** When the subscription was cancelled, epoch ms. */
  cancellation_date: EpochMs;
  /** The next charge had it not been cancelled: the end of the paid access. */
  date_next_charge: EpochMs;
  /** The subscription's product. */
  product: WebhookNamedProduct;
  /**
   * The subscriber: `code` is the `subscriber_code` of the REST API (8 upper-case characters, one per buyer
   * per product).
   */
  subscriber: {
    /**
     * The `subscriber_code`: the key to find the subscription in your records and in `subscriptions.list`.
     */
    code: string;
    /** The subscriber's name. */
    name?: string | undefined;
    /** The subscriber's e-mail. */
    email?: string | undefined;
    /** camelCase keys, as documented; absent in every real capture. */
    phone?:
      | {
          /** Area code (DDD) of `phone`. */
          dddPhone?: string | undefined;
          /** Phone number; its area code is `dddPhone`. */
          phone?: string | undefined;
          /** Area code (DDD) of `cell`. */
          dddCell?: string | undefined;
          /** Mobile number; its area code is `dddCell`. */
          cell?: string | undefined;
        }
      | undefined;
  };
  /** The cancelled subscription: its `id` and plan. */
  subscription: {
    /** The `subscription_id` of the REST API. */
    id: number;
    /** The subscription's plan (`id` is the `plan_id` of the REST API). */
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

/** `data` of `SWITCH_PLAN`: the subscription after the change and the plans before and after it. */
export type WebhookSwitchPlanData = {
  /** When the plan changed, epoch ms. */
  switch_plan_date: EpochMs;
  /** The subscription after the switch, with a flat `subscriber_code`. */
  subscription: {
    /** Flat here (purchase events use `subscriber.code`). */
    subscriber_code: string;
    /**
     * The subscription's status, normalised to the REST spellings (Hotmart sends `CANCELED_BY_VENDOR` and the
     * like here).
     */
    status: WebhookSubscriptionStatus;
    /** The next charge, epoch ms. */
    date_next_charge?: EpochMs | undefined;
    /** The subscription's product. */
    product: WebhookNamedProduct;
    /** The subscriber's e-mail. */
    user: { email: string };
  };
  /** Normally two: `current: true` is the new plan, `false` the previous one. */
  plans: Array<{
    /** The plan id: the `plan_id` filter of `subscriptions.list`. */
    id: number;
    /** The plan's name. */
    name: string;
    /** `key`, not `code`, here. */
    offer?: { key: string } | undefined;
    /** True for the plan the subscriber switched to, false for the one they left. */
    current: boolean;
  }>;
};

/**
 * A subscriber moved to another plan; `data.plans` holds the new plan (`current: true`) and the previous one.
 * No real capture has been published (docs/api-notes.md §9.13).
 */
export type WebhookSwitchPlanEvent = WebhookEnvelope<"SWITCH_PLAN", WebhookSwitchPlanData>;

// ---------------------------------------------------------------------------------------------------
// UPDATE_SUBSCRIPTION_CHARGE_DATE (§9.9)
// ---------------------------------------------------------------------------------------------------

/** `data` of `UPDATE_SUBSCRIPTION_CHARGE_DATE`: the subscriber, the old and new charge day, and the plan. */
export type WebhookChargeDateChangeData = {
  /** The subscriber: `code` is the `subscriber_code` of the REST API. */
  subscriber: {
    /** The `subscriber_code` (8 upper-case characters): the id `subscriptions.changeDueDay` takes. */
    code: string;
    /** The subscriber's name. */
    name?: string | undefined;
    /** The subscriber's e-mail. */
    email?: string | undefined;
  };
  /**
   * The subscription: its product, the charge day before and after the change, the next charge date and the
   * status.
   */
  subscription: {
    /** The subscription's product. */
    product?: WebhookNamedProduct | undefined;
    /** The charge day before the change: a day of the month (1 = Monday ... 7 = Sunday for weekly plans). */
    old_charge_day?: number | undefined;
    /** The charge day after the change, the `due_day` of `subscriptions.changeDueDay`. */
    new_charge_day?: number | undefined;
    /**
     * ISO-8601 (`2024-07-01T12:00:00.000Z`), as documented: with the purchase events'
     * `product.warranty_date`, one of the two ISO dates among webhook date fields (docs/api-notes.md
     * §9.9). A number is converted to ISO so the type holds; `webhookNextChargeDate(event)` gives epoch ms.
     */
    date_next_charge?: string | undefined;
    /** The subscription's status, normalised to the REST spellings. */
    status?: WebhookSubscriptionStatus | undefined;
  };
  /** The subscription's plan, with its offer code. */
  plan?:
    | {
        /** The plan id: the `plan_id` filter of `subscriptions.list`. */
        id: number;
        /** The plan's name. */
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

/** The student in the Club (members area) events. */
export type WebhookClubUser = {
  /** The student's name. */
  name?: string | undefined;
  /** The student's e-mail: the key to match them with a buyer or with `club.students`. */
  email: string;
};

/** `data` of `CLUB_FIRST_ACCESS`: the course and the student. */
export type WebhookClubFirstAccessData = {
  /** The course (a Club product) the student opened. */
  product: WebhookNamedProduct;
  /** The student. */
  user: WebhookClubUser;
};

/** A student's first access to a course. */
export type WebhookClubFirstAccessEvent = WebhookEnvelope<"CLUB_FIRST_ACCESS", WebhookClubFirstAccessData>;

/** `data` of `CLUB_MODULE_COMPLETED`: the course, the student and the module. */
export type WebhookClubModuleCompletedData = {
  /** `product.id` arrives as a string in real traffic; it is a number here. */
  product: WebhookNamedProduct;
  /** The student who completed the module. */
  user: WebhookClubUser;
  /** The completed module. */
  module: {
    /** The `module_id` of the Club API. */
    id: string;
    /** The module's current name. */
    name?: string | undefined;
  };
};

/**
 * A student completed a module of a course. For students on the Hotmart mobile app it depends on the app's
 * version.
 */
export type WebhookClubModuleCompletedEvent = WebhookEnvelope<
  "CLUB_MODULE_COMPLETED",
  WebhookClubModuleCompletedData
>;

// ---------------------------------------------------------------------------------------------------
// ORDER_FULFILLMENT (§9.12): no real capture exists, so everything beyond the keys is lenient.
// ---------------------------------------------------------------------------------------------------

/**
 * An address in `ORDER_FULFILLMENT` (the shopper's, the payer's, the delivery destination). Every field is an
 * optional string.
 */
export type WebhookFulfillmentAddress = {
  /** Street name. */
  address?: string | undefined;
  /** Street number, a string. */
  number?: string | undefined;
  /** Apartment, block or other complement; may be `""`. */
  complement?: string | undefined;
  /** Neighbourhood (the bairro of Brazilian addresses). */
  neighborhood?: string | undefined;
  /** City name. */
  city?: string | undefined;
  /** State or region (e.g. `MG`). */
  state?: string | undefined;
  /** Postal code (e.g. `30000000`). Note `zip_code` here, `zipcode` in purchase events. */
  zip_code?: string | undefined;
  /** Country name (e.g. `Brasil`). */
  country?: string | undefined;
};

/**
 * The shopper (who receives the goods) or the billing person (who pays) of an `ORDER_FULFILLMENT`. Every
 * field optional.
 */
export type WebhookFulfillmentPerson = {
  /** Country name (e.g. `Brasil`). */
  country?: string | undefined;
  /** Phone number, digits as a string (e.g. `31999990000`: area code and number). */
  phone?: string | undefined;
  /** Tax document number (a CPF for Brazilian individuals). */
  document?: string | undefined;
  /** Full name of the shopper or payer. */
  name?: string | undefined;
  /** e.g. `America/Sao_Paulo`. */
  time_zone?: string | undefined;
  /** e.g. `pt_BR`. */
  locale?: string | undefined;
  /** Hotmart's user id (a UUID-like string). */
  ucode?: string | undefined;
  /** E-mail of the shopper or payer. */
  email?: string | undefined;
  /** Their postal address. */
  address?: WebhookFulfillmentAddress | undefined;
};

/**
 * One product of an `ORDER_FULFILLMENT` order: what to ship, how many, which variant, its size and weight.
 */
export type WebhookFulfillmentLineItem = {
  /** The offer bought: its `price` (money) and `code`. */
  offer?: { price?: WebhookMoney | undefined; code?: string | undefined } | undefined;
  /** The product: `id` (Hotmart's product id), `name`, `format` `PHYSICAL`, and its seller. */
  product: {
    /** Hotmart's product id (`product_id`). */
    id: number;
    /** The product's name. */
    name?: string | undefined;
    /** `PHYSICAL`. */
    format?: OpenEnum<"PHYSICAL"> | undefined;
    /** The product's support e-mail. */
    support_email?: string | undefined;
    /** The product's `ucode` (UUID). */
    ucode?: string | undefined;
    /** The seller (producer): name, e-mail, Hotmart user id and locale. */
    seller?:
      | {
          /** The seller's name. */
          name?: string | undefined;
          /** The seller's e-mail. */
          email?: string | undefined;
          /** The seller's Hotmart user id. */
          ucode?: string | undefined;
          /** The seller's locale, e.g. `pt_BR`. */
          locale?: string | undefined;
        }
      | undefined;
  };
  /** How many units of this product to ship. */
  quantity: number;
  /** The variant bought (`name`, `id`, `sku`, `attributes` such as size), for products with variants. */
  variant?:
    | {
        /** The variant's display name, e.g. `M - Azul`. */
        name?: string | undefined;
        /** The variant's id, a string. */
        id?: string | undefined;
        /** The variant's SKU. */
        sku?: string | undefined;
        /** The variant's attributes, e.g. `{ name: "Tamanho", value: "M" }`. */
        attributes?: Array<{ name: string; value: string }> | undefined;
      }
    | undefined;
  /** Centimetres, and `weight` in kilograms. */
  dimension?:
    | {
        /** Depth, in centimetres. */
        depth?: number | undefined;
        /** Width, in centimetres. */
        width?: number | undefined;
        /** Height, in centimetres. */
        height?: number | undefined;
        /** Weight, in kilograms. */
        weight?: number | undefined;
      }
    | undefined;
};

/**
 * `data` of `ORDER_FULFILLMENT`: the approved order, what to ship and where. No real capture exists, so
 * beyond `purchase.transaction`, `purchase.status` and `line_items` expect any field to be missing.
 */
export type WebhookOrderFulfillmentData = {
  /** The approved purchase: `transaction`, prices, dates (epoch ms) and the shopper. */
  purchase: {
    /** Total paid; in the documented example, `price` plus the shipping. */
    full_price?: WebhookMoney | undefined;
    /** The offer price. */
    price?: WebhookMoney | undefined;
    /** When the payment was approved, epoch ms. */
    approved_date?: EpochMs | undefined;
    /** When the order was placed, epoch ms. */
    order_date?: EpochMs | undefined;
    /** Hotmart's numeric purchase id (not the transaction code). */
    id?: number | undefined;
    /** The transaction code (`HP...`), the key of `sales.history` and of the purchase events. */
    transaction: string;
    /** Always `APPROVED`. */
    status: WebhookPurchaseStatus;
    /** Who receives the goods. */
    shopper?: WebhookFulfillmentPerson | undefined;
  };
  /** What to ship, one entry per product. */
  line_items: WebhookFulfillmentLineItem[];
  /** How and where the order is delivered. */
  delivery?:
    | {
        /** Extra handling days. */
        shipping_processing_time?: number | undefined;
        /** e.g. `SHIPPING`. */
        method_type?: string | undefined;
        /** Business days. */
        delivery_time?: number | undefined;
        /** The delivery address. */
        destination?: WebhookFulfillmentAddress | undefined;
      }
    | undefined;
  /**
   * The shipping charged: total, carrier and service, pricing type, the carrier's estimate and the producer's
   * markup.
   */
  shipping?:
    | {
        /** 0 is free shipping. */
        shipping_total_value?: WebhookMoney | undefined;
        /** The carrier: `name` (e.g. `CORREIOS`) and `code`. */
        carrier?: { name?: string | undefined; code?: string | undefined } | undefined;
        /** Logistics time, in days. */
        shipping_logistics_time?: number | undefined;
        /** The carrier's service: `service` (e.g. `SEDEX`) and its `code` (e.g. `04014`). */
        carrier_options?: { service?: string | undefined; code?: string | undefined } | undefined;
        /** How shipping is priced: `FLAT_RATE`, `FREE_SHIPPING` or `FIXED_PRICE`. */
        type?: WebhookShippingType | undefined;
        /** The carrier's estimated cost. */
        estimate_shipping_cost?: WebhookMoney | undefined;
        /** The producer's markup on the shipping cost. */
        shipping_markup_price?: WebhookMoney | undefined;
      }
    | undefined;
  /** Who fulfils the order: `MANUAL` or a `PARTNER` named in `service_name`. */
  fulfillment_service?:
    | {
        /** `MANUAL` or `PARTNER`. */
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
  /** The account's hottok, as posted in the form. A secret: do not store or log it. */
  hottok?: string | undefined;
  /** The transaction code (`HP...`), as in `sales.history`. */
  transaction?: string | undefined;
  /** Normalised: `approved` becomes `APPROVED`, `completed` becomes `COMPLETE`, and so on. */
  status?: WebhookPurchaseStatus | undefined;
  /** Product id (`prod`), numeric. Hotmart's v1 test product was 1439. */
  prod?: number | undefined;
  /** The product's name. */
  prod_name?: string | undefined;
  /** The buyer's e-mail. */
  email?: string | undefined;
  /** The buyer's first name. */
  first_name?: string | undefined;
  /** The buyer's last name. */
  last_name?: string | undefined;
  /** The buyer's full name. */
  name?: string | undefined;
  /** Buyer document. */
  doc?: string | undefined;
  /**
   * Every posted form field exactly as received (a repeated field keeps its first value), the raw lower-case
   * `status` included.
   */
  fields: Record<string, string>;
};

/** What `parseWebhook` returns: a v2 event or, for form-encoded posts, a legacy postback. */
export type WebhookPayload = HotmartWebhookEvent | LegacyWebhook;
