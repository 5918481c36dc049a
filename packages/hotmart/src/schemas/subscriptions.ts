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

export const SubscriptionsListPlanSchema = loose({
  name: str,
  id: num,
  recurrency_period: RecurrencyPeriodSchema,
  max_charge_cycles: optNum,
});

export const SubscriptionsListProductSchema = loose({ id: num, name: str, ucode: str });

export const SubscriptionsListSubscriberSchema = loose({ name: str, email: str, ucode: str });

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

export const SubscriptionsListPageSchema: PageSchema<typeof SubscriptionsListItemSchema> =
  page(SubscriptionsListItemSchema);

// ---------------------------------------------------------------------------------------------------
// U2. summary
// ---------------------------------------------------------------------------------------------------

export const SubscriptionsSummaryLastRecurrencySchema = loose({
  number: num,
  request_date: num,
  status: RecurrencyStatusSchema,
  transaction_number: num,
  billing_type: BillingTypeSchema,
});

export const SubscriptionsUnpaidRecurrencySchema = loose({ number: num, charge_date: num });

export const SubscriptionsSummarySubscriberSchema = loose({ name: str, id: num, email: str });

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

export const SubscriptionsSummaryPageSchema: PageSchema<typeof SubscriptionsSummaryItemSchema> = page(
  SubscriptionsSummaryItemSchema,
);

// ---------------------------------------------------------------------------------------------------
// U3. transactions
// ---------------------------------------------------------------------------------------------------

export const SubscriptionsTransactionTrialInfoSchema = loose({
  trial: bool,
  trial_period: num,
  trial_end: num.nullable().exactOptional(),
});

export const SubscriptionsTransactionPlanSchema = loose({
  name: str,
  recurrency_period: RecurrencyPeriodSchema,
  recurrency_type: str,
  coupon_code: str.nullable().exactOptional(),
  offer: loose({ code: str, description: str, key: str }),
});

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

export const SubscriptionsTransactionCommissionSchema = loose({
  conversion_rate: num,
  currency: str,
  original_value: num,
  original_paid_value: num,
  producer_value: num,
  producer_paid_value: num,
});

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

export const SubscriptionsTransactionSubscriberSchema = loose({
  id: num,
  name: str,
  email: str,
  phone_ddd: optStr,
  phone: optStr,
});

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

export const SubscriptionsTransactionsPageSchema: PageSchema<typeof SubscriptionsTransactionsItemSchema> =
  page(SubscriptionsTransactionsItemSchema);

// ---------------------------------------------------------------------------------------------------
// U4. purchases (a bare array)
// ---------------------------------------------------------------------------------------------------

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

export const SubscriptionsPurchasesListSchema = z.array(SubscriptionsPurchasesItemSchema);

// ---------------------------------------------------------------------------------------------------
// U5–U8. cancel and reactivate (dates are "YYYY-MM-DD hh:mm:ss" strings here; every field optional)
// ---------------------------------------------------------------------------------------------------

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

export const SubscriptionsBulkResultSchema = loose({
  success_subscriptions: z.array(SubscriptionResultSchema),
  fail_subscriptions: z.array(SubscriptionResultSchema),
});
