/**
 * A comma-joined value in an enum filter (`status: "ACTIVE,DELAYED"`) goes out as one value, which
 * Hotmart (and the simulator) answers with a 400: several values repeat the key (docs/api-notes.md §1.2).
 * The SDK refuses it before anything is sent (not even a token request), saying what to pass instead.
 * A free-text filter (a plan name) may hold a comma, and is sent as given.
 */
import type { Hotmart } from "hotmart";
import { describe, expect, it } from "vitest";
import { apiCalls, refused, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 37 });

// biome-ignore lint/suspicious/noExplicitAny: deliberately ill-typed input, as from JavaScript or a config file
const js = (value: unknown): any => value;

describe("a comma list in a repeatable enum filter", () => {
  it('subscriptions.list({ status: "ACTIVE,DELAYED" }) is refused: pass an array', async () => {
    const error = await refused(
      () => ctx.client.subscriptions.list({ status: js("ACTIVE,DELAYED") }).toArray(),
      /^subscriptions\.list: status takes one value per entry, not a comma-separated list \("ACTIVE,DELAYED"\): pass status: \["ACTIVE", "DELAYED"\]/,
    );
    expect(error.message).toContain("repeats the key");
    expect(ctx.sim.requestLog).toHaveLength(0);
  });

  it("spaces around the commas are trimmed in the advice; an array entry holding a comma list is refused too", async () => {
    await refused(
      () => ctx.client.subscriptions.list({ status: js("DELAYED, OVERDUE") }).toArray(),
      /pass status: \["DELAYED", "OVERDUE"\]/,
    );
    await refused(
      () => ctx.client.subscriptions.list({ status: js(["ACTIVE", "DELAYED,OVERDUE"]) }).toArray(),
      /status\[1\] .*pass status: \["ACTIVE", "DELAYED", "OVERDUE"\]/,
    );
    expect(ctx.sim.requestLog).toHaveLength(0);
  });

  it("the array form still goes out as repeated keys, and the simulator answers it", async () => {
    await ctx.client.subscriptions.list({ status: ["ACTIVE", "DELAYED"], max_results: 1 });
    expect(apiCalls(ctx.sim)[0]?.query.status).toEqual(["ACTIVE", "DELAYED"]);
    expect(apiCalls(ctx.sim)[0]?.status).toBe(200);
  });
});

type OneValue = [call: string, key: string, run: (c: Hotmart, value: unknown) => PromiseLike<unknown>];

// Every filter whose values are an enum and that takes one value per request.
const oneValue: OneValue[] = [
  ["sales.history", "transaction_status", (c, v) => c.sales.history({ transaction_status: js(v) }).toArray()],
  ["sales.history", "payment_type", (c, v) => c.sales.history({ payment_type: js(v) }).toArray()],
  ["sales.history", "commission_as", (c, v) => c.sales.history({ commission_as: js(v) }).toArray()],
  ["sales.summary", "transaction_status", (c, v) => c.sales.summary({ transaction_status: js(v) }).toArray()],
  ["sales.summary", "payment_type", (c, v) => c.sales.summary({ payment_type: js(v) }).toArray()],
  [
    "sales.participants",
    "transaction_status",
    (c, v) => c.sales.participants({ transaction_status: js(v) }).toArray(),
  ],
  ["sales.participants", "commission_as", (c, v) => c.sales.participants({ commission_as: js(v) }).toArray()],
  [
    "sales.commissions",
    "transaction_status",
    (c, v) => c.sales.commissions({ transaction_status: js(v) }).toArray(),
  ],
  ["sales.commissions", "commission_as", (c, v) => c.sales.commissions({ commission_as: js(v) }).toArray()],
  [
    "sales.priceDetails",
    "transaction_status",
    (c, v) => c.sales.priceDetails({ transaction_status: js(v) }).toArray(),
  ],
  ["sales.priceDetails", "payment_type", (c, v) => c.sales.priceDetails({ payment_type: js(v) }).toArray()],
  [
    "subscriptions.transactions",
    "billing_type",
    (c, v) => c.subscriptions.transactions({ billing_type: js(v) }).toArray(),
  ],
  [
    "subscriptions.transactions",
    "subscription_status",
    (c, v) => c.subscriptions.transactions({ subscription_status: js(v) }).toArray(),
  ],
  [
    "subscriptions.transactions",
    "recurrency_status",
    (c, v) => c.subscriptions.transactions({ recurrency_status: js(v) }).toArray(),
  ],
  [
    "subscriptions.transactions",
    "purchase_status",
    (c, v) => c.subscriptions.transactions({ purchase_status: js(v) }).toArray(),
  ],
  [
    "subscriptions.transactions",
    "purchase_payment_type",
    (c, v) => c.subscriptions.transactions({ purchase_payment_type: js(v) }).toArray(),
  ],
  ["products.list", "status", (c, v) => c.products.list({ status: js(v) }).toArray()],
  ["products.list", "format", (c, v) => c.products.list({ format: js(v) }).toArray()],
  ["events.tickets", "ticket_status", (c, v) => c.events.tickets(1, { ticket_status: js(v) }).toArray()],
  ["events.tickets", "ticket_type", (c, v) => c.events.tickets(1, { ticket_type: js(v) }).toArray()],
  ["events.tickets", "checkin_status", (c, v) => c.events.tickets(1, { checkin_status: js(v) }).toArray()],
];

describe("a comma list in a one-value enum filter", () => {
  it.each(oneValue)("%s: %s is refused before any request", async (call, key, run) => {
    const error = await refused(
      () => run(ctx.client, "A,B"),
      new RegExp(
        `^${call.replace(".", "\\.")}: ${key} takes one value, not a comma-separated list \\("A,B"\\): `,
      ),
    );
    expect(error.message).toMatch(/one call per/);
    expect(ctx.sim.requestLog).toHaveLength(0);
  });

  it("transaction_status points to export.run's statuses for several", async () => {
    await refused(
      () => ctx.client.sales.history({ transaction_status: js("APPROVED,REFUNDED") }).toArray(),
      /client\.export\.run\(…, \{ statuses: \["APPROVED", "REFUNDED"\] \}\)/,
    );
  });
});

describe("a free-text filter keeps its commas", () => {
  it("a plan name with a comma is sent as one value", async () => {
    await ctx.client.subscriptions.list({ plan: "Gold, yearly", max_results: 1 });
    expect(apiCalls(ctx.sim)[0]?.query.plan).toBe("Gold, yearly");
    expect(apiCalls(ctx.sim)[0]?.status).toBe(200);
  });

  it("so does a buyer name", async () => {
    await ctx.client.sales.history({ buyer_name: "Silva, Ana", max_results: 1 });
    expect(apiCalls(ctx.sim)[0]?.query.buyer_name).toBe("Silva, Ana");
  });
});
