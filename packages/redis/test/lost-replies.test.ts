/**
 * A connection that drops after Redis ran a command and before its reply came back: ioredis sends the
 * command again on reconnecting (autoResendUnfulfilledCommands). A SET NX sent twice fails the second
 * time on the first's own key: the stores must know their own claim or lock from another's.
 */
import { createServer, type Socket, connect as tcp } from "node:net";
import { createWebhookHandler } from "hotmart";
import { RedisDedupeStore, RedisRateLimiter, RedisTokenStore } from "hotmart-redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_REDIS, INSTALL_HINT, type RedisServer, startRedis } from "./redis-server";

if (!HAS_REDIS) console.log(INSTALL_HINT);

/** A TCP proxy to Redis that, once armed with a string, drops the connection in place of the reply to the command holding it. */
async function replyDroppingProxy(redisPort: number) {
  let match: string | undefined;
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = tcp(redisPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    let dropping = false;
    client.on("data", (chunk: Buffer) => {
      if (match !== undefined && chunk.toString("latin1").includes(match)) {
        match = undefined;
        dropping = true; // Redis gets the command and runs it; its reply is lost with the connection
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (dropping) client.destroy();
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    port: (proxy.address() as { port: number }).port,
    dropReplyTo: (text: string) => {
      match = text;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      proxy.close();
    },
  };
}

describe.skipIf(!HAS_REDIS)("a reply lost with the connection", () => {
  let server: RedisServer;
  let proxy: Awaited<ReturnType<typeof replyDroppingProxy>>;
  const clients: Redis[] = [];
  const viaProxy = () => {
    const redis = new Redis(proxy.port, "127.0.0.1", { maxRetriesPerRequest: 1 });
    redis.on("error", () => {});
    clients.push(redis);
    return redis;
  };
  beforeAll(async () => {
    server = await startRedis();
    proxy = await replyDroppingProxy(server.port);
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    proxy?.close();
    await server?.stop();
  });

  it("a webhook whose claim's reply was lost is processed, not answered as a duplicate of its own claim (and so lost)", async () => {
    const redis = viaProxy();
    await redis.ping();
    const ran: string[] = [];
    const handler = createWebhookHandler({
      hottok: "lost-reply",
      on: { PURCHASE_APPROVED: (event) => void ran.push(event.id) },
      dedupe: new RedisDedupeStore(redis, { prefix: "lost:" }),
    });
    proxy.dropReplyTo("processing:");
    const response = await handler(
      new Request("http://localhost/hotmart", {
        method: "POST",
        headers: { "content-type": "application/json", "x-hotmart-hottok": "lost-reply" },
        body: JSON.stringify({
          id: "ev-lost-reply",
          event: "PURCHASE_APPROVED",
          version: "2.0.0",
          creation_date: Date.now(),
          data: { purchase: { transaction: "HP1", status: "APPROVED" }, buyer: { email: "a@example.com" } },
        }),
      }),
    );
    // Before: 200 {"duplicate":true} and no callback. Hotmart, given a 2xx, never re-sent it.
    expect(await response.json()).toEqual({ received: true });
    expect(ran).toEqual(["ev-lost-reply"]);
  });

  it("a token lock whose reply was lost is taken: the process requests the token instead of waiting lockMs for its own lock", async () => {
    const redis = viaProxy();
    await redis.ping();
    const store = new RedisTokenStore(redis, { prefix: "lost:", lockMs: 60_000, onError: () => {} });
    proxy.dropReplyTo(":lock");
    const release = await store.lock("k");
    expect(release).toBeTypeOf("function");
    await release?.();
    // Released: another process can take it now.
    expect(await store.lock("k")).toBeTypeOf("function");
  });

  it("a rate limiter grant whose reply was lost is this process's slot: the request goes, instead of waiting a window behind its own slot", async () => {
    const redis = viaProxy();
    await redis.ping();
    const admin = new Redis(server.port, "127.0.0.1");
    clients.push(admin);
    const limiter = new RedisRateLimiter(redis, { name: "lost", requestsPerWindow: 2, windowMs: 600_000 });
    await limiter.acquire();
    proxy.dropReplyTo(":2\r\n"); // the second grant's member, <process id>:2
    // A hang guard only: before, the resent script found the window full of this very grant and the
    // request waited the whole 10-minute window.
    const guard = AbortSignal.timeout(20_000);
    await expect(limiter.acquire(guard)).resolves.toBe(2);
    expect(await admin.zcard("hotmart:ratelimit:lost:log")).toBe(2);
  }, 30_000);
});
