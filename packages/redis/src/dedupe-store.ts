import type { WebhookDedupeStore } from "hotmart";
import { command, positiveOption, type RedisClient, type RedisCommonOptions, Script } from "./redis";

export interface RedisDedupeStoreOptions extends RedisCommonOptions {
  /** How long a processed event id is remembered (default 7 days: Hotmart's re-sends span hours). */
  ttlMs?: number | undefined;
  /**
   * How long a claim blocks duplicates while its handler runs (default 10 minutes). A worker that
   * crashed mid-event holds it no longer: Hotmart's next re-send is then processed.
   */
  processingTimeoutMs?: number | undefined;
}

const RELEASE = new Script(
  `if redis.call("GET", KEYS[1]) == "processing" then return redis.call("DEL", KEYS[1]) end return 0`,
);

/**
 * Exactly-once webhook processing across receivers:
 * `createWebhookHandler({ ..., dedupe: new RedisDedupeStore(redis) })`.
 *
 * When Redis fails, `claim` throws `HotmartRedisError`: the handler answers 500 and Hotmart re-sends the
 * event later, so nothing is processed twice and nothing is lost.
 */
export class RedisDedupeStore implements WebhookDedupeStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #ttlMs: number;
  readonly #processingMs: number;

  constructor(redis: RedisClient, options: RedisDedupeStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = `${options.prefix ?? "hotmart:"}webhook:`;
    this.#timeoutMs = positiveOption("commandTimeoutMs", options.commandTimeoutMs, 1_000);
    this.#ttlMs = positiveOption("ttlMs", options.ttlMs, 7 * 24 * 60 * 60 * 1000);
    this.#processingMs = positiveOption("processingTimeoutMs", options.processingTimeoutMs, 10 * 60 * 1000);
  }

  /** SET NX is atomic: of two receivers given the same event, exactly one wins. */
  async claim(key: string): Promise<boolean> {
    const reply = await command("SET NX (webhook claim)", this.#timeoutMs, () =>
      this.#redis.set(this.#prefix + key, "processing", "PX", Math.ceil(this.#processingMs), "NX"),
    );
    return reply === "OK";
  }

  async complete(key: string): Promise<void> {
    await command("SET (webhook done)", this.#timeoutMs, () =>
      this.#redis.set(this.#prefix + key, "done", "PX", Math.ceil(this.#ttlMs)),
    );
  }

  /** Only a claim in progress is released: an event already completed stays processed. */
  async release(key: string): Promise<void> {
    await command("release (webhook claim)", this.#timeoutMs, () =>
      RELEASE.run(this.#redis, [this.#prefix + key], []),
    );
  }

  /** Whether `key` was processed (and is still remembered). */
  async has(key: string): Promise<boolean> {
    const value = await command("GET (webhook)", this.#timeoutMs, () => this.#redis.get(this.#prefix + key));
    return value === "done";
  }
}
