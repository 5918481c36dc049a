import { Dataset, resolveScale } from "./data/dataset";
import { WEBHOOK_EVENTS, type WebhookEventName } from "./data/enums";
import { sampleEventData } from "./webhook-events";
import { type WebhookEnvelope, webhookEnvelope, withBodyHottok } from "./webhooks";

export interface SampleWebhookOptions {
  /** Dataset seed (default 42, the simulator's): the ids in the payload exist in a simulator with this seed. */
  seed?: number;
  /** The envelope's creation date (epoch ms). Default: now, the simulator's default clock. */
  now?: number;
  /** Added as a body `hottok` field on the events whose real captures carry one (SWITCH_PLAN, charge date). */
  hottok?: string;
}

/**
 * A realistic v2 webhook of any event, without starting a server: the same payload builder and envelope
 * `sim.emit(event)` uses, from a small dataset of `seed`. For webhook tooling (`hotmart webhooks
 * trigger`) and receivers' tests.
 */
export function sampleWebhook(event: WebhookEventName, options: SampleWebhookOptions = {}): WebhookEnvelope {
  if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) {
    throw new TypeError(`Unknown webhook event "${event}"; use one of ${WEBHOOK_EVENTS.join(", ")}`);
  }
  const now = options.now ?? Date.now();
  // A small dataset still holds every kind of record the 16 payloads draw from.
  const data = new Dataset(Math.floor(options.seed ?? 42), resolveScale({ sales: 200 }), now);
  const envelope = webhookEnvelope(event, sampleEventData(event, data, now), now);
  return options.hottok === undefined ? envelope : withBodyHottok(envelope, options.hottok);
}
