import { Hono } from "hono";
import type { SimContext } from "../context";
import { round2 } from "../data/catalog";
import { COMMISSION_ROLES, PAYMENT_TYPES, PURCHASE_STATUS_FILTERS, type PurchaseStatus } from "../data/enums";
import type { Sale } from "../data/model";
import { accountCommission, commissionSplit, PAID, warrantyExpireDate } from "../data/sales";
import { ApiError, notFound } from "../errors";
import { type AppEnv, handle } from "../http";
import { paginate } from "../pagination";
import { containsText, inRange, type Query, sameText } from "../query";
import { HOTMART_USER, money, participantUser } from "../shapes/common";
import { refundRefusal } from "../state";

type SalesFilter =
  | "product_id"
  | "dates"
  | "sales_source"
  | "transaction"
  | "buyer_name"
  | "buyer_email"
  | "transaction_status"
  | "payment_type"
  | "offer_code"
  | "commission_as"
  | "affiliate_name";

/** The filters each report documents (§8.1); others are ignored, as Hotmart ignores them. */
const FILTERS: Record<
  "history" | "summary" | "users" | "commissions" | "priceDetails",
  readonly SalesFilter[]
> = {
  history: [
    "product_id",
    "dates",
    "sales_source",
    "transaction",
    "buyer_name",
    "buyer_email",
    "transaction_status",
    "payment_type",
    "offer_code",
    "commission_as",
  ],
  summary: [
    "product_id",
    "dates",
    "sales_source",
    "affiliate_name",
    "payment_type",
    "offer_code",
    "transaction",
    "transaction_status",
  ],
  users: [
    "product_id",
    "dates",
    "buyer_email",
    "sales_source",
    "transaction",
    "buyer_name",
    "affiliate_name",
    "commission_as",
    "transaction_status",
  ],
  commissions: ["product_id", "dates", "transaction", "commission_as", "transaction_status"],
  priceDetails: ["product_id", "dates", "transaction", "transaction_status", "payment_type"],
};

/**
 * Sales matching a report's query. Without `transaction` or `transaction_status` only APPROVED and
 * COMPLETE sales count (§8.1); dates bound `order_date`, inclusive.
 */
