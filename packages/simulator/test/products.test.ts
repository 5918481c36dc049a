import { PRODUCT_FORMATS, PRODUCT_STATUSES, SANDBOX } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, type Json } from "./helpers";

const PRODUCTS = "/products/api/v1/products";

describe("Products", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  const listed = () => api.sim.data.products.filter((p) => p.listed);

  it("lists the account's products, 50 per page by default, without total_results", async () => {
    const res = await api.get(PRODUCTS);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(Math.min(50, listed().length));
    expect(res.body.page_info.total_results).toBeUndefined();
    const item = res.body.items[0];
    expect(Object.keys(item)).toEqual([
      "id",
      "name",
      "ucode",
      "status",
      "created_at",
      "format",
      "is_subscription",
      "warranty_period",
    ]);
  });

  it("covers every format (ETICKET included) and every status", async () => {
    const { items } = await api.walk(PRODUCTS, { max_results: 5 });
    expect(new Set(items.map((i: Json) => i.format))).toEqual(new Set(PRODUCT_FORMATS));
    expect(new Set(items.map((i: Json) => i.status))).toEqual(new Set(PRODUCT_STATUSES));
    expect(items).toHaveLength(listed().length);
  });

  it("clamps max_results to 50", async () => {
    const sim = await Api.start({ seed: 3, scale: { products: 70, sales: 200 } });
    try {
      const res = await sim.get(PRODUCTS, { max_results: 1000 });
      expect(res.body.items).toHaveLength(50);
      expect(res.body.page_info.next_page_token).toEqual(expect.any(String));
    } finally {
      await sim.close();
    }
  });

  it("filters by id, format and status, and validates enums", async () => {
    const etickets = await api.get(PRODUCTS, { format: "ETICKET" });
    expect(etickets.body.items.length).toBeGreaterThanOrEqual(2);
    for (const p of etickets.body.items) expect(p.format).toBe("ETICKET");
    const draft = await api.get(PRODUCTS, { status: "DRAFT" });
    for (const p of draft.body.items) expect(p.status).toBe("DRAFT");
    const one = await api.get(PRODUCTS, { id: SANDBOX.clubProductId });
    expect(one.body.items).toHaveLength(1);
    expect((await api.get(PRODUCTS, { format: "PDF" })).status).toBe(400);
    expect((await api.get(PRODUCTS, { id: "abc" })).status).toBe(400);
  });

  describe("offers", () => {
    it("answers the sandbox ucode with prev_page_token null on the first page", async () => {
      const res = await api.get(`${PRODUCTS}/${SANDBOX.offersUcode}/offers`);
      expect(res.status).toBe(200);
      expect(res.body.page_info.prev_page_token).toBeNull();
      expect(res.body.page_info.total_results).toBeUndefined();
      const main = res.body.items.filter((o: Json) => o.is_main_offer);
      expect(main).toHaveLength(1);
      expect(Object.keys(res.body.items[0])).toEqual([
        "code",
        "name",
        "description",
        "price",
        "payment_mode",
        "is_currency_conversion_enabled",
        "is_smart_recovery_enabled",
        "is_main_offer",
      ]);
      expect(res.body.items[0].code).toMatch(/^[a-z0-9]{8}$/);
    });

    it("walks offers page by page", async () => {
      const product = api.sim.data.product(SANDBOX.offersUcode);
      const { items } = await api.walk(`${PRODUCTS}/${SANDBOX.offersUcode}/offers`, { max_results: 1 });
      expect(items.map((o: Json) => o.code)).toEqual(product?.offers.map((o) => o.code));
    });

    it("sends next_page_token null on the last page (§3), where the plans and the product list omit it", async () => {
      const offers = await api.walk(`${PRODUCTS}/${SANDBOX.offersUcode}/offers`, { max_results: 2 });
      expect(offers.pages.length).toBeGreaterThan(1);
      expect(offers.pages[0]?.body.page_info.next_page_token).toEqual(expect.any(String));
      expect(offers.pages.at(-1)?.body.page_info).toMatchObject({
        next_page_token: null,
        prev_page_token: expect.any(String),
      });
      const single = await api.get(`${PRODUCTS}/${SANDBOX.offersUcode}/offers`);
      expect(single.body.page_info).toMatchObject({ next_page_token: null, prev_page_token: null });
      for (const [path, query] of [
        [`${PRODUCTS}/${SANDBOX.plansUcode}/plans`, { max_results: 2 }],
        [PRODUCTS, { max_results: 10 }],
      ] as const) {
        const { pages } = await api.walk(path, query);
        expect(pages.length, path).toBeGreaterThan(1);
        expect(pages.at(-1)?.body.page_info, path).not.toHaveProperty("next_page_token");
        expect(pages[0]?.body.page_info, path).not.toHaveProperty("prev_page_token");
      }
    });

    it("answers 403 unauthorized_client for a product the account only sells as an affiliate", async () => {
      const foreign = api.sim.data.products.find((p) => !p.listed);
      const res = await api.get(`${PRODUCTS}/${foreign?.ucode}/offers`);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe("unauthorized_client");
      expect((await api.get(`/products/api/v1/coupon/product/${foreign?.id}`)).status).toBe(403);
    });

    it("answers 404 for an unknown ucode and for a numeric id", async () => {
      expect((await api.get(`${PRODUCTS}/00000000-0000-4000-8000-000000000000/offers`)).status).toBe(404);
      expect((await api.get(`${PRODUCTS}/${SANDBOX.clubProductId}/offers`)).status).toBe(404);
    });
  });

  describe("plans", () => {
    it("answers the sandbox plans ucode; trial_period only where a trial exists", async () => {
      const res = await api.get(`${PRODUCTS}/${SANDBOX.plansUcode}/plans`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((p: Json) => p.periodicity)).toEqual(["MONTHLY", "QUARTERLY", "ANNUAL"]);
      const annual = res.body.items.find((p: Json) => p.periodicity === "ANNUAL");
      expect(annual.trial_period).toBe(7);
      expect(annual.payment_mode).toBe("ASSINATURA");
      expect(annual.price).toEqual({ currency_code: "BRL", value: expect.any(Number) });
      const monthly = res.body.items.find((p: Json) => p.periodicity === "MONTHLY");
      expect("trial_period" in monthly).toBe(false);
    });

    it("answers 400 invalid_parameter for a product without plans", async () => {
      const res = await api.get(`${PRODUCTS}/${SANDBOX.offersUcode}/plans`);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_parameter");
    });
  });
});

