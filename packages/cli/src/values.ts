import { type DateEdge, parseBrasiliaDate, SECONDS_LIMIT } from "./dates";
import { usageError } from "./exit";
import type { ParamType } from "./methods";

/**
 * A date flag: `2025-01-31` (a whole day in Brasília time: its first millisecond, or its last with
 * `edge` "end"), an ISO 8601 date-time (`2025-01-31T14:05:00Z`; without an offset, Brasília time), or
 * epoch ms. Returned as a Date (the SDK sends epoch ms). Anything else is a usage error before any
 * request: an impossible date, a form the help does not give (`01/02/2025` would be read month first,
 * `2025-1-31` in local time), and epoch seconds (`1735689600` would be 1970-01-21, refused in the words
 * `export` uses for them).
 */
export function parseDate(flag: string, text: string, edge: DateEdge = "start"): Date {
  const t = text.trim();
  let ms = Number.NaN;
  if (/^\d+$/.test(t)) {
    ms = Number(t);
    if (ms < SECONDS_LIMIT && t.length >= 9) {
      throw usageError(
        `${flag} looks like epoch seconds (${ms}): Hotmart takes epoch milliseconds, e.g. ${ms * 1000}`,
      );
    }
    if (ms < SECONDS_LIMIT) ms = Number.NaN;
  } else {
    ms = parseBrasiliaDate(t, edge);
  }
  const parsed = new Date(ms);
  if (Number.isNaN(parsed.getTime())) {
    throw usageError(
      `${flag}: "${text}" is not a date; use YYYY-MM-DD (e.g. 2025-01-31), an ISO date-time (e.g. 2025-01-31T14:05:00Z) or epoch ms`,
    );
  }
  return parsed;
}

export function parseNumber(flag: string, text: string): number {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n)) throw usageError(`${flag}: "${text}" is not a number`);
  return n;
}

/** A count or a seed: a whole number, 0 or more. */
export function parseWholeNumber(flag: string, text: string): number {
  const n = parseNumber(flag, text);
  if (!Number.isSafeInteger(n) || n < 0)
    throw usageError(`${flag}: ${text.trim()} is not a whole number (0 or more)`);
  return n;
}

/** An http(s) URL, normalised (what the webhook commands send to or deliver to). */
export function parseHttpUrl(flag: string, text: string): string {
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http");
    return parsed.toString();
  } catch {
    throw usageError(`${flag}: "${text}" is not an http(s) URL, e.g. http://localhost:3000/hotmart`);
  }
}

/** A TCP port: a whole number from 0 (the system picks a free one) to 65535. */
export function parsePort(flag: string, text: string): number {
  const n = parseNumber(flag, text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw usageError(
      `${flag}: ${text.trim()} is not a port: use a whole number from 1 to 65535, or 0 for a free one`,
    );
  return n;
}

export function parseBool(flag: string, text: string | boolean): boolean {
  if (typeof text === "boolean") return text;
  if (/^(true|yes|1|on)$/i.test(text)) return true;
  if (/^(false|no|0|off)$/i.test(text)) return false;
  throw usageError(`${flag}: "${text}" is not true or false`);
}

/**
 * A list flag's values: split on commas (`--status ACTIVE,DELAYED`, as documented), except a comma
 * written `\,`, which belongs to the value: a plan name is free text ("Gold, yearly"), and split it
 * was two plans that match nothing, an empty list read as "no subscriptions on that plan".
 */
const splitList = (text: string) =>
  text
    .split(/(?<!\\),/)
    .map((s) => s.replaceAll("\\,", ",").trim())
    .filter((s) => s !== "");

/**
 * A documented value typed in another case (`active` for `ACTIVE`) as documented: Hotmart's values are
 * case-sensitive and would refuse it with a 400. Any other value goes as typed (the enums are open).
 */
function asDocumented(text: string, values: readonly (string | number)[] | undefined): string {
  return (values && documented(text, values)) ?? text;
}

/** The documented value `text` is, in any case; undefined when it is none of them. */
function documented(text: string, values: readonly (string | number)[]): string | undefined {
  const match = values.find((v) => typeof v === "string" && v.toLowerCase() === text.toLowerCase());
  return typeof match === "string" ? match : undefined;
}

/**
 * A flag's text as the value its SDK param takes; `values` are the param's documented ones, `edge` which
 * end of a bare day a date flag means (`edgeOf` its param).
 */
export function parseValue(
  flag: string,
  type: ParamType,
  raw: string | boolean,
  values?: readonly (string | number)[],
  edge: DateEdge = "start",
): unknown {
  if (type === "boolean") return parseBool(flag, raw);
  const text = String(raw);
  switch (type) {
    case "string":
      // A list of documented values where the filter takes one: Hotmart would refuse it, or use one.
      if (values && text.includes(",") && splitList(text).every((v) => documented(v, values) !== undefined))
        throw usageError(`${flag} takes one value, not a list ("${text}"): run the command once per value`);
      return asDocumented(text, values);
    case "number":
      return parseNumber(flag, text);
    case "date":
      return parseDate(flag, text, edge);
    case "list":
      return splitList(text).map((v) => asDocumented(v, values));
    case "numbers":
      return splitList(text).map((v) => parseNumber(flag, v));
  }
}
