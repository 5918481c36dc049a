import { brasiliaIso } from "./dates";
import { columnsOf, type FlatRow, flatten } from "./flatten";

/** Where output goes and how: a table for people on a terminal, TSV for pipes, JSON for scripts. */
export type OutputMode = "table" | "tsv" | "json";

export interface OutputTarget {
  write(text: string): void;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export function outputMode(json: boolean | undefined, target: OutputTarget): OutputMode {
  if (json) return "json";
  return target.isTTY === true ? "table" : "tsv";
}

/**
 * Field names that hold epoch-ms dates: a last segment with a `date`, `datetime` or `update` word
 * (order_date, date_next_charge, start_datetime, last_update), one ending `_at`, or one of the two whose
 * name says no date (trial_info.trial_end, recurrency.scheduled_retry). The table and the Excel export
 * read them alike: a table that matched only a trailing "date" showed the next charge as 1794139200000.
 */
export const DATE_COLUMN =
  /(?:^|[._])(?:date|datetime|update)(?:_|$)|_at$|(?:^|\.)(?:trial_end|scheduled_retry)$/i;
/** 2001-09-09 .. 2286: a number in that range under a date-like name is epoch ms. */
const looksLikeEpochMs = (key: string, value: unknown) =>
  typeof value === "number" && value > 1e12 && value < 1e13 && DATE_COLUMN.test(key);

function showCell(key: string, value: unknown, human: boolean): string {
  if (value === null || value === undefined) return "";
  // For people: Brasília wall time with its offset (`2025-01-31T22:30:00-03:00`), the day Hotmart's panel
  // shows. TSV and JSON keep the API's epoch ms, for scripts.
  if (human && looksLikeEpochMs(key, value)) return brasiliaIso(value as number);
  return String(value).replace(/[\t\r\n]+/g, " ");
}

const MAX_CELL = 40;
const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, Math.max(1, n - 1))}…`);

/** An aligned table that fits the terminal: columns that do not fit are left out and counted. */
export function renderTable(rows: readonly FlatRow[], wanted?: readonly string[], width = 120): string {
  if (rows.length === 0) return "(no results)\n";
  const all = wanted?.length ? [...wanted] : columnsOf(rows);
  const cells = rows.map((row) => all.map((c) => truncate(showCell(c, row[c], true), MAX_CELL)));
  const widths = all.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? "").length)));
  const shown: number[] = [];
  let used = 0;
  for (let i = 0; i < all.length; i++) {
    const w = (widths[i] ?? 0) + (shown.length ? 2 : 0);
    if (shown.length > 0 && used + w > width) break;
    shown.push(i);
    used += w;
  }
  const line = (values: string[]) =>
    shown
      .map((i) => (values[i] ?? "").padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(all), line(all.map((c) => "-".repeat(c.length))), ...cells.map(line)];
  const hidden = all.length - shown.length;
  if (hidden > 0) out.push(`(${hidden} more column${hidden === 1 ? "" : "s"}: use --json, or pipe for TSV)`);
  return `${out.join("\n")}\n`;
}

/** Tab-separated values with a header row: easy for cut, awk and spreadsheets. */
export function renderTsv(rows: readonly FlatRow[], wanted?: readonly string[]): string {
  if (rows.length === 0) return "";
  const all = wanted?.length ? [...wanted] : columnsOf(rows);
  const lines = [all.join("\t"), ...rows.map((row) => all.map((c) => showCell(c, row[c], false)).join("\t"))];
  return `${lines.join("\n")}\n`;
}

/** One record, field by field (a `get` or a write's result). */
export function renderRecord(value: unknown, mode: OutputMode): string {
  if (mode === "json") return `${JSON.stringify(value ?? null, null, 2)}\n`;
  if (value === undefined || value === null) return "";
  const row = flatten(value);
  const keys = Object.keys(row);
  if (mode === "tsv") return `${keys.map((k) => `${k}\t${showCell(k, row[k], false)}`).join("\n")}\n`;
  const w = Math.max(...keys.map((k) => k.length));
  return `${keys.map((k) => `${k.padEnd(w)}  ${showCell(k, row[k], true)}`).join("\n")}\n`;
}

export function renderList(
  items: readonly unknown[],
  mode: OutputMode,
  width?: number,
  columns?: readonly string[],
): string {
  if (mode === "json") return `${JSON.stringify(items, null, 2)}\n`;
  const rows = items.map((item) => flatten(item));
  return mode === "table" ? renderTable(rows, columns, width) : renderTsv(rows, columns);
}
