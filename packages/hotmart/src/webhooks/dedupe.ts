/**
 * Process each event once. Hotmart delivers at least once: it re-sends after any non-2xx answer (up to
 * five times), sometimes re-sends after a 2xx, and out of order (docs/api-notes.md §9.3). A dedupe store
 * keyed on the envelope `id` turns that into exactly-once processing.
 */
import { monotonicNow } from "../internal/clock";
import type { WebhookPayload } from "./events";
import { isLegacyWebhook } from "./parse";

/**
 * Where a handler records which events it has processed. Implement it over Redis, a SQL table with a
 * unique key, Cloudflare KV / Durable Objects, ... to share it between processes:
 *
 * ```ts
 * const redisStore: WebhookDedupeStore = {
 *   // SET NX is atomic: exactly one concurrent delivery wins the claim.
 *   claim: async (key) => (await redis.set(`hotmart:${key}`, "processing", { NX: true, EX: 600 })) === "OK",
 *   complete: async (key) => { await redis.set(`hotmart:${key}`, "done", { EX: 30 * 86400 }); },
 *   release: async (key) => { await redis.del(`hotmart:${key}`); },
 * };
 * ```
 *
 * The handler calls `claim` before your callback, `complete` after it succeeds and `release` when it
 * throws (so Hotmart's retry, which follows the 500, can process the event).
 *
 * Each delivery's claim has its own `claimId`, passed to all three. A store that keeps it drops in
 * `release` only the claim it names: a callback that ran past the claim's expiry and then failed must not
 * release the claim a later delivery has taken since (a third one would then run beside it). The
 * stores of this SDK and of hotmart-redis do so; the sample above, which deletes the key, does not.
 */
export interface WebhookDedupeStore {
  /**
   * Atomically marks `key` as being processed. True when this caller now owns the event and must
   * process it; false when it was already processed or another delivery is processing it right now.
   * `claimId` names this claim (a random UUID from the handler, unique per delivery).
   */
  claim(key: string, claimId?: string): boolean | Promise<boolean>;
  /** The event was processed: remember the key for good (or for the store's retention period). */
  complete?(key: string, claimId?: string): void | Promise<void>;
  /** Processing failed: forget the claim `claimId` (when it still holds) so a re-delivery is processed. */
  release(key: string, claimId?: string): void | Promise<void>;
}

/** Options of `new MemoryDedupeStore(options)`: how long keys are remembered and how many. */
export interface MemoryDedupeStoreOptions {
  /** How long a processed key is remembered. Default 7 days (Hotmart's retries span hours). */
  ttlMs?: number | undefined;
  /**
   * How long a claim without `complete` or `release` (a handler still running, or one that hung) blocks
   * duplicates. Default 10 minutes.
   */
  processingTimeoutMs?: number | undefined;
  /** Most keys kept; the oldest are dropped first. Default 10 000. */
  maxEntries?: number | undefined;
  /** Clock in ms, for tests. Default: a monotonic one, which a step of the wall clock does not move. */
  now?: (() => number) | undefined;
}

interface Entry {
  state: "processing" | "done";
  expiresAt: number;
  /** The claim's id, when its caller named it. */
  claimId?: string | undefined;
}

/**
 * The default store: a bounded, expiring map in this process. It dedupes retries and duplicate
 * deliveries that reach the same process; with several instances (or serverless), use a shared store.
 */
export class MemoryDedupeStore implements WebhookDedupeStore {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #processingTimeoutMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 7 * 24 * 60 * 60 * 1000;
    this.#processingTimeoutMs = options.processingTimeoutMs ?? 10 * 60 * 1000;
    this.#maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    // The TTLs are lengths of time: on the wall clock, NTP stepping it forward during a callback expired
    // its claim (a re-delivery ran the callback a second time), and a step back kept keys for that long.
    this.#now = options.now ?? monotonicNow;
  }

  /** Synchronous, so two deliveries racing in one process cannot both win. */
  claim(key: string, claimId?: string): boolean {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return false;
    this.#set(key, { state: "processing", expiresAt: now + this.#processingTimeoutMs, claimId }, now);
    return true;
  }

  /** Marks `key` processed; it is remembered for `ttlMs` (default 7 days). */
  complete(key: string): void {
    const now = this.#now();
    this.#set(key, { state: "done", expiresAt: now + this.#ttlMs }, now);
  }

  /**
   * Drops a claim still in progress so a re-delivery is processed; a completed key stays processed. With
   * `claimId`, only that claim: one taken since, after it expired, stays.
   */
  release(key: string, claimId?: string): void {
    const entry = this.#entries.get(key);
    if (entry?.state !== "processing") return;
    if (claimId !== undefined && entry.claimId !== undefined && entry.claimId !== claimId) return;
    this.#entries.delete(key);
  }

  /** Whether `key` was processed (and is still remembered). */
  has(key: string): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.state === "done" && entry.expiresAt > this.#now();
  }

  /** Keys currently held (processing or done), expired ones included until they are swept. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Forgets every key, processed or in progress: the next delivery of any event is processed again. For tests
   * and resets.
   */
  clear(): void {
    this.#entries.clear();
  }

  #set(key: string, entry: Entry, now: number): void {
    // Re-insert so Map order stays "least recently written first", then evict expired and excess keys.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    for (const [oldKey, old] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && old.expiresAt > now) break;
      if (oldKey === key) continue;
      this.#entries.delete(oldKey);
    }
  }
}

/**
 * The key an event is deduplicated on: the envelope `id`; when there is none (legacy v1 posts),
 * `transaction + ":" + event` (or `transaction + ":" + status` for v1), as docs/api-notes.md §9.3
 * recommends. `undefined` when neither exists: such a payload is processed every time.
 */
export function webhookDedupeKey(payload: WebhookPayload): string | undefined {
  if (isLegacyWebhook(payload)) {
    return payload.transaction !== undefined
      ? `${payload.transaction}:${payload.status ?? payload.fields.status ?? ""}`
      : undefined;
  }
  if (typeof payload.id === "string" && payload.id !== "") return payload.id;
  const data = payload.data as { purchase?: { transaction?: unknown } } | undefined;
  const transaction = data?.purchase?.transaction;
  return typeof transaction === "string" && transaction !== ""
    ? `${transaction}:${payload.event}`
    : undefined;
}
