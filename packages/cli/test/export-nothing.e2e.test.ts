// An export to stdout that fails before its first record (credentials refused, Hotmart unreachable) must
// leave stdout empty: `hotmart export sales --format json > sales.json` left a lone `[`, which no JSON
// reader takes, and a CSV a header alone, which reads as an export that found nothing. The built binary
// against a simulator over loopback.
import type { Simulator } from "hotmart-simulator";
import { startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, simEnv } from "./helpers";

let sim: Simulator;
beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({ port: 0, seed: 42 });
});
afterAll(async () => {
  await sim.close();
});

describe("an export to stdout that fails before its first record", () => {
  it.each([
    ["json", ["--format", "json"]],
    ["csv", ["--format", "csv"]],
    ["excel", ["--excel"]],
    ["jsonl", []],
  ])(
    "%s: nothing on stdout, the error on stderr",
    async (_format, flags) => {
      const env = simEnv(sim, { HOTMART_CLIENT_SECRET: "wrong-secret", HOTMART_BASIC: "" });
      const { code, stdout, stderr } = await runCli(["export", "sales", ...flags], { env });
      expect(code).toBe(3);
      expect(stdout).toBe("");
      expect(stderr).toContain("refused the credentials");
      expect(stderr).not.toContain("wrong-secret");
    },
    60_000,
  );

  it("an export that found nothing still writes a whole, empty JSON array and a CSV header", async () => {
    const range = ["--from", "2011-01-01", "--to", "2011-01-02"];
    const json = await runCli(["export", "sales", "--format", "json", ...range], { env: simEnv(sim) });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    const csv = await runCli(["export", "sales", "--format", "csv", ...range], { env: simEnv(sim) });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\n")[0]).toMatch(/^product\.id,/);
  }, 60_000);
});
