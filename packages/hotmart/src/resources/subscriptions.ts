import type { APIPromise } from "../core/api-promise";
import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, type Autopaginate, defineAutopaginate, type PageParams } from "../core/resource";
import type { DateParam, EpochMs, OpenEnum, RequestOptions } from "../core/types";
import { snapshot } from "../internal/snapshot";
import type { DateTimeString, Money, OneOrMany, ProductRef } from "./common";
import type {
  BilletRecoveryType,
  BillingType,
  InstallmentType,
  IntervalType,
  PaymentMethod,
  PaymentType,
  PurchaseStatus,
  RecurrencyPeriod,
  RecurrencyStatus,
  RecurrencyTransactionType,
  RefusalMessage,
  SubscriptionStatus,
} from "./enums";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/**
 * Filters of `subscriptions.list`. The SDK sends no date defaults: without date filters Hotmart lists
 * every subscription.
 */
export interface SubscriptionsListParams extends PageParams {
  /** The subscription product's numeric id. */
  product_id?: number | undefined;
  /** Plan name; several names are sent as repeated keys. */
  plan?: OneOrMany<string> | undefined;
  /** The plan's numeric id. */
  plan_id?: number | undefined;
  /** Subscription start, from (epoch ms or a Date). */
  accession_date?: DateParam | undefined;
  /** Subscription start, until. */
  end_accession_date?: DateParam | undefined;
  /** Several statuses are sent as repeated keys (`status=DELAYED&status=OVERDUE`). */
  status?: OneOrMany<SubscriptionStatus> | undefined;
  /** One subscription, by its subscriber code (e.g. `B2HNQAXJ`). */
  subscriber_code?: string | undefined;
  /** The subscriber's e-mail address. */
  subscriber_email?: string | undefined;
  /** The transaction code (`HP…`) of the subscription's first purchase. */
  transaction?: string | undefined;
  /** With (true) or without (false) a trial. */
  trial?: boolean | undefined;
  /** Cancelled from this date (Hotmart spells it with one L). */
  cancelation_date?: DateParam | undefined;
  /** Cancelled until this date. */
  end_cancelation_date?: DateParam | undefined;
  /** Next charge attempt from this date. */
  date_next_charge?: DateParam | undefined;
  /** Next charge attempt until this date. */
  end_date_next_charge?: DateParam | undefined;
}

/** Filters of `subscriptions.summary` (`GET /payments/api/v1/subscriptions/summary`), plus paging. */
export interface SubscriptionsSummaryParams extends PageParams {
  /** The subscription product's numeric id. */
  product_id?: number | undefined;
  /** Alphanumeric, although the docs say "integer". */
  subscriber_code?: string | undefined;
  /** Subscription start, from (epoch ms or a Date). */
  accession_date?: DateParam | undefined;
  /** Subscription start, until. */
  end_accession_date?: DateParam | undefined;
  /** Next charge from this date. */
  date_next_charge?: DateParam | undefined;
}

/** Filters of `subscriptions.transactions`. Without `transaction`, Hotmart covers the last 30 days. */
export interface SubscriptionsTransactionsParams extends PageParams {
  /** The subscription product's numeric id. */
  product_id?: number | undefined;
  /** A transaction code; lifts the 30-day default window. */
  transaction?: string | undefined;
  /** The subscriber's name. */
  subscriber_name?: string | undefined;
  /** The subscriber's e-mail address. */
  subscriber_email?: string | undefined;
  /** One subscription's transactions (this replaces the non-existent `/subscriptions/{code}/transactions`). */
  subscriber_code?: string | undefined;
  /** The kind of recurring billing: `SUBSCRIPTION`, `SMART_INSTALLMENT` or `SMART_RECOVERY`. */
  billing_type?: BillingType | undefined;
  /** The subscription's status (`ACTIVE`, `DELAYED`, …). */
  subscription_status?: SubscriptionStatus | undefined;
  /** The recurrence's status (`PAID`, `NOT_PAID`, …). */
  recurrency_status?: RecurrencyStatus | undefined;
  /** The charge's purchase status (`APPROVED`, `REFUNDED`, …). */
  purchase_status?: PurchaseStatus | undefined;
  /** Period start; Hotmart's default is 30 days ago. */
  transaction_date?: DateParam | undefined;
  /** Period end. */
  end_transaction_date?: DateParam | undefined;
  /** May change when the plan changes. */
  offer_code?: string | undefined;
  /** How the charge was paid (`PIX`, `BILLET`, `CREDIT_CARD`, …). */
  purchase_payment_type?: PaymentType | undefined;
}

