import { randomUUID } from "node:crypto";
import type { StoredToken, TokenStore } from "hotmart";
import { errorReporter, HotmartRedisError } from "./errors";
import {
  checkClient,
  checkOptions,
  command,
  positiveOption,
  type RedisClient,
  type RedisCommonOptions,
  Script,
} from "./redis";

export interface RedisTokenStoreOptions extends RedisCommonOptions {
  /**
   * How long the refresh lock lives (default 15 000 ms). The holder renews it every third of that while
   * its token request runs (a slow Hotmart, retries with backoff), so the other processes keep waiting
   * for its token; a holder that crashed or froze renews nothing, and they wait at most this long after
   * its last renewal before one of them asks Hotmart itself.
   */
  lockMs?: number | undefined;
  /**
   * Called when Redis fails. The store then behaves as a private one (this process requests its own
   * token) so API calls keep working; default: a console.warn at most once a minute.
   */
  onError?: ((error: HotmartRedisError) => void) | undefined;
}

const TOKEN_STORE_OPTIONS = Object.keys({
  prefix: 1,
  commandTimeoutMs: 1,
  lockMs: 1,
  onError: 1,
} satisfies Record<keyof RedisTokenStoreOptions, 1>);

/**
 * After a Redis command failed, the store leaves Redis alone this long. A process needing a token asks
 * Redis up to four times (read, read again, lock, write): against a Redis that answers nothing, each
 * would wait out its whole command timeout before the request could go out.
 */
const SKIP_AFTER_FAILURE_MS = 5_000;

/**
 * Credentials whose token a process keeps in memory. A process serving many accounts sees a new one now
 * and then and may never see an old one again: past this many, the expired tokens are dropped, then the
 * least recently used, so the copy stays bounded for the life of the process. One dropped costs one
 * Redis GET when its credential is used again, never a token request.
 */
const MAX_LOCAL_TOKENS = 1_000;

const RELEASE = new Script(
  `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`,
);
/** ARGV[1]: the holder; ARGV[2]: the lock's new lifetime in ms. Extends only the holder's own lock. */
const RENEW = new Script(
  `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`,
);

/**
 * One access token per credential for every process: `new Hotmart({ tokenStore: new RedisTokenStore(redis) })`.
 * A refresh takes a short lock, so N processes needing a token make one token request; the others read
 * the token it stored. The key names the credential (auth URL, client id and a digest of the secret), never
 * the secret itself; the token expires in Redis when it does at Hotmart. Each process keeps the token it read in memory until
 * then, so an API request costs no Redis round trip for the token, and a Redis outage costs no token
 * request while the token lasts.
 */
export class RedisTokenStore implements TokenStore {
  readonly shared = true;
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #lockMs: number;
  readonly #onError: (error: HotmartRedisError) => void;
  /**
   * The token as this process last read or stored it (and its exact value in Redis), least recently used
   * first; at most MAX_LOCAL_TOKENS of them.
   */
  readonly #local = new Map<string, { token: StoredToken; raw: string }>();
  /**
   * Until then (performance.now(): a length of time, which a wall-clock step must not stretch to an hour)
   * Redis is not asked: it failed a moment ago, and this process acts as a private store.
   */
  #skipUntil = 0;
  /** Redis commands sent, for the cost figures in the README and the benchmark. */
  roundTrips = 0;

  constructor(redis: RedisClient, options: RedisTokenStoreOptions = {}) {
    checkClient("RedisTokenStore", redis);
    checkOptions("RedisTokenStore", options, TOKEN_STORE_OPTIONS);
    this.#redis = redis;
    this.#prefix = options.prefix ?? "hotmart:";
    this.#timeoutMs = positiveOption("commandTimeoutMs", options.commandTimeoutMs, 1_000);
    // Whole ms: Redis refuses a fractional PX, and a lock that always fails makes every process mint.
    this.#lockMs = Math.ceil(positiveOption("lockMs", options.lockMs, 15_000));
    this.#onError = errorReporter(options.onError, "this process requests its own token meanwhile");
  }

