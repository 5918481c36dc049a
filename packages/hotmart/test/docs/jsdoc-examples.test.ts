/**
 * Every `@example` of the SDK's doc comments (packages/hotmart/src/**.ts) runs against the simulator,
 * so an example a reader copies from the API reference or an editor tooltip works as written.
 *
 * Each example runs as its own test, named by file and line, as the body of an async function that
 * receives the names a reader has at hand where the example would sit:
 * - `hotmart`: a client on the simulator (seed 42, the ids of the README's id table); an example may
 *   build its own instead, `new Hotmart()` reads the simulator's HOTMART_* variables;
 * - every export of "hotmart", imported or not (`import { ... } from "hotmart"` works too);
 * - the stand-ins of jsdoc-examples.ts (STAND_IN_VALUES, STAND_IN_FUNCTIONS): a webhook `payload` (what
 *   a handler receives), a stored body, a saved export checkpoint, an e-mail, and the app's own
 *   functions (`grant`, `store`, ...), which record their calls in the example's output.
 * The data is generated again after each example that wrote (refund, cancel, coupons), so writes never
 * leak into the next.
 * An example that cannot run starts with `// not-runnable: why`: it is still compiled (TypeScript
 * stripped, so a syntax error fails) but neither run nor type-checked (jsdoc-examples-types.test.ts).
 */
import { fileURLToPath } from "node:url";
import * as sdk from "hotmart";
import * as schemas from "hotmart/schemas";
import { PINNED_NOW, sampleWebhook } from "hotmart-simulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiCalls, clientFor, useSimulator } from "../integration/helpers";
import {
  examplesUnder,
  extractExamples,
  STAND_IN_FUNCTIONS,
  type STAND_IN_VALUES,
  toFunctionBody,
} from "./jsdoc-examples";

/** The stats key of a token request: it changes no data. */
const TOKEN_ROUTE = "/security/oauth/token";
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const examples = examplesUnder(SRC);
/** Fewer than this means the extraction broke, not that the examples were deleted. */
const AT_LEAST = 40;

const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

describe("extraction", () => {
  it(`finds the SDK's examples (at least ${AT_LEAST} to run), each with code`, () => {
    expect(examples.filter((e) => !e.notRunnable).length).toBeGreaterThanOrEqual(AT_LEAST);
    for (const e of examples) expect(e.code, `${e.file}:${e.line}`).not.toBe("");
  });

  it("strips the comment, the fences and a trailing comment end, and reads the not-runnable mark", () => {
    const text = [
      "/**",
      " * Says hello.",
      " *",
      " * @example",
      " * const a = 1;",
      " *   console.log(a); */",
      "const x = 1;",
      "/**",
      " * @example A caption",
      " * ```ts",
      " * // not-runnable: needs an Express app",
      " * app.post('/hook', handler);",
      " * ```",
      " * @returns nothing",
      " */",
    ].join("\n");
    expect(extractExamples("f.ts", text)).toEqual([
      { file: "f.ts", line: 4, code: "const a = 1;\n  console.log(a);" },
      {
        file: "f.ts",
        line: 9,
        code: "// not-runnable: needs an Express app\napp.post('/hook', handler);",
        notRunnable: "needs an Express app",
      },
    ]);
  });

  it("turns imports into bindings and strips types", async () => {
    const body = await toFunctionBody(
      'import { Hotmart, type Page } from "hotmart";\nimport * as s from "hotmart/schemas";\nconst n: Page<number> | number = 1;\nconsole.log(Hotmart, s, n);',
    );
    expect(body).toContain('const { Hotmart } = await __import("hotmart");');
    expect(body).toContain('const s = await __import("hotmart/schemas");');
    expect(body).toContain("const n = 1;");
    expect(body).not.toContain("Page");
  });
});

