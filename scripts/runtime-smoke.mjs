// The SDK claims Node 20, 22 and 24, Bun and Deno. This runs the same probe (scripts/runtime-probe.mjs,
// using the BUILT package) under each, against one simulator, and fails unless all print the same result.
// Node 22 and 24 come from scripts/toolchains (npm packages node@22, node@24; installed on first use).
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startSimulator } from "../packages/simulator/dist/index.js";
import { ensureToolchains } from "./toolchains.mjs";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const probe = join(root, "scripts/runtime-probe.mjs");
const bin = (name) => join(root, "node_modules/.bin", name);

const toolchains = ensureToolchains();
const runtimes = [
  ["node", process.execPath, [probe]],
  ["node 22", toolchains.node[22], [probe]],
  ["node 24", toolchains.node[24], [probe]],
  ["bun", bin("bun"), ["run", probe]],
  ["deno", bin("deno"), ["run", "--allow-net", "--allow-env", "--allow-read", "--no-prompt", probe]],
];

const sim = await startSimulator({ port: 0, seed: 11, scale: { sales: 300 } });
let failed = false;
const results = new Map();
try {
  for (const [name, file, args] of runtimes) {
    // Each runtime gets a fresh dataset, so a write in one cannot change what the next sees.
    sim.resetData();
    try {
      const { stdout } = await run(file, args, {
        cwd: root,
        env: { ...process.env, ...sim.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
        timeout: 60_000,
      });
      const line = stdout.trim().split("\n").at(-1) ?? "";
      results.set(name, line);
      const version = (await run(file, ["--version"])).stdout.trim().split("\n")[0];
      console.log(`ok   ${name} (${version}): ${line.slice(0, 120)}…`);
    } catch (error) {
      failed = true;
      console.log(
        `FAIL ${name}: ${String(error.stderr || error.message)
          .trim()
          .split("\n")
          .slice(0, 8)
          .join("\n     ")}`,
      );
    }
  }
  const expected = results.get("node");
  const parsed = expected ? JSON.parse(expected) : undefined;
  if (
    !parsed ||
    parsed.walked !== parsed.total ||
    parsed.exported !== parsed.total ||
    typeof parsed.access !== "string" ||
    parsed.notFound !== 404 ||
    parsed.refused.join() !== "HotmartInputError,HotmartInputError" ||
    parsed.webhook.join() !== "200,401,200,400"
  ) {
    failed = true;
    console.log(`FAIL node baseline is not what the probe expects: ${expected}`);
  }
  for (const [name, line] of results) {
    if (line !== expected) {
      failed = true;
      console.log(`FAIL ${name} differs from node:\n     ${line}\n     ${expected}`);
    }
  }
} finally {
  await sim.close();
}
if (failed) process.exit(1);
console.log(`runtimes: ${results.size} passed, 0 failed`);
