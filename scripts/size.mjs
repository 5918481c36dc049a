// `npm run size`: what the SDK costs in a bundled app. Each case is bundled from the BUILT package with
// esbuild the way an app bundler would (ESM, minified, tree-shaken, browser conditions), then gzipped
// (level 9). zod is left out (external): it is the app's own dependency, and this measures our code.
// Fails (exit 1) when a case is over its budget; --report prints the figures and never fails.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "./lib/workspaces.mjs";

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const CASES = [
  { name: "client: import { Hotmart }", code: 'export { Hotmart } from "hotmart";', budget: 12_000 },
  {
    name: "webhook handler alone: import { createWebhookHandler }",
    code: 'export { createWebhookHandler } from "hotmart";',
    budget: 8_000,
  },
  {
    name: "one schema: SalesHistoryItemSchema",
    code: 'export { SalesHistoryItemSchema } from "hotmart/schemas";',
  },
  { name: "all schemas: import * from hotmart/schemas", code: 'export * from "hotmart/schemas";' },
  { name: "everything: import * from hotmart", code: 'export * from "hotmart";' },
];

async function measure(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: ROOT, sourcefile: "entry.mjs" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["zod", "zod/*"],
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const reportOnly = process.argv.includes("--report");
let over = 0;
const sizes = {};
for (const c of CASES) {
  const { min, gzip } = await measure(c.code);
  sizes[c.name] = gzip;
  const fits = c.budget === undefined || gzip <= c.budget;
  if (!fits) over++;
  const verdict = c.budget === undefined ? "    " : fits ? "ok  " : "OVER";
  const budget = c.budget === undefined ? "" : ` (budget ${kB(c.budget)})`;
  console.log(`${verdict} ${c.name}: ${kB(gzip)} gzipped, ${kB(min)} minified${budget}`);
}
const one = sizes["one schema: SalesHistoryItemSchema"];
const all = sizes["all schemas: import * from hotmart/schemas"];
// "One schema well under the registry": at most half of what all of them cost.
const shakes = one <= all / 2;
if (!shakes) over++;
console.log(
  `${shakes ? "ok  " : "OVER"} one schema is ${Math.round((one / all) * 100)}% of all schemas (budget 50%)`,
);
console.log(`size: ${over} over budget${reportOnly && over ? " (report only)" : ""}`);
if (over && !reportOnly) process.exit(1);
