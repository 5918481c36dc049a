import { Hono } from "hono";
import type { SimContext } from "../context";
import { PRODUCT_FORMATS, PRODUCT_STATUSES } from "../data/enums";
import type { Offer, Plan, Product } from "../data/model";
import { badParameter, notFound, notOwner } from "../errors";
import { type AppEnv, handle } from "../http";
import { paginate } from "../pagination";
import { money } from "../shapes/common";

function productItem(p: Product) {
  return {
    id: p.id,
    name: p.name,
    ucode: p.ucode,
    status: p.status,
    created_at: p.createdAt,
    format: p.format,
    is_subscription: p.isSubscription,
    warranty_period: p.warrantyDays,
  };
}

function offerItem(o: Offer) {
  return {
    code: o.code,
    name: o.name,
    description: o.description,
    price: money(o.price, o.currency),
    payment_mode: o.paymentMode,
    is_currency_conversion_enabled: o.isCurrencyConversionEnabled,
    is_smart_recovery_enabled: o.isSmartRecoveryEnabled,
    is_main_offer: o.isMainOffer,
  };
}

function planItem(p: Plan) {
  return {
    code: p.code,
    name: p.name,
    description: p.description,
    price: { currency_code: p.currency, value: p.price },
    periodicity: p.periodicity,
    max_installments: p.maxInstallments,
    payment_mode: p.paymentMode,
    ...(p.trialDays !== undefined ? { trial_period: p.trialDays } : {}),
    is_subscription_recovery_enabled: p.isSubscriptionRecoveryEnabled,
    is_switch_plan_enabled: p.isSwitchPlanEnabled,
  };
}

export const PRODUCTS_BASE = "/products/api/v1/products";

export function productRoutes(ctx: SimContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  /** Offers and plans are addressed by the product ucode; only the account's own products answer. */
  const byUcode = (ucode: string): Product => {
    const product = ctx.data.product(ucode);
    if (!product || product.ucode !== ucode) throw notFound(`Product ${ucode}`);
    if (!product.listed) throw notOwner(`Product ${ucode}`);
    return product;
  };

  app.get(
    "/",
    handle((req) => {
      const q = req.query;
      const id = q.int("id");
      const status = q.oneOf("status", PRODUCT_STATUSES);
      const format = q.oneOf("format", PRODUCT_FORMATS);
      const matches = ctx.data.products.filter(
        (p) =>
          p.listed &&
          (id === undefined || p.id === id) &&
          (status === undefined || p.status === status) &&
          (format === undefined || p.format === format),
      );
      return { body: paginate(q, "products.list", matches, productItem, { totalResults: false }) };
    }),
  );

  app.get(
    "/:ucode/offers",
    handle((req) => {
      const product = byUcode(req.params.ucode ?? "");
      return {
        body: paginate(req.query, "products.offers", product.offers, offerItem, {
          totalResults: false,
          nullTokens: true,
        }),
      };
    }),
  );

  app.get(
    "/:ucode/plans",
    handle((req) => {
      const product = byUcode(req.params.ucode ?? "");
      const plans = product.plans.filter((p) => p.listed);
      // Production answers 400 for a product without plans rather than an empty list (§11 #28).
      if (plans.length === 0) throw badParameter(`Product ${product.ucode} has no plans.`);
      return { body: paginate(req.query, "products.plans", plans, planItem, { totalResults: false }) };
    }),
  );
  return app;
}
