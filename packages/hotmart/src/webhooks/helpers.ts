/**
 * Answers to the questions sellers build on webhooks: what kind of purchase is this, how was it paid,
 * and should the buyer's access change. Each rule is documented with the evidence behind it
 * (docs/api-notes.md §9) so you can tell where your business should differ.
 */
import type { EpochMs } from "../core/types";
import {
  type HotmartWebhookEvent,
  WEBHOOK_EVENT_NAMES,
  WEBHOOK_PURCHASE_EVENT_NAMES,
  type WebhookAffiliate,
  type WebhookEventName,
  type WebhookEventOf,
  type WebhookPayload,
  type WebhookPurchaseEvent,
} from "./events";
import { normalizePaymentType, webhookDateToMs } from "./normalize";
import { isLegacyWebhook } from "./parse";

const EVENT_NAMES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_NAMES);
const PURCHASE_EVENT_NAMES: ReadonlySet<string> = new Set(WEBHOOK_PURCHASE_EVENT_NAMES);

/** True when the payload is a v2 event whose name this SDK knows (one of the 16). */
export function isKnownWebhookEvent(payload: WebhookPayload): payload is HotmartWebhookEvent {
  return !isLegacyWebhook(payload) && EVENT_NAMES.has(payload.event);
}

/** True for the nine purchase events, which share `data.purchase`, `data.product`, `data.buyer`, ... */
export function isPurchaseEvent(payload: WebhookPayload): payload is WebhookPurchaseEvent {
  return !isLegacyWebhook(payload) && PURCHASE_EVENT_NAMES.has(payload.event);
}

/** Narrows a payload to one event: `if (isWebhookEvent(p, "SWITCH_PLAN")) p.data.plans`. */
export function isWebhookEvent<Name extends WebhookEventName>(
  payload: WebhookPayload,
  name: Name,
): payload is WebhookEventOf<Name> {
  return !isLegacyWebhook(payload) && payload.event === name;
}

// ---------------------------------------------------------------------------------------------------
// Purchase kind
// ---------------------------------------------------------------------------------------------------

/**
 * What `purchaseKind(event)` answers: `"one_time"` (no subscription), `"new_subscription"` (first payment of
 * a subscription) or `"renewal"` (a later recurrence, or an early renewal).
 */
export type WebhookPurchaseKind = "one_time" | "new_subscription" | "renewal";

/**
 * One-time purchase, first payment of a subscription, or a renewal.
 *
 * The rule:
 * 1. No `data.subscription` → `"one_time"` (a purchase paid in instalments is still one-time).
 * 2. `purchase.recurrence_number` greater than 1, or `purchase.subscription_anticipation_purchase`
 *    true (an early renewal) → `"renewal"`.
 * 3. Otherwise → `"new_subscription"` (`recurrence_number` 1).
 *
 * Limitation: payloads from before 2025 carry no `recurrence_number`; rule 3 then calls every payment
 * of a subscription `"new_subscription"`. If you must tell them apart on such payloads, look the
 * `subscription.subscriber.code` up in your records (a code you already know is a renewal).
 *
 * @example
 * ```ts
 * if (isWebhookEvent(payload, "PURCHASE_APPROVED")) {
 *   const kind = purchaseKind(payload); // "one_time" | "new_subscription" | "renewal"
 *   if (kind === "new_subscription") await sendWelcome(payload.data.buyer?.email);
 * }
 * ```
 */
export function purchaseKind(event: WebhookPurchaseEvent): WebhookPurchaseKind {
  const data = event.data as Partial<WebhookPurchaseEvent["data"]> | undefined;
  // Any value counts: one capture set anonymised `subscription` into a string, and it was still one.
  if (data?.subscription === undefined || data.subscription === null) return "one_time";
  const recurrence = data.purchase?.recurrence_number;
  if (
    (typeof recurrence === "number" && recurrence > 1) ||
    data.purchase?.subscription_anticipation_purchase === true
  )
    return "renewal";
  return "new_subscription";
}

// ---------------------------------------------------------------------------------------------------
// Payment kind
// ---------------------------------------------------------------------------------------------------

/** What `paymentKind(event)` answers: the payment type folded into Pix, boleto, card, PayPal or `"other"`. */
export type WebhookPaymentKind = "pix" | "boleto" | "card" | "paypal" | "other";

const CARD_TYPES = new Set(["CREDIT_CARD", "HOTCARD", "GOOGLE_PAY", "SAMSUNG_PAY", "APPLE_PAY"]);

