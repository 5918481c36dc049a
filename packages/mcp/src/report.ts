/** Pure aggregation for sales_report: tested on its own, and the same code the tool runs. */
import type { SalesHistoryItem } from "hotmart";
import { fromBrasiliaWall, toBrasiliaWall } from "./dates";
import { ToolError } from "./errors";
import { amountOf, code, quote } from "./render";

export type GroupBy = "product" | "payment_type" | "status" | "none";

export interface Figures {
  count: number;
  /** Sum of what buyers paid (purchase.price.value), rounded to cents. */
  revenue: number;
}

export interface GroupRow {
  key: string;
  label: string;
  currency: string;
  current: Figures;
  previous?: Figures;
  count_change_pct?: number | null;
  revenue_change_pct?: number | null;
}

function groupKey(sale: SalesHistoryItem, by: GroupBy): { key: string; label: string } {
  switch (by) {
    case "product":
      return { key: String(sale.product.id), label: sale.product.name };
    case "payment_type":
      return { key: sale.purchase.payment.type, label: sale.purchase.payment.type };
    case "status":
      return { key: sale.purchase.status, label: sale.purchase.status };
    default:
      return { key: "all", label: "All sales" };
  }
}

/**
 * What a sale adds to its currency's total: the price in integer cents, and its currency code. A price
 * that is not an amount or has no currency is refused by name: added as it was, it made the total NaN
 * or a row without a currency, and the tool failed with the protocol's "Output validation error".
 */
export function paidCents(sale: SalesHistoryItem): { currency: string; cents: number } {
  const price = sale.purchase.price as { value?: unknown; currency_code?: unknown } | undefined;
  const value = amountOf(price?.value);
  const currency = price?.currency_code;
  const tx = sale.purchase.transaction;
  if (value === undefined) {
    throw new ToolError(
      `Hotmart answered sale ${code(tx)} with price.value ${JSON.stringify(price?.value) ?? "absent"}, which is not an amount, so no total can include it exactly: look at the sale with sales_history (transaction ${quote(tx)}).`,
    );
  }
  if (typeof currency !== "string" || currency.trim() === "") {
    throw new ToolError(
      `Hotmart answered sale ${code(tx)} without price.currency_code, so its amount belongs to no currency's total: look at the sale with sales_history (transaction ${quote(tx)}).`,
    );
  }
  return { currency, cents: Math.round(value * 100) };
}

/** Sums in integer cents, so 0.1 + 0.2 stays 0.30. */
export function aggregate(sales: readonly SalesHistoryItem[], by: GroupBy) {
  const rows = new Map<
    string,
    { key: string; label: string; currency: string; count: number; cents: number }
  >();
  for (const sale of sales) {
    const { key, label } = groupKey(sale, by);
    const { currency, cents } = paidCents(sale);
    const id = `${currency}\u0000${key}`;
    const row = rows.get(id) ?? { key, label, currency, count: 0, cents: 0 };
    row.count += 1;
    row.cents += cents;
    rows.set(id, row);
  }
  return rows;
}

function pct(now: number, before: number): number | null {
  if (before === 0) return now === 0 ? 0 : null;
  return Math.round(((now - before) / before) * 1000) / 10;
}

/**
 * Current vs previous, per group and currency. Groups of the currency with the most sales come first (the
 * account's own), then the next currency's; within one, by current revenue, largest first. Revenues in
 * different currencies are not comparable: sorted together, 1 sale of COP 1 536 153 came before 32 sales
 * making BRL 50 052, and the 50 groups the tool keeps dropped larger BRL ones for single COP sales.
 */
export function compare(
  current: readonly SalesHistoryItem[],
  previous: readonly SalesHistoryItem[] | undefined,
  by: GroupBy,
): GroupRow[] {
  const now = aggregate(current, by);
  const before = previous ? aggregate(previous, by) : undefined;
  const ids = new Set([...now.keys(), ...(before?.keys() ?? [])]);
  const out: GroupRow[] = [];
  for (const id of ids) {
    const a = now.get(id);
    const b = before?.get(id);
    const base = (a ?? b) as { key: string; label: string; currency: string };
    const cur: Figures = { count: a?.count ?? 0, revenue: (a?.cents ?? 0) / 100 };
    const row: GroupRow = { key: base.key, label: base.label, currency: base.currency, current: cur };
    if (before) {
      const prev: Figures = { count: b?.count ?? 0, revenue: (b?.cents ?? 0) / 100 };
      row.previous = prev;
      row.count_change_pct = pct(cur.count, prev.count);
      row.revenue_change_pct = pct(cur.revenue, prev.revenue);
    }
    out.push(row);
  }
  const sales = new Map<string, number>();
  for (const r of out) sales.set(r.currency, (sales.get(r.currency) ?? 0) + r.current.count);
  const weight = (r: GroupRow) => sales.get(r.currency) ?? 0;
  return out.sort(
    (x, y) =>
      weight(y) - weight(x) ||
      x.currency.localeCompare(y.currency) ||
      y.current.revenue - x.current.revenue ||
      y.current.count - x.current.count ||
      x.key.localeCompare(y.key),
  );
}

/** Whole calendar months in Brasília time ([1st 00:00, last day 23:59:59.999]): their count, else 0. */
function wholeMonths(start: number, end: number): number {
  const a = new Date(toBrasiliaWall(start));
  const b = new Date(toBrasiliaWall(end + 1));
  const midnight = (d: Date) =>
    d.getUTCDate() === 1 &&
    d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() + d.getUTCMilliseconds() === 0;
  if (!midnight(a) || !midnight(b)) return 0;
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

/** The same Brasília wall time `months` later: a summer's -02:00 and a winter's -03:00 on either side. */
function shiftMonths(ms: number, months: number): number {
  const d = new Date(toBrasiliaWall(ms));
  d.setUTCMonth(d.getUTCMonth() + months);
  return fromBrasiliaWall(d.getTime());
}

/**
 * The period to compare with: the same dates a year earlier, or the period just before. "Just before" a
 * run of whole months is the same number of whole months (October compares with September, not with
 * the 31 days before it); any other period compares with the same length of time before it.
 */
export function comparisonPeriod(start: number, end: number, mode: "previous_period" | "previous_year") {
  if (mode === "previous_year") {
    return { start: shiftMonths(start, -12), end: shiftMonths(end + 1, -12) - 1 };
  }
  const months = wholeMonths(start, end);
  if (months > 0) return { start: shiftMonths(start, -months), end: start - 1 };
  const length = end - start + 1;
  return { start: start - length, end: start - 1 };
}