/** The JSON body of `subscriptions.cancel` and `cancelSingle` besides the codes. */
export interface SubscriptionCancelParams {
  /** E-mail the buyer about the cancellation (Hotmart's default: true). */
  send_mail?: boolean | undefined;
}

/** The JSON body of `subscriptions.reactivate` and `reactivateSingle` besides the codes. */
export interface SubscriptionReactivateParams {
  /** Charge at once on reactivation (Hotmart's default: false). The billing day stays as it was. */
  charge?: boolean | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** The plan a subscription is on (`plan` of `subscriptions.list`). */
export interface SubscriptionsListPlan {
  /** The plan's name: the `plan` filter matches it. */
  name: string;
  /** The plan's numeric id: the `plan_id` filter. */
  id: number;
  /** Days between charges: 7, 30, 60, 90, 180 or 360. */
  recurrency_period: RecurrencyPeriod;
  /** Absent: charged until cancelled. */
  max_charge_cycles?: number;
}

/** The subscription product (`product` of `subscriptions.list`): numeric id, name and UUID. */
export interface SubscriptionsListProduct extends ProductRef {
  /** The product UUID, what `products.offers` and `products.plans` take. */
  ucode: string;
}

/** The person who subscribes (`subscriber` of `subscriptions.list`). */
export interface SubscriptionsListSubscriber {
  /** The subscriber's name. */
  name: string;
  /** The subscriber's e-mail: the `subscriber_email` filter. */
  email: string;
  /** The subscriber's Hotmart user id (a UUID), as `buyer.ucode` in sales. */
  ucode: string;
}

/** One subscription, in real time (`subscriptions.list`). */
export interface SubscriptionsListItem {
  /** One buyer has a different code for each product. */
  subscriber_code: string;
  /** The numeric subscription id, what `negotiation.create` takes. */
  subscription_id: number;
  /** `ACTIVE`, `DELAYED`, `CANCELLED_BY_*`, `INACTIVE`, `STARTED` or `OVERDUE`: the `status` filter. */
  status: SubscriptionStatus;
  /** First access release. */
  accession_date: EpochMs;
  /** Date the subscriber asked to cancel. */
  end_accession_date?: EpochMs;
  /** Subscription creation. */
  request_date: EpochMs;
  /** Next charge; for a cancelled subscription the last day of access; for a late one the missed date. */
  date_next_charge: EpochMs;
  /** Has or had a trial. */
  trial: boolean;
  /** The transaction code (`HP` + digits) of the subscription's first purchase: the `transaction` filter. */
  transaction: string;
  /** The plan: name, id, period and number of charges. */
  plan: SubscriptionsListPlan;
  /** The subscription product: id, name and ucode. */
  product: SubscriptionsListProduct;
  /** Price per recurrence. */
  price: Money;
  /** Who subscribes: name, e-mail and ucode. */
  subscriber: SubscriptionsListSubscriber;
}

/** The latest recurrence (billing period) of a subscription (`last_recurrency` of `subscriptions.summary`). */
export interface SubscriptionsSummaryLastRecurrency {
  /** Cancelled/OVERDUE: the final one; STARTED/INACTIVE: the first; ACTIVE/DELAYED: the current. */
  number: number;
  /** Start of the last recurrence. */
  request_date: EpochMs;
  /** Whether it was paid: `PAID`, `NOT_PAID`, `CLAIMED`, `REFUNDED` or `CHARGEBACK`. */
  status: RecurrencyStatus;
  /** Charge attempts in that recurrence. */
  transaction_number: number;
  /** `SUBSCRIPTION`, `SMART_INSTALLMENT` or `SMART_RECOVERY`. */
  billing_type: BillingType;
}

/** A recurrence not paid yet (`unpaid_recurrencies[]` of `subscriptions.summary`); overdue ones can go to `negotiation.create`. */
export interface SubscriptionsUnpaidRecurrency {
  /** The recurrence number (1 is the first charge), as in `recurrences` of `negotiation.create`. */
  number: number;
  /** When it was due, epoch ms. */
  charge_date: EpochMs;
}

/** The subscriber (`subscriber` of `subscriptions.summary`). */
export interface SubscriptionsSummarySubscriber {
  /** The subscriber's name. */
  name: string;
  /** Hotmart's numeric buyer id. */
  id: number;
  /** The subscriber's e-mail. */
  email: string;
}

/** One subscription with the state of its last recurrence; may lag up to 24 h (`subscriptions.summary`). */
export interface SubscriptionsSummaryItem {
  /** The subscriber code (8 upper-case characters): the `subscriber_code` filter, what cancel and reactivate take. */
  subscriber_code: string;
  /** The numeric subscription id, what `negotiation.create` takes. */
  subscription_id: number;
  /** The subscription's status, as of the summary's last update (may lag 24 h). */
  status: SubscriptionStatus;
  /** Days: up to today (ACTIVE/DELAYED), to the cancellation (CANCELLED_*), 0 (INACTIVE/STARTED). */
  lifetime: number;
  /** When access was first released, epoch ms: what `accession_date` and `end_accession_date` bound. */
  accession_date: EpochMs;
  /** When the subscriber asked to cancel, epoch ms; absent when they did not. */
  end_accession_date?: EpochMs;
  /** Whether the subscription has or had a trial. */
  trial: boolean;
  /** The plan in force at the last recurrence. */
  plan: { name: string; recurrency_period: RecurrencyPeriod };
  /** The subscription product (numeric `id` and name). */
  product: ProductRef;
  /** The offer in force at the last recurrence. */
  offer: { code: string };
  /** The latest recurrence: its number, start, payment status and billing type. */
  last_recurrency: SubscriptionsSummaryLastRecurrency;
  /** Every recurrence not paid yet; empty when none is due. */
  unpaid_recurrencies: SubscriptionsUnpaidRecurrency[];
  /** The subscriber: name, numeric id, e-mail. */
  subscriber: SubscriptionsSummarySubscriber;
}

/** The trial of a subscription (`trial_info` of `subscriptions.transactions`). */
export interface SubscriptionsTransactionTrialInfo {
  /** Whether the subscription has or had a trial. */
  trial: boolean;
  /** Days. */
  trial_period: number;
  /** When the trial ends or ended, epoch ms; `null` without a trial. */
  trial_end?: EpochMs | null;
}

/** The plan in force for a transaction (`plan` of `subscriptions.transactions`). */
export interface SubscriptionsTransactionPlan {
  /** The plan's name. */
  name: string;
  /** Days; 30 when there is no plan. */
  recurrency_period: RecurrencyPeriod;
  /** e.g. `MONTHLY` (a free string). */
  recurrency_type: string;
  /** Set on anticipation recurrences. */
  coupon_code?: string | null;
  /** The offer in force: its code, description and key (the same code in the docs' example). */
  offer: { code: string; description: string; key: string };
}

/** The recurrence (billing period) a transaction belongs to (`recurrency` of `subscriptions.transactions`). */
export interface SubscriptionsTransactionRecurrency {
  /** Whether the recurrence is paid: `PAID`, `NOT_PAID`, `CLAIMED`, `REFUNDED` or `CHARGEBACK`. */
  status: RecurrencyStatus;
  /** The recurrence number, 1 for the first charge. */
  number: number;
  /** Due date (first charge transaction). */
  start_datetime: EpochMs;
  /** Days the recurrence's payment is late. */
  payment_delay_days?: number;
  /** The docs' example spelling of `payment_delay_days`. */
  payment_delays_days?: number;
  /** How the transaction came about: `AUTOMATIC` (the scheduled charge), `ANTICIPATION`, `NEGOTIATION`. */
  transaction_type: RecurrencyTransactionType;
  /** Comma-separated recurrence numbers anticipated or negotiated, e.g. `"3, 4"`. */
  number_list?: string;
  /** 1-based order of this transaction within its recurrence. */
  transaction_sequence: number;
  /** The paid purchase, or the latest if none is paid. Documented as 1/0, sent as a boolean. */
  is_current_purchase: boolean | 0 | 1;
  /** Automatic retries happened. */
  has_retry: boolean;
  /** Next automatic retry. */
  scheduled_retry?: EpochMs;
}

/** How a subscription charge was paid (`purchase.payment` of `subscriptions.transactions`). */
export interface SubscriptionsTransactionPayment {
  /** `CREDIT_CARD`, `PIX`, `BILLET`, …: the `purchase_payment_type` filter. */
  payment_type: PaymentType;
  /** Card brand, e.g. `VISA`. */
  credit_card_flag?: string;
  /** Why a card charge was refused, e.g. `INSUFFICIENT FUNDS` (with spaces). */
  refusal_message?: RefusalMessage;
  /** When the charge was refunded or charged back, epoch ms; absent otherwise. */
  refund_chargeback_date?: EpochMs;
  /** When the Pix code expires, epoch ms; Pix only. */
  pix_expiration_date?: EpochMs;
  /** When the boleto expires, epoch ms; boleto only. */
  billet_expiration_date?: EpochMs;
  /** A URL. */
  billet_reprint_code?: string;
  /** `AUTOMATIC` or `MANUAL` boleto recovery; boleto only. */
  billet_recovery_type?: BilletRecoveryType;
}

/** Note `currency`, not `currency_code`, on this endpoint. */
export interface SubscriptionsTransactionPrice {
  /** ISO-4217 code, e.g. `BRL` (named `currency` on this endpoint). */
  currency: string;
  /** Charged for the recurrence. */
  value: number;
  /** With instalment fees and taxes. */
  total_value: number;
}

/** One row per commission currency. */
export interface SubscriptionsTransactionCommission {
  /** The conversion rate for this commission currency (`1.0` without conversion in the docs' example; not described further). */
  conversion_rate: number;
  /** ISO-4217 code of the commission amounts, e.g. `BRL`. */
  currency: string;
  /** Expected total commission, paid or not. */
  original_value: number;
  /** Paid, in the commission currency; 0 after a refund or chargeback. */
  original_paid_value: number;
  /** Expected producer commission, paid or not. */
  producer_value: number;
  /** Paid and not refunded. */
  producer_paid_value: number;
}

/** The charge itself (`purchase` of `subscriptions.transactions`): status, payment, price and commission. */
export interface SubscriptionsTransactionPurchase {
  /** The charge's transaction code (`HP` + digits): the `transaction` filter, what `sales.refund` takes. */
  transaction: string;
  /** When the charge was created, epoch ms. */
  order_date: EpochMs;
  /** Absent until the payment is approved. */
  approved_date?: EpochMs;
  /** Spelled `UNDER_ANALYSIS` here. `DELAYED`: a 2nd+ recurrence not paid. */
  status: PurchaseStatus;
  /** How it was paid, and why a card was refused when it was. */
  payment: SubscriptionsTransactionPayment;
  /** The instalment kind and the instalments per recurrence (for periods longer than a month). */
  installment: { installment_type: InstallmentType; installment_number: number };
  /** The amount charged (`value`) and the total with fees and taxes (`total_value`), in currency units. */
  price: SubscriptionsTransactionPrice;
  /** Commission expected and paid, in the commission currency. */
  commission: SubscriptionsTransactionCommission;
}

/** The subscriber (`subscriber` of `subscriptions.transactions`). */
export interface SubscriptionsTransactionSubscriber {
  /** Hotmart's numeric buyer id (as `subscriber.id` of `subscriptions.summary`). */
  id: number;
  /** The subscriber's name: the `subscriber_name` filter. */
  name: string;
  /** The subscriber's e-mail: the `subscriber_email` filter. */
  email: string;
  /** The phone's area code (Brazilian DDD), e.g. `31`. */
  phone_ddd?: string;
  /** The phone number without the area code. */
  phone?: string;
}

/** One charge transaction of one recurrence; may lag up to 24 h (`subscriptions.transactions`). */
export interface SubscriptionsTransactionsItem {
  /** The numeric subscription id, what `negotiation.create` takes. */
  subscription_id: number;
  /** Last update of this row. */
  last_update: EpochMs;
  /** The subscriber code (8 upper-case characters): the `subscriber_code` filter. */
  subscriber_code: string;
  /** The subscription's status: the `subscription_status` filter. */
  status: SubscriptionStatus;
  /** `SUBSCRIPTION`, `SMART_INSTALLMENT` or `SMART_RECOVERY`: the `billing_type` filter. */
  billing_type: BillingType;
  /** Sign-up request, even for STARTED/INACTIVE; not the activation date. */
  adoption_date: EpochMs;
  /** The next charge attempt, epoch ms. */
  date_next_charge: EpochMs;
  /** When the latest recurrence started, epoch ms. */
  last_recurrency_start_date: EpochMs;
  /** Null when not cancelled, and null again after a reactivation. */
  cancellation_date: EpochMs | null;
  /** Absent: until cancelled. */
  max_cycles?: number;
  /** The latest recurrence's number (cancelled/OVERDUE: the final one; STARTED/INACTIVE: the first). */
  last_recurrency_number: number;
  /** Whether any recurrence is unpaid. */
  has_unpaid_recurrency: boolean;
  /** Billing suspended by payment-method restrictions. */
  has_credit_card_change: boolean;
  /** Whether the subscription has a paid anticipation transaction. */
  is_paid_anticipation: boolean;
  /** Whether it has a paid negotiation transaction (`negotiation.create`). */
  is_paid_negotiation: boolean;
  /** The subscription product (numeric `id` and name). */
  product: ProductRef;
  /** Whether there is a trial, how long, and when it ends. */
  trial_info: SubscriptionsTransactionTrialInfo;
  /** The plan and offer in force. */
  plan: SubscriptionsTransactionPlan;
  /** The recurrence this transaction belongs to. */
  recurrency: SubscriptionsTransactionRecurrency;
  /** The charge: status, payment, price, commission. */
  purchase: SubscriptionsTransactionPurchase;
  /** Who subscribes. */
  subscriber: SubscriptionsTransactionSubscriber;
  /** The producer's name. */
  producer: { name: string };
}

/** One recurrence payment (`subscriptions.purchases`). */
export interface SubscriptionsPurchasesItem {
  /** The payment's transaction code (`HP` + digits), what `sales.refund` takes. */
  transaction: string;
  /** When the payment was approved, epoch ms; absent when it was not. */
  approved_date?: EpochMs;
  /** e.g. `HotPay`, `HotPay Internacional`. */
  payment_engine: string;
  /** The payment's status, e.g. `APPROVED`, `COMPLETE`, `REFUNDED`. */
  status: PurchaseStatus;
  /** The amount paid: `value` in currency units and its `currency_code`. */
  price: Money;
  /** `CREDIT_CARD`, `PIX`, `BILLET`, … */
  payment_type: PaymentType;
  /** May come as `VISA_CREDIT_CARD` here rather than `CREDIT_CARD_VISA`. */
  payment_method: PaymentMethod;
  /** The recurrence this payment is for, 1 for the first charge. */
  recurrency_number: number;
  /** Still inside the refund window. */
  under_warranty: boolean;
  /** The purchase belongs to a subscription product. */
  purchase_subscription: boolean;
}

/**
 * What cancel and reactivate answer per subscription. Dates are `"YYYY-MM-DD hh:mm:ss"` strings here, not
 * epoch ms. Every field is optional: reactivate and failed entries carry only a few.
 */
export interface SubscriptionResult {
  /** Both cancel and reactivate normally answer `INACTIVE` (reactivation waits for the subscriber's consent). */
  status?: OpenEnum<"ACTIVE" | "INACTIVE">;
  /** The subscriber code the entry is about. */
  subscriber_code?: string;
  /** When the subscription was created, `"YYYY-MM-DD hh:mm:ss"` (time zone not stated). */
  creation_date?: DateTimeString;
  /** Cancel only. */
  current_recurrence?: number;
  /** Last payment; cancel only. */
  date_last_recurrence?: DateTimeString;
  /** The next charge date, `"YYYY-MM-DD hh:mm:ss"`. Cancel only. */
  date_next_charge?: DateTimeString;
  /** Day of the month; for weekly plans the day of the week (1 = Monday … 7 = Sunday). */
  due_day?: number;
  /** Days. */
  trial_period?: number;
  /** The unit of `interval_between_charges`: `DAY`, `WEEK`, `MONTH` or `INVOICE`. Cancel only. */
  interval_type_between_charges?: IntervalType;
  /** Cancel: a count of `interval_type_between_charges` units. Reactivate: days. Not converted. */
  interval_between_charges?: number;
  /** 0 means until cancelled. */
  max_charge_cycles?: number;
  /** When the subscription was activated, `"YYYY-MM-DD hh:mm:ss"`. Cancel only. */
  activation_date?: DateTimeString;
  /** The subscriber's e-mail and phone (free format, e.g. `(31) 99999-0000`). */
  shopper?: { email?: string; phone?: string };
  /** Only in `fail_subscriptions`. */
  error?: OpenEnum<"SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE" | "SUBSCRIPTION_ALREADY_ACTIVE">;
}

/** Bulk cancel/reactivate: per-item failures come inside a 200, not as HTTP errors. */
export interface SubscriptionsBulkResult {
  /** One entry per subscription Hotmart cancelled or reactivated. */
  success_subscriptions: SubscriptionResult[];
  /** One entry per subscription it refused, with `error` (e.g. `SUBSCRIPTION_ALREADY_ACTIVE`); may be partial. */
  fail_subscriptions: SubscriptionResult[];
}

/** One page of `subscriptions.list`: `items` and `page_info` (with `total_results`). */
export type SubscriptionsListPage = PageResponse<SubscriptionsListItem>;
/** One page of `subscriptions.summary`: `items` and `page_info` (no `total_results`). */
export type SubscriptionsSummaryPage = PageResponse<SubscriptionsSummaryItem>;
/** One page of `subscriptions.transactions`: `items` and `page_info` (no `total_results`). */
export type SubscriptionsTransactionsPage = PageResponse<SubscriptionsTransactionsItem>;
/** The answer of `subscriptions.purchases`: a bare array, not paginated. */
export type SubscriptionsPurchasesList = SubscriptionsPurchasesItem[];

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

// What each method sends, with its checks, is in subscriptions-requests.ts: loaded on the first call.
const requests = () => import("./subscriptions-requests");

/** Subscriptions (`/payments/api/v1/subscriptions...`). */
export class Subscriptions extends APIResource {
  /**
   * Subscriptions and subscribers, in real time. Filters: `product_id`, `plan` (one or several),
   * `plan_id`, `accession_date`, `end_accession_date`, `status` (one or several), `subscriber_code`,
   * `subscriber_email`, `transaction`, `trial`, `cancelation_date`, `end_cancelation_date`,
   * `date_next_charge`, `end_date_next_charge`; paging: `max_results`, `page_token`, `select`.
   *
   * @example
   * for await (const sub of hotmart.subscriptions.list({ status: ["ACTIVE", "DELAYED"], subscriber_email: "arthur.santos@example.com" })) {
   *   console.log(sub.subscriber_code, sub.status, new Date(sub.date_next_charge));
   * }
   */
  list(params?: SubscriptionsListParams, options?: RequestOptions): PagePromise<SubscriptionsListItem> {
    return this._list(async () => (await requests()).LIST, params, options);
  }

