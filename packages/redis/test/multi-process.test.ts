/**
 * Issue 13 item 4, in a short form: 4 Node processes × 8 callers share one credential through Redis
 * (bench/redis-shared-quota.mjs, which runs the built packages). The full form is the benchmark itself:
 * `npm run build && node bench/redis-shared-quota.mjs` (60 s, 500 per 10 s).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { HAS_REDIS, INSTALL_HINT } from "./redis-server";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const BUILT = ["hotmart", "simulator", "redis"].every((p) =>
  existsSync(`${root}packages/${p}/dist/index.js`),
);
if (!HAS_REDIS) console.log(INSTALL_HINT);
else if (!BUILT)
  console.log("multi-process test skipped: it runs the built packages; run `npm run build` first");

function bench(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [`${root}bench/redis-shared-quota.mjs`], {
    env: { ...process.env, BENCH_SECONDS: "8", BENCH_JSON: "1", ...env },
    encoding: "utf8",
    timeout: 90_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1) as string);
}

it.skipIf(!HAS_REDIS || !BUILT)(
  "4 processes × 8 callers on one credential: no call fails, one token request, no 429 once the quota is known, fair shares",
  () => {
    const figures = bench({ BENCH_LIMIT: "20", BENCH_WINDOW_MS: "2000" });
    console.log(`[multi-process] ${JSON.stringify(figures)}`);
    expect(figures.failedCalls).toBe(0);
    expect(figures.errors).toEqual([]);
    expect(figures.tokenRequests).toBe(1);
    // Before the first response states the quota (20, not the assumed 500) a few may go out on a guess.
    expect(figures.responses429).toBeLessThanOrEqual(20);
    // The share of the quota used is a real-time figure: judged only when the machine was not loaded
    // past twice its cores (the four processes could not get a core when their timers fired).
    const load = loadavg()[0] ?? 0;
    if (load > 2 * availableParallelism()) {
      console.log(
        `[multi-process] share of quota not judged: load ${load.toFixed(1)} on ${availableParallelism()} cores`,
      );
    } else {
      expect(figures.quotaUsedPct).toBeGreaterThanOrEqual(75);
    }
    // Over 8 s the start-up (who got the token and the first window) weighs on the shares; over the 60 s
    // benchmark they were within 11 % of each other (min/max 0.89). This only catches a process starved.
    expect(figures.shareMinMaxRatio).toBeGreaterThanOrEqual(0.35);
  },
  120_000,
);

it.skipIf(!HAS_REDIS || !BUILT)(
  "4 processes on one credential whose token lives 6 s: one token request per token lifetime, never two for the same one",
  () => {
    // Refreshed at half its life (3 s), well above the longest wait for quota with 2 callers a process:
    // a request never goes out with a token the simulator has already expired.
    const figures = bench({
      BENCH_CALLERS: "2",
      BENCH_LIMIT: "20",
      BENCH_WINDOW_MS: "2000",
      BENCH_TOKEN_TTL_S: "6",
    });
    console.log(`[multi-process, token expiry] ${JSON.stringify(figures)}`);
    expect(figures.failedCalls).toBe(0);
    expect(figures.tokenRequestsTooSoon).toBe(0);
    // At least one expiry happened during the run, and no more requests than lifetimes ended.
    expect(figures.tokenRequests).toBeGreaterThanOrEqual(2);
    expect(figures.tokenRequests).toBeLessThanOrEqual(figures.tokenRequestsExpected);
  },
  120_000,
);
