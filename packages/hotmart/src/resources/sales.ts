import type { APIPromise } from "../core/api-promise";
import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, type Autopaginate, defineAutopaginate, type PageParams } from "../core/resource";
import type { DateParam, EpochMs, RequestOptions } from "../core/types";
import type { Money, ProductRef } from "./common";
import type {
  CommissionAs,
  CommissionSource,
  DocumentType,
  OfferPaymentMode,
  ParticipantRole,
  PaymentMethod,
  PaymentType,
  PurchaseStatus,
  PurchaseStatusFilter,
} from "./enums";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/**
 * Filters every sales report takes. Unless `transaction` or `transaction_status` is given, Hotmart
 * returns only APPROVED and COMPLETE purchases. A filter the SDK does not know yet goes in
 * `options.query`.
 */
export interface SalesReportParams extends PageParams {
  /** The numeric product id. */
  product_id?: number | undefined;
  /**
   * Period start, on the purchase's `order_date`: epoch ms, a Date, or (from JavaScript) an ISO date
   * string. 0 means "from the beginning"; a number below 10^11 is refused as epoch seconds. Hotmart
   * documents no default window (docs/api-notes.md §8.1); the simulator treats both bounds as inclusive.
   */
  start_date?: DateParam | undefined;
  /** Period end, on `order_date` (epoch ms or a Date, as `start_date`). */
  end_date?: DateParam | undefined;
  /** A transaction code (`HP…`); finds the sale whatever its status. */
  transaction?: string | undefined;
  /** One status; replaces the default APPROVED+COMPLETE filter. `DELAYED` is refused as a filter. */
  transaction_status?: PurchaseStatusFilter | undefined;
}

/** Filters of `sales.history` (`GET /payments/api/v1/sales/history`): the report filters and these. */
export interface SalesHistoryParams extends SalesReportParams {
  /** The `src` tracking code of the payment link (`?src=campaignA`). */
  sales_source?: string | undefined;
  /** The buyer's name (Hotmart matches it as given). */
  buyer_name?: string | undefined;
  /** The buyer's e-mail address. */
  buyer_email?: string | undefined;
  /** How the buyer paid: `PIX`, `BILLET`, `CREDIT_CARD`, … */
  payment_type?: PaymentType | undefined;
  /** The offer (price point) code, e.g. `k2pasun0`. */
  offer_code?: string | undefined;
  /** The role the authenticated account played in the sale. */
  commission_as?: CommissionAs | undefined;
}

/** Filters of `sales.summary` (`GET /payments/api/v1/sales/summary`): the report filters and these (no buyer filters). */
export interface SalesSummaryParams extends SalesReportParams {
  /** The `src` tracking code of the payment link. */
  sales_source?: string | undefined;
  /** The affiliate responsible for the sale. */
  affiliate_name?: string | undefined;
  /** How the buyer paid: `PIX`, `BILLET`, `CREDIT_CARD`, … */
  payment_type?: PaymentType | undefined;
  /** The offer (price point) code. */
  offer_code?: string | undefined;
}

/** Filters of `sales.participants` (`GET /payments/api/v1/sales/users`): the report filters and these. */
export interface SalesParticipantsParams extends SalesReportParams {
  /** The buyer's e-mail address. */
  buyer_email?: string | undefined;
  /** The `src` tracking code of the payment link. */
  sales_source?: string | undefined;
  /** The buyer's name. */
  buyer_name?: string | undefined;
  /** The affiliate responsible for the sale. */
  affiliate_name?: string | undefined;
  /** The role the authenticated account played in the sale. */
  commission_as?: CommissionAs | undefined;
}

/** Filters of `sales.commissions` (`GET /payments/api/v1/sales/commissions`): the report filters and `commission_as`. */
export interface SalesCommissionsParams extends SalesReportParams {
  /** The role the authenticated account played in the sale. */
  commission_as?: CommissionAs | undefined;
}