/**
 * How the buyer paid, in the four buckets Brazilian sellers decide on, from `purchase.payment.type`
 * (or a payment type string):
 *
 * - `PIX` → `"pix"`.
 * - `BILLET`, `FINANCED_BILLET` → `"boleto"`.
 * - `CREDIT_CARD`, `HOTCARD`, and the card wallets `GOOGLE_PAY` / `SAMSUNG_PAY` / `APPLE_PAY`, plus any
 *   REST payment method naming a credit card (`CREDIT_CARD_VISA`, `VISA_CREDIT_CARD`) → `"card"`.
 * - `PAYPAL`, `PAYPAL_INTERNACIONAL` → `"paypal"`.
 * - Everything else → `"other"`: `WALLET`, `CASH_PAYMENT` (`CASHPAYMENT`), `PICPAY`, `HYBRID`,
 *   `DIRECT_DEBIT`, `DIRECT_BANK_TRANSFER`, `MANUAL_TRANSFER`, `FINANCED_INSTALLMENT`, new values.
 *
 * When an event has no `payment.type`, a `pix_code` means Pix and a `billet_barcode` means boleto.
 * Note `PURCHASE_BILLET_PRINTED` fires for Pix codes too (8 of 9 real captures): this answers `"pix"`
 * for them, which is what the event really was.
 *
 * @example
 * ```ts
 * paymentKind("CREDIT_CARD_VISA"); // "card"
 * paymentKind("CASHPAYMENT"); // "other"
 * if (isWebhookEvent(payload, "PURCHASE_BILLET_PRINTED") && paymentKind(payload) === "pix")
 *   await sendPixReminder(payload.data.purchase.payment.pix_code);
 * ```
 */
export function paymentKind(eventOrType: WebhookPurchaseEvent | string | undefined): WebhookPaymentKind {
  if (typeof eventOrType === "string" || eventOrType === undefined) return kindOfType(eventOrType);
  const payment = (eventOrType.data as Partial<WebhookPurchaseEvent["data"]> | undefined)?.purchase?.payment;
  if (typeof payment?.type === "string" && payment.type !== "") return kindOfType(payment.type);
  if (payment?.pix_code) return "pix";
  if (payment?.billet_barcode || payment?.billet_url) return "boleto";
  return "other";
}

function kindOfType(type: string | undefined): WebhookPaymentKind {
  if (type === undefined) return "other";
  const normal = normalizePaymentType(type);
  if (normal === "PIX") return "pix";
  if (normal === "BILLET" || normal === "FINANCED_BILLET") return "boleto";
  if (normal === "PAYPAL" || normal === "PAYPAL_INTERNACIONAL") return "paypal";
  if (CARD_TYPES.has(normal) || normal.includes("CREDIT_CARD")) return "card";
  return "other";
}

// ---------------------------------------------------------------------------------------------------
// Access decision
// ---------------------------------------------------------------------------------------------------

/** What to do with the buyer's access, the `action` of `accessDecision(event)`. */
export type WebhookAccessAction =
  /** Give the buyer access (until `until` when set, else for good). */
  | "grant"
  /** Take access away now. */
  | "revoke"
  /** Leave access as it is (until `until` when set; revoke after it). */
  | "keep"
  /** The event does not bear on access. */
  | "none";

/** What `accessDecision(event)` answers: an action, until when it holds, and why. */
export interface WebhookAccessDecision {
  /** `"grant"`, `"revoke"`, `"keep"` or `"none"`; see `accessDecision` for which event gives which. */
  action: WebhookAccessAction;
  /** Epoch ms: the end of the period paid for (subscriptions), when the event says. */
  until?: EpochMs;
  /** One sentence, for your logs. */
  reason: string;
}

/** The second argument of `accessDecision`. */
export interface AccessDecisionOptions {
  /** "Now" in epoch ms, to decide whether a cancelled subscription's paid period is over. Default `Date.now()`. */
  now?: number;
}

