import { BadRequestError, HotmartInputError, NotFoundError } from "hotmart";
import { describe, expect, it } from "vitest";
import { apiCalls, failure, must, onlyCall, refused, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 3 });

describe("ids are percent-encoded on the wire", () => {
  it("subscriptions.purchases('A/B?C#D') stays one path segment and is a 404", async () => {
    const { sim, client } = ctx;
    const e = await failure(() => client.subscriptions.purchases("A/B?C#D"), NotFoundError);
    const call = onlyCall(sim);
    expect(call).toMatchObject({
      method: "GET",
      path: "/payments/api/v1/subscriptions/A%2FB%3FC%23D/purchases",
      query: {},
      status: 404,
      route: "GET /payments/api/v1/subscriptions/:subscriber_code/purchases",
    });
    expect(e.status).toBe(404);
    expect(e.error).toBe("not_found");
    // The simulator decoded the segment back to the whole id.
    expect(e.error_description).toContain("A/B?C#D");
  });

  it("every kind of path id is encoded: refund, cancel, offers, Club lessons; numeric ids are refused unencoded", async () => {
    const { sim, client } = ctx;
    const subdomain = sim.data.club.subdomain;
    await failure(() => client.sales.refund("HP 1/../2"), NotFoundError);
    await failure(() => client.subscriptions.cancelSingle("x?send_mail=true"), NotFoundError);
    await failure(() => client.subscriptions.changeDueDay("a#b", 5), BadRequestError);
    await failure(() => client.products.offers("uc/ode"), NotFoundError);
    await failure(() => client.club.lessons(subdomain, "u/../lessons"), NotFoundError);
    await failure(() => client.subscriptions.purchases("ação"), NotFoundError);
    expect(apiCalls(sim).map((c) => `${c.method} ${c.path}`)).toEqual([
      "PUT /payments/api/v1/sales/HP%201%2F..%2F2/refund",
      "POST /payments/api/v1/subscriptions/x%3Fsend_mail%3Dtrue/cancel",
      "PATCH /payments/api/v1/subscriptions/a%23b",
      "GET /products/api/v1/products/uc%2Fode/offers",
      "GET /club/api/v1/users/u%2F..%2Flessons/lessons",
      "GET /payments/api/v1/subscriptions/a%C3%A7%C3%A3o/purchases",
    ]);
    // Nothing leaked into the query string, and no write had an effect.
    expect(apiCalls(sim).map((c) => c.query)).toEqual([{}, {}, {}, {}, { subdomain }, {}]);
    expect(sim.stats().sideEffects).toEqual({});
    // Coupon and event ids are digits only: one that would need encoding is refused, and nothing is sent.
    const sent = apiCalls(sim).length;
    await failure(() => client.coupons.delete("12/34"), HotmartInputError);
    await failure(() => client.events.get("1?x=2"), HotmartInputError);
    expect(apiCalls(sim)).toHaveLength(sent);
  });

  it("a real id round-trips: purchases of a generated subscriber code", async () => {
    const { sim, client } = ctx;
    const sub = must(
      sim.data.subscriptions.find((s) => s.magic === undefined),
      "subscription",
    );
    const purchases = await client.subscriptions.purchases(` ${sub.subscriberCode} `);
    expect(purchases.length).toBeGreaterThan(0);
    expect(onlyCall(sim).path).toBe(`/payments/api/v1/subscriptions/${sub.subscriberCode}/purchases`);
  });
});

describe("dot segments are refused before sending", () => {
  it.each([
    ["subscriptions.purchases('..')", () => ctx.client.subscriptions.purchases("..")],
    ["sales.refund('..')", () => ctx.client.sales.refund("..")],
    ["subscriptions.cancelSingle('.')", () => ctx.client.subscriptions.cancelSingle(".")],
    ["subscriptions.changeDueDay(' .. ', 5)", () => ctx.client.subscriptions.changeDueDay(" .. ", 5)],
    ["products.offers('..')", () => ctx.client.products.offers("..")],
    ["coupons.list('..')", () => ctx.client.coupons.list("..")],
    ["events.tickets('..')", () => ctx.client.events.tickets("..")],
    ["club.lessons(subdomain, '..')", () => ctx.client.club.lessons("my_subdomain", "..")],
  ])("%s", async (_name, call) => {
    const { sim } = ctx;
    const e = await refused(call, /cannot be "\.\.?"/);
    expect(e).toBeInstanceOf(HotmartInputError);
    // Stats were reset before the test: nothing reached the simulator, not even a token request.
    expect(sim.requestLog).toHaveLength(0);
    expect(sim.stats().tokenGrants).toBe(0);
  });
});