  /**
   * One row per subscription with its last recurrence (may lag 24 h). Filters: `product_id`,
   * `subscriber_code`, `accession_date`, `end_accession_date`, `date_next_charge`.
   *
   * @example
   * const { items } = await hotmart.subscriptions.summary({ subscriber_code: "B2HNQAXJ" });
   */
  summary(
    params?: SubscriptionsSummaryParams,
    options?: RequestOptions,
  ): PagePromise<SubscriptionsSummaryItem> {
    return this._list(async () => (await requests()).SUMMARY, params, options);
  }

  /**
   * Every charge transaction (may lag 24 h; without `transaction`, the last 30 days). Filters:
   * `product_id`, `transaction`, `subscriber_name`, `subscriber_email`, `subscriber_code` (one
   * subscription), `billing_type`, `subscription_status`, `recurrency_status`, `purchase_status`,
   * `transaction_date`, `end_transaction_date`, `offer_code`, `purchase_payment_type`.
   *
   * @example
   * for await (const tx of hotmart.subscriptions.transactions({ subscriber_code: "B2HNQAXJ" })) {
   *   console.log(tx.recurrency.number, tx.purchase.status);
   * }
   */
  transactions(
    params?: SubscriptionsTransactionsParams,
    options?: RequestOptions,
  ): PagePromise<SubscriptionsTransactionsItem> {
    return this._list(async () => (await requests()).TRANSACTIONS, params, options);
  }

