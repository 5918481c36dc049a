/**
 * Where the answer tools get their data: the SDK's export for sales, its paginated lists for the rest.
 */
import {
  accessDecision,
  type Hotmart,
  SALES_STATUS_VALUES,
  type SalesHistoryItem,
  type SalesHistoryParams,
  type SubscriptionsListItem,
  type WebhookPayload,
} from "hotmart";

/** The statuses the sales reports accept (the export walks exactly these for "all"). */
export const SALE_STATUS_VALUES = SALES_STATUS_VALUES;

/** Hotmart's default filter of sales reports: paid sales. */
export const PAID_STATUSES = ["APPROVED", "COMPLETE"] as const;

/**
 * Every sale matching `params` in the given statuses, through the SDK's export: count-balanced shards
 * walked concurrently, one walk per status (Hotmart's reports take one status at a time and, without
 * one, return only APPROVED and COMPLETE).
 */
export async function salesIn(
  client: Hotmart,
  params: SalesHistoryParams,
  statuses: readonly string[] | "all",
): Promise<SalesHistoryItem[]> {
  const { start_date, end_date, ...filters } = params;
  const run = client.export.run("sales.history", {
    from: start_date ?? undefined,
    to: end_date ?? undefined,
    params: filters,
    statuses: statuses === "all" ? "all" : [...statuses],
  });
  const seen = new Set<string>();
  const out: SalesHistoryItem[] = [];
  for await (const { record } of run) {
    // The guard keeps a sale whose status changed between two walks from counting twice.
    if (seen.has(record.purchase.transaction)) continue;
    seen.add(record.purchase.transaction);
    out.push(record);
  }
  return out;
}

export async function subscriptionsOf(
  client: Hotmart,
  params: { product_id?: number; subscriber_email?: string },
): Promise<SubscriptionsListItem[]> {
  const out: SubscriptionsListItem[] = [];
  for await (const sub of client.subscriptions.list({ ...params, max_results: 500 })) out.push(sub);
  return out;
}

export interface ProductAccess {
  product_id: number;
  product: string;
  has_access: boolean;
  /** grant / keep / revoke / none, as the webhook helper decides. */
  action: string;
  until?: string;
  reason: string;
  source: "subscription" | "purchase";
  status: string;
  subscriber_code?: string;
  transaction?: string;
}

const SUBSCRIPTION_EVENT: Record<string, string> = {
  ACTIVE: "PURCHASE_APPROVED",
  DELAYED: "PURCHASE_DELAYED",
  OVERDUE: "SUBSCRIPTION_CANCELLATION",
  CANCELLED_BY_CUSTOMER: "SUBSCRIPTION_CANCELLATION",
  CANCELLED_BY_SELLER: "SUBSCRIPTION_CANCELLATION",
  CANCELLED_BY_ADMIN: "SUBSCRIPTION_CANCELLATION",
};
const SALE_EVENT: Record<string, string> = {
  APPROVED: "PURCHASE_APPROVED",
  COMPLETE: "PURCHASE_COMPLETE",
  PARTIALLY_REFUNDED: "PURCHASE_APPROVED",
  REFUNDED: "PURCHASE_REFUNDED",
  CHARGEBACK: "PURCHASE_CHARGEBACK",
  CANCELLED: "PURCHASE_CANCELED",
  EXPIRED: "PURCHASE_EXPIRED",
};

/**
 * The REST state as the webhook event that would have produced it, so the access rules live once, in the
 * SDK's `accessDecision`: a subscription's status or a one-time sale's status becomes that event.
 */
function decide(event: string, data: Record<string, unknown>, now: number) {
  return accessDecision(
    { id: "rest", event, version: "2.0.0", creation_date: now, data } as unknown as WebhookPayload,
    {
      now,
    },
  );
}

export function subscriptionAccess(sub: SubscriptionsListItem, now: number): ProductAccess {
  const event = SUBSCRIPTION_EVENT[sub.status];
  const base = {
    product_id: sub.product.id,
    product: sub.product.name,
    source: "subscription" as const,
    status: sub.status,
    subscriber_code: sub.subscriber_code,
  };
  if (!event) {
    return {
      ...base,
      has_access: false,
      action: "none",
      reason: `Subscription ${sub.status}: never paid or waiting for the subscriber to accept a reactivation`,
    };
  }
  const decision =
    event === "SUBSCRIPTION_CANCELLATION"
      ? decide(
          event,
          { date_next_charge: sub.date_next_charge, subscriber: { code: sub.subscriber_code } },
          now,
        )
      : decide(
          event,
          {
            purchase: { date_next_charge: sub.date_next_charge, recurrence_number: 2, status: sub.status },
            subscription: { status: sub.status, subscriber: { code: sub.subscriber_code } },
          },
          now,
        );
  const hasAccess = decision.action === "grant" || decision.action === "keep";
  const access: ProductAccess = {
    ...base,
    has_access: hasAccess && (decision.until ?? Infinity) > now,
    action: decision.action,
    reason: decision.reason,
  };
  if (decision.until !== undefined) access.until = new Date(decision.until).toISOString();
  return access;
}

export function saleAccess(sale: SalesHistoryItem, now: number): ProductAccess {
  const event = SALE_EVENT[sale.purchase.status];
  const decision = event
    ? decide(
        event,
        { purchase: { status: sale.purchase.status, transaction: sale.purchase.transaction } },
        now,
      )
    : { action: "none", reason: `Purchase ${sale.purchase.status}: not paid yet, no access` };
  return {
    product_id: sale.product.id,
    product: sale.product.name,
    has_access: decision.action === "grant" || decision.action === "keep",
    action: decision.action,
    reason: decision.reason,
    source: "purchase",
    status: sale.purchase.status,
    transaction: sale.purchase.transaction,
  };
}

/** Statuses that bear on access for one-time purchases. */
export const ACCESS_SALE_STATUSES = [
  "APPROVED",
  "COMPLETE",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "CHARGEBACK",
] as const;

/**
 * Access per product for one e-mail: subscriptions decide for subscription products (the latest one per
 * product), the latest one-time sale for the others.
 */
export async function accessByProduct(
  client: Hotmart,
  email: string,
  productId: number | undefined,
  now: number,
): Promise<ProductAccess[]> {
  const wanted = email.trim().toLowerCase();
  const filter = productId === undefined ? {} : { product_id: productId };
  const subs = (await subscriptionsOf(client, { ...filter, subscriber_email: email })).filter(
    (s) => s.subscriber.email.toLowerCase() === wanted,
  );
  const sales = (await salesIn(client, { ...filter, buyer_email: email }, ACCESS_SALE_STATUSES)).filter(
    (s) => s.buyer?.email?.toLowerCase() === wanted,
  );
  const byProduct = new Map<number, ProductAccess>();
  const latestSub = new Map<number, SubscriptionsListItem>();
  for (const sub of subs) {
    const prev = latestSub.get(sub.product.id);
    if (!prev || sub.accession_date > prev.accession_date) latestSub.set(sub.product.id, sub);
  }
  for (const [id, sub] of latestSub) byProduct.set(id, subscriptionAccess(sub, now));
  const latestSale = new Map<number, SalesHistoryItem>();
  for (const sale of sales) {
    if (sale.purchase.is_subscription || latestSub.has(sale.product.id)) continue;
    const prev = latestSale.get(sale.product.id);
    if (!prev || sale.purchase.order_date > prev.purchase.order_date) latestSale.set(sale.product.id, sale);
  }
  for (const [id, sale] of latestSale) byProduct.set(id, saleAccess(sale, now));
  return [...byProduct.values()];
}
