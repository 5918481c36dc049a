import { HotmartError } from "../core/errors";

/** Why a request failed hottok verification. */
export type WebhookVerificationReason =
  /** Neither an `X-HOTMART-HOTTOK` header nor a `hottok` body field was present. */
  | "missing"
  /** A hottok was present but it is not the configured one. */
  | "mismatch";

/**
 * The request did not prove it came from Hotmart: its hottok was missing or wrong. A handler answers
 * 401. The message says what was missing or wrong and never contains the received or the configured
 * hottok.
 */
export class WebhookVerificationError extends HotmartError {
  /**
   * Always `"WebhookVerificationError"`: survives minification, unlike the class name, for `error.name`
   * checks and logs.
   */
  override name = "WebhookVerificationError";
  /** The HTTP status a webhook endpoint should answer with. */
  readonly status = 401;
  /** `"missing"` (no hottok anywhere) or `"mismatch"` (a hottok that is not the configured one). */
  readonly reason: WebhookVerificationReason;
  /** Where the hottok that did not match was read from (absent when none was found). */
  readonly source: "header" | "body" | undefined;

  constructor(reason: WebhookVerificationReason, source?: "header" | "body") {
    super(
      reason === "missing"
        ? "Webhook rejected: no hottok. Hotmart sends it in the X-HOTMART-HOTTOK header (or a hottok body field); this request had neither"
        : source === "header"
          ? "Webhook rejected: the X-HOTMART-HOTTOK header does not match the configured hottok"
          : "Webhook rejected: the hottok field in the body does not match the configured hottok (and there was no X-HOTMART-HOTTOK header)",
    );
    this.reason = reason;
    this.source = source;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, reason: this.reason, source: this.source };
  }
}

/** Why a webhook body could not be read. */
export type WebhookPayloadReason =
  /**
   * A JSON content type (or, without one, a body starting with `{` or `[`) whose body does not parse. Status
   * 400.
   */
  | "invalid_json"
  /**
   * Not a v2 event envelope (not an object; no `event`, `id` or readable `creation_date`; `data` not an
   * object), neither JSON nor form data, or a body that could not be read. Status 400.
   */
  | "invalid_envelope"
  /**
   * A content type other than JSON or form data; for a handler with `legacy: false`, form data too. Status
   * 415.
   */
  | "unsupported_media_type"
  /** The body is larger than the handler's `maxBodyBytes` (default 1 MiB). Status 413. */
  | "too_large"
  /**
   * A legacy v1.0.0 form-encoded postback where only v2 events are accepted (`constructEvent` without `{
   * legacy: true }`, a handler with `legacy: false`). Status 400.
   */
  | "legacy_not_accepted"
  /** Not a POST: Hotmart only POSTs webhooks. Status 405. */
  | "method_not_allowed";

/**
 * The body is not a Hotmart webhook this SDK can read: not JSON or form data, not an event envelope,
 * a content type Hotmart never sends, or larger than the body limit. `status` is what a webhook
 * endpoint should answer (400, 405, 413 or 415). The message never quotes the body, which carries buyers'
 * personal data.
 */
export class WebhookPayloadError extends HotmartError {
  /**
   * Always `"WebhookPayloadError"`: survives minification, unlike the class name, for `error.name` checks and
   * logs.
   */
  override name = "WebhookPayloadError";
  /**
   * The HTTP status a webhook endpoint should answer with, derived from `reason`: 413 for `too_large`, 415
   * for `unsupported_media_type`, 405 for `method_not_allowed`, 400 otherwise.
   */
  readonly status: 400 | 405 | 413 | 415;
  /** What was wrong with the body; `status` follows from it. */
  readonly reason: WebhookPayloadReason;

  constructor(message: string, reason: WebhookPayloadReason, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.status =
      reason === "too_large"
        ? 413
        : reason === "unsupported_media_type"
          ? 415
          : reason === "method_not_allowed"
            ? 405
            : 400;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, reason: this.reason };
  }
}