  /** `list` as an async generator (hotmart-python's `list_autopaginate`): every subscription of every page. */
  declare readonly listAutopaginate: Autopaginate<Subscriptions["list"]>;
  /** `summary` as an async generator (hotmart-python's `summary_autopaginate`): every row of every page. */
  declare readonly summaryAutopaginate: Autopaginate<Subscriptions["summary"]>;
  /** `transactions` as an async generator: every charge transaction of every page. */
  declare readonly transactionsAutopaginate: Autopaginate<Subscriptions["transactions"]>;

  /**
   * Every recurrence payment of one subscription (a plain array, not paginated).
   *
   * @example
   * const payments = await hotmart.subscriptions.purchases("B2HNQAXJ");
   */
  purchases(subscriberCode: string, options?: RequestOptions): APIPromise<SubscriptionsPurchasesItem[]> {
    return this._request(async () => (await requests()).purchases(subscriberCode), options);
  }

  /**
   * Cancels several subscriptions; per-code failures come back in `fail_subscriptions`. Not idempotent.
   *
   * @example
   * const { success_subscriptions, fail_subscriptions } = await hotmart.subscriptions.cancel(["B2HNQAXJ"], { send_mail: false });
   */
  cancel(
    subscriberCodes: readonly string[],
    params?: SubscriptionCancelParams,
    options?: RequestOptions,
  ): APIPromise<SubscriptionsBulkResult> {
    // The checks run after an await: they see the arguments as they were at the call.
    const subscriberCodesGiven = snapshot(subscriberCodes);
    const paramsGiven = snapshot(params);
    return this._request(async () => (await requests()).cancel(subscriberCodesGiven, paramsGiven), options);
  }

