/**
 * How a list endpoint is declared. A module of its own, with no other run-time import, so the modules
 * that declare lists (resources/<group>-requests.ts, loaded on first use) do not pull the request
 * machinery into their chunk: in an app that drops the client, such a chunk is still emitted, and what
 * it imports from a module the app keeps would be loaded up front (CONTRIBUTING.md, Bundle size).
 */
import type { FilterKind } from "../internal/params";
import type { SchemaName } from "./types";

/** Params every list method takes besides its filters. */
export interface PageParams {
  /**
   * Page size. Above an endpoint's documented maximum Hotmart clamps it (products: 50, which the SDK
   * sends in its place); a value that is not a positive whole number is refused.
   */
  max_results?: number | undefined;
  /** Resume from this cursor (a `next_page_token` or `prev_page_token` from an earlier page). */
  page_token?: string | undefined;
  /**
   * Comma-separated dot paths to keep in each item (Hotmart's custom response). Include one every item
   * has (`purchase.transaction`, `subscriber_code`): Hotmart answers `{}` for a page none of whose items
   * has a selected field, which on the first page reads as no records and on a later one ends the walk
   * with a PaginationError.
   */
  select?: string | undefined;
}

/** Every filter of a params type `P` (paging params aside), each with how its value is checked. */
export type FilterKinds<P> = { readonly [K in Exclude<keyof P, keyof PageParams>]-?: FilterKind };

/**
 * One list endpoint: what its method is called, its path (a function of the method's ids when it has
 * some: it checks them and builds the path with the `path` tag), its response schema and its filters.
 * `filters` must name every key of `P`, and nothing else, so the run-time check and the type agree.
 */
export interface ListDefinition<P, T, I extends unknown[] = []> {
  /** How the method is called, for messages: `"sales.history"`. */
  call: string;
  /**
   * The endpoint's path, e.g. `"/payments/api/v1/sales/history"`, or a function of the method's ids that
   * checks them and builds it with the `path` tag (`/products/api/v1/products/${ucode}/offers`).
   */
  path: string | ((...ids: I) => string);
  /** Query parameters the method's ids become (a Club `subdomain`). */
  query?: ((...ids: I) => Record<string, unknown>) | undefined;
  /** The `hotmart/schemas` schema that `validate` checks each page against, e.g. `"SalesHistoryPage"`. */
  schema: SchemaName;
  /** Every filter of `P` with its kind: `"date"` (a Date or epoch ms, sent as epoch ms) or `"value"`. */
  filters: FilterKinds<P>;
  /** The filter a bare string passed as params most likely is, to show the right call. */
  stringMeans?: Extract<keyof P, string> | undefined;
  /** Hotmart's documented page size maximum: a larger `max_results` is sent as this. */
  maxResults?: number | undefined;
  /**
   * Hotmart answers a first page with nothing in it with no body at all (the coupon list, docs/api-notes.md
   * §11, 29): then that is an empty page. Elsewhere no body, even after the retries, is a fault, never
   * "nothing matches": an export would skip the range.
   */
  emptyBody?: true | undefined;
  /** @internal Carries the item type; never set. */
  readonly item?: T;
}

/** Declares a list endpoint; the method that serves it is one line: `this._list(DEF, params, options, ...ids)`. */
export function defineList<P, T, I extends unknown[] = []>(
  definition: Omit<ListDefinition<P, T, I>, "item">,
): ListDefinition<P, T, I> {
  return definition;
}
