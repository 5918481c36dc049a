/**
 * A Redis that is reached and refuses (an ACL user without a command, a read-only replica, a wrong
 * password): the error says what to fix, not "could not reach Redis". Its own server: the ACL users and
 * REPLICAOF here must not reach the other tests' Redis.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryRateLimiter } from "hotmart";
import { HotmartRedisError, RedisDedupeStore, RedisRateLimiter, RedisTokenStore } from "hotmart-redis";
import { Redis, type RedisOptions } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HAS_REDIS, INSTALL_HINT, type RedisServer, startRedis } from "./redis-server";

if (!HAS_REDIS) console.log(INSTALL_HINT);

describe.skipIf(!HAS_REDIS)("a Redis that refuses", () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  const connect = (options: RedisOptions = {}) => {
    const redis = new Redis(server.port, "127.0.0.1", { maxRetriesPerRequest: 1, ...options });
    redis.on("error", () => {});
    clients.push(redis);
    return redis;
  };
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server?.stop();
  });

  it("an ACL user without a command a script calls (ZADD) or without EVALSHA: the error names the command and the permissions needed, not 'could not reach Redis'", async () => {
    const admin = connect();
    await admin.call("ACL", "SETUSER", "nozadd", "on", ">pw", "~*", "+@all", "-zadd");
    await admin.call("ACL", "SETUSER", "nosha", "on", ">pw", "~*", "+@all", "-evalsha");
    const nozadd = new RedisRateLimiter(connect({ username: "nozadd", password: "pw" }), { name: "a" });
    const error = (await nozadd.acquire().catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("HotmartRedisError");
    // Redis itself only says "can't run this command ... @user_script:24".
    expect(error.message).toMatch(/may not run ZADD/);
    expect(error.message).toMatch(/\+zadd/);
    expect(error.message).not.toMatch(/could not reach|Check that Redis is up/);

    const nosha = connect({ username: "nosha", password: "pw" });
    const limiterError = (await new RedisRateLimiter(nosha, { name: "b" })
      .acquire()
      .catch((e: unknown) => e)) as Error;
    expect(limiterError.message).toMatch(/'evalsha'.*\+evalsha/);
    expect(limiterError.message).not.toMatch(/could not reach|Check that Redis is up/);
    const dedupe = new RedisDedupeStore(nosha, { prefix: "n:" });
    expect(await dedupe.claim("e")).toBe(true);
    await expect(dedupe.release("e")).rejects.toThrow(/refused release \(webhook claim\).*\+evalsha/);
  });

  it("a limiter with whenRedisFails says that Redis failed (console.warn by default, or onError) instead of falling back without a word", async () => {
    const admin = connect();
    await admin.call("ACL", "SETUSER", "noscript", "on", ">pw", "~*", "+@all", "-evalsha");
    const redis = connect({ username: "noscript", password: "pw" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const quiet = new RedisRateLimiter(redis, {
        name: "w",
        whenRedisFails: new MemoryRateLimiter({ requestsPerMinute: 100 }),
      });
      expect(await quiet.acquire()).toBeLessThan(0); // granted by the fallback
      expect(await quiet.acquire()).toBeLessThan(0);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/'evalsha'.*go through whenRedisFails/);
    } finally {
      warn.mockRestore();
    }
    const errors: unknown[] = [];
    const told = new RedisRateLimiter(redis, {
      name: "w2",
      whenRedisFails: new MemoryRateLimiter({ requestsPerMinute: 100 }),
      onError: (e) => errors.push(e),
    });
    expect(await told.acquire()).toBeLessThan(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HotmartRedisError);
    expect(() => new RedisRateLimiter(redis, { onError: "log" as never })).toThrow(
      /onError must be a function/,
    );
    // The token store too: before, "log" was kept, and its first Redis failure threw a TypeError.
    expect(() => new RedisTokenStore(redis, { onError: "log" as never })).toThrow(
      /onError must be a function/,
    );
  });

  it("a read-only replica: the limiter, the dedupe store and the token store say to connect to the primary", async () => {
    const redis = connect();
    const messages: string[] = [];
    const tokens = new RedisTokenStore(redis, { prefix: "ro:", onError: (e) => messages.push(e.message) });
    // A replica of a primary that is not there: it refuses writes, as a failed-over old primary does.
    await redis.call("REPLICAOF", "127.0.0.1", "1");
    try {
      const error = (await new RedisRateLimiter(redis, { name: "ro" })
        .acquire()
        .catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(/READONLY.*connect the client to the primary/);
      expect(error.message).not.toMatch(/could not reach|Check that Redis is up/);
      await expect(new RedisDedupeStore(redis, { prefix: "ro:" }).claim("e")).rejects.toThrow(
        /connect the client to the primary/,
      );
      await tokens.lock("k");
      expect(messages.join("\n")).toMatch(/READONLY.*connect the client to the primary/);
    } finally {
      await redis.call("REPLICAOF", "NO", "ONE");
    }
  });

  it("Redis Cluster with the default prefix (CROSSSLOT): the error says to give the stores a hash-tag prefix, not to check that Redis is up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hotmart-redis-cluster-"));
    const cluster = await startRedis([
      "--cluster-enabled",
      "yes",
      "--cluster-config-file",
      join(dir, "nodes.conf"),
      "--dir",
      dir,
    ]);
    try {
      const redis = new Redis(cluster.port, "127.0.0.1", { maxRetriesPerRequest: 1 });
      redis.on("error", () => {});
      clients.push(redis);
      // One node holding every slot: a cluster whose multi-key commands still need their keys in one slot.
      await redis.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
      // The node takes a moment to call its cluster up (it answers CLUSTERDOWN until then).
      for (let i = 0; i < 200; i++) {
        if (String(await redis.call("CLUSTER", "INFO")).includes("cluster_state:ok")) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const error = (await new RedisRateLimiter(redis).acquire().catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(/CROSSSLOT.*prefix: "\{hotmart\}:"/);
      expect(error.message).not.toMatch(/could not reach|Check that Redis is up/);
      // The README's advice works.
      expect(await new RedisRateLimiter(redis, { prefix: "{hotmart}:" }).acquire()).toBe(1);
    } finally {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
