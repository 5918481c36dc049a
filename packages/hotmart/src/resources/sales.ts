import type { APIPromise } from "../core/api-promise";
import type { PagePromise, PageResponse } from "../core/pagination";
import {
  APIResource,
  type Autopaginate,
  defineAutopaginate,
  defineList,
  type PageParams,
} from "../core/resource";
import type { DateParam, EpochMs, RequestOptions } from "../core/types";
import { path } from "../internal/path";
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
import { checkId } from "./input-checks";

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
   * Period start: epoch ms, a Date, or (from JavaScript) an ISO date string. 0 means "from the
   * beginning"; a number below 10^11 is refused as epoch seconds.
   */
  start_date?: DateParam | undefined;
  /** Period end (epoch ms or a Date, as `start_date`). */
  end_date?: DateParam | undefined;
  /** A transaction code (`HP…`); finds the sale whatever its status. */
  transaction?: string | undefined;
  /** One status; replaces the default APPROVED+COMPLETE filter. `DELAYED` is refused as a filter. */
  transaction_status?: PurchaseStatusFilter | undefined;
}

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

export interface SalesCommissionsParams extends SalesReportParams {
  /** The role the authenticated account played in the sale. */
  commission_as?: CommissionAs | undefined;
}

export interface SalesPriceDetailsParams extends SalesReportParams {
  /** How the buyer paid: `PIX`, `BILLET`, `CREDIT_CARD`, … */
  payment_type?: PaymentType | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

export interface SalesUserRef {
  name: string;
  /** The Hotmart user id (not the Club `user_id`). */
  ucode: string;
}

export interface SalesHistoryBuyer {
  name?: string;
  ucode?: string;
  email?: string;
}

export interface SalesHistoryPayment {
  method: PaymentMethod;
  /** Number of instalments; 1 is a single payment. */
  installments_number: number;
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

export interface SalesHistoryOffer {
  payment_mode: OfferPaymentMode;
  code: string;
}

/** Hotmart's fee, in the sale currency. */
export interface SalesHotmartFee {
  total: number;
  fixed: number;
  /** The amount the fee is computed on: the product price without instalment interest. */
  base: number;
  /** e.g. `9.9` for 9.9 %. */
  percentage: number;
  currency_code: string;
}

export interface SalesHistoryPurchase {
  transaction: string;
  order_date: EpochMs;
  /** Absent until the payment is approved. */
  approved_date?: EpochMs;
  status: PurchaseStatus;
  /** Recurrence or instalment number; also set on non-subscription sales. */
  recurrency_number: number;
  is_subscription: boolean;
  commission_as: CommissionAs;
  /** Total the buyer paid, including fees and instalment interest. */
  price: Money;
  payment: SalesHistoryPayment;
  tracking?: SalesHistoryTracking;
  /** End of the refund window. */
  warranty_expire_date: EpochMs;
  offer: SalesHistoryOffer;
  hotmart_fee: SalesHotmartFee;
}

/** One sale (`sales.history`). Net revenue is not here: see `sales.commissions`. */
export interface SalesHistoryItem {
  product: ProductRef;
  /** Only present when the buyer supplied the data at checkout. */
  buyer?: SalesHistoryBuyer;
  producer: SalesUserRef;
  purchase: SalesHistoryPurchase;
}

/** Commission totals in one currency (`sales.summary`). */
export interface SalesSummaryItem {
  /** Number of commissions totalled. */
  total_items: number;
  total_value: Money;
}

export interface SalesParticipantDocument {
  value: string;
  type: DocumentType;
}

export interface SalesParticipantAddress {
  city?: string;
  state?: string;
  country?: string;
  zip_code?: string;
  /** The street. */
  address?: string;
  complement?: string;
  neighborhood?: string;
  number?: string;
}

export interface SalesParticipantUser {
  ucode: string;
  /** Country and language from the device IP, e.g. `pt_BR` or `FR`. */
  locale?: string;
  name: string;
  trade_name?: string;
  /** Carries the international prefix for foreign buyers only. */
  cellphone?: string;
  phone?: string;
  email: string;
  documents: SalesParticipantDocument[];
  address: SalesParticipantAddress;
}

export interface SalesParticipant {
  /** Pick `BUYER` for the buyer. It sits here, beside `user`, not inside it. */
  role: ParticipantRole;
  user: SalesParticipantUser;
}

/** Everyone involved in one sale (`sales.participants`). */
export interface SalesParticipantsItem {
  transaction: string;
  product: ProductRef;
  users: SalesParticipant[];
}

/** A commission amount. Note `currency_value`, not `currency_code`, on this endpoint. */
export interface CommissionMoney {
  value: number;
  currency_value: string;
}

export interface SalesCommission {
  commission: CommissionMoney;
  user: SalesUserRef;
  /** `PRODUCER`'s value is the producer's net revenue; `MARKETPLACE` is Hotmart's cut. */
  source: CommissionSource;
}

/** Commission per participant of one sale (`sales.commissions`). */
export interface SalesCommissionsItem {
  transaction: string;
  product: ProductRef;
  /** Rate from the purchase value to the commission currency; 1 without conversion. */
  exchange_rate_currency_payout: number;
  commissions: SalesCommission[];
}

export interface SalesPriceCoupon {
  code: string;
  /** Documented as a fraction 0–1, but the docs' example shows 22.9: do not assume a range. */
  value: number;
}

/** Price breakdown of one purchase (`sales.priceDetails`). */
export interface SalesPriceDetailsItem {
  transaction: string;
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

export type SalesHistoryPage = PageResponse<SalesHistoryItem>;
export type SalesSummaryPage = PageResponse<SalesSummaryItem>;
export type SalesParticipantsPage = PageResponse<SalesParticipantsItem>;
export type SalesCommissionsPage = PageResponse<SalesCommissionsItem>;
export type SalesPriceDetailsPage = PageResponse<SalesPriceDetailsItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

const REPORT = {
  product_id: "value",
  start_date: "date",
  end_date: "date",
  transaction: "value",
  transaction_status: "value",
} as const;

const HISTORY = defineList<SalesHistoryParams, SalesHistoryItem>({
  call: "sales.history",
  path: "/payments/api/v1/sales/history",
  schema: "SalesHistoryPage",
  stringMeans: "transaction",
  filters: {
    ...REPORT,
    sales_source: "value",
    buyer_name: "value",
    buyer_email: "value",
    payment_type: "value",
    offer_code: "value",
    commission_as: "value",
  },
});

const SUMMARY = defineList<SalesSummaryParams, SalesSummaryItem>({
  call: "sales.summary",
  path: "/payments/api/v1/sales/summary",
  schema: "SalesSummaryPage",
  stringMeans: "transaction",
  filters: {
    ...REPORT,
    sales_source: "value",
    affiliate_name: "value",
    payment_type: "value",
    offer_code: "value",
  },
});

const PARTICIPANTS = defineList<SalesParticipantsParams, SalesParticipantsItem>({
  call: "sales.participants",
  path: "/payments/api/v1/sales/users",
  schema: "SalesParticipantsPage",
  stringMeans: "transaction",
  filters: {
    ...REPORT,
    buyer_email: "value",
    sales_source: "value",
    buyer_name: "value",
    affiliate_name: "value",
    commission_as: "value",
  },
});

const COMMISSIONS = defineList<SalesCommissionsParams, SalesCommissionsItem>({
  call: "sales.commissions",
  path: "/payments/api/v1/sales/commissions",
  schema: "SalesCommissionsPage",
  stringMeans: "transaction",
  filters: { ...REPORT, commission_as: "value" },
});

const PRICE_DETAILS = defineList<SalesPriceDetailsParams, SalesPriceDetailsItem>({
  call: "sales.priceDetails",
  path: "/payments/api/v1/sales/price/details",
  schema: "SalesPriceDetailsPage",
  stringMeans: "transaction",
  filters: { ...REPORT, payment_type: "value" },
});

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
    return this._list(HISTORY, params, options);
  }

