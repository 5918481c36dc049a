/**
 * What each method of `client.sales` sends: its path, its params and their checks. Imported on the first
 * call of a sales method (sales.ts), so an app loads it, and the checks, only when it uses sales.
 */
import { defineList } from "../core/list-definition";
import type { ResourceRequest } from "../core/resource";
import { path } from "../internal/path";
import { checkId } from "./input-checks";
import type {
  SalesCommissionsItem,
  SalesCommissionsParams,
  SalesHistoryItem,
  SalesHistoryParams,
  SalesParticipantsItem,
  SalesParticipantsParams,
  SalesPriceDetailsItem,
  SalesPriceDetailsParams,
  SalesSummaryItem,
  SalesSummaryParams,
} from "./sales";

const REPORT = {
  product_id: "value",
  start_date: "date",
  end_date: "date",
  transaction: "value",
  transaction_status: "enum",
} as const;

export const HISTORY = defineList<SalesHistoryParams, SalesHistoryItem>({
  call: "sales.history",
  path: "/payments/api/v1/sales/history",
  schema: "SalesHistoryPage",
  stringMeans: "transaction",
  filters: {
    ...REPORT,
    sales_source: "value",
    buyer_name: "value",
    buyer_email: "value",
    payment_type: "enum",
    offer_code: "value",
    commission_as: "enum",
  },
});

export const SUMMARY = defineList<SalesSummaryParams, SalesSummaryItem>({
  call: "sales.summary",
  path: "/payments/api/v1/sales/summary",
  schema: "SalesSummaryPage",
  stringMeans: "transaction",
  filters: {
    ...REPORT,
    sales_source: "value",
    affiliate_name: "value",
    payment_type: "enum",
    offer_code: "value",
  },
});

export const PARTICIPANTS = defineList<SalesParticipantsParams, SalesParticipantsItem>({
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
    commission_as: "enum",
  },
});

export const COMMISSIONS = defineList<SalesCommissionsParams, SalesCommissionsItem>({
  call: "sales.commissions",
  path: "/payments/api/v1/sales/commissions",
  schema: "SalesCommissionsPage",
  stringMeans: "transaction",
  filters: { ...REPORT, commission_as: "enum" },
});

export const PRICE_DETAILS = defineList<SalesPriceDetailsParams, SalesPriceDetailsItem>({
  call: "sales.priceDetails",
  path: "/payments/api/v1/sales/price/details",
  schema: "SalesPriceDetailsPage",
  stringMeans: "transaction",
  filters: { ...REPORT, payment_type: "enum" },
});

/** The request of `sales.refund(transaction)`, once its argument passes its check. */
export function refund(transaction: string): ResourceRequest {
  checkId("transaction", transaction, 'the transaction code, e.g. "HP17715690036014"');
  return {
    call: "sales.refund",
    method: "PUT",
    path: path`/payments/api/v1/sales/${transaction}/refund`,
    empty: () => undefined,
  };
}
