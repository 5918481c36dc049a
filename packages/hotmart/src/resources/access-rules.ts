/**
 * What one subscription says about access, by the rules of docs/access.md: a module of its own so that
 * `hotmart.access.check()` (access-check.ts, loaded on first use) and the public `subscriptionAccess`
 * (re-exported by access.ts) share it without the client importing the check.
 */
import type { EpochMs } from "../core/types";
import type { AccessReason } from "./access";
import type { SubscriptionsListItem } from "./subscriptions";

const CANCELLED = new Set(["CANCELLED_BY_CUSTOMER", "CANCELLED_BY_SELLER", "CANCELLED_BY_ADMIN"]);

/** What one subscription says, by the rules of docs/access.md. */
export function subscriptionAccess(
  sub: Pick<SubscriptionsListItem, "status" | "date_next_charge">,
  now: EpochMs,
): { access: boolean; reason: AccessReason; until?: EpochMs } {
  const until = typeof sub.date_next_charge === "number" ? sub.date_next_charge : undefined;
  const paidThrough = until !== undefined && until > now;
  switch (sub.status) {
    case "ACTIVE":
      return withUntil(true, "subscription_active", until);
    case "DELAYED":
      return { access: true, reason: "subscription_delayed" };
    case "OVERDUE":
      return paidThrough
        ? withUntil(true, "subscription_cancelled_paid_through", until)
        : { access: false, reason: "subscription_ended" };
    default:
      if (CANCELLED.has(sub.status)) {
        return paidThrough
          ? withUntil(true, "subscription_cancelled_paid_through", until)
          : withUntil(false, "subscription_cancelled", until);
      }
      return { access: false, reason: "subscription_not_paid" };
  }
}

function withUntil(access: boolean, reason: AccessReason, until: EpochMs | undefined) {
  return until === undefined ? { access, reason } : { access, reason, until };
}
