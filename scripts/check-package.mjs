// Packaging checks for what `npm publish` would ship. Run after `npm run build` (root `npm run test:pack`).
//
// hotmart:            npm pack → publint --strict → attw (every resolution mode) → offline install of the
//                     tarball in a scratch project → ESM and CJS smoke tests → TypeScript consumers
//                     (module nodenext .mts + .cts, moduleResolution bundler), all strict.
// hotmart-simulator:  npm pack → publint --strict (not installed: it has runtime dependencies).
// hotmart-redis:      npm pack → publint --strict (its peers, hotmart and ioredis, are the user's).
// hotmart-mcp:        npm pack → publint --strict, and the packed bin is the built, executable server.
// hotmart-cli:        npm pack → publint --strict, and the packed bin is the built, executable CLI.
//
// Prints one line per check as it ends (the packages are checked side by side) and exits 1 if any failed, showing the tool output of the failures.
// Needs no network and no stdin; the consumer fixtures live in scripts/pack-fixtures.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { declarationsAsSources, namePublished } from "./lib/declarations-as-sources.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOTMART_DIR = path.join(ROOT, "packages", "hotmart");
const SIMULATOR_DIR = path.join(ROOT, "packages", "simulator");
const REDIS_DIR = path.join(ROOT, "packages", "redis");
const CLI_DIR = path.join(ROOT, "packages", "cli");
const MCP_DIR = path.join(ROOT, "packages", "mcp");
const FIXTURES_DIR = path.join(ROOT, "scripts", "pack-fixtures");
const FIXTURES = ["assert-sdk.cjs", "smoke.mjs", "smoke.cjs", "consumer.mts", "consumer.cts"];
// Against hangs only, so far above the slowest run seen: one consumer compile took 41 s on the 2 shared
// cores at load 15, and more than 120 s at load 19 beside the whole of npm test.
const COMMAND_TIMEOUT_MS = 300_000;

/** A failed check: `message` goes on the FAIL line, `output` (the tool's own words) below it. */
class CheckError extends Error {
  constructor(message, output = "") {
    super(message);
    this.output = output;
  }
}

let failures = 0;

/** Runs one check, prints its line, and returns what it produced (undefined when it failed). */
async function check(name, fn) {
  const started = performance.now();
  try {
    const result = await fn();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const detail = result?.detail ? `  (${result.detail})` : "";
    console.log(`ok   ${name}${detail}  [${seconds}s]`);
    return result ?? {};
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: ${error.message}`);
    const output = error instanceof CheckError ? error.output : error.stack;
    if (output?.trim()) console.log(indent(output.trim()));
    return undefined;
  }
}

function skip(name, reason) {
  failures++;
  console.log(`FAIL ${name}: skipped, ${reason}`);
}

function indent(text) {
  return text.replace(/^/gm, "     | ");
}

/**
 * Flags of the npm command that started us (`npm test -w x`, `--dry-run`, `--global`) reach children as
 * npm_config_* variables and would redirect the scratch install, so children do not inherit them.
 */
const PARENT_NPM_FLAGS =
  /^npm_config_(workspaces?|include_workspace_root|global|location|dry_run|json|omit|include)$/i;

function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (PARENT_NPM_FLAGS.test(key)) delete env[key];
  return env;
}

/** Spawns a command without stdin; resolves with its output, rejects with a CheckError carrying it. */
function run(command, args, { cwd = ROOT, env = childEnv() } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      // npm is npm.cmd on Windows, which spawn only finds through a shell.
      shell: process.platform === "win32" && command === "npm",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), COMMAND_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new CheckError(`${command} could not start: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ stdout, stderr });
      const why = signal
        ? `killed by ${signal} (timeout ${COMMAND_TIMEOUT_MS / 1000}s?)`
        : `exit code ${code}`;
      reject(new CheckError(`${path.basename(command)} ${args.join(" ")}: ${why}`, `${stdout}\n${stderr}`));
    });
  });
}

