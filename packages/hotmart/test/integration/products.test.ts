import {
  BadRequestError,
  PermissionDeniedError,
  type ProductsListItem,
  type ProductsOffersItem,
  type ProductsPlansItem,
} from "hotmart";
import type { Product } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { apiCalls, collect, failure, must, onlyCall, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 5 });
const BASE = "/products/api/v1/products";

const listed = () => ctx.sim.data.products.filter((p) => p.listed);
const listPlans = (p: Product) => p.plans.filter((plan) => plan.listed);

describe("products.list", () => {
  it("lists the account's products (not the affiliate-only ones) with every field", async () => {
    const { sim, client } = ctx;
    const page = await client.products.list();
    const items: ProductsListItem[] = page.items;
    expect(items.map((p) => p.id)).toEqual(listed().map((p) => p.id));
    expect(sim.data.products.some((p) => !p.listed)).toBe(true);
    const product = must(listed()[1], "product");
    expect(items[1]).toEqual({
      id: product.id,
      name: product.name,
      ucode: product.ucode,
      status: product.status,
      created_at: product.createdAt,
      format: product.format,
      is_subscription: product.isSubscription,
      warranty_period: product.warrantyDays,
    });
    expect(page.page_info.total_results).toBeUndefined();
    expect(onlyCall(sim)).toMatchObject({ method: "GET", path: BASE, query: {}, status: 200 });
  });

  it("filters by status, format and id", async () => {
    const { sim, client } = ctx;
    const active = await client.products.list({ status: "ACTIVE", format: "ONLINE_COURSE" }).toArray();
    expect(active.map((p) => p.id)).toEqual(
      listed()
        .filter((p) => p.status === "ACTIVE" && p.format === "ONLINE_COURSE")
        .map((p) => p.id),
    );
    expect(onlyCall(sim).query).toEqual({ status: "ACTIVE", format: "ONLINE_COURSE" });

    const target = must(listed()[3], "product");
    const byId = await client.products.list({ id: target.id });
    expect(byId.items.map((p) => p.ucode)).toEqual([target.ucode]);
    expect(apiCalls(sim)[1]?.query).toEqual({ id: String(target.id) });
  });

  it("walks every page with max_results; listAutopaginate and pages() agree", async () => {
    const { sim, client } = ctx;
    const all = await client.products.list({ max_results: 5 }).toArray();
    expect(all.map((p) => p.id)).toEqual(listed().map((p) => p.id));
    const calls = apiCalls(sim);
    expect(calls).toHaveLength(Math.ceil(listed().length / 5));
    expect(calls[0]?.query).toEqual({ max_results: "5" });
    expect(calls[1]?.query).toEqual({ max_results: "5", page_token: expect.any(String) });

    const twin = await collect(client.products.listAutopaginate({ max_results: 5 }));
    expect(twin).toEqual(all);
    let pages = 0;
    for await (const page of client.products.list({ max_results: 5 }).pages()) {
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(5);
    }
    expect(pages).toBe(calls.length);
  });
});

describe("products.offers", () => {
  it("returns the offers of that product, by ucode, across pages", async () => {
    const { sim, client } = ctx;
    const product = must(
      listed().find((p) => p.offers.length >= 3),
      "product with 3+ offers",
    );
    const items: ProductsOffersItem[] = await client.products
      .offers(product.ucode, { max_results: 2 })
      .toArray();
    expect(items.map((o) => o.code)).toEqual(product.offers.map((o) => o.code));
    const offer = must(product.offers[0], "offer");
    expect(items[0]).toEqual({
      code: offer.code,
      name: offer.name,
      description: offer.description,
      price: { value: offer.price, currency_code: offer.currency },
      payment_mode: offer.paymentMode,
      is_currency_conversion_enabled: offer.isCurrencyConversionEnabled,
      is_smart_recovery_enabled: offer.isSmartRecoveryEnabled,
      is_main_offer: offer.isMainOffer,
    });
    const calls = apiCalls(sim);
    expect(calls[0]).toMatchObject({ path: `${BASE}/${product.ucode}/offers`, query: { max_results: "2" } });
    expect(calls).toHaveLength(Math.ceil(product.offers.length / 2));

    const twin = await collect(client.products.offersAutopaginate(product.ucode));
    expect(twin).toEqual(items);
  });

  it("the sandbox ucode answers; an affiliate-only product is PermissionDeniedError", async () => {
    const { sim, client } = ctx;
    const sandbox = await client.products.offers(sim.data.sandbox.offersUcode);
    expect(sandbox.items.length).toBeGreaterThan(0);
    const foreign = must(
      sim.data.products.find((p) => !p.listed),
      "affiliate-only product",
    );
    const e = await failure(() => client.products.offers(foreign.ucode), PermissionDeniedError);
    expect(e.status).toBe(403);
    expect(e.error).toBe("unauthorized_client");
  });
});

describe("products.plans", () => {
  it("returns the listed plans of a subscription product", async () => {
    const { sim, client } = ctx;
    const product = must(
      listed().find((p) => listPlans(p).length >= 3),
      "product with 3+ plans",
    );
    const items: ProductsPlansItem[] = await client.products
      .plans(product.ucode, { max_results: 2 })
      .toArray();
    expect(items.map((p) => p.code)).toEqual(listPlans(product).map((p) => p.code));
    const plan = must(listPlans(product)[0], "plan");
    expect(items[0]).toMatchObject({
      code: plan.code,
      name: plan.name,
      price: { value: plan.price, currency_code: plan.currency },
      periodicity: plan.periodicity,
      max_installments: plan.maxInstallments,
      payment_mode: plan.paymentMode,
    });
    expect(items[0]?.trial_period).toBe(plan.trialDays);
    expect(apiCalls(sim)[0]).toMatchObject({
      path: `${BASE}/${product.ucode}/plans`,
      query: { max_results: "2" },
    });

    const twin = await collect(client.products.plansAutopaginate(product.ucode, { max_results: 2 }));
    expect(twin).toEqual(items);
  });

  it("a product without plans is Hotmart's 400 invalid_parameter", async () => {
    const { client } = ctx;
    const product = must(
      listed().find((p) => listPlans(p).length === 0),
      "product without plans",
    );
    const e = await failure(() => client.products.plans(product.ucode), BadRequestError);
    expect(e.error).toBe("invalid_parameter");
  });
});
