// Sets the release metadata of every publishable workspace from one source, the root package.json:
// repository (with the package's directory), homepage, bugs, license, engines, keywords (kept, "hotmart"
// ensured), publishConfig.access; copies the root LICENSE into the package; starts a CHANGELOG.md that
// changesets appends to; lists LICENSE and CHANGELOG.md in "files"; writes bin paths the way npm
// normalizes them (no "./"), so `npm publish` has nothing to auto-correct; writes the package's version
// into the source constants that report it (the SDK's User-Agent, `hotmart --version`, the MCP server's
// version), so `changeset version` never leaves them behind.
// Re-run after adding a package: `node scripts/release-metadata.mjs`. With --check it changes nothing and
// exits 1 if any package is out of date (npm test runs that, so a new package cannot ship without it).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publishable, ROOT, readJSON } from "./lib/workspaces.mjs";

const check = process.argv.includes("--check");
const root = readJSON(path.join(ROOT, "package.json"));
const repoURL = root.repository?.url;
if (!repoURL) {
  console.error(
    'root package.json needs "repository": { "type": "git", "url": "git+https://github.com/<owner>/<repo>.git" }',
  );
  process.exit(1);
}
// git+https://github.com/o/r.git → https://github.com/o/r
const web = repoURL.replace(/^git\+/, "").replace(/\.git$/, "");
const license = readFileSync(path.join(ROOT, "LICENSE"), "utf8");

/** Inserts `extra` keys right after "license" (npm's conventional order), keeping every other key's place. */
function withMetadata(manifest, extra) {
  const out = {};
  for (const [key, value] of Object.entries(manifest)) {
    if (key === "license") Object.assign(out, extra);
    else if (!(key in extra)) out[key] = value;
  }
  if (!("license" in manifest)) Object.assign(out, extra);
  return out;
}

/** Source constants that carry a package's own version: [package, file, pattern whose $1 is the version]. */
const VERSION_CONSTANTS = [
  ["hotmart", "src/internal/http.ts", /(?<=USER_AGENT = "hotmart-typescript\/)([^"]+)(?=")/],
  ["hotmart-cli", "src/program.ts", /(?<=VERSION = ")([^"]+)(?=")/],
  ["hotmart-mcp", "src/server.ts", /(?<=SERVER_VERSION = ")([^"]+)(?=")/],
];

const stale = [];
for (const { dir, rel, manifest } of publishable()) {
  const bin =
    manifest.bin && typeof manifest.bin === "object"
      ? Object.fromEntries(Object.entries(manifest.bin).map(([k, v]) => [k, path.posix.normalize(v)]))
      : manifest.bin;
  const keywords = [
    ...new Set(["hotmart", ...(manifest.keywords ?? [manifest.name.replace(/^hotmart-?/, "") || "sdk"])]),
  ];
  const files = manifest.files ? [...new Set([...manifest.files, "LICENSE", "CHANGELOG.md"])] : undefined;
  const next = withMetadata(
    { ...manifest, ...(bin ? { bin } : {}), ...(files ? { files } : {}) },
    {
      license: root.license ?? "MIT",
      repository: { type: "git", url: repoURL, directory: rel },
      homepage: `${web}/tree/main/${rel}#readme`,
      bugs: { url: `${web}/issues` },
      keywords,
      engines: manifest.engines ?? root.engines,
      publishConfig: { access: "public", ...manifest.publishConfig },
    },
  );
  const writes = [
    [path.join(dir, "package.json"), `${JSON.stringify(next, null, 2)}\n`],
    [path.join(dir, "LICENSE"), license],
  ];
  for (const [name, file, pattern] of VERSION_CONSTANTS) {
    if (name !== manifest.name) continue;
    const source = readFileSync(path.join(dir, file), "utf8");
    if (!pattern.test(source)) {
      console.error(`${rel}/${file}: the version constant is gone; update VERSION_CONSTANTS`);
      process.exit(1);
    }
    writes.push([path.join(dir, file), source.replace(pattern, manifest.version)]);
  }
  const changelog = path.join(dir, "CHANGELOG.md");
  if (!existsSync(changelog)) writes.push([changelog, `# ${manifest.name}\n`]);
  for (const [file, content] of writes) {
    if (existsSync(file) && readFileSync(file, "utf8") === content) continue;
    stale.push(path.relative(ROOT, file));
    if (!check) writeFileSync(file, content);
  }
}
if (check && stale.length) {
  console.log(
    `FAIL release metadata out of date: ${stale.join(", ")}\n     run: node scripts/release-metadata.mjs`,
  );
  process.exit(1);
}
console.log(
  stale.length ? `release metadata written: ${stale.join(", ")}` : "ok   release metadata up to date",
);