/** Runs a JS bin of a root devDependency with this Node, so no shell or PATH lookup is involved. */
async function runBin(pkg, bin, args, options) {
  const manifest = JSON.parse(await readFile(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8"));
  const script = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[bin];
  return run(process.execPath, [path.join(ROOT, "node_modules", pkg, script), ...args], options);
}

function requireBuild(pkgDir) {
  const dist = path.join(pkgDir, "dist");
  if (!existsSync(dist)) {
    throw new CheckError(`${path.relative(ROOT, dist)} is missing: run \`npm run build\``);
  }
}

/**
 * One `npm pack` for every package (-w per package), into `dest`: npm's start is most of a pack's CPU
 * time, and a process per package paid it five times. Resolves `{ package name: npm's report }`.
 */
function packAll(dest) {
  const dirs = [HOTMART_DIR, SIMULATOR_DIR, REDIS_DIR, CLI_DIR, MCP_DIR];
  for (const dir of dirs) requireBuild(dir);
  const workspaceFlags = dirs.flatMap((dir) => ["-w", path.relative(ROOT, dir)]);
  const args = ["pack", "--json", "--ignore-scripts", "--pack-destination", dest, ...workspaceFlags];
  return run("npm", args).then(({ stdout }) => new Map(JSON.parse(stdout).map((info) => [info.name, info])));
}

let packed;

/** The tarball `npm pack` wrote for the package in `pkgDir`: its path and a one-line summary of it. */
async function pack(pkgDir, dest) {
  packed ??= packAll(dest);
  const { name } = JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8"));
  const info = (await packed).get(name);
  if (!info) throw new CheckError(`npm pack wrote no tarball for ${name}`);
  const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  const missing = await unpackedFileEntries(pkgDir, info.files);
  const note = missing.length > 0 ? `; note: "files" lists ${missing.join(", ")} but none was packed` : "";
  return {
    tarball: path.join(dest, info.filename),
    detail: `${info.filename}: ${info.entryCount} files, ${kB(info.size)} packed, ${kB(info.unpackedSize)} unpacked${note}`,
  };
}

/** Entries of package.json "files" that matched nothing (npm skips them silently, e.g. a missing README). */
async function unpackedFileEntries(pkgDir, packedFiles) {
  const manifest = JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8"));
  const packed = packedFiles.map((file) => file.path);
  return (manifest.files ?? []).filter(
    (entry) => !packed.some((file) => file === entry || file.startsWith(`${entry}/`)),
  );
}

/**
 * publint in strict mode (warnings count as errors) on the tarball `npm pack` wrote: what npm would
 * publish, without packing it a second time (publint's own `pack: "npm"` runs npm pack again).
 */
async function lint(tarball) {
  const bytes = await readFile(tarball);
  const pack = { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
  // A file package.json points at but npm leaves out is then "does not exist": an error all the same.
  const { messages, pkg } = await publint({ pack, strict: true, level: "suggestion" });
  const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`);
  const problems = messages.filter((m) => m.type !== "suggestion");
  if (problems.length > 0) throw new CheckError(`${problems.length} error(s)`, lines.join("\n"));
  // Suggestions do not fail the check, but they should be seen.
  return { detail: lines.length > 0 ? `suggestions:\n${indent(lines.join("\n"))}` : "" };
}

/**
 * are-the-types-wrong on the tarball. The `strict` profile checks node10, node16 (from CJS and from ESM)
 * and bundler resolution. node10 passes for the `hotmart/schemas` subpath thanks to `typesVersions` in
 * packages/hotmart/package.json; TypeScript ignores that field whenever `exports` is understood.
 * --no-definitely-typed: the package ships its own types, and it keeps attw off the network.
 */
async function typesWrong(tarball) {
  const args = [tarball, "--profile", "strict", "--no-definitely-typed", "--format", "table-flipped"];
  await runBin("@arethetypeswrong/cli", "attw", [...args, "--no-color", "--no-emoji"]);
  return { detail: "node10, node16-cjs, node16-esm, bundler" };
}

/** A consumer project in `work` with the tarball installed offline, the fixtures and the tsconfigs. */
async function scratchProject(work, tarball) {
  const dir = path.join(work, "consumer");
  await mkdir(dir);
  await writeJSON(path.join(dir, "package.json"), { name: "hotmart-pack-consumer", private: true });
  // Zero runtime dependencies, so the tarball alone satisfies an offline install.
  const flags = ["--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"];
  await run("npm", ["install", ...flags, tarball], { cwd: dir });
  // zod is an optional peer that npm does not install, and hotmart/schemas needs it: link the root's copy.
  await symlink(path.join(ROOT, "node_modules", "zod"), path.join(dir, "node_modules", "zod"), "junction");
  for (const file of FIXTURES) await copyFile(path.join(FIXTURES_DIR, file), path.join(dir, file));
  await writeTsconfigs(dir);

  const installed = JSON.parse(await readFile(path.join(dir, "node_modules/hotmart/package.json"), "utf8"));
  const zod = JSON.parse(await readFile(path.join(dir, "node_modules/zod/package.json"), "utf8"));
  return { dir, detail: `hotmart@${installed.version} from the tarball, zod@${zod.version} linked` };
}

/**
 * Two consumer setups, both with `strict`:
 * - nodenext: a Node project with @types/node, compiling an ESM (.mts) and a CJS (.cts) file;
 * - bundler: a front-end style project with the DOM lib instead of @types/node and no esnext.disposable
 *   lib: our .d.ts declares `Symbol.asyncDispose` itself (client.ts), so it must compile without either.
 * The installed package's declarations are root files too, copied as sources, so that TypeScript 5.9
 * checks every line of them with `skipLibCheck: true`, and not zod's and @types/node's declarations
 * (lib/declarations-as-sources.mjs says why: TypeScript 7 and 5.5 check those, in test:toolchains,
 * which compiles the same consumers with 5.5 and 7).
 */
async function writeTsconfigs(dir) {
  const published = declarationsAsSources(path.join(dir, "node_modules", "hotmart", "dist"), dir);
  const common = {
    target: "es2022",
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
  };
  await writeJSON(path.join(dir, "tsconfig.nodenext.json"), {
    compilerOptions: {
      ...common,
      module: "nodenext",
      moduleResolution: "nodenext",
      lib: ["es2022"],
      // The scratch project has no @types of its own; borrow the root's @types/node.
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
      types: ["node"],
    },
    files: ["consumer.mts", "consumer.cts", ...published.esm, ...published.cjs],
  });
  await writeJSON(path.join(dir, "tsconfig.bundler.json"), {
    compilerOptions: {
      ...common,
      module: "esnext",
      moduleResolution: "bundler",
      lib: ["es2022", "dom"],
      types: [],
    },
    files: ["consumer.mts", ...published.esm],
  });
}

function writeJSON(file, value) {
  return writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Runs a smoke file in the scratch project with no HOTMART_* variables, so `new Hotmart()` must throw. */
async function smoke(dir, file) {
  const env = childEnv();
  for (const key of Object.keys(env)) if (key.startsWith("HOTMART_")) delete env[key];
  await run(process.execPath, [file], { cwd: dir, env });
}

async function typecheck(dir, tsconfig) {
  try {
    await runBin("typescript", "tsc", ["-p", tsconfig, "--pretty", "false"], { cwd: dir });
  } catch (error) {
    if (error instanceof CheckError) error.output = namePublished(error.output, "node_modules/hotmart/dist");
    throw error;
  }
}

async function checkHotmart(work) {
  const packed = await check("pack hotmart", () => pack(HOTMART_DIR, work));
  if (!packed) return skip("publint, attw, install, runtime and types checks for hotmart", "no tarball");
  await check("publint hotmart", () => lint(packed.tarball));
  // attw (a compiler's work) beside the install and the smoke tests (npm and Node starts, mostly
  // waiting); the two consumer compiles after, one at a time: side by side they only fight for the cores.
  const [, project] = await Promise.all([
    check("attw hotmart", () => typesWrong(packed.tarball)),
    installAndRun(work, packed.tarball),
  ]);
  if (!project) return;
  await check("types nodenext (.mts + .cts, strict)", () => typecheck(project.dir, "tsconfig.nodenext.json"));
  await check("types bundler (strict)", () => typecheck(project.dir, "tsconfig.bundler.json"));
}

/** The scratch project with the tarball installed, and the ESM and CJS smoke tests in it. */
async function installAndRun(work, tarball) {
  const project = await check("install hotmart (offline, scratch project)", () =>
    scratchProject(work, tarball),
  );
  if (!project) return skip("runtime and types checks for hotmart", "no scratch project");
  await Promise.all([
    check("runtime esm (import hotmart, hotmart/schemas)", () => smoke(project.dir, "smoke.mjs")),
    check("runtime cjs (require hotmart, hotmart/schemas)", () => smoke(project.dir, "smoke.cjs")),
  ]);
  return project;
}

/** npm pack, then publint on that tarball. */
async function lintPacked(name, dir, work) {
  const packed = await check(`pack ${name}`, () => pack(dir, work));
  if (packed) await check(`publint ${name}`, () => lint(packed.tarball));
  else skip(`publint ${name}`, "no tarball");
}

async function checkSimulator(work) {
  await lintPacked("hotmart-simulator", SIMULATOR_DIR, work);
}

async function checkRedis(work) {
  await lintPacked("hotmart-redis", REDIS_DIR, work);
}

/** A package with a bin: packs, passes publint, and its bin is the built file with a shebang. */
async function checkBinPackage(name, dir, work) {
  await lintPacked(name, dir, work);
  await check(`${name} bin starts with a shebang`, async () => {
    const head = (await readFile(path.join(dir, "dist", "cli.js"), "utf8")).slice(0, 19);
    if (head !== "#!/usr/bin/env node")
      throw new CheckError(`dist/cli.js starts with ${JSON.stringify(head)}`);
  });
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), "hotmart-pack-"));
  // On "exit" rather than in a finally block, so the temp dir also goes when a bug throws.
  process.on("exit", () => rmSync(work, { recursive: true, force: true }));
  // hotmart's long chain beside the four short ones (pack and publint each).
  const others = async () => {
    await checkSimulator(work);
    await checkRedis(work);
    await checkBinPackage("hotmart-cli", CLI_DIR, work);
    await checkBinPackage("hotmart-mcp", MCP_DIR, work);
  };
  await Promise.all([checkHotmart(work), others()]);
  if (failures > 0) {
    console.log(`\n${failures} packaging check(s) failed`);
    process.exitCode = 1;
  }
}

await main();
