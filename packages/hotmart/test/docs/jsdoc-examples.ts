/**
 * The `@example` blocks of the SDK's doc comments, pulled out of the sources and turned into code the
 * test can run. Kept apart from the test so the extraction, which decides what is run at all, is
 * tested on its own: a parser that quietly finds nothing would make every example "pass".
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { transform } from "esbuild";

/** One `@example` block: where it is, its code as a reader copies it, and why it is not run (if so). */
export interface JsdocExample {
  /** Path relative to the folder searched, e.g. `resources/sales.ts`. */
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  code: string;
  /** The reason of a `// not-runnable: reason` first line; the block is then compiled but not run. */
  notRunnable?: string;
}

/**
 * Names an example may use without declaring them, for what the app around it would have: the value
 * a webhook handler receives, a stored body or checkpoint, an e-mail (with its type), and the app's
 * own functions. Both the run (which provides them) and the type check (which declares them) use
 * this list, so an example is checked with exactly the names it runs with.
 */
export const STAND_IN_VALUES = {
  payload: "WebhookPayload",
  storedBody: "string",
  saved: "string",
  email: "string",
} as const;
export const STAND_IN_FUNCTIONS = [
  "store",
  "save",
  "sendWelcome",
  "sendPixReminder",
  "grant",
  "revoke",
  "revokeAt",
] as const;

const TAG = /^\s*\*\s*@example\b/;
/** The next block tag or the end of the comment ends an example. */
const NEXT_TAG = /^\s*\*\s*@\w+/;
const COMMENT_END = /\*\//;
const FENCE = /^\s*```\s*([\w-]*)\s*$/;
const CODE_LANGS = new Set(["", "ts", "typescript", "js", "javascript", "tsx"]);
const NOT_RUNNABLE = /^\/\/\s*not-runnable:\s*(.*\S)\s*$/;

/** The examples of one source text. `file` only labels them. */
export function extractExamples(file: string, text: string): JsdocExample[] {
  const lines = text.split("\n");
  const examples: JsdocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!TAG.test(lines[i] ?? "")) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const raw = lines[j] ?? "";
      if (NEXT_TAG.test(raw)) break;
      const end = COMMENT_END.exec(raw);
      const content = (end ? raw.slice(0, end.index) : raw).replace(/^\s*\* ?/, "").trimEnd();
      if (!end || content.trim() !== "") body.push(content);
      if (end) break;
    }
    const code = withoutFences(body).join("\n").trim();
    const mark = NOT_RUNNABLE.exec(code.split("\n")[0] ?? "");
    examples.push({ file, line: i + 1, code, ...(mark?.[1] ? { notRunnable: mark[1] } : {}) });
  }
  return examples;
}

/**
 * TypeDoc shows an unfenced example as code, and a fenced one as Markdown whose code blocks are the
 * example: keep only what is inside ts/js fences when there are fences.
 */
function withoutFences(lines: string[]): string[] {
  if (!lines.some((l) => FENCE.test(l))) return lines;
  const code: string[] = [];
  let inside: boolean | undefined; // undefined: outside; false: inside a block of another language
  for (const line of lines) {
    const fence = FENCE.exec(line);
    if (fence && inside === undefined) inside = CODE_LANGS.has((fence[1] ?? "").toLowerCase());
    else if (fence) inside = undefined;
    else if (inside) code.push(line);
  }
  return code;
}

/** Every example of every `.ts` file under `dir`, sorted by file then line. */
export function examplesUnder(dir: string): JsdocExample[] {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => relative(dir, join(dir, f)).split("\\").join("/"))
    .sort();
  return files.flatMap((f) => extractExamples(f, readFileSync(join(dir, f), "utf8")));
}

/**
 * The example as the body of an async function: TypeScript stripped by esbuild (so a syntax error
 * fails the example even when it is not run), and each `import ... from "m"` turned into a
 * destructuring of `await __import("m")`, because a function body cannot hold import declarations.
 * The code is wrapped in a block so it may declare names the function also receives as parameters
 * (`const hotmart = new Hotmart()` shadows the provided client).
 */
export async function toFunctionBody(code: string): Promise<string> {
  const { code: js } = await transform(code, { loader: "ts", target: "es2022" });
  const body = js.replace(
    /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s*as\s+([\w$]+)|\{([^}]*)\})?\s*(?:from\s*)?"([^"]+)";?$/gm,
    (
      _all,
      defaultName: string | undefined,
      namespace: string | undefined,
      named: string | undefined,
      spec,
    ) => {
      const source = `await __import(${JSON.stringify(spec)})`;
      const decls: string[] = [];
      if (namespace) decls.push(`const ${namespace} = ${source};`);
      if (named !== undefined) {
        const fields = named
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean)
          .map((n) => n.replace(/\s+as\s+/, ": "));
        decls.push(`const { ${fields.join(", ")} } = ${source};`);
      }
      if (defaultName) decls.push(`const ${defaultName} = (${source}).default;`);
      return decls.length ? decls.join(" ") : `${source};`;
    },
  );
  return `{\n${body}\n}`;
}
