/**
 * Regressions from the adversarial review (issue 8 items 1 and 5, issue 9 item 12, issue 10 item 5),
 * against the real simulator.
 */
import { readFileSync } from "node:fs";
import { Hotmart, HotmartInputError, ResponseParseError } from "hotmart";
import { startSimulator } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { apiCalls, clientFor, must, TOKEN_PATH, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 31, rateLimit: { limit: 10_000, windowMs: 1_000 } });
const HISTORY = "GET /payments/api/v1/sales/history";

describe("a 200 with no body is looked at again before it counts as empty", () => {
  it("on the first page of a list: the walk still yields every record", async () => {
    const { sim, client } = ctx;
    const expected = sim.data.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE").length;
    sim.faults.add({ route: HISTORY, kind: "empty", times: 1 });
    let count = 0;
    for await (const _sale of client.sales.history({ max_results: 100 })) count += 1;
    expect(count).toBe(expected);
    expect(count).toBeGreaterThan(0);
    expect(
      apiCalls(sim)
        .slice(0, 2)
        .map((c) => [c.status, c.fault]),
    ).toEqual([
      [200, "empty"],
      [200, undefined],
    ]);
  });

  it("on a bare-array endpoint (subscriptions.purchases, club.modules)", async () => {
    const { sim, client } = ctx;
    const sub = must(
      sim.data.subscriptions.find((s) => s.magic === undefined && s.recurrences.length > 0),
      "subscription with purchases",
    );
    sim.faults.add({ route: "GET /payments/api/v1/subscriptions", kind: "empty", times: 1 });
    const purchases = await client.subscriptions.purchases(sub.subscriberCode);
    expect(purchases.length).toBeGreaterThan(0);

    sim.resetStats();
    sim.faults.add({ route: "GET /club/api/v1/modules", kind: "empty", times: 1 });
    const modules = await client.club.modules(sim.data.club.subdomain);
    expect(modules.length).toBeGreaterThan(0);
    expect(apiCalls(sim).map((c) => c.fault)).toEqual(["empty", undefined]);
  });

  it('`{}` and `{"items":[]}` stay "nothing matches", with one request', async () => {
    const { sim, client } = ctx;
    // `select` naming no field makes Hotmart (and the simulator) answer `{}`.
    const none = await client.sales.history({ select: "no_such_field" });
    expect(none.items).toEqual([]);
    expect(apiCalls(sim)).toHaveLength(1);

    sim.resetStats();
    const nobody = await client.sales.history({ buyer_email: "nobody-at-all@example.invalid" });
    expect(nobody.items).toEqual([]);
    expect(apiCalls(sim)).toHaveLength(1);
  });

  it("a first page that keeps answering no body is a ResponseParseError after its retries, never 'no sales'", async () => {
    // An export took such a page for an empty range and skipped it, exiting 0 with records missing.
    const { sim, client } = ctx;
    sim.faults.add({ route: HISTORY, kind: "empty", times: 2 });
    await expect(client.sales.history({ max_results: 5 }, { maxRetries: 1 })).rejects.toThrow(
      ResponseParseError,
    );
    expect(apiCalls(sim).map((c) => c.fault)).toEqual(["empty", "empty"]);
    sim.faults.clear();
  });
});

describe("an id that cannot be encoded (lone surrogate)", () => {
  const BAD = "abc\uD800";
  const calls: Array<[string, (c: Hotmart) => PromiseLike<unknown>]> = [
    ["sales.refund", (c) => c.sales.refund(BAD)],
    ["sales.history (query)", (c) => c.sales.history({ transaction: BAD })],
    ["subscriptions.purchases", (c) => c.subscriptions.purchases(BAD)],
    ["subscriptions.cancelSingle", (c) => c.subscriptions.cancelSingle(BAD)],
    ["subscriptions.reactivateSingle", (c) => c.subscriptions.reactivateSingle(BAD)],
    ["subscriptions.changeDueDay", (c) => c.subscriptions.changeDueDay(BAD, 5)],
    ["subscriptions.transactions (query)", (c) => c.subscriptions.transactions({ subscriber_code: BAD })],
    ["products.offers", (c) => c.products.offers(BAD)],
    ["products.plans", (c) => c.products.plans(BAD)],
    ["coupons.create", (c) => c.coupons.create(BAD, "CODE10", { discount: 0.1 })],
    ["coupons.list", (c) => c.coupons.list(BAD)],
    ["coupons.delete", (c) => c.coupons.delete(BAD)],
    ["events.get", (c) => c.events.get(BAD)],
    ["events.tickets", (c) => c.events.tickets(BAD)],
    ["club.modules", (c) => c.club.modules(BAD)],
    ["club.pages", (c) => c.club.pages(BAD, { product_id: 1 })],
    ["club.lessons", (c) => c.club.lessons("subdomain", BAD)],
    ["request()", (c) => c.request("GET", "/payments/api/v1/sales/history", { transaction: BAD })],
  ];

  it.each(calls)("%s rejects its promise with HotmartInputError and sends nothing", async (_name, call) => {
    const { sim, client } = ctx;
    let pending: PromiseLike<unknown> | undefined;
    expect(() => {
      pending = call(client);
    }).not.toThrow();
    await expect(Promise.resolve(pending)).rejects.toBeInstanceOf(HotmartInputError);
    // Product, coupon and event ids are digits only: anything else is refused as not a number first.
    await expect(Promise.resolve(pending)).rejects.toThrow(
      /^(coupons|events)\./.test(_name) ? /is a number/ : /surrogate/,
    );
    expect(apiCalls(sim)).toEqual([]);
  });
});

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("the token request", () => {
  it("sends the SDK's User-Agent, like every other request", async () => {
    const sim = await startSimulator({ port: 0, seed: 32 });
    const client = clientFor(sim);
    try {
      await client.products.list({ max_results: 1 });
      const [token] = sim.requestLog.filter((e) => e.path === TOKEN_PATH);
      const [api] = apiCalls(sim);
      // The package's own version: scripts/release-metadata.mjs keeps the constant in step with it.
      expect(token?.headers?.["user-agent"]).toBe(`hotmart-typescript/${pkg.version}`);
      expect(token?.headers?.["user-agent"]).toBe(api?.headers?.["user-agent"]);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it("with only a non-Hotmart base URL set, goes to <origin>/security/oauth/token", async () => {
    const sim = await startSimulator({ port: 0, seed: 33 });
    const keys = ["HOTMART_CLIENT_ID", "HOTMART_CLIENT_SECRET", "HOTMART_BASE_URL", "HOTMART_AUTH_URL"];
    const saved = keys.map((key) => process.env[key]);
    try {
      process.env.HOTMART_CLIENT_ID = sim.credentials.clientId;
      process.env.HOTMART_CLIENT_SECRET = sim.credentials.clientSecret;
      process.env.HOTMART_BASE_URL = sim.url;
      delete process.env.HOTMART_AUTH_URL;
      const client = new Hotmart({ maxRetries: 0 });
      const page = await client.products.list({ max_results: 1 });
      expect(page.items).toHaveLength(1);
      expect(sim.stats().tokenGrants).toBe(1);
      expect(sim.authURL).toBe(`${sim.url}/security/oauth/token`);
      await client.close();
    } finally {
      // Put back in place (the file shares its worker: vitest.config.ts, NO_TRACE).
      keys.forEach((key, i) => {
        const value = saved[i];
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      });
      await sim.close();
    }
  });
});