  /**
   * Commission totals per currency. Filters: `product_id`, `start_date`, `end_date`, `transaction`,
   * `transaction_status`, `sales_source`, `affiliate_name`, `payment_type`, `offer_code`.
   *
   * @example
   * const { items } = await hotmart.sales.summary({ start_date: new Date("2026-01-01") });
   */
  summary(params?: SalesSummaryParams, options?: RequestOptions): PagePromise<SalesSummaryItem> {
    return this._list(SUMMARY, params, options);
  }

  /**
   * Buyer, producer, co-producer and affiliate details per sale (`/sales/users`). Filters:
   * `product_id`, `start_date`, `end_date`, `transaction`, `transaction_status`, `buyer_email`,
   * `sales_source`, `buyer_name`, `affiliate_name`, `commission_as`.
   *
   * @example
   * const { items } = await hotmart.sales.participants({ transaction: "HP17715690036014" });
   * const buyer = items[0]?.users.find((u) => u.role === "BUYER")?.user;
   */
  participants(
    params?: SalesParticipantsParams,
    options?: RequestOptions,
  ): PagePromise<SalesParticipantsItem> {
    return this._list(PARTICIPANTS, params, options);
  }

  /**
   * Commission per participant per sale; the PRODUCER entry is the producer's net revenue. Filters:
   * `product_id`, `start_date`, `end_date`, `transaction`, `transaction_status`, `commission_as`.
   *
   * @example
   * const { items } = await hotmart.sales.commissions({ transaction: "HP17715690036014" });
   */
  commissions(params?: SalesCommissionsParams, options?: RequestOptions): PagePromise<SalesCommissionsItem> {
    return this._list(COMMISSIONS, params, options);
  }

  /**
   * Price breakdown: base, total, VAT, interest, coupon, conversion rate. Filters: `product_id`,
   * `start_date`, `end_date`, `transaction`, `transaction_status`, `payment_type`.
   *
   * @example
   * const { items } = await hotmart.sales.priceDetails({ transaction: "HP17715690036014" });
   */
  priceDetails(
    params?: SalesPriceDetailsParams,
    options?: RequestOptions,
  ): PagePromise<SalesPriceDetailsItem> {
    return this._list(PRICE_DETAILS, params, options);
  }

  declare readonly historyAutopaginate: Autopaginate<Sales["history"]>;
  declare readonly summaryAutopaginate: Autopaginate<Sales["summary"]>;
  declare readonly participantsAutopaginate: Autopaginate<Sales["participants"]>;
  declare readonly commissionsAutopaginate: Autopaginate<Sales["commissions"]>;
  declare readonly priceDetailsAutopaginate: Autopaginate<Sales["priceDetails"]>;

  /**
   * Asks Hotmart to refund a sale (APPROVED or COMPLETE, not in trial, not paid by BACS/SEPA). Resolves
   * when Hotmart accepts it. Not idempotent: never retried after an ambiguous failure.
   *
   * @example
   * await hotmart.sales.refund("HP17715690036014");
   */
  refund(transaction: string, options?: RequestOptions): APIPromise<void> {
    return this._request(() => {
      checkId("transaction", transaction, 'the transaction code, e.g. "HP17715690036014"');
      return {
        call: "sales.refund",
        method: "PUT",
        path: path`/payments/api/v1/sales/${transaction}/refund`,
        empty: () => undefined,
      };
    }, options);
  }
}

defineAutopaginate(Sales, ["history", "summary", "participants", "commissions", "priceDetails"]);
