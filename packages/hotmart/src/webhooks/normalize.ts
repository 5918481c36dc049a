/**
 * Normalisers for the spellings Hotmart's webhooks disagree on (docs/api-notes.md §9.13, §10). Each maps
 * the known variants to one documented spelling and returns any other value unchanged (trimmed and
 * upper-cased), so a value Hotmart invents tomorrow passes through instead of being lost.
 */
import type { EpochMs } from "../core/types";
import type { WebhookPaymentType, WebhookPurchaseStatus, WebhookSubscriptionStatus } from "./events";

const PURCHASE_STATUS_ALIASES: Readonly<Record<string, WebhookPurchaseStatus>> = {
  // Real webhooks (2023 and 2025 captures) vs the documented spelling.
  COMPLETED: "COMPLETE",
  CANCELED: "CANCELLED",
  BILLET_PRINTED: "PRINTED_BILLET",
  // The REST API's name for a refund request; webhooks say DISPUTE.
  PROTESTED: "DISPUTE",
  // The transactions page spells it correctly; every other list says UNDER_ANALISYS (sic).
  UNDER_ANALYSIS: "UNDER_ANALISYS",
};

/**
 * `normalizePurchaseStatus("COMPLETED") === "COMPLETE"`; also `CANCELED` → `CANCELLED`,
 * `BILLET_PRINTED` → `PRINTED_BILLET`, `PROTESTED` → `DISPUTE`, `UNDER_ANALYSIS` → `UNDER_ANALISYS`,
 * and the lowercase legacy (v1) words (`approved`, `completed`, ...) to the same. Unknown values are
 * returned upper-cased.
 */
export function normalizePurchaseStatus(status: string): WebhookPurchaseStatus {
  const upper = status.trim().toUpperCase();
  return PURCHASE_STATUS_ALIASES[upper] ?? upper;
}

const SUBSCRIPTION_STATUS_ALIASES: Readonly<Record<string, WebhookSubscriptionStatus>> = {
  CANCELED_BY_CUSTOMER: "CANCELLED_BY_CUSTOMER",
  CANCELED_BY_VENDOR: "CANCELLED_BY_SELLER",
  CANCELLED_BY_VENDOR: "CANCELLED_BY_SELLER",
  CANCELED_BY_SELLER: "CANCELLED_BY_SELLER",
  CANCELED_BY_ADMIN: "CANCELLED_BY_ADMIN",
  // The docs' tutorial name for a late subscription (sent with PURCHASE_DELAYED).
  PAST_DUE: "DELAYED",
};

/**
 * The REST / purchase-webhook spelling: `CANCELED_BY_VENDOR` → `CANCELLED_BY_SELLER`,
 * `CANCELED_BY_CUSTOMER` / `CANCELED_BY_ADMIN` → `CANCELLED_BY_*`, `PAST_DUE` → `DELAYED`.
 */
export function normalizeSubscriptionStatus(status: string): WebhookSubscriptionStatus {
  const upper = status.trim().toUpperCase();
  return SUBSCRIPTION_STATUS_ALIASES[upper] ?? upper;
}

/** `CASHPAYMENT` (seen in a real PURCHASE_DELAYED) → `CASH_PAYMENT`. */
export function normalizePaymentType(type: string): WebhookPaymentType {
  const upper = type.trim().toUpperCase();
  return upper === "CASHPAYMENT" ? "CASH_PAYMENT" : upper;
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** A number, or a string that is exactly a decimal number; `undefined` for anything else. */
export function toNumberOrUndefined(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && NUMERIC.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** An ISO-8601 date (`2024-07-10`) or date-time, its zone (`Z`, `-03:00`) apart; seconds optional. */
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Epoch milliseconds from what Hotmart sends for a date: a number (taken as ms; every live capture is
 * 13-digit ms), a string of digits, or an ISO-8601 string. `undefined` when unreadable. Values are not
 * rescaled: a 10-digit value in a docs example is a docs mistake, not seconds to multiply.
 *
 * A date-time without a zone (`2024-07-10 12:00:00`, as Hotmart writes the dates of its subscription
 * results) is Brasília time, Hotmart's: `Date.parse` read it in the machine's zone, so a server in UTC and
 * a laptop in São Paulo took the same event's `date_next_charge` 3 h apart. Fixed -03:00, which every
 * date since Brazil's last daylight saving time (February 2019) had, so every webhook sent since.
 * Any other form (`07/10/2024`, which `Date.parse` reads month first, in the machine's zone) is unreadable.
 */
export function webhookDateToMs(value: unknown): EpochMs | undefined {
  const n = toNumberOrUndefined(value);
  if (n !== undefined) return n;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== "string") return undefined;
  const iso = ISO_DATE_TIME.exec(value.trim());
  if (!iso) return undefined;
  const [, day, time, zone = "-03:00"] = iso;
  // A date alone is its midnight UTC, as `Date.parse` reads it on every machine. A date-time is written
  // in the one form every runtime reads alike: `T`, and `Z` or `+hh:mm`.
  const offset = /^z$/i.test(zone) ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const parsed = Date.parse(time === undefined ? (day as string) : `${day}T${time}${offset}`);
  return Number.isNaN(parsed) ? undefined : parsed;
}
