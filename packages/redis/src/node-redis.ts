import type { RedisClient } from "./redis";

/**
 * The few commands of a node-redis client (the `redis` package, v5) that the stores use. Any client
 * with these methods works; the stores never call anything else.
 */
export interface NodeRedisClient {
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options: { expiration: { type: "PX"; value: number }; condition?: "NX" },
  ): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** `"PX", ms` or `"PX", ms, "NX"`: the only forms the stores send, in ioredis's argument style. */
function setOptions(args: unknown[]): { expiration: { type: "PX"; value: number }; condition?: "NX" } {
  const [px, ms, nx] = args;
  if (px !== "PX" || typeof ms !== "number" || (nx !== undefined && nx !== "NX")) {
    throw new TypeError(`hotmart-redis: unexpected SET arguments ${JSON.stringify(args)}`);
  }
  return nx === "NX"
    ? { expiration: { type: "PX", value: ms }, condition: "NX" }
    : { expiration: { type: "PX", value: ms } };
}

/** ioredis's `(numKeys, ...keys, ...args)` as node-redis's `{ keys, arguments }`. */
function scriptOptions(numKeys: unknown, rest: unknown[]): { keys: string[]; arguments: string[] } {
  const n = Number(numKeys);
  return { keys: rest.slice(0, n).map(String), arguments: rest.slice(n).map(String) };
}

/**
 * node-redis's "The client is closed" says nothing of the usual cause, a client never connected (or one
 * quit while the stores still use it): said with what to do, so it reads right in the stores' messages.
 */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const e = error as Error | undefined;
    if (e?.constructor?.name === "ClientClosedError" || e?.message === "The client is closed") {
      throw new Error(
        "the node-redis client is not connected: call await client.connect() before the stores use it (and do not quit() it while they do)",
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Use a node-redis client (`redis` package) instead of ioredis:
 * `new RedisTokenStore(fromNodeRedis(client))`. The client must be connected (`await client.connect()`).
 */
export function fromNodeRedis(client: NodeRedisClient): RedisClient {
  const adapter = {
    get: (key: string) =>
      call(async () => {
        const value = await client.get(key);
        return value === null || value === undefined ? null : String(value);
      }),
    set: (key: string, value: string, ...args: unknown[]) =>
      call(() => client.set(key, value, setOptions(args))),
    del: (key: string) => call(() => client.del(key)),
    eval: (script: string, numKeys: unknown, ...rest: unknown[]) =>
      call(() => client.eval(script, scriptOptions(numKeys, rest))),
    evalsha: (sha: string, numKeys: unknown, ...rest: unknown[]) =>
      call(() => client.evalSha(sha, scriptOptions(numKeys, rest))),
  };
  // The stores call only the forms above; ioredis's overloaded signatures are wider than they need.
  return adapter as unknown as RedisClient;
}
