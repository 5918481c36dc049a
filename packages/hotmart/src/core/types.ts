/** The methods `request()` sends: the list and its type from one declaration. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** An HTTP method `client.request()` accepts: `"GET"`, `"POST"`, `"PUT"`, `"PATCH"` or `"DELETE"`. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `"off"` trusts responses; `"warn"` logs what differs from the schema; `"strict"` throws ResponseValidationError. */
export const VALIDATE_MODES = ["off", "warn", "strict"] as const;
/**
 * Response validation against `hotmart/schemas` (the `validate` option of the client and of each call):
 * `"off"` (default) trusts responses; `"warn"` logs what differs from the schema; `"strict"` throws a
 * ResponseValidationError. `"warn"` and `"strict"` need zod installed.
 */
export type ValidateMode = (typeof VALIDATE_MODES)[number];

/** An open enum: the documented values autocomplete, and values Hotmart adds tomorrow still type-check. */
export type OpenEnum<T extends string> = T | (string & {});

/** Epoch milliseconds, as Hotmart sends dates. Params that take a date also accept a Date. */
export type EpochMs = number;
/** A date as a params field takes it: epoch milliseconds, or a Date (sent as its epoch ms). */
export type DateParam = EpochMs | Date;

/** One value of a query parameter: dates go out as epoch ms, booleans as true/false, null/undefined are dropped. */
export type QueryValue = string | number | boolean | Date | null | undefined;

/**
 * Query parameters the SDK does not know (yet): an array repeats the key (`a=1&a=2`). This is how a
 * filter Hotmart adds tomorrow is sent today: `sales.history({}, { query: { new_filter: "x" } })`.
 */
export type ExtraQuery = Readonly<Record<string, QueryValue | ReadonlyArray<QueryValue>>>;

/**
 * The name of a response schema of `hotmart/schemas` (also the name of the public type of that body).
 * A type, so a misspelled name cannot compile; `hotmart/schemas` checks at compile time that its registry
 * has exactly these names.
 */
export type SchemaName =
  | "SalesHistoryPage"
  | "SalesSummaryPage"
  | "SalesParticipantsPage"
  | "SalesCommissionsPage"
  | "SalesPriceDetailsPage"
  | "SubscriptionsListPage"
  | "SubscriptionsSummaryPage"
  | "SubscriptionsTransactionsPage"
  | "ProductsListPage"
  | "ProductsOffersPage"
  | "ProductsPlansPage"
  | "CouponsListPage"
  | "ClubStudentsPage"
  | "EventsTicketsPage"
  | "SubscriptionsPurchasesList"
  | "ClubModulesList"
  | "ClubPagesList"
  | "ClubPagesV1List"
  | "SubscriptionResult"
  | "SubscriptionsBulkResult"
  | "ClubLessonsResponse"
  | "EventInfo"
  | "NegotiationResult";

/** Per-request options, the last argument of every method. */
export interface RequestOptions {
  /** Cancels the request and any retry it is waiting for. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms, from 1 to 2147483647 (the longest a timer can wait). */
  timeout?: number | undefined;
  /** Overall budget in ms across every attempt and wait of this call, from 1 to 2147483647. */
  totalTimeout?: number | undefined;
  /** Retries after the first attempt: a whole number, 0 or more. */
  maxRetries?: number | undefined;
  /** Extra headers for this request. */
  headers?: Record<string, string> | undefined;
  /**
   * Extra query parameters, merged over the method's params. Params objects are closed (a misspelled
   * filter is an error), so this is the way to send a parameter the SDK does not know yet: a filter
   * Hotmart adds tomorrow works today through `query`.
   */
  query?: ExtraQuery | undefined;
  /** Response validation for this call, over the client's `validate` option. */
  validate?: ValidateMode | undefined;
  /**
   * Called before each retry's wait, and before each resend of a 429 the client's own rate limiter
   * provoked (`free: true`, which spends no retry): lets progress reports count 429s and retries without
   * a logger.
   */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

/** What `onRetry` is told. */
export interface RetryInfo {
  /** 1 for the first retry; with `free`, the retries spent so far (0 before any). */
  retry: number;
  /** The HTTP status that caused it; undefined for a network fault or timeout. */
  status: number | undefined;
  /**
   * The wait before this retry, in ms: the server's `Retry-After`, else exponential backoff (0.5 s x 2^n
   * plus jitter, at most 30 s). 0 after a 429 when a rate limiter is on: the limiter then pauses the
   * whole client instead, and the retry waits there for its turn.
   */
  delayMs: number;
  /**
   * True for a resend after a 429 the client's own rate limiter provoked while it learned the quota:
   * it spends none of `maxRetries`, so `retry` keeps the number of retries spent before it (0 at first).
   */
  free?: boolean;
}
