// The workspaces of the root package.json, read at run time so a package added tomorrow (cli, mcp,
// redis...) is covered by every release script without editing it. Supports plain paths and the
// "dir/*" glob npm accepts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function readJSON(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Every workspace: `{ dir, rel, manifest }`, in the order package.json lists them (of `base`, a test's). */
export function workspaces(base = ROOT) {
  const root = readJSON(path.join(base, "package.json"));
  const entries = Array.isArray(root.workspaces) ? root.workspaces : (root.workspaces?.packages ?? []);
  const dirs = [];
  for (const entry of entries) {
    if (entry.endsWith("/*")) {
      const parent = path.join(base, entry.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent).sort()) dirs.push(path.join(parent, name));
    } else {
      dirs.push(path.join(base, entry));
    }
  }
  return dirs
    .filter((dir) => existsSync(path.join(dir, "package.json")))
    .map((dir) => ({
      dir,
      rel: path.relative(base, dir).split(path.sep).join("/"),
      manifest: readJSON(path.join(dir, "package.json")),
    }));
}

/** The workspaces npm would publish: those not marked private. */
export function publishable() {
  return workspaces().filter((w) => w.manifest.private !== true);
}