describe("@example blocks run against the simulator", () => {
  const ctx = useSimulator({ seed: 42 });
  const savedEnv: Record<string, string | undefined> = {};
  /** Clients an example built itself: closed after it, as the example's process would end. */
  const built: sdk.Hotmart[] = [];
  class Hotmart extends sdk.Hotmart {
    constructor(...args: ConstructorParameters<typeof sdk.Hotmart>) {
      super(...args);
      built.push(this);
    }
  }
  const hotmartModule = { ...sdk, Hotmart };
  /** What an example's `import ... from "<key>"` gets: the in-repo modules, as the package exports them. */
  const modules: Record<string, unknown> = { hotmart: hotmartModule, "hotmart/schemas": schemas };
  let checkpoint = "";

  beforeAll(async () => {
    for (const [key, value] of Object.entries(ctx.sim.env)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    // A checkpoint saved part-way through an export, for the example that resumes one. Its own client,
    // closed after: closing aborts the pages it was still fetching, which would land in a test's log.
    const client = clientFor(ctx.sim);
    const run = client.export.run("sales.history", {});
    let records = 0;
    for await (const _ of run) if (++records === 3) break;
    checkpoint = JSON.stringify(run.checkpoint());
    await client.close();
  });
  /**
   * Whether the last example may have changed the data: it sent a request other than a read or a token
   * request, or the simulator applied a write. Only then is the data generated again for the next one
   * (45 ms a time, for 44 examples most of which only read).
   */
  let changedData = false;
  const changesData = (stats: ReturnType<typeof ctx.sim.stats>) =>
    Object.values(stats.sideEffects).some((n) => n > 0) ||
    Object.keys(stats.requests).some((route) => !route.startsWith("GET ") && !route.endsWith(TOKEN_ROUTE));
  beforeEach(() => {
    if (changedData) ctx.sim.resetData();
    changedData = false;
    ctx.sim.faults.clear();
  });
  afterEach(async () => {
    await Promise.all(built.splice(0).map((c) => c.close()));
    changedData = changesData(ctx.sim.stats());
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  /** The stand-ins (see STAND_IN_VALUES): what the app around an example would have. */
  function standIns(calls: string[]): Record<string, unknown> {
    const storedBody = JSON.stringify(sampleWebhook("PURCHASE_APPROVED", { seed: 42, now: PINNED_NOW }));
    const values: Record<keyof typeof STAND_IN_VALUES, unknown> = {
      payload: sdk.parseWebhook(storedBody),
      storedBody,
      saved: checkpoint,
      email: "aline.melo@example.com",
    };
    // The app's own functions record their calls in the example's output (shown when it fails).
    const functions = STAND_IN_FUNCTIONS.map((name) => [
      name,
      async (...args: unknown[]) => {
        calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(", ")})`);
      },
    ]);
    return { ...values, ...Object.fromEntries(functions) };
  }

  for (const example of examples) {
    const name = `${example.file}:${example.line}`;
    if (example.notRunnable) {
      it(`${name} compiles (not run: ${example.notRunnable})`, async () => {
        await expect(toFunctionBody(example.code)).resolves.toContain("{");
      });
      continue;
    }
    it(name, async () => {
      const output: string[] = [];
      const print = (...args: unknown[]) => {
        output.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      };
      const console = {
        log: print,
        info: print,
        warn: print,
        error: print,
        debug: print,
        dir: print,
        table: print,
      };
      const bindings: Record<string, unknown> = {
        ...hotmartModule,
        ...standIns(output),
        hotmart: ctx.client,
        console,
        __import: async (spec: string) => {
          const found = modules[spec];
          if (!found)
            throw new Error(`the example imports "${spec}"; the test provides only ${Object.keys(modules)}`);
          return found;
        },
      };
      const names = Object.keys(bindings).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      const run = new AsyncFunction(...names, await toFunctionBody(example.code));
      try {
        await run(...names.map((n) => bindings[n]));
      } catch (error) {
        throw new Error(
          `${name} failed: ${error instanceof Error ? error.message : String(error)}\n--- output:\n${output.join("\n")}\n--- code:\n${example.code}`,
          { cause: error },
        );
      }
      // An example that names a method of the client must reach the simulator: a PagePromise built
      // and never awaited would otherwise pass without running anything.
      if (/\bhotmart\.\w+[.(]/.test(example.code)) {
        expect(apiCalls(ctx.sim).length, "requests the example sent").toBeGreaterThan(0);
      }
    });
  }
});
