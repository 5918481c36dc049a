// After `npm ci` in a fresh clone, then `npm run build`, the README's `npx hotmart-mcp --simulator`
// answered "sh: 1: hotmart-mcp: not found": npm ci links a workspace's bin only when its target exists,
// and dist/ is built after the install. The build now links what is missing (scripts/lib/bin-links.mjs);
// here on a workspace of its own, the layout npm ci leaves: the package linked, its bin not.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script of the repository, no types
import { linkMissingBins, missingBins } from "../../../scripts/lib/bin-links.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshInstall(built: boolean): string {
  const root = mkdtempSync(path.join(tmpdir(), "bin-links-"));
  dirs.push(root);
  writeFileSync(
    path.join(root, "package.json"),
    JSON.stringify({ name: "root", private: true, workspaces: ["packages/tool"] }),
  );
  const pkg = path.join(root, "packages", "tool");
  mkdirSync(path.join(pkg, "dist"), { recursive: true });
  writeFileSync(
    path.join(pkg, "package.json"),
    JSON.stringify({ name: "tool-pkg", version: "1.0.0", bin: { "tool-cmd": "dist/cli.js" } }),
  );
  if (built)
    writeFileSync(path.join(pkg, "dist", "cli.js"), '#!/usr/bin/env node\nconsole.log("tool ran");\n');
  mkdirSync(path.join(root, "node_modules"));
  symlinkSync(path.join("..", "packages", "tool"), path.join(root, "node_modules", "tool-pkg"), "junction");
  return root;
}

describe("the build links the workspaces' commands npm ci could not", () => {
  it("links a built command missing from node_modules/.bin, so that npx runs it", () => {
    const root = freshInstall(true);
    expect(missingBins(root)).toEqual([{ name: "tool-pkg", bins: ["tool-cmd"] }]);
    expect(linkMissingBins(root)).toEqual(["tool-cmd"]);
    expect(missingBins(root)).toEqual([]);
    const bin = path.join(
      root,
      "node_modules",
      ".bin",
      process.platform === "win32" ? "tool-cmd.cmd" : "tool-cmd",
    );
    chmodSync(path.join(root, "packages", "tool", "dist", "cli.js"), 0o755);
    expect(execFileSync(bin, { encoding: "utf8", shell: process.platform === "win32" })).toBe("tool ran\n");
    // Linked once: the next build starts no npm.
    expect(linkMissingBins(root)).toEqual([]);
  });

  it("leaves alone a command whose target is not built", () => {
    const root = freshInstall(false);
    expect(missingBins(root)).toEqual([]);
    expect(linkMissingBins(root)).toEqual([]);
  });

  it("finds nothing missing in this repository once built", () => {
    expect(missingBins()).toEqual([]);
  });
});
