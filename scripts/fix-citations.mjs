// Comments and docs cite the project's API notes, docs/api-notes.md, by section ("§8.2 U3"), or
// Hotmart's public docs by URL. This script keeps that true:
// - rewrites citations of HOTMART-API.md (a file that is not in this repository) to docs/api-notes.md,
//   whose sections carry the same numbers;
// - checks that every "§N" / "§N.M" in a source file or doc names a section that docs/api-notes.md has.
// With --check it changes nothing and exits 1 on any remaining HOTMART-API.md citation or unknown
// section (npm test runs it that way, so citations added later are caught too).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/workspaces.mjs";

const check = process.argv.includes("--check");
const NOTES = "docs/api-notes.md";
const EXTENSIONS = /\.(ts|mts|cts|tsx|js|mjs|cjs|md)$/;
const SKIP = new Set([NOTES, "scripts/fix-citations.mjs"]);

const notes = readFileSync(path.join(ROOT, NOTES), "utf8");
const sections = new Set([...notes.matchAll(/^#{2,4} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));

// Tracked and new files, without what .gitignore excludes (dist, node_modules, .tmp).
const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter((f) => EXTENSIONS.test(f) && !SKIP.has(f) && !/(^|\/)CHANGELOG\.md$/.test(f));

// "HOTMART-API.md" or a bare "HOTMART-API §8.1", with or without a directory in front of it.
const FOREIGN = /(?:[\w./-]*\/)?HOTMART-API(?:\.md)?(?![\w-])/g;
const problems = [];
const rewritten = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(path.join(ROOT, file), "utf8");
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (FOREIGN.test(line))
      problems.push(`${file}:${i + 1}: cites HOTMART-API.md, which is not in this repository`);
    FOREIGN.lastIndex = 0;
    for (const m of line.matchAll(/§\s?(\d+)(?:\.(\d+))?/g)) {
      // Other documents' sections (an RFC, a spec) are not ours to check.
      if (/\b(RFC|spec|ECMA)[\w\s-]{0,12}$/i.test(line.slice(0, m.index))) continue;
      const id = m[2] ? `${m[1]}.${m[2]}` : m[1];
      if (!sections.has(id)) problems.push(`${file}:${i + 1}: §${id} is not a section of ${NOTES}`);
    }
  });
  if (!check && text.match(FOREIGN)) {
    writeFileSync(path.join(ROOT, file), text.replace(FOREIGN, NOTES));
    rewritten.push(file);
  }
}
if (!check) {
  console.log(`rewrote HOTMART-API.md citations in ${rewritten.length} file(s)`);
  const left = problems.filter((p) => !p.includes("HOTMART-API.md"));
  for (const p of left) console.log(`FAIL ${p}`);
  process.exit(left.length ? 1 : 0);
}
for (const p of problems) console.log(`FAIL ${p}`);
console.log(
  `citations: ${files.length} files checked, ${problems.length} problem(s)` +
    (problems.length ? " (node scripts/fix-citations.mjs rewrites HOTMART-API.md citations)" : ""),
);
if (problems.length) process.exit(1);
