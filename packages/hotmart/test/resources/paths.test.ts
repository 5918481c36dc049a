import { type Hotmart, HotmartInputError } from "hotmart";
import { beforeEach, describe, expect, it } from "vitest";
import { useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

/** An id with every character that could change the route if it were not encoded. */
const NASTY = "A/B ?C#D%E";
const ENCODED = "A%2FB%20%3FC%23D%25E";
const DIGITS = "1234567";
const NUMERIC = /^(coupons|events)\./;

/**
 * Every method that puts an id in the path: [name, call with the id, the wire path expected for NASTY].
 * Product, coupon and event ids are digits only (NUMERIC): for them the wire path is the one expected
 * for the digits "1234567", and NASTY is refused before anything is sent.
 */
const methods: Array<[string, (c: Hotmart, id: string) => PromiseLike<unknown>, string]> = [
  ["sales.refund", (c, id) => c.sales.refund(id), `/payments/api/v1/sales/${ENCODED}/refund`],
  [
    "subscriptions.purchases",
    (c, id) => c.subscriptions.purchases(id),
    `/payments/api/v1/subscriptions/${ENCODED}/purchases`,
  ],
  [
    "subscriptions.cancelSingle",
    (c, id) => c.subscriptions.cancelSingle(id),
    `/payments/api/v1/subscriptions/${ENCODED}/cancel`,
  ],
  [
    "subscriptions.reactivateSingle",
    (c, id) => c.subscriptions.reactivateSingle(id),
    `/payments/api/v1/subscriptions/${ENCODED}/reactivate`,
  ],
  [
    "subscriptions.changeDueDay",
    (c, id) => c.subscriptions.changeDueDay(id, 10),
    `/payments/api/v1/subscriptions/${ENCODED}`,
  ],
  ["products.offers", (c, id) => c.products.offers(id), `/products/api/v1/products/${ENCODED}/offers`],
  ["products.plans", (c, id) => c.products.plans(id), `/products/api/v1/products/${ENCODED}/plans`],
  [
    "coupons.create",
    (c, id) => c.coupons.create(id, "CODE", { discount: 0.1 }),
    `/products/api/v1/product/${DIGITS}/coupon`,
  ],
  ["coupons.list", (c, id) => c.coupons.list(id), `/products/api/v1/coupon/product/${DIGITS}`],
  ["coupons.delete", (c, id) => c.coupons.delete(id), `/products/api/v1/coupon/${DIGITS}`],
  ["club.pages", (c, id) => c.club.pages(id, { product_id: 1 }), `/club/api/v2/modules/${ENCODED}/pages`],
  [
    "club.pagesV1",
    (c, id) => c.club.pagesV1(id, { subdomain: "s" }),
    `/club/api/v1/modules/${ENCODED}/pages`,
  ],
  ["club.lessons", (c, id) => c.club.lessons("s", id), `/club/api/v1/users/${ENCODED}/lessons`],
  ["events.get", (c, id) => c.events.get(id), `/events/api/v1/${DIGITS}/info`],
  ["events.tickets", (c, id) => c.events.tickets(id), `/events/api/v1/${DIGITS}/participants`],
];

beforeEach(() => {
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) ctx.server.on(method, /./, { body: {} });
});

describe.each(methods)("%s", (_name, call, wirePath) => {
  it("percent-encodes /, ?, #, % and spaces inside the id's own segment (a numeric id: refuses them)", async () => {
    if (NUMERIC.test(_name)) {
      const error = await Promise.resolve()
        .then(() => call(ctx.client(), NASTY))
        .catch((e: unknown) => e);
      expect(String(error)).toMatch(/^HotmartInputError: \w+ is a number: /);
      expect(ctx.server.requests).toHaveLength(0);
    }
    await call(ctx.client(), NUMERIC.test(_name) ? DIGITS : NASTY);
    const req = ctx.server.only();
    expect(req.path).toBe(wirePath);
  });

  it.each(["..", ".", "", "   "])("refuses the id %j before sending anything", async (id) => {
    const client = ctx.client();
    const error = await Promise.resolve()
      .then(() => call(client, id))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HotmartInputError);
    expect(ctx.server.requests).toHaveLength(0);
    expect(ctx.server.tokenRequests).toHaveLength(0);
  });
});
