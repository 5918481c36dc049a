/** Schemas of the subscription endpoints (resources/subscriptions.ts, docs/api-notes.md §8.2). */
import { z } from "zod";
import {
  BilletRecoveryTypeSchema,
  BillingTypeSchema,
  InstallmentTypeSchema,
  IntervalTypeSchema,
  PaymentMethodSchema,
  PaymentTypeSchema,
  PurchaseStatusSchema,
  RecurrencyPeriodSchema,
  RecurrencyStatusSchema,
  RecurrencyTransactionTypeSchema,
  RefusalMessageSchema,
  SubscriptionStatusSchema,
} from "./enums";
import {
  bool,
  either,
  loose,
  MoneySchema,
  num,
  openEnum,
  optNum,
  optStr,
  type PageSchema,
  ProductRefSchema,
  page,
  str,
} from "./shared";

// ---------------------------------------------------------------------------------------------------
// U1. list
// ---------------------------------------------------------------------------------------------------

/**
 * `SubscriptionsListPlan`: a subscription's plan in `subscriptions.list`: name, `id` (the `plan_id` filter),
 * `recurrency_period` in days, `max_charge_cycles`.
 */
export const SubscriptionsListPlanSchema = loose({
  name: str,
  id: num,
  recurrency_period: RecurrencyPeriodSchema,
  max_charge_cycles: optNum,
});

/** `SubscriptionsListProduct`: a subscription's product in `subscriptions.list`: `id`, `name` and `ucode`. */
export const SubscriptionsListProductSchema = loose({ id: num, name: str, ucode: str });

/**
 * `SubscriptionsListSubscriber`: the subscriber in `subscriptions.list`: name, e-mail and Hotmart user id
 * `ucode`.
 */
export const SubscriptionsListSubscriberSchema = loose({ name: str, email: str, ucode: str });

/**
 * `SubscriptionsListItem`: one subscription of `subscriptions.list` (GET /payments/api/v1/subscriptions):
 * codes, status, dates (epoch ms), plan, product, price, subscriber.
 */
export const SubscriptionsListItemSchema = loose({
  subscriber_code: str,
  subscription_id: num,
  status: SubscriptionStatusSchema,
  accession_date: num,
  end_accession_date: optNum,
  request_date: num,
  date_next_charge: num,
  trial: bool,
  transaction: str,
  plan: SubscriptionsListPlanSchema,
  product: SubscriptionsListProductSchema,
  price: MoneySchema,
  subscriber: SubscriptionsListSubscriberSchema,
});

/**
 * `SubscriptionsListPage`: the body of `subscriptions.list`, `{ items, page_info }`; the schema `validate`
 * checks it against.
 */
export const SubscriptionsListPageSchema: PageSchema<typeof SubscriptionsListItemSchema> =
  page(SubscriptionsListItemSchema);

// ---------------------------------------------------------------------------------------------------
// U2. summary
// ---------------------------------------------------------------------------------------------------

/**
 * `SubscriptionsSummaryLastRecurrency`: the latest recurrence in `subscriptions.summary`: number, request
 * date (epoch ms), payment status, billing type.
 */
export const SubscriptionsSummaryLastRecurrencySchema = loose({
  number: num,
  request_date: num,
  status: RecurrencyStatusSchema,
  transaction_number: num,
  billing_type: BillingTypeSchema,
});

/**
 * `SubscriptionsUnpaidRecurrency`: an unpaid recurrence in `subscriptions.summary`: its `number` and
 * `charge_date` (epoch ms).
 */
export const SubscriptionsUnpaidRecurrencySchema = loose({ number: num, charge_date: num });

/**
 * `SubscriptionsSummarySubscriber`: the subscriber in `subscriptions.summary`: name, numeric `id` and e-mail.
 */
export const SubscriptionsSummarySubscriberSchema = loose({ name: str, id: num, email: str });

/**
 * `SubscriptionsSummaryItem`: one subscription of `subscriptions.summary` (GET
 * /payments/api/v1/subscriptions/summary), with its last and unpaid recurrences.
 */
export const SubscriptionsSummaryItemSchema = loose({
  subscriber_code: str,
  subscription_id: num,
  status: SubscriptionStatusSchema,
  lifetime: num,
  accession_date: num,
  end_accession_date: optNum,
  trial: bool,
  plan: loose({ name: str, recurrency_period: RecurrencyPeriodSchema }),
  product: ProductRefSchema,
  offer: loose({ code: str }),
  last_recurrency: SubscriptionsSummaryLastRecurrencySchema,
  unpaid_recurrencies: z.array(SubscriptionsUnpaidRecurrencySchema),
  subscriber: SubscriptionsSummarySubscriberSchema,
});

