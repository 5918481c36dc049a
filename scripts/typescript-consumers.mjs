// `npm run test:toolchains`: the SDK's published declarations compile for every TypeScript a consumer
// may use (5.5, the oldest that zod 4, hence hotmart/schemas, supports; the root's 5.9; 7, the native compiler), and
// with the oldest zod the peer range takes (see the end), each with
// `strict`, in two projects. TypeScript 7 compiles them with `skipLibCheck: false`, checking every
// declaration file they load, and so does 5.5 in the node project (checksEveryDeclaration below); the
// other 5.x compiles take our declarations as root files with `skipLibCheck: true`, so that they check
// every line of ours but not zod's and @types/node's again (lib/declarations-as-sources.mjs):
// - node: module nodenext, @types/node, an ESM (.mts) and a CJS (.cts) file, and `await using`;
// - web: moduleResolution bundler, lib es2022 + dom, NO @types/node and no esnext.disposable lib (a
//   browser, Worker or Deno project), so nothing but our own .d.ts declares Symbol.asyncDispose.
// Uses the built package (run `npm run build` first), linked the way a workspace consumer sees it.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { declarationsAsSources, namePublished } from "./lib/declarations-as-sources.mjs";
import { ROOT } from "./lib/workspaces.mjs";
import { ensureToolchains, TYPESCRIPT7_FLAGS } from "./toolchains.mjs";

// TypeScript 5.9 compiles the same two projects in `npm run test:pack` (scripts/check-package.mjs), so
// npm test runs the two ends of the range the README claims here, 5.5 and 7; --all adds 5.9.
const all = process.argv.includes("--all");
const DEFAULT = ["typescript 5.5", "typescript 7"];
const toolchains = ensureToolchains();
const typescript = toolchains.typescript.filter(
  ([name]) => all || DEFAULT.some((prefix) => name.startsWith(prefix)),
);
const work = mkdtempSync(path.join(tmpdir(), "hotmart-ts-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

mkdirSync(path.join(work, "node_modules"));
symlinkSync(path.join(ROOT, "packages", "hotmart"), path.join(work, "node_modules", "hotmart"), "junction");
symlinkSync(path.join(ROOT, "node_modules", "zod"), path.join(work, "node_modules", "zod"), "junction");
writeFileSync(path.join(work, "package.json"), '{ "name": "consumer", "private": true }\n');
for (const file of ["consumer.mts", "consumer.cts", "consumer-dispose.mts"]) {
  copyFileSync(path.join(ROOT, "scripts", "pack-fixtures", file), path.join(work, file));
}
const common = {
  target: "es2022",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  // TypeScript's own lib files (lib.dom.d.ts...) are the compiler's, not ours to check: 0.2-0.8 s a compile.
  skipDefaultLibCheck: true,
  noEmit: true,
};
const projects = {
  "node (nodenext, @types/node)": {
    compilerOptions: {
      ...common,
      module: "nodenext",
      moduleResolution: "nodenext",
      lib: ["es2022"],
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
      types: ["node"],
    },
    files: ["consumer.mts", "consumer.cts", "consumer-dispose.mts"],
  },
  "web (bundler, dom, no @types/node)": {
    compilerOptions: {
      ...common,
      module: "esnext",
      moduleResolution: "bundler",
      lib: ["es2022", "dom"],
      types: [],
    },
    files: ["consumer.mts"],
  },
};

const published = declarationsAsSources(path.join(ROOT, "packages", "hotmart", "dist"), work);
for (const [projectName, config] of Object.entries(projects)) {
  const short = projectName.split(" ")[0];
  writeFileSync(path.join(work, `tsconfig.${short}.json`), JSON.stringify(config, null, 2));
  // For TypeScript 5.x: the same project, our declarations as sources (the CommonJS ones where a .cts
  // consumer loads them), the other packages' declarations unchecked.
  const copies = config.files.some((f) => f.endsWith(".cts"))
    ? [...published.esm, ...published.cjs]
    : published.esm;
  const sources = {
    compilerOptions: { ...config.compilerOptions, skipLibCheck: true },
    files: [...config.files, ...copies],
  };
  writeFileSync(path.join(work, `tsconfig.${short}.sources.json`), JSON.stringify(sources, null, 2));
}

const native = (tsName) => tsName.startsWith("typescript 7");
/**
 * Whether a compile checks every declaration file it loads (`skipLibCheck: false`, the project as a
 * consumer writes it). TypeScript 7 does, and so does the oldest we support, 5.5, in the node project,
 * which loads them all (ours, zod's, @types/node's): a declaration file that only an old compiler
 * cannot read (newer syntax in zod's or @types/node's) breaks a 5.5 consumer with skipLibCheck off, and
 * TypeScript 7 would not see it; 5.5 does not even read the same files of @types/node (its
 * `typesVersions` send TypeScript up to 5.6 to ts5.6/). The other 5.x compiles check ours only, as
 * sources.
 */
const checksEveryDeclaration = (tsName, projectName) =>
  native(tsName) || (tsName.startsWith("typescript 5.5") && projectName.startsWith("node"));
/** TypeScript 7 with one checker thread, as everywhere (scripts/tsc7.mjs says why). */
const compilerFlags = (tsName) => (native(tsName) ? TYPESCRIPT7_FLAGS : []);

/** One compile: resolves `{ ok, output }`. */
function compile(tsName, tsc, projectName) {
  const short = projectName.split(" ")[0];
  const whole = checksEveryDeclaration(tsName, projectName);
  const file = path.join(work, `tsconfig.${short}${whole ? "" : ".sources"}.json`);
  const args = [tsc, "-p", file, "--pretty", "false", ...compilerFlags(tsName)];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: work });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("error", (error) => resolve({ ok: false, output: `${output}${error.message}` }));
    child.on("close", (code) =>
      resolve({ ok: code === 0, output: namePublished(output, "packages/hotmart/dist") }),
    );
  });
}

