/**
 * Every `@example` of the SDK's doc comments type-checks against the sources, strict, with the same
 * names in scope it runs with (jsdoc-examples.test.ts runs them). Apart from the run so the two use
 * both cores: the compile (TypeScript 7, in a child process) is most of this file's time.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { examplesUnder } from "./jsdoc-examples";
import { typeCheck } from "./jsdoc-examples-types";

const examples = examplesUnder(fileURLToPath(new URL("../../src/", import.meta.url))).filter(
  (e) => !e.notRunnable,
);

describe("@example blocks type-check (strict, the repository's options)", () => {
  /** A wrong field name, which a run would only print as `undefined`: the check must catch it. */
  const canary = {
    file: "canary",
    line: 0,
    code: "for await (const sale of hotmart.sales.history()) console.log(sale.purchase.transaction_code);",
  };
  let diagnostics = new Map<string, string[]>();
  beforeAll(() => {
    diagnostics = typeCheck([...examples, canary], fileURLToPath(new URL("../../../../", import.meta.url)));
  }, 180_000);

  it("catches a field that does not exist", () => {
    expect(diagnostics.get("canary:0")?.join("\n")).toMatch(/transaction_code.*does not exist/);
  });

  for (const example of examples) {
    const name = `${example.file}:${example.line}`;
    it(name, () => {
      expect(diagnostics.get(name), "the example's type errors").toEqual([]);
    });
  }
});
