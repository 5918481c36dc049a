// Many processes, one credential (issue 13): N Node processes × C concurrent callers share one quota and
// one token through hotmart-redis, against the simulator with its quota scaled down. Prints the 429s, the
// share of the quota used, token requests, each process's share and the Redis round trips per request.
//
//   node bench/redis-shared-quota.mjs            60 s, 4 processes × 8 callers, 500 per 10 s
//   BENCH_SECONDS=10 BENCH_JSON=1 node ...       shorter; one JSON line (the multi-process test reads it)
//
// Needs `npm run build` (it imports the built packages) and redis-server on the PATH.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { startSimulator } from "hotmart-simulator";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 8);
const LIMIT = Number(process.env.BENCH_LIMIT ?? 500);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const JSON_OUT = process.env.BENCH_JSON === "1";

const port = await new Promise((resolve, reject) => {
  const s = createServer();
  s.once("error", reject);
  s.listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const redis = spawn(
  "redis-server",
  ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
await new Promise((resolve, reject) => {
  let out = "";
  redis.once("error", () =>
    reject(new Error("redis-server is not on the PATH (Debian: apt-get install -y redis-server)")),
  );
  redis.stdout.on("data", (c) => {
    out += c;
    if (out.includes("Ready to accept connections")) resolve();
  });
});
const sim = await startSimulator({ port: 0, seed: 21, rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
try {
  const startAt = Date.now() + 1_500;
  const worker = fileURLToPath(new URL("./redis-worker.mjs", import.meta.url));
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, () => {
      const cfg = {
        redisPort: port,
        name: "bench",
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
        baseURL: sim.url,
        authURL: sim.authURL,
        callers: CALLERS,
        durationMs: SECONDS * 1000,
        startAt,
      };
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [worker, JSON.stringify(cfg)], {
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (c) => {
          out += c;
        });
        child.once("exit", (code) =>
          code === 0
            ? resolve(JSON.parse(out.trim().split("\n").at(-1)))
            : reject(new Error(`worker exited ${code}`)),
        );
      });
    }),
  );
  const calls = sim.requestLog.filter((e) => e.path.startsWith("/products"));
  const limited = calls.filter((e) => e.status === 429).length;
  const ok = calls.filter((e) => e.status === 200);
  const first = Math.min(...ok.map((e) => e.at));
  const last = Math.max(...ok.map((e) => e.at));
  // Windows the run opened (the simulator's window starts with a call), the last counted whole.
  const windows = Math.floor((last - first) / WINDOW_MS) + 1;
  const shares = results.map((r) => r.ok);
  const figures = {
    seconds: SECONDS,
    processes: PROCESSES,
    callers: CALLERS,
    quota: `${LIMIT} per ${WINDOW_MS} ms`,
    requests: calls.length,
    ok: ok.length,
    responses429: limited,
    failedCalls: results.reduce((n, r) => n + r.failed, 0),
    quotaUsedPct: Number(((100 * ok.length) / (windows * LIMIT)).toFixed(1)),
    tokenRequests: sim.stats().tokenGrants,
    shares,
    shareMinMaxRatio: Number((Math.min(...shares) / Math.max(...shares)).toFixed(3)),
    redisRoundTripsPerRequest: Number(
      (results.reduce((n, r) => n + r.roundTrips, 0) / Math.max(1, calls.length)).toFixed(2),
    ),
    errors: [...new Set(results.flatMap((r) => r.errors))].slice(0, 5),
  };
  if (JSON_OUT) console.log(JSON.stringify(figures));
  else {
    console.log(
      `hotmart-redis shared quota: ${PROCESSES} processes × ${CALLERS} callers, ${SECONDS} s, quota ${figures.quota}`,
    );
    for (const [k, v] of Object.entries(figures))
      console.log(`  ${k.padEnd(26)} ${Array.isArray(v) ? v.join(", ") : v}`);
  }
} finally {
  await sim.close();
  redis.kill("SIGKILL");
}
