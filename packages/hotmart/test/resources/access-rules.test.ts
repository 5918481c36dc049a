/** The subscription rules of docs/access.md, one row per status, judged before and after the paid date. */
import { type AccessReason, subscriptionAccess } from "hotmart";
import { describe, expect, it } from "vitest";

const NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

const rows: [status: string, paidUntil: number, access: boolean, reason: AccessReason][] = [
  ["ACTIVE", NOW + 10 * DAY, true, "subscription_active"],
  ["DELAYED", NOW - 3 * DAY, true, "subscription_delayed"],
  ["CANCELLED_BY_CUSTOMER", NOW + DAY, true, "subscription_cancelled_paid_through"],
  ["CANCELLED_BY_SELLER", NOW + DAY, true, "subscription_cancelled_paid_through"],
  ["CANCELLED_BY_ADMIN", NOW - DAY, false, "subscription_cancelled"],
  ["CANCELLED_BY_CUSTOMER", NOW, false, "subscription_cancelled"],
  ["OVERDUE", NOW + DAY, true, "subscription_cancelled_paid_through"],
  ["OVERDUE", NOW - DAY, false, "subscription_ended"],
  ["INACTIVE", NOW + DAY, false, "subscription_not_paid"],
  ["STARTED", NOW + DAY, false, "subscription_not_paid"],
];

describe("subscriptionAccess", () => {
  it.each(rows)("%s, paid until %i", (status, paidUntil, access, reason) => {
    const answer = subscriptionAccess({ status, date_next_charge: paidUntil }, NOW);
    expect(answer.access).toBe(access);
    expect(answer.reason).toBe(reason);
  });
});
