import { randomUUID } from "node:crypto";
import { WEBHOOK_EVENTS } from "./data/enums";
import { Rng, streamId } from "./data/rng";

export interface WebhookTarget {
  url: string;
  /** Overrides the simulator's hottok for this URL. */
  hottok?: string;
  /** Event names to send; all when absent. */
  events?: string[];
}

export interface WebhookSubscription {
  readonly id: number;
  readonly url: string;
  readonly hottok: string;
  readonly events: readonly string[] | undefined;
  /** Set after a delivery failed every retry, as Hotmart disables the configuration (§9.3). */
  disabled: boolean;
}

export interface WebhookEnvelope {
  id: string;
  creation_date?: number;
  /** CLUB_FIRST_ACCESS spells the date in camelCase in real traffic (§9.10). */
  creationDate?: number;
  event: string;
  version: "2.0.0";
  data: unknown;
  hottok?: string;
}

export interface WebhookDelivery {
  /** The envelope id: the same on every attempt of one event to one URL. */
  id: string;
  event: string;
  url: string;
  subscriptionId: number;
  /** 1 for the first send, 2 for the first retry, ... */
  attempt: number;
  /** The receiver's HTTP status; -1 when the connection failed or closed early, 408 on timeout (§9.3). */
  status: number;
  ok: boolean;
  /** Wall-clock epoch ms of the attempt. */
  at: number;
  error?: string;
  /** Present on a chaos re-send of an event the URL already answered 2xx to (its own attempts count from 1). */
  duplicate?: true;
}

export interface WebhookRetryOptions {
  /** Re-sends after a failed first delivery (Hotmart: up to 5). */
  attempts?: number;
  /** Wait between attempts. Hotmart waits ~15 minutes; the default is shorter for local work. */
  delayMs?: number;
  /** How long to wait for the receiver's answer. */
  timeoutMs?: number;
}

/**
 * Opt-in chaos, as real Hotmart delivery is at-least-once and unordered (§9.3): a 2xx can be followed
 * by the same event again, and events can overtake each other. Off by default.
 */
export interface WebhookChaosOptions {
  /** 0..1: the chance that, after a 2xx, the same event (same envelope id, same body) is sent again. */
  duplicateRate?: number;
  /** Holds each delivery (and each duplicate) a random 0..N ms before sending, so later events can arrive first. */
  reorderWindowMs?: number;
}

/** Real captures carry `hottok` in the body for these events (§9.9, §9.13 #27). */
const BODY_HOTTOK = new Set(["UPDATE_SUBSCRIPTION_CHARGE_DATE", "SWITCH_PLAN"]);

/** The v2 envelope of one event, as Hotmart spells it (CLUB_FIRST_ACCESS has a camelCase date). */
export function webhookEnvelope(
  event: string,
  data: unknown,
  at: number,
  id: string = randomUUID(),
): WebhookEnvelope {
  return event === "CLUB_FIRST_ACCESS"
    ? { id, creationDate: at, event, version: "2.0.0", data }
    : { id, creation_date: at, event, version: "2.0.0", data };
}

/** The body sent to one URL: events whose real captures carry a body hottok get that URL's hottok. */
export function withBodyHottok(envelope: WebhookEnvelope, hottok: string): WebhookEnvelope {
  return BODY_HOTTOK.has(envelope.event) ? { ...envelope, hottok } : envelope;
}

/** One event on its way to one URL: the first delivery, or its chaos duplicate. */
interface Chain {
  sub: WebhookSubscription;
  envelope: WebhookEnvelope;
  duplicate: boolean;
  /** Set when chaos decided to re-send after the 2xx: the hold before that duplicate. */
  duplicateAfterMs: number | undefined;
}

/**
 * Delivery attempts `deliveries` keeps, the most recent; trimmed in batches (up to a tenth more), as the
 * request log is. A simulator left running with a subscribed URL kept every attempt before.
 */
export const MAX_DELIVERIES_KEPT = 10_000;

/**
 * Delivers v2 events: one POST per event per subscribed URL, `X-HOTMART-HOTTOK` header, JSON body;
 * a non-2xx answer (or a connection failure) is re-sent `attempts` times, then the URL is disabled.
 * With chaos on, deliveries are also held and duplicated (see `WebhookChaosOptions`).
 */
