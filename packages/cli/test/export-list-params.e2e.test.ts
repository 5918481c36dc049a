// `hotmart export subscriptions --param status=...`: status and plan are the filters Hotmart repeats for
// several values (status=ACTIVE&status=DELAYED), and the SDK now refuses a comma inside one value. The
// export's --param handed the text on as one string, so a comma list was refused with advice the CLI
// cannot follow ("pass status: [...]"), and the flag given twice kept the last value only: part of the
// subscriptions read as all of them. In process against a simulator over loopback.
import type { Simulator } from "hotmart-simulator";
import { startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, simEnv } from "./helpers";

const PATH = "/payments/api/v1/subscriptions";
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 42 });
});
afterAll(async () => {
  await sim.close();
});

/** The `status` the export's requests sent (each page sends the same). */
async function sentStatus(...params: string[]): Promise<unknown> {
  sim.resetStats();
  const args = ["export", "subscriptions", "--format", "json", ...params.flatMap((p) => ["--param", p])];
  const r = await runCliInProcess(args, { env: simEnv(sim) });
  expect(r.stderr).not.toContain("Error");
  expect(r.code).toBe(0);
  const calls = sim.requestLog.filter((e) => e.path === PATH);
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) expect(call.query.status).toEqual(calls[0]?.query.status);
  return calls[0]?.query.status;
}

describe("export --param for a filter Hotmart repeats", () => {
  it("a comma list goes out as repeated keys, as --status of subscriptions list does", async () => {
    expect(await sentStatus("status=ACTIVE,DELAYED")).toEqual(["ACTIVE", "DELAYED"]);
  });

  it("the --param given again for the same filter adds a value instead of replacing the first", async () => {
    expect(await sentStatus("status=ACTIVE", "status=delayed")).toEqual(["ACTIVE", "DELAYED"]);
  });

  it("one value still goes out as one", async () => {
    expect(await sentStatus("status=ACTIVE")).toEqual("ACTIVE");
  });
});
