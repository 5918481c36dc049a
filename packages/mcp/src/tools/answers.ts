import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { SalesHistoryItem } from "hotmart";
import { z } from "zod";
import type { ToolContext } from "../context";
import { dayBrt, isoBrt, SECONDS_LIMIT, toEpochMs } from "../dates";
import { ToolError } from "../errors";
import { amountOf, code, money, quote } from "../render";
import { compare, comparisonPeriod, type GroupBy, paidCents } from "../report";
import { PAID_STATUSES, SALE_STATUS_VALUES, salesIn, subscriptionsOf } from "../sources";
import { type CallOptions, defined, READ_ONLY, registerTool } from "./define";
import { paymentType, productId, requiredDate, SUBSCRIPTION_STATUS_VALUES, saleStatus } from "./inputs";

/** Groups handed to the model at most; the totals always cover everything. */
const MAX_GROUPS = 50;
const MAX_LISTED = 20;

const figures = z.object({ count: z.number().int(), revenue: z.number() });
const period = z.object({ start: z.string(), end: z.string() });
const row = {
  currency: z.string(),
  current: figures,
  previous: figures.optional(),
  count_change_pct: z.number().nullable().optional().describe("null when the previous figure was 0"),
  revenue_change_pct: z.number().nullable().optional(),
};

const DELINQUENT = new Set(["DELAYED", "OVERDUE"]);
/** Money the producer keeps: the statuses Hotmart's sales reports return when none is asked for. */
const PAID: ReadonlySet<string> = new Set(PAID_STATUSES);
const PAID_LABEL = PAID_STATUSES.join("+");

/**
 * One row of a report; `label` is printed as given (the caller quotes a product's name). A row of money
 * not kept (refunded, cancelled, unpaid) changes its "amount", not its "revenue".
 */
function line(label: string, r: z.infer<z.ZodObject<typeof row>>, what = "revenue"): string {
  const cur = `${r.current.count} sales, ${money(r.current.revenue, r.currency)}`;
  if (!r.previous) return `${label}: ${cur}`;
  const change = (v: number | null | undefined) =>
    v === null || v === undefined ? "new" : `${v >= 0 ? "+" : ""}${v}%`;
  return `${label}: ${cur} (before: ${r.previous.count}, ${money(r.previous.revenue, r.currency)}; ${change(r.revenue_change_pct)} ${what})`;
}

/**
 * What the text leaves out of a report's groups, counted truly: the structured result holds MAX_GROUPS
 * of them, not every group, so "N more in the structured result" alone overstated it.
 */
function moreGroups(total: number): string {
  if (total <= MAX_LISTED) return "";
  const kept = Math.min(total, MAX_GROUPS);
  const dropped = total - kept;
  return dropped === 0
    ? `(${kept - MAX_LISTED} more groups in the structured result)`
    : `(${total} groups in all: ${kept - MAX_LISTED} more in the structured result, ${dropped} left out (groups_truncated); the totals count every sale; filter with product_id or payment_type to see the others)`;
}