export function filterSales(ctx: SimContext, q: Query, report: keyof typeof FILTERS): Sale[] {
  const allowed = new Set(FILTERS[report]);
  const get = <T>(name: SalesFilter, read: () => T): T | undefined =>
    allowed.has(name) ? read() : undefined;
  const productId = get("product_id", () => q.int("product_id"));
  const start = get("dates", () => q.date("start_date"));
  const end = get("dates", () => q.date("end_date"));
  const source = get("sales_source", () => q.string("sales_source"));
  const transaction = get("transaction", () => q.string("transaction"));
  const buyerName = get("buyer_name", () => q.string("buyer_name"));
  const buyerEmail = get("buyer_email", () => q.string("buyer_email"));
  // One value, as documented (docs/api-notes.md §8.1; repeating the key is undocumented): a simulator that took
  // several would let code pass here that reads part of the data from Hotmart.
  const statuses = get("transaction_status", () => {
    const status = q.oneOf("transaction_status", PURCHASE_STATUS_FILTERS);
    return status === undefined ? [] : [status === "UNDER_ANALYSIS" ? "UNDER_ANALISYS" : status];
  });
  const paymentType = get("payment_type", () => q.oneOf("payment_type", PAYMENT_TYPES));
  const offerCode = get("offer_code", () => q.string("offer_code"));
  const commissionAs = get("commission_as", () => q.oneOf("commission_as", COMMISSION_ROLES));
  const affiliateName = get("affiliate_name", () => q.string("affiliate_name"));
  const statusSet: ReadonlySet<PurchaseStatus> | undefined =
    statuses && statuses.length > 0 ? new Set(statuses as PurchaseStatus[]) : transaction ? undefined : PAID;

  // Only the filters present become checks: one short loop over 100 000 sales instead of eleven tests each.
  const checks: ((s: Sale) => boolean)[] = [];
  if (statusSet) checks.push((s) => statusSet.has(s.status));
  if (transaction !== undefined) checks.push((s) => s.transaction === transaction);
  if (productId !== undefined) checks.push((s) => s.product.id === productId);
  if (start !== undefined || end !== undefined) checks.push((s) => inRange(s.orderDate, start, end));
  if (source !== undefined) checks.push((s) => s.trackingSource === source);
  if (buyerEmail !== undefined) checks.push((s) => sameText(s.buyer.email, buyerEmail));
  if (buyerName !== undefined) checks.push((s) => containsText(s.buyer.name, buyerName));
  if (paymentType !== undefined) checks.push((s) => s.paymentType === paymentType);
  if (offerCode !== undefined) checks.push((s) => s.offer.code === offerCode);
  if (commissionAs !== undefined) checks.push((s) => s.commissionAs === commissionAs);
  if (affiliateName !== undefined) checks.push((s) => containsText(s.affiliate?.name, affiliateName));
  // A transaction names at most one sale: look it up instead of scanning.
  if (transaction !== undefined) {
    const byCode = ctx.data.sale(transaction);
    return byCode && checks.every((check) => check(byCode)) ? [byCode] : [];
  }
  // Dates bound a run of the newest-first list: an export's shard scans its own range, not every sale.
  const { start: first, end: last } = ctx.data.salesOrderedBetween(start, end);
  const sales = ctx.data.sales;
  const out: Sale[] = [];
  for (let i = first; i < last; i++) {
    const sale = sales[i] as Sale;
    if (checks.every((check) => check(sale))) out.push(sale);
  }
  return out;
}

export function historyItem(sale: Sale) {
  const tracking = {
    ...(sale.trackingSck ? { source_sck: sale.trackingSck } : {}),
    ...(sale.trackingSource ? { source: sale.trackingSource } : {}),
    ...(sale.trackingXcod ? { external_code: sale.trackingXcod } : {}),
  };
  return {
    product: { name: sale.product.name, id: sale.product.id },
    buyer: { name: sale.buyer.name, ucode: sale.buyer.ucode, email: sale.buyer.email },
    producer: { name: sale.product.owner.name, ucode: sale.product.owner.ucode },
    purchase: {
      transaction: sale.transaction,
      order_date: sale.orderDate,
      ...(sale.approvedDate !== undefined ? { approved_date: sale.approvedDate } : {}),
      status: sale.status,
      recurrency_number: sale.recurrencyNumber,
      is_subscription: sale.product.isSubscription,
      commission_as: sale.commissionAs,
      price: money(sale.total, sale.currency),
      payment: { method: sale.paymentMethod, installments_number: sale.installments, type: sale.paymentType },
      tracking,
      warranty_expire_date: warrantyExpireDate(sale),
      offer: { payment_mode: sale.offer.paymentMode, code: sale.offer.code },
      hotmart_fee: {
        total: sale.feeTotal,
        fixed: sale.feeFixed,
        currency_code: sale.currency,
        base: sale.base,
        percentage: sale.feePercentage,
      },
    },
  };
}

function usersItem(sale: Sale) {
  const owner = sale.product.owner;
  return {
    transaction: sale.transaction,
    product: { name: sale.product.name, id: sale.product.id },
    users: [
      { role: "BUYER", user: participantUser(sale.buyer, true) },
      { role: "PRODUCER", user: participantUser(owner, false) },
      ...(sale.product.coproducer
        ? [{ role: "COPRODUCER", user: participantUser(sale.product.coproducer, false) }]
        : []),
      ...(sale.affiliate ? [{ role: "AFFILIATE", user: participantUser(sale.affiliate, false) }] : []),
    ],
  };
}

