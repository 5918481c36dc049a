/**
 * Each resource group's requests and checks are imported on the group's first call
 * (resources/<group>-requests.ts). These are what callers must not notice: each test is the first call
 * of its group in this file, and the arguments are read at the call, not after the import.
 */
import { HotmartInputError } from "hotmart";
import { describe, expect, it } from "vitest";
import { CANCEL_BULK, COUPONS_LIST, PRODUCTS_LIST, SALES_HISTORY, useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

describe("a resource group's first call", () => {
  it("sends a list's params as they were at the call", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { body: SALES_HISTORY });
    const params = { transaction_status: "APPROVED", start_date: new Date("2024-05-01T00:00:00Z") };
    const pending = ctx.client().sales.history(params);
    params.transaction_status = "REFUNDED";
    params.start_date = new Date("2020-01-01T00:00:00Z");
    const page = await pending;
    expect(page.items).toHaveLength(1);
    const { query } = ctx.server.only();
    expect(query).toBe(`transaction_status=APPROVED&start_date=${Date.UTC(2024, 4, 1)}`);
  });

  it("sends a write's arguments as they were at the call", async () => {
    ctx.server.on("POST", "/payments/api/v1/subscriptions/cancel", { body: CANCEL_BULK });
    const codes = ["B2HNQAXJ", "C3JORBYK"];
    const params = { send_mail: true };
    const pending = ctx.client().subscriptions.cancel(codes, params);
    codes.push("D4KPSCZL");
    params.send_mail = false;
    await pending;
    expect(ctx.server.only().body).toEqual({ send_mail: true, subscriber_code: ["B2HNQAXJ", "C3JORBYK"] });
  });

  it("rejects bad input before anything is sent", async () => {
    const error = await ctx
      .client()
      .club.modules("", {})
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HotmartInputError);
    expect((error as Error).message).toMatch(/subdomain/);
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("walks a list with its xxxAutopaginate twin", async () => {
    // Two pages: the fixture's, then the same items behind its cursor, with no cursor after them.
    ctx.server.on("GET", "/products/api/v1/products", (request) => ({
      body: request.query.includes("page_token") ? { ...PRODUCTS_LIST, page_info: {} } : PRODUCTS_LIST,
    }));
    const ids: number[] = [];
    for await (const product of ctx.client().products.listAutopaginate()) ids.push(product.id);
    const once = PRODUCTS_LIST.items.map((p) => p.id);
    expect(ids).toEqual([...once, ...once]);
    expect(ctx.server.requests).toHaveLength(2);
  });

  it("answers withResponse() on a list", async () => {
    ctx.server.on("GET", "/products/api/v1/coupon/product/1234567", { body: COUPONS_LIST });
    const { data, response } = await ctx.client().coupons.list(1234567).withResponse();
    expect(response.status).toBe(200);
    expect(data.items).toHaveLength(COUPONS_LIST.items.length);
  });
});
