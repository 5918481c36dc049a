import { ApiError, badValue } from "./errors";
import type { Query } from "./query";

export interface PageLimit {
  /** Page size when `max_results` is absent. */
  default: number;
  /** A larger `max_results` is silently clamped to this (§3). */
  max: number;
}

/**
 * Page sizes per endpoint. Hotmart documents only the products default (50); the others follow what
 * clients observe (500 on reports and Club users) and the page sizes in the DOCS examples.
 */
export const PAGE_LIMITS = {
  "sales.history": { default: 10, max: 500 },
  "sales.summary": { default: 10, max: 500 },
  "sales.users": { default: 10, max: 500 },
  "sales.commissions": { default: 10, max: 500 },
  "sales.priceDetails": { default: 10, max: 500 },
  "subscriptions.list": { default: 10, max: 500 },
  "subscriptions.summary": { default: 10, max: 500 },
  "subscriptions.transactions": { default: 10, max: 500 },
  "products.list": { default: 50, max: 50 },
  "products.offers": { default: 50, max: 50 },
  "products.plans": { default: 50, max: 50 },
  "coupons.list": { default: 20, max: 100 },
  "club.users": { default: 50, max: 500 },
  "events.participants": { default: 50, max: 500 },
} as const satisfies Record<string, PageLimit>;

export type PagedEndpoint = keyof typeof PAGE_LIMITS;

export interface PageInfo {
  total_results?: number;
  next_page_token?: string | null;
  prev_page_token?: string | null;
  results_per_page: number;
}

export interface PageBody<T> {
  items: T[];
  page_info: PageInfo;
}

export interface PageOptions {
  /** Whether this endpoint reports `total_results` (not all do, §3). */
  totalResults: boolean;
  /**
   * The offers endpoint sends `prev_page_token: null` on the first page and `next_page_token: null` on the
   * last one instead of omitting them (§3).
   */
  nullTokens?: boolean;
}

interface Cursor {
  page: number;
  rows: number;
}

/** Hotmart-style cursor: base64 of `{"page":n,"rows":m}`. Opaque to clients; do not parse it. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ page: cursor.page, rows: cursor.rows })).toString("base64");
}

function decodeCursor(token: string, limit: PageLimit): Cursor {
  const invalid = new ApiError(400, "invalid_token", "Invalid page token.");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== "object" || parsed === null) throw invalid;
  const { page, rows } = parsed as Record<string, unknown>;
  if (!Number.isSafeInteger(page) || !Number.isSafeInteger(rows)) throw invalid;
  if ((page as number) < 1 || (rows as number) < 1) throw invalid;
  return { page: page as number, rows: Math.min(rows as number, limit.max) };
}

/** The page the request asks for: from `page_token` if present, else page 1 of `max_results` rows. */
export function requestedPage(query: Query, limit: PageLimit): Cursor {
  const token = query.string("page_token");
  if (token !== undefined) return decodeCursor(token, limit);
  const max = query.int("max_results");
  if (max !== undefined && max < 1) throw badValue("max_results", String(max), "a positive integer");
  return { page: 1, rows: Math.min(max ?? limit.default, limit.max) };
}

/**
 * Cuts one page out of the matching records and maps only that page to its wire shape, so listing
 * 100 000 sales costs one filter pass, not 100 000 response objects.
 */
export function paginate<T, R>(
  query: Query,
  endpoint: PagedEndpoint,
  matches: readonly T[],
  toItem: (record: T) => R,
  options: PageOptions,
): PageBody<R> {
  const limit = PAGE_LIMITS[endpoint];
  const { page, rows } = requestedPage(query, limit);
  const start = (page - 1) * rows;
  const items = matches.slice(start, start + rows).map(toItem);
  const pageInfo: PageInfo = {
    ...(options.totalResults ? { total_results: matches.length } : {}),
    ...(start + rows < matches.length
      ? { next_page_token: encodeCursor({ page: page + 1, rows }) }
      : options.nullTokens
        ? { next_page_token: null }
        : {}),
    ...(page > 1
      ? { prev_page_token: encodeCursor({ page: page - 1, rows }) }
      : options.nullTokens
        ? { prev_page_token: null }
        : {}),
    results_per_page: items.length,
  };
  return { items, page_info: pageInfo };
}
