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
    plan: "value",
    plan_id: "value",
    accession_date: "date",
    end_accession_date: "date",
    status: "value",
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
    billing_type: "value",
    subscription_status: "value",
    recurrency_status: "value",
    purchase_status: "value",
    transaction_date: "date",
    end_transaction_date: "date",
    offer_code: "value",
    purchase_payment_type: "value",
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
    schema: "SubscriptionsPurchasesList",
  };
}

/**
 * The two changes of a subscription's status and the one flag each takes besides the codes: a
 * cancellation can e-mail the subscriber, a reactivation can charge at once.
 */
const STATUS_CHANGES = { cancel: "send_mail", reactivate: "charge" } as const;
type StatusChange = keyof typeof STATUS_CHANGES;

/** `subscriptions.cancel` / `.reactivate`: many subscribers in one request, once the arguments pass. */
function changeMany(
  change: StatusChange,
  subscriberCodes: readonly string[],
  params: undefined | SubscriptionCancelParams | SubscriptionReactivateParams,
): ResourceRequest {
  const flag = STATUS_CHANGES[change];
  checkSubscriberCodes("subscriberCodes", subscriberCodes, `${change}Single(code)`);
  checkFlag(`subscriptions.${change}`, params, flag, `${change}(codes, { ${flag}: true })`);
  return {
    call: `subscriptions.${change}`,
    method: "POST",
    path: `/payments/api/v1/subscriptions/${change}`,
    body: { ...params, subscriber_code: [...subscriberCodes] },
    schema: "SubscriptionsBulkResult",
  };
}

/** `subscriptions.cancelSingle` / `.reactivateSingle`: one subscriber, once the arguments pass. */
function changeOne(
  change: StatusChange,
  subscriberCode: string,
  params: undefined | SubscriptionCancelParams | SubscriptionReactivateParams,
): ResourceRequest {
  const flag = STATUS_CHANGES[change];
  checkId("subscriberCode", subscriberCode, SUBSCRIBER_CODE);
  checkFlag(`subscriptions.${change}Single`, params, flag, `${change}Single(code, { ${flag}: true })`);
  return {
    call: `subscriptions.${change}Single`,
    method: "POST",
    // Only the code is an id to encode; the change is one of two fixed words.
    path: `${path`/payments/api/v1/subscriptions/${subscriberCode}`}/${change}`,
    body: { ...params },
    schema: "SubscriptionResult",
  };
}

/** The request of `subscriptions.cancel(subscriberCodes, params)`, once its arguments pass their checks. */
export const cancel = (codes: readonly string[], params: undefined | SubscriptionCancelParams) =>
  changeMany("cancel", codes, params);

/** The request of `subscriptions.cancelSingle(subscriberCode, params)`, once its arguments pass their checks. */
export const cancelSingle = (code: string, params: undefined | SubscriptionCancelParams) =>
  changeOne("cancel", code, params);

/** The request of `subscriptions.reactivate(subscriberCodes, params)`, once its arguments pass their checks. */
export const reactivate = (codes: readonly string[], params: undefined | SubscriptionReactivateParams) =>
  changeMany("reactivate", codes, params);

/** The request of `subscriptions.reactivateSingle(subscriberCode, params)`, once its arguments pass their checks. */
export const reactivateSingle = (code: string, params: undefined | SubscriptionReactivateParams) =>
  changeOne("reactivate", code, params);

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
