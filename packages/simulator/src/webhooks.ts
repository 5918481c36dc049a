import { randomUUID } from "node:crypto";
import { WEBHOOK_EVENTS } from "./data/enums";

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
}

export interface WebhookRetryOptions {
  /** Re-sends after a failed first delivery (Hotmart: up to 5). */
  attempts?: number;
  /** Wait between attempts. Hotmart waits ~15 minutes; the default is shorter for local work. */
  delayMs?: number;
  /** How long to wait for the receiver's answer. */
  timeoutMs?: number;
}

/** Real captures carry `hottok` in the body for these events (§9.9, §9.13 #27). */
const BODY_HOTTOK = new Set(["UPDATE_SUBSCRIPTION_CHARGE_DATE", "SWITCH_PLAN"]);

/**
 * Delivers v2 events: one POST per event per subscribed URL, `X-HOTMART-HOTTOK` header, JSON body;
 * a non-2xx answer (or a connection failure) is re-sent `attempts` times, then the URL is disabled.
 */
export class WebhookDispatcher {
  readonly subscriptions: WebhookSubscription[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  readonly #hottok: string;
  readonly #attempts: number;
  readonly #delayMs: number;
  readonly #timeoutMs: number;
  readonly #clock: () => number;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #controllers = new Set<AbortController>();
  #pending = 0;
  #idleWaiters: (() => void)[] = [];
  #nextId = 1;
  #closed = false;

  constructor(hottok: string, retry: WebhookRetryOptions, clock: () => number) {
    this.#hottok = hottok;
    this.#attempts = Math.max(0, Math.floor(retry.attempts ?? 5));
    this.#delayMs = Math.max(0, retry.delayMs ?? 10_000);
    this.#timeoutMs = Math.max(1, retry.timeoutMs ?? 10_000);
    this.#clock = clock;
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
    const id = randomUUID();
    const at = this.#clock();
    const envelope: WebhookEnvelope =
      event === "CLUB_FIRST_ACCESS"
        ? { id, creationDate: at, event, version: "2.0.0", data }
        : { id, creation_date: at, event, version: "2.0.0", data };
    if (this.#closed) return envelope;
    for (const sub of this.subscriptions) {
      if (sub.disabled || (sub.events && !sub.events.includes(event))) continue;
      const body = BODY_HOTTOK.has(event) ? { ...envelope, hottok: sub.hottok } : envelope;
      this.#pending++;
      void this.#attempt(sub, body, 1);
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

  #settle(): void {
    if (this.#pending > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #attempt(sub: WebhookSubscription, envelope: WebhookEnvelope, attempt: number): Promise<void> {
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
    });
    if (!ok && attempt <= this.#attempts) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void this.#attempt(sub, envelope, attempt + 1);
      }, this.#delayMs);
      this.#timers.add(timer);
      return;
    }
    if (!ok) sub.disabled = true;
    this.#pending--;
    this.#settle();
  }
}
