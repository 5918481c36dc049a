import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

/**
 * The CLI from the current sources as one runnable file (what `npm run build` makes, without touching dist),
 * so the stdio test spawns the real binary entry point.
 */
export async function bundleCli(): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), "hotmart-mcp-")), "cli.mjs");
  await build({
    entryPoints: [root("packages/mcp/src/cli.ts")],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    alias: {
      "hotmart/schemas": root("packages/hotmart/src/schemas/index.ts"),
      "hotmart/webhooks": root("packages/hotmart/src/webhooks/index.ts"),
      hotmart: root("packages/hotmart/src/index.ts"),
      "hotmart-simulator": root("packages/simulator/src/index.ts"),
      "hotmart-cli": root("packages/cli/src/index.ts"),
      "hotmart-cli/dates": root("packages/cli/src/dates.ts"),
    },
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return out;
}
