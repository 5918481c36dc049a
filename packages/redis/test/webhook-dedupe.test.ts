/**
 * Two webhook receivers behind one Redis (issue 13 item 4): 1,000 deliveries, 30 % of them duplicates, in
 * shuffled order, spread over both; one receiver dies mid-way (its events in progress never finish, its
 * later deliveries get no answer). "Hotmart" re-sends what got no 2xx. Each event must be processed
 * exactly once, none lost.
 */
import { createWebhookHandler, type WebhookHandler } from "hotmart";
import { RedisDedupeStore } from "hotmart-redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HAS_REDIS, INSTALL_HINT, type RedisServer, startRedis } from "./redis-server";

if (!HAS_REDIS) console.log(INSTALL_HINT);
const HOTTOK = "dedupe-test-hottok";

let server: RedisServer | undefined;
const connections: Redis[] = [];
beforeAll(async () => {
  if (HAS_REDIS) server = await startRedis();
});
afterAll(async () => {
  for (const c of connections) c.disconnect();
  await server?.stop();
});

it.skipIf(!HAS_REDIS)(
  "1,000 deliveries (30 % duplicates, reordered) to two receivers, one killed mid-way: every event processed exactly once",
  async () => {
    const port = server?.port as number;
    const completed = new Map<string, number>();
    let killed = false;
    const prefix = `w${Date.now()}:`;
    const receiver = (name: "A" | "B"): WebhookHandler => {
      const redis = new Redis(port, "127.0.0.1");
      connections.push(redis);
      return createWebhookHandler({
        hottok: HOTTOK,
        // Shorter than the re-send interval below: a dead worker's claim is gone before the re-send comes.
        dedupe: new RedisDedupeStore(redis, { prefix, processingTimeoutMs: 300 }),
        onUnhandled: async (event) => {
          await new Promise((r) => setTimeout(r, 1 + Math.floor(Math.random() * 5)));
          if (name === "A" && killed) await new Promise(() => {}); // the process died mid-event
          const id = (event as { id: string }).id;
          completed.set(id, (completed.get(id) ?? 0) + 1);
        },
      });
    };
    const receivers = { A: receiver("A"), B: receiver("B") };

    const ids = Array.from({ length: 700 }, (_, i) => `evt-${i}`);
    const deliveries = [
      ...ids,
      ...Array.from({ length: 300 }, (_, i) => ids[(i * 7919) % ids.length] as string),
    ];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j] as string, deliveries[i] as string];
    }
    const body = (id: string) =>
      JSON.stringify({
        id,
        event: "PURCHASE_APPROVED",
        version: "2.0.0",
        creation_date: Date.now(),
        data: {},
      });

    let sent = 0;
    let resends = 0;
    const deliver = async (id: string, attempt: number): Promise<void> => {
      sent++;
      if (sent === 500) killed = true;
      // The load balancer stops routing to a dead receiver once its health check fails.
      const target = killed ? "B" : sent % 2 === 0 ? "A" : "B";
      const request = new Request("http://receiver/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK },
        body: body(id),
      });
      const answer = await Promise.race([
        receivers[target](request).then((r) => r.status),
        new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 200)),
      ]);
      if (answer === 200) return;
      // No 2xx: Hotmart re-sends later (here 400 ms, past the claim's expiry).
      expect(attempt).toBeLessThan(5);
      resends++;
      await new Promise((r) => setTimeout(r, 400));
      await deliver(id, attempt + 1);
    };
    const queue = [...deliveries];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) await deliver(id, 1);
      }),
    );

    const twice = [...completed].filter(([, n]) => n > 1);
    const lost = ids.filter((id) => !completed.has(id));
    console.log(
      `[webhook dedupe] ${deliveries.length} deliveries of ${ids.length} events, ${resends} re-sends after the kill: ` +
        `${completed.size} processed, ${twice.length} twice, ${lost.length} lost`,
    );
    expect(twice).toEqual([]);
    expect(lost).toEqual([]);
  },
  60_000,
);
