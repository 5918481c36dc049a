import { defineConfig } from "tsup";

// JavaScript only: the .d.ts come from scripts/build.mjs (one tsc run for every package).
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    clean: false, // the build script empties dist first: two parallel builds share it
    sourcemap: true,
    target: "node20",
    platform: "node",
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
