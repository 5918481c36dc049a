import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The regular expression literal `const SECRET_KEY = /.../i` holds in a source file. */
function secretKeyOf(relative: string): string {
  const source = readFileSync(fileURLToPath(new URL(relative, import.meta.url)), "utf8");
  const found = /const SECRET_KEY =\s*(\/.+\/[a-z]*);/.exec(source)?.[1];
  if (found === undefined) throw new Error(`no SECRET_KEY literal in ${relative}`);
  return found;
}

// The simulator does not depend on the SDK, so it holds its own copy of the credential field names its
// log masks; a name added on one side only would leave that field in clear on the other.
describe("Secret field names: SDK and simulator agree", () => {
  it("the simulator's log masks the same field names as the SDK's redactor", () => {
    const simulator = secretKeyOf("../src/secrets.ts");
    expect(simulator).toContain("client_secret");
    expect(simulator).toBe(secretKeyOf("../../hotmart/src/internal/redact.ts"));
  });
});
