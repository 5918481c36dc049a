import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { ensureToolchains } from "./scripts/toolchains.mjs";

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Files that spend most of their time waiting on other processes or on real time (the CLI binary,
 * tmux, Redis, the MCP server over stdio, the chaos runs, the examples): each takes tens of seconds,
 * so one started last makes the run's tail. Vitest orders by the durations it cached on the last run,
 * but CI starts from a clean clone with no cache; these go first either way, the rest as Vitest orders.
 */
const SLOW = /\.e2e\.test\.ts$|\.chaos\.test\.ts$|\/redis\/test\/|\/mcp\/test\/stdio\.|\/examples\.test\.ts$/;

/**
 * The isolated project's files go last. Vitest's pool holds at most maxWorkers processes, and a file of
 * the other project that comes up in the middle of the shared files makes it stop the shared workers and,
 * after it, start new ones, which load the SDK, the simulator and zod again: 6 shared worker processes
 * in a run instead of 3 (counted by pid in the shared setup file).
 */
class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const slow = (f: TestSpecification) =>
      f.project.name === "isolated" ? 2 : SLOW.test(f.moduleId) ? 0 : 1;
    // Array sort is stable: within each class, Vitest's own order stays.
    return (await super.sort(files)).sort((a, b) => slow(a) - slow(b));
  }
}

const ROOT = src(".");
const TESTS = "packages/*/test/**/*.test.ts";

/**
 * What a test file does that reaches past itself: mocks a module (the SDK caches what it loaded) or
 * changes the working directory or a global. Such a file gets a process and modules of its own.
 * Environment variables and fake timers are not here: a file that changes them and puts them back
 * shares its worker (the SDK's files did, 4.5 CPU-s of process starts and module loads for nothing),
 * and SHARED_WORKER fails a file that does not put them back, before the next file sees it.
 */
const REACHES_OUT =
  /\bvi\.(mock|doMock|unmock|stubGlobal|resetModules)\b|process\.chdir|globalThis\.\w+\s*=[^=]/;
const SHARED_WORKER = src("./packages/hotmart/test/helpers/shared-worker.ts");

/**
 * The test files (repository-relative) that must run with isolated modules. The others, SLOW ones
 * included, share their workers' modules: isolating a file costs a fresh process and a fresh load of
 * the SDK, the simulator and zod, about 0.6 s of CPU each on a 2-core machine, and CPU time is what
 * limits npm test there (its wall time is the CPU time of all its stages over the 2 cores).
 */
function isolatedFiles(): string[] {
  const isolated: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".test.ts") && REACHES_OUT.test(readFileSync(path, "utf8")))
        isolated.push(relative(ROOT, path));
    }
  };
  for (const pkg of readdirSync(join(ROOT, "packages"))) {
    const dir = join(ROOT, "packages", pkg, "test");
    try {
      walk(dir);
    } catch {}
  }
  return isolated.sort();
}
const ISOLATED = isolatedFiles();

/** The bounds of a SLOW file's cases and hooks (a hang's, never a speed check), set by SHARED_WORKER. */
const SLOW_TIMEOUT_MS = 60_000;

const CHECKER = Symbol.for("hotmart.typeTestChecker");

/**
 * The compiler of the type tests: TypeScript 7 (scripts/toolchains, which `npm ci` installs and this
 * installs when that was skipped), on one thread (scripts/tsc7.mjs): the repository's type checker, as in
 * the build's type check and `npm run typecheck`, at about a quarter of the CPU time 5.9 took here. Where
 * 7 cannot be installed, 5.9 runs here.
 */
function typeTestChecker(): string {
  // Vite evaluates this file once for the root and once per project: install (or fail to) only once.
  const memo = globalThis as { [CHECKER]?: string };
  memo[CHECKER] ??= (() => {
    // Vitest starts the checker by its path: a .mjs file runs that way through its shebang, not on Windows.
    if (process.platform === "win32") return "tsc";
    try {
      ensureToolchains();
      return src("./scripts/tsc7.mjs");
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      console.warn(`type tests: TypeScript 5.9, as TypeScript 7 could not be installed (${why})`);
      return "tsc";
    }
  })();
  return memo[CHECKER];
}

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources; the packaging check covers the built files.
    alias: [
      { find: /^hotmart\/schemas$/, replacement: src("./packages/hotmart/src/schemas/index.ts") },
      { find: /^hotmart\/webhooks$/, replacement: src("./packages/hotmart/src/webhooks/index.ts") },
      { find: /^hotmart$/, replacement: src("./packages/hotmart/src/index.ts") },
      { find: /^hotmart-simulator$/, replacement: src("./packages/simulator/src/index.ts") },
      { find: /^hotmart-redis$/, replacement: src("./packages/redis/src/index.ts") },
      { find: /^hotmart-cli$/, replacement: src("./packages/cli/src/index.ts") },
      { find: /^hotmart-cli\/dates$/, replacement: src("./packages/cli/src/dates.ts") },
      { find: /^hotmart-mcp$/, replacement: src("./packages/mcp/src/index.ts") },
    ],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: a single one on 2 cores, so every file's
    // start-up and every real-time wait ran in series. Most files wait (on sockets, child processes,
    // timers) more than they compute, so more files than cores keep both busy.
    maxWorkers: 3,
    sequence: { sequencer: SlowFilesFirst },
    projects: [
      {
        extends: true,
        test: {
          name: "isolated",
          include: ISOLATED,
          // These wait on child processes and real time: on a starved machine a case that passes can
          // take several times its usual wall time. A bound for a hang, never a speed check.
          testTimeout: SLOW_TIMEOUT_MS,
          hookTimeout: SLOW_TIMEOUT_MS,
          // The type tests and what they import, not the whole repository (`npm run typecheck` does
          // that once), compiled by TypeScript 7 (typeTestChecker above).
          typecheck: {
            enabled: true,
            checker: typeTestChecker(),
            include: ["packages/*/test/**/*.test-d.ts"],
            tsconfig: "./tsconfig.typetests.json",
          },
        },
      },
      {
        extends: true,
        test: {
          name: "shared",
          include: [TESTS],
          exclude: ISOLATED,
          // A worker keeps its modules from one file to the next: the SDK, the simulator and zod load
          // once a worker, not once a file (isolating them cost two thirds of these files' CPU time).
          // Safe for files that leave no trace in the process (SHARED_WORKER checks the environment and
          // the timers); the others are ISOLATED.
          isolate: false,
          // The SLOW files were a project of their own for their longer timeouts, and a project has its
          // own workers and its own transforms of the sources: a third of Vitest's CPU time went to
          // loading the same modules again (94.7 against 103.8 CPU-s for the whole run). SHARED_WORKER
          // now sets their timeouts file by file.
          setupFiles: [SHARED_WORKER],
          provide: { slowFiles: SLOW.source, slowTimeoutMs: SLOW_TIMEOUT_MS },
        },
      },
    ],
  },
});
