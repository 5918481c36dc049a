import type { SalesHistoryItem, SubscriptionsListItem } from "hotmart";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toEpochMs } from "../src/dates";
import { call, type Harness, harness, ok, text } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h?.close());

interface Row {
  key: string;
  currency: string;
  current: { count: number; revenue: number };
  previous?: { count: number; revenue: number };
}

/** Figures straight from the simulator's own records: independent of the SDK, the walk and the server. */
function expected(
  from: number,
  to: number,
  by: (s: (typeof h.sim.data.sales)[number]) => string,
  statuses?: string[],
) {
  const out = new Map<string, { count: number; cents: number }>();
  for (const s of h.sim.data.sales) {
    if (s.orderDate < from || s.orderDate > to) continue;
    if (statuses && !statuses.includes(s.status)) continue;
    const id = `${s.currency}|${by(s)}`;
    const row = out.get(id) ?? { count: 0, cents: 0 };
    row.count += 1;
    row.cents += Math.round(s.total * 100);
    out.set(id, row);
  }
  return out;
}

/**
 * Every sale of every status, through the SDK's full export (client.export.run, 2010 to the simulator's
 * now): the figures an operator would compute from an export file. One export for the whole file.
 */
let salesExport: Promise<SalesHistoryItem[]> | undefined;
function exportedSales(): Promise<SalesHistoryItem[]> {
  salesExport ??= (async () => {
    const out: SalesHistoryItem[] = [];
    const run = h.client.export.run("sales.history", { to: h.sim.clock.now(), statuses: "all" });
    for await (const { record } of run) out.push(record);
    return out;
  })();
  return salesExport;
}

/** Every subscription, through the SDK's full export of subscriptions.list. */
let subscriptionsExport: Promise<SubscriptionsListItem[]> | undefined;
function exportedSubscriptions(): Promise<SubscriptionsListItem[]> {
  subscriptionsExport ??= (async () => {
    const out: SubscriptionsListItem[] = [];
    for await (const { record } of h.client.export.run("subscriptions.list", { to: h.sim.clock.now() }))
      out.push(record);
    return out;
  })();
  return subscriptionsExport;
}

/** The same figures as `expected`, from the full export: sales ordered in [from, to], by currency and key. */
async function fromExport(
  from: number,
  to: number,
  by: (s: SalesHistoryItem) => string,
  statuses?: string[],
) {
  const out = new Map<string, { count: number; cents: number }>();
  for (const s of await exportedSales()) {
    if (s.purchase.order_date < from || s.purchase.order_date > to) continue;
    if (statuses && !statuses.includes(s.purchase.status)) continue;
    const id = `${s.purchase.price.currency_code}|${by(s)}`;
    const row = out.get(id) ?? { count: 0, cents: 0 };
    row.count += 1;
    row.cents += Math.round(s.purchase.price.value * 100);
    out.set(id, row);
  }
  return out;
}

/** subscribers_by_status's figures from a list of subscriptions. */
function subscriberFigures(subs: readonly SubscriptionsListItem[]) {
  const byStatus: Record<string, number> = {};
  const byProduct: Record<string, { product: string; total: number; by_status: Record<string, number> }> = {};
  for (const s of subs) {
    byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    const p = byProduct[String(s.product.id)] ?? { product: s.product.name, total: 0, by_status: {} };
    byProduct[String(s.product.id)] = p;
    p.total += 1;
    p.by_status[s.status] = (p.by_status[s.status] ?? 0) + 1;
  }
  return {
    total: subs.length,
    delinquent: (byStatus.DELAYED ?? 0) + (byStatus.OVERDUE ?? 0),
    byStatus,
    byProduct,
  };
}

interface SubscribersAnswer {
  total: number;
  delinquent: number;
  by_status: { status: string; count: number }[];
  by_product: { product_id: number; product: string; total: number; by_status: Record<string, number> }[];
}

function answerFigures(answer: SubscribersAnswer) {
  return {
    total: answer.total,
    delinquent: answer.delinquent,
    byStatus: Object.fromEntries(answer.by_status.map((r) => [r.status, r.count])),
    byProduct: Object.fromEntries(
      answer.by_product.map(({ product_id, ...rest }) => [String(product_id), rest]),
    ),
  };
}

function actual(rows: Row[], which: "current" | "previous") {
  const out = new Map<string, { count: number; cents: number }>();
  for (const r of rows) {
    const f = r[which];
    if (f && f.count > 0)
      out.set(`${r.currency}|${r.key}`, { count: f.count, cents: Math.round(f.revenue * 100) });
  }
  return out;
}

