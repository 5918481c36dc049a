// Memory stays flat: 1,000,000 records exported to a JSON Lines file, client peak RSS sampled throughout
// (issue 11's target: under 150 MB). Each run is a fresh Node process (a peak RSS is a process's whole
// life), against its own server, bench/synthetic-child.mjs, in another process. The client's rate
// limiter is off here (2,000+ pages under a 500/min quota would only add waiting, not memory). The loop
// writes each record and waits for `drain` when `write()` returns false, as an export to a file should:
// the stream's own buffer stays at its high-water mark, so the figure is the SDK's and the runtime's.
// Beside each export runs a baseline in its own fresh process: the same records fetched by plain fetch +
// JSON.parse, 16 at a time, and written the same way, to read the figure against what the runtime itself
// needs for that traffic (BENCH_NO_BASELINE=1 skips it; BENCH_PLAIN_WORKERS=1 makes it one sequential
// loop, the least a script can hold). Peaks are the kernel's high-water mark (VmHWM) where Linux gives it.
// BENCH_CLI=1 adds the same export by the built `hotmart` binary (`hotmart export sales --format jsonl
// --out FILE`, its default limiter on), one process per run: its peak RSS is the kernel's VmHWM of that
// process, read from /proc (Linux only).
// BENCH_TIGHT_HEAP=1 adds the same in-process export run by `node --heap-growing-percent=50`, the setting
// the binary makes for itself (packages/cli/src/heap.ts) and an app can choose: printed as a figure, never
// as the target, which is the SDK's under Node's defaults.
// BENCH_RESOURCE=subscriptions exports the subscriptions list instead of the sales history: records shaped
// as Hotmart documents them, each with its 8-character subscriber_code.
// Root: `npm run bench:export-memory`. BENCH_RUNS (3), BENCH_RECORDS (1000000), BENCH_OUT (a file in the
// OS temp dir; kept), BENCH_CONCURRENCY (the export's default).
import { execFileSync, spawn } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Hotmart } from "hotmart";
import { clientOptions, loadLine, plainSalesWalk, rssSampler, startChild } from "./sim.mjs";

const N = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const TARGET_MB = 150;
/**
 * BENCH_SUBSCRIBER_CODES=1: every record also carries a unique 8-character code, as a subscription's
 * subscriber_code. V8's JSON.parse interns string values that short in the old generation, so such
 * records cost more until each full collection (README, "1,000,000 records to a file").
 */
const SUBSCRIPTIONS = process.env.BENCH_RESOURCE === "subscriptions";
const SERVER = {
  sales: N,
  subscriberCodes: process.env.BENCH_SUBSCRIBER_CODES === "1",
  resource: SUBSCRIPTIONS ? "subscriptions" : "sales",
};
/**
 * The list exported: the SDK's name for it, the CLI's, where the plain baseline walks it, and the number
 * each record carries (0..N-1: the checksum of "every record once").
 */
const LIST = SUBSCRIPTIONS
  ? {
      sdk: "subscriptions.list",
      cli: "subscriptions",
      walk: {
        path: "/payments/api/v1/subscriptions",
        fromParam: "accession_date",
        toParam: "end_accession_date",
      },
      number: (record) => record.subscription_id,
    }
  : {
      sdk: "sales.history",
      cli: "sales",
      walk: undefined,
      number: (record) => Number(record.purchase.transaction.slice(2)),
    };
const PLAIN_WORKERS = Math.max(1, Number(process.env.BENCH_PLAIN_WORKERS ?? 16));
const plainHow = PLAIN_WORKERS === 1 ? "one loop" : `${PLAIN_WORKERS} at a time`;

if (process.env.BENCH_MEMORY_CHILD === "plain") await plain();
else if (process.env.BENCH_MEMORY_CHILD === "cli") await cli();
else if (process.env.BENCH_MEMORY_CHILD) await once();
else parent();

/** The CLI's runs, each in a fresh process, and their figure line. */
function cliRuns(count) {
  const peaks = [];
  for (let i = 0; i < count; i++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_MEMORY_CHILD: "cli" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.stdout.write(out);
    const result = JSON.parse(out.split("\n").find((line) => line.startsWith("{")) ?? "null");
    if (!result?.once) throw new Error("a CLI run did not write every record once");
    peaks.push(result.peakMB);
  }
  console.log(
    `FIGURE ${N} ${LIST.sdk} records to a file by the hotmart binary (jsonl): peak RSS ${Math.min(...peaks)}-${Math.max(...peaks)} MB ` +
      `(${peaks.length} runs: ${peaks.join(", ")}); under ${TARGET_MB} MB in every run: ${peaks.every((p) => p < TARGET_MB) ? "yes" : "no"}`,
  );
}