  /**
   * Cancels one subscription (a SUBSCRIPTION_CANCELLATION webhook follows). Not idempotent.
   *
   * @example
   * const result = await hotmart.subscriptions.cancelSingle("B2HNQAXJ", { send_mail: true });
   * console.log(result.status, result.date_next_charge);
   */
  cancelSingle(
    subscriberCode: string,
    params?: SubscriptionCancelParams,
    options?: RequestOptions,
  ): APIPromise<SubscriptionResult> {
    // The checks run after an await: they see the arguments as they were at the call.
    const paramsGiven = snapshot(params);
    return this._request(async () => (await requests()).cancelSingle(subscriberCode, paramsGiven), options);
  }

  /**
   * Reactivates several inactive subscriptions. Each subscriber gets an e-mail to accept within 3 days;
   * until then the status stays INACTIVE.
   *
   * @example
   * const { fail_subscriptions } = await hotmart.subscriptions.reactivate(["B2HNQAXJ"], { charge: false });
   * for (const f of fail_subscriptions) console.log(f.subscriber_code, f.error);
   */
  reactivate(
    subscriberCodes: readonly string[],
    params?: SubscriptionReactivateParams,
    options?: RequestOptions,
  ): APIPromise<SubscriptionsBulkResult> {
    // The checks run after an await: they see the arguments as they were at the call.
    const subscriberCodesGiven = snapshot(subscriberCodes);
    const paramsGiven = snapshot(params);
    return this._request(
      async () => (await requests()).reactivate(subscriberCodesGiven, paramsGiven),
      options,
    );
  }

  /**
   * Reactivates one inactive subscription, after the subscriber's consent by e-mail.
   *
   * @example
   * await hotmart.subscriptions.reactivateSingle("B2HNQAXJ", { charge: true });
   */
  reactivateSingle(
    subscriberCode: string,
    params?: SubscriptionReactivateParams,
    options?: RequestOptions,
  ): APIPromise<SubscriptionResult> {
    // The checks run after an await: they see the arguments as they were at the call.
    const paramsGiven = snapshot(params);
    return this._request(
      async () => (await requests()).reactivateSingle(subscriberCode, paramsGiven),
      options,
    );
  }

  /**
   * Changes the billing day (1–31; 31 falls back to the month's last day) of an ACTIVE or DELAYED
   * subscription outside its trial. It applies after the charge already scheduled.
   *
   * @example
   * await hotmart.subscriptions.changeDueDay("B2HNQAXJ", 10);
   */
  changeDueDay(subscriberCode: string, dueDay: number, options?: RequestOptions): APIPromise<void> {
    return this._request(async () => (await requests()).changeDueDay(subscriberCode, dueDay), options);
  }
}

defineAutopaginate(Subscriptions, ["list", "summary", "transactions"]);