describe("answers equal the figures computed from every record", () => {
  const start = toEpochMs("s", "2026-10-01");
  const end = toEpochMs("e", "2026-10-31", "end");
  const prevStart = toEpochMs("s", "2026-09-01");
  const prevEnd = toEpochMs("e", "2026-09-30", "end");

  it("sales_report by product, paid sales, this month vs last month", async () => {
    const report = ok<{ groups: Row[]; totals: Row[]; comparison: { start: string } }>(
      await call(h.mcp, "sales_report", { start_date: "2026-10-01", end_date: "2026-10-31" }),
    );
    expect(report.comparison.start.slice(0, 10)).toBe("2026-09-01");
    const paid = ["APPROVED", "COMPLETE"];
    expect(actual(report.groups, "current")).toEqual(expected(start, end, (s) => String(s.product.id), paid));
    expect(actual(report.groups, "previous")).toEqual(
      expected(prevStart, prevEnd, (s) => String(s.product.id), paid),
    );
    const totals = expected(start, end, () => "all", paid);
    expect(
      actual(
        report.totals.map((t) => ({ ...t, key: "all" })),
        "current",
      ),
    ).toEqual(totals);
    // And the same figures from a full export of every sale.
    const product = (s: SalesHistoryItem) => String(s.product.id);
    expect(actual(report.groups, "current")).toEqual(await fromExport(start, end, product, paid));
    expect(actual(report.groups, "previous")).toEqual(await fromExport(prevStart, prevEnd, product, paid));
    expect(
      actual(
        report.totals.map((t) => ({ ...t, key: "all" })),
        "current",
      ),
    ).toEqual(await fromExport(start, end, () => "all", paid));
  });

  it("sales_report by status counts every status; by payment type with a status filter", async () => {
    const byStatus = ok<{ groups: Row[] }>(
      await call(h.mcp, "sales_report", {
        start_date: "2026-10-01",
        end_date: "2026-10-31",
        group_by: "status",
        compare: "none",
      }),
    );
    expect(actual(byStatus.groups, "current")).toEqual(expected(start, end, (s) => s.status));
    const refunds = ok<{ groups: Row[] }>(
      await call(h.mcp, "sales_report", {
        start_date: "2026-09-01",
        end_date: "2026-10-31",
        group_by: "payment_type",
        statuses: ["REFUNDED", "CHARGEBACK"],
        compare: "none",
      }),
    );
    expect(actual(refunds.groups, "current")).toEqual(
      expected(prevStart, end, (s) => s.paymentType, ["REFUNDED", "CHARGEBACK"]),
    );
    // And the same figures from a full export of every sale.
    expect(actual(byStatus.groups, "current")).toEqual(
      await fromExport(start, end, (s) => s.purchase.status),
    );
    expect(actual(refunds.groups, "current")).toEqual(
      await fromExport(prevStart, end, (s) => s.purchase.payment.type, ["REFUNDED", "CHARGEBACK"]),
    );
  });

  it("sales_report by status: its Total is the paid sales, as by product or payment type; the rest apart", async () => {
    const args = { start_date: "2026-10-01", end_date: "2026-10-31" };
    const byStatus = await call(h.mcp, "sales_report", { ...args, group_by: "status" });
    const byPayment = await call(h.mcp, "sales_report", { ...args, group_by: "payment_type" });
    const report = ok<{ totals: Row[]; other_totals?: Row[]; statuses: string[] }>(byStatus);
    expect(report.statuses).toEqual(["ALL"]);
    // The same money kept as the paid report, compared the same way.
    expect(report.totals).toEqual(ok<{ totals: Row[] }>(byPayment).totals);
    const paid = ["APPROVED", "COMPLETE"];
    const all = (rows: Row[] | undefined) =>
      actual(
        (rows ?? []).map((t) => ({ ...t, key: "all" })),
        "current",
      );
    expect(all(report.totals)).toEqual(expected(start, end, () => "all", paid));
    const others = expected(start, end, () => "all");
    for (const [id, paidRow] of expected(start, end, () => "all", paid)) {
      const row = others.get(id);
      if (!row) continue;
      row.count -= paidRow.count;
      row.cents -= paidRow.cents;
      if (row.count === 0) others.delete(id);
    }
    expect(others.size).toBeGreaterThan(0);
    expect(all(report.other_totals)).toEqual(others);
    // The text says what each total sums: no "Total" adds refunds to what was paid.
    const lines = text(byStatus).split("\n");
    expect(lines.filter((l) => l.startsWith("Total:"))).toEqual([]);
    const paidLines = lines.filter((l) => l.startsWith("Total paid (APPROVED+COMPLETE): "));
    const paymentTotals = text(byPayment)
      .split("\n")
      .filter((l) => l.startsWith("Total: "));
    expect(paidLines.map((l) => l.slice(l.indexOf("): ") + 3))).toEqual(
      paymentTotals.map((l) => l.slice("Total: ".length)),
    );
    expect(
      lines.filter((l) => l.startsWith("Other statuses, not in the total (refunded, cancelled, unpaid): ")),
    ).toHaveLength(report.other_totals?.length ?? -1);
    // Statuses of one kind only are one Total, as the heading names them.
    const year = toEpochMs("s", "2026-01-01");
    const refunds = ok<{ totals: Row[]; other_totals?: Row[] }>(
      await call(h.mcp, "sales_report", {
        start_date: "2026-01-01",
        end_date: "2026-10-31",
        group_by: "status",
        statuses: ["REFUNDED"],
      }),
    );
    expect(refunds.other_totals).toBeUndefined();
    const refunded = expected(year, end, () => "all", ["REFUNDED"]);
    expect(refunded.size).toBeGreaterThan(0);
    expect(all(refunds.totals)).toEqual(refunded);
  });

  it("sales_report with more groups than it hands out says truly how many it left out", async () => {
    // 80 products in five currencies: over 100 product groups, more than the 50 the result holds.
    const big = await harness({ sim: { scale: { products: 80, sales: 800 } } });
    try {
      const end = big.sim.clock.now();
      const r = await call(big.mcp, "sales_report", {
        start_date: "2010-01-01",
        end_date: end,
        compare: "none",
      });
      const report = ok<{ groups: Row[]; groups_truncated: boolean }>(r);
      const paid = big.sim.data.sales.filter(
        (s) => (s.status === "APPROVED" || s.status === "COMPLETE") && s.orderDate <= end,
      );
      const all = new Set(paid.map((s) => `${s.currency}|${s.product.id}`)).size;
      expect(all).toBeGreaterThan(50);
      expect(report.groups).toHaveLength(50);
      expect(report.groups_truncated).toBe(true);
      const listed = text(r)
        .split("\n")
        .filter((l) => l.startsWith("- ")).length;
      const note = /\((\d+) groups in all: (\d+) more in the structured result, (\d+) left out/.exec(text(r));
      expect(note, text(r)).not.toBeNull();
      expect(Number(note?.[1])).toBe(all);
      expect(listed + Number(note?.[2])).toBe(report.groups.length);
      expect(report.groups.length + Number(note?.[3])).toBe(all);
    } finally {
      await big.close();
    }
  });

  it("sales_report ranks groups within a currency, the currency with the most sales first", async () => {
    // Five currencies: revenues in COP are hundreds of times those in BRL for the same sale.
    const big = await harness({ sim: { scale: { products: 80, sales: 800 } } });
    try {
      const end = big.sim.clock.now();
      const report = ok<{ groups: Row[]; totals: Row[] }>(
        await call(big.mcp, "sales_report", { start_date: "2010-01-01", end_date: end, compare: "none" }),
      );
      const paid = big.sim.data.sales.filter(
        (s) => (s.status === "APPROVED" || s.status === "COMPLETE") && s.orderDate <= end,
      );
      const perCurrency = new Map<string, number>();
      for (const s of paid) perCurrency.set(s.currency, (perCurrency.get(s.currency) ?? 0) + 1);
      const main = [...perCurrency].sort((a, b) => b[1] - a[1])[0]?.[0];
      expect(report.totals[0]?.currency).toBe(main);
      // The main currency's groups, largest first, lead; the 50 kept are its largest ones.
      const groups = new Map<string, { cents: number; count: number }>();
      for (const s of paid.filter((s) => s.currency === main)) {
        const g = groups.get(String(s.product.id)) ?? { cents: 0, count: 0 };
        g.cents += Math.round(s.total * 100);
        g.count += 1;
        groups.set(String(s.product.id), g);
      }
      const largest = [...groups]
        .sort(([ka, a], [kb, b]) => b.cents - a.cents || b.count - a.count || ka.localeCompare(kb))
        .map(([key]) => key);
      const lead = report.groups.slice(0, Math.min(largest.length, report.groups.length));
      expect(lead.every((g) => g.currency === main)).toBe(true);
      expect(lead.map((g) => g.key)).toEqual(largest.slice(0, lead.length));
    } finally {
      await big.close();
    }
  });

  it("sales_report by status equals the same figures from a full export of every status", async () => {
    const byStatus = ok<{ groups: Row[] }>(
      await call(h.mcp, "sales_report", {
        start_date: "2026-10-01",
        end_date: "2026-10-31",
        group_by: "status",
        compare: "none",
      }),
    );
    const fromExport = new Map<string, { count: number; cents: number }>();
    for await (const { record } of h.client.export.run("sales.history", {
      from: start,
      to: end,
      statuses: "all",
    })) {
      const id = `${record.purchase.price.currency_code}|${record.purchase.status}`;
      const row = fromExport.get(id) ?? { count: 0, cents: 0 };
      row.count += 1;
      row.cents += Math.round(record.purchase.price.value * 100);
      fromExport.set(id, row);
    }
    expect(actual(byStatus.groups, "current")).toEqual(fromExport);
  });

  it("the full exports hold every record once (every sale and subscription the simulator has)", async () => {
    const sales = await exportedSales();
    expect(new Set(sales.map((s) => s.purchase.transaction)).size).toBe(sales.length);
    expect(sales.length).toBe(h.sim.data.sales.length);
    const subs = await exportedSubscriptions();
    expect(new Set(subs.map((s) => s.subscriber_code)).size).toBe(subs.length);
    // A full walk of the list (no date bounds) gives the same subscriptions.
    const walked: string[] = [];
    for await (const s of h.client.subscriptions.list({ max_results: 500 })) walked.push(s.subscriber_code);
    expect(new Set(walked)).toEqual(new Set(subs.map((s) => s.subscriber_code)));
  });

  it("subscribers_by_status equals the same figures from a full export of subscriptions", async () => {
    const answer = ok<SubscribersAnswer>(await call(h.mcp, "subscribers_by_status"));
    const exported = subscriberFigures(await exportedSubscriptions());
    expect(answerFigures(answer)).toEqual(exported);
    expect(exported.total).toBeGreaterThan(0);
    expect(exported.delinquent).toBeGreaterThan(0);
  });

  it("subscribers_by_status of one product equals the full export's subscriptions of that product", async () => {
    const subs = await exportedSubscriptions();
    const productId = subs[0]?.product.id;
    if (productId === undefined) throw new Error("no subscription");
    const answer = ok<SubscribersAnswer>(
      await call(h.mcp, "subscribers_by_status", { product_id: productId }),
    );
    const exported = subscriberFigures(subs.filter((s) => s.product.id === productId));
    expect(answerFigures(answer)).toEqual(exported);
    expect(exported.total).toBeLessThan(subs.length);
  });

  it("subscribers_by_status equals a full walk of subscriptions", async () => {
    const answer = ok<{ total: number; delinquent: number; by_status: { status: string; count: number }[] }>(
      await call(h.mcp, "subscribers_by_status"),
    );
    const counts: Record<string, number> = {};
    let total = 0;
    for await (const s of h.client.subscriptions.list({ max_results: 500 })) {
      counts[s.status] = (counts[s.status] ?? 0) + 1;
      total += 1;
    }
    expect(answer.total).toBe(total);
    expect(Object.fromEntries(answer.by_status.map((r) => [r.status, r.count]))).toEqual(counts);
    expect(answer.delinquent).toBe((counts.DELAYED ?? 0) + (counts.OVERDUE ?? 0));
  });

  it("buyer_overview finds every purchase of the e-mail", async () => {
    const buyer = h.sim.data.sales.find((s) => s.status === "APPROVED")?.buyer;
    if (!buyer) throw new Error("no buyer");
    const overview = ok<{ purchases_total: number; paid_total: { currency: string; amount: number }[] }>(
      await call(h.mcp, "buyer_overview", { email: buyer.email }),
    );
    const mine = h.sim.data.sales.filter((s) => s.buyer.email === buyer.email);
    expect(overview.purchases_total).toBe(mine.length);
    const paid = new Map<string, number>();
    for (const s of mine.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE")) {
      paid.set(s.currency, (paid.get(s.currency) ?? 0) + Math.round(s.total * 100));
    }
    expect(new Map(overview.paid_total.map((p) => [p.currency, Math.round(p.amount * 100)]))).toEqual(paid);
  });

  it("buyer_overview with more purchases than it lists says how many older ones it left out", async () => {
    const counts = new Map<string, number>();
    for (const s of h.sim.data.sales) counts.set(s.buyer.email, (counts.get(s.buyer.email) ?? 0) + 1);
    const [email, total] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    expect(total, "a buyer with more than 20 purchases").toBeGreaterThan(20);
    const r = await call(h.mcp, "buyer_overview", { email });
    const overview = ok<{ purchases: unknown[]; purchases_total: number }>(r);
    expect(overview.purchases).toHaveLength(20);
    expect(overview.purchases_total).toBe(total);
    const listed = text(r)
      .split("\n")
      .filter((l) => /^- \d{4}-\d{2}-\d{2} /.test(l)).length;
    expect(listed).toBe(20);
    expect(text(r)).toContain(`(the 20 newest shown; ${total - 20} older left out`);
  });

  it("buyer_overview equals the full exports' purchases and subscriptions of the e-mail", async () => {
    const subs = await exportedSubscriptions();
    const sales = await exportedSales();
    // A buyer with both a purchase and a subscription, so both halves are compared.
    const email = subs.find((s) => sales.some((x) => x.buyer?.email === s.subscriber.email))?.subscriber
      .email;
    if (!email) throw new Error("no buyer with a subscription");
    const overview = ok<{
      purchases_total: number;
      paid_total: { currency: string; amount: number }[];
      subscriptions: { subscriber_code: string; status: string }[];
    }>(await call(h.mcp, "buyer_overview", { email }));
    const same = (e: string | undefined) => e?.toLowerCase() === email.toLowerCase();
    const mine = sales.filter((s) => same(s.buyer?.email));
    expect(overview.purchases_total).toBe(mine.length);
    const paid = new Map<string, number>();
    for (const s of mine.filter(
      (s) => s.purchase.status === "APPROVED" || s.purchase.status === "COMPLETE",
    )) {
      const c = s.purchase.price.currency_code;
      paid.set(c, (paid.get(c) ?? 0) + Math.round(s.purchase.price.value * 100));
    }
    expect(new Map(overview.paid_total.map((p) => [p.currency, Math.round(p.amount * 100)]))).toEqual(paid);
    const mySubs = subs.filter((s) => same(s.subscriber.email));
    expect(mySubs.length).toBeGreaterThan(0);
    expect(new Map(overview.subscriptions.map((s) => [s.subscriber_code, s.status]))).toEqual(
      new Map(mySubs.map((s) => [s.subscriber_code, s.status])),
    );
  });
});

describe("access_check (client.access.check)", () => {
  interface Access {
    has_access: boolean;
    reason: string;
    explanation: string;
    product: { id: number; name: string } | null;
    until?: string;
    subscription?: { subscriber_code: string };
    purchase?: { transaction: string; status: string };
  }

  it("an active subscriber has access to the subscription product, until the next charge", async () => {
    const sub = h.sim.data.subscriptions.find((s) => !s.magic && s.status === "ACTIVE");
    if (!sub) throw new Error("no active subscription");
    const a = ok<Access>(
      await call(h.mcp, "access_check", { email: sub.subscriber.email, product_id: sub.product.id }),
    );
    expect(a).toMatchObject({
      has_access: true,
      reason: "subscription_active",
      product: { id: sub.product.id },
    });
    expect(a.subscription?.subscriber_code).toBe(sub.subscriberCode);
    expect(a.until).toBeTypeOf("string");
  });

  it("a refunded one-time purchase gives no access, and says so", async () => {
    const refunded = h.sim.data.sales.find(
      (s) =>
        s.status === "REFUNDED" &&
        !s.product.isSubscription &&
        !h.sim.data.sales.some(
          (o) => o !== s && o.buyer.email === s.buyer.email && o.product.id === s.product.id,
        ),
    );
    if (!refunded) throw new Error("no refunded sale");
    const a = ok<Access>(
      await call(h.mcp, "access_check", { email: refunded.buyer.email, product_id: refunded.product.id }),
    );
    expect(a).toMatchObject({ has_access: false, reason: "purchase_refunded" });
    expect(a.purchase?.transaction).toBe(refunded.transaction);
  });

  it("an unknown e-mail has no access, and the answer says why", async () => {
    const a = ok<Access>(await call(h.mcp, "access_check", { email: "ghost@nowhere.example" }));
    expect(a).toMatchObject({ has_access: false, reason: "no_purchase", product: null });
    expect(a.explanation).toMatch(/No subscription or purchase/);
  });
});
