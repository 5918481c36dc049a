/**
 * What `client.export` knows about each list it can export: which query parameters bound its dates, whether Hotmart counts its results, and which `transaction_status` values
 * it accepts. Everything else about an export is the same for every list.
 */
import type {
  EventsTicketsItem,
  EventsTicketsParams,
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
  SubscriptionsListItem,
  SubscriptionsListParams,
  SubscriptionsSummaryItem,
  SubscriptionsSummaryParams,
  SubscriptionsTransactionsItem,
  SubscriptionsTransactionsParams,
} from "../resources";
import { PURCHASE_STATUS_FILTER_VALUES } from "../resources/enums";

/**
 * The 17 statuses the sales reports' `transaction_status` filter accepts (docs/api-notes.md §8.1), one walk
 * each: both spellings of UNDER_ANALISYS name one status, so only Hotmart's own spelling is walked.
 */
export const SALES_STATUS_VALUES = PURCHASE_STATUS_FILTER_VALUES.filter((s) => s !== "UNDER_ANALYSIS");

/**
 * A value `statuses` takes for the sales reports: one of {@link SALES_STATUS_VALUES}, or UNDER_ANALYSIS,
 * the other spelling of UNDER_ANALISYS (one walk for both).
 */
export type ExportSalesStatus = (typeof PURCHASE_STATUS_FILTER_VALUES)[number];
/**
 * A value `statuses` takes for `sales.priceDetails`: the same as the other sales reports'.
 * @deprecated Use {@link ExportSalesStatus}: price details takes every status of the union (§8.1).
 */
export type ExportPriceDetailsStatus = ExportSalesStatus;

/**
 * The statuses price details walks for "all": every one of {@link SALES_STATUS_VALUES}. Its documentation
 * lists 14 of the 17, which reads as documentation drift, not a restriction of the API (§8.1): "all"
 * walked only those 14 and left out the sales in NO_FUNDS, PRE_ORDER and PROCESSING_TRANSACTION.
 * @deprecated Use {@link SALES_STATUS_VALUES}, the same list.
 */
export const PRICE_DETAILS_STATUS_VALUES = SALES_STATUS_VALUES;

/** Params an export sets itself: paging, the date bounds and the status of each walk. */
export type ExportManagedParam =
  | "max_results"
  | "page_token"
  | "start_date"
  | "end_date"
  | "transaction_status"
  | "accession_date"
  | "end_accession_date"
  | "transaction_date"
  | "end_transaction_date"
  | "last_update";

/** Each exportable list: its filters (without what the export manages) and its item type. */
export interface ExportResourceMap {
  // Each entry: `params`, the list's own filters an export passes through; `item`, what it yields;
  // `status`, the values `statuses` takes (never: the list has no transaction_status filter).
  /** Sales history, one record per transaction; `from`/`to` are sent as `start_date`/`end_date`. */
  "sales.history": {
    params: Omit<SalesHistoryParams, ExportManagedParam>;
    item: SalesHistoryItem;
    status: ExportSalesStatus;
  };
  /** Buyer, producer, co-producer and affiliate of each sale (`/sales/users`); `start_date`/`end_date`. */
  "sales.participants": {
    params: Omit<SalesParticipantsParams, ExportManagedParam>;
    item: SalesParticipantsItem;
    status: ExportSalesStatus;
  };
  /** Commission of each participant of each sale; `start_date`/`end_date`. */
  "sales.commissions": {
    params: Omit<SalesCommissionsParams, ExportManagedParam>;
    item: SalesCommissionsItem;
    status: ExportSalesStatus;
  };
  /** Price breakdown of each sale; `start_date`/`end_date`. */
  "sales.priceDetails": {
    params: Omit<SalesPriceDetailsParams, ExportManagedParam>;
    item: SalesPriceDetailsItem;
    status: ExportSalesStatus;
  };
  /** Commission totals per currency for the whole range: one walk per status, never cut into shards. */
  "sales.summary": {
    params: Omit<SalesSummaryParams, ExportManagedParam>;
    item: SalesSummaryItem;
    status: ExportSalesStatus;
  };
  /** Subscriptions and their subscribers; `from`/`to` bound `accession_date`/`end_accession_date`. */
  "subscriptions.list": {
    params: Omit<SubscriptionsListParams, ExportManagedParam>;
    item: SubscriptionsListItem;
    status: never;
  };
  /** One summary row per subscription; `accession_date`/`end_accession_date` (no counts). */
  "subscriptions.summary": {
    params: Omit<SubscriptionsSummaryParams, ExportManagedParam>;
    item: SubscriptionsSummaryItem;
    status: never;
  };
  /** Every charge of every recurrence; `transaction_date`/`end_transaction_date` (no counts). */
  "subscriptions.transactions": {
    params: Omit<SubscriptionsTransactionsParams, ExportManagedParam>;
    item: SubscriptionsTransactionsItem;
    status: never;
  };
  /** Tickets of one event (needs `eventId`); `from`, when given, is sent as `last_update`; no upper bound. */
  "events.tickets": {
    params: Omit<EventsTicketsParams, ExportManagedParam>;
    item: EventsTicketsItem;
    status: never;
  };
}

