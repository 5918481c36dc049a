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

/**
 * `encodeQuery(query)` with the keys of `extra` replaced by its own values, serialised: byte for byte
 * what URLSearchParams would give, without building one (every request has a query, and the
 * URLSearchParams object cost more than the rest of the URL).
 */
export function queryString(query: object | undefined, extra?: object): string {
  let out = "";
  const add = (params: object, skip: object | undefined) => {
    for (const key in params) {
      if (!Object.hasOwn(params, key) || (skip && Object.hasOwn(skip, key))) continue;
      const raw = (params as Record<string, unknown>)[key];
      if (Array.isArray(raw)) {
        for (const value of raw) out = append(out, key, encodeValue(key, value));
      } else {
        out = append(out, key, encodeValue(key, raw));
      }
    }
  };
  if (query) add(query, extra);
  if (extra) add(extra, undefined);
  return out;
}

function append(out: string, key: string, value: string | undefined): string {
  if (value === undefined) return out;
  const pair = `${formEncode(key)}=${formEncode(value)}`;
  return out ? `${out}&${pair}` : pair;
}

/** What encodeURIComponent leaves or writes that the form serializer (URLSearchParams) writes otherwise. */
const FORM_FIXES = /[!'()~]|%20/g;

function formEncode(text: string): string {
  // A key with a lone surrogate (values with one are refused before): URLSearchParams writes U+FFFD.
  if (LONE_SURROGATE.test(text)) return new URLSearchParams([[text, ""]]).toString().slice(0, -1);
  return encodeURIComponent(text).replace(FORM_FIXES, (match) =>
    match === "%20" ? "+" : `%${match.charCodeAt(0).toString(16).toUpperCase()}`,
  );
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
