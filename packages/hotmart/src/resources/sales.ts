import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, autopaginate, type PageParams } from "../core/resource";
import type { DateParam, EpochMs, RequestOptions } from "../core/types";
import { path } from "../internal/path";
import type { ExtraParams, Money, ProductRef } from "./common";
import type {
  CommissionAs,
  CommissionSource,
  DocumentType,
  OfferPaymentMode,
  ParticipantRole,
  PaymentMethod,
  PaymentType,
  PurchaseStatus,
} from "./enums";
import { checkId, checkPage, guardPage } from "./validate";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/**
 * Filters every sales report takes. Unless `transaction` or `transaction_status` is given, Hotmart
 * returns only APPROVED and COMPLETE purchases.
 */
export interface SalesReportParams extends PageParams, ExtraParams {
  /** The numeric product id. */
  product_id?: number | undefined;
  /** Period start (epoch ms or a Date). */
  start_date?: DateParam | undefined;
  /** Period end (epoch ms or a Date). */
  end_date?: DateParam | undefined;
  /** A transaction code (`HP…`); finds the sale whatever its status. */
  transaction?: string | undefined;
  /** One status; replaces the default APPROVED+COMPLETE filter. */
  transaction_status?: PurchaseStatus | undefined;
}

export interface SalesHistoryParams extends SalesReportParams {
  /** The `src` tracking code of the payment link (`?src=campaignA`). */
  sales_source?: string | undefined;
  buyer_name?: string | undefined;
  buyer_email?: string | undefined;
  payment_type?: PaymentType | undefined;
  offer_code?: string | undefined;
  /** The role the authenticated account played in the sale. */
  commission_as?: CommissionAs | undefined;
}

export interface SalesSummaryParams extends SalesReportParams {
  sales_source?: string | undefined;
  /** The affiliate responsible for the sale. */
  affiliate_name?: string | undefined;
  payment_type?: PaymentType | undefined;
  offer_code?: string | undefined;
}

export interface SalesParticipantsParams extends SalesReportParams {
  buyer_email?: string | undefined;
  sales_source?: string | undefined;
  buyer_name?: string | undefined;
  affiliate_name?: string | undefined;
  commission_as?: CommissionAs | undefined;
}

export interface SalesCommissionsParams extends SalesReportParams {
  commission_as?: CommissionAs | undefined;
}

export interface SalesPriceDetailsParams extends SalesReportParams {
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

/** Sales reports and refunds (`/payments/api/v1/sales/...`). */
export class Sales extends APIResource {
  /** Sales, one item per transaction. */
  history(params?: SalesHistoryParams, options?: RequestOptions): PagePromise<SalesHistoryItem> {
    return guardPage(() =>
      this._list<SalesHistoryItem>(
        path`/payments/api/v1/sales/history`,
        checkPage(params),
        options,
        "SalesHistoryPage",
      ),
    );
  }

  /** Commission totals per currency. */
  summary(params?: SalesSummaryParams, options?: RequestOptions): PagePromise<SalesSummaryItem> {
    return guardPage(() =>
      this._list<SalesSummaryItem>(
        path`/payments/api/v1/sales/summary`,
        checkPage(params),
        options,
        "SalesSummaryPage",
      ),
    );
  }

  /** Buyer, producer, co-producer and affiliate details per sale (`/sales/users`). */
  participants(
    params?: SalesParticipantsParams,
    options?: RequestOptions,
  ): PagePromise<SalesParticipantsItem> {
    return guardPage(() =>
      this._list<SalesParticipantsItem>(
        path`/payments/api/v1/sales/users`,
        checkPage(params),
        options,
        "SalesParticipantsPage",
      ),
    );
  }

  /** Commission per participant per sale; the PRODUCER entry is the producer's net revenue. */
  commissions(params?: SalesCommissionsParams, options?: RequestOptions): PagePromise<SalesCommissionsItem> {
    return guardPage(() =>
      this._list<SalesCommissionsItem>(
        path`/payments/api/v1/sales/commissions`,
        checkPage(params),
        options,
        "SalesCommissionsPage",
      ),
    );
  }

  /** Price breakdown: base, total, VAT, interest, coupon, conversion rate. */
  priceDetails(
    params?: SalesPriceDetailsParams,
    options?: RequestOptions,
  ): PagePromise<SalesPriceDetailsItem> {
    return guardPage(() =>
      this._list<SalesPriceDetailsItem>(
        path`/payments/api/v1/sales/price/details`,
        checkPage(params),
        options,
        "SalesPriceDetailsPage",
      ),
    );
  }

  readonly historyAutopaginate = autopaginate(this.history.bind(this));
  readonly summaryAutopaginate = autopaginate(this.summary.bind(this));
  readonly participantsAutopaginate = autopaginate(this.participants.bind(this));
  readonly commissionsAutopaginate = autopaginate(this.commissions.bind(this));
  readonly priceDetailsAutopaginate = autopaginate(this.priceDetails.bind(this));

  /**
   * Asks Hotmart to refund a sale (APPROVED or COMPLETE, not in trial, not paid by BACS/SEPA). Resolves
   * when Hotmart accepts it. Not idempotent: never retried after an ambiguous failure.
   */
  async refund(transaction: string, options?: RequestOptions): Promise<void> {
    checkId("transaction", transaction, 'the transaction code, e.g. "HP17715690036014"');
    await this._request(
      { method: "PUT", path: path`/payments/api/v1/sales/${transaction}/refund`, empty: () => undefined },
      options,
    );
  }
}
