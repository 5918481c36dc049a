/**
 * Several Hotmart accounts from one shell: the environment holds one account, flags name another. A
 * command must run against the account its flags name, with nothing of the other's credential.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyDir, runCliInProcess, simEnv } from "./helpers";

let a: Simulator;
let b: Simulator;
beforeAll(async () => {
  [a, b] = await Promise.all([startSimulator({ port: 0, seed: 81 }), startSimulator({ port: 0, seed: 82 })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe("accounts", () => {
  it("--client-id and --client-secret of account B do not take HOTMART_BASIC of the environment's account A", async () => {
    const env = simEnv(a, { HOTMART_BASIC: a.credentials.basic });
    const r = await runCliInProcess(
      [
        "--client-id",
        b.credentials.clientId,
        "--client-secret",
        b.credentials.clientSecret,
        "--base-url",
        b.url,
        "--auth-url",
        b.authURL,
        "products",
        "list",
        "--max-results",
        "1",
      ],
      { env },
    );
    // Before: the token request carried A's Basic value (A's secret) to B, which answered 401.
    expect(r.stderr).not.toMatch(/401|refused/);
    expect(r.code).toBe(0);
    expect(b.stats().tokenGrants).toBe(1);
  });

  it("--dotenv with account B's file, while the shell exports account A's credentials: refused, nothing sent to either", async () => {
    const file = join(emptyDir(), "tenant-b.env");
    writeFileSync(
      file,
      Object.entries(b.env)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n"),
    );
    a.resetStats();
    b.resetStats();
    const r = await runCliInProcess(["--dotenv", file, "products", "list", "--max-results", "1"], {
      env: simEnv(a),
    });
    // Before: the shell's values won over the file's, and the command ran on account A without a word.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--dotenv .*tenant-b\.env sets HOTMART_\w+, but the environment already holds another/,
    );
    expect(r.stderr).not.toContain(a.credentials.clientSecret);
    expect(a.stats().tokenGrants + b.stats().tokenGrants).toBe(0);
    // The same file with the shell's account unset is used.
    const ok = await runCliInProcess(["--dotenv", file, "products", "list", "--max-results", "1"], {
      env: simEnv(undefined),
    });
    expect(ok.code).toBe(0);
    expect(b.stats().tokenGrants).toBe(1);
  });
});
