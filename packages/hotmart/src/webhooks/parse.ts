/**
 * Parsing: a body as received (text, bytes or an object a framework already parsed) to a typed
 * `HotmartWebhookEvent`, or a `LegacyWebhook` for form-encoded v1 posts.
 *
 * Tolerance rules, and why:
 * - Only the envelope is checked (`event`, `data`, `id`, a creation date). A missing or mistyped field
 *   inside `data` is not an error: real payloads drift from the docs (docs/api-notes.md §9.13), and a 400
 *   makes Hotmart re-send the event and, after five failures, disable the whole webhook configuration.
 *   Use `hotmart/schemas` when you want strict validation.
 * - The drifts the reference lists are normalised in place, keeping every unknown field:
 *   `creationDate` → `creation_date`; `COMPLETED`/`CANCELED`/`BILLET_PRINTED` → the documented
 *   statuses; `CANCELED_BY_VENDOR` → `CANCELLED_BY_SELLER`; `CASHPAYMENT` → `CASH_PAYMENT`; numeric
 *   strings → numbers for ids and amounts; ISO or digit strings → epoch ms where ms is documented
 *   (and the reverse for the two fields documented as ISO); `currency_code` → `currency_value`;
 *   `subscription.subscriber_code` → `subscription.subscriber.code`; `origin.xcode` → `origin.xcod`.
 * - The input is never mutated: objects are cloned first. The body exactly as received is what your
 *   handler gets as `context.rawBody`.
 */

import { WebhookPayloadError } from "./errors";
import type { HotmartWebhookEvent, LegacyWebhook, WebhookPayload } from "./events";
import {
  normalizePaymentType,
  normalizePurchaseStatus,
  normalizeSubscriptionStatus,
  toNumberOrUndefined,
  webhookDateToMs,
} from "./normalize";

/** A webhook body in any form a runtime or framework hands it over. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | URLSearchParams | Record<string, unknown>;

/** The second argument of `parseWebhook`. */
export interface ParseWebhookOptions {
  /**
   * The request's `Content-Type`. `application/json` (or any `+json`) is parsed as a v2 event,
   * `application/x-www-form-urlencoded` as a legacy v1 postback, anything else is a
   * `WebhookPayloadError` with status 415. When absent the body is sniffed: `{` means JSON, else form.
   */
  contentType?: string | null | undefined;
}

/** A body decoded but not yet normalised: what hottok extraction reads. */
export type DecodedWebhookBody = { kind: "json"; value: unknown } | { kind: "form"; value: URLSearchParams };

/** The kind of body a content type announces. */
export function webhookMediaKind(contentType: string | null | undefined): "json" | "form" | "none" | "other" {
  if (contentType === undefined || contentType === null) return "none";
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (type === "") return "none";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  return "other";
}

const decoder = new TextDecoder();

/** Decodes the body into JSON or form fields. Throws `WebhookPayloadError` (400 or 415). */
export function decodeWebhookBody(body: WebhookBody, contentType?: string | null): DecodedWebhookBody {
  if (typeof URLSearchParams !== "undefined" && body instanceof URLSearchParams)
    return { kind: "form", value: new URLSearchParams(body) };
  if (typeof body !== "string" && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) {
    // Already parsed by a framework (express.json(), express.urlencoded()): clone, never mutate theirs.
    return { kind: "json", value: cloneJson(body) };
  }
  const kind = webhookMediaKind(contentType);
  if (kind === "other")
    throw new WebhookPayloadError(
      "Unsupported content type: Hotmart sends application/json (v2) or application/x-www-form-urlencoded (legacy v1)",
      "unsupported_media_type",
    );
  const text = typeof body === "string" ? body : decoder.decode(body);
  const trimmed = text.trimStart();
  if (kind === "json" || (kind === "none" && (trimmed.startsWith("{") || trimmed.startsWith("[")))) {
    try {
      return { kind: "json", value: JSON.parse(text) as unknown };
    } catch {
      // No `cause`: a SyntaxError's message quotes the body, which holds personal data and maybe a hottok.
      throw new WebhookPayloadError("The body is not valid JSON", "invalid_json");
    }
  }
  if (kind === "none" && !text.includes("=")) {
    throw new WebhookPayloadError(
      "The body is neither JSON nor form data; a Hotmart webhook is a JSON object",
      "invalid_envelope",
    );
  }
  // Trimmed: a trailing newline (curl, proxies) would otherwise end up inside the last value.
  return { kind: "form", value: new URLSearchParams(text.trim()) };
}