/** Filters of `sales.priceDetails` (`GET /payments/api/v1/sales/price/details`): the report filters and `payment_type`. */
export interface SalesPriceDetailsParams extends SalesReportParams {
  /** How the buyer paid: `PIX`, `BILLET`, `CREDIT_CARD`, … */
  payment_type?: PaymentType | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** A Hotmart user named in a sale: the `producer` of `sales.history`, the `user` of a commission. */
export interface SalesUserRef {
  /** The user's name. */
  name: string;
  /** The Hotmart user id (not the Club `user_id`). */
  ucode: string;
}

/** The buyer of a sale (`buyer` of `sales.history`); each field only when the buyer gave it at checkout. */
export interface SalesHistoryBuyer {
  /** The buyer's name: the `buyer_name` filter. */
  name?: string;
  /** The buyer's Hotmart user id (a UUID; not the Club `user_id`). */
  ucode?: string;
  /** The buyer's e-mail: the `buyer_email` filter. */
  email?: string;
}

/** How a sale was paid (`purchase.payment` of `sales.history`). */
export interface SalesHistoryPayment {
  /** The precise method, e.g. `CREDIT_CARD_VISA`, `PIX`, `BILLET`. */
  method: PaymentMethod;
  /** Number of instalments; 1 is a single payment. */
  installments_number: number;
  /** The broad type, e.g. `CREDIT_CARD`, `PIX`, `BILLET` (boleto): the `payment_type` filter. */
  type: PaymentType;
}

/** Checkout tracking codes; any of them may be missing (a real sale carried only `source_sck`). */
export interface SalesHistoryTracking {
  /** `src` of the payment link. */
  source?: string;
  /** `sck`: identifies a checkout page. */
  source_sck?: string;
  /** `xcod`. */
  external_code?: string;
}

/** The offer (price point) a sale was made on (`purchase.offer` of `sales.history`). */
export interface SalesHistoryOffer {
  /** How the offer is paid, in English: `UNIQUE_PAYMENT`, `SUBSCRIPTION`, `SMART_INSTALLMENT`, … */
  payment_mode: OfferPaymentMode;
  /** The offer code (8 lower-case characters, e.g. `k2pasun0`): the `offer_code` filter, `code` of `products.offers`. */
  code: string;
}

/** Hotmart's fee, in the sale currency. */
export interface SalesHotmartFee {
  /** The whole fee in currency units (in the docs' example, `fixed` plus `percentage` of `base`). */
  total: number;
  /** The fixed part of the fee, in currency units. */
  fixed: number;
  /** The amount the fee is computed on: the product price without instalment interest. */
  base: number;
  /** e.g. `9.9` for 9.9 %. */
  percentage: number;
  /** ISO-4217 code of the fee amounts, e.g. `BRL`. */
  currency_code: string;
}

/** The purchase itself (`purchase` of `sales.history`): status, dates, price, payment and fees. */
export interface SalesHistoryPurchase {
  /** The transaction code (`HP` + digits): what `sales.refund` and the `transaction` filter take. */
  transaction: string;
  /** When the order was placed, epoch ms: what `start_date` and `end_date` bound. */
  order_date: EpochMs;
  /** Absent until the payment is approved. */
  approved_date?: EpochMs;
  /** `APPROVED`, `COMPLETE` (refund window over), `REFUNDED`, `PROTESTED`, …; see `PurchaseStatus`. */
  status: PurchaseStatus;
  /** Recurrence or instalment number; also set on non-subscription sales. */
  recurrency_number: number;
  /** Whether the sale belongs to a subscription. */
  is_subscription: boolean;
  /** The role the authenticated account played: `PRODUCER`, `COPRODUCER` or `AFFILIATE`. */
  commission_as: CommissionAs;
  /** Total the buyer paid, including fees and instalment interest. */
  price: Money;
  /** The payment method, type and number of instalments. */
  payment: SalesHistoryPayment;
  /** The checkout tracking codes (`src`, `sck`, `xcod`); absent when the link carried none. */
  tracking?: SalesHistoryTracking;
  /** End of the refund window. */
  warranty_expire_date: EpochMs;
  /** The offer (price point) bought: its code and payment mode. */
  offer: SalesHistoryOffer;
  /** What Hotmart charged on the sale. Net revenue is in `sales.commissions` instead. */
  hotmart_fee: SalesHotmartFee;
}

/** One sale (`sales.history`). Net revenue is not here: see `sales.commissions`. */
export interface SalesHistoryItem {
  /** The product sold: its numeric `id` (the `product_id` filter) and name. */
  product: ProductRef;
  /** Only present when the buyer supplied the data at checkout. */
  buyer?: SalesHistoryBuyer;
  /** The product's producer (name and ucode). */
  producer: SalesUserRef;
  /** The transaction: status, dates, price, payment, offer and fees. */
  purchase: SalesHistoryPurchase;
}

/** Commission totals in one currency (`sales.summary`). */
export interface SalesSummaryItem {
  /** Number of commissions totalled. */
  total_items: number;
  /** The sum of those commissions in this currency, for the period asked, in currency units. */
  total_value: Money;
}

/** An identity document of a sale participant (`documents[]` of `sales.participants`). */
export interface SalesParticipantDocument {
  /** The document number as a string, e.g. a CPF of 11 digits. */
  value: string;
  /** `CPF`, `CNPJ`, `RG`, `DNI`, `CIF` or `DOCUMENT`. */
  type: DocumentType;
}

/** A participant's postal address (`address` of `sales.participants`); `{}` when Hotmart has none. */
export interface SalesParticipantAddress {
  /** City name. */
  city?: string;
  /** State or region, e.g. `MG`. */
  state?: string;
  /** Country, a name such as `Brasil` in the docs' example (not an ISO code there). */
  country?: string;
  /** Postal code, as a string (a Brazilian CEP has 8 digits). */
  zip_code?: string;
  /** The street. */
  address?: string;
  /** Address complement (flat, suite); may be `""`. */
  complement?: string;
  /** Neighbourhood (bairro). */
  neighborhood?: string;
  /** House number, as a string. */
  number?: string;
}

/** One participant of a sale (`users[].user` of `sales.participants`): contact, documents and address. */
export interface SalesParticipantUser {
  /** The Hotmart user id (a UUID), as `buyer.ucode` and `producer.ucode` of `sales.history`. */
  ucode: string;
  /** Country and language from the device IP, e.g. `pt_BR` or `FR`. */
  locale?: string;
  /** The participant's name. */
  name: string;
  /** Trade name of a business participant; may be `""`. */
  trade_name?: string;
  /** Carries the international prefix for foreign buyers only. */
  cellphone?: string;
  /** Another phone number, with the same prefix rule as `cellphone`; may be `""`. */
  phone?: string;
  /** The participant's e-mail: the `buyer_email` filter for the buyer. */
  email: string;
  /** Identity documents (CPF, CNPJ, …); may be empty. */
  documents: SalesParticipantDocument[];
  /** Postal address; `{}` when Hotmart has none (e.g. the producer in the docs' example). */
  address: SalesParticipantAddress;
}

/** One person in a sale (`users[]` of `sales.participants`) with the role they played. */
export interface SalesParticipant {
  /** Pick `BUYER` for the buyer. It sits here, beside `user`, not inside it. */
  role: ParticipantRole;
  /** Who they are: name, e-mail, documents, address. */
  user: SalesParticipantUser;
}

/** Everyone involved in one sale (`sales.participants`). */
export interface SalesParticipantsItem {
  /** The transaction code (`HP` + digits) of the sale. */
  transaction: string;
  /** The product sold (numeric `id` and name). */
  product: ProductRef;
  /** One entry per participant: buyer, producer, co-producers, affiliates. */
  users: SalesParticipant[];
}

/** A commission amount. Note `currency_value`, not `currency_code`, on this endpoint. */
export interface CommissionMoney {
  /** The commission amount in currency units (not cents), e.g. `272.54`. */
  value: number;
  /** ISO-4217 currency code, e.g. `BRL` (named `currency_value` on this endpoint). */
  currency_value: string;
}

/** One participant's commission on a sale (`commissions[]` of `sales.commissions`). */
export interface SalesCommission {
  /** What this participant received. */
  commission: CommissionMoney;
  /** Who received it (name and ucode). */
  user: SalesUserRef;
  /** `PRODUCER`'s value is the producer's net revenue; `MARKETPLACE` is Hotmart's cut. */
  source: CommissionSource;
}

/** Commission per participant of one sale (`sales.commissions`). */
export interface SalesCommissionsItem {
  /** The transaction code (`HP` + digits) of the sale. */
  transaction: string;
  /** The product sold (numeric `id` and name). */
  product: ProductRef;
  /** Rate from the purchase value to the commission currency; 1 without conversion. */
  exchange_rate_currency_payout: number;
  /** One entry per paid participant, Hotmart's `MARKETPLACE` cut included. */
  commissions: SalesCommission[];
}

/** The coupon applied to a purchase (`coupon` of `sales.priceDetails`). */
export interface SalesPriceCoupon {
  /** The coupon code the buyer typed, as `coupon_code` of `coupons.list`. */
  code: string;
  /** Documented as a fraction 0–1, but the docs' example shows 22.9: do not assume a range. */
  value: number;
}

/** Price breakdown of one purchase (`sales.priceDetails`). */
export interface SalesPriceDetailsItem {
  /** The transaction code (`HP` + digits) of the purchase. */
  transaction: string;
  /** The product sold (numeric `id` and name). */
  product: ProductRef;
  /** Commissions are split from it; add-on fees come out of it. */
  base: Money;
  /** base + vat + fee. */
  total: Money;
  /** Charged only on sales in the EU and Mexico. */
  vat: Money;
  /** Instalment interest (BRL/MXN). */
  fee: Money;
  /** Only when a coupon was used. */
  coupon?: SalesPriceCoupon;
  /** From the offer's original value to the buyer's currency. */
  real_conversion_rate: number;
}

/** One page of `sales.history`: `items` and `page_info` (with `total_results`). */
export type SalesHistoryPage = PageResponse<SalesHistoryItem>;
/** One page of `sales.summary`: one item per currency. */
export type SalesSummaryPage = PageResponse<SalesSummaryItem>;
/** One page of `sales.participants`: one item per sale. */
export type SalesParticipantsPage = PageResponse<SalesParticipantsItem>;
/** One page of `sales.commissions`: one item per sale. */
export type SalesCommissionsPage = PageResponse<SalesCommissionsItem>;
/** One page of `sales.priceDetails`: one item per purchase. */
export type SalesPriceDetailsPage = PageResponse<SalesPriceDetailsItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

// What each method sends, with its checks, is in sales-requests.ts: loaded on the first call.
const requests = () => import("./sales-requests");

/** Sales reports and refunds (`/payments/api/v1/sales/...`). */
export class Sales extends APIResource {
  /**
   * Sales, one item per transaction. Filters: `product_id`, `start_date`, `end_date`, `transaction`,
   * `transaction_status` (default APPROVED + COMPLETE), `sales_source`, `buyer_name`, `buyer_email`,
   * `payment_type`, `offer_code`, `commission_as`; paging: `max_results`, `page_token`, `select`.
   *
   * @example
   * for await (const sale of hotmart.sales.history({ start_date: new Date("2026-01-01"), transaction_status: "APPROVED" })) {
   *   console.log(sale.purchase.transaction, sale.buyer?.email);
   * }
   */
  history(params?: SalesHistoryParams, options?: RequestOptions): PagePromise<SalesHistoryItem> {
    return this._list(async () => (await requests()).HISTORY, params, options);
  }

