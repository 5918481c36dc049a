/**
 * "Does this person have access to my product now, and why?", answered from the REST API alone. The
 * rules are written for sellers in docs/access.md; they agree with the webhook helper `accessDecision`
 * on every situation both can see (test/resources/access-agreement.test.ts).
 */
import { APIResource } from "../core/resource";
import type { DateParam, EpochMs, RequestOptions } from "../core/types";
import type { ClubStudentsItem } from "./club";
import type { ProductRef } from "./common";
import type { SalesHistoryItem } from "./sales";
import type { SubscriptionsListItem } from "./subscriptions";

export { subscriptionAccess } from "./access-rules";

/** Options of `access.check`: which product and Club to judge, and when. */
export interface AccessCheckParams {
  /** Only this product (its numeric id). Without it, access to any of your products counts. */
  product_id?: number | undefined;
  /** The Club subdomain: a blocked Club member has no access; an active member without a purchase has. */
  subdomain?: string | undefined;
  /** The moment to judge (default: now). Subscription dates are compared with it. */
  now?: DateParam | undefined;
}

/** One reason per rule (docs/access.md). */
export type AccessReason =
  /** An ACTIVE subscription. */
  | "subscription_active"
  /** A DELAYED subscription: a renewal is unpaid and Hotmart is still charging. */
  | "subscription_delayed"
  /** A cancelled subscription whose paid period (`date_next_charge`) has not ended. */
  | "subscription_cancelled_paid_through"
  /** A cancelled subscription whose paid period is over. */
  | "subscription_cancelled"
  /** An OVERDUE subscription (its duration is over) past its last paid period. */
  | "subscription_ended"
  /** An INACTIVE or STARTED subscription: the first charge was never approved. */
  | "subscription_not_paid"
  /** An APPROVED one-time purchase, still inside its refund window. */
  | "purchase_approved"
  /** A COMPLETE one-time purchase: paid, refund window closed. */
  | "purchase_complete"
  /** A refund was requested (PROTESTED): access stays until Hotmart refunds or refuses. */
  | "purchase_disputed"
  | "purchase_refunded"
  | "purchase_chargeback"
  | "purchase_cancelled"
  | "purchase_expired"
  /** The Club member is blocked (by the producer or for non-payment). */
  | "club_blocked"
  /** No purchase found, but an active Club member (imported or free student). */
  | "club_member"
  /** Nothing found for this e-mail. */
  | "no_purchase";

/** The answer of `access.check`: the verdict, the rule that gave it, and the record that decided. */
export interface AccessResult {
  /** Whether the person should have access now (at `checkedAt`). */
  access: boolean;
  /** The rule that decided (docs/access.md); `explanation` says it in a sentence. */
  reason: AccessReason;
  /** The reason in one sentence, for logs and support. */
  explanation: string;
  /** The product the answer is about (null when nothing was found and no product_id was given). */
  product: ProductRef | null;
  /** The subscription that decided, when one did. */
  subscription?: SubscriptionsListItem;
  /** The purchase that decided, when one did. */
  purchase?: SalesHistoryItem;
  /** The Club member, when a subdomain was given and the e-mail is a member. */
  student?: ClubStudentsItem;
  /** Epoch ms: access ends then (a subscription's paid period), when known. */
  until?: EpochMs;
  /** Epoch ms: the moment judged. */
  checkedAt: EpochMs;
  /** API requests made (pages count one each; the token request does not count). */
  calls: number;
}

/** Access checks (`hotmart.access`), built on subscriptions, sales and the Club. */
export class Access extends APIResource {
  /**
   * Whether this e-mail should have access now, and why, with the fewest API calls: the Club when
   * `subdomain` is given, then the subscriptions (real time), then approved purchases, then disputed
   * ones, then (only to explain a refusal) refunded, charged back, cancelled and expired purchases. The rules are in docs/access.md.
   * Composite (several requests), so its promise has no `.withResponse()`.
   *
   * @example
   * const answer = await hotmart.access.check("arthur.santos@example.com", { product_id: 3575536 });
   * if (!answer.access) console.log(`No access: ${answer.explanation}`);
   */
  async check(email: string, params?: AccessCheckParams, options?: RequestOptions): Promise<AccessResult> {
    // The decision and its requests load on first use: most apps never call it, so their bundles do
    // not carry it (access-check.ts).
    const { checkAccess } = await import("./access-check");
    return checkAccess(this._client, email, params, options);
  }
}
