import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  // Both are the user's: hotmart and their Redis client are never bundled.
  external: ["hotmart", "ioredis"],
});
