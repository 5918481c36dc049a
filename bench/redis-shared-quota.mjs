// Many processes, one credential (issue 13): N Node processes × C concurrent callers share one quota and
// one token through hotmart-redis, against the simulator with its quota scaled down. Prints the 429s, the
// share of the quota used, token requests, each process's share and the Redis round trips per request
// (rate limiter and token store, together and apart).
//
//   node bench/redis-shared-quota.mjs            60 s, 4 processes × 8 callers, 500 per 10 s
//   BENCH_SECONDS=10 BENCH_JSON=1 node ...       shorter; one JSON line (the multi-process test reads it)
//
// Needs `npm run build` (it imports the built packages) and redis-server on the PATH.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSimulator } from "hotmart-simulator";
import { stablePort } from "../scripts/lib/stable-port.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 8);
const LIMIT = Number(process.env.BENCH_LIMIT ?? 500);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const JSON_OUT = process.env.BENCH_JSON === "1";
// The simulator's token lifetime in seconds (default Hotmart's, 172 799): a few seconds shows the refreshes.
const TOKEN_TTL_S = process.env.BENCH_TOKEN_TTL_S ? Number(process.env.BENCH_TOKEN_TTL_S) : undefined;

// redis-server binds it after this returns: a port no listen(0) can take meanwhile.
const port = await stablePort();
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
// Stopped with the benchmark, however it ends (Ctrl-C included): no redis-server or worker left behind.
const children = [];
const stopAll = () => {
  for (const child of children) child.kill("SIGKILL");
  redis.kill("SIGKILL");
};
process.once("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    stopAll();
    process.exit(130);
  });
}
const sim = await startSimulator({
  port: 0,
  seed: 21,
  rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
  ...(TOKEN_TTL_S ? { tokenTtlSeconds: TOKEN_TTL_S } : {}),
});
try {
  const worker = fileURLToPath(new URL("./redis-worker.mjs", import.meta.url));
  // Every worker starts, connects and says "ready"; then all of them get the same start instant, so a
  // slow start (a busy machine) does not shorten the run of the first ones.
  const workers = Array.from({ length: PROCESSES }, () => {
    const cfg = {
      redisPort: port,
      name: "bench",
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      baseURL: sim.url,
      authURL: sim.authURL,
      callers: CALLERS,
      durationMs: SECONDS * 1000,
    };
    // The config (credentials included) goes through the environment, not argv: `ps` shows argv.
    const child = spawn(process.execPath, [worker], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, BENCH_WORKER_CONFIG: JSON.stringify(cfg) },
    });
    children.push(child);
    let out = "";
    let onReady;
    const ready = new Promise((resolve) => {
      onReady = resolve;
    });
    child.stdout.on("data", (c) => {
      out += c;
      if (out.includes("ready\n")) onReady();
    });
    const done = new Promise((resolve, reject) => {
      child.once("exit", (code) =>
        code === 0
          ? resolve(JSON.parse(out.trim().split("\n").at(-1)))
          : reject(new Error(`worker exited ${code}`)),
      );
    });
    return { child, ready, done };
  });
  await Promise.race([
    Promise.all(workers.map((w) => w.ready)),
    Promise.all(workers.map((w) => w.done)), // a worker that dies before "ready" fails the benchmark
  ]);
  const startAt = Date.now() + 200;
  for (const w of workers) w.child.stdin.end(`${startAt}\n`);
  const results = await Promise.all(workers.map((w) => w.done));
  const calls = sim.requestLog.filter((e) => e.path.startsWith("/products"));
  const limited = calls.filter((e) => e.status === 429).length;
  const ok = calls.filter((e) => e.status === 200);
  // The simulator's windows, rebuilt from its log: a fixed window opens with the first request (token
  // requests included) that arrives after the previous one ended. The quota used is the share of the
  // windows opened during the run that carried a 200. A window opened after the run's end holds only the
  // calls that were already waiting when the callers stopped: not load, so it is left out (it is counted
  // in quotaUsedPctAllWindows, the stricter figure).
  const runEnd = startAt + SECONDS * 1000;
  const windows = [];
  for (const e of [...sim.requestLog].sort((a, b) => a.at - b.at)) {
    const current = windows.at(-1);
    if (!current || e.at - current.start >= WINDOW_MS) windows.push({ start: e.at, ok: 0 });
    if (e.status === 200 && e.path.startsWith("/products")) windows.at(-1).ok++;
  }
  const inRun = windows.filter((w) => w.start < runEnd);
  const usedPct = (list) =>
    Number(((100 * list.reduce((n, w) => n + w.ok, 0)) / (Math.max(1, list.length) * LIMIT)).toFixed(1));
  // The SDK refreshes a token at half its life when that is under 10 minutes (else 5 minutes early): one
  // token request per such lifetime is the expected count. Two requests closer than half a lifetime mean
  // two processes refreshed the same token.
  const ttlMs = (TOKEN_TTL_S ?? 172_799) * 1000;
  const lifetimeMs = ttlMs - Math.min(300_000, ttlMs / 2);
  const grants = sim.requestLog
    .filter((e) => e.path.startsWith("/security") && e.status === 200)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  const tooSoon = grants.filter((at, i) => i > 0 && at - grants[i - 1] < lifetimeMs / 2).length;
  const shares = results.map((r) => r.ok);
  const limiterTrips = results.reduce((n, r) => n + r.roundTrips, 0);
  const tokenTrips = results.reduce((n, r) => n + r.tokenRoundTrips, 0);
  const perRequest = (n) => Number((n / Math.max(1, calls.length)).toFixed(2));
  const figures = {
    seconds: SECONDS,
    processes: PROCESSES,
    callers: CALLERS,
    quota: `${LIMIT} per ${WINDOW_MS} ms`,
    requests: calls.length,
    ok: ok.length,
    responses429: limited,
    failedCalls: results.reduce((n, r) => n + r.failed, 0),
    quotaWindows: inRun.length,
    quotaUsedPct: usedPct(inRun),
    quotaUsedPctAllWindows: usedPct(windows),
    tokenRequests: sim.stats().tokenGrants,
    tokenLifetimeMs: lifetimeMs,
    // 1, plus 1 for each token lifetime that ended while calls were still being made.
    tokenRequestsExpected: 1 + Math.floor((Math.max(...ok.map((e) => e.at)) - (grants[0] ?? 0)) / lifetimeMs),
    tokenRequestsTooSoon: tooSoon,
    shares,
    shareMinMaxRatio: Number((Math.min(...shares) / Math.max(...shares)).toFixed(3)),
    // Every Redis command the processes sent, per API request: the limiter's, and the token store's.
    redisRoundTripsPerRequest: perRequest(limiterTrips + tokenTrips),
    limiterRoundTripsPerRequest: perRequest(limiterTrips),
    tokenStoreRoundTripsPerRequest: perRequest(tokenTrips),
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
