import type { Recurrence, Sale, Subscription } from "../data/model";
import { commissionSplit, PAID, warrantyExpireDate } from "../data/sales";
import { DAY } from "../time";
import { datetimeString, formattedPhone, money } from "./common";

/** The wire shapes of the subscription endpoints (§8.2), built from the records in src/data/model.ts. */

const RECURRENCY_TYPE: Record<number, string> = {
  7: "WEEKLY",
  30: "MONTHLY",
  60: "BIMONTHLY",
  90: "QUARTERLY",
  180: "BIANNUAL",
  360: "ANNUAL",
};

function firstTransaction(sub: Subscription): string | undefined {
  return sub.recurrences[0]?.sales[0]?.transaction;
}

function lastPaid(sub: Subscription): Recurrence | undefined {
  return [...sub.recurrences].reverse().find((r) => r.status === "PAID");
}

export function listItem(sub: Subscription) {
  const transaction = firstTransaction(sub);
  return {
    subscriber_code: sub.subscriberCode,
    subscription_id: sub.id,
    status: sub.status,
    accession_date: sub.accessionDate,
    ...(sub.endAccessionDate !== undefined ? { end_accession_date: sub.endAccessionDate } : {}),
    request_date: sub.requestDate,
    date_next_charge: sub.dateNextCharge,
    trial: sub.trial,
    ...(transaction ? { transaction } : {}),
    plan: {
      name: sub.plan.name,
      id: sub.plan.id,
      recurrency_period: sub.plan.recurrencyPeriod,
      ...(sub.plan.maxChargeCycles !== undefined ? { max_charge_cycles: sub.plan.maxChargeCycles } : {}),
    },
    product: { id: sub.product.id, name: sub.product.name, ucode: sub.product.ucode },
    price: money(sub.plan.price, sub.plan.currency),
    subscriber: { name: sub.subscriber.name, email: sub.subscriber.email, ucode: sub.subscriber.ucode },
  };
}

function lifetime(sub: Subscription, now: number): number {
  const days = (to: number) => Math.max(0, Math.floor((to - sub.accessionDate) / DAY));
  switch (sub.status) {
    case "ACTIVE":
    case "DELAYED":
      return days(now);
    case "INACTIVE":
    case "STARTED":
      return 0;
    case "OVERDUE":
      return days(sub.dateNextCharge);
    default:
      return days(sub.cancellationDate ?? now);
  }
}

export function summaryItem(sub: Subscription, now: number) {
  const last = sub.recurrences.at(-1);
  return {
    subscriber_code: sub.subscriberCode,
    subscription_id: sub.id,
    status: sub.status,
    lifetime: lifetime(sub, now),
    accession_date: sub.accessionDate,
    ...(sub.endAccessionDate !== undefined ? { end_accession_date: sub.endAccessionDate } : {}),
    trial: sub.trial,
    plan: { name: sub.plan.name, recurrency_period: sub.plan.recurrencyPeriod },
    product: { name: sub.product.name, id: sub.product.id },
    offer: { code: sub.plan.offer.code },
    ...(last
      ? {
          last_recurrency: {
            number: last.number,
            request_date: last.startDate,
            status: last.status,
            transaction_number: last.sales.length,
            billing_type: sub.billingType,
          },
        }
      : {}),
    unpaid_recurrencies: sub.recurrences
      .filter((r) => r.status === "NOT_PAID")
      .map((r) => ({ number: r.number, charge_date: r.startDate })),
    subscriber: { name: sub.subscriber.name, id: sub.subscriber.id, email: sub.subscriber.email },
  };
}

/** `purchase.status` as the transactions report spells it: unpaid renewals are DELAYED there (§8.2 U3). */
export function transactionPurchaseStatus(sale: Sale): string {
  if (sale.status === "UNDER_ANALISYS") return "UNDER_ANALYSIS";
  if (sale.status === "NO_FUNDS" || sale.status === "CANCELLED")
    return sale.recurrencyNumber > 1 ? "DELAYED" : "CANCELLED";
  return sale.status;
}

