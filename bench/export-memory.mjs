// Memory stays flat: 1,000,000 records exported to a JSON Lines file, client RSS sampled throughout
// (target: under 150 MB). The server is bench/synthetic-child.mjs in another process. The client's rate
// limiter is off here (2,000+ pages under a 500/min quota would only add waiting, not memory).
// Most of the RSS above the ~35 MB of live heap is V8's young generation sized for throughput: run with
// `node --max-semi-space-size=2 bench/export-memory.mjs` to see the export's own footprint.
// Root: `npm run bench:export-memory`. BENCH_RECORDS (1000000), BENCH_OUT (a file in the OS temp dir),
// BENCH_CONCURRENCY (the export's default).
import { createWriteStream, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hotmart } from "hotmart";
import { clientOptions, loadLine, rssSampler, startChild } from "./sim.mjs";

const N = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const OUT = process.env.BENCH_OUT ?? join(tmpdir(), `hotmart-export-${process.pid}.jsonl`);

const sim = await startChild({ sales: N }, "./synthetic-child.mjs");
const client = new Hotmart(clientOptions(sim, { rateLimit: false }));
const rss = rssSampler(50);
const started = performance.now();
const out = createWriteStream(OUT);
let count = 0;
let sum = 0;
try {
  const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
  const run = client.export.run("sales.history", { from: sim.range.from, to: sim.range.to, concurrency });
  for await (const { record } of run) {
    count++;
    sum += Number(record.purchase.transaction.slice(2));
    if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise((resolve) => out.once("drain", resolve));
  }
  await new Promise((resolve) => out.end(resolve));
  const peak = rss.stop();
  const ms = performance.now() - started;
  const once = count === N && sum === (N * (N - 1)) / 2;
  const p = run.progress();
  console.log(
    `${count} records to ${OUT} (${Math.round(statSync(OUT).size / 1048576)} MB) in ${(ms / 1000).toFixed(1)} s ` +
      `(${p.shardsPlanned} shards, ${p.pages} pages + ${p.probes} dropped), every record once: ${once}; ` +
      `client peak RSS ${peak} MB  [${loadLine()}]`,
  );
  console.log(
    `TARGET ${N} records to a file: client peak RSS ${peak} MB, every record once: ${once}; ` +
      `target RSS < 150 MB: ${peak < 150 && once ? "MET" : "MISSED"}  [${loadLine()}]`,
  );
} finally {
  await client.close();
  await sim.close();
  if (!process.env.BENCH_OUT) rmSync(OUT, { force: true });
}
