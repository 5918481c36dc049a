/**
 * `--plan` takes plan names, free text that may hold a comma ("Gold, yearly"). Lists split on commas
 * (`--plan A,B` is two plans, as documented), so a comma inside a name is written `\,`; the flag given
 * again adds a plan. Run as the built binary, a child process, against the simulator, whose live data
 * (sim.data) is given a plan named with a comma.
 */
import { type Simulator, type Subscription, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, simEnv } from "./helpers";

const COMMA_PLAN = "Gold, yearly";
const PATH = "/payments/api/v1/subscriptions";

let sim: Simulator;
let renamed: Subscription[];
let other: string;

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({ port: 0, seed: 42 });
  const first = sim.data.subscriptions.find((s) => s.magic === undefined);
  if (!first) throw new Error("the simulator dataset has no subscription");
  // sim.data is live: the plan record its subscriptions share takes the new name.
  first.plan.name = COMMA_PLAN;
  renamed = sim.data.subscriptions.filter((s) => s.plan.name === COMMA_PLAN);
  const another = sim.data.subscriptions.find((s) => s.plan.name !== COMMA_PLAN && s.magic === undefined);
  if (!another) throw new Error("the simulator dataset has no second plan");
  other = another.plan.name;
}, 120_000);
afterAll(() => sim?.close());

/** The `plan` values of the CLI's subscriptions requests (one per page; each page sends the same). */
function sentPlans(): unknown {
  const calls = sim.requestLog.filter((e) => e.path === PATH);
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) expect(call.query.plan).toEqual(calls[0]?.query.plan);
  return calls[0]?.query.plan;
}

async function list(...flags: string[]): Promise<{ subscriber_code: string; plan: { name: string } }[]> {
  sim.resetStats();
  const r = await runCli(["subscriptions", "list", "--all", "--json", ...flags], { env: simEnv(sim) });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("--plan with a comma inside a plan name", () => {
  it("\\, is a comma of the name: the plan is sent whole and its subscriptions come back", async () => {
    const items = await list("--plan", "Gold\\, yearly");
    expect(sentPlans()).toBe(COMMA_PLAN);
    expect(renamed.length).toBeGreaterThan(0);
    expect(items.map((i) => i.subscriber_code).sort()).toEqual(renamed.map((s) => s.subscriberCode).sort());
    for (const item of items) expect(item.plan.name).toBe(COMMA_PLAN);
  });

  it("the flag given again adds a plan; a name with a comma stays whole beside it", async () => {
    const items = await list("--plan", "Gold\\, yearly", "--plan", other);
    expect(sentPlans()).toEqual([COMMA_PLAN, other]);
    expect(new Set(items.map((i) => i.plan.name))).toEqual(new Set([COMMA_PLAN, other]));
  });

  it("a bare comma still separates plans, as documented", async () => {
    await list("--plan", `${other},Plano Inexistente`);
    expect(sentPlans()).toEqual([other, "Plano Inexistente"]);
  });

  it("--status ACTIVE,DELAYED goes out as repeated keys (the SDK refuses a comma inside one status)", async () => {
    const items = await list("--status", "ACTIVE,DELAYED");
    const calls = sim.requestLog.filter((e) => e.path === PATH);
    expect(calls[0]?.query.status).toEqual(["ACTIVE", "DELAYED"]);
    expect(items.length).toBeGreaterThan(0);
  });
});
