import { describe, expect, it } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import { COUPONS_LIST, useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

describe("coupons.create", () => {
  it("POSTs /products/api/v1/product/{product_id}/coupon (singular, products host) and resolves on {}", async () => {
    ctx.server.on("POST", "/products/api/v1/product/1234567/coupon", { body: {} });
    const result = await ctx.client().coupons.create(1234567, "BEMVINDO10", {
      discount: 0.1,
      start_date: new Date(1717200000000),
      end_date: 1719792000000,
      affiliate: 424242,
      offer_ids: [123456],
    });
    expect(result).toBeUndefined();
    const req = ctx.server.only();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/products/api/v1/product/1234567/coupon");
    expect(req.query).toBe("");
    expect(req.body).toEqual({
      code: "BEMVINDO10",
      discount: 0.1,
      start_date: 1717200000000,
      end_date: 1719792000000,
      affiliate: 424242,
      offer_ids: [123456],
    });
  });

  it("sends only code and discount when nothing else is given; an empty body is fine too", async () => {
    ctx.server.on("POST", "/products/api/v1/product/1234567/coupon", { raw: "" });
    await expect(ctx.client().coupons.create("1234567", "PROMO", { discount: 0.5 })).resolves.toBeUndefined();
    expect(ctx.server.only().body).toEqual({ code: "PROMO", discount: 0.5 });
  });

  it("sends the params as they were at the call, though its checks load after an await", async () => {
    ctx.server.on("POST", "/products/api/v1/product/1234567/coupon", { body: {} });
    const params = { discount: 0.1, offer_ids: [123456] };
    const pending = ctx.client().coupons.create(1234567, "PROMO", params);
    params.discount = 0.9;
    params.offer_ids.push(999);
    await pending;
    expect(ctx.server.only().body).toEqual({ code: "PROMO", discount: 0.1, offer_ids: [123456] });
  });
});

describe("coupons.list", () => {
  it("GETs /products/api/v1/coupon/product/{product_id} with code and paging", async () => {
    ctx.server.on("GET", "/products/api/v1/coupon/product/1234567", { body: COUPONS_LIST });
    const page = await ctx.client().coupons.list(1234567, { code: "BEMVINDO10", max_results: 20 });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/products/api/v1/coupon/product/1234567");
    expect(req.query).toBe("code=BEMVINDO10&max_results=20");
    expect(page.items).toEqual(COUPONS_LIST.items);
    expect(page.items[0]?.time_zone.id).toBe("America/Sao_Paulo");
    expect(page.items[0]?.status).toBe("valid");
  });

  it("reads an empty body as no coupons", async () => {
    ctx.server.on("GET", "/products/api/v1/coupon/product/1234567", { raw: "" });
    const client = ctx.client();
    const waits = skipRetryWaits(client);
    expect((await client.coupons.list(1234567)).items).toEqual([]);
    expect(await client.coupons.list(1234567).toArray()).toEqual([]);
    // Each call looked again once per retry (maxRetries 3) before it took the empty body as empty.
    expect(waits).toHaveLength(6);
    expect(ctx.server.requests.filter((r) => r.method === "GET")).toHaveLength(8);
  });
});

describe("coupons.delete", () => {
  it("DELETEs /products/api/v1/coupon/{coupon_id} and resolves on {}", async () => {
    ctx.server.on("DELETE", "/products/api/v1/coupon/3000001", { body: {} });
    await expect(ctx.client().coupons.delete(3000001)).resolves.toBeUndefined();
    const req = ctx.server.only();
    expect(req.method).toBe("DELETE");
    expect(req.path).toBe("/products/api/v1/coupon/3000001");
    expect(req.query).toBe("");
    expect(req.rawBody).toBe("");
  });

  it("refuses a coupon's code where its numeric id goes, before sending; a numeric string is an id", async () => {
    const client = ctx.client();
    const error = await client.coupons.delete("BLACKFRIDAY").catch((e: unknown) => e);
    expect(String(error)).toBe(
      'HotmartInputError: couponId is a number: pass the numeric coupon "id" from coupons.list (not the coupon code) (got "BLACKFRIDAY")',
    );
    await expect(client.coupons.list("abc" as never)).rejects.toThrow(/^productId is a number: /);
    await expect(client.events.tickets("my-event" as never)).rejects.toThrow(/^eventId is a number: /);
    expect(ctx.server.requests).toHaveLength(0);
    ctx.server.on("DELETE", "/products/api/v1/coupon/3000001", { body: {} });
    await expect(client.coupons.delete("3000001")).resolves.toBeUndefined();
  });
});
