// `npm test`: every check of the repository, as CI runs it. Each stage is a package.json script that
// can run alone (CONTRIBUTING.md, Test), run here from its package.json line without npm's start
// (npmRun); this file only orders them, and runs side by side the ones
// that do not depend on each other, so the waiting in one (npm, child processes, a simulator) fills
// the other's idle core:
//
//   1. build + typecheck, and beside it  one tsc run (TypeScript 7) type-checks everything and emits the
//      lint, citations, docs:check       declarations that the build bundles; tsup writes the JavaScript.
//                                        Those leave part of a core idle: the checks that need no build
//                                        fill it, one after the other, the quick ones first
//   2. vitest, and beside it           vitest waits on sockets, child processes and timers for much of
//   3. pack, toolchains, docs snippets   its run, so one lane of these starts beside it and the second
//      (two halves), runtimes,           opens when it ends; the longest first; all need the build only
//      release, workers, size            (--no-overlap: vitest alone first, then these two at a time)
//   4. where the test time went, every stage's wall and CPU time, and the test counts (the line CI
//      reads)
//
// On 2 cores npm test is bound by CPU: its wall time cannot go below the CPU seconds of all the stages
// over the 2 cores, so each stage's CPU time is printed beside its wall time (lib/child-cpu.mjs).
//
// A stage's output is printed whole when it ends (vitest's streams live), with its time; a failed
// stage does not stop the others of its group, but no later group starts. Exits 1 if any failed.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ownCpuMs, reapedChildrenCpuMs } from "./lib/child-cpu.mjs";
import { ROOT } from "./lib/workspaces.mjs";
import { ensureToolchains } from "./toolchains.mjs";

const SCRIPTS = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

/**
 * `npm run <script> -- <args>` without npm: the script's command line from package.json, with the
 * arguments after it, through the shell, in the root, with node_modules/.bin first on the PATH, as npm
 * runs it. npm's own start cost 0.25 CPU-s a stage, for nine stages.
 */
const npmRun = (script, ...args) => {
  const command = SCRIPTS[script];
  if (typeof command !== "string") throw new Error(`package.json has no script "${script}"`);
  // Appended unquoted, as npm would quote nothing in these: plain flags only.
  const plain = args.find((arg) => !/^[\w./:=-]+$/.test(arg));
  if (plain !== undefined) throw new Error(`npmRun: quote ${JSON.stringify(plain)} first`);
  return [[command, ...args].join(" "), [], { shell: true }];
};
const PATH_KEY = Object.keys(process.env).find((key) => key.toUpperCase() === "PATH") ?? "PATH";
// The stages run without NODE_EXTRA_CA_CERTS. Node 20 reads and parses the file it names when it
// starts, before any code runs: a machine that points it at its whole system bundle (this CI machine
// does, for the registry's proxy: 215 kB of PEM) pays 0.06 CPU-s a process, twice what starting Node
// costs, for the hundred or so Node processes the stages start (7 CPU-s of npm test). No stage reaches
// past loopback (simulators, Redis, offline installs) and none may depend on what this machine trusts;
// the one thing here that uses the network, installing scripts/toolchains, runs in this process first.
const { NODE_EXTRA_CA_CERTS: _machineCa, ...INHERITED_ENV } = process.env;
const STAGE_ENV = {
  ...INHERITED_ENV,
  [PATH_KEY]: [path.join(ROOT, "node_modules", ".bin"), process.env[PATH_KEY]].join(path.delimiter),
};
const VITEST_REPORT = ["--reporter=default", "--reporter=json", "--outputFile=.tmp/vitest.json"];

/** Groups run one after the other; the stages of a group run `parallel` at a time, in this order. */
const GROUPS = [
  {
    // `npm ci` installs scripts/toolchains (the root's postinstall); when that was skipped, or its
    // lockfile changed since, it is installed here, once, with this process's environment, before the
    // build's TypeScript 7, Vitest's type tests, toolchains and runtimes race for it.
    before: ensureToolchains,
    // One tsc run is both `npm run typecheck` and the source of every package's .d.ts (scripts/build.mjs),
    // while tsup writes the JavaScript beside it. Those use 1.5 of the 2 cores: the checks that need no
    // build fill the rest, in the second lane (TypeDoc reads the sources; the build's tsc has
    // type-checked them, so it does not check them again).
    parallel: 2,
    stages: [
      ["build+typecheck", ["node", ["scripts/build.mjs", "--typecheck"]]],
      ["lint", npmRun("lint")],
      ["citations", npmRun("test:citations")],
      ["docs:check", npmRun("docs:check", "--after-typecheck")],
    ],
  },
  {
    parallel: 2,
    // One lane of these stages runs beside Vitest and the second opens when it ends: Vitest waits on
    // sockets, child processes and timers for part of its run, and these fill the idle core. Vitest alone
    // first took longer (177 s against 166 s, 2026-12-03). On a machine too busy for both (a helper
    // saw real-time tests time out at load 15-24), --no-overlap runs it alone. CONTRIBUTING.md,
    // "Keeping the tests fast", has where the time goes now.
    beside: { parallel: 1, live: true, stages: [["vitest", npmRun("test:unit", ...VITEST_REPORT)]] },
    // Longest first (CPU seconds, 2026-12-04: pack 23, toolchains 19, each docs snippets half 10,
    // the rest 0.2-2.2), so the last one to start is a short one.
    stages: [
      ["pack", npmRun("test:pack")],
      ["toolchains", npmRun("test:toolchains")],
      ["docs snippets 1/2", ["node", ["scripts/docs-snippets.mjs", "--shard=1/2"]]],
      ["docs snippets 2/2", ["node", ["scripts/docs-snippets.mjs", "--shard=2/2"]]],
      ["runtimes", npmRun("test:runtimes")],
      ["release", npmRun("test:release")],
      ["workers", npmRun("test:workers")],
      ["size", ["node", ["scripts/size.mjs"]]],
    ],
  },
  { parallel: 1, stages: [["test times", ["node", ["scripts/test-times.mjs", "--top", "10"]]]] },
];