function commissionsItem(sale: Sale) {
  const split = commissionSplit(sale);
  const entry = (value: number, user: { ucode: string; name: string }, source: string) => ({
    commission: { currency_value: sale.currency, value },
    user: { ucode: user.ucode, name: user.name },
    source,
  });
  return {
    transaction: sale.transaction,
    product: { name: sale.product.name, id: sale.product.id },
    exchange_rate_currency_payout: 1,
    commissions: [
      entry(split.marketplace, HOTMART_USER, "MARKETPLACE"),
      entry(split.producer, sale.product.owner, "PRODUCER"),
      ...(split.coproducer !== undefined && sale.product.coproducer
        ? [entry(split.coproducer, sale.product.coproducer, "COPRODUCER")]
        : []),
      ...(split.affiliate !== undefined && sale.affiliate
        ? [entry(split.affiliate, sale.affiliate, "AFFILIATE")]
        : []),
    ],
  };
}

function priceDetailsItem(sale: Sale) {
  return {
    transaction: sale.transaction,
    product: { id: sale.product.id, name: sale.product.name },
    base: money(sale.base, sale.currency),
    total: money(sale.total, sale.currency),
    vat: money(sale.vat, sale.currency),
    fee: money(sale.interest, sale.currency),
    ...(sale.couponCode !== undefined
      ? { coupon: { code: sale.couponCode, value: sale.couponDiscount ?? 0 } }
      : {}),
    real_conversion_rate: sale.conversionRate,
  };
}

/**
 * Commission totals of the account per currency (§8.1 S2), whatever the statuses asked for: an unpaid
 * or refunded sale counts the commission it would have paid. Hotmart does not document what the summary
 * totals for those statuses; the README says this is the simulator's choice.
 */
function summaryRows(sales: readonly Sale[]) {
  const byCurrency = new Map<string, { items: number; total: number }>();
  for (const sale of sales) {
    const row = byCurrency.get(sale.currency) ?? { items: 0, total: 0 };
    row.items++;
    row.total += accountCommission(sale);
    byCurrency.set(sale.currency, row);
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, row]) => ({ total_items: row.items, total_value: money(round2(row.total), currency) }));
}

export const SALES_BASE = "/payments/api/v1/sales";

export function salesRoutes(ctx: SimContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(
    "/history",
    handle((req) => ({
      body: paginate(req.query, "sales.history", filterSales(ctx, req.query, "history"), historyItem, {
        totalResults: true,
      }),
    })),
  );
  app.get(
    "/summary",
    handle((req) => ({
      body: paginate(
        req.query,
        "sales.summary",
        summaryRows(filterSales(ctx, req.query, "summary")),
        (r) => r,
        {
          totalResults: true,
        },
      ),
    })),
  );
  app.get(
    "/users",
    handle((req) => ({
      body: paginate(req.query, "sales.users", filterSales(ctx, req.query, "users"), usersItem, {
        totalResults: true,
      }),
    })),
  );
  app.get(
    "/commissions",
    handle((req) => ({
      body: paginate(
        req.query,
        "sales.commissions",
        filterSales(ctx, req.query, "commissions"),
        commissionsItem,
        {
          totalResults: true,
        },
      ),
    })),
  );
  app.get(
    "/price/details",
    handle((req) => ({
      body: paginate(
        req.query,
        "sales.priceDetails",
        filterSales(ctx, req.query, "priceDetails"),
        priceDetailsItem,
        {
          totalResults: true,
        },
      ),
    })),
  );
  app.put(
    "/:transaction_code/refund",
    handle((req) => {
      const code = req.params.transaction_code ?? "";
      const sale = ctx.data.sale(code);
      if (!sale) throw notFound(`Transaction ${code}`);
      const refusal = refundRefusal(sale);
      if (refusal)
        throw new ApiError(400, "invalid_parameter", `Transaction ${code} cannot be refunded: ${refusal}.`);
      ctx.actions.refund(sale);
      return { body: {} };
    }),
  );
  return app;
}