/** `SubscriptionsSummaryPage`: the body of `subscriptions.summary`, `{ items, page_info }`. */
export const SubscriptionsSummaryPageSchema: PageSchema<typeof SubscriptionsSummaryItemSchema> = page(
  SubscriptionsSummaryItemSchema,
);

// ---------------------------------------------------------------------------------------------------
// U3. transactions
// ---------------------------------------------------------------------------------------------------

/**
 * `SubscriptionsTransactionTrialInfo`: a subscription's trial in `subscriptions.transactions`: whether it has
 * one, its length in days, and its end (epoch ms, may be `null`).
 */
export const SubscriptionsTransactionTrialInfoSchema = loose({
  trial: bool,
  trial_period: num,
  trial_end: num.nullable().exactOptional(),
});

/**
 * `SubscriptionsTransactionPlan`: the plan in `subscriptions.transactions`: name, `recurrency_period` in
 * days, `recurrency_type` (free text, e.g. `MONTHLY`), coupon and offer.
 */
export const SubscriptionsTransactionPlanSchema = loose({
  name: str,
  recurrency_period: RecurrencyPeriodSchema,
  recurrency_type: str,
  coupon_code: str.nullable().exactOptional(),
  offer: loose({ code: str, description: str, key: str }),
});

/**
 * `SubscriptionsTransactionRecurrency`: the recurrence a transaction belongs to in
 * `subscriptions.transactions`: number, status, start (epoch ms), how it came about, retries.
 */
export const SubscriptionsTransactionRecurrencySchema = loose({
  status: RecurrencyStatusSchema,
  number: num,
  start_datetime: num,
  payment_delay_days: optNum,
  /** The docs' example spelling of `payment_delay_days`. */
  payment_delays_days: optNum,
  transaction_type: RecurrencyTransactionTypeSchema,
  number_list: optStr,
  transaction_sequence: num,
  /** Documented as 1/0, sent as a boolean. */
  is_current_purchase: either(bool, z.literal([0, 1]), "boolean, 0 or 1"),
  has_retry: bool,
  scheduled_retry: optNum,
});

/**
 * `SubscriptionsTransactionPayment`: a transaction's payment in `subscriptions.transactions`: type, card
 * brand, refusal message, boleto and Pix dates (epoch ms).
 */
export const SubscriptionsTransactionPaymentSchema = loose({
  payment_type: PaymentTypeSchema,
  credit_card_flag: optStr,
  refusal_message: RefusalMessageSchema.exactOptional(),
  refund_chargeback_date: optNum,
  pix_expiration_date: optNum,
  billet_expiration_date: optNum,
  billet_reprint_code: optStr,
  billet_recovery_type: BilletRecoveryTypeSchema.exactOptional(),
});

/** Note `currency`, not `currency_code`, on this endpoint. */
export const SubscriptionsTransactionPriceSchema = loose({ currency: str, value: num, total_value: num });

/**
 * `SubscriptionsTransactionCommission`: the commission on a transaction in `subscriptions.transactions`, in
 * one commission currency: expected (`original_value`) and paid values, the producer's part, currency, rate.
 */
export const SubscriptionsTransactionCommissionSchema = loose({
  conversion_rate: num,
  currency: str,
  original_value: num,
  original_paid_value: num,
  producer_value: num,
  producer_paid_value: num,
});

/**
 * `SubscriptionsTransactionPurchase`: the purchase of a transaction in `subscriptions.transactions`:
 * transaction, dates (epoch ms), status, payment, instalment, price, commission.
 */
export const SubscriptionsTransactionPurchaseSchema = loose({
  transaction: str,
  order_date: num,
  approved_date: optNum,
  status: PurchaseStatusSchema,
  payment: SubscriptionsTransactionPaymentSchema,
  installment: loose({ installment_type: InstallmentTypeSchema, installment_number: num }),
  price: SubscriptionsTransactionPriceSchema,
  commission: SubscriptionsTransactionCommissionSchema,
});

/**
 * `SubscriptionsTransactionSubscriber`: the subscriber in `subscriptions.transactions`: numeric `id`, name,
 * e-mail and phone.
 */
