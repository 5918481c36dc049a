import { createHash } from "node:crypto";
import { HotmartRedisError } from "./errors";

/**
 * The client the stores take: an `ioredis` instance (a `Cluster` works when the keys share a hash tag),
 * or a node-redis client through `fromNodeRedis`. Only these forms are called.
 */
export interface RedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, px: "PX", ms: number): Promise<unknown>;
  set(key: string, value: string, px: "PX", ms: number, nx: "NX"): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
  evalsha(sha: string, numKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
}

export interface RedisCommonOptions {
  /** Key prefix; default "hotmart:". Use `{hotmart}:` on Redis Cluster so a script's keys share a slot. */
  prefix?: string | undefined;
  /**
   * How long one Redis command may take before it fails with `HotmartRedisError` (default 1 000 ms).
   * ioredis queues commands while it reconnects; without this a request would wait as long as Redis is down.
   */
  commandTimeoutMs?: number | undefined;
}

/** Runs one Redis command under a deadline; any failure becomes a HotmartRedisError saying what failed. */
export async function command<T>(what: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // The rejection waits for setImmediate, after the event loop's I/O phase: when this process itself
    // was stalled (a busy CPU, a long GC) past the deadline, a reply that arrived meanwhile is read first
    // and wins. Only a Redis that really did not answer fails the command.
    timer = setTimeout(
      () =>
        setImmediate(() =>
          reject(new HotmartRedisError(`Redis did not answer ${what} within ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([run(), deadline]);
  } catch (error) {
    if (error instanceof HotmartRedisError) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.\s*$/, "");
    const hint = refusalHint(reason);
    throw new HotmartRedisError(
      `Redis ${hint ? "refused" : "failed"} ${what}: ${reason}${hint ? `. ${hint}` : ""}`,
      {
        cause: safeCause(error),
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Every command the stores send or their scripts call: what a Redis ACL user needs, on the prefix's keys. */
export const COMMANDS_NEEDED =
  "+get +set +del +eval +evalsha +time +hget +hset +hmget +pexpire +zadd +zcard +zrange +zrangebyscore +zrank +zrem +zremrangebyscore +zscore";

/**
 * What to do about an error Redis answered with (it was reached, and refused): these do not pass with
 * time, and "check that Redis is up" would send the reader the wrong way. Undefined for anything else.
 */
export function refusalHint(reason: string): string | undefined {
  if (/^NOPERM|can't run this command|No permissions to access/i.test(reason)) {
    return `The Redis user lacks a permission hotmart-redis needs: it needs ${COMMANDS_NEEDED} on the keys under the stores' prefix (ACL SETUSER <user> ...)`;
  }
  if (/^(WRONGPASS|NOAUTH)/.test(reason)) {
    return "Check the username and password the Redis client was given";
  }
  if (/^READONLY|READONLY You can't write/.test(reason)) {
    return "This connection reaches a read-only replica: connect the client to the primary";
  }
  if (/^CROSSSLOT/.test(reason)) {
    return 'This is a Redis Cluster: give the stores a prefix with a hash tag, { prefix: "{hotmart}:" }, so the keys of each script share a slot';
  }
  if (/^OOM/.test(reason)) {
    return "Redis is at its maxmemory and evicts nothing: raise maxmemory or free memory";
  }
  return undefined;
}

/**
 * The client's error without what it attaches beyond name, message and code: ioredis puts the failed
 * command's arguments on a Redis error (`error.command.args`), and for the token store those hold the
 * access token, which a logger printing `error.cause` would write out.
 */
function safeCause(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const safe = new Error(error.message);
  safe.name = error.name;
  if (error.stack !== undefined) safe.stack = error.stack;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) (safe as { code?: unknown }).code = code;
  if (error.cause !== undefined && depth < 4) safe.cause = safeCause(error.cause, depth + 1);
  return safe;
}

/** A Lua script run by EVALSHA, loaded with EVAL the first time (or after a Redis restart forgot it). */
export class Script {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash("sha1").update(source).digest("hex");
  }

  async run(redis: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error)?.message).includes("NOSCRIPT")) throw this.#named(error);
      try {
        return await redis.eval(this.source, keys.length, ...keys, ...args);
      } catch (evalError) {
        throw this.#named(evalError);
      }
    }
  }

  /**
   * Redis says an ACL refused a command a script called only by the script's line ("can't run this
   * command or subcommand script: <sha>, on @user_script:24"): the command on that line is named, so the
   * message says which permission is missing.
   */
  #named(error: unknown): unknown {
    const message = String((error as Error)?.message);
    const line = /can't run this command[\s\S]*@user_script:(\d+)/.exec(message)?.[1];
    if (line === undefined) return error;
    const called = /redis\.call\("([A-Z]+)"/.exec(this.source.split("\n")[Number(line) - 1] ?? "")?.[1];
    if (called === undefined) return error;
    return new Error(
      `NOPERM the Redis user may not run ${called} (the script's line ${line} calls it; Redis said: ${message.replace(/\.\s*$/, "")})`,
      { cause: error },
    );
  }
}

/**
 * Refuses what is not a client the stores can use, at construction. A node-redis client passed without
 * `fromNodeRedis` matters most: its `set` ignores ioredis-style `"PX", ms, "NX"` arguments, so a lock or a
 * webhook claim would be taken by everybody and never expire, without any error.
 */
export function checkClient(store: string, redis: unknown): asserts redis is RedisClient {
  const r = redis as Record<string, unknown> | null | undefined;
  const has = (name: string) => typeof r?.[name] === "function";
  if (has("evalSha") && !has("evalsha")) {
    throw new TypeError(
      `${store} was given a node-redis client: wrap it, new ${store}(fromNodeRedis(client)) (fromNodeRedis is exported by hotmart-redis)`,
    );
  }
  const missing = ["get", "set", "del", "eval", "evalsha"].filter((name) => !has(name));
  if (missing.length > 0) {
    const got =
      typeof redis === "string"
        ? `the string "${redis.replace(/\/\/[^@/]*@/, "//***@")}" (pass new Redis(url), not the URL)`
        : typeof redis === "object" && redis !== null
          ? `an object without ${missing.join(", ")}`
          : String(redis);
    throw new TypeError(
      `${store} needs a Redis client: an ioredis one (new Redis(url)) or a node-redis one wrapped in fromNodeRedis(client); got ${got}`,
    );
  }
}

export function positiveOption(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${name} must be a positive number (got ${String(value)})`);
  }
  return v;
}

/** A count of whole units (requests, ms) Redis needs as an integer: at least 1 once rounded down. */
export function countOption(name: string, value: number | undefined, fallback: number): number {
  const v = Math.floor(positiveOption(name, value, fallback));
  if (v < 1) throw new RangeError(`${name} must be at least 1 (got ${String(value)})`);
  return v;
}

/**
 * An option the store does not know is refused, as `new Hotmart()` does: `requestsPerMinute` (the memory
 * limiter's name) or ioredis's `keyPrefix` would otherwise be dropped and the defaults used without a word.
 */
export function checkOptions(store: string, options: object, known: readonly string[]): void {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${store}'s options must be an object (got ${String(options)})`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new TypeError(`${store} has no option "${key}": it takes ${known.join(", ")}`);
  }
}
