import { Hono } from "hono";
import type { SimContext } from "../context";
import {
  BILLING_TYPES,
  PAYMENT_TYPES,
  RECURRENCY_STATUSES,
  SUBSCRIPTION_PURCHASE_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "../data/enums";
import type { Subscription } from "../data/model";
import { ApiError, badParameter, notFound } from "../errors";
import { type ApiRequest, type AppEnv, handle } from "../http";
import { paginate } from "../pagination";
import { containsText, inRange, sameText } from "../query";
import {
  cancelResult,
  listItem,
  purchaseItem,
  shortResult,
  summaryItem,
  type TransactionRow,
  transactionItem,
  transactionPurchaseStatus,
} from "../shapes/subscriptions";
import { cancelRefusal, dueDayRefusal, reactivateRefusal } from "../state";
import { DAY } from "../time";

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
   * (`fail_subscriptions[].error`, §5.3), an unknown code too, even when no code is known.
   */
  function bulk(codes: string[], each: (sub: Subscription) => { ok: unknown } | { fail: unknown }) {
    const success: unknown[] = [];
    const fail: unknown[] = [];
    for (const code of codes) {
      const sub = find(code);
      if (!sub) {
        fail.push({ error: "SUBSCRIPTION_NOT_FOUND", subscriber_code: code });
        continue;
      }
      const outcome = each(sub);
      if ("ok" in outcome) success.push(outcome.ok);
      else fail.push(outcome.fail);
    }
    return { body: { success_subscriptions: success, fail_subscriptions: fail } };
  }

  app.post(
    "/cancel",
    handle((req) => {
      const body = objectBody(req);
      const codes = codeList(body);
      optionalBoolean(body, "send_mail");
      return bulk(codes, (sub) => {
        const refusal = cancelRefusal(sub);
        if (refusal) return { fail: shortResult(sub, "INACTIVE", refusal) };
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
        const refusal = reactivateRefusal(sub);
        if (refusal) {
          const status = refusal === "SUBSCRIPTION_ALREADY_ACTIVE" ? "ACTIVE" : "INACTIVE";
          return { fail: shortResult(sub, status, refusal) };
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
      if (cancelRefusal(sub)) {
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
      const refusal = reactivateRefusal(sub);
      if (refusal === "SUBSCRIPTION_CANNOT_BE_REACTIVATED") {
        throw new ApiError(
          400,
          "subscription_cannot_be_reactivated",
          `Subscription ${code} could not be reactivated.`,
        );
      }
      if (refusal === "SUBSCRIPTION_ALREADY_ACTIVE") {
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
      const refusal = dueDayRefusal(sub, now());
      if (refusal === "IN_TRIAL") {
        throw new ApiError(
          400,
          "subscription_in_trial_period",
          "The subscription due day cannot be changed during the trial period.",
        );
      }
      if (refusal === "NOT_BILLING") {
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