  async get(key: string): Promise<StoredToken | undefined> {
    // The token this process last read or stored, while it is valid: no round trip per API request, and
    // no token request per API request while Redis is unreachable.
    const local = this.#local.get(key);
    if (local && local.token.expiresAt > Date.now()) {
      this.#remember(key, local);
      return local.token;
    }
    // Expired: kept no longer, whatever Redis says next (it may be unreachable).
    this.#local.delete(key);
    if (performance.now() < this.#skipUntil) return undefined;
    this.roundTrips += 1;
    let raw: string | null;
    try {
      raw = await command("GET (token)", this.#timeoutMs, () => this.#redis.get(this.#prefix + key));
    } catch (error) {
      this.#failed(error);
      return undefined;
    }
    this.#local.delete(key);
    if (raw === null) return undefined;
    let parsed: Partial<StoredToken>;
    try {
      parsed = JSON.parse(raw) as Partial<StoredToken>;
    } catch (error) {
      // Redis answered: a damaged value is no reason to leave it alone. The token this process mints
      // next must reach it, or every process would mint its own while the damaged value stays.
      this.#failed(error, false);
      return undefined;
    }
    if (typeof parsed?.accessToken !== "string" || typeof parsed.expiresAt !== "number") return undefined;
    const token = { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt };
    this.#remember(key, { token, raw });
    return token;
  }

  async set(key: string, token: StoredToken): Promise<void> {
    const ttl = Math.max(1, Math.floor(token.expiresAt - Date.now()));
    const raw = JSON.stringify(token);
    this.#remember(key, { token: { ...token }, raw });
    if (performance.now() < this.#skipUntil) return;
    this.roundTrips += 1;
    try {
      await command("SET (token)", this.#timeoutMs, () =>
        this.#redis.set(this.#prefix + key, raw, "PX", ttl),
      );
    } catch (error) {
      this.#failed(error);
    }
  }

  /**
   * Drops the token (Hotmart rejected it). Only the token this process held is deleted from Redis: one that
   * another process minted since stays for everybody.
   */
  async delete(key: string): Promise<void> {
    const local = this.#local.get(key);
    this.#local.delete(key);
    this.roundTrips += 1;
    try {
      await command("DEL (token)", this.#timeoutMs, () =>
        local
          ? RELEASE.run(this.#redis, [this.#prefix + key], [local.raw])
          : this.#redis.del(this.#prefix + key),
      );
    } catch (error) {
      this.#failed(error);
    }
  }

  async lock(key: string): Promise<(() => Promise<void>) | undefined> {
    const lockKey = `${this.#prefix}${key}:lock`;
    const owner = randomUUID();
    // Redis failed a moment ago: nobody can coordinate, as when the lock's command fails below.
    if (performance.now() < this.#skipUntil) return async () => {};
    let taken: unknown;
    this.roundTrips += 1;
    try {
      taken = await command("SET NX (token lock)", this.#timeoutMs, () =>
        this.#redis.set(lockKey, owner, "PX", this.#lockMs, "NX"),
      );
    } catch (error) {
      // A slow Redis (or one that froze) may still apply the lock after we gave up on it: held by nobody,
      // it would keep every other process polling for a token nobody requests until lockMs passed. The
      // release is queued behind it on the same connection and undoes it.
      void RELEASE.run(this.#redis, [lockKey], [owner]).catch(() => {});
      // Without Redis nobody can coordinate: this process asks for its own token.
      this.#failed(error);
      return async () => {};
    }
    if (taken !== "OK") {
      // Our own lock, when the client sent the SET NX again after a dropped connection lost the reply
      // of the first: taken for another's, every process would wait lockMs for a token nobody requests.
      this.roundTrips += 1;
      let holder: string | null;
      try {
        holder = await command("GET (token lock)", this.#timeoutMs, () => this.#redis.get(lockKey));
      } catch (error) {
        void RELEASE.run(this.#redis, [lockKey], [owner]).catch(() => {});
        this.#failed(error);
        return async () => {};
      }
      if (holder !== owner) return undefined;
    }
    // A token request may outlast the lock: Hotmart slow to answer, or failing and retried with
    // backoff. Were the lock left to expire, the next process would ask Hotmart too, then the next: a
    // herd on the token endpoint exactly when it struggles.
    const renewal = setInterval(
      () => {
        this.roundTrips += 1;
        command("PEXPIRE (token lock)", this.#timeoutMs, () =>
          RENEW.run(this.#redis, [lockKey], [owner, String(this.#lockMs)]),
        ).catch((error: unknown) => this.#failed(error));
      },
      // At most 100 renewals a second, whatever lockMs says.
      Math.max(10, Math.floor(this.#lockMs / 3)),
    );
    // Never what keeps a process alive; the release (or the process's end) stops it.
    renewal.unref?.();
    return async () => {
      clearInterval(renewal);
      this.roundTrips += 1;
      try {
        await command("release (token lock)", this.#timeoutMs, () =>
          RELEASE.run(this.#redis, [lockKey], [owner]),
        );
      } catch (error) {
        this.#failed(error);
      }
    };
  }

  /** Keeps `entry` as the most recently used, within MAX_LOCAL_TOKENS. */
  #remember(key: string, entry: { token: StoredToken; raw: string }): void {
    const local = this.#local;
    local.delete(key);
    if (local.size >= MAX_LOCAL_TOKENS) {
      const now = Date.now();
      for (const [k, v] of local) if (v.token.expiresAt <= now) local.delete(k);
      // Still full of valid tokens: the least recently used goes (Redis still has it).
      for (const k of local.keys()) {
        if (local.size < MAX_LOCAL_TOKENS) break;
        local.delete(k);
      }
    }
    local.set(key, entry);
  }

  /** Reports a failure; `unreachable` (a command that failed or timed out) also leaves Redis alone a while. */
  #failed(error: unknown, unreachable = true): void {
    if (unreachable) this.#skipUntil = performance.now() + SKIP_AFTER_FAILURE_MS;
    this.#onError(
      error instanceof HotmartRedisError
        ? error
        : new HotmartRedisError(`Redis token store failed: ${String(error)}`, { cause: error }),
    );
  }
}
