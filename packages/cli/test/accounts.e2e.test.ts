/**
 * Several Hotmart accounts from one shell: the environment holds one account, flags name another. A
 * command must run against the account its flags name, with nothing of the other's credential.
 */
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, simEnv } from "./helpers";

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
});
