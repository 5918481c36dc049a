import { HotmartInputError } from "hotmart";

/**
 * Brasília time (UTC-3, no daylight saving since 2019): a seller who says "October" means Brazilian days,
 * so a date without a time is read as a whole day there.
 */
export const BRT_OFFSET = "-03:00";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A tool's date argument (ISO string or epoch ms) as epoch ms. A bare `YYYY-MM-DD` is the start of that
 * day in Brasília time, or its last millisecond when `edge` is "end" (so an end date includes its day).
 */
export function toEpochMs(field: string, value: string | number, edge: "start" | "end" = "start"): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) {
      throw new HotmartInputError(`${field} must be an ISO date like "2026-10-01" or epoch milliseconds`);
    }
    return Math.trunc(value);
  }
  const text = value.trim();
  if (/^\d{12,14}$/.test(text)) return Number(text);
  const iso = DATE_ONLY.test(text)
    ? `${text}T${edge === "end" ? "23:59:59.999" : "00:00:00.000"}${BRT_OFFSET}`
    : text;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new HotmartInputError(
      `${field} must be an ISO date like "2026-10-01" or "2026-10-01T14:30:00-03:00", or epoch milliseconds (got ${JSON.stringify(value)})`,
    );
  }
  return ms;
}

/** An epoch-ms value as an ISO string in Brasília time, for text the model reads back to the seller. */
export function isoBrt(ms: number | undefined | null): string {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "";
  const shifted = new Date(ms - 3 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}${BRT_OFFSET}`;
}

/** The day only (`2026-10-01`), Brasília time. */
export function dayBrt(ms: number | undefined | null): string {
  return isoBrt(ms).slice(0, 10);
}
