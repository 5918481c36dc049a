import { defineConfig } from "tsup";

export default defineConfig({
  // Two entry points: the SDK, and the zod schemas (the only code that imports zod, an optional peer).
  entry: { index: "src/index.ts", schemas: "src/schemas/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  splitting: false,
  treeshake: true,
  // hotmart/schemas is loaded lazily by self-reference when validation is on; it must stay a separate module.
  external: ["zod", "hotmart/schemas"],
});
