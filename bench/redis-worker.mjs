// One process of bench/redis-shared-quota.mjs: a Hotmart client on a shared Redis token store and rate
// limiter, `callers` concurrent loops of API calls until the deadline. Prints one JSON line.
import { Hotmart } from "hotmart";
import { RedisRateLimiter, RedisTokenStore } from "hotmart-redis";
import { Redis } from "ioredis";

const cfg = JSON.parse(process.env.BENCH_WORKER_CONFIG);
const redis = new Redis(cfg.redisPort, "127.0.0.1", { maxRetriesPerRequest: 1 });
const limiter = new RedisRateLimiter(redis, { name: cfg.name });
const tokenStore = new RedisTokenStore(redis, { prefix: `${cfg.name}:` });
const client = new Hotmart({
  clientId: cfg.clientId,
  clientSecret: cfg.clientSecret,
  baseURL: cfg.baseURL,
  authURL: cfg.authURL,
  tokenStore,
  limiter,
});
// Start together: once every process said "ready", the coordinator sends all of them one start instant.
process.stdout.write("ready\n");
let input = "";
for await (const chunk of process.stdin) input += chunk;
const startAt = Number(input.trim());
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
const deadline = startAt + cfg.durationMs;
let ok = 0;
let failed = 0;
const errors = new Set();
await Promise.all(
  Array.from({ length: cfg.callers }, async () => {
    while (Date.now() < deadline) {
      try {
        await client.products.list(
          { max_results: 1 },
          { signal: AbortSignal.timeout(deadline - Date.now() + 30_000) },
        );
        ok++;
      } catch (error) {
        failed++;
        errors.add(String(error?.message ?? error).slice(0, 200));
      }
    }
  }),
);
await client.close();
redis.disconnect();
console.log(
  JSON.stringify({
    ok,
    failed,
    errors: [...errors],
    roundTrips: limiter.roundTrips,
    tokenRoundTrips: tokenStore.roundTrips,
    tokenRequests: client.tokenRequests,
  }),
);