export class WebhookDispatcher {
  readonly subscriptions: WebhookSubscription[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  readonly #hottok: string;
  readonly #attempts: number;
  readonly #delayMs: number;
  readonly #timeoutMs: number;
  readonly #maxKept: number;
  readonly #clock: () => number;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #controllers = new Set<AbortController>();
  #pending = 0;
  #idleWaiters: (() => void)[] = [];
  #nextId = 1;
  #closed = false;
  #chaos: Required<WebhookChaosOptions> = { duplicateRate: 0, reorderWindowMs: 0 };
  /** Its own stream, so chaos draws never shift the dataset's or the faults' randomness. */
  readonly #rng: Rng;

  constructor(
    hottok: string,
    retry: WebhookRetryOptions,
    clock: () => number,
    seed = 0,
    chaos: WebhookChaosOptions = {},
    maxKept = MAX_DELIVERIES_KEPT,
  ) {
    this.#hottok = hottok;
    this.#maxKept = maxKept;
    this.#attempts = Math.max(0, Math.floor(retry.attempts ?? 5));
    this.#delayMs = Math.max(0, retry.delayMs ?? 10_000);
    this.#timeoutMs = Math.max(1, retry.timeoutMs ?? 10_000);
    this.#clock = clock;
    this.#rng = new Rng(seed, streamId("webhook-chaos"));
    this.chaos(chaos);
  }

  /** Replaces the chaos settings (`false` or `{}` turns chaos off) and returns them. */
  chaos(options?: WebhookChaosOptions | false): Required<WebhookChaosOptions> {
    if (options !== undefined) {
      const { duplicateRate = 0, reorderWindowMs = 0 } = options || {};
      if (!(duplicateRate >= 0 && duplicateRate <= 1))
        throw new RangeError(`duplicateRate must be between 0 and 1, got ${duplicateRate}`);
      if (!(reorderWindowMs >= 0 && Number.isFinite(reorderWindowMs)))
        throw new RangeError(`reorderWindowMs must be a number of ms >= 0, got ${reorderWindowMs}`);
      this.#chaos = { duplicateRate, reorderWindowMs: Math.floor(reorderWindowMs) };
    }
    return { ...this.#chaos };
  }

  subscribe(target: WebhookTarget): WebhookSubscription {
    const url = new URL(target.url).toString();
    for (const event of target.events ?? []) {
      if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) {
        throw new TypeError(`Unknown webhook event "${event}"; use one of ${WEBHOOK_EVENTS.join(", ")}`);
      }
    }
    const subscription: WebhookSubscription = {
      id: this.#nextId++,
      url,
      hottok: target.hottok ?? this.#hottok,
      events: target.events ? [...target.events] : undefined,
      disabled: false,
    };
    this.subscriptions.push(subscription);
    return subscription;
  }

  unsubscribe(id: number): boolean {
    const i = this.subscriptions.findIndex((s) => s.id === id);
    if (i < 0) return false;
    this.subscriptions.splice(i, 1);
    return true;
  }

  /** Builds the envelope and starts delivering it; returns the envelope (without a body hottok). */
  send(event: string, data: unknown): WebhookEnvelope {
    const envelope = webhookEnvelope(event, data, this.#clock());
    if (this.#closed) return envelope;
    for (const sub of this.subscriptions) {
      if (sub.disabled || (sub.events && !sub.events.includes(event))) continue;
      const body = withBodyHottok(envelope, sub.hottok);
      this.#pending++;
      // Every chaos draw happens here, synchronously and in emission order, so the same seed and the
      // same emissions give the same holds and duplicates whatever the network timing.
      const holdMs = this.#hold();
      const { duplicateRate } = this.#chaos;
      const duplicateAfterMs =
        duplicateRate > 0 && this.#rng.next() < duplicateRate ? this.#hold() : undefined;
      this.#start({ sub, envelope: body, duplicate: false, duplicateAfterMs }, holdMs);
    }
    return envelope;
  }

  /** Resolves once every delivery, retries included, has finished. */
  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const controller of this.#controllers) controller.abort();
    this.#pending = 0;
    this.#settle();
  }

  /** A random hold in 0..reorderWindowMs; no draw when reordering is off. */
  #hold(): number {
    const window = this.#chaos.reorderWindowMs;
    return window > 0 ? this.#rng.int(0, window) : 0;
  }

  /** Sends attempt 1 of `chain` now, or after `holdMs` (a timer `close()` can cancel). */
  #start(chain: Chain, holdMs: number): void {
    if (holdMs <= 0) {
      void this.#attempt(chain, 1);
      return;
    }
    this.#later(holdMs, () => void this.#attempt(chain, 1));
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  #settle(): void {
    if (this.#pending > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #attempt(chain: Chain, attempt: number): Promise<void> {
    const { sub, envelope } = chain;
    if (this.#closed) return;
    const controller = new AbortController();
    this.#controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.#timeoutMs);
    let status = -1;
    let error: string | undefined;
    try {
      const response = await fetch(sub.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-HOTMART-HOTTOK": sub.hottok,
          "User-Agent": "Hotmart-Webhook/2.0.0 (hotmart-simulator)",
        },
        body: JSON.stringify(envelope),
        signal: controller.signal,
      });
      status = response.status;
      // Drain the answer so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      status = controller.signal.aborted && !this.#closed ? 408 : -1;
      error = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    } finally {
      clearTimeout(timeout);
      this.#controllers.delete(controller);
    }
    if (this.#closed) return;
    const ok = status >= 200 && status < 300;
    this.deliveries.push({
      id: envelope.id,
      event: envelope.event,
      url: sub.url,
      subscriptionId: sub.id,
      attempt,
      status,
      ok,
      at: Date.now(),
      ...(error !== undefined ? { error } : {}),
      ...(chain.duplicate ? { duplicate: true as const } : {}),
    });
    if (this.deliveries.length > this.#maxKept * 1.1) {
      this.deliveries.splice(0, this.deliveries.length - this.#maxKept);
    }
    if (!ok && attempt <= this.#attempts) {
      this.#later(this.#delayMs, () => void this.#attempt(chain, attempt + 1));
      return;
    }
    if (ok && chain.duplicateAfterMs !== undefined) {
      // The same event, delivered again as a fresh delivery (with its own retries); still pending, so
      // idle() waits for it. A duplicate is never duplicated again.
      this.#start({ sub, envelope, duplicate: true, duplicateAfterMs: undefined }, chain.duplicateAfterMs);
      return;
    }
    if (!ok) sub.disabled = true;
    this.#pending--;
    this.#settle();
  }
}