const times = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// A stage's CPU time is what the kernel adds to this process's reaped-children count when the stage's
// process is reaped (stages overlap, but each is reaped on its own): the work it cost, whatever the
// load. Work outside the stages (installing the toolchains) is booked under its own name.
let cpuSeen = reapedChildrenCpuMs();
function cpuSinceLast() {
  const now = reapedChildrenCpuMs();
  if (now === null || cpuSeen === null) return null;
  const spent = now - cpuSeen;
  cpuSeen = now;
  return spent;
}
const cpuLabel = (ms) => (ms === null ? "" : `, ${seconds(ms)} CPU`);

function runStage([name, [command, args, { shell = false } = {}]], live) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: STAGE_ENV,
      stdio: live ? "inherit" : ["ignore", "pipe", "pipe"],
      shell: shell || process.platform === "win32",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    let cpu = null;
    const done = (ok, why = "") => {
      const ms = performance.now() - started;
      times.push({ name, ms, cpu, ok });
      if (!live) process.stdout.write(output.endsWith("\n") || !output ? output : `${output}\n`);
      console.log(`${ok ? "ok  " : "FAIL"} stage ${name} [${seconds(ms)}${cpuLabel(cpu)}]${why}\n`);
      resolve(ok);
    };
    // "exit" comes right after the reap; "close" may come later, once other stages were reaped too.
    child.on("exit", () => {
      cpu = cpuSinceLast();
    });
    child.on("error", (error) => done(false, `: ${error.message}`));
    child.on("close", (code, signal) => done(code === 0, code === 0 ? "" : `: ${signal ?? `exit ${code}`}`));
  });
}

const overlap = !process.argv.includes("--no-overlap");

async function runGroup({ parallel, live = false, before, beside, stages }) {
  // Before the group beside too: whatever runs in the group or beside it finds it done.
  if (before) {
    const beforeStarted = performance.now();
    cpuSinceLast();
    before();
    const cpu = cpuSinceLast();
    // Only worth a line when it did something (npm ci of the toolchains when `npm ci` did not).
    if (cpu === null || cpu > 1000)
      times.push({ name: before.name, ms: performance.now() - beforeStarted, cpu, ok: true });
  }
  if (beside && !overlap && !(await runGroup(beside))) return false;
  // The group beside runs first-come with this one's first lane; the other lanes wait for it.
  const besideDone = beside && overlap ? runGroup(beside) : Promise.resolve(true);
  const queue = [...stages];
  let ok = true;
  const worker = async (lane) => {
    if (lane > 0) await besideDone;
    for (let stage = queue.shift(); stage; stage = queue.shift())
      if (!(await runStage(stage, live))) ok = false;
  };
  await Promise.all(Array.from({ length: Math.min(parallel, stages.length) }, (_, lane) => worker(lane)));
  return (await besideDone) && ok;
}

const started = performance.now();
let failed = false;
for (const group of GROUPS) {
  if (!(await runGroup(group))) {
    failed = true;
    break;
  }
}
console.log("stage times (wall, CPU user+system):");
for (const { name, ms, cpu, ok } of times)
  console.log(
    `  ${ok ? "ok  " : "FAIL"} ${name.padEnd(17)} ${seconds(ms).padStart(8)}${cpu === null ? "" : seconds(cpu).padStart(9)}`,
  );
const children = reapedChildrenCpuMs();
console.log(
  `npm test: ${failed ? "FAILED" : "passed"} in ${seconds(performance.now() - started)}` +
    (children === null ? "" : `, ${seconds(children + ownCpuMs())} CPU`),
);
// The plain count line CI reads comes last, as it did at the end of the old && chain.
if (!failed && spawnSync("node", ["scripts/test-summary.mjs"], { stdio: "inherit" }).status !== 0)
  failed = true;
if (failed) process.exit(1);
