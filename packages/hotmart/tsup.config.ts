import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Options } from "tsup";

const shared: Options = {
  target: "es2022",
  platform: "neutral",
  sourcemap: true,
  // hotmart/schemas is loaded lazily by self-reference when validation is on; it must stay a separate module.
  external: ["zod", "hotmart/schemas"],
};

export default defineConfig([
  // ESM: one file per source module, as the source is laid out (dist/index.js, dist/core/errors.js, ...),
  // so an app's bundler drops every module the app does not reach ("sideEffects": false): importing only
  // the webhook handler or one schema does not bring in the client, and what the client loads on first
  // use (the export engine, the access decision) is left to a chunk of its own (scripts/size.mjs).
  {
    ...shared,
    entry: ["src/**/*.ts"],
    format: "esm",
    bundle: false,
    dts: false,
    clean: false,
    onSuccess: async () => addExtensions("dist"),
  },
  // ESM for Node (the "node" condition of package.json's exports): the same modules bundled, one file per
  // entry, shared chunks, and a chunk per module loaded on first use. Node's loader reads and links each
  // file on its own: importing the per-module build above costs about 60 ms of CPU, this one about 20
  // (a Lambda's cold start, each `hotmart` command). Bundlers for the browser and workers keep the
  // per-module files.
  {
    ...shared,
    entry: { index: "src/index.ts", schemas: "src/schemas/index.ts" },
    outDir: "dist/node",
    format: "esm",
    platform: "node",
    splitting: true,
    dts: false,
    clean: false,
  },
  // CJS: one bundled file per entry point; the lazily imported modules are inlined (esbuild wraps them
  // to run on first import). No rollup tree-shaking pass here: it empties those wrappers.
  {
    ...shared,
    entry: { index: "src/index.ts", schemas: "src/schemas/index.ts" },
    format: "cjs",
    dts: false,
  },
  // Types (dist/index.d.ts and .d.cts, dist/schemas.d.ts and .d.cts) come from scripts/build.mjs: one
  // tsc run for every package, then bundled per entry.
]);

/**
 * Node's ESM loader needs full specifiers: `./core/errors` becomes `./core/errors.js`, `./export` becomes
 * `./export/index.js` (the source is written for a bundler, as tsconfig's moduleResolution says). And
 * `hotmart/schemas` keeps its file name, dist/schemas.js, beside the CJS dist/schemas.cjs.
 */
function addExtensions(dir: string): void {
  const files: string[] = [];
  // dist/node is the bundled build, written by another config at the same time: its specifiers are
  // complete, and it is not read here.
  const bundled = path.join(dir, "node");
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (full !== bundled) walk(full);
      } else if (entry.name.endsWith(".js")) files.push(full);
    }
  };
  walk(dir);
  const specifier = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"']*)\2/g;
  for (const file of files) {
    const code = readFileSync(file, "utf8");
    const fixed = code.replace(specifier, (match, lead: string, quote: string, spec: string) => {
      if (spec.endsWith(".js")) return match;
      const target = path.resolve(path.dirname(file), spec);
      if (existsSync(`${target}.js`)) return `${lead}${quote}${spec}.js${quote}`;
      if (existsSync(path.join(target, "index.js"))) return `${lead}${quote}${spec}/index.js${quote}`;
      throw new Error(`${file}: cannot resolve ${spec}`);
    });
    if (fixed !== code) writeFileSync(file, fixed);
  }
  writeFileSync(path.join(dir, "schemas.js"), 'export * from "./schemas/index.js";\n');
}
