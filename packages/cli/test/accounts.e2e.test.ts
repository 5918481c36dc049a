/**
 * Several Hotmart accounts from one shell: the environment holds one account, flags name another. A
 * command must run against the account its flags name, with nothing of the other's credential.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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

  it("an export interrupted on account A is not resumed with account B's credentials", async () => {
    const dir = emptyDir();
    // Account A's export stops part-way: one page is refused (400, not retried) after a few went through.
    const fault = a.faults.add({
      route: "GET /payments/api/v1/sales/history",
      kind: "status",
      status: 400,
      rate: 0.3,
    });
    const args = ["export", "sales", "--from", "2020-01-01", "--to", "2026-12-31", "--out", "s.csv"];
    const first = await runCliInProcess([...args, "--page-size", "5", "--concurrency", "1"], {
      env: simEnv(a),
      cwd: dir,
    });
    a.faults.remove(fault.id);
    expect(first.stderr).toMatch(/checkpoint saved to s\.csv\.checkpoint\.json/);
    const left = readFileSync(join(dir, "s.csv"), "utf8");
    b.resetStats();
    const other = await runCliInProcess(["export", "sales", "--resume", "--out", "s.csv"], {
      env: simEnv(b),
      cwd: dir,
    });
    // Before: B's records were appended to A's file, from A's cursors, and the export "succeeded".
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("is an export of another Hotmart account");
    expect(b.stats().tokenGrants).toBe(0);
    expect(readFileSync(join(dir, "s.csv"), "utf8")).toBe(left);
    // With A's credentials it resumes.
    const same = await runCliInProcess(["export", "sales", "--resume", "--out", "s.csv"], {
      env: simEnv(a),
      cwd: dir,
    });
    expect(same.code, same.stderr).toBe(0);
    expect(existsSync(join(dir, "s.csv.checkpoint.json"))).toBe(false);
  });

  it("--dotenv with the shell's own account, written the way the file's reader reads alike (quotes, a comment, 0/false): used, not refused", async () => {
    const file = join(emptyDir(), "same.env");
    // The same values as the shell's, as Node's loader reads them: `"v"  # note` is v, and HOTMART_SANDBOX
    // false is the shell's 0. Before: compared as raw text, each read as another account's and refused.
    writeFileSync(
      file,
      [...Object.entries(b.env).map(([k, v]) => `${k}="${v}"  # account b`), "HOTMART_SANDBOX=false"].join(
        "\n",
      ),
    );
    b.resetStats();
    const r = await runCliInProcess(["--dotenv", file, "products", "list", "--max-results", "1"], {
      env: simEnv(b, { HOTMART_SANDBOX: "0" }),
    });
    expect(r.stderr).not.toMatch(/--dotenv/);
    expect(r.code).toBe(0);
    expect(b.stats().tokenGrants).toBe(1);
  });
});
