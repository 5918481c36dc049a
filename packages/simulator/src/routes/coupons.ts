import { Hono } from "hono";
import type { SimContext } from "../context";
import { couponStatus } from "../data/coupons";
import type { Coupon, Product } from "../data/model";
import { ApiError, badParameter, notFound, notOwner } from "../errors";
import { type AppEnv, handle } from "../http";
import { paginate } from "../pagination";

const TIME_ZONE = {
  description: "Fuso horário de Brasília",
  id: "America/Sao_Paulo",
  name: "AMERICA_SAO_PAULO",
  offset: "-03:00",
};

function couponItem(coupon: Coupon, now: number) {
  const { status, active } = couponStatus(coupon, now);
  return {
    id: coupon.id,
    coupon_code: coupon.code,
    discount: coupon.discount,
    start_date: coupon.startDate,
    ...(coupon.endDate !== undefined ? { end_date: coupon.endDate } : {}),
    status,
    active,
    time_zone: TIME_ZONE,
  };
}

function integerPath(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new ApiError(
      400,
      "invalid_value_parameter",
      `Invalid value '${value ?? ""}' for parameter '${name}'.`,
    );
  }
  return Number(value);
}

function optionalEpoch(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw badParameter(`'${name}' must be a date in epoch milliseconds.`);
  }
  return value;
}

export const COUPONS_BASE = "/products/api/v1";

/** Coupons live on the products host (§8.4), not on /payments. */
export function couponRoutes(ctx: SimContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const product = (raw: string | undefined): Product => {
    const id = integerPath(raw, "product_id");
    const found = ctx.data.product(id);
    if (!found) throw notFound(`Product ${id}`);
    if (!found.listed) throw notOwner(`Product ${id}`);
    return found;
  };

  app.post(
    "/product/:product_id/coupon",
    handle((req) => {
      const target = product(req.params.product_id);
      const raw = req.json();
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw badParameter("The request body must be a JSON object with 'code' and 'discount'.");
      }
      const body = raw as Record<string, unknown>;
      const code = body.code;
      if (typeof code !== "string" || code.trim() === "") throw badParameter("'code' is required.");
      if (code.length > 25) throw badParameter(`'code' must have at most 25 characters; got ${code.length}.`);
      const discount = body.discount;
      if (typeof discount !== "number" || !Number.isFinite(discount))
        throw badParameter("'discount' is required and must be a number.");
      if (!(discount > 0 && discount < 0.99)) {
        throw badParameter(`'discount' must be a fraction between 0 and 0.99 (0.1 = 10%); got ${discount}.`);
      }
      const startDate = optionalEpoch(body, "start_date");
      const endDate = optionalEpoch(body, "end_date");
      if (startDate !== undefined && endDate !== undefined && endDate < startDate) {
        throw badParameter("'end_date' must not be before 'start_date'.");
      }
      const affiliate = body.affiliate;
      if (
        affiliate !== undefined &&
        affiliate !== null &&
        !(typeof affiliate === "number" && Number.isSafeInteger(affiliate))
      ) {
        throw badParameter("'affiliate' must be an integer id.");
      }
      // The docs type offer_ids as longs but call them offer "codes", and the API hands out no numeric
      // offer id (products offers lists `code` only): both readings are taken, an integer id or the code
      // of one of this product's offers (§8.4 C1). A code the product does not have is refused.
      const offerIds = body.offer_ids;
      if (
        offerIds !== undefined &&
        offerIds !== null &&
        !(
          Array.isArray(offerIds) &&
          offerIds.every(
            (id) =>
              (typeof id === "number" && Number.isSafeInteger(id)) ||
              (typeof id === "string" && target.offers.some((o) => o.code === id)),
          )
        )
      ) {
        throw badParameter(`'offer_ids' must list integer offer ids or offer codes of product ${target.id}.`);
      }
      const duplicate = ctx.data.coupons.some(
        (c) => !c.deleted && c.productId === target.id && c.code.toLowerCase() === code.toLowerCase(),
      );
      if (duplicate) throw badParameter(`Coupon code '${code}' already exists for product ${target.id}.`);
      ctx.actions.createCoupon({
        productId: target.id,
        code,
        discount,
        startDate: startDate ?? ctx.clock.now(),
        endDate,
        affiliate: typeof affiliate === "number" ? affiliate : undefined,
        offerIds: Array.isArray(offerIds) ? (offerIds as (number | string)[]) : undefined,
      });
      return { body: {} };
    }),
  );

  app.get(
    "/coupon/product/:product_id",
    handle((req) => {
      const target = product(req.params.product_id);
      const code = req.query.string("code");
      const now = ctx.clock.now();
      const matches = ctx.data.coupons.filter(
        (c) =>
          !c.deleted &&
          c.productId === target.id &&
          (code === undefined || c.code.toLowerCase() === code.toLowerCase()),
      );
      return {
        body: paginate(req.query, "coupons.list", matches, (c) => couponItem(c, now), {
          totalResults: false,
        }),
      };
    }),
  );

  app.delete(
    "/coupon/:coupon_id",
    handle((req) => {
      const id = integerPath(req.params.coupon_id, "coupon_id");
      const coupon = ctx.data.coupons.find((c) => c.id === id && !c.deleted);
      if (!coupon) throw notFound(`Coupon ${id}`);
      ctx.actions.deleteCoupon(coupon);
      return { body: {} };
    }),
  );
  return app;
}
