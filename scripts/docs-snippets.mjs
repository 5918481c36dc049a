// `npm run test:docs`: every code block of README.md, README-ptBR.md, CONTRIBUTING.md, ARCHITECTURE.md,
// packages/*/README*.md and docs/**/*.md either runs against the simulator or carries a mark that says why not, so a snippet a
// reader copies works the first time. Every fence names its language (```text, ```json...): a fence
// without one fails, so nothing hides from the check.
//
// ts/js blocks: TypeScript is stripped (esbuild), the block is written as an ES module under .tmp/ (so
// `hotmart`, `hotmart-simulator`, zod, express and hono resolve from the root node_modules) and
// imported, one after the other, against one simulator (seed 42, the CLI's default; faults cleared
// before each block, the data generated again after a block that wrote) whose HOTMART_* variables are in the environment. Two conveniences keep README snippets short:
// - a block that uses `hotmart` without declaring it gets `const hotmart = new Hotmart()` (closed after);
// - a name the SDK exports that is used without an import is imported from "hotmart".
// Shell blocks (sh, bash, shell, console) then run through bash against the same simulator, as
// scripts/lib/shell-blocks.mjs says. Other languages (json, python, text...) are shown, not run.
// The marks (<!-- not-runnable: why --> and the others) are listed in scripts/lib/md-blocks.mjs and
// CONTRIBUTING.md. Needs `npm run build` first.
// Usage: node scripts/docs-snippets.mjs [--only=ts|sh] [--shard=i/n] [file.md ...]   (default: every
// file above). --shard=i/n takes the i-th of n parts, a folder's files together (a README and its pt-BR
// twin share commands that run once): npm test runs the parts side by side, each with its simulator.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { reapedChildrenCpuMs } from "./lib/child-cpu.mjs";
import { extractBlocks, MODULE_LANGS, SHELL_LANGS } from "./lib/md-blocks.mjs";
import { commandsKey, makeBinDir, runShellBlock } from "./lib/shell-blocks.mjs";
import { ROOT } from "./lib/workspaces.mjs";

const TIMEOUT_MS = 30_000;

function markdownFiles() {
  const files = ["README.md", "README-ptBR.md", "CONTRIBUTING.md", "ARCHITECTURE.md"];
  const packages = path.join(ROOT, "packages");
  for (const pkg of readdirSync(packages).sort()) {
    const dir = path.join(packages, pkg);
    if (!existsSync(path.join(dir, "package.json"))) continue;
    for (const f of readdirSync(dir).sort()) if (/^README.*\.md$/.test(f)) files.push(`packages/${pkg}/${f}`);
  }
  const walk = (rel) => {
    for (const entry of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".md")) files.push(child);
    }
  };
  if (existsSync(path.join(ROOT, "docs"))) walk("docs");
  return files.filter((f) => existsSync(path.join(ROOT, f)));
}

const sdkExports = Object.keys(await import("hotmart"));

/** The block as a runnable module: types stripped, the client and missing SDK imports supplied. */
async function toModule(code) {
  const { code: js } = await transform(code, { loader: "ts", format: "esm", target: "es2022" });
  const imported = new Set();
  for (const m of js.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from/g))
    for (const name of m[1].split(","))
      imported.add(
        name
          .trim()
          .split(/\s+as\s+/)
          .pop(),
      );
  const declared = (name) => new RegExp(`\\b(?:const|let|var|using|function|class)\\s+${name}\\b`).test(js);
  const used = (name) => new RegExp(`(?<![.\\w$"'])${name}\\b`).test(js);
  const missing = sdkExports.filter((name) => used(name) && !imported.has(name) && !declared(name));
  const needsClient = used("hotmart") && !declared("hotmart") && !imported.has("hotmart");
  const head = [];
  if (missing.length) head.push(`import { ${missing.join(", ")} } from "hotmart";`);
  if (needsClient)
    head.push(`import { Hotmart as __Hotmart } from "hotmart";`, "const hotmart = new __Hotmart();");
  const tail = needsClient ? "\nawait hotmart.close();" : "";
  return `${head.join("\n")}\n${js}${tail}\n`;
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "table", "dir"];

/**
 * Imports one block's module with console output captured (shown only when it fails). A block fails
 * when its module throws or rejects, or when it has not finished after TIMEOUT_MS.
 */
