// The workspaces' commands (`hotmart`, `hotmart-mcp`, `hotmart-simulator`) in node_modules/.bin.
// npm ci links a workspace's `bin` only if its target exists, and in a fresh clone it does not: dist/ is
// built after the install. So after the README's `npm ci` and `npm run build`, `npx hotmart-mcp
// --simulator` and `npx hotmart-simulator` answered "sh: 1: hotmart-mcp: not found". The build links
// what is missing: `npm rebuild --ignore-scripts <packages>` links their bins and runs nothing else.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync } from "node:fs";
import path from "node:path";
import { ROOT, workspaces } from "./workspaces.mjs";

const linked = (file) => {
  try {
    lstatSync(file);
    return existsSync(file); // a link whose target is gone counts as missing
  } catch {
    return false;
  }
};

/** The workspaces with a built command that node_modules/.bin lacks: `{ name, bins }`. */
export function missingBins(root = ROOT) {
  const missing = [];
  for (const { dir, manifest } of workspaces(root)) {
    const bins = typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
    const absent = Object.entries(bins)
      .filter(([, target]) => existsSync(path.join(dir, target)))
      .map(([name]) => name)
      .filter((name) => !linked(path.join(root, "node_modules", ".bin", name)));
    if (absent.length) missing.push({ name: manifest.name, bins: absent });
  }
  return missing;
}

/** Links the missing commands; returns their names (none: npm is not started). Throws if npm fails. */
export function linkMissingBins(root = ROOT) {
  const missing = missingBins(root);
  if (missing.length === 0) return [];
  const args = ["rebuild", "--ignore-scripts", ...missing.map((m) => m.name)];
  // Under `npm run`, the npm that runs us; else the one on the PATH (npm.cmd, through the shell, on
  // Windows). Not npx's: npx-cli.js would take `rebuild` for a package to fetch.
  const npm = /npm-cli\.js$/.test(process.env.npm_execpath ?? "") ? process.env.npm_execpath : undefined;
  const result = npm
    ? spawnSync(process.execPath, [npm, ...args], { cwd: root, encoding: "utf8" })
    : spawnSync("npm", args, { cwd: root, encoding: "utf8", shell: process.platform === "win32" });
  if (result.status !== 0)
    throw new Error(`npm ${args.join(" ")} failed: ${(result.stderr || result.error?.message || "").trim()}`);
  return missing.flatMap((m) => m.bins);
}