/**
 * Parses a webhook body into a typed event (v2 JSON) or a `LegacyWebhook` (v1 form post). It does
 * not verify the hottok: use `constructEvent` or `createWebhookHandler` for requests from the network.
 * Throws `WebhookPayloadError` when the body is not an event.
 *
 * @example
 * ```ts
 * // Trusted input only (a stored raw event, a test fixture): nothing is verified here.
 * const payload = parseWebhook(storedBody, { contentType: "application/json" });
 * if (isPurchaseEvent(payload)) console.log(payload.data.purchase.transaction, payload.data.purchase.status);
 * ```
 */
export function parseWebhook(body: WebhookBody, options: ParseWebhookOptions = {}): WebhookPayload {
  return payloadFromDecoded(decodeWebhookBody(body, options.contentType));
}

/** Normalises a decoded body. Internal step shared by `parseWebhook`, `constructEvent` and the handler. */
export function payloadFromDecoded(decoded: DecodedWebhookBody): WebhookPayload {
  if (decoded.kind === "form") return legacyFromFields(formFields(decoded.value));
  const value = decoded.value;
  if (!isRecord(value))
    throw new WebhookPayloadError(
      "The body must be a JSON object (the event envelope), not an array or a scalar",
      "invalid_envelope",
    );
  if (!("event" in value) && !("data" in value) && looksLegacy(value)) {
    return legacyFromFields(stringFields(value));
  }
  return normalizeEnvelope(value);
}

/** True for a legacy v1 postback. */
export function isLegacyWebhook(payload: WebhookPayload): payload is LegacyWebhook {
  return (payload as { legacy?: unknown }).legacy === true;
}

// ---------------------------------------------------------------------------------------------------
// v2 envelope
// ---------------------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;

function normalizeEnvelope(envelope: Rec): HotmartWebhookEvent {
  const event = envelope.event;
  if (typeof event !== "string" || event.trim() === "")
    throw new WebhookPayloadError(
      "The envelope has no event name: expected a string `event` such as PURCHASE_APPROVED",
      "invalid_envelope",
    );
  if (!isRecord(envelope.data))
    throw new WebhookPayloadError("The envelope's `data` must be an object", "invalid_envelope");
  const id = envelope.id;
  if (typeof id === "number" && Number.isFinite(id)) envelope.id = String(id);
  else if (typeof id !== "string" || id.trim() === "")
    throw new WebhookPayloadError("The envelope has no event `id`", "invalid_envelope");
  const created = webhookDateToMs(envelope.creation_date ?? envelope.creationDate);
  if (created === undefined)
    throw new WebhookPayloadError(
      "The envelope has no readable `creation_date` (or `creationDate`)",
      "invalid_envelope",
    );
  envelope.creation_date = created;
  // Always "2.0.0" per the docs; a JSON envelope without one is still a v2 event.
  if (typeof envelope.version === "number") envelope.version = String(envelope.version);
  else if (typeof envelope.version !== "string") envelope.version = "2.0.0";

  normalizeData(event, envelope.data);
  return envelope as unknown as HotmartWebhookEvent;
}

function normalizeData(event: string, data: Rec): void {
  switch (event) {
    case "PURCHASE_APPROVED":
    case "PURCHASE_COMPLETE":
    case "PURCHASE_CANCELED":
    case "PURCHASE_REFUNDED":
    case "PURCHASE_CHARGEBACK":
    case "PURCHASE_BILLET_PRINTED":
    case "PURCHASE_PROTEST":
    case "PURCHASE_EXPIRED":
    case "PURCHASE_DELAYED":
      normalizePurchaseData(data);
      return;
    case "PURCHASE_OUT_OF_SHOPPING_CART":
      number(obj(data.product), "id");
      return;
    case "SUBSCRIPTION_CANCELLATION": {
      ms(data, "cancellation_date");
      ms(data, "date_next_charge");
      number(data, "actual_recurrence_value");
      number(obj(data.product), "id");
      const subscription = obj(data.subscription);
      number(subscription, "id");
      number(obj(subscription?.plan), "id");
      text(obj(data.subscriber), "code");
      return;
    }
    case "SWITCH_PLAN": {
      ms(data, "switch_plan_date");
      const subscription = obj(data.subscription);
      ms(subscription, "date_next_charge");
      subscriptionStatus(subscription);
      number(obj(subscription?.product), "id");
      for (const plan of records(data.plans)) {
        number(plan, "id");
        if (typeof plan.current === "string") plan.current = plan.current === "true";
      }
      return;
    }
    case "UPDATE_SUBSCRIPTION_CHARGE_DATE": {
      const subscription = obj(data.subscription);
      number(obj(subscription?.product), "id");
      number(subscription, "old_charge_day");
      number(subscription, "new_charge_day");
      iso(subscription, "date_next_charge");
      subscriptionStatus(subscription);
      number(obj(data.plan), "id");
      text(obj(data.subscriber), "code");
      return;
    }
    case "CLUB_FIRST_ACCESS":
      number(obj(data.product), "id");
      return;
    case "CLUB_MODULE_COMPLETED":
      number(obj(data.product), "id");
      text(obj(data.module), "id");
      return;
    case "ORDER_FULFILLMENT":
      normalizeFulfillmentData(data);
      return;
    default:
      // An event this SDK does not know yet: kept exactly as received.
      return;
  }
}