  /**
   * Commission totals per currency. Filters: `product_id`, `start_date`, `end_date`, `transaction`,
   * `transaction_status`, `sales_source`, `affiliate_name`, `payment_type`, `offer_code`.
   *
   * @example
   * const { items } = await hotmart.sales.summary({ start_date: new Date("2026-01-01") });
   */
  summary(params?: SalesSummaryParams, options?: RequestOptions): PagePromise<SalesSummaryItem> {
    return this._list(async () => (await requests()).SUMMARY, params, options);
  }

  /**
   * Buyer, producer, co-producer and affiliate details per sale (`/sales/users`). Filters:
   * `product_id`, `start_date`, `end_date`, `transaction`, `transaction_status`, `buyer_email`,
   * `sales_source`, `buyer_name`, `affiliate_name`, `commission_as`.
   *
   * @example
   * const { items } = await hotmart.sales.participants({ transaction: "HP93769885397869" });
   * const buyer = items[0]?.users.find((u) => u.role === "BUYER")?.user;
   */
  participants(
    params?: SalesParticipantsParams,
    options?: RequestOptions,
  ): PagePromise<SalesParticipantsItem> {
    return this._list(async () => (await requests()).PARTICIPANTS, params, options);
  }

  /**
   * Commission per participant per sale; the PRODUCER entry is the producer's net revenue. Filters:
   * `product_id`, `start_date`, `end_date`, `transaction`, `transaction_status`, `commission_as`.
   *
   * @example
   * const { items } = await hotmart.sales.commissions({ transaction: "HP93769885397869" });
   */
  commissions(params?: SalesCommissionsParams, options?: RequestOptions): PagePromise<SalesCommissionsItem> {
    return this._list(async () => (await requests()).COMMISSIONS, params, options);
  }

