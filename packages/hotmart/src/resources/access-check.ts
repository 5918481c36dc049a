/**
 * The decision behind `hotmart.access.check()` (access.ts), loaded on its first call. The rules are
 * written for sellers in docs/access.md.
 */
import type { Hotmart } from "../client";
import { HotmartInputError } from "../core/errors";
import type { EpochMs, RequestOptions } from "../core/types";
import { checkOptions } from "../internal/options";
import { checkBodyParams, toEpochMs } from "../internal/params";
import { show } from "../internal/show";
import type { AccessCheckParams, AccessReason, AccessResult } from "./access";
import { subscriptionAccess } from "./access-rules";
import type { ClubStudentsItem } from "./club";
import type { ProductRef } from "./common";
import { checkPositiveInt, requireString, requireSubdomain } from "./input-checks";
import type { Sales, SalesHistoryItem } from "./sales";
import type { SubscriptionsListItem } from "./subscriptions";

const EXPLANATION: Record<AccessReason, string> = {
  subscription_active: "The subscription is active",
  subscription_delayed: "A renewal is unpaid but Hotmart is still charging: access continues meanwhile",
  subscription_cancelled_paid_through:
    "The subscription was cancelled; access runs until the paid period ends",
  subscription_cancelled: "The subscription was cancelled and its paid period is over",
  subscription_ended: "The subscription's duration is over and its last paid period has ended",
  subscription_not_paid: "The subscription's first charge was never approved",
  purchase_approved: "The purchase is approved (still inside its refund window)",
  purchase_complete: "The purchase is complete (paid, refund window closed)",
  purchase_disputed: "A refund was requested; access stays until Hotmart refunds or refuses it",
  purchase_refunded: "The purchase was refunded",
  purchase_chargeback: "The purchase was charged back",
  purchase_cancelled: "The purchase was cancelled before being paid",
  purchase_expired: "The purchase expired unpaid (boleto or Pix not paid in time)",
  club_blocked: "The Club member is blocked",
  club_member: "No purchase found, but the e-mail is an active member of the Club",
  no_purchase: "No subscription or purchase found for this e-mail",
};

/**
 * Purchase statuses looked for when no subscription or approved purchase gives access, in this order:
 * a dispute keeps access (the buyer asked for a refund; Hotmart may refuse it), the others explain why
 * there is none.
 */
const AFTER: readonly [string, AccessReason][] = [
  ["PROTESTED", "purchase_disputed"],
  ["REFUNDED", "purchase_refunded"],
  ["CHARGEBACK", "purchase_chargeback"],
  ["CANCELLED", "purchase_cancelled"],
  ["EXPIRED", "purchase_expired"],
];

