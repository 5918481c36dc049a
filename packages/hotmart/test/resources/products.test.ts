import { describe, expect, it } from "vitest";
import { PRODUCT_OFFERS, PRODUCT_PLANS, PRODUCTS_LIST, useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();
const UCODE = "ab907e46-a9aa-4d25-ae4f-cec316d01560";

describe("products.list", () => {
  it("GETs /products/api/v1/products with id, status, format and paging", async () => {
    ctx.server.on("GET", "/products/api/v1/products", { body: PRODUCTS_LIST });
    const page = await ctx.client().products.list({
      id: 1234567,
      status: "ACTIVE",
      format: "ONLINE_COURSE",
      max_results: 50,
      page_token: "eyJwYWdlIjoyfQ==",
    });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/products/api/v1/products");
    expect(req.query).toBe(
      "id=1234567&status=ACTIVE&format=ONLINE_COURSE&max_results=50&page_token=eyJwYWdlIjoyfQ%3D%3D",
    );
    expect(page.items).toEqual(PRODUCTS_LIST.items);
    expect(page.items[0]?.ucode).toBe("9a8b7c6d-0000-4000-8000-00000000d004");
    expect(page.nextPageToken()).toBe("eyJyb3dzIjo1LCJwYWdlIjoyfQ==");
  });

  it("accepts enum values the SDK does not know yet", async () => {
    ctx.server.on("GET", "/products/api/v1/products", { body: PRODUCTS_LIST });
    await ctx.client().products.list({ format: "HOLOGRAM", status: "ARCHIVED" });
    expect(ctx.server.only().query).toBe("format=HOLOGRAM&status=ARCHIVED");
  });
});

describe("products.offers", () => {
  it("GETs /products/{ucode}/offers and accepts prev_page_token: null", async () => {
    ctx.server.on("GET", `/products/api/v1/products/${UCODE}/offers`, { body: PRODUCT_OFFERS });
    const page = await ctx.client().products.offers(UCODE, { max_results: 10 });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe(`/products/api/v1/products/${UCODE}/offers`);
    expect(req.query).toBe("max_results=10");
    expect(page.items).toEqual(PRODUCT_OFFERS.items);
    expect(page.page_info.prev_page_token).toBeNull();
    expect(page.items[0]?.payment_mode).toBe("UNIQUE_PAYMENT");
  });
});

describe("products.plans", () => {
  it("GETs /products/{ucode}/plans; trial_period only where a trial exists", async () => {
    const ucode = "3f9e2d5a-4cb8-4f13-9d2e-8b7c4a0f1e92";
    ctx.server.on("GET", `/products/api/v1/products/${ucode}/plans`, { body: PRODUCT_PLANS });
    const page = await ctx.client().products.plans(ucode);
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe(`/products/api/v1/products/${ucode}/plans`);
    expect(req.query).toBe("");
    expect(page.items).toEqual(PRODUCT_PLANS.items);
    expect(page.items.map((p) => p.trial_period)).toEqual([undefined, 7]);
    expect(page.items[1]?.payment_mode).toBe("ASSINATURA");
  });
});
