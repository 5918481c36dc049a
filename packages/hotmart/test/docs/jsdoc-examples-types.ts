/**
 * Type-checks the `@example` blocks against the SDK's sources with the repository's strict compiler
 * options. Running an example proves the call works; only the types prove the fields it reads exist
 * (`console.log(sale.byuer)` prints `undefined` and passes), and they reach the branches a run does not
 * take (`if (isWebhookEvent(payload, "PURCHASE_BILLET_PRINTED"))` with an approved purchase).
 */
import { join } from "node:path";
import ts from "typescript";
import { type JsdocExample, STAND_IN_FUNCTIONS, STAND_IN_VALUES } from "./jsdoc-examples";

/** The client and the stand-ins, declared as the run provides them. */
const STAND_IN_DECLARATIONS = [
  "declare const hotmart: Hotmart;",
  ...Object.entries(STAND_IN_VALUES).map(([name, type]) => `declare let ${name}: ${type};`),
  ...STAND_IN_FUNCTIONS.map((name) => `declare function ${name}(...args: unknown[]): Promise<void>;`),
].join("\n");

const IMPORT_LINE = /^import\s[^;]*;?\s*$/;

/**
 * The diagnostics of each example, keyed by `file:line` (empty array: it type-checks). One program
 * for all of them: the SDK's sources are parsed once.
 */
export function typeCheck(examples: readonly JsdocExample[], repoRoot: string): Map<string, string[]> {
  const configPath = join(repoRoot, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  // An example shows a call: its unused results and a type imported without `type` are fine there.
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
    verbatimModuleSyntax: false,
  };
  const sdkIndex = join(repoRoot, "packages/hotmart/src/index.ts");
  const first = ts.createProgram([sdkIndex], options);
  const checker = first.getTypeChecker();
  const indexFile = first.getSourceFile(sdkIndex);
  const moduleSymbol = indexFile && checker.getSymbolAtLocation(indexFile);
  if (!moduleSymbol) throw new Error("cannot read the SDK's exports");
  const sdkNames = checker.getExportsOfModule(moduleSymbol).map((s) => s.name);

  const dir = join(repoRoot, "packages/hotmart/test/docs/.examples");
  const virtual = new Map<string, JsdocExample>();
  const texts = new Map<string, string>();
  examples.forEach((example, i) => {
    const fileName = join(dir, `example-${i}.ts`);
    virtual.set(fileName, example);
    texts.set(fileName, moduleText(example.code, sdkNames));
  });
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => texts.has(f) || ts.sys.fileExists(f);
  host.readFile = (f) => texts.get(f) ?? readFile(f);
  host.getSourceFile = (f, lang, onError, create) => {
    const text = texts.get(f);
    return text === undefined
      ? getSourceFile(f, lang, onError, create)
      : ts.createSourceFile(f, text, lang, true);
  };
  host.directoryExists = (d) => d === dir || d.startsWith(`${dir}/`) || ts.sys.directoryExists(d);
  const program = ts.createProgram([...virtual.keys()], options, host, first);

  const result = new Map<string, string[]>();
  for (const [fileName, example] of virtual) {
    const source = program.getSourceFile(fileName);
    const diagnostics = source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : [];
    result.set(
      `${example.file}:${example.line}`,
      diagnostics.map((d) => {
        // The offending line's text: the module's line numbers are not the comment's.
        const line =
          d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
        const where = line >= 0 ? `${d.file?.text.split("\n")[line]?.trim()}\n  ` : "";
        return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  }
  return result;
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