export interface TransactionRow {
  sub: Subscription;
  recurrence: Recurrence;
  sale: Sale;
}

export function transactionItem(row: TransactionRow, now: number) {
  const { sub, recurrence, sale } = row;
  const paid = recurrence.sales.find((s) => PAID.has(s.status));
  const current = paid ? paid === sale : recurrence.sales.at(-1) === sale;
  const split = commissionSplit(sale);
  const stillPaid = PAID.has(sale.status);
  const producerValue =
    sale.commissionAs === "PRODUCER" ? split.producer : (split.coproducer ?? split.affiliate ?? 0);
  const retryPending =
    recurrence.status === "NOT_PAID" && sale.paymentType === "CREDIT_CARD" && recurrence.sales.length < 5;
  const nextRetry = recurrence.startDate + recurrence.sales.length * 3 * DAY;
  const cardFlag = sale.paymentMethod.startsWith("CREDIT_CARD_")
    ? sale.paymentMethod.slice("CREDIT_CARD_".length)
    : undefined;
  return {
    subscription_id: sub.id,
    last_update: Math.max(sale.approvedDate ?? sale.orderDate, sale.refundDate ?? 0),
    subscriber_code: sub.subscriberCode,
    status: sub.status,
    billing_type: sub.billingType,
    adoption_date: sub.requestDate,
    date_next_charge: sub.dateNextCharge,
    last_recurrency_start_date: sub.recurrences.at(-1)?.startDate ?? sub.accessionDate,
    cancellation_date: sub.cancellationDate ?? null,
    ...(sub.plan.maxChargeCycles !== undefined ? { max_cycles: sub.plan.maxChargeCycles } : {}),
    last_recurrency_number: sub.recurrences.at(-1)?.number ?? 0,
    has_unpaid_recurrency: sub.recurrences.some((r) => r.status === "NOT_PAID"),
    has_credit_card_change: sub.hasCreditCardChange,
    is_paid_anticipation: false,
    is_paid_negotiation: sub.isPaidNegotiation,
    product: { id: sub.product.id, name: sub.product.name },
    trial_info: { trial: sub.trial, trial_period: sub.trialDays, trial_end: sub.trialEnd ?? null },
    plan: {
      name: sub.plan.name,
      recurrency_period: sub.plan.recurrencyPeriod,
      recurrency_type: RECURRENCY_TYPE[sub.plan.recurrencyPeriod] ?? "MONTHLY",
      coupon_code: null,
      offer: { code: sub.plan.offer.code, description: sub.plan.offer.description, key: sub.plan.offer.code },
    },
    recurrency: {
      status: recurrence.status,
      number: recurrence.number,
      start_datetime: recurrence.startDate,
      payment_delay_days: Math.max(0, Math.floor(((sale.approvedDate ?? now) - recurrence.startDate) / DAY)),
      transaction_type: sale.transactionType,
      number_list: sale.numberList,
      transaction_sequence: sale.transactionSequence,
      is_current_purchase: current,
      has_retry: recurrence.sales.length > 1,
      ...(retryPending && nextRetry > now ? { scheduled_retry: nextRetry } : {}),
    },
    purchase: {
      transaction: sale.transaction,
      order_date: sale.orderDate,
      ...(sale.approvedDate !== undefined ? { approved_date: sale.approvedDate } : {}),
      status: transactionPurchaseStatus(sale),
      payment: {
        payment_type: sale.paymentType,
        ...(cardFlag ? { credit_card_flag: cardFlag } : {}),
        ...(sale.refusalMessage ? { refusal_message: sale.refusalMessage } : {}),
        ...(sale.refundDate !== undefined ? { refund_chargeback_date: sale.refundDate } : {}),
        ...(sale.cash?.pixCode ? { pix_expiration_date: sale.cash.expirationDate } : {}),
        ...(sale.cash?.billetUrl
          ? {
              billet_expiration_date: sale.cash.expirationDate,
              billet_reprint_code: sale.cash.billetUrl,
              billet_recovery_type: "AUTOMATIC",
            }
          : {}),
      },
      installment: {
        installment_type: sub.billingType === "SUBSCRIPTION" ? "CONVENTIONAL_INSTALLMENT" : sub.billingType,
        installment_number: sale.installments,
      },
      price: { currency: sale.currency, value: sale.base, total_value: sale.total },
      commission: {
        conversion_rate: sale.conversionRate,
        currency: sale.currency,
        original_value:
          sale.base - sale.feeTotal > 0 ? Math.round((sale.base - sale.feeTotal) * 100) / 100 : 0,
        original_paid_value: stillPaid ? Math.max(0, Math.round((sale.base - sale.feeTotal) * 100) / 100) : 0,
        producer_value: producerValue,
        producer_paid_value: stillPaid ? producerValue : 0,
      },
    },
    subscriber: {
      id: sub.subscriber.id,
      name: sub.subscriber.name,
      email: sub.subscriber.email,
      phone_ddd: sub.subscriber.phoneDdd,
      phone: sub.subscriber.phone,
    },
    producer: { name: sub.product.owner.name },
  };
}