/**
 * One export by the built binary, against the synthetic server in another process. Every record once:
 * the file's lines are read back as a stream and summed like recordSink does.
 */
async function cli() {
  const OUT = join(tmpdir(), `hotmart-cli-export-${process.pid}.jsonl`);
  const sim = await startChild(SERVER, "./synthetic-child.mjs");
  const bin = fileURLToPath(new URL("../packages/cli/dist/cli.js", import.meta.url));
  const iso = (ms) => new Date(ms).toISOString();
  const started = performance.now();
  try {
    const child = spawn(
      process.execPath,
      [
        bin,
        "export",
        LIST.cli,
        "--from",
        iso(sim.range.from),
        "--to",
        iso(sim.range.to),
        "--format",
        "jsonl",
        "--out",
        OUT,
      ],
      {
        env: {
          ...process.env,
          HOTMART_CLIENT_ID: sim.credentials.clientId,
          HOTMART_CLIENT_SECRET: sim.credentials.clientSecret,
          HOTMART_BASE_URL: sim.url,
          HOTMART_AUTH_URL: sim.authURL,
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    let peak = 0;
    const timer = setInterval(() => {
      try {
        const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        if (kb) peak = Math.max(peak, Number(kb) * 1024);
      } catch {}
    }, 50);
    const code = await new Promise((resolve) => child.on("exit", resolve));
    clearInterval(timer);
    if (code !== 0) throw new Error(`hotmart export exited ${code}`);
    let count = 0;
    let sum = 0;
    for await (const line of createInterface({ input: createReadStream(OUT) })) {
      if (!line) continue;
      count++;
      sum += LIST.number(JSON.parse(line));
    }
    const once = count === N && sum === (N * (N - 1)) / 2;
    const peakMB = Math.round(peak / 1048576);
    console.log(
      `hotmart binary: ${count} records to ${OUT} in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
        `every record once: ${once}; peak RSS ${peakMB} MB  [${loadLine()}]`,
    );
    console.log(JSON.stringify({ peakMB, once }));
  } finally {
    await sim.close();
    rmSync(OUT, { force: true });
  }
}

/** Runs the export RUNS times, each in a fresh process, and prints the target line over all of them. */
function parent() {
  const runs = [];
  const baseline = [];
  const child = (kind, nodeFlags = []) => {
    const out = execFileSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_MEMORY_CHILD: kind },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.stdout.write(out);
    const result = JSON.parse(out.split("\n").find((line) => line.startsWith("{")) ?? "null");
    if (!result) throw new Error("a run printed no result");
    return result;
  };
  // Export and baseline take turns, each in a fresh process.
  for (let i = 0; i < RUNS; i++) {
    runs.push(child("1"));
    if (process.env.BENCH_NO_BASELINE !== "1") baseline.push(child("plain"));
  }
  if (process.env.BENCH_CLI === "1") cliRuns(RUNS);
  if (process.env.BENCH_TIGHT_HEAP === "1") {
    const tight = [];
    for (let i = 0; i < RUNS; i++) tight.push(child("1", ["--heap-growing-percent=50"]).peakMB);
    console.log(
      `FIGURE ${N} ${LIST.sdk} records to a file in-process, node --heap-growing-percent=50: peak RSS ` +
        `${Math.min(...tight)}-${Math.max(...tight)} MB (${tight.length} runs: ${tight.join(", ")})`,
    );
  }
  const peaks = runs.map((r) => r.peakMB).sort((a, b) => a - b);
  const mid = peaks.length >> 1;
  const median = peaks.length % 2 ? peaks[mid] : (peaks[mid - 1] + peaks[mid]) / 2;
  const everyOnce = runs.every((r) => r.once);
  // Met only when every run is under the target: a median under it with one run over is a miss.
  const met = everyOnce && peaks.every((p) => p < TARGET_MB);
  if (baseline.length > 0) {
    const b = baseline.map((r) => r.peakMB);
    console.log(
      `FIGURE ${N} ${LIST.sdk} records to a file by plain fetch + JSON.parse, ${plainHow}, no SDK: peak RSS ` +
        `${Math.min(...b)}-${Math.max(...b)} MB (${b.length} runs: ${b.join(", ")}), every record once: ` +
        `${baseline.every((r) => r.once)}`,
    );
  }
  console.log(
    `TARGET ${N} ${LIST.sdk} records to a file: client peak RSS ${median} MB median (${peaks[0]}-${peaks.at(-1)}, ` +
      `${peaks.length} runs: ${runs.map((r) => r.peakMB).join(", ")}), every record once: ${everyOnce}; ` +
      `target every run < ${TARGET_MB} MB: ${met ? "MET" : "MISSED"}  [${loadLine()}]`,
  );
}

/** One export in this process: prints a human line and a JSON line for the parent. */
async function once() {
  const OUT = process.env.BENCH_OUT ?? join(tmpdir(), `hotmart-export-${process.pid}.jsonl`);
  const sim = await startChild(SERVER, "./synthetic-child.mjs");
  const client = new Hotmart(clientOptions(sim, { rateLimit: false }));
  const rss = rssSampler(50);
  const started = performance.now();
  const out = createWriteStream(OUT);
  const sink = recordSink(out);
  let heldMost = 0;
  try {
    const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
    const run = client.export.run(LIST.sdk, {
      from: sim.range.from,
      to: sim.range.to,
      concurrency,
      onProgress: (event) => {
        if (event.progress.heldBytes > heldMost) heldMost = event.progress.heldBytes;
      },
    });
    for await (const { record } of run) {
      const full = sink.write(record);
      if (full) await full;
    }
    await sink.end();
    const peakMB = rss.stop();
    const ms = performance.now() - started;
    const { count, once } = sink;
    const p = run.progress();
    console.log(
      `${count} records to ${OUT} (${Math.round(statSync(OUT).size / 1048576)} MB) in ${(ms / 1000).toFixed(1)} s ` +
        `(${p.shardsPlanned} shards, ${p.pages} pages + ${p.probes} dropped), every record once: ${once}; ` +
        `records held at most ${(heldMost / 1048576).toFixed(1)} MB (JSON); client peak RSS ${peakMB} MB  [${loadLine()}]`,
    );
    console.log(JSON.stringify({ peakMB, once, seconds: Math.round(ms / 100) / 10 }));
  } finally {
    await client.close();
    await sim.close();
    if (!process.env.BENCH_OUT) rmSync(OUT, { force: true });
  }
}

/**
 * The baseline: the same records written the way a script without the SDK would fetch them in parallel:
 * BENCH_PLAIN_WORKERS (16) loops over four times as many equal slices of the range, each walking its slice's pages with fetch + JSON.parse and
 * writing every record to the same file, waiting for `drain` like the export's loop.
 */
async function plain() {
  const OUT = join(tmpdir(), `hotmart-plain-${process.pid}.jsonl`);
  const sim = await startChild(SERVER, "./synthetic-child.mjs");
  const rss = rssSampler(50);
  const started = performance.now();
  const out = createWriteStream(OUT);
  // The 16 loops may all wait for the same `drain`.
  out.setMaxListeners(32);
  const sink = recordSink(out);
  try {
    await plainSalesWalk({
      baseURL: sim.url,
      token: "bench",
      ...sim.range,
      workers: PLAIN_WORKERS,
      ...(LIST.walk ? { list: LIST.walk } : {}),
      onItems: (items) => sink.writeAll(items),
    });
    await sink.end();
    const peakMB = rss.stop();
    const ms = performance.now() - started;
    const { count, once } = sink;
    console.log(
      `baseline: ${count} records by plain fetch + JSON.parse, ${plainHow}, in ${(ms / 1000).toFixed(1)} s, ` +
        `every record once: ${once}; peak RSS ${peakMB} MB  [${loadLine()}]`,
    );
    console.log(JSON.stringify({ peakMB, once, seconds: Math.round(ms / 100) / 10 }));
  } finally {
    await sim.close();
    rmSync(OUT, { force: true });
  }
}

/**
 * Writes records to `out` as JSON Lines, waiting for `drain` when the stream asks to, and checks that
 * every record came once: the synthetic records are numbered 0..N-1, so N records whose numbers sum to
 * N(N-1)/2 (a checksum, not a set: nothing grows with N on the measured heap).
 */
function recordSink(out) {
  let count = 0;
  let sum = 0;
  return {
    /** A promise to await only when the stream is full: no await (and no promise) per record otherwise. */
    write(record) {
      count++;
      sum += LIST.number(record);
      if (!out.write(`${JSON.stringify(record)}\n`))
        return new Promise((resolve) => out.once("drain", resolve));
      return undefined;
    },
    async writeAll(records) {
      for (const record of records) {
        const full = this.write(record);
        if (full) await full;
      }
    },
    end: () => new Promise((resolve) => out.end(resolve)),
    get count() {
      return count;
    },
    get once() {
      return count === N && sum === (N * (N - 1)) / 2;
    },
  };
}
