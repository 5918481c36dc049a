import { Hono } from "hono";
import type { SimContext } from "../context";
import {
  BILLING_TYPES,
  PAYMENT_TYPES,
  RECURRENCY_STATUSES,
  SUBSCRIPTION_PURCHASE_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "../data/enums";
import type { Recurrence, Sale, Subscription } from "../data/model";
import { commissionSplit, PAID, warrantyExpireDate } from "../data/sales";
import { ApiError, badParameter, notFound } from "../errors";
import { type ApiRequest, type AppEnv, handle } from "../http";
import { paginate } from "../pagination";
import { containsText, inRange, sameText } from "../query";
import { LIVE_SUBSCRIPTION, REACTIVATABLE } from "../state";
import { datetimeString, formattedPhone, money } from "./shapes";

const DAY = 86_400_000;

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

function inTrial(sub: Subscription, now: number): boolean {
  return sub.trial && sub.trialEnd !== undefined && sub.trialEnd > now;
}

function listItem(sub: Subscription) {
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

function summaryItem(sub: Subscription, now: number) {
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
function transactionPurchaseStatus(sale: Sale): string {
  if (sale.status === "UNDER_ANALISYS") return "UNDER_ANALYSIS";
  if (sale.status === "NO_FUNDS" || sale.status === "CANCELLED")
    return sale.recurrencyNumber > 1 ? "DELAYED" : "CANCELLED";
  return sale.status;
}

interface TransactionRow {
  sub: Subscription;
  recurrence: Recurrence;
  sale: Sale;
}

function transactionItem(row: TransactionRow, now: number) {
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

function purchaseItem(sale: Sale, now: number) {
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
function cancelResult(sub: Subscription) {
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
function shortResult(sub: Subscription, status: string, error?: string) {
  return {
    status,
    ...(error ? { error } : {}),
    subscriber_code: sub.subscriberCode,
    creation_date: datetimeString(sub.requestDate),
    interval_between_charges: sub.plan.recurrencyPeriod,
    shopper: { email: sub.subscriber.email, phone: formattedPhone(sub.subscriber) },
  };
}

function objectBody(req: ApiRequest): Record<string, unknown> {
  const body = req.json();
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw badParameter("The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw badParameter(`'${name}' must be a boolean.`);
  return value;
}

function codeList(body: Record<string, unknown>): string[] {
  const codes = body.subscriber_code;
  if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === "string" && c !== "")) {
    throw badParameter("'subscriber_code' must be a non-empty list of subscriber codes.");
  }
  return codes as string[];
}

const ALREADY_CANCELLED = "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE";
const ALREADY_ACTIVE = "SUBSCRIPTION_ALREADY_ACTIVE";
const CANNOT_REACTIVATE = "SUBSCRIPTION_CANNOT_BE_REACTIVATED";

export const SUBSCRIPTIONS_BASE = "/payments/api/v1/subscriptions";

export function subscriptionRoutes(ctx: SimContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = () => ctx.clock.now();
  const find = (code: string) => ctx.data.subscription(code);

  app.get(
    "/",
    handle((req) => {
      const q = req.query;
      const t = now();
      const productId = q.int("product_id");
      const plans = q.strings("plan");
      const planId = q.int("plan_id");
      const statuses = new Set(q.manyOf("status", SUBSCRIPTION_STATUSES));
      const code = q.string("subscriber_code");
      const email = q.string("subscriber_email");
      const transaction = q.string("transaction");
      const trial = q.bool("trial");
      // The documented date defaults apply only to a range family the request uses (§11 #19).
      let accessionFrom = q.date("accession_date");
      const accessionTo = q.date("end_accession_date");
      if (accessionTo !== undefined && accessionFrom === undefined) accessionFrom = t - 30 * DAY;
      let cancelFrom = q.date("cancelation_date");
      let cancelTo = q.date("end_cancelation_date");
      if (cancelFrom !== undefined && cancelTo === undefined) cancelTo = t;
      if (cancelTo !== undefined && cancelFrom === undefined) cancelFrom = t - 30 * DAY;
      let chargeFrom = q.date("date_next_charge");
      const chargeTo = q.date("end_date_next_charge");
      if (chargeTo !== undefined && chargeFrom === undefined) chargeFrom = t;
      const matches = ctx.data.subscriptions.filter(
        (s) =>
          (productId === undefined || s.product.id === productId) &&
          (plans.length === 0 || plans.includes(s.plan.name)) &&
          (planId === undefined || s.plan.id === planId) &&
          (statuses.size === 0 || statuses.has(s.status)) &&
          (code === undefined || s.subscriberCode === code) &&
          (email === undefined || sameText(s.subscriber.email, email)) &&
          (transaction === undefined ||
            s.recurrences.some((r) => r.sales.some((x) => x.transaction === transaction))) &&
          (trial === undefined || s.trial === trial) &&
          inRange(s.accessionDate, accessionFrom, accessionTo) &&
          inRange(s.cancellationDate, cancelFrom, cancelTo) &&
          inRange(s.dateNextCharge, chargeFrom, chargeTo),
      );
      return { body: paginate(q, "subscriptions.list", matches, listItem, { totalResults: true }) };
    }),
  );

  app.get(
    "/summary",
    handle((req) => {
      const q = req.query;
      const t = now();
      const productId = q.int("product_id");
      const code = q.string("subscriber_code");
      let accessionFrom = q.date("accession_date");
      const accessionTo = q.date("end_accession_date");
      if (accessionTo !== undefined && accessionFrom === undefined) accessionFrom = t - 30 * DAY;
      const chargeFrom = q.date("date_next_charge");
      const matches = ctx.data.subscriptions.filter(
        (s) =>
          (productId === undefined || s.product.id === productId) &&
          (code === undefined || s.subscriberCode === code) &&
          inRange(s.accessionDate, accessionFrom, accessionTo) &&
          inRange(s.dateNextCharge, chargeFrom, undefined),
      );
      return {
        body: paginate(q, "subscriptions.summary", matches, (s) => summaryItem(s, t), {
          totalResults: false,
        }),
      };
    }),
  );

  app.get(
    "/transactions",
    handle((req) => {
      const q = req.query;
      const t = now();
      const productId = q.int("product_id");
      const transaction = q.string("transaction");
      const name = q.string("subscriber_name");
      const email = q.string("subscriber_email");
      const code = q.string("subscriber_code");
      const billing = q.oneOf("billing_type", BILLING_TYPES);
      const subscriptionStatus = q.oneOf("subscription_status", SUBSCRIPTION_STATUSES);
      const recurrencyStatus = q.oneOf("recurrency_status", RECURRENCY_STATUSES);
      const purchaseStatus = q.oneOf("purchase_status", [
        ...SUBSCRIPTION_PURCHASE_STATUSES,
        "UNDER_ANALISYS",
      ] as const);
      const offerCode = q.string("offer_code");
      const paymentType = q.oneOf("purchase_payment_type", PAYMENT_TYPES);
      // The last 30 days unless the request names a transaction or a period (§8.2 U3).
      const from = q.date("transaction_date") ?? (transaction === undefined ? t - 30 * DAY : undefined);
      const to = q.date("end_transaction_date");
      const wantedStatus = purchaseStatus === "UNDER_ANALISYS" ? "UNDER_ANALYSIS" : purchaseStatus;
      const rows: TransactionRow[] = [];
      for (const sub of ctx.data.subscriptions) {
        if (productId !== undefined && sub.product.id !== productId) continue;
        if (code !== undefined && sub.subscriberCode !== code) continue;
        if (email !== undefined && !sameText(sub.subscriber.email, email)) continue;
        if (name !== undefined && !containsText(sub.subscriber.name, name)) continue;
        if (billing !== undefined && sub.billingType !== billing) continue;
        if (subscriptionStatus !== undefined && sub.status !== subscriptionStatus) continue;
        if (offerCode !== undefined && sub.plan.offer.code !== offerCode) continue;
        for (const recurrence of sub.recurrences) {
          if (recurrencyStatus !== undefined && recurrence.status !== recurrencyStatus) continue;
          for (const sale of recurrence.sales) {
            if (transaction !== undefined && sale.transaction !== transaction) continue;
            if (wantedStatus !== undefined && transactionPurchaseStatus(sale) !== wantedStatus) continue;
            if (paymentType !== undefined && sale.paymentType !== paymentType) continue;
            if (!inRange(sale.orderDate, from, to)) continue;
            rows.push({ sub, recurrence, sale });
          }
        }
      }
      rows.sort((a, b) => b.sale.orderDate - a.sale.orderDate);
      return {
        body: paginate(q, "subscriptions.transactions", rows, (r) => transactionItem(r, t), {
          totalResults: false,
        }),
      };
    }),
  );

  app.get(
    "/:subscriber_code/purchases",
    handle((req) => {
      const code = req.params.subscriber_code ?? "";
      const sub = find(code);
      // The sandbox failure code answers "subscription not found" here (§8.2 U4).
      if (!sub || sub.magic === "failure") throw notFound(`Subscription ${code}`);
      const t = now();
      const sales = sub.recurrences.flatMap((r) => r.sales);
      return { body: sales.map((s) => purchaseItem(s, t)) };
    }),
  );

  /**
   * A bulk write, as Hotmart answers it: each code succeeds or fails on its own inside a 200
   * (`fail_subscriptions[].error`); only when no code is known at all is it a 404.
   */
  function bulk(codes: string[], each: (sub: Subscription) => { ok: unknown } | { fail: unknown }) {
    const success: unknown[] = [];
    const fail: unknown[] = [];
    let known = 0;
    for (const code of codes) {
      const sub = find(code);
      if (!sub) {
        fail.push({ error: "SUBSCRIPTION_NOT_FOUND", subscriber_code: code });
        continue;
      }
      known++;
      const outcome = each(sub);
      if ("ok" in outcome) success.push(outcome.ok);
      else fail.push(outcome.fail);
    }
    if (known === 0) throw notFound(`Subscriptions ${codes.join(", ")}`);
    return { body: { success_subscriptions: success, fail_subscriptions: fail } };
  }

  app.post(
    "/cancel",
    handle((req) => {
      const body = objectBody(req);
      const codes = codeList(body);
      optionalBoolean(body, "send_mail");
      return bulk(codes, (sub) => {
        if (sub.magic === "failure" || (sub.magic === undefined && !LIVE_SUBSCRIPTION.has(sub.status))) {
          return { fail: shortResult(sub, "INACTIVE", ALREADY_CANCELLED) };
        }
        ctx.actions.cancel(sub);
        return { ok: cancelResult(sub) };
      });
    }),
  );

  app.post(
    "/reactivate",
    handle((req) => {
      const body = objectBody(req);
      const codes = codeList(body);
      const charge = optionalBoolean(body, "charge") ?? false;
      return bulk(codes, (sub) => {
        if (sub.magic === "failure") return { fail: shortResult(sub, "INACTIVE", CANNOT_REACTIVATE) };
        if (sub.magic === undefined && !REACTIVATABLE.has(sub.status)) {
          return {
            fail:
              sub.status === "OVERDUE"
                ? shortResult(sub, "INACTIVE", CANNOT_REACTIVATE)
                : shortResult(sub, "ACTIVE", ALREADY_ACTIVE),
          };
        }
        ctx.actions.reactivate(sub, charge);
        // Until the subscriber accepts the e-mail, Hotmart reports the subscription as INACTIVE.
        return { ok: shortResult(sub, "INACTIVE") };
      });
    }),
  );

  app.post(
    "/:subscriber_code/cancel",
    handle((req) => {
      const code = req.params.subscriber_code ?? "";
      const body = objectBody(req);
      optionalBoolean(body, "send_mail");
      const sub = find(code);
      if (!sub) throw notFound(`Subscription ${code}`);
      if (sub.magic === "failure" || (sub.magic === undefined && !LIVE_SUBSCRIPTION.has(sub.status))) {
        throw new ApiError(
          400,
          "subscription_already_canceled_or_overdue",
          `Subscription ${code} is already cancelled or overdue.`,
        );
      }
      ctx.actions.cancel(sub);
      return { body: cancelResult(sub) };
    }),
  );

  app.post(
    "/:subscriber_code/reactivate",
    handle((req) => {
      const code = req.params.subscriber_code ?? "";
      const body = objectBody(req);
      const charge = optionalBoolean(body, "charge") ?? false;
      const sub = find(code);
      if (!sub) throw notFound(`Subscription ${code}`);
      if (sub.magic === "failure" || (sub.magic === undefined && sub.status === "OVERDUE")) {
        throw new ApiError(
          400,
          "subscription_cannot_be_reactivated",
          `Subscription ${code} could not be reactivated.`,
        );
      }
      if (sub.magic === undefined && !REACTIVATABLE.has(sub.status)) {
        throw new ApiError(400, "subscription_already_active", `Subscription ${code} is already active.`);
      }
      ctx.actions.reactivate(sub, charge);
      return { body: shortResult(sub, "INACTIVE") };
    }),
  );

  app.patch(
    "/:subscriber_code",
    handle((req) => {
      const code = req.params.subscriber_code ?? "";
      const body = objectBody(req);
      const sub = find(code);
      // The sandbox answers 400, not 404, for unknown codes on this endpoint (§8.2 U9).
      if (!sub) throw badParameter(`Subscription ${code} not found.`);
      const dueDay = body.due_day;
      const maxDay = sub.plan.recurrencyPeriod === 7 ? 7 : 31;
      if (typeof dueDay !== "number" || !Number.isInteger(dueDay) || dueDay < 1 || dueDay > maxDay) {
        throw badParameter(`'due_day' must be an integer from 1 to ${maxDay}.`);
      }
      if (sub.magic === "failure" || (sub.magic === undefined && inTrial(sub, now()))) {
        throw new ApiError(
          400,
          "subscription_in_trial_period",
          "The subscription due day cannot be changed during the trial period.",
        );
      }
      if (sub.magic === undefined && sub.status !== "ACTIVE" && sub.status !== "DELAYED") {
        throw badParameter(
          `Only ACTIVE or DELAYED subscriptions can change their due day; ${code} is ${sub.status}.`,
        );
      }
      ctx.actions.changeDueDay(sub, dueDay);
      return { status: 200 };
    }),
  );
  return app;
}
