import { HotmartInputError } from "../core/errors";
import { envRefusals, readEnv } from "../internal/env";
import { globalRedactor } from "../internal/redact";
import { WebhookVerificationError } from "./errors";

/** The header Hotmart puts the hottok in. HTTP header names are case-insensitive; so is the lookup. */
export const HOTTOK_HEADER = "x-hotmart-hottok";

/**
 * Request headers in any of the shapes the runtimes give them: a web `Headers`, Node's
 * `IncomingHttpHeaders` (lowercased names, arrays for repeated headers) or a plain object with any
 * capitalisation.
 */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | ReadonlyArray<string> | number | undefined | null>>;

/** Where a received hottok was read from. */
export type HottokSource = "header" | "body";

/**
 * The configured hottok(s). A list lets a seller accept the old and the new value while Hotmart
 * support rotates the account's hottok.
 */
export type HottokConfig = string | ReadonlyArray<string>;

const encoder = new TextEncoder();

/**
 * Compares a received hottok with the configured one in constant time.
 *
 * The loop runs over every byte of the *candidate* (the attacker-chosen value) and XORs it with the
 * secret's byte at the same position modulo the secret's length; the lengths are folded into the
 * result rather than checked first. So the time taken depends only on the candidate's length, never
 * on where the first differing byte is, and unlike a loop over `max(a, b)` it does not reveal the
 * secret's length either. There is no early return. (`crypto.subtle` digests would do too, but they
 * are async and this must also serve the synchronous `constructEvent`.)
 *
 * An empty `configured` value never matches: an empty secret is no secret.
 */
export function verifyHottok(candidate: string | undefined | null, configured: HottokConfig): boolean {
  const secrets = typeof configured === "string" ? [configured] : configured;
  const given = encoder.encode(typeof candidate === "string" ? candidate : "");
  let matched = 0;
  // Every configured value is compared in full; the results are OR-ed without short-circuiting.
  for (const secret of secrets) matched |= equalBytes(given, encoder.encode(secret));
  return matched === 1;
}

function equalBytes(candidate: Uint8Array, secret: Uint8Array): 0 | 1 {
  if (secret.length === 0) return 0; // not a timing concern: the configured value is not secret here
  let diff = candidate.length ^ secret.length;
  for (let i = 0; i < candidate.length; i++) {
    diff |= (candidate[i] as number) ^ (secret[i % secret.length] as number);
  }
  return diff === 0 ? 1 : 0;
}

/** Reads the `X-HOTMART-HOTTOK` header, whatever the case of its name. Empty values count as absent. */
export function readHottokHeader(headers: WebhookHeaders | undefined): string | undefined {
  const value = headerValue(headers, HOTTOK_HEADER)?.trim();
  return value === "" ? undefined : value;
}

/**
 * One header from a `Headers` or a Node/Express headers object, whatever its case. A repeated header
 * arrives as an array from Node; the first value is the one the sender set.
 */
export function headerValue(headers: WebhookHeaders | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  let raw: unknown;
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    raw = headers.get(name);
  } else {
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === name) {
        raw = value;
        break;
      }
    }
  }
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === "string" ? value : undefined;
}

/** Reads a top-level `hottok` field from a decoded JSON body or form body. */
export function readHottokField(body: unknown): string | undefined {
  let value: unknown;
  if (typeof URLSearchParams !== "undefined" && body instanceof URLSearchParams) value = body.get("hottok");
  else if (body !== null && typeof body === "object" && !Array.isArray(body))
    value = (body as Record<string, unknown>).hottok;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/**
 * The received hottok and where it came from: the `X-HOTMART-HOTTOK` header first (what Hotmart
 * documents for every v2 request), else a top-level `hottok` field in the body (what the docs'
 * best-practices page, real `UPDATE_SUBSCRIPTION_CHARGE_DATE` captures and legacy v1 form posts carry).
 */
export function extractHottok(
  headers: WebhookHeaders | undefined,
  body?: unknown,
): { hottok: string; source: HottokSource } | undefined {
  const header = readHottokHeader(headers);
  if (header !== undefined) return { hottok: header, source: "header" };
  const field = readHottokField(body);
  if (field !== undefined) return { hottok: field, source: "body" };
  return undefined;
}

/**
 * Verifies a request's hottok or throws `WebhookVerificationError` (answer 401).
 *
 * - The header wins: when it is present it alone is checked, and a wrong header is rejected even if
 *   the body carries the right value (a forged request should not get a second guess).
 * - No header: the body's `hottok` field is checked.
 * - Neither: rejected as missing. Fail closed: there is no "no hottok configured, so accept" path
 *   here; callers that really want unverified webhooks skip this call explicitly (`hottok: false`).
 */
export function assertHottok(
  headers: WebhookHeaders | undefined,
  body: unknown,
  configured: HottokConfig,
): HottokSource {
  const found = extractHottok(headers, body);
  if (found === undefined) throw new WebhookVerificationError("missing");
  if (!verifyHottok(found.hottok, configured)) throw new WebhookVerificationError("mismatch", found.source);
  return found.source;
}

/** What a handler or `constructEvent` was configured with, after validation: the secrets, or `false`. */
export type ResolvedHottok = ReadonlyArray<string> | false;

/**
 * Validates the configured hottok once, at creation time, and registers it with the redactor so it is
 * masked in every log line and error the SDK prints.
 *
 * `undefined` falls back to the `HOTMART_HOTTOK` environment variable. Missing, empty or blank values
 * throw `HotmartInputError` unless the caller opted out explicitly (`hottok: false`, or
 * `allowUnverified: true` with no hottok).
 */
export function resolveHottok(
  hottok: HottokConfig | false | undefined,
  allowUnverified: boolean | undefined,
  where: string,
): ResolvedHottok {
  if (hottok === false) return false;
  const value = hottok === undefined ? readEnv("HOTMART_HOTTOK") : hottok;
  const list = (typeof value === "string" ? [value] : (value ?? [])).map((v) =>
    typeof v === "string" ? v.trim() : v,
  );
  const usable = list.length > 0 && list.every((v) => typeof v === "string" && v !== "");
  if (!usable) {
    if (allowUnverified === true) return false;
    const problem =
      value === undefined
        ? `no hottok was given and HOTMART_HOTTOK is not set${envRefusals.HOTMART_HOTTOK ?? ""}`
        : "the hottok is empty or not a string";
    throw new HotmartInputError(
      `${where}: ${problem}. Pass { hottok } with the value from Hotmart (Tools → Webhook → Authentication) ` +
        "or set HOTMART_HOTTOK. To accept unverified webhooks (dangerous: anyone can post fake purchases) " +
        "pass { hottok: false }.",
    );
  }
  for (const secret of list as string[]) globalRedactor.add(secret);
  return list as string[];
}
