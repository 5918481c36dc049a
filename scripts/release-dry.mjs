// `npm run release:dry`: what `npm publish` would do for every publishable workspace, without publishing.
// Builds everything once, then per package: `npm publish --dry-run --json` (npm's own file list and
// manifest fixes), and checks that the tarball holds LICENSE, CHANGELOG.md, README.md, README-ptBR.md
// and every file package.json points at (main, module, types, exports, bin), that bin targets start
// with a shebang, that npm had nothing to auto-correct, and that the release metadata (scripts/release-metadata.mjs) is present.
// Workspaces come from the root package.json, so new packages are checked without editing this file.
// --no-build skips the build (when `npm run build` just ran). Exit 1 if any check fails.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { publishable, ROOT } from "./lib/workspaces.mjs";

const REQUIRED_FIELDS = [
  "name",
  "version",
  "description",
  "license",
  "repository",
  "homepage",
  "bugs",
  "keywords",
  "engines",
];
// The docs are in English with pt-BR beside them: both READMEs ship in every tarball.
const REQUIRED_FILES = ["package.json", "README.md", "README-ptBR.md", "LICENSE", "CHANGELOG.md"];

function npmEnv() {
  // Flags of a parent `npm run -w x` would redirect the child; drop them.
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (/^npm_config_(workspaces?|dry_run|json)$/i.test(key)) delete env[key];
  return env;
}

function npm(args, cwd) {
  return spawnSync("npm", args, {
    cwd,
    env: npmEnv(),
    encoding: "utf8",
    shell: process.platform === "win32",
  });
}

/** `npm args` without blocking, so every package's dry run goes at once: `{ status, stdout, stderr }`. */
function npmAsync(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn("npm", args, { cwd, env: npmEnv(), shell: process.platform === "win32" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", (error) => resolve({ status: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file path a package.json field points at: main, module, types, bin, and each exports leaf. */
function pointedAt(manifest) {
  const targets = new Set();
  const add = (value) => {
    if (typeof value === "string") {
      if (!value.includes("*")) targets.add(path.posix.normalize(value));
    } else if (value && typeof value === "object") {
      for (const v of Object.values(value)) add(v);
    }
  };
  for (const field of ["main", "module", "types", "typings"]) add(manifest[field]);
  add(manifest.exports);
  add(typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : manifest.bin);
  return [...targets];
}

let failures = 0;
const fail = (name, message) => {
  failures++;
  console.log(`FAIL ${name}: ${message}`);
};

if (!process.argv.includes("--no-build")) {
  const build = npm(["run", "build", "--silent"], ROOT);
  if (build.status !== 0) {
    console.log(`FAIL build\n${build.stdout}${build.stderr}`);
    process.exit(1);
  }
  console.log("ok   build (npm run build, every workspace)");
}

const packages = publishable();
// npm spends most of a dry run starting: one npm process dry-runs every package (-w each), and its
// report is keyed by package name. Only when it fails or npm would correct a manifest do the packages
// run one by one (side by side), so the problem is told with the package's name.
const publishArgs = ["publish", "--dry-run", "--json", "--ignore-scripts", "--tag", "dry-run"];
const corrections = (stderr) =>
  stderr.split("\n").filter((l) => /corrected|was invalid|was renamed|removed invalid/.test(l));
const together = await npmAsync([...publishArgs, ...packages.flatMap(({ rel }) => ["-w", rel])], ROOT);
const dryRuns =
  together.status === 0 && corrections(together.stderr).length === 0
    ? packages.map(() => together)
    : packages.map(({ dir }) => npmAsync(publishArgs, dir));
for (const [index, { dir, rel, manifest }] of packages.entries()) {
  const name = manifest.name ?? rel;
  const errorsBefore = failures;
  const missingFields = REQUIRED_FIELDS.filter((f) => manifest[f] === undefined);
  if (missingFields.length)
    fail(name, `package.json lacks ${missingFields.join(", ")} (run node scripts/release-metadata.mjs)`);

  const result = await dryRuns[index];
  if (result.status !== 0) {
    fail(name, `npm publish --dry-run exited ${result.status}\n${result.stderr}`);
    continue;
  }
  // npm fixes some manifest mistakes silently at publish time (a "./" in bin, a bad name): treat as errors,
  // so what is in git is what gets published.
  const corrected = corrections(result.stderr);
  if (corrected.length)
    fail(name, `npm would rewrite package.json on publish:\n     ${corrected.join("\n     ")}`);

  const report = JSON.parse(result.stdout);
  const info = report[manifest.name] ?? report;
  const files = new Set(info.files.map((f) => f.path));
  const absent = [...REQUIRED_FILES, ...pointedAt(manifest)].filter((f) => !files.has(f));
  if (absent.length) fail(name, `not in the tarball: ${absent.join(", ")}`);

  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const bin of bins) {
    const head = readFileSync(path.join(dir, bin), "utf8").slice(0, 2);
    if (head !== "#!") fail(name, `bin ${bin} does not start with a shebang (#!/usr/bin/env node)`);
  }
  const leaked = [...files].filter((f) => /^(src|test|tests)\//.test(f) || /\.test\.[cm]?[jt]s$/.test(f));
  if (leaked.length) fail(name, `sources or tests would be published: ${leaked.slice(0, 5).join(", ")}`);

  if (failures === errorsBefore) {
    const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
    console.log(
      `ok   ${info.id}: ${info.entryCount} files, ${kB(info.size)} packed, ${kB(info.unpackedSize)} unpacked` +
        (bins.length ? `, bin ${bins.join(" ")}` : ""),
    );
  }
}
console.log(`release dry run: ${packages.length} package(s), ${failures} problem(s)`);
if (failures) process.exit(1);
