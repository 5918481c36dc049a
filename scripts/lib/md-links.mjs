// Relative links in the repository's Markdown: each must point at a file that exists and, with a
// #fragment into a Markdown file, at a heading it has (GitHub's slugs). External links are not
// fetched (CI has no business depending on other sites being up).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./workspaces.mjs";

/** GitHub's heading anchor: lower case, punctuation dropped (letters of any script kept), spaces → "-". */
export function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, "")
    .replace(/[`*_]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file) {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "");
  const seen = new Map();
  const out = new Set();
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

export function markdownFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (["node_modules", "dist", ".git", ".tmp", "api-docs"].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".md")) files.push(full);
    }
  };
  walk(ROOT);
  return files;
}

/** Broken relative links: `file:line: target (why)`. */
export function brokenLinks(files = markdownFiles()) {
  const problems = [];
  for (const file of files) {
    const lines = readFileSync(file, "utf8").split("\n");
    let fenced = false;
    lines.forEach((line, i) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) return;
      for (const m of line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue; // external, mailto
        const [rel, fragment] = target.split("#");
        const resolved = rel ? path.resolve(path.dirname(file), decodeURIComponent(rel)) : file;
        const where = `${path.relative(ROOT, file)}:${i + 1}`;
        if (!existsSync(resolved)) {
          problems.push(`${where}: ${target} (no such file)`);
          continue;
        }
        if (
          fragment &&
          resolved.endsWith(".md") &&
          statSync(resolved).isFile() &&
          !anchors(resolved).has(fragment)
        ) {
          problems.push(`${where}: ${target} (no heading with that anchor)`);
        }
      }
    });
  }
  return problems;
}
