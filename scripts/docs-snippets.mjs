// `npm run test:docs`: every ts/js code block of README.md, README-ptBR.md, packages/*/README*.md and
// docs/**/*.md runs against the simulator, so a snippet a reader copies works the first time.
//
// Per block: TypeScript is stripped (esbuild), the block is written as an ES module under .tmp/ (so
// `hotmart`, `hotmart-simulator`, zod, express and hono resolve from the root node_modules) and
// imported, one after the other, against one simulator (seed 42, the CLI's default; data and faults
// reset before each block) whose HOTMART_* variables are in the environment. Two conveniences keep README snippets short:
// - a block that uses `hotmart` without declaring it gets `const hotmart = new Hotmart()` (closed after);
// - a name the SDK exports that is used without an import is imported from "hotmart".
// A block that cannot run (a fragment, a framework file, a shell session in a ts fence) is marked on the
// line before its fence: <!-- not-runnable: why -->. Needs `npm run build` first.
// Usage: node scripts/docs-snippets.mjs [file.md ...]   (default: every file above)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { ROOT } from "./lib/workspaces.mjs";

const LANGS = new Set(["ts", "typescript", "js", "javascript", "mjs", "mts", "tsx"]);
const MARK = /<!--\s*not-runnable:\s*(.+?)\s*-->/;
const TIMEOUT_MS = 30_000;

function markdownFiles() {
  const files = ["README.md", "README-ptBR.md"];
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

/** The fenced code blocks of one file: `{ file, line, lang, code, skip? }`. */
export function extractBlocks(file, text) {
  const lines = text.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !lines[i].startsWith(`${indent}${fence}`); i++)
      body.push(lines[i].slice(indent.length));
    if (!LANGS.has(lang.toLowerCase())) continue;
    let before = start - 1;
    while (before >= 0 && lines[before].trim() === "") before--;
    const mark = before >= 0 ? MARK.exec(lines[before]) : null;
    blocks.push({ file, line: start + 1, lang, code: body.join("\n"), ...(mark ? { skip: mark[1] } : {}) });
  }
  return blocks;
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

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const files = only.length ? only : markdownFiles();
  const blocks = files.flatMap((f) => extractBlocks(f, readFileSync(path.join(ROOT, f), "utf8")));
  const { startSimulator } = await import("hotmart-simulator");
  const work = path.join(ROOT, ".tmp", "docs-snippets");
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
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    for (const block of blocks) {
      const where = `${block.file}:${block.line}`;
      if (block.skip) {
        skipped++;
        console.log(`skip ${where}: ${block.skip}`);
        continue;
      }
      sim.resetData();
      sim.faults.clear();
      const file = path.join(work, `${where.replace(/[^\w]+/g, "_")}.mjs`);
      writeFileSync(file, await toModule(block.code));
      const { ok, output } = await runBlock(file);
      if (ok) {
        passed++;
        console.log(`ok   ${where}`);
      } else {
        failed++;
        const lines = output.split("\n").filter((l) => !/^\s+at /.test(l));
        console.log(
          `FAIL ${where} (${path.relative(ROOT, file)})\n     ${lines.slice(0, 8).join("\n     ")}`,
        );
      }
    }
  } finally {
    await sim.close();
  }
  console.log(`docs snippets: ${passed} passed, ${failed} failed, ${skipped} marked not runnable`);
  if (failed) process.exitCode = 1;
}

await main();
// A block that failed half-way may leave a client or a timer open: do not wait for them.
process.exit(process.exitCode ?? 0);
