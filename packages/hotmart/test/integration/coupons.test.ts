import { BadRequestError, type CouponsListItem, NotFoundError, PermissionDeniedError } from "hotmart";
import { describe, expect, it } from "vitest";
import { apiCalls, collect, DAY, failure, lastCall, must, onlyCall, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 6 });

const live = (productId: number) =>
  ctx.sim.data.coupons.filter((c) => c.productId === productId && !c.deleted);

describe("coupons", () => {
  it("create sends offer ids written in digits as the integers Hotmart documents (offer_ids: long[])", async () => {
    const { sim, client } = ctx;
    const product = must(
      sim.data.products.find((p) => p.listed),
      "listed product",
    );
    await expect(
      client.coupons.create(product.id, "DIGITS10", { discount: 0.1, offer_ids: ["123456", 654321] }),
    ).resolves.toBeUndefined();
    expect(onlyCall(sim)).toMatchObject({ body: { offer_ids: [123456, 654321] }, status: 200 });
    expect(live(product.id).find((c) => c.code === "DIGITS10")?.offerIds).toEqual([123456, 654321]);
  });

  it("create → list shows it → delete removes it", async () => {
    const { sim, client } = ctx;
    const product = must(
      sim.data.products.find((p) => p.listed && p.offers.length > 0),
      "listed product",
    );
    const start = new Date(sim.clock.now() - DAY);
    const end = sim.clock.now() + 30 * DAY;

    await expect(
      client.coupons.create(product.id, "INTEGRA15", {
        discount: 0.15,
        start_date: start,
        end_date: end,
        offer_ids: [123456],
      }),
    ).resolves.toBeUndefined();
    expect(onlyCall(sim)).toMatchObject({
      method: "POST",
      path: `/products/api/v1/product/${product.id}/coupon`,
      body: {
        code: "INTEGRA15",
        discount: 0.15,
        start_date: start.getTime(),
        end_date: end,
        offer_ids: [123456],
      },
      status: 200,
    });
    expect(sim.stats().sideEffects["coupon.create"]).toBe(1);

    const page = await client.coupons.list(product.id, { code: "INTEGRA15" });
    expect(lastCall(sim)).toMatchObject({
      method: "GET",
      path: `/products/api/v1/coupon/product/${product.id}`,
      query: { code: "INTEGRA15" },
    });
    expect(page.items).toHaveLength(1);
    const coupon: CouponsListItem = must(page.items[0], "coupon");
    expect(coupon).toMatchObject({
      coupon_code: "INTEGRA15",
      discount: 0.15,
      start_date: start.getTime(),
      end_date: end,
      status: "valid",
      active: true,
      time_zone: { id: "America/Sao_Paulo" },
    });
    const all = await client.coupons.list(product.id).toArray();
    expect(all.map((c) => c.id)).toContain(coupon.id);

    await expect(client.coupons.delete(coupon.id)).resolves.toBeUndefined();
    expect(lastCall(sim)).toMatchObject({
      method: "DELETE",
      path: `/products/api/v1/coupon/${coupon.id}`,
      query: {},
      body: null,
      status: 200,
    });
    const after = await client.coupons.list(product.id).toArray();
    expect(after.map((c) => c.id)).not.toContain(coupon.id);
    expect((await client.coupons.list(product.id, { code: "INTEGRA15" })).items).toEqual([]);

    const again = await failure(() => client.coupons.delete(coupon.id), NotFoundError);
    expect(again.error).toBe("not_found");
    expect(sim.stats().sideEffects).toMatchObject({ "coupon.create": 1, "coupon.delete": 1 });
  });

  it("a duplicate code is Hotmart's 400 and creates nothing", async () => {
    const { sim, client } = ctx;
    const existing = must(sim.data.coupons[0], "coupon");
    const before = live(existing.productId).length;
    const e = await failure(
      () => client.coupons.create(existing.productId, existing.code, { discount: 0.2 }),
      BadRequestError,
    );
    expect(e.error).toBe("invalid_parameter");
    expect(e.error_description).toContain(existing.code);
    expect(onlyCall(sim).body).toEqual({ code: existing.code, discount: 0.2 });
    expect(live(existing.productId)).toHaveLength(before);
    expect(sim.stats().sideEffects["coupon.create"]).toBeUndefined();
  });

  it("lists a product's coupons across pages; listAutopaginate matches; none is an empty list", async () => {
    const { sim, client } = ctx;
    const product = must(
      sim.data.products.find((p) => p.listed && live(p.id).length === 0),
      "listed product without coupons",
    );
    for (const code of ["PAGE1", "PAGE2", "PAGE3"])
      await client.coupons.create(product.id, code, { discount: 0.05 });
    expect((await client.coupons.list(product.id, { code: "NOPE" })).items).toEqual([]);
    sim.resetStats();

    const items = await client.coupons.list(product.id, { max_results: 2 }).toArray();
    expect(items.map((c) => c.coupon_code)).toEqual(["PAGE1", "PAGE2", "PAGE3"]);
    expect(items.map((c) => c.id)).toEqual(live(product.id).map((c) => c.id));
    expect(apiCalls(sim).map((c) => c.query.max_results)).toEqual(["2", "2"]);
    const twin = await collect(client.coupons.listAutopaginate(product.id, { max_results: 2 }));
    expect(twin).toEqual(items);
  });

  it("a product of another producer is refused", async () => {
    const { sim, client } = ctx;
    const foreign = must(
      sim.data.products.find((p) => !p.listed),
      "affiliate-only product",
    );
    const e = await failure(() => client.coupons.list(foreign.id), PermissionDeniedError);
    expect(e).toMatchObject({ status: 403, error: "unauthorized_client" });
    const c = await failure(
      () => client.coupons.create(foreign.id, "NOTMINE", { discount: 0.1 }),
      PermissionDeniedError,
    );
    expect(c.status).toBe(403);
    expect(sim.stats().sideEffects["coupon.create"]).toBeUndefined();
  });
});
