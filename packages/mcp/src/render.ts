import { dayBrt } from "./dates";

/** Reads `a.b.c` from an item. */
export function pick(item: unknown, path: string): unknown {
  let value: unknown = item;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Longest record text a text rendering prints; the structured result keeps the whole value. */
export const MAX_TEXT_FIELD = 200;

/**
 * Text from a record (a buyer's name, a product's title) is whatever the buyer or producer typed, printed
 * among the server's own lines. As is, a newline in it started a line that read as the server's ("More
 * results: call again with cursor ...", "Rule: ..."), and ANSI escapes, bidi overrides and other control
 * characters reached the assistant and the terminal showing it. So: one line (control characters and
 * line separators become a space, bidi controls go), at most `max` characters.
 */
export function oneLine(text: string, max = MAX_TEXT_FIELD): string {
  const flat = text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

/** Money as the seller reads it: `BRL 97.00`. */
export function money(value: number, currency: string): string {
  return `${currency} ${value.toFixed(2)}`;
}

/**
 * Fields holding epoch ms, by name: `order_date`, `last_update`, and also `date_next_charge`, whose "date"
 * comes first (matching only a trailing "date" printed the next charge as 1794411164963).
 */
const DATE_FIELD = /(^|[._])date|(date|_at|update|access)$/i;

function show(path: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number" && DATE_FIELD.test(path) && value > 1e11) return dayBrt(value);
  if (typeof value === "object" && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const currency = v.currency_code ?? v.currency_value ?? v.currency;
    if (typeof v.value === "number" && typeof currency === "string") return money(v.value, currency);
    return undefined;
  }
  if (Array.isArray(value)) {
    const parts = value.map(entry).filter((s): s is string => s !== undefined);
    return parts.length ? parts.join("; ") : undefined;
  }
  return oneLine(String(value));
}

/**
 * One element of a list field. Objects are named by what identifies them, the participants of a sale
 * (`{ role, user: { name, email, ... } }`) as "BUYER Ana <ana@example.com>": joined as they were, they
 * printed "[object Object],[object Object]", and a whole object would bring documents and addresses.
 */
function entry(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (typeof value !== "object") return oneLine(String(value));
  const v = value as Record<string, unknown>;
  const who = (v.user ?? v) as Record<string, unknown>;
  const role = typeof v.role === "string" ? v.role : undefined;
  const name = typeof who.name === "string" && who.name ? who.name : undefined;
  const email = typeof who.email === "string" && who.email ? `<${who.email}>` : undefined;
  const text = [role, name, email].filter(Boolean).join(" ");
  return text ? oneLine(text) : undefined;
}

/** One short line per item, from the few fields that identify it. */
export function renderLine(item: unknown, paths: readonly string[]): string {
  return paths
    .map((p) => show(p, pick(item, p)))
    .filter((s): s is string => s !== undefined)
    .join(" · ");
}

export function renderList(
  header: string,
  items: readonly unknown[],
  paths: readonly string[],
  nextCursor: string | undefined,
): string {
  const lines = items.map((item) => `- ${renderLine(item, paths)}`);
  const more = nextCursor ? `\nMore results: call again with cursor "${nextCursor}".` : "";
  return `${header}${lines.length ? `\n${lines.join("\n")}` : ""}${more}`;
}
