// The SDK's published declarations, copied into a consumer project as TypeScript sources, for the
// consumer compiles of TypeScript 5.x (test:pack, test:toolchains).
//
// Why: with `skipLibCheck: false` a compiler checks every declaration file the program loads, ours and
// everyone else's. zod's and @types/node's cost a TypeScript 5.x compile more than ours: of 4.3 s of
// checking in the nodenext project, 1.8 s were zod's files and 0.7 s @types/node's, and a compile took
// 10-11 CPU-s (7-8 for the bundler one). Those are their packages' declarations, not ours to check once
// per compiler: TypeScript 7 compiles the same projects with `skipLibCheck: false`, and so does the
// oldest we support, 5.5, in the node project (the one that loads them all: an old compiler is the one
// that may fail on a newer dependency's declarations), so every declaration the consumers load is
// still checked by both ends of the range. The other 5.x compiles take `skipLibCheck: true` and
// these copies as root files: a source file is checked whatever skipLibCheck says, so every line of what
// we publish is still checked by every compiler, as strictly as the consumer's own code, while the
// consumer files still import the package itself, through its exports.
//
// dist/<name>.d.ts becomes <name>.mts (its relative imports `./x.js` become `./x.mjs`, which resolves to
// x.mts), and dist/<name>.d.cts becomes <name>.cts (`./x.cjs` resolves to x.cts as it is): an ESM and a
// CommonJS module under nodenext, as Node and the compiler read the originals.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const RELATIVE_JS = /(\bfrom\s*|\bimport\s*\(\s*)(["'])(\.\.?\/[^"']*)\.js\2/g;
const COPIES = "published-types";

/**
 * Copies the declaration files of `distDir` into `<projectDir>/published-types` as sources; returns
 * their paths relative to `projectDir`: `{ esm, cjs }` (the .mts and the .cts copies).
 */
export function declarationsAsSources(distDir, projectDir) {
  const outDir = path.join(projectDir, COPIES);
  mkdirSync(outDir, { recursive: true });
  const esm = [];
  const cjs = [];
  for (const name of readdirSync(distDir).sort()) {
    const esmName = name.match(/^(.*)\.d\.ts$/)?.[1];
    const cjsName = name.match(/^(.*)\.d\.cts$/)?.[1];
    if (esmName === undefined && cjsName === undefined) continue;
    const text = readFileSync(path.join(distDir, name), "utf8");
    const copy =
      esmName !== undefined ? path.join(outDir, `${esmName}.mts`) : path.join(outDir, `${cjsName}.cts`);
    writeFileSync(copy, esmName !== undefined ? text.replace(RELATIVE_JS, "$1$2$3.mjs$2") : text);
    (esmName !== undefined ? esm : cjs).push(path.relative(projectDir, copy).split(path.sep).join("/"));
  }
  if (esm.length === 0) throw new Error(`no declaration files in ${distDir}: run npm run build first`);
  return { esm, cjs };
}

/** A compiler's output with each copy named as the published file it is (the same text, line for line). */
export function namePublished(output, distLabel) {
  return output.replace(new RegExp(`${COPIES}/([\\w.-]+)\\.(m|c)ts\\b`, "g"), (_, name, kind) =>
    path.posix.join(distLabel, `${name}.d.${kind === "c" ? "cts" : "ts"}`),
  );
}
