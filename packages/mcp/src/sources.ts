/**
 * Where the answer tools get their data: the SDK's export for sales, its paginated lists for the rest.
 */
import {
  type ExportSalesStatus,
  type Hotmart,
  SALES_STATUS_VALUES,
  type SalesHistoryItem,
  type SalesHistoryParams,
  type SubscriptionsListItem,
} from "hotmart";

/** The statuses the sales reports accept (the export walks exactly these for "all"). */
export const SALE_STATUS_VALUES = SALES_STATUS_VALUES;

/** Hotmart's default filter of sales reports: paid sales. */
export const PAID_STATUSES = ["APPROVED", "COMPLETE"] as const;

/**
 * Every sale matching `params` in the given statuses, through the SDK's export: count-balanced shards
 * walked concurrently, one walk per status (Hotmart's reports take one status at a time and, without
 * one, return only APPROVED and COMPLETE).
 */
export async function salesIn(
  client: Hotmart,
  params: SalesHistoryParams,
  statuses: readonly string[] | "all",
  signal?: AbortSignal,
): Promise<SalesHistoryItem[]> {
  const { start_date, end_date, ...filters } = params;
  const run = client.export.run("sales.history", {
    from: start_date ?? undefined,
    to: end_date ?? undefined,
    params: filters,
    // Strings from the tool's arguments: run() refuses a status the filter does not take, by name.
    statuses: statuses === "all" ? "all" : ([...statuses] as ExportSalesStatus[]),
    signal,
  });
  const seen = new Set<string>();
  const out: SalesHistoryItem[] = [];
  for await (const { record } of run) {
    // The guard keeps a sale whose status changed between two walks from counting twice.
    if (seen.has(record.purchase.transaction)) continue;
    seen.add(record.purchase.transaction);
    out.push(record);
  }
  return out;
}

export async function subscriptionsOf(
  client: Hotmart,
  params: { product_id?: number; subscriber_email?: string },
  signal?: AbortSignal,
): Promise<SubscriptionsListItem[]> {
  const out: SubscriptionsListItem[] = [];
  for await (const sub of client.subscriptions.list({ ...params, max_results: 500 }, { signal }))
    out.push(sub);
  return out;
}
