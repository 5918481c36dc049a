/**
 * The same stores on a node-redis client (the `redis` package) through `fromNodeRedis`, against a real
 * redis-server and the simulator.
 */
import { Hotmart } from "hotmart";
import { fromNodeRedis, RedisDedupeStore, RedisRateLimiter, RedisTokenStore } from "hotmart-redis";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_REDIS, INSTALL_HINT, type RedisServer, startRedis } from "./redis-server";

if (!HAS_REDIS) console.log(INSTALL_HINT);

describe.skipIf(!HAS_REDIS)("hotmart-redis on a node-redis client", () => {
  let server: RedisServer;
  let sim: Simulator;
  const clients: Array<ReturnType<typeof createClient>> = [];
  beforeAll(async () => {
    server = await startRedis();
    sim = await startSimulator({ port: 0, seed: 5, rateLimit: { limit: 10, windowMs: 60_000 } });
  });
  afterAll(async () => {
    for (const c of clients) await c.quit().catch(() => {});
    await sim?.close();
    await server?.stop();
  });
  const connect = async () => {
    const client = createClient({ url: server.url });
    client.on("error", () => {});
    await client.connect();
    clients.push(client);
    return fromNodeRedis(client);
  };

  it("two clients (as two processes) share one token and one quota learned from the headers", async () => {
    const name = `n${Date.now()}`;
    const make = async () =>
      new Hotmart({
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
        baseURL: sim.url,
        authURL: sim.authURL,
        tokenStore: new RedisTokenStore(await connect(), { prefix: `${name}:` }),
        limiter: new RedisRateLimiter(await connect(), { name }),
      });
    const [a, b] = [await make(), await make()];
    await a.products.list();
    await b.products.list();
    expect(sim.stats().tokenGrants).toBe(1);
    // 2 sent, 8 left in the simulator's 10 per minute: 8 more go through, the ninth waits for the window.
    await Promise.all(Array.from({ length: 4 }, () => [a.products.list(), b.products.list()]).flat());
    const held = await a.products.list({}, { totalTimeout: 500 }).catch((e: unknown) => e);
    expect(String((held as Error).message)).toMatch(/waiting for the rate limiter/);
    expect(sim.requestLog.filter((e) => e.status === 429)).toEqual([]);
    await a.close();
    await b.close();
  });

  it("a node-redis client passed without fromNodeRedis is refused at construction, saying to wrap it (its SET would drop NX and PX: every receiver would win every claim)", async () => {
    const raw = createClient({ url: server.url });
    raw.on("error", () => {});
    await raw.connect();
    clients.push(raw);
    for (const Store of [RedisDedupeStore, RedisTokenStore, RedisRateLimiter]) {
      expect(() => new Store(raw as never)).toThrow(
        new RegExp(`node-redis client: wrap it, new ${Store.name}\\(fromNodeRedis\\(client\\)\\)`),
      );
    }
    // The URL instead of a client: refused too, its password not repeated.
    expect(() => new RedisTokenStore("redis://:hunter2@127.0.0.1:6379" as never)).toThrow(
      'needs a Redis client: an ioredis one (new Redis(url)) or a node-redis one wrapped in fromNodeRedis(client); got the string "redis://***@127.0.0.1:6379"',
    );
  });

  it("a node-redis client never connected: the stores' errors say to call await client.connect()", async () => {
    const redis = fromNodeRedis(createClient({ url: server.url })); // no connect()
    const hint =
      /the node-redis client is not connected: call await client\.connect\(\) before the stores use it/;
    await expect(new RedisDedupeStore(redis).claim("e1")).rejects.toThrow(hint);
    const error = await new RedisRateLimiter(redis).acquire().catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(hint);
    const warned: string[] = [];
    await new RedisTokenStore(redis, { onError: (e) => warned.push(e.message) }).get("k");
    expect(warned).toEqual([expect.stringMatching(hint)]);
  });

  it("dedupe: one claim wins, release lets a re-delivery run, complete keeps it processed", async () => {
    const prefix = `nd${Date.now()}:`;
    const a = new RedisDedupeStore(await connect(), { prefix });
    const b = new RedisDedupeStore(await connect(), { prefix });
    const claims = await Promise.all([a.claim("e1"), b.claim("e1")]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await (claims[0] ? a : b).release("e1");
    expect(await b.claim("e1")).toBe(true);
    await b.complete("e1");
    expect(await a.claim("e1")).toBe(false);
    expect(await a.has("e1")).toBe(true);
  });
});