// Two compiles at a time (each prints its line when it ends): TypeScript 7 is native and quick, so a
// 5.5 compile and a 7 one share the 2 cores well.
let failed = 0;
const queue = Object.keys(projects).flatMap((projectName) =>
  typescript.map(([tsName, tsc]) => ({ tsName, tsc, projectName })),
);
const worker = async () => {
  for (let job = queue.shift(); job; job = queue.shift()) {
    const started = performance.now();
    const { ok, output } = await compile(job.tsName, job.tsc, job.projectName);
    if (!ok) failed++;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${ok ? "ok  " : "FAIL"} ${job.tsName}, ${job.projectName}  [${seconds}s]`);
    if (!ok) console.log(output.trim().replace(/^/gm, "     | "));
  }
};
await Promise.all([worker(), worker()]);

// The oldest zod the peer range takes (package.json: ^4.5.0). The schemas' declarations name zod types
// that older 4.x lack (ZodPreprocess came in 4.5, ZodExactOptional in 4.3) and call exactOptional() at
// run time, so a range wider than what works breaks a consumer who resolves an older zod. The node
// project compiles with TypeScript 7 against zod 4.5.0 (every declaration checked), and hotmart/schemas
// loads and validates with it (--preserve-symlinks: zod resolves from the consumer's node_modules).
const minimum = mkdtempSync(path.join(tmpdir(), "hotmart-zod-min-"));
process.on("exit", () => rmSync(minimum, { recursive: true, force: true }));
mkdirSync(path.join(minimum, "node_modules"));
symlinkSync(
  path.join(ROOT, "packages", "hotmart"),
  path.join(minimum, "node_modules", "hotmart"),
  "junction",
);
symlinkSync(toolchains.zodMinimum, path.join(minimum, "node_modules", "zod"), "junction");
for (const file of ["package.json", "consumer.mts", "consumer.cts", "consumer-dispose.mts"]) {
  copyFileSync(path.join(work, file), path.join(minimum, file));
}
// preserveSymlinks: without it, zod would resolve from hotmart's real folder (the repository's zod).
const node = projects["node (nodenext, @types/node)"];
writeFileSync(
  path.join(minimum, "tsconfig.node.json"),
  JSON.stringify({ ...node, compilerOptions: { ...node.compilerOptions, preserveSymlinks: true } }, null, 2),
);
const [, tsc7] = toolchains.typescript.find(([name]) => native(name)) ?? [];
const runtime = `
  const { registry, SalesHistoryItemSchema } = await import("hotmart/schemas");
  const { version } = (await import("zod/package.json", { with: { type: "json" } })).default;
  if (version !== "4.5.0") throw new Error("resolved zod " + version + ", not the minimum");
  if (!Array.isArray(registry.check("SalesHistoryPage", { items: "nope" }))) throw new Error("no check");
  if (SalesHistoryItemSchema.safeParse({}).success) throw new Error("an empty item passed");
`;
const atMinimum = await Promise.all([
  new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [tsc7, "-p", "tsconfig.node.json", "--pretty", "false", ...TYPESCRIPT7_FLAGS],
      {
        cwd: minimum,
      },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("close", (code) =>
      resolve({ what: "typescript 7, node, zod 4.5.0 (the peer minimum)", ok: code === 0, output }),
    );
  }),
  new Promise((resolve) => {
    const child = spawn(process.execPath, ["--preserve-symlinks", "--input-type=module", "-e", runtime], {
      cwd: minimum,
    });
    let output = "";
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("close", (code) =>
      resolve({ what: "hotmart/schemas at run time, zod 4.5.0", ok: code === 0, output }),
    );
  }),
]);
for (const { what, ok, output } of atMinimum) {
  if (!ok) failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) console.log(namePublished(output, "packages/hotmart/dist").trim().replace(/^/gm, "     | "));
}
console.log(
  `typescript consumers: ${typescript.length * 2 + 2 - failed} passed, ${failed} failed${all ? "" : " (TypeScript 5.5 and 7; 5.9 runs in test:pack, --all adds it here)"}`,
);
if (failed) process.exit(1);