async function runBlock(file) {
  const saved = CONSOLE_METHODS.map((m) => console[m]);
  let output = "";
  for (const m of CONSOLE_METHODS) {
    console[m] = (...args) => {
      output += `${args.map(String).join(" ")}\n`;
    };
  }
  let timer;
  try {
    await Promise.race([
      import(pathToFileURL(file).href),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still running after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      }),
    ]);
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: `${error?.stack ?? error}\n${output}` };
  } finally {
    clearTimeout(timer);
    CONSOLE_METHODS.forEach((m, i) => {
      console[m] = saved[i];
    });
  }
}

/** The writes the simulator has applied so far: each change to its data counts one (its Actions). */
const writesApplied = (sim) => Object.values(sim.stats().sideEffects).reduce((sum, n) => sum + n, 0);
let writesSeen = 0;

/**
 * Before a block: no faults, and the seed's data as generated, which only a write can have changed, so
 * it is generated again only after a block that wrote (45 ms a time; most blocks only read).
 */
function freshSimulator(sim) {
  const writes = writesApplied(sim);
  if (writes !== writesSeen) sim.resetData();
  writesSeen = writes;
  sim.faults.clear();
}

/** Runs the ts/js blocks in this process. Returns `{ passed, failed, skipped }`. */
async function runModuleBlocks(blocks, sim, work) {
  const tally = { passed: 0, failed: 0, skipped: 0 };
  for (const block of blocks) {
    const where = `${block.file}:${block.line}`;
    if (block.marks.skip) {
      tally.skipped++;
      console.log(`skip ${where}: ${block.marks.skip}`);
      continue;
    }
    freshSimulator(sim);
    const file = path.join(work, `${where.replace(/[^\w]+/g, "_")}.mjs`);
    writeFileSync(file, await toModule(block.code));
    const { ok, output } = await runBlock(file);
    if (ok) {
      tally.passed++;
      console.log(`ok   ${where}`);
    } else {
      tally.failed++;
      const lines = output.split("\n").filter((l) => !/^\s+at /.test(l));
      console.log(`FAIL ${where} (${path.relative(ROOT, file)})\n     ${lines.slice(0, 8).join("\n     ")}`);
    }
  }
  return tally;
}

const gitStatus = () => {
  try {
    return execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" });
  } catch {
    return null; // not a git checkout (an unpacked tarball): nothing to compare
  }
};

/**
 * Runs the shell blocks through bash, each Markdown file in its own scratch folder (its blocks share it,
 * in order, like one terminal). Returns `{ passed, failed, skipped, reasons }`: reasons counts the
 * blocks and lines not run, by reason.
 */
