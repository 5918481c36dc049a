// `npm run docs:check`: builds the API reference in memory (TypeDoc, typedoc.json, nothing written) and
// - fails on any TypeDoc error and on every broken link: a {@link} that resolves to nothing, a relative
//   link in a comment or the README that points at a missing file;
// - lists exported declarations without documentation, and fails when there are more of them than
//   scripts/docs-baseline.json allows (a ratchet: the numbers can only go down; lower them when they
//   do) or when a field of a `...Params` type (a filter or a body field) has none; --strict fails on
//   any undocumented declaration.
// - fails on every relative link of the repository's Markdown (READMEs, docs/, CONTRIBUTING...) that
//   points at a missing file or heading.
// `npm run docs` writes the HTML reference to api-docs/ (gitignored).
// --after-typecheck (npm test, after its tsc run has type-checked the same sources with the same
// options): TypeDoc skips its own type check of the sources, a second one (--skipErrorChecking).
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { brokenLinks } from "./lib/md-links.mjs";
import { ROOT } from "./lib/workspaces.mjs";

const strict = process.argv.includes("--strict");
const verbose = process.argv.includes("--verbose");
const afterTypecheck = process.argv.includes("--after-typecheck");
const typedoc = path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc");
// TypeDoc's output goes to a file, not a pipe: it exits with process.exit(), which drops whatever is
// still queued on a pipe (thousands of warning lines; the link checks come last), while file writes
// are synchronous. The file stays for reading: .tmp/docs-check.log.
mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
const logFile = path.join(ROOT, ".tmp", "docs-check.log");
const fd = openSync(logFile, "w");
const result = spawnSync(
  process.execPath,
  [
    typedoc,
    ...["--emit", "none", "--validation.notDocumented", "true", "--validation.invalidLink", "true"],
    ...(afterTypecheck ? ["--skipErrorChecking"] : []),
  ],
  { cwd: ROOT, stdio: ["ignore", fd, fd], env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
);
closeSync(fd);
const raw = readFileSync(logFile, "utf8");
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour codes TypeDoc may still print
const lines = raw.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
const errors = lines.filter((l) => l.startsWith("[error]") && !/^\[error\] Found \d+ errors/.test(l));
const broken = lines.filter((l) =>
  /Failed to resolve link|relative path .* (does not exist|is not a file)|link .* (does not|could not)/i.test(
    l,
  ),
);
// Members of anonymous inline types (zod schema internals, object literals) are noise: not counted.
const undocumented = lines.filter((l) => /does not have any documentation/.test(l) && !l.includes("__type"));
const isMember = (l) => /\((Property|Accessor|Enumeration Member)\)/.test(l);
const topLevel = undocumented.filter((l) => !isMember(l));
const members = undocumented.filter(isMember);
const unexported = lines.filter((l) => /is referenced by .* but not included in the documentation/.test(l));

const baselineFile = path.join(ROOT, "scripts", "docs-baseline.json");
const baseline = JSON.parse(readFileSync(baselineFile, "utf8"));
const overBaseline = [];
if (topLevel.length > baseline.exports)
  overBaseline.push(`${topLevel.length} undocumented exports, more than the ${baseline.exports} allowed`);
if (members.length > baseline.properties)
  overBaseline.push(
    `${members.length} undocumented properties, more than the ${baseline.properties} allowed`,
  );
// Every filter a method takes is documented: a params field without a comment fails whatever the count.
const undocumentedParams = members.filter((l) => /Params\.\w+ \(Property\)/.test(l));

const mdBroken = brokenLinks();
for (const l of mdBroken) console.log(`FAIL markdown link ${l}`);
for (const l of [...errors, ...broken]) console.log(`FAIL ${l.replace(/^\[\w+\]\s*/, "")}`);
const show = (l) => `     ${l.replace(/^\[\w+\]\s*/, "").replace(/, does not have any documentation$/, "")}`;
if (topLevel.length) {
  console.log(`${strict ? "FAIL" : "note"} ${topLevel.length} export(s) or method(s) without documentation:`);
  for (const l of topLevel) console.log(show(l));
}
if (members.length) {
  console.log(
    `${strict ? "FAIL" : "note"} ${members.length} propert(y/ies) without documentation${verbose ? ":" : " (--verbose lists them)"}`,
  );
  if (verbose) for (const l of members) console.log(show(l));
}
for (const l of unexported) console.log(`note ${l.replace(/^\[\w+\]\s*/, "")}`);
for (const l of undocumentedParams) console.log(`FAIL a params field without documentation:${show(l)}`);
for (const l of overBaseline)
  console.log(`FAIL ${l} (scripts/docs-baseline.json): document the new declarations`);
if (topLevel.length < baseline.exports || members.length < baseline.properties)
  console.log(
    `note fewer undocumented declarations than the baseline: set scripts/docs-baseline.json to` +
      ` { "exports": ${topLevel.length}, "properties": ${members.length} }`,
  );
const failed =
  errors.length +
  broken.length +
  mdBroken.length +
  undocumentedParams.length +
  overBaseline.length +
  (strict ? undocumented.length : 0);
console.log(
  `docs check: ${broken.length + mdBroken.length} broken link(s), ${errors.length} error(s), ${topLevel.length} undocumented export(s)` +
    ` and ${members.length} propert(y/ies)` +
    `, ${unexported.length} referenced but not exported`,
);
if (failed || (result.status !== 0 && errors.length === 0 && broken.length === 0 && !undocumented.length)) {
  if (!failed) console.log(lines.slice(-20).join("\n"));
  process.exit(1);
}
