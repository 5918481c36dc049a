import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Files that spend most of their time waiting on other processes or on real time (the CLI binary,
 * tmux, Redis, the MCP server over stdio, the chaos runs, the examples): each takes tens of seconds,
 * so one started last makes the run's tail. Vitest orders by the durations it cached on the last run,
 * but CI starts from a clean clone with no cache; these go first either way, the rest as Vitest orders.
 */
const SLOW = /\.e2e\.test\.ts$|\.chaos\.test\.ts$|\/redis\/test\/|\/mcp\/test\/stdio\.|\/examples\.test\.ts$/;

class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const slow = (f: TestSpecification) => (SLOW.test(f.moduleId) ? 0 : 1);
    // Array sort is stable: within each class, Vitest's own order stays.
    return (await super.sort(files)).sort((a, b) => slow(a) - slow(b));
  }
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
      { find: /^hotmart-mcp$/, replacement: src("./packages/mcp/src/index.ts") },
    ],
  },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: a single one on 2 cores, so every file's
    // start-up and every real-time wait ran in series. Most files wait (on sockets, child processes,
    // timers) more than they compute, so more files than cores keep both busy.
    maxWorkers: 3,
    sequence: { sequencer: SlowFilesFirst },
    // tsc over the type tests and what they import, not over the whole repository (`npm run
    // typecheck` does that once): the same expectations at half the compile.
    typecheck: {
      enabled: true,
      include: ["packages/*/test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.typetests.json",
    },
  },
});