async function runShellBlocks(blocks, sim, work) {
  const tally = { passed: 0, same: 0, failed: 0, skipped: 0, linesNotRun: 0, reasons: new Map() };
  const ran = new Map(); // commands key -> where they ran and passed
  const because = (reason) => tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + 1);
  const bin = makeBinDir(path.join(work, "bin"));
  const env = Object.fromEntries(
    // A reader's terminal has neither npm's script variables (npm_config_local_prefix would send a
    // nested `npm install` to this checkout) nor other HOTMART_* values.
    Object.entries(process.env).filter(([k]) => !/^(npm_|HOTMART_)/i.test(k)),
  );
  Object.assign(env, sim.env, {
    HOTMART_LOG: "off",
    PATH: [bin, path.join(ROOT, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  });
  const scratchOf = new Map();
  for (const block of blocks) {
    const where = `${block.file}:${block.line}`;
    if (block.marks.skip) {
      tally.skipped++;
      because(block.marks.skip);
      console.log(`skip ${where}: ${block.marks.skip}`);
      continue;
    }
    if (!scratchOf.has(block.file)) {
      const dir = path.join(work, "sh", block.file.replace(/[^\w]+/g, "_"));
      mkdirSync(dir, { recursive: true });
      scratchOf.set(block.file, dir);
    }
    const scratch = scratchOf.get(block.file);
    const { key, notRun } = commandsKey(block);
    if (ran.has(key)) {
      tally.passed++;
      tally.same++;
      tally.linesNotRun += notRun.length;
      for (const { reason } of notRun) because(reason);
      console.log(`ok   ${where} (sh, the same commands as ${ran.get(key)}, not run twice)`);
      continue;
    }
    freshSimulator(sim);
    const before = block.marks.inClone ? gitStatus() : null;
    const started = Date.now();
    const cpuBefore = reapedChildrenCpuMs();
    const result = await runShellBlock(block, {
      cwd: block.marks.inClone ? ROOT : scratch,
      scratch,
      env,
      root: ROOT,
      secrets: [sim.credentials.clientSecret, sim.credentials.basic],
    });
    const after = block.marks.inClone ? gitStatus() : null;
    if (result.ok && before !== after) {
      result.ok = false;
      result.output += `\nthe block changed the checkout (git status --porcelain):\n${after}`;
    }
    for (const { line, command, reason } of result.notRun) {
      if (!result.nothingRun) tally.linesNotRun++;
      because(reason);
      console.log(`     ${block.file}:${line} not run (${reason}): ${command}`);
    }
    if (result.nothingRun) {
      tally.skipped++; // every line is marked: the block as a whole is not run
      console.log(`skip ${where}: every line is marked not-runnable`);
    } else if (result.ok) {
      tally.passed++;
      ran.set(key, where);
      // The CPU time of what the block ran (the commands, not this process's simulator).
      const cpu =
        cpuBefore === null ? "" : `, ${((reapedChildrenCpuMs() - cpuBefore) / 1000).toFixed(1)} s CPU`;
      console.log(`ok   ${where} (sh, ${((Date.now() - started) / 1000).toFixed(1)} s${cpu})`);
    } else {
      tally.failed++;
      const lines = result.output.trimEnd().split("\n").slice(-40);
      console.log(`FAIL ${where} (${path.relative(ROOT, result.script)})\n     ${lines.join("\n     ")}`);
    }
  }
  return tally;
}

/** The files of part `i/n`: folders dealt out in turn, so a folder's files stay in one part. */
function inShard(files, shard) {
  if (!shard) return files;
  const [i, n] = shard.split("/").map(Number);
  if (!(n >= 1 && i >= 1 && i <= n)) throw new Error(`--shard=${shard}: expected i/n with 1 <= i <= n`);
  const folders = [...new Set(files.map((f) => path.dirname(f)))].sort();
  return files.filter((f) => folders.indexOf(path.dirname(f)) % n === i - 1);
}

async function main() {
  const args = process.argv.slice(2);
  const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const named = args.filter((a) => !a.startsWith("--"));
  const shard = args.find((a) => a.startsWith("--shard="))?.slice("--shard=".length);
  const files = inShard(named.length ? named : markdownFiles(), shard);
  const blocks = files.flatMap((f) => extractBlocks(f, readFileSync(path.join(ROOT, f), "utf8")));
  // Every fence says what it holds: a bare ``` could be a command nobody runs.
  const unlabelled = blocks.filter((b) => b.lang === "");
  for (const b of unlabelled)
    console.log(
      `FAIL ${b.file}:${b.line}: a fence without a language (write \`\`\`sh, \`\`\`text, \`\`\`json...)`,
    );
  const moduleBlocks = only === "sh" ? [] : blocks.filter((b) => MODULE_LANGS.has(b.lang));
  const shellBlocks = only === "ts" ? [] : blocks.filter((b) => SHELL_LANGS.has(b.lang));
  const { startSimulator } = await import("hotmart-simulator");
  const work = path.join(ROOT, ".tmp", `docs-snippets${shard ? `-${shard.replace("/", "-of-")}` : ""}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // Files a block writes (an export's output, its checkpoint) land in the scratch folder, never in the
  // checkout, where lint and `git status` would see them.
  process.chdir(work);
  const sim = await startSimulator({ port: 0, seed: 42 });
  // Blocks run in this process (one Node start instead of one per block): they see the simulator's
  // variables, as a reader's shell would after pasting the simulator's HOTMART_* lines.
  for (const key of Object.keys(process.env)) if (key.startsWith("HOTMART_")) delete process.env[key];
  Object.assign(process.env, sim.env, { HOTMART_LOG: "off" });
  let ts;
  let sh;
  try {
    ts = await runModuleBlocks(moduleBlocks, sim, work);
    const started = Date.now();
    sh = await runShellBlocks(shellBlocks, sim, work);
    sh.seconds = ((Date.now() - started) / 1000).toFixed(1);
  } finally {
    await sim.close();
  }
  console.log(`docs snippets: ${ts.passed} passed, ${ts.failed} failed, ${ts.skipped} marked not runnable`);
  console.log(
    `docs shell blocks: ${sh.passed} run (${sh.same} of them the same commands as a block before), ${sh.skipped} marked not-runnable, ${sh.failed} failed (${sh.seconds} s); ${sh.linesNotRun} lines of the blocks that ran are marked not-runnable. Marks by reason:`,
  );
  for (const [reason, count] of [...sh.reasons].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(count).padStart(3)} x ${reason}`);
  if (unlabelled.length) console.log(`docs fences: ${unlabelled.length} without a language`);
  if (ts.failed || sh.failed || unlabelled.length) process.exitCode = 1;
}

await main();
// A block that failed half-way may leave a client or a timer open: do not wait for them.
process.exit(process.exitCode ?? 0);
