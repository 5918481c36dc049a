import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

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
    typecheck: { enabled: true, include: ["packages/*/test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