/** A list `client.export.run()` exports, named after the SDK method that walks it, e.g. `"sales.history"`. */
export type ExportResource = keyof ExportResourceMap;

/** How the export walks one list; `client.export.resources` shows its public part. */
export interface ResourceSpec {
  /** One line for help texts. */
  description: string;
  /** Query parameter of the lower date bound (inclusive). */
  fromParam: string;
  /** Query parameter of the upper date bound (inclusive); absent when the API has none. */
  toParam?: string;
  /**
   * Whether the date range may be cut into shards. No for aggregates (sales summary: totals per
   * currency would come back once per shard) and for lists with only a lower bound (event tickets).
   */
  shardable: boolean;
  /** Whether `page_info.total_results` is sent, so shards can be sized by probing counts. */
  counts: boolean;
  /** The values `statuses: "all"` walks; absent when the list has no `transaction_status` filter. */
  statuses?: readonly string[];
  /** Largest page the endpoint serves. */
  maxPageSize: number;
}

// The simulator models every bound below as inclusive at both ends (`from <= date <= to`), and
// docs/api-notes.md §11 #20 reads `end_accession_date` the same way; shards therefore end 1 ms before the
// next one starts, so a record exactly on a boundary belongs to one shard only.
export const RESOURCES: Readonly<Record<ExportResource, ResourceSpec>> = {
  "sales.history": {
    description: "Sales history, one row per transaction (dates bound purchase.order_date)",
    fromParam: "start_date",
    toParam: "end_date",
    shardable: true,
    counts: true,
    statuses: SALES_STATUS_VALUES,
    maxPageSize: 500,
  },
  "sales.participants": {
    description: "Buyer, producer, co-producer and affiliate of each sale (/sales/users)",
    fromParam: "start_date",
    toParam: "end_date",
    shardable: true,
    counts: true,
    statuses: SALES_STATUS_VALUES,
    maxPageSize: 500,
  },
  "sales.commissions": {
    description: "Commission per participant of each sale",
    fromParam: "start_date",
    toParam: "end_date",
    shardable: true,
    counts: true,
    statuses: SALES_STATUS_VALUES,
    maxPageSize: 500,
  },
  "sales.priceDetails": {
    description: "Price breakdown of each sale: base, total, VAT, interest, coupon",
    fromParam: "start_date",
    toParam: "end_date",
    shardable: true,
    counts: true,
    statuses: SALES_STATUS_VALUES,
    maxPageSize: 500,
  },
  "sales.summary": {
    description: "Commission totals per currency for the whole period (one walk per status; not sharded)",
    fromParam: "start_date",
    toParam: "end_date",
    shardable: false,
    counts: true,
    statuses: SALES_STATUS_VALUES,
    maxPageSize: 500,
  },
  "subscriptions.list": {
    description: "Subscriptions and their subscribers (dates bound accession_date)",
    fromParam: "accession_date",
    toParam: "end_accession_date",
    shardable: true,
    counts: true,
    maxPageSize: 500,
  },
  "subscriptions.summary": {
    description:
      "One summary row per subscription (dates bound accession_date; no counts, so equal-width shards)",
    fromParam: "accession_date",
    toParam: "end_accession_date",
    shardable: true,
    counts: false,
    maxPageSize: 500,
  },
  "subscriptions.transactions": {
    description:
      "Every charge of every recurrence (dates bound the transaction date; no counts, equal-width shards)",
    fromParam: "transaction_date",
    toParam: "end_transaction_date",
    shardable: true,
    counts: false,
    maxPageSize: 500,
  },
  "events.tickets": {
    description: "Tickets and participants of one event (needs eventId; `from` is last_update; not sharded)",
    fromParam: "last_update",
    shardable: false,
    counts: true,
    maxPageSize: 500,
  },
};