/** See Access.check. */
export async function checkAccess(
  client: Hotmart,
  email: string,
  params: AccessCheckParams | undefined,
  options: RequestOptions | undefined,
): Promise<AccessResult> {
  const address = requireString("email", email, 'the buyer\'s e-mail address, e.g. "ana@example.com"');
  if (!address.includes("@")) {
    throw new HotmartInputError(`email must be an e-mail address (got ${show(email)})`);
  }
  checkBodyParams(
    "access.check",
    params,
    ["product_id", "subdomain", "now"],
    'access.check("ana@example.com", { product_id: 1234567 })',
  );
  checkOptions("access.check", options);
  const productId = params?.product_id;
  if (productId !== undefined)
    checkPositiveInt("product_id", productId, "the numeric product id, e.g. 1234567");
  const subdomain =
    params?.subdomain === undefined
      ? undefined
      : requireSubdomain(params.subdomain, 'the Club subdomain, e.g. "my-course"');
  const now = params?.now === undefined ? Date.now() : toEpochMs("now", params.now);

  let calls = 0;
  const answer = (
    access: boolean,
    reason: AccessReason,
    found: {
      product?: ProductRef;
      subscription?: SubscriptionsListItem;
      purchase?: SalesHistoryItem;
      student?: ClubStudentsItem | undefined;
      until?: EpochMs | undefined;
    } = {},
  ): AccessResult => ({
    access,
    reason,
    explanation: EXPLANATION[reason],
    product: found.product ?? (productId === undefined ? null : { id: productId, name: "" }),
    ...(found.subscription ? { subscription: found.subscription } : {}),
    ...(found.purchase ? { purchase: found.purchase } : {}),
    ...(found.student ? { student: found.student } : {}),
    ...(found.until !== undefined ? { until: found.until } : {}),
    checkedAt: now,
    calls,
  });

  // 1. The Club: a blocked member has no access, whatever they bought.
  let student: ClubStudentsItem | undefined;
  if (subdomain !== undefined) {
    const found = await client.club.findStudent(subdomain, address, options);
    calls += found.calls;
    if ("user" in found) {
      student = found.user;
      if (student.status !== "ACTIVE") return answer(false, "club_blocked", { student });
    }
  }
  const withStudent = student ? { student } : {};

  // 2. Subscriptions, in real time: the best one decides.
  const subs: SubscriptionsListItem[] = [];
  for await (const page of client.subscriptions
    .list(
      { subscriber_email: address, ...(productId === undefined ? {} : { product_id: productId }) },
      options,
    )
    .pages()) {
    calls += 1;
    subs.push(...page.items.filter((s) => s.subscriber?.email?.toLowerCase() === address.toLowerCase()));
  }
  const judged = subs.map((subscription) => ({ subscription, ...subscriptionAccess(subscription, now) }));
  const granting = judged.find((j) => j.access);
  if (granting) {
    const { subscription, reason, until } = granting;
    return answer(true, reason, { product: productOf(subscription), subscription, until, ...withStudent });
  }

  // 3. Approved purchases (Hotmart's default filter: APPROVED and COMPLETE). A subscription's own
  //    charges do not count: the subscription above is the authority on it.
  const subscribed = new Set(subs.map((s) => s.product.id));
  const sales = client.sales;
  const query = { buyer_email: address, ...(productId === undefined ? {} : { product_id: productId }) };
  const paid = await firstPurchase(sales, query, subscribed, options);
  calls += paid.calls;
  if (paid.purchase) {
    const purchase = paid.purchase;
    const reason = purchase.purchase.status === "COMPLETE" ? "purchase_complete" : "purchase_approved";
    return answer(true, reason, { product: purchase.product, purchase, ...withStudent });
  }

  // 4. No access from a purchase. A subscription that refused explains it.
  const refusing = judged[0];
  if (refusing) {
    const { subscription, reason, until } = refusing;
    return answer(false, reason, { product: productOf(subscription), subscription, until, ...withStudent });
  }
  if (student) return answer(true, "club_member", { student });

  // 5. A disputed purchase keeps access; a refunded, charged back, cancelled or expired one explains
  //    the refusal.
  for (const [status, reason] of AFTER) {
    const found = await firstPurchase(sales, { ...query, transaction_status: status }, subscribed, options);
    calls += found.calls;
    if (found.purchase) {
      const { purchase } = found;
      return answer(reason === "purchase_disputed", reason, { product: purchase.product, purchase });
    }
  }
  return answer(false, "no_purchase");
}

async function firstPurchase(
  sales: Sales,
  query: { buyer_email: string; product_id?: number; transaction_status?: string },
  subscribed: ReadonlySet<number>,
  options: RequestOptions | undefined,
): Promise<{ purchase?: SalesHistoryItem; calls: number }> {
  let calls = 0;
  const wanted = query.buyer_email.toLowerCase();
  for await (const page of sales.history(query, options).pages()) {
    calls += 1;
    const purchase = page.items.find(
      (s) =>
        !(s.purchase.is_subscription && subscribed.has(s.product.id)) &&
        (s.buyer?.email === undefined || s.buyer.email.toLowerCase() === wanted),
    );
    if (purchase) return { purchase, calls };
  }
  return { calls };
}

function productOf(sub: SubscriptionsListItem): ProductRef {
  return { id: sub.product.id, name: sub.product.name };
}