  /**
   * Price breakdown: base, total, VAT, interest, coupon, conversion rate. Filters: `product_id`,
   * `start_date`, `end_date`, `transaction`, `transaction_status`, `payment_type`.
   *
   * @example
   * const { items } = await hotmart.sales.priceDetails({ transaction: "HP93769885397869" });
   */
  priceDetails(
    params?: SalesPriceDetailsParams,
    options?: RequestOptions,
  ): PagePromise<SalesPriceDetailsItem> {
    return this._list(async () => (await requests()).PRICE_DETAILS, params, options);
  }

  /** `history` as an async generator (hotmart-python's `history_autopaginate`): every sale of every page. */
  declare readonly historyAutopaginate: Autopaginate<Sales["history"]>;
  /** `summary` as an async generator: every currency total of every page. */
  declare readonly summaryAutopaginate: Autopaginate<Sales["summary"]>;
  /** `participants` as an async generator: every sale's participants, page after page. */
  declare readonly participantsAutopaginate: Autopaginate<Sales["participants"]>;
  /** `commissions` as an async generator: every sale's commissions, page after page. */
  declare readonly commissionsAutopaginate: Autopaginate<Sales["commissions"]>;
  /** `priceDetails` as an async generator (hotmart-python's `price_details_autopaginate`): every breakdown of every page. */
  declare readonly priceDetailsAutopaginate: Autopaginate<Sales["priceDetails"]>;

  /**
   * Asks Hotmart to refund a sale (APPROVED or COMPLETE, not in trial, not paid by BACS/SEPA). Resolves
   * when Hotmart accepts it. Not idempotent: never retried after an ambiguous failure.
   *
   * @example
   * await hotmart.sales.refund("HP93769885397869");
   */
  refund(transaction: string, options?: RequestOptions): APIPromise<void> {
    return this._request(async () => (await requests()).refund(transaction), options);
  }
}

defineAutopaginate(Sales, ["history", "summary", "participants", "commissions", "priceDetails"]);
