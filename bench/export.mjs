// client.export against the SDK's own sequential walk, on the simulator in a child process.
// Prints figures and ratios measured in the same run; never asserts (root: `npm run bench:export`).
//
//   1. 20,000 sales at 300 ms and at 100 ms per request: sequential `for await` vs client.export.
//   2. 100,000 sales at 100 ms, the simulator's real 500-a-minute quota, the client's default limiter:
//      429s, every record once, client RSS.
//
//   BENCH_SALES (20000), BENCH_BIG_SALES (100000), BENCH_SKIP_BIG=1 to skip part 2.
import { EARLIEST_DATE, Hotmart } from "hotmart";
import { clientOptions, loadLine, rssSampler, startChild } from "./sim.mjs";

const SALES = Number(process.env.BENCH_SALES ?? 20_000);
const BIG = Number(process.env.BENCH_BIG_SALES ?? 100_000);
const TO = Date.now();

async function sequential(sim) {
  const client = new Hotmart(clientOptions(sim));
  const started = performance.now();
  let n = 0;
  for await (const _sale of client.sales.history({
    start_date: EARLIEST_DATE,
    end_date: TO,
    max_results: 500,
  }))
    n++;
  const ms = performance.now() - started;
  await client.close();
  return { n, ms };
}

async function exported(sim, check = false) {
  const client = new Hotmart(clientOptions(sim));
  const started = performance.now();
  const seen = check ? new Set() : undefined;
  let n = 0;
  const run = client.export.run("sales.history", { from: EARLIEST_DATE, to: TO });
  for await (const { record } of run) {
    n++;
    seen?.add(record.purchase.transaction);
  }
  const ms = performance.now() - started;
  await client.close();
  return { n, ms, unique: seen?.size, progress: run.progress() };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Runs `task`, adding the CPU seconds this process and the simulator used to its result. */
async function withCpu(sim, task) {
  const client = process.cpuUsage();
  const server = sim.cpuMs();
  const result = await task();
  const used = process.cpuUsage(client);
  const simMs = server === undefined ? undefined : sim.cpuMs() - server;
  const cpu = `client ${((used.user + used.system) / 1e6).toFixed(1)} s, simulator ${simMs === undefined ? "n/a" : (simMs / 1000).toFixed(1)} s`;
  return { ...result, cpu };
}

console.log(`client.export vs the sequential walk (${loadLine()}, ${new Date().toISOString()})`);
for (const latencyMs of [300, 100]) {
  const sim = await startChild({ seed: 7, scale: { sales: SALES }, latencyMs });
  try {
    const seq = await withCpu(sim, () => sequential(sim));
    const exp = await withCpu(sim, () => exported(sim));
    if (seq.n !== exp.n) console.log(`  !! record counts differ: sequential ${seq.n}, export ${exp.n}`);
    console.log(
      `${SALES} sales, ${latencyMs} ms/request: sequential ${fmt(seq.ms)} (${seq.n} records), export ${fmt(exp.ms)} ` +
        `(${exp.progress.shardsPlanned} shards, ${exp.progress.pages} pages + ${exp.progress.probes} dropped): ` +
        `${(seq.ms / exp.ms).toFixed(2)}x  [${loadLine()}]\n` +
        // When the machine is busy, the simulator's CPU (one process serving every request) bounds the
        // export long before the round trips do; these figures show how close a run came to that.
        `  CPU used: sequential ${seq.cpu}; export ${exp.cpu}`,
    );
  } finally {
    await sim.close();
  }
}

if (process.env.BENCH_SKIP_BIG !== "1") {
  const sim = await startChild({ seed: 8, scale: { sales: BIG }, latencyMs: 100 });
  try {
    const probe = new Hotmart(clientOptions(sim, { rateLimit: false }));
    const expected = (await probe.sales.history({ start_date: EARLIEST_DATE, end_date: TO, max_results: 1 }))
      .page_info.total_results;
    await probe.close();
    const rss = rssSampler();
    const exp = await exported(sim, true);
    const peak = rss.stop();
    const stats = await sim.stats();
    let served429 = 0;
    for (const byStatus of Object.values(stats.requests)) served429 += byStatus["429"] ?? 0;
    console.log(
      `${BIG} sales, 100 ms/request, quota 500/min, default limiter: ${fmt(exp.ms)}, ${exp.n} records ` +
        `(${exp.unique} distinct, ${expected} expected: ${exp.n === expected && exp.unique === expected ? "every record once" : "MISMATCH"}), ` +
        `429s: ${served429} served / ${exp.progress.rateLimited} seen, retries ${exp.progress.retries}, ` +
        `${exp.progress.probes + exp.progress.pages} requests, client peak RSS ${peak} MB  [${loadLine()}]`,
    );
  } finally {
    await sim.close();
  }
}