export const SubscriptionsTransactionSubscriberSchema = loose({
  id: num,
  name: str,
  email: str,
  phone_ddd: optStr,
  phone: optStr,
});

/**
 * `SubscriptionsTransactionsItem`: one recurrence transaction of `subscriptions.transactions` (GET
 * /payments/api/v1/subscriptions/transactions).
 */
export const SubscriptionsTransactionsItemSchema = loose({
  subscription_id: num,
  last_update: num,
  subscriber_code: str,
  status: SubscriptionStatusSchema,
  billing_type: BillingTypeSchema,
  adoption_date: num,
  date_next_charge: num,
  last_recurrency_start_date: num,
  /** Null when not cancelled, and again after a reactivation. */
  cancellation_date: num.nullable(),
  max_cycles: optNum,
  last_recurrency_number: num,
  has_unpaid_recurrency: bool,
  has_credit_card_change: bool,
  is_paid_anticipation: bool,
  is_paid_negotiation: bool,
  product: ProductRefSchema,
  trial_info: SubscriptionsTransactionTrialInfoSchema,
  plan: SubscriptionsTransactionPlanSchema,
  recurrency: SubscriptionsTransactionRecurrencySchema,
  purchase: SubscriptionsTransactionPurchaseSchema,
  subscriber: SubscriptionsTransactionSubscriberSchema,
  producer: loose({ name: str }),
});

/** `SubscriptionsTransactionsPage`: the body of `subscriptions.transactions`, `{ items, page_info }`. */
export const SubscriptionsTransactionsPageSchema: PageSchema<typeof SubscriptionsTransactionsItemSchema> =
  page(SubscriptionsTransactionsItemSchema);

// ---------------------------------------------------------------------------------------------------
// U4. purchases (a bare array)
// ---------------------------------------------------------------------------------------------------

/**
 * `SubscriptionsPurchasesItem`: one payment of a subscriber's subscription (`subscriptions.purchases`):
 * transaction, status, price, payment, recurrence number, whether still under warranty.
 */
export const SubscriptionsPurchasesItemSchema = loose({
  transaction: str,
  approved_date: optNum,
  payment_engine: str,
  status: PurchaseStatusSchema,
  price: MoneySchema,
  payment_type: PaymentTypeSchema,
  payment_method: PaymentMethodSchema,
  recurrency_number: num,
  under_warranty: bool,
  purchase_subscription: bool,
});

/**
 * `SubscriptionsPurchasesItem[]`: the body of `subscriptions.purchases` (GET
 * /payments/api/v1/subscriptions/{subscriber_code}/purchases), a bare array, not a page.
 */
export const SubscriptionsPurchasesListSchema = z.array(SubscriptionsPurchasesItemSchema);

// ---------------------------------------------------------------------------------------------------
// U5–U8. cancel and reactivate (dates are "YYYY-MM-DD hh:mm:ss" strings here; every field optional)
// ---------------------------------------------------------------------------------------------------

/**
 * `SubscriptionResult`: what `subscriptions.cancelSingle` and `reactivateSingle` answer, and each entry of a
 * bulk result. Dates here are `"YYYY-MM-DD hh:mm:ss"` strings, not epoch ms; every field is optional; `error`
 * is set on a failed entry.
 */
export const SubscriptionResultSchema = loose({
  status: openEnum(["ACTIVE", "INACTIVE"]).exactOptional(),
  subscriber_code: optStr,
  creation_date: optStr,
  current_recurrence: optNum,
  date_last_recurrence: optStr,
  date_next_charge: optStr,
  due_day: optNum,
  trial_period: optNum,
  interval_type_between_charges: IntervalTypeSchema.exactOptional(),
  interval_between_charges: optNum,
  max_charge_cycles: optNum,
  activation_date: optStr,
  shopper: loose({ email: optStr, phone: optStr }).exactOptional(),
  error: openEnum([
    "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE",
    "SUBSCRIPTION_ALREADY_ACTIVE",
  ]).exactOptional(),
});

/**
 * `SubscriptionsBulkResult`: what `subscriptions.cancel` and `subscriptions.reactivate` answer: the entries
 * that succeeded and those that failed, each a `SubscriptionResult`. Per-item failures come inside a 200, not
 * as HTTP errors.
 */
export const SubscriptionsBulkResultSchema = loose({
  success_subscriptions: z.array(SubscriptionResultSchema),
  fail_subscriptions: z.array(SubscriptionResultSchema),
});
