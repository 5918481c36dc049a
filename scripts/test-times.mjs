// Where the test time goes: reads Vitest's JSON report (`npm test` writes .tmp/vitest.json) and prints
// the counts, the wall time from the first file's start to the last file's end, the sum of per-file
// durations (what the files cost, whatever the parallelism), and the slowest files and tests.
//
//   node scripts/test-times.mjs [report.json] [--top N] [--compare before.json]
//
// --compare prints the same totals for an earlier report and the per-file difference, so a change can
// be judged on one machine under the same load (note `uptime` beside both: a busy machine inflates all).
import { existsSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const top = Number(option("--top") ?? 15);
const compare = option("--compare");
const file = args[0] ?? ".tmp/vitest.json";

const short = (name) => name.replace(/^.*?\/packages\//, "packages/");
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function load(reportFile) {
  if (!existsSync(reportFile)) {
    console.error(`test-times: no report at ${reportFile}: run npm test first (it writes .tmp/vitest.json)`);
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  const files = report.testResults.map((f) => ({
    name: short(f.name),
    ms: Math.max(0, f.endTime - f.startTime),
    tests: f.assertionResults.length,
    start: f.startTime,
    end: f.endTime,
    cases: f.assertionResults.map((t) => ({ name: t.fullName, ms: t.duration ?? 0 })),
  }));
  const timed = files.filter((f) => f.end > 0);
  return {
    report,
    files,
    sum: files.reduce((total, f) => total + f.ms, 0),
    wall: timed.length ? Math.max(...timed.map((f) => f.end)) - report.startTime : 0,
  };
}

function totals(label, { report, files, sum, wall }) {
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(
    `${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped in ` +
      `${files.length} files; wall ${seconds(wall)} (start of the run to the end of the last file), ` +
      `sum of file durations ${seconds(sum)}`,
  );
}

const now = load(file);
totals(file, now);
console.log(`\nslowest files (duration, tests, share of the sum):`);
for (const f of [...now.files].sort((a, b) => b.ms - a.ms).slice(0, top)) {
  const share = ((100 * f.ms) / (now.sum || 1)).toFixed(0).padStart(3);
  console.log(`${seconds(f.ms).padStart(9)} ${String(f.tests).padStart(4)} ${share}%  ${f.name}`);
}
console.log(`\nslowest tests:`);
const cases = now.files.flatMap((f) => f.cases.map((c) => ({ ...c, file: f.name })));
for (const c of cases.sort((a, b) => b.ms - a.ms).slice(0, top)) {
  console.log(`${seconds(c.ms).padStart(9)}  ${c.file} > ${c.name.slice(0, 110)}`);
}

if (compare) {
  const before = load(compare);
  console.log("");
  totals(`before (${compare})`, before);
  totals(`after  (${file})`, now);
  const earlier = new Map(before.files.map((f) => [f.name, f]));
  const changes = now.files
    .map((f) => ({ name: f.name, delta: f.ms - (earlier.get(f.name)?.ms ?? 0), tests: f.tests }))
    .sort((a, b) => a.delta - b.delta);
  console.log(`\nbiggest changes per file (after − before; tests before → after):`);
  for (const c of [...changes.slice(0, top), ...changes.slice(-3)]) {
    const was = earlier.get(c.name)?.tests ?? 0;
    console.log(`${seconds(c.delta).padStart(9)}  ${was} → ${c.tests}  ${c.name}`);
  }
}