export function registerAnswerTools(server: McpServer, ctx: ToolContext): void {
  registerTool(server, ctx, {
    name: "sales_report",
    title: "Sales report: revenue and count for a period, compared (relatório de vendas, faturamento)",
    description:
      "Answers 'how much did I sell / quanto vendi / qual meu faturamento' for a period, compared with the previous period (or the same period last year), " +
      "grouped by product, payment type (Pix, boleto, cartão) or status. The server walks every sale and adds them up, so the figures are exact: " +
      "prefer this over paging sales_history. Revenue is what buyers paid (gross, per currency); for net commissions use sales_commissions. " +
      "By default counts paid sales (APPROVED, COMPLETE); group_by status counts every status unless statuses is given. " +
      "A total never adds refunded, cancelled or unpaid amounts to paid ones: when both are counted, totals is the paid sales and other_totals the rest.",
    input: {
      start_date: requiredDate("start_date", "the period's first day", "2026-10-01"),
      end_date: requiredDate("end_date", "the period's last day (inclusive)", "2026-10-31"),
      compare: z
        .enum(["previous_period", "previous_year", "none"])
        .optional()
        .describe(
          "Comparison: the period just before with the same length (default), the same dates last year, or none",
        ),
      group_by: z.enum(["product", "payment_type", "status", "none"]).optional().describe("Default product"),
      product_id: productId,
      payment_type: paymentType,
      statuses: z
        .array(saleStatus)
        .min(1)
        .optional()
        .describe(
          "Purchase statuses to count; default APPROVED+COMPLETE (all statuses when grouping by status)",
        ),
    },
    output: {
      period,
      comparison: period.optional(),
      group_by: z.string(),
      statuses: z.array(z.string()),
      totals: z
        .array(z.object(row))
        .describe(
          "One row per currency: every sale counted, or only the paid ones (APPROVED, COMPLETE) when the statuses counted include others",
        ),
      other_totals: z
        .array(z.object(row))
        .optional()
        .describe(
          "Present when the statuses counted mix paid and other ones: the refunded, cancelled and unpaid sales, one row per currency, not in totals",
        ),
      groups: z.array(z.object({ key: z.string(), label: z.string(), ...row })),
      groups_truncated: z.boolean(),
      sales_counted: z.number().int(),
    },
    annotations: READ_ONLY,
    run: async (args, _ctx, { signal }) => {
      const start = toEpochMs("start_date", args.start_date);
      const end = toEpochMs("end_date", args.end_date, "end");
      // The export refuses bounds before 1973 (numbers that small can only be epoch seconds) in its own
      // words ("from looks like epoch seconds (0) ... e.g. 0"); said here with this tool's fields.
      for (const [field, ms, value, example] of [
        ["start_date", start, args.start_date, 'the period\'s first day, e.g. "2026-10-01"'],
        ["end_date", end, args.end_date, 'the period\'s last day, e.g. "2026-10-31"'],
      ] as const) {
        if (ms < SECONDS_LIMIT) {
          throw new ToolError(
            `Invalid input: ${field} ${JSON.stringify(value)} is ${dayBrt(ms)}, before 1973 and any Hotmart sale: pass ${example}.`,
          );
        }
      }
      if (end < start) {
        throw new ToolError(
          `Invalid input: end_date (${dayBrt(end)}) is before start_date (${dayBrt(start)}): swap them.`,
        );
      }
      const by: GroupBy = args.group_by ?? "product";
      const statuses = args.statuses ?? (by === "status" ? "all" : PAID_STATUSES);
      const filter = defined({ product_id: args.product_id, payment_type: args.payment_type });
      const walk = (s: number, e: number): Promise<SalesHistoryItem[]> =>
        salesIn(ctx.client, { ...filter, start_date: s, end_date: e }, statuses, signal);
      const current = await walk(start, end);
      const mode = args.compare ?? "previous_period";
      const other = mode === "none" ? undefined : comparisonPeriod(start, end, mode);
      // No sale is older than 1973, where the export's bounds begin: a comparison reaching back further
      // (a period starting in 1974) counts the same from there.
      const previous = other
        ? other.end < SECONDS_LIMIT
          ? []
          : await walk(Math.max(other.start, SECONDS_LIMIT), other.end)
        : undefined;
      const groups = compare(current, previous, by);
      // Money kept and money returned or never paid are not added together: "all statuses" summed
      // refunds, chargebacks and expired boletos into a Total that read as revenue.
      const counted: readonly string[] = statuses === "all" ? SALE_STATUS_VALUES : statuses;
      const mixed = counted.some((s) => PAID.has(s)) && counted.some((s) => !PAID.has(s));
      const totalOf = (keep: (sale: SalesHistoryItem) => boolean) =>
        compare(current.filter(keep), previous?.filter(keep), "none").map(
          ({ key: _k, label: _l, ...rest }) => rest,
        );
      const paid = (sale: SalesHistoryItem) => PAID.has(sale.purchase.status);
      const totals = mixed ? totalOf(paid) : totalOf(() => true);
      const otherTotals = mixed ? totalOf((sale) => !paid(sale)) : undefined;
      const structured: Record<string, unknown> = {
        period: { start: isoBrt(start), end: isoBrt(end) },
        group_by: by,
        statuses: statuses === "all" ? ["ALL"] : [...statuses],
        totals,
        ...(otherTotals ? { other_totals: otherTotals } : {}),
        groups: groups.slice(0, MAX_GROUPS),
        groups_truncated: groups.length > MAX_GROUPS,
        sales_counted: current.length + (previous?.length ?? 0),
      };
      if (other) structured.comparison = { start: isoBrt(other.start), end: isoBrt(other.end) };
      const head = `Sales ${dayBrt(start)} to ${dayBrt(end)}${other ? ` vs ${dayBrt(other.start)} to ${dayBrt(other.end)}` : ""} (${statuses === "all" ? "all statuses" : statuses.join("+")}):`;
      const text = [
        head,
        ...(mixed
          ? [
              ...(totals.length
                ? totals.map((t) => line(`Total paid (${PAID_LABEL})`, t))
                : [`Total paid (${PAID_LABEL}): no sales`]),
              ...(otherTotals ?? []).map((t) =>
                line("Other statuses, not in the total (refunded, cancelled, unpaid)", t, "amount"),
              ),
            ]
          : totals.map((t) => line("Total", t))),
        // A product's name is the producer's text; a payment type or status is Hotmart's code.
        ...(by === "none"
          ? []
          : groups
              .slice(0, MAX_LISTED)
              .map(
                (g) =>
                  `- ${line(by === "product" ? quote(g.label) : code(g.label), g, by === "status" && !PAID.has(g.key) ? "amount" : "revenue")}`,
              )),
        by === "none" ? "" : moreGroups(groups.length),
      ]
        .filter(Boolean)
        .join("\n");
      return { structured, text };
    },
  });

  registerTool(server, ctx, {
    name: "subscribers_by_status",
    title: "Subscribers by status (assinantes por status, inadimplentes)",
    description:
      "Counts subscriptions by status — active (ativas), late (DELAYED/OVERDUE: inadimplentes, em atraso), cancelled (canceladas), inactive — in total and per product. " +
      "Answers 'quantos assinantes ativos tenho?' and 'quantos inadimplentes?'. To list the people behind a count use subscriptions_list with status.",
    input: { product_id: productId },
    output: {
      total: z.number().int(),
      delinquent: z.number().int().describe("DELAYED + OVERDUE (inadimplentes)"),
      by_status: z.array(z.object({ status: z.string(), count: z.number().int() })),
      by_product: z.array(
        z.object({
          product_id: z.number().int(),
          product: z.string(),
          total: z.number().int(),
          by_status: z.record(z.string(), z.number().int()),
        }),
      ),
    },
    annotations: READ_ONLY,
    run: async (args, _ctx, { signal }) => {
      const subs = await subscriptionsOf(
        ctx.client,
        args.product_id === undefined ? {} : { product_id: args.product_id },
        signal,
      );
      const counts = new Map<string, number>(SUBSCRIPTION_STATUS_VALUES.map((s) => [s, 0]));
      const products = new Map<
        number,
        { product_id: number; product: string; total: number; by_status: Record<string, number> }
      >();
      for (const s of subs) {
        counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
        const p = products.get(s.product.id) ?? {
          product_id: s.product.id,
          product: s.product.name,
          total: 0,
          by_status: {},
        };
        p.total += 1;
        p.by_status[s.status] = (p.by_status[s.status] ?? 0) + 1;
        products.set(s.product.id, p);
      }
      const byStatus = [...counts].map(([status, count]) => ({ status, count })).filter((r) => r.count > 0);
      const delinquent = subs.filter((s) => DELINQUENT.has(s.status)).length;
      const byProduct = [...products.values()].sort((a, b) => b.total - a.total);
      return {
        structured: { total: subs.length, delinquent, by_status: byStatus, by_product: byProduct },
        text: `${subs.length} subscriptions; ${delinquent} late (DELAYED/OVERDUE).\n${byStatus.map((r) => `- ${code(r.status)}: ${r.count}`).join("\n")}`,
      };
    },
  });

  const clubState = z.object({
    subdomain: z.string(),
    found: z.boolean(),
    status: z.string().optional(),
    progress_pct: z.number().optional(),
    last_access: z.string().optional(),
  });

  async function club(
    subdomain: string,
    email: string,
    options: CallOptions,
  ): Promise<{ info: Record<string, unknown>; userId?: string }> {
    const wanted = email.trim().toLowerCase();
    for await (const student of ctx.client.club.students(subdomain, { email }, options)) {
      if (student.email.toLowerCase() === wanted) {
        const info = defined({
          subdomain,
          found: true,
          status: student.status,
          progress_pct: student.progress.completed_percentage,
          last_access: student.last_access_date ? isoBrt(student.last_access_date) : undefined,
        });
        return { info, userId: student.user_id };
      }
    }
    return { info: { subdomain, found: false } };
  }

  registerTool(server, ctx, {
    name: "access_check",
    title: "Does this e-mail have access, and why (acesso do aluno)",
    description:
      "Answers 'does this person have access to my course/product, and why?' (esse e-mail tem acesso? por quê?) from their Club membership, subscriptions and purchases: " +
      "granted for paid purchases and active, late-but-still-charging or paid-through subscriptions; refused after refund (reembolso), chargeback, or the end of a cancelled subscription's paid period, or for a blocked Club member. " +
      "Give product_id to ask about one product, subdomain to take the Club (área de membros) into account. For the full history of the person use buyer_overview.",
    input: {
      email: z.string().min(3).describe("The buyer's or student's e-mail"),
      product_id: productId,
      subdomain: z
        .string()
        .min(1)
        .optional()
        .describe("Club subdomain: a blocked member has no access, an active member without a purchase has"),
    },
    output: {
      email: z.string(),
      has_access: z.boolean(),
      reason: z
        .string()
        .describe("Rule code, e.g. subscription_active, purchase_refunded, club_blocked, no_purchase"),
      explanation: z.string(),
      product: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      until: z.string().optional().describe("Access ends then (a subscription's paid period), ISO"),
      subscription: z
        .object({
          subscriber_code: z.string(),
          status: z.string(),
          plan: z.string(),
          date_next_charge: z.string(),
        })
        .optional(),
      purchase: z.object({ transaction: z.string(), status: z.string(), order_date: z.string() }).optional(),
      club: z
        .object({ status: z.string(), progress_pct: z.number(), last_access: z.string().optional() })
        .optional(),
      api_calls: z.number().int(),
    },
    annotations: READ_ONLY,
    run: async (args, _ctx, options) => {
      const result = await ctx.client.access.check(
        args.email,
        defined({ product_id: args.product_id, subdomain: args.subdomain, now: ctx.now() }),
        options,
      );
      const structured: Record<string, unknown> = {
        email: args.email,
        has_access: result.access,
        reason: result.reason,
        explanation: result.explanation,
        product: result.product,
        api_calls: result.calls,
      };
      if (result.until !== undefined) structured.until = isoBrt(result.until);
      if (result.subscription) {
        const s = result.subscription;
        structured.subscription = {
          subscriber_code: s.subscriber_code,
          status: s.status,
          plan: s.plan.name,
          date_next_charge: dayBrt(s.date_next_charge),
        };
      }
      if (result.purchase) {
        const p = result.purchase.purchase;
        structured.purchase = {
          transaction: p.transaction,
          status: p.status,
          order_date: dayBrt(p.order_date),
        };
      }
      if (result.student) {
        const st = result.student;
        structured.club = defined({
          status: st.status,
          progress_pct: st.progress.completed_percentage,
          last_access: st.last_access_date ? isoBrt(st.last_access_date) : undefined,
        });
      }
      const what = result.product?.name ? ` to ${quote(result.product.name)}` : "";
      const text = `${result.access ? "ACCESS" : "NO ACCESS"}${what} for ${quote(args.email)}: ${result.explanation}${
        result.until !== undefined ? ` (until ${dayBrt(result.until)})` : ""
      }. Rule: ${result.reason}.`;
      return { structured, text };
    },
  });

  registerTool(server, ctx, {
    name: "buyer_overview",
    title: "Everything about one buyer from an e-mail (visão do cliente/comprador)",
    description:
      "Everything about one person from their e-mail: purchases in every status (compras, reembolsos), subscriptions (assinaturas), total paid, and with subdomain their Club progress (progresso no curso). " +
      "Answers 'o que o fulano comprou?', 'ele está em dia?'. For only the access decision use access_check.",
    input: {
      email: z.string().min(3).describe("The buyer's e-mail"),
      subdomain: z.string().min(1).optional().describe("Club subdomain, to include course progress"),
    },
    output: {
      email: z.string(),
      name: z.string().optional(),
      purchases: z.array(
        z.object({
          transaction: z.string(),
          date: z.string(),
          product_id: z.number().int(),
          product: z.string(),
          status: z.string(),
          amount: z.number().optional().describe("Absent when Hotmart's price is not an amount"),
          currency: z.string().optional(),
          payment_type: z.string(),
          is_subscription: z.boolean(),
        }),
      ),
      purchases_total: z.number().int().describe("All purchases found; the list shows the 20 newest"),
      paid_total: z
        .array(z.object({ currency: z.string(), amount: z.number() }))
        .describe("APPROVED + COMPLETE"),
      subscriptions: z.array(
        z.object({
          subscriber_code: z.string(),
          product: z.string(),
          plan: z.string(),
          status: z.string(),
          price: z.number().optional().describe("Absent when Hotmart's price is not an amount"),
          currency: z.string().optional(),
          date_next_charge: z.string(),
        }),
      ),
      club: clubState
        .extend({ completed: z.number().int().optional(), total: z.number().int().optional() })
        .optional(),
    },
    annotations: READ_ONLY,
    run: async (args, _ctx, options) => {
      const wanted = args.email.trim().toLowerCase();
      const sales = (await salesIn(ctx.client, { buyer_email: args.email }, "all", options.signal))
        .filter((s) => s.buyer?.email?.toLowerCase() === wanted)
        .sort((a, b) => b.purchase.order_date - a.purchase.order_date);
      const subs = (
        await subscriptionsOf(ctx.client, { subscriber_email: args.email }, options.signal)
      ).filter((s) => s.subscriber.email.toLowerCase() === wanted);
      const paid = new Map<string, number>();
      for (const s of sales) {
        if (s.purchase.status !== "APPROVED" && s.purchase.status !== "COMPLETE") continue;
        const { currency, cents } = paidCents(s);
        paid.set(currency, (paid.get(currency) ?? 0) + cents);
      }
      let clubInfo: Record<string, unknown> | undefined;
      if (args.subdomain) {
        const found = await club(args.subdomain, args.email, options);
        clubInfo = found.info;
        if (found.userId) {
          const { lessons } = await ctx.client.club.lessons(args.subdomain, found.userId, options);
          clubInfo.completed = lessons.filter((l) => l.is_completed).length;
          clubInfo.total = lessons.length;
        }
      }
      const name = sales.find((s) => s.buyer?.name)?.buyer?.name ?? subs[0]?.subscriber.name;
      if (sales.length === 0 && subs.length === 0 && !clubInfo?.found) {
        throw new ToolError(
          `Not found: no purchase, subscription${args.subdomain ? " or Club member" : ""} for ${quote(args.email)}; check the address or try sales_history with buyer_name.`,
        );
      }
      const purchases = sales.slice(0, MAX_LISTED).map((s) => ({
        transaction: s.purchase.transaction,
        date: dayBrt(s.purchase.order_date),
        product_id: s.product.id,
        product: s.product.name,
        status: s.purchase.status,
        amount: amountOf(s.purchase.price?.value),
        currency: s.purchase.price?.currency_code,
        payment_type: s.purchase.payment.type,
        is_subscription: s.purchase.is_subscription,
      }));
      const subscriptions = subs.map((s) => ({
        subscriber_code: s.subscriber_code,
        product: s.product.name,
        plan: s.plan.name,
        status: s.status,
        price: amountOf(s.price?.value),
        currency: s.price?.currency_code,
        date_next_charge: dayBrt(s.date_next_charge),
      }));
      const paidTotal = [...paid].map(([currency, cents]) => ({ currency, amount: cents / 100 }));
      const structured: Record<string, unknown> = defined({
        email: args.email,
        name,
        purchases,
        purchases_total: sales.length,
        paid_total: paidTotal,
        subscriptions,
        club: clubInfo,
      });
      const text = [
        // The buyer's name is theirs to choose: quoted, after words of the server's own.
        `Buyer ${name ? `${quote(name)}, e-mail ` : "e-mail "}${quote(args.email)}: ${sales.length} purchase(s), paid ${paidTotal.map((p) => money(p.amount, p.currency)).join(" + ") || "nothing"}; ${subs.length} subscription(s).`,
        ...purchases.map(
          (p) =>
            `- ${p.date} ${code(p.transaction)} ${quote(p.product)} ${code(p.status)} ${money(p.amount, p.currency)} ${code(p.payment_type)}`,
        ),
        // Said, or the last line listed reads as the buyer's first purchase.
        sales.length > purchases.length
          ? `(the ${purchases.length} newest shown; ${sales.length - purchases.length} older left out: sales_history with buyer_email lists them, paid ones by default, others with transaction_status)`
          : "",
        ...subscriptions.map(
          (s) =>
            `- subscription ${code(s.subscriber_code)} ${quote(s.product)}, plan ${quote(s.plan)}, ${code(s.status)}, next charge ${s.date_next_charge}`,
        ),
        clubInfo
          ? clubInfo.found
            ? `- Club ${quote(args.subdomain ?? "")}: ${clubInfo.completed}/${clubInfo.total} lessons, ${clubInfo.progress_pct}%`
            : `- Club ${quote(args.subdomain ?? "")}: not a member`
          : "",
      ]
        .filter(Boolean)
        .join("\n");
      return { structured, text };
    },
  });
}
