/**
 * What each method of `client.subscriptions` sends: its path, its params and their checks. Imported on the
 * first call of one of its methods (subscriptions.ts), so an app loads it only when it uses subscriptions.
 */
import { HotmartInputError } from "../core/errors";
import { defineList } from "../core/list-definition";
import type { ResourceRequest } from "../core/resource";
import { checkBodyParams } from "../internal/params";
import { path } from "../internal/path";
import { checkId, checkOptionalBoolean, checkSubscriberCodes, show } from "./input-checks";
import type {
  SubscriptionCancelParams,
  SubscriptionReactivateParams,
  SubscriptionsListItem,
  SubscriptionsListParams,
  SubscriptionsSummaryItem,
  SubscriptionsSummaryParams,
  SubscriptionsTransactionsItem,
  SubscriptionsTransactionsParams,
} from "./subscriptions";

const SUBSCRIBER_CODE = 'the subscriber code, e.g. "B2HNQAXJ"';

export const LIST = defineList<SubscriptionsListParams, SubscriptionsListItem>({
  call: "subscriptions.list",
  path: "/payments/api/v1/subscriptions",
  schema: "SubscriptionsListPage",
  stringMeans: "subscriber_code",
  filters: {
    product_id: "value",
    plan: "values",
    plan_id: "value",
    accession_date: "date",
    end_accession_date: "date",
    status: "enums",
    subscriber_code: "value",
    subscriber_email: "value",
    transaction: "value",
    trial: "value",
    cancelation_date: "date",
    end_cancelation_date: "date",
    date_next_charge: "date",
    end_date_next_charge: "date",
  },
});

export const SUMMARY = defineList<SubscriptionsSummaryParams, SubscriptionsSummaryItem>({
  call: "subscriptions.summary",
  path: "/payments/api/v1/subscriptions/summary",
  schema: "SubscriptionsSummaryPage",
  stringMeans: "subscriber_code",
  filters: {
    product_id: "value",
    subscriber_code: "value",
    accession_date: "date",
    end_accession_date: "date",
    date_next_charge: "date",
  },
});

export const TRANSACTIONS = defineList<SubscriptionsTransactionsParams, SubscriptionsTransactionsItem>({
  call: "subscriptions.transactions",
  path: "/payments/api/v1/subscriptions/transactions",
  schema: "SubscriptionsTransactionsPage",
  stringMeans: "subscriber_code",
  filters: {
    product_id: "value",
    transaction: "value",
    subscriber_name: "value",
    subscriber_email: "value",
    subscriber_code: "value",
    billing_type: "enum",
    subscription_status: "enum",
    recurrency_status: "enum",
    purchase_status: "enum",
    transaction_date: "date",
    end_transaction_date: "date",
    offer_code: "value",
    purchase_payment_type: "enum",
  },
});

/** The write params of cancel and reactivate, checked by name so `cancel(codes, true)` is refused. */
function checkFlag(call: string, params: unknown, flag: "send_mail" | "charge", example: string): void {
  checkBodyParams(call, params, [flag], example);
  checkOptionalBoolean(flag, (params as Record<string, unknown> | undefined)?.[flag]);
}

/** The request of `subscriptions.purchases(subscriberCode)`, once its arguments pass their checks. */
export function purchases(subscriberCode: string): ResourceRequest {
  checkId("subscriberCode", subscriberCode, SUBSCRIBER_CODE);
  return {
    call: "subscriptions.purchases",
    method: "GET",
    path: path`/payments/api/v1/subscriptions/${subscriberCode}/purchases`,
    empty: () => [],
    // A bare array (§3): any other body is a fault, not a list of nothing.
    accept: Array.isArray,
    schema: "SubscriptionsPurchasesList",
  };
}

/** The request of `subscriptions.cancel(subscriberCodes, params)`, once its arguments pass their checks. */
export function cancel(
  subscriberCodes: readonly string[],
  params: undefined | SubscriptionCancelParams,
): ResourceRequest {
  checkSubscriberCodes("subscriberCodes", subscriberCodes, "cancelSingle(code)");
  checkFlag("subscriptions.cancel", params, "send_mail", "cancel(codes, { send_mail: true })");
  return {
    call: "subscriptions.cancel",
    method: "POST",
    path: path`/payments/api/v1/subscriptions/cancel`,
    body: { ...params, subscriber_code: [...subscriberCodes] },
    schema: "SubscriptionsBulkResult",
  };
}

/** The request of `subscriptions.cancelSingle(subscriberCode, params)`, once its arguments pass their checks. */
export function cancelSingle(
  subscriberCode: string,
  params: undefined | SubscriptionCancelParams,
): ResourceRequest {
  checkId("subscriberCode", subscriberCode, SUBSCRIBER_CODE);
  checkFlag("subscriptions.cancelSingle", params, "send_mail", "cancelSingle(code, { send_mail: true })");
  return {
    call: "subscriptions.cancelSingle",
    method: "POST",
    path: path`/payments/api/v1/subscriptions/${subscriberCode}/cancel`,
    body: { ...params },
    schema: "SubscriptionResult",
  };
}

/** The request of `subscriptions.reactivate(subscriberCodes, params)`, once its arguments pass their checks. */
export function reactivate(
  subscriberCodes: readonly string[],
  params: undefined | SubscriptionReactivateParams,
): ResourceRequest {
  checkSubscriberCodes("subscriberCodes", subscriberCodes, "reactivateSingle(code)");
  checkFlag("subscriptions.reactivate", params, "charge", "reactivate(codes, { charge: true })");
  return {
    call: "subscriptions.reactivate",
    method: "POST",
    path: path`/payments/api/v1/subscriptions/reactivate`,
    body: { ...params, subscriber_code: [...subscriberCodes] },
    schema: "SubscriptionsBulkResult",
  };
}

/** The request of `subscriptions.reactivateSingle(subscriberCode, params)`, once its arguments pass their checks. */
export function reactivateSingle(
  subscriberCode: string,
  params: undefined | SubscriptionReactivateParams,
): ResourceRequest {
  checkId("subscriberCode", subscriberCode, SUBSCRIBER_CODE);
  checkFlag("subscriptions.reactivateSingle", params, "charge", "reactivateSingle(code, { charge: true })");
  return {
    call: "subscriptions.reactivateSingle",
    method: "POST",
    path: path`/payments/api/v1/subscriptions/${subscriberCode}/reactivate`,
    body: { ...params },
    schema: "SubscriptionResult",
  };
}

/** The request of `subscriptions.changeDueDay(subscriberCode, dueDay)`, once its arguments pass their checks. */
export function changeDueDay(subscriberCode: string, dueDay: number): ResourceRequest {
  checkId("subscriberCode", subscriberCode, SUBSCRIBER_CODE);
  if (typeof dueDay !== "number" || !Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) {
    throw new HotmartInputError(
      `dueDay must be a whole number from 1 to 31, the day of the month to charge (got ${show(
        dueDay,
      )}); 31 means the last day in shorter months`,
    );
  }
  return {
    call: "subscriptions.changeDueDay",
    method: "PATCH",
    path: path`/payments/api/v1/subscriptions/${subscriberCode}`,
    body: { due_day: dueDay },
    empty: () => undefined,
  };
}