/**
 * Whether to grant, revoke or keep access, and until when. The rules, by event:
 *
 * - `PURCHASE_APPROVED`, `PURCHASE_COMPLETE` → **grant**; `until` is `purchase.date_next_charge` for a
 *   subscription (the end of the period this payment covers; the next renewal's APPROVED extends it),
 *   absent for a one-time purchase.
 * - `PURCHASE_REFUNDED`, `PURCHASE_CHARGEBACK` → **revoke**: the money went back.
 * - `PURCHASE_CANCELED`, `PURCHASE_EXPIRED` → **revoke** for a one-time purchase or a first
 *   subscription payment: the purchase will never be paid (card refused, boleto or Pix not paid in
 *   time), so whatever it granted (nothing, unless you grant on `BILLET_PRINTED`) must go; revoking
 *   what was never granted is harmless. For a **renewal** → **keep**: the subscriber paid for the
 *   current period, and Hotmart's own lifecycle (`PURCHASE_DELAYED`, then `SUBSCRIPTION_CANCELLATION`
 *   with its `date_next_charge`) says when access ends.
 * - `PURCHASE_BILLET_PRINTED` → **none**: a boleto or Pix code awaits payment; grant on APPROVED.
 * - `PURCHASE_PROTEST` → **none**: the buyer asked for a refund (`DISPUTE`); Hotmart may refuse it, and
 *   `PURCHASE_REFUNDED` follows when it is granted. Revoking on the request would punish buyers whose
 *   request is denied.
 * - `PURCHASE_DELAYED` → **keep**: a renewal is unpaid and Hotmart keeps charging; a
 *   `SUBSCRIPTION_CANCELLATION` follows if it never succeeds.
 * - `SUBSCRIPTION_CANCELLATION` → **keep** `until` `date_next_charge` (the docs: billed on the 10th,
 *   cancelled on the 20th, access runs to the 10th of next month), then revoke; **revoke** when that
 *   date is missing or already past (`options.now`).
 * - `SWITCH_PLAN`, `UPDATE_SUBSCRIPTION_CHARGE_DATE` → **keep** (`until` the next charge): the
 *   subscription goes on; if your entitlements differ by plan, read `data.plans[].current`.
 * - `PURCHASE_OUT_OF_SHOPPING_CART`, `CLUB_FIRST_ACCESS`, `CLUB_MODULE_COMPLETED`,
 *   `ORDER_FULFILLMENT`, unknown events → **none**.
 * - Legacy v1 posts: by status, with the same meaning (approved/completed grant;
 *   refunded/chargeback/cancelled/expired revoke; delayed/overdue keep; others none).
 *
 * Deliveries arrive out of order (an APPROVED can follow its REFUNDED): never let a stored status
 * regress, e.g. ignore a grant for a transaction you already revoked for a refund.
 *
 * @example
 * ```ts
 * const decision = accessDecision(payload);
 * // `until`: epoch ms; undefined means for good (grant) or no known end (keep).
 * if (decision.action === "grant") await grant(email, decision.until);
 * if (decision.action === "revoke") await revoke(email);
 * if (decision.action === "keep" && decision.until !== undefined) await revokeAt(email, decision.until);
 * ```
 */
export function accessDecision(
  payload: WebhookPayload,
  options: AccessDecisionOptions = {},
): WebhookAccessDecision {
  if (isLegacyWebhook(payload)) return decideByStatus(payload.status);
  const event = payload as HotmartWebhookEvent;
  switch (event.event) {
    case "PURCHASE_APPROVED":
    case "PURCHASE_COMPLETE": {
      const until = paidUntil(event);
      return withUntil(
        "grant",
        until,
        until === undefined
          ? "Purchase paid: grant access"
          : "Subscription payment approved: grant access until the next charge",
      );
    }
    case "PURCHASE_REFUNDED":
      return { action: "revoke", reason: "Purchase refunded: revoke access" };
    case "PURCHASE_CHARGEBACK":
      return { action: "revoke", reason: "Chargeback: revoke access" };
    case "PURCHASE_CANCELED":
    case "PURCHASE_EXPIRED": {
      const what = event.event === "PURCHASE_CANCELED" ? "was cancelled" : "expired unpaid";
      if (purchaseKind(event) === "renewal")
        return {
          action: "keep",
          reason: `A subscription renewal ${what}: keep access; Hotmart's delay and cancellation events decide when it ends`,
        };
      return {
        action: "revoke",
        reason: `The purchase ${what}: it will never be paid, revoke any access it gave`,
      };
    }
    case "PURCHASE_BILLET_PRINTED":
      return {
        action: "none",
        reason: "Boleto or Pix code issued, awaiting payment: grant when it is approved",
      };
    case "PURCHASE_PROTEST":
      return {
        action: "none",
        reason:
          "Refund requested: keep things as they are until Hotmart refunds (PURCHASE_REFUNDED) or refuses",
      };
    case "PURCHASE_DELAYED":
      return {
        action: "keep",
        reason: "Subscription renewal overdue: Hotmart keeps charging; keep access for now",
      };
    case "SUBSCRIPTION_CANCELLATION": {
      const until = webhookDateToMs(event.data?.date_next_charge);
      const now = options.now ?? Date.now();
      if (until === undefined)
        return {
          action: "revoke",
          reason: "Subscription cancelled and no paid-through date given: revoke access",
        };
      if (until <= now)
        return {
          action: "revoke",
          until,
          reason: "Subscription cancelled and its paid period is over: revoke access",
        };
      return {
        action: "keep",
        until,
        reason:
          "Subscription cancelled: keep access until the paid period ends (date_next_charge), then revoke",
      };
    }
    case "SWITCH_PLAN":
      return withUntil(
        "keep",
        webhookNextChargeDate(event),
        "Plan switched: the subscription continues (check data.plans[].current if entitlements differ by plan)",
      );
    case "UPDATE_SUBSCRIPTION_CHARGE_DATE":
      return withUntil(
        "keep",
        webhookNextChargeDate(event),
        "Charge day changed: the subscription continues",
      );
    case "PURCHASE_OUT_OF_SHOPPING_CART":
      return { action: "none", reason: "Cart abandoned: no purchase was made" };
    case "CLUB_FIRST_ACCESS":
    case "CLUB_MODULE_COMPLETED":
      return { action: "none", reason: "Course progress: no change to access" };
    case "ORDER_FULFILLMENT":
      return {
        action: "none",
        reason: "Logistics data for a physical order: access follows the purchase events",
      };
    default:
      return { action: "none", reason: `Unknown event ${(event as { event: string }).event}: no decision` };
  }
}