describe("Coupons (products host)", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  const productId = () => {
    const coupon = api.sim.data.coupons[0];
    if (!coupon) throw new Error("no coupons generated");
    return coupon.productId;
  };
  const list = (id: number, query = {}) => api.get(`/products/api/v1/coupon/product/${id}`, query);
  const create = (id: number, body: unknown) => api.post(`/products/api/v1/product/${id}/coupon`, body);

  it("lists a product's coupons with the documented shape", async () => {
    const res = await list(productId());
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    const coupon = res.body.items[0];
    expect(coupon).toMatchObject({
      id: expect.any(Number),
      coupon_code: expect.any(String),
      discount: expect.any(Number),
      start_date: expect.any(Number),
      active: expect.any(Boolean),
      time_zone: { id: "America/Sao_Paulo", name: "AMERICA_SAO_PAULO", offset: "-03:00" },
    });
    expect(["valid", "expired"]).toContain(coupon.status);
    expect(res.body.page_info.total_results).toBeUndefined();
  });

  it("creates (200 {}), lists, filters by code, then deletes by numeric id (200 {})", async () => {
    const id = productId();
    const created = await create(id, {
      code: "SIMULA10",
      discount: 0.1,
      end_date: api.sim.clock.now() + 86_400_000,
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({});
    const found = await list(id, { code: "SIMULA10" });
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({
      coupon_code: "SIMULA10",
      discount: 0.1,
      status: "valid",
      active: true,
    });
    const couponId = found.body.items[0].id;
    const deleted = await api.request("DELETE", `/products/api/v1/coupon/${couponId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect((await list(id, { code: "SIMULA10" })).body.items).toEqual([]);
    expect((await api.request("DELETE", `/products/api/v1/coupon/${couponId}`)).status).toBe(404);
    expect(api.sim.stats().sideEffects).toMatchObject({ "coupon.create": 1, "coupon.delete": 1 });
  });

  it("rejects a discount given as a percentage, a long code, a duplicate and a missing code", async () => {
    const id = productId();
    const percent = await create(id, { code: "DEZ", discount: 10 });
    expect(percent.status).toBe(400);
    expect(percent.body.error).toBe("invalid_parameter");
    expect(percent.body.error_description).toContain("0.99");
    expect((await create(id, { code: "X".repeat(26), discount: 0.1 })).status).toBe(400);
    expect((await create(id, { code: "DUP1", discount: 0.2 })).status).toBe(200);
    expect((await create(id, { code: "dup1", discount: 0.2 })).status).toBe(400);
    expect((await create(id, { discount: 0.2 })).status).toBe(400);
    expect((await create(id, { code: "ZERO", discount: 0 })).status).toBe(400);
    expect((await create(id, "not json")).status).toBe(400);
  });

  it("takes offer_ids as integer ids or as the product's offer codes, and refuses a code it does not have", async () => {
    const product = api.sim.data.products.find((p) => p.listed && p.offers.length > 0);
    if (!product) throw new Error("no product with offers");
    const code = product.offers[0]?.code as string;
    expect((await create(product.id, { code: "BYIDS", discount: 0.1, offer_ids: [123456] })).status).toBe(
      200,
    );
    expect((await create(product.id, { code: "BYCODES", discount: 0.1, offer_ids: [code] })).status).toBe(
      200,
    );
    expect(api.sim.data.coupons.find((c) => c.code === "BYCODES")?.offerIds).toEqual([code]);
    const unknown = await create(product.id, { code: "BYNONE", discount: 0.1, offer_ids: ["zzzzzzzz"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe("invalid_parameter");
    expect((await create(product.id, { code: "BYBOOL", discount: 0.1, offer_ids: [true] })).status).toBe(400);
  });

  it("pages through coupons, each once", async () => {
    const id = productId();
    for (const code of ["PAGE1", "PAGE2", "PAGE3"])
      expect((await create(id, { code, discount: 0.3 })).status).toBe(200);
    const all = await list(id, { max_results: 100 });
    const { items } = await api.walk(`/products/api/v1/coupon/product/${id}`, { max_results: 2 });
    expect(items.map((c: Json) => c.id)).toEqual(all.body.items.map((c: Json) => c.id));
    expect(new Set(items.map((c: Json) => c.id)).size).toBe(items.length);
  });

  it("answers 404 for an unknown product", async () => {
    expect((await create(1, { code: "A", discount: 0.1 })).status).toBe(404);
    expect((await list(1)).status).toBe(404);
  });

  it("lives on /products, not /payments", async () => {
    expect((await api.get(`/payments/api/v1/coupon/product/${productId()}`)).status).toBe(404);
  });
});
