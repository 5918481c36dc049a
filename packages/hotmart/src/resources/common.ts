/** Types shared by several resources. */

import type { QueryValue } from "../core/types";

/** One value of a query parameter: dates go out as epoch ms, booleans as true/false, null/undefined are dropped. */
export type QueryParamValue = QueryValue;

/** A repeatable query parameter: one value, or several sent as repeated keys (`status=A&status=B`). */
export type OneOrMany<T> = T | ReadonlyArray<T>;

/** Money in the REST API (sales, subscriptions, products). */
export interface Money {
  /** The amount in currency units (reais, dollars), not cents: a JSON number, integer or decimal (`145.85`). */
  value: number;
  /** ISO-4217, e.g. `BRL`. */
  currency_code: string;
}

/** `{ id, name }` of a product, as most responses embed it. */
export interface ProductRef {
  /** Hotmart's numeric product id, the `product_id` filter of sales and subscriptions. */
  id: number;
  /** The product's name as shown to buyers. */
  name: string;
}

/**
 * A date as a `"2020-07-20 17:57:42"` string, time zone not stated. Only subscription cancel and
 * reactivate results use it; everything else is epoch ms.
 */
export type DateTimeString = string;
