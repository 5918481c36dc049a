import { randomUUID } from "node:crypto";
import type { WebhookDedupeStore } from "hotmart";
import {
  checkClient,
  checkOptions,
  command,
  positiveOption,
  type RedisClient,
  type RedisCommonOptions,
  Script,
} from "./redis";

export interface RedisDedupeStoreOptions extends RedisCommonOptions {
  /** How long a processed event id is remembered (default 7 days: Hotmart's re-sends span hours). */
  ttlMs?: number | undefined;
  /**
   * How long a claim blocks duplicates while its handler runs (default 10 minutes). A worker that
   * crashed mid-event holds it no longer: Hotmart's next re-send is then processed.
   */
  processingTimeoutMs?: number | undefined;
}

const DEDUPE_STORE_OPTIONS = Object.keys({
  prefix: 1,
  commandTimeoutMs: 1,
  ttlMs: 1,
  processingTimeoutMs: 1,
} satisfies Record<keyof RedisDedupeStoreOptions, 1>);

/** ARGV[1]: the exact claim to drop, or "" for any claim still in progress (never a completed key). */
const RELEASE = new Script(`
local v = redis.call("GET", KEYS[1])
if not v then return 0 end
if (ARGV[1] ~= "" and v == ARGV[1]) or (ARGV[1] == "" and string.sub(v, 1, 10) == "processing") then
  return redis.call("DEL", KEYS[1])
end
return 0`);

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
  /**
   * The claims this process took without a claim id (a direct call; the webhook handler names each), so
   * such a release drops this process's latest claim of the key and no other process's.
   */
  readonly #owned = new Map<string, string>();

  constructor(redis: RedisClient, options: RedisDedupeStoreOptions = {}) {
    checkClient("RedisDedupeStore", redis);
    checkOptions("RedisDedupeStore", options, DEDUPE_STORE_OPTIONS);
    this.#redis = redis;
    this.#prefix = `${options.prefix ?? "hotmart:"}webhook:`;
    this.#timeoutMs = positiveOption("commandTimeoutMs", options.commandTimeoutMs, 1_000);
    this.#ttlMs = positiveOption("ttlMs", options.ttlMs, 7 * 24 * 60 * 60 * 1000);
    this.#processingMs = positiveOption("processingTimeoutMs", options.processingTimeoutMs, 10 * 60 * 1000);
  }

  /**
   * SET NX is atomic: of two receivers given the same event, exactly one wins. The value names the
   * claim (`processing:<claimId>`), so a release drops that claim only.
   */
  async claim(key: string, claimId?: string): Promise<boolean> {
    const owner = `processing:${claimId ?? randomUUID()}`;
    let reply: unknown;
    try {
      reply = await command("SET NX (webhook claim)", this.#timeoutMs, () =>
        this.#redis.set(this.#prefix + key, owner, "PX", Math.ceil(this.#processingMs), "NX"),
      );
    } catch (error) {
      // A slow Redis may still apply the claim after we gave up on it; it would then block Hotmart's
      // re-send until it expired. The release is queued behind it on the same connection and undoes it.
      void RELEASE.run(this.#redis, [this.#prefix + key], [owner]).catch(() => {});
      throw error;
    }
    if (reply !== "OK") {
      let ours: boolean;
      try {
        ours = await this.#ours(key, owner);
      } catch (error) {
        // Ours or not, unknown: the caller answers 500 and Hotmart re-sends; a claim of ours is undone.
        void RELEASE.run(this.#redis, [this.#prefix + key], [owner]).catch(() => {});
        throw error;
      }
      if (!ours) return false;
    }
    if (claimId === undefined) this.#owned.set(key, owner);
    return true;
  }

  /**
   * Whether the claim in Redis is `owner`, our own: a SET NX that Redis applied but whose reply was lost
   * (the connection dropped) is sent again by the client on reconnecting, and that second one fails on our
   * own claim. Taken for another's, the delivery was answered as a duplicate and no receiver processed it.
   */
  async #ours(key: string, owner: string): Promise<boolean> {
    const value = await command("GET (webhook claim)", this.#timeoutMs, () =>
      this.#redis.get(this.#prefix + key),
    );
    return value === owner;
  }

  async complete(key: string, claimId?: string): Promise<void> {
    if (claimId === undefined) this.#owned.delete(key);
    await command("SET (webhook done)", this.#timeoutMs, () =>
      this.#redis.set(this.#prefix + key, "done", "PX", Math.ceil(this.#ttlMs)),
    );
  }

  /**
   * Drops the claim `claimId` while it is in progress: one another delivery took after it expired stays,
   * and an event already completed stays processed. Without `claimId`, the claim this process took last.
   */
  async release(key: string, claimId?: string): Promise<void> {
    let owner: string;
    if (claimId !== undefined) owner = `processing:${claimId}`;
    else {
      owner = this.#owned.get(key) ?? "";
      this.#owned.delete(key);
    }
    await command("release (webhook claim)", this.#timeoutMs, () =>
      RELEASE.run(this.#redis, [this.#prefix + key], [owner]),
    );
  }

  /** Whether `key` was processed (and is still remembered). */
  async has(key: string): Promise<boolean> {
    const value = await command("GET (webhook)", this.#timeoutMs, () => this.#redis.get(this.#prefix + key));
    return value === "done";
  }
}
