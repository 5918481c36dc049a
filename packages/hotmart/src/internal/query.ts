import { HotmartInputError } from "../core/errors";

export type QueryValue = string | number | boolean | Date | null | undefined;
export type QueryParams = Record<string, QueryValue | ReadonlyArray<QueryValue>>;

/**
 * Hotmart's query conventions: undefined and null dropped, booleans as true/false, arrays as
 * repeated keys (`status=ACTIVE&status=DELAYED`), dates as epoch milliseconds.
 */
export function encodeQuery(params: object | undefined, into = new URLSearchParams()): URLSearchParams {
  if (!params) return into;
  for (const [key, raw] of Object.entries(params)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      const encoded = encodeValue(key, value);
      if (encoded !== undefined) into.append(key, encoded);
    }
  }
  return into;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function encodeValue(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms))
      throw new HotmartInputError(`"${key}" is an invalid Date; pass a valid Date or epoch milliseconds`);
    return String(ms);
  }
  switch (typeof value) {
    case "string":
      // URLSearchParams would silently turn a lone surrogate into U+FFFD and send another filter.
      if (LONE_SURROGATE.test(value))
        throw new HotmartInputError(`"${key}" is not valid text (it holds a lone UTF-16 surrogate)`);
      return value;
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value))
        throw new HotmartInputError(`"${key}" must be a finite number (got ${value})`);
      return String(value);
    case "bigint":
      return value.toString();
    default:
      throw new HotmartInputError(
        `"${key}" cannot be sent as a query parameter: pass a string, number, boolean, Date or an array of those`,
      );
  }
}

/** Dates in a JSON body follow the same rule as in the query: epoch milliseconds. */
export function encodeBody(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(encodeBody);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeBody(v);
    return out;
  }
  return value;
}

/**
 * The JSON text of a request body. A value JSON cannot express (a BigInt, a cycle) is the caller's
 * input, refused before anything is sent: a HotmartError, not JSON.stringify's TypeError or RangeError.
 */
export function jsonBody(value: unknown): string {
  try {
    return JSON.stringify(encodeBody(value));
  } catch (error) {
    throw new HotmartInputError(`The request body cannot be sent as JSON: ${(error as Error).message}`);
  }
}
