/**
 * Type-checks the `@example` blocks against the SDK's sources with the repository's strict compiler
 * options. Running an example proves the call works; only the types prove the fields it reads exist
 * (`console.log(sale.byuer)` prints `undefined` and passes), and they reach the branches a run does not
 * take (`if (isWebhookEvent(payload, "PURCHASE_BILLET_PRINTED"))` with an approved purchase).
 *
 * The compiler is the repository's (scripts/tsc7.mjs: TypeScript 7, one thread), run once over every
 * example written as a module under .tmp/: it did in 1.6 CPU-s what TypeScript 5.9's API did in this
 * process in 5.7, and CPU time is what bounds npm test on 2 cores. Where 7 cannot be installed, 5.9.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { ensureToolchains } from "../../../../scripts/toolchains.mjs";
import { type JsdocExample, STAND_IN_FUNCTIONS, STAND_IN_VALUES } from "./jsdoc-examples";

/** The client and the stand-ins, declared as the run provides them. */
const STAND_IN_DECLARATIONS = [
  "declare const hotmart: Hotmart;",
  ...Object.entries(STAND_IN_VALUES).map(([name, type]) => `declare let ${name}: ${type};`),
  ...STAND_IN_FUNCTIONS.map((name) => `declare function ${name}(...args: unknown[]): Promise<void>;`),
].join("\n");

const IMPORT_LINE = /^import\s[^;]*;?\s*$/;

/** `file(line,col): error TS1234: message`, as tsc prints it with `--pretty false`. */
const DIAGNOSTIC = /^(.+?)\((\d+),\d+\): error TS\d+: (.*)$/;

/**
 * The diagnostics of each example, keyed by `file:line` (empty array: it type-checks). One compile
 * for all of them: the SDK's sources are read once.
 */
export function typeCheck(examples: readonly JsdocExample[], repoRoot: string): Map<string, string[]> {
  const sdkNames = exportedNames(join(repoRoot, "packages/hotmart/src/index.ts"));
  const scratch = join(repoRoot, ".tmp");
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, "jsdoc-examples-"));
  try {
    const byFile = new Map<string, { example: JsdocExample; lines: string[] }>();
    examples.forEach((example, i) => {
      const fileName = join(dir, `example-${i}.ts`);
      const text = moduleText(example.code, sdkNames);
      writeFileSync(fileName, text);
      byFile.set(fileName, { example, lines: text.split("\n") });
    });
    // The repository's options (and its paths: "hotmart" is the sources); an example shows a call, so
    // its unused results and a type imported without `type` are fine there.
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(repoRoot, "tsconfig.json"),
        compilerOptions: {
          noEmit: true,
          noUnusedLocals: false,
          noUnusedParameters: false,
          verbatimModuleSyntax: false,
        },
        files: [...byFile.keys()],
        include: [],
      }),
    );
    const [command, ...args] = compiler(repoRoot);
    const run = spawnSync(
      command as string,
      [...args, "-p", join(dir, "tsconfig.json"), "--pretty", "false"],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    if (run.error) throw run.error;

    const result = new Map<string, string[]>();
    for (const { example } of byFile.values()) result.set(`${example.file}:${example.line}`, []);
    let last: string[] | undefined;
    for (const line of run.stdout.split("\n")) {
      const match = DIAGNOSTIC.exec(line);
      if (!match) {
        // A message's chain continues on indented lines.
        if (last && /^\s/.test(line) && line.trim()) last[last.length - 1] += `\n${line.trim()}`;
        continue;
      }
      const [, file = "", lineNumber = "", message = ""] = match;
      const entry = byFile.get(resolve(repoRoot, file));
      // The SDK's own errors are `npm run typecheck`'s to report; only the examples' are kept here.
      if (!entry) {
        last = undefined;
        continue;
      }
      // The offending line's text: the module's line numbers are not the comment's.
      const where = entry.lines[Number(lineNumber) - 1]?.trim();
      last = result.get(`${entry.example.file}:${entry.example.line}`);
      last?.push(`${where === undefined ? "" : `${where}\n  `}${message}`);
    }
    if (run.status !== 0 && [...result.values()].every((d) => d.length === 0))
      throw new Error(
        `the type check failed without a diagnostic of an example:\n${run.stdout}${run.stderr}`,
      );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** TypeScript 7 (scripts/tsc7.mjs), or the root's 5.9 where 7 cannot be installed. */
function compiler(repoRoot: string): string[] {
  try {
    ensureToolchains();
    return [process.execPath, join(repoRoot, "scripts/tsc7.mjs")];
  } catch {
    return [process.execPath, join(repoRoot, "node_modules/typescript/bin/tsc")];
  }
}

/**
 * The names a module exports, following `export *` into the files it names: the names an example may
 * use without importing them. Read with TypeScript's parser alone (no program, no checker). A name
 * missed here fails the examples that use it ("Cannot find name"), never passes one.
 */
function exportedNames(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const names: string[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) names.push(...clause.elements.map((e) => e.name.text));
      else if (!clause && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier))
        names.push(...exportedNames(moduleFile(dirname(file), statement.moduleSpecifier.text), seen));
    } else if (exported(statement)) {
      if (ts.isVariableStatement(statement))
        for (const d of statement.declarationList.declarations)
          if (ts.isIdentifier(d.name)) names.push(d.name.text);
      const name = (statement as { name?: ts.Node }).name;
      if (name && ts.isIdentifier(name)) names.push(name.text);
    }
  }
  return [...new Set(names)];
}

/** `./export` → `…/export.ts` or `…/export/index.ts`, as the sources' imports resolve. */
function moduleFile(from: string, specifier: string): string {
  const base = resolve(from, specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {}
  }
  throw new Error(`cannot find the module ${specifier} from ${from}`);
}

/**
 * The example as a module: the SDK's exports it does not import itself, the stand-ins, then its own
 * imports and, in a block (so it may redeclare `hotmart`), its code.
 */
function moduleText(code: string, sdkNames: readonly string[]): string {
  const lines = code.split("\n");
  const imports = lines.filter((l) => IMPORT_LINE.test(l));
  const rest = lines.filter((l) => !IMPORT_LINE.test(l));
  const own = new Set(imports.flatMap((l) => /\{([^}]*)\}/.exec(l)?.[1]?.split(",") ?? []).map(importedName));
  const provided = sdkNames.filter((n) => !own.has(n));
  return [
    `import { ${provided.join(", ")} } from "hotmart";`,
    ...imports,
    STAND_IN_DECLARATIONS,
    "{",
    ...rest,
    "}",
    "export {};",
  ].join("\n");
}

function importedName(spec: string): string {
  return (
    spec
      .replace(/^\s*type\s+/, "")
      .split(/\s+as\s+/)
      .pop()
      ?.trim() ?? ""
  );
}