function normalizePurchaseData(data: Rec): void {
  const product = obj(data.product);
  number(product, "id");
  iso(product, "warranty_date");
  for (const item of records(obj(product?.content)?.products)) number(item, "id");

  for (const commission of records(data.commissions)) {
    number(commission, "value");
    currency(commission);
    const conversion = obj(commission.currency_conversion);
    number(conversion, "converted_value");
    number(conversion, "conversion_rate");
  }

  const purchase = obj(data.purchase);
  if (purchase) {
    if (purchase.approved_date !== null) ms(purchase, "approved_date");
    ms(purchase, "order_date");
    ms(purchase, "date_next_charge");
    money(purchase, "full_price");
    money(purchase, "original_offer_price");
    money(purchase, "price");
    number(purchase, "recurrence_number");
    if (typeof purchase.status === "string") purchase.status = normalizePurchaseStatus(purchase.status);
    const payment = obj(purchase.payment);
    if (payment) {
      if (typeof payment.type === "string") payment.type = normalizePaymentType(payment.type);
      number(payment, "installments_number");
      ms(payment, "pix_expiration_date");
    }
    const origin = obj(purchase.origin);
    if (origin && origin.xcod === undefined && typeof origin.xcode === "string") origin.xcod = origin.xcode;
    number(obj(purchase.event_tickets), "amount");
    text(purchase, "transaction");
  }

  const subscription = obj(data.subscription);
  if (subscription) {
    subscriptionStatus(subscription);
    number(obj(subscription.plan), "id");
    // One production reference writes the subscriber code flat, as SWITCH_PLAN does.
    if (subscription.subscriber === undefined && typeof subscription.subscriber_code === "string")
      subscription.subscriber = { code: subscription.subscriber_code };
    text(obj(subscription.subscriber), "code");
  }

  const shipping = obj(data.shipping);
  money(shipping, "cost");
  number(shipping, "estimated_delivery_days");
}

function normalizeFulfillmentData(data: Rec): void {
  const purchase = obj(data.purchase);
  if (purchase) {
    money(purchase, "full_price");
    money(purchase, "price");
    ms(purchase, "approved_date");
    ms(purchase, "order_date");
    number(purchase, "id");
    if (typeof purchase.status === "string") purchase.status = normalizePurchaseStatus(purchase.status);
  }
  for (const item of records(data.line_items)) {
    money(obj(item.offer), "price");
    number(obj(item.product), "id");
    number(item, "quantity");
    text(obj(item.variant), "id");
    const dimension = obj(item.dimension);
    for (const key of ["depth", "width", "height", "weight"]) number(dimension, key);
  }
  const delivery = obj(data.delivery);
  number(delivery, "shipping_processing_time");
  number(delivery, "delivery_time");
  const shipping = obj(data.shipping);
  for (const key of ["shipping_total_value", "estimate_shipping_cost", "shipping_markup_price"])
    money(shipping, key);
  number(shipping, "shipping_logistics_time");
}

// ---------------------------------------------------------------------------------------------------
// Legacy v1
// ---------------------------------------------------------------------------------------------------

// `hottok` alone is not a marker: a broken v2 envelope with a body hottok must stay a 400, not become a v1 post.
const LEGACY_MARKERS = ["prod", "prod_name", "transaction", "status"];

function looksLegacy(value: Rec): boolean {
  return LEGACY_MARKERS.some((key) => typeof value[key] === "string" || typeof value[key] === "number");
}