export function purchaseItem(sale: Sale, now: number) {
  return {
    transaction: sale.transaction,
    ...(sale.approvedDate !== undefined ? { approved_date: sale.approvedDate } : {}),
    payment_engine: sale.currency === "BRL" ? "HotPay" : "HotPay Internacional",
    status: sale.status,
    price: money(sale.total, sale.currency),
    payment_type: sale.paymentType,
    payment_method: sale.paymentMethod,
    recurrency_number: sale.recurrencyNumber,
    under_warranty: PAID.has(sale.status) && warrantyExpireDate(sale) > now,
    purchase_subscription: sale.product.isSubscription,
  };
}

function interval(sub: Subscription): { type: string; count: number } {
  const days = sub.plan.recurrencyPeriod;
  if (days === 7) return { type: "WEEK", count: 1 };
  return { type: "MONTH", count: Math.max(1, Math.round(days / 30)) };
}

/** The cancel result (§8.2 `SubscriptionResult`): datetime strings, not epoch ms. */
export function cancelResult(sub: Subscription) {
  const last = sub.recurrences.at(-1);
  const paid = lastPaid(sub);
  const firstApproval = sub.recurrences
    .flatMap((r) => r.sales)
    .find((s) => s.approvedDate !== undefined)?.approvedDate;
  const { type, count } = interval(sub);
  return {
    status: "INACTIVE",
    subscriber_code: sub.subscriberCode,
    creation_date: datetimeString(sub.requestDate),
    current_recurrence: last?.number ?? 0,
    ...(paid ? { date_last_recurrence: datetimeString(paid.startDate) } : {}),
    date_next_charge: datetimeString(sub.dateNextCharge),
    due_day: sub.dueDay,
    trial_period: sub.trialDays,
    interval_type_between_charges: type,
    interval_between_charges: count,
    max_charge_cycles: sub.plan.maxChargeCycles ?? 0,
    activation_date: datetimeString(firstApproval ?? sub.accessionDate),
    shopper: { email: sub.subscriber.email, phone: formattedPhone(sub.subscriber) },
  };
}

/** The reduced result of reactivations, and of failures in the bulk lists. */
export function shortResult(sub: Subscription, status: string, error?: string) {
  return {
    status,
    ...(error ? { error } : {}),
    subscriber_code: sub.subscriberCode,
    creation_date: datetimeString(sub.requestDate),
    interval_between_charges: sub.plan.recurrencyPeriod,
    shopper: { email: sub.subscriber.email, phone: formattedPhone(sub.subscriber) },
  };
}
