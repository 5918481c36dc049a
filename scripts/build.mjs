// `npm run build` (every package) and `npm run build -w <package>` (that one): ESM + CJS + .d.ts in dist/.
//
// tsup made each package's .d.ts by running the TypeScript compiler over that package (and over the SDK's
// sources again for each package that imports it), and `npm run typecheck` ran it once more over
// everything: most of the build's time. Here the compiler runs once:
//   1. tsc (TypeScript 7: scripts/tsc7.mjs says why) emits the declarations of every package's sources
//      into .tmp/types (tsconfig.build.json; with --typecheck, tsconfig.json, which adds the tests: the
//      same run is then the type gate);
//   2. at the same time, tsup writes each package's JavaScript (its tsup.config.ts, which makes no types);
//   3. rollup-plugin-dts (the bundler tsup's `dts` option uses) bundles those declarations into the files
//      package.json points at: dist/<entry>.d.ts, and dist/<entry>.d.cts where the package ships CJS.
// Exits 1 on a type error or a failed bundle, with the tool's output.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";
import { linkMissingBins } from "./lib/bin-links.mjs";
import { ROOT, workspaces } from "./lib/workspaces.mjs";

const TYPES_DIR = path.join(ROOT, ".tmp", "types");
const typecheck = process.argv.includes("--typecheck");
const here = path.resolve(process.cwd());
const all = workspaces().filter(({ dir }) => existsSync(path.join(dir, "tsup.config.ts")));
// Run from a package (npm run build -w x): that package only.
const targets = all.some(({ dir }) => path.resolve(dir) === here)
  ? all.filter(({ dir }) => path.resolve(dir) === here)
  : all;

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs `node args` in `cwd`; resolves with its output, rejects with it when it fails. */
function run(what, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${what} failed:\n${output.trim()}`)),
    );
  });
}

/**
 * Every package's JavaScript, with tsup's API in this process, one package after the other: tsup reads
 * its config and resolves its entries from the working directory, so each build runs in its package's
 * directory, and no two at once. A tsup process per package cost a Node start and a load of tsup, its
 * config loader and esbuild's service each time (1.1 CPU-s a package, 5.3 of the build's 16).
 */
async function buildAllJs() {
  const { build } = await import("tsup");
  const cwd = process.cwd();
  for (const { dir } of targets) {
    rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    process.chdir(dir);
    try {
      // esbuild resolves paths from the directory its module was loaded in, unless told otherwise.
      // (These options replace a tsup.config.ts's own: one that sets esbuildOptions must set this too.)
      await build({
        silent: true,
        esbuildOptions: (options) => {
          options.absWorkingDir = dir;
        },
      });
    } catch (error) {
      throw new Error(`tsup in ${path.relative(ROOT, dir)} failed:\n${error?.stack ?? error}`);
    } finally {
      process.chdir(cwd);
    }
  }
}

/**
 * tsc over every package's sources (or, with --typecheck, over tsconfig.json, tests included), writing
 * their declarations; for one package, only what its entry points reach.
 */
function emitDeclarations() {
  rmSync(TYPES_DIR, { recursive: true, force: true });
  let project = typecheck ? "tsconfig.json" : "tsconfig.build.json";
  if (targets.length < all.length && !typecheck) {
    project = path.join(".tmp", "tsconfig.build.partial.json");
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    const files = targets.flatMap((pkg) => Object.values(typeEntries(pkg).sources));
    writeFileSync(
      path.join(ROOT, project),
      JSON.stringify({ extends: "../tsconfig.build.json", include: [], files }, null, 2),
    );
  }
  // TypeScript 7 (scripts/tsc7.mjs says why). tsconfig.json says noEmit for `npm run typecheck`; here the
  // same program also writes declarations.
  const emit = ["--noEmit", "false", "--declaration", "--emitDeclarationOnly", "--rootDir", ".", "--outDir"];
  const tsc7 = path.join(ROOT, "scripts", "tsc7.mjs");
  const args = [tsc7, "-p", project, "--pretty", "false", ...emit, TYPES_DIR];
  return run(`tsc -p ${project}`, args, ROOT);
}

/**
 * The .d.ts files a package's manifest points at (exports, types), as `{ entry name: its source }`: dist/index.d.ts comes from src/index.ts, dist/schemas.d.ts from src/schemas.ts or
 * src/schemas/index.ts. Also whether it ships CJS types (.d.cts).
 */
function typeEntries({ dir, rel, manifest }) {
  const files = new Set();
  const walk = (value) => {
    if (typeof value === "string") {
      if (/\.d\.c?ts$/.test(value)) files.add(path.posix.normalize(value));
    } else if (value && typeof value === "object") for (const v of Object.values(value)) walk(v);
  };
  walk(manifest.exports);
  walk(manifest.types);
  const sources = {};
  for (const file of files) {
    const name = file.replace(/^dist\//, "").replace(/\.d\.c?ts$/, "");
    const source = [`src/${name}.ts`, `src/${name}/index.ts`].find((s) => existsSync(path.join(dir, s)));
    if (!source) throw new Error(`${rel}: ${file} has no source (src/${name}.ts or src/${name}/index.ts)`);
    sources[name] = path.join(dir, source);
  }
  return { sources, cjs: [...files].some((f) => f.endsWith(".d.cts")) };
}

/** Where tsc wrote the declarations of a source file. */
const declarationOf = (source) => path.join(TYPES_DIR, path.relative(ROOT, source)).replace(/\.ts$/, ".d.ts");

/** One package's declarations, bundled per entry; every bare import (hotmart, zod, node:*) stays an import. */
async function bundleTypes(pkg) {
  const { sources, cjs } = typeEntries(pkg);
  if (Object.keys(sources).length === 0) return;
  const bundle = await rollup({
    input: Object.fromEntries(Object.entries(sources).map(([name, src]) => [name, declarationOf(src)])),
    plugins: [dts({ compilerOptions: { preserveSymlinks: false } })],
    external: (id) => !id.startsWith(".") && !path.isAbsolute(id),
    onwarn(warning, warn) {
      if (warning.code !== "CIRCULAR_DEPENDENCY" && warning.code !== "EMPTY_BUNDLE") warn(warning);
    },
  });
  const dir = path.join(pkg.dir, "dist");
  const output = (ext) => ({
    dir,
    format: "esm",
    exports: "named",
    entryFileNames: `[name]${ext}`,
    // A chunk is named after its module, schema-check.d.ts: as tsup named it, without the ".d".
    chunkFileNames: (chunk) => `${chunk.name.replace(/\.d$/, "")}-[hash]${ext}`,
  });
  await Promise.all([bundle.write(output(".d.ts")), ...(cjs ? [bundle.write(output(".d.cts"))] : [])]);
  await bundle.close();
}

const started = performance.now();
// `npm run build --silent` (npm start, the benchmarks) prints failures only, as tsup --silent did.
const ok = process.env.npm_config_loglevel === "silent" ? () => {} : (line) => console.log(`ok   ${line}`);
const timed = (name, promise) => promise.then(() => ok(`${name}  [${seconds(started)}]`));
const steps = await Promise.allSettled([
  timed(`javascript (tsup, ${targets.length} package(s))`, buildAllJs()),
  timed(`declarations (tsc${typecheck ? ", the type check too" : ""})`, emitDeclarations()),
]);
const failed = steps.filter((step) => step.status === "rejected");
for (const { reason } of failed) console.log(`FAIL ${reason.message}`);
if (failed.length) process.exit(1);
// Types after the JavaScript: tsup's clean step (redis) must not run after they are written.
const bundling = performance.now();
for (const pkg of targets) {
  try {
    await bundleTypes(pkg);
  } catch (error) {
    console.log(`FAIL types of ${pkg.rel}: ${error.message}`);
    process.exit(1);
  }
}
ok(`types (rollup-plugin-dts)  [${seconds(bundling)}]`);
// In a fresh clone npm ci could not link the commands the build has just written (lib/bin-links.mjs).
// A failure there leaves the build good: said, not fatal.
try {
  const bins = linkMissingBins();
  if (bins.length) ok(`linked ${bins.join(", ")} in node_modules/.bin (npx runs them)`);
} catch (error) {
  console.log(`warn ${error.message}`);
}