function formFields(params: URLSearchParams): Record<string, string> {
  const fields: Record<string, string> = {};
  // A repeated field keeps its first value, as URLSearchParams.get would.
  for (const [key, value] of params) if (!(key in fields)) fields[key] = value;
  return fields;
}

function stringFields(value: Rec): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === "string") fields[key] = inner;
    else if (typeof inner === "number" || typeof inner === "boolean") fields[key] = String(inner);
  }
  return fields;
}

function legacyFromFields(fields: Record<string, string>): LegacyWebhook {
  const legacy: LegacyWebhook = { legacy: true, version: fields.version ?? "1.0.0", fields };
  const take = (
    key: "hottok" | "transaction" | "prod_name" | "email" | "first_name" | "last_name" | "name" | "doc",
  ) => {
    const value = fields[key];
    if (value !== undefined && value !== "") legacy[key] = value;
  };
  for (const key of [
    "hottok",
    "transaction",
    "prod_name",
    "email",
    "first_name",
    "last_name",
    "name",
    "doc",
  ] as const)
    take(key);
  if (fields.status !== undefined && fields.status !== "")
    legacy.status = normalizePurchaseStatus(fields.status);
  const prod = toNumberOrUndefined(fields.prod);
  if (prod !== undefined) legacy.prod = prod;
  return legacy;
}

// ---------------------------------------------------------------------------------------------------
// Small in-place fixers: each touches a field only when it is there and convertible.
// ---------------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Rec {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function obj(value: unknown): Rec | undefined {
  return isRecord(value) ? value : undefined;
}

function records(value: unknown): Rec[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function number(target: Rec | undefined, key: string): void {
  if (!target || typeof target[key] !== "string") return;
  const n = toNumberOrUndefined(target[key]);
  if (n !== undefined) target[key] = n;
}

function text(target: Rec | undefined, key: string): void {
  if (target && typeof target[key] === "number") target[key] = String(target[key]);
}

function ms(target: Rec | undefined, key: string): void {
  if (!target || typeof target[key] !== "string") return;
  const n = webhookDateToMs(target[key]);
  if (n !== undefined) target[key] = n;
}

function iso(target: Rec | undefined, key: string): void {
  if (!target || typeof target[key] !== "number") return;
  const date = new Date(target[key] as number);
  if (!Number.isNaN(date.getTime())) target[key] = date.toISOString();
}

function currency(target: Rec): void {
  if (target.currency_value === undefined && typeof target.currency_code === "string")
    target.currency_value = target.currency_code;
}

function money(target: Rec | undefined, key: string): void {
  const value = obj(target?.[key]);
  if (!value) return;
  number(value, "value");
  currency(value);
}

function subscriptionStatus(target: Rec | undefined): void {
  if (target && typeof target.status === "string") target.status = normalizeSubscriptionStatus(target.status);
}

function cloneJson(value: unknown): unknown {
  try {
    try {
      return structuredClone(value);
    } catch (error) {
      if (error instanceof RangeError) throw error;
      // Objects structuredClone refuses (class instances with functions): a JSON round trip is enough here.
      return JSON.parse(JSON.stringify(value)) as unknown;
    }
  } catch {
    // Nested deeper than the stack allows (or cyclic): no Hotmart event looks like this.
    throw new WebhookPayloadError(
      "The parsed body cannot be read: it is nested too deeply or refers to itself; a Hotmart webhook is a small JSON object",
      "invalid_envelope",
    );
  }
}

/**
 * For `hotmart/schemas`: normalises a raw event (object, JSON text or form text) exactly as
 * `parseWebhook` does, so a schema validates what the SDK hands out. Input that is not an event is
 * returned unchanged for the schema to report. Not part of the public API.
 */
export function normalizeWebhookInput(input: unknown): unknown {
  if (typeof input !== "string" && !(input instanceof URLSearchParams) && !isRecord(input)) return input;
  // Already a LegacyWebhook (parsing it again would fold `fields` into itself).
  if (isRecord(input) && input.legacy === true) return input;
  try {
    return parseWebhook(input as WebhookBody);
  } catch {
    return input;
  }
}

/** For `hotmart/schemas`: like `normalizeWebhookInput`, reading a string as form data (a legacy post). */
export function normalizeLegacyWebhookInput(input: unknown): unknown {
  if (typeof input !== "string") return normalizeWebhookInput(input);
  try {
    return parseWebhook(input, { contentType: "application/x-www-form-urlencoded" });
  } catch {
    return input;
  }
}
