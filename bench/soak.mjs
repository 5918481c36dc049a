// A process that runs for weeks, in minutes: SOAK_REQUESTS (200 000) requests from one client against
// the simulator in a child process (its quota off), with SOAK_FAULTS=1 500s, resets and timeouts mixed
// in, and SOAK_ABORT=1 a fifth of the callers aborting. Every SOAK_EVERY (20 000) requests it prints the
// client's heap after a full GC, its active handles, the abort listeners on the one long-lived signal
// every other call is given, and the simulator's heap and request log. Growth that does not level off
// is a leak. It does not use AbortSignal.any: on Node 20 every call of it on a long-lived signal keeps
// some 60 bytes for good, which would read as the SDK's.
import { execFileSync } from "node:child_process";
import { getEventListeners } from "node:events";
import { Hotmart } from "hotmart";
import { clientOptions, loadLine, startChild } from "./sim.mjs";

if (typeof globalThis.gc !== "function") {
  // A heap figure means something after a full GC only.
  execFileSync(process.execPath, ["--expose-gc", "--trace-warnings", ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.exit(0);
}

const total = Number(process.env.SOAK_REQUESTS ?? 200_000);
const every = Number(process.env.SOAK_EVERY ?? 20_000);
const faults = process.env.SOAK_FAULTS === "1";
const abort = process.env.SOAK_ABORT === "1";
const concurrency = 16;

const sim = await startChild({ rateLimit: false, scale: { sales: 50 } }, "./sim-child.mjs", ["--expose-gc"]);
if (faults) {
  for (const spec of [
    { kind: "status", status: 500, rate: 0.03 },
    { kind: "reset", rate: 0.02 },
    { kind: "latency", delayMs: 3000, rate: 0.005 },
  ]) {
    await fetch(`${sim.url}/__admin/faults`, { method: "POST", body: JSON.stringify(spec) });
  }
}
const client = new Hotmart(
  clientOptions(sim, { maxRetries: 2, timeout: 1000, rateLimit: { requestsPerMinute: 100_000_000 } }),
);
const shutdown = new AbortController();
const counts = { ok: 0, failed: 0, aborted: 0 };
const heaps = [];
let done = 0;
let started = 0;

console.log(
  `soak: ${total} requests, ${concurrency} in flight, faults ${faults}, aborts ${abort}; ${loadLine()}`,
);
async function checkpoint(label = "") {
  globalThis.gc();
  globalThis.gc();
  const heapMB = process.memoryUsage().heapUsed / 1048576;
  heaps.push(heapMB);
  const simHeap = await sim.heap();
  console.log(
    [
      `${String(done).padStart(7)} requests${label}`,
      `client heap ${heapMB.toFixed(2)} MB`,
      `handles ${process.getActiveResourcesInfo().length}`,
      `listeners on the long-lived signal ${getEventListeners(shutdown.signal, "abort").length}`,
      `simulator heap ${(simHeap.heapUsed / 1048576).toFixed(2)} MB, log ${simHeap.log}`,
      `ok ${counts.ok} failed ${counts.failed} aborted ${counts.aborted}`,
    ].join(" | "),
  );
}

async function worker() {
  while (started < total) {
    started++;
    let signal = shutdown.signal;
    let timer;
    if (abort && started % 5 === 0) {
      const own = new AbortController();
      timer = setTimeout(() => own.abort(), (started % 7) + 1);
      signal = own.signal;
    }
    try {
      await client.sales.history({ max_results: 1 }, { signal });
      counts.ok++;
    } catch {
      if (signal !== shutdown.signal && signal.aborted) counts.aborted++;
      else counts.failed++;
    } finally {
      clearTimeout(timer);
    }
    done++;
    if (done % every === 0) await checkpoint();
  }
}

await checkpoint();
await Promise.all(Array.from({ length: concurrency }, worker));
await client.close();
await checkpoint(", client closed");
const [, second, ...rest] = heaps;
const last = rest.at(-1);
if (second !== undefined && last !== undefined)
  console.log(
    `client heap from the first checkpoint under load to the end: ${second.toFixed(2)} → ${last.toFixed(2)} MB`,
  );
await sim.close();
