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
  override name = "WebhookVerificationError";
  /** The HTTP status a webhook endpoint should answer with. */
  readonly status = 401;
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
  | "invalid_json"
  | "invalid_envelope"
  | "unsupported_media_type"
  | "too_large"
  | "legacy_not_accepted"
  | "method_not_allowed";

/**
 * The body is not a Hotmart webhook this SDK can read: not JSON or form data, not an event envelope,
 * a content type Hotmart never sends, or larger than the body limit. `status` is what a webhook
 * endpoint should answer (400, 405, 413 or 415). The message never quotes the body, which carries buyers'
 * personal data.
 */
export class WebhookPayloadError extends HotmartError {
  override name = "WebhookPayloadError";
  readonly status: 400 | 405 | 413 | 415;
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
