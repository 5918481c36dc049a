import { HotmartInputError } from "hotmart";

/**
 * Brasília time (UTC-3, no daylight saving since 2019): a seller who says "October" means Brazilian days,
 * so a date without a time is read as a whole day there.
 */
export const BRT_OFFSET = "-03:00";
/** The same offset in ms, for the arithmetic on epoch ms. */
export const BRT_MS = 3 * 3_600_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 date-time, `T` or a space between, seconds and offset optional. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Only ISO forms are read: `Date.parse` alone takes "01/10/2026" (a Brazilian 1 October) as 10 January,
 * rolls "2026-02-30" over to 2 March, and reads a date-time without an offset in the server's time zone.
 */
function isoWithOffset(text: string, edge: "start" | "end"): string | undefined {
  if (DATE_ONLY.test(text)) {
    return realDay(text)
      ? `${text}T${edge === "end" ? "23:59:59.999" : "00:00:00.000"}${BRT_OFFSET}`
      : undefined;
  }
  const match = DATE_TIME.exec(text);
  if (!match || !realDay(match[1] as string)) return undefined;
  const iso = text.replace(" ", "T");
  // Like a bare day, a time without an offset is the seller's: Brasília, whatever the server's zone.
  return match[2] ? iso : `${iso}${BRT_OFFSET}`;
}

/** Whether `YYYY-MM-DD` names a day of the calendar (no 30 February, no month 13). */
function realDay(day: string): boolean {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Below this a date number can only be epoch seconds: 1e11 ms is 1973-03-03, 1e11 s is year 5138 (the SDK's limit). */
export const SECONDS_LIMIT = 1e11;

function secondsMessage(field: string, value: number): string {
  return `${field} looks like epoch seconds (${value}): pass epoch milliseconds (${value * 1000}) or an ISO date like "2026-10-01"`;
}

/**
 * A tool's date argument (ISO string or epoch ms) as epoch ms. A bare `YYYY-MM-DD` is the start of that
 * day in Brasília time, or its last millisecond when `edge` is "end" (so an end date includes its day).
 */
export function toEpochMs(field: string, value: string | number, edge: "start" | "end" = "start"): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) {
      throw new HotmartInputError(`${field} must be an ISO date like "2026-10-01" or epoch milliseconds`);
    }
    // Refused here, in the tool's words, as the SDK refuses it: otherwise coupon_create previewed a 1970
    // window for 1790000000 and handed a token whose confirmation the SDK then refused, and list tools
    // answered with the SDK's advice to pass `new Date(...)`, which a tool call cannot.
    if (value > 0 && value < SECONDS_LIMIT) throw new HotmartInputError(secondsMessage(field, value));
    return Math.trunc(value);
  }
  const text = value.trim();
  if (/^\d{12,14}$/.test(text)) return Number(text);
  const iso = isoWithOffset(text, edge);
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new HotmartInputError(
      `${field} must be an ISO date like "2026-10-01" (year-month-day, a real calendar day) or "2026-10-01T14:30:00-03:00", or epoch milliseconds (got ${JSON.stringify(value)}); write 01/10/2026 as "2026-10-01"`,
    );
  }
  return ms;
}

/** An epoch-ms value as an ISO string in Brasília time, for text the model reads back to the seller. */
export function isoBrt(ms: number | undefined | null): string {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "";
  const shifted = new Date(ms - BRT_MS).toISOString();
  return `${shifted.slice(0, 19)}${BRT_OFFSET}`;
}

/** The day only (`2026-10-01`), Brasília time. */
export function dayBrt(ms: number | undefined | null): string {
  return isoBrt(ms).slice(0, 10);
}
