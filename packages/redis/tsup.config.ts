import { defineConfig } from "tsup";

// JavaScript only: the .d.ts come from scripts/build.mjs (one tsc run for every package).
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  // Both are the user's: hotmart and their Redis client are never bundled.
  external: ["hotmart", "ioredis"],
});