function decideByStatus(status: string | undefined): WebhookAccessDecision {
  switch (status) {
    case "APPROVED":
    case "COMPLETE":
      return { action: "grant", reason: "Legacy postback: purchase paid, grant access" };
    case "REFUNDED":
    case "CHARGEBACK":
    case "CANCELLED":
    case "EXPIRED":
      return { action: "revoke", reason: `Legacy postback: purchase ${status.toLowerCase()}, revoke access` };
    case "DELAYED":
    case "OVERDUE":
      return { action: "keep", reason: "Legacy postback: payment overdue, keep access for now" };
    default:
      return { action: "none", reason: `Legacy postback with status ${status ?? "(none)"}: no decision` };
  }
}

function withUntil(
  action: WebhookAccessAction,
  until: EpochMs | undefined,
  reason: string,
): WebhookAccessDecision {
  return until === undefined ? { action, reason } : { action, until, reason };
}

function paidUntil(event: WebhookPurchaseEvent): EpochMs | undefined {
  if (purchaseKind(event) === "one_time") return undefined;
  return webhookDateToMs(event.data?.purchase?.date_next_charge);
}

// ---------------------------------------------------------------------------------------------------
// Small readers across event shapes
// ---------------------------------------------------------------------------------------------------

/**
 * The subscriber code (the REST API's `subscriber_code`) wherever the event keeps it: purchase events
 * (`subscription.subscriber.code`), `SUBSCRIPTION_CANCELLATION` and `UPDATE_SUBSCRIPTION_CHARGE_DATE`
 * (`subscriber.code`), `SWITCH_PLAN` (`subscription.subscriber_code`).
 */
export function webhookSubscriberCode(payload: WebhookPayload): string | undefined {
  if (isLegacyWebhook(payload)) return undefined;
  const event = payload as HotmartWebhookEvent;
  let code: unknown;
  if (isPurchaseEvent(event)) code = event.data?.subscription?.subscriber?.code;
  else if (event.event === "SUBSCRIPTION_CANCELLATION" || event.event === "UPDATE_SUBSCRIPTION_CHARGE_DATE")
    code = event.data?.subscriber?.code;
  else if (event.event === "SWITCH_PLAN") code = event.data?.subscription?.subscriber_code;
  return typeof code === "string" && code !== "" ? code : undefined;
}

/**
 * The next charge date in epoch ms, from whichever field the event uses (including the ISO string of
 * `UPDATE_SUBSCRIPTION_CHARGE_DATE`).
 */
export function webhookNextChargeDate(payload: WebhookPayload): EpochMs | undefined {
  if (isLegacyWebhook(payload)) return undefined;
  const event = payload as HotmartWebhookEvent;
  if (isPurchaseEvent(event)) return webhookDateToMs(event.data?.purchase?.date_next_charge);
  switch (event.event) {
    case "SUBSCRIPTION_CANCELLATION":
      return webhookDateToMs(event.data?.date_next_charge);
    case "SWITCH_PLAN":
    case "UPDATE_SUBSCRIPTION_CHARGE_DATE":
      return webhookDateToMs(event.data?.subscription?.date_next_charge);
    default:
      return undefined;
  }
}

/**
 * The purchase's real affiliates. Hotmart sends `affiliates` even when there is none, as one element
 * with an empty `affiliate_code`; those are dropped.
 */
export function webhookAffiliates(event: WebhookPurchaseEvent): WebhookAffiliate[] {
  const list = (event.data as Partial<WebhookPurchaseEvent["data"]> | undefined)?.affiliates;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (a): a is WebhookAffiliate =>
      a !== null &&
      typeof a === "object" &&
      typeof a.affiliate_code === "string" &&
      a.affiliate_code.trim() !== "",
  );
}
