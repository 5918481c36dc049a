/** Schemas of products, offers, plans (§8.3) and coupons (§8.4): resources/products.ts and coupons.ts. */
import {
  CouponStatusSchema,
  OfferPaymentModeSchema,
  PeriodicitySchema,
  PlanPaymentModeSchema,
  ProductFormatSchema,
  ProductStatusSchema,
} from "./enums";
import { bool, loose, MoneySchema, num, optNum, type PageSchema, page, str } from "./shared";

/**
 * `ProductsListItem`: one product of `products.list` (GET /products/api/v1/products): id, `ucode` (what
 * offers and plans take), status, format, `created_at` (epoch ms), refund window in days.
 */
export const ProductsListItemSchema = loose({
  id: num,
  name: str,
  ucode: str,
  status: ProductStatusSchema,
  created_at: num,
  format: ProductFormatSchema,
  is_subscription: bool,
  warranty_period: num,
});

/**
 * `ProductsListPage`: the body of `products.list`, `{ items, page_info }`; the schema `validate` checks it
 * against.
 */
export const ProductsListPageSchema: PageSchema<typeof ProductsListItemSchema> = page(ProductsListItemSchema);

/**
 * `ProductsOffersItem`: one offer of a product (`products.offers`, GET
 * /products/api/v1/products/{ucode}/offers): code, name, price, English `payment_mode`, flags.
 */
export const ProductsOffersItemSchema = loose({
  code: str,
  name: str,
  description: str,
  price: MoneySchema,
  payment_mode: OfferPaymentModeSchema,
  is_currency_conversion_enabled: bool,
  is_smart_recovery_enabled: bool,
  is_main_offer: bool,
});

/** `ProductsOffersPage`: the body of `products.offers`, `{ items, page_info }`. */
export const ProductsOffersPageSchema: PageSchema<typeof ProductsOffersItemSchema> =
  page(ProductsOffersItemSchema);

/**
 * `ProductsPlansItem`: one subscription plan of a product (`products.plans`, GET
 * /products/api/v1/products/{ucode}/plans): code, price, periodicity, Portuguese `payment_mode`, trial days.
 */
export const ProductsPlansItemSchema = loose({
  code: str,
  name: str,
  description: str,
  price: MoneySchema,
  periodicity: PeriodicitySchema,
  max_installments: num,
  payment_mode: PlanPaymentModeSchema,
  trial_period: optNum,
  is_subscription_recovery_enabled: bool,
  is_switch_plan_enabled: bool,
});

/** `ProductsPlansPage`: the body of `products.plans`, `{ items, page_info }`. */
export const ProductsPlansPageSchema: PageSchema<typeof ProductsPlansItemSchema> =
  page(ProductsPlansItemSchema);

// ---------------------------------------------------------------------------------------------------
// Coupons
// ---------------------------------------------------------------------------------------------------

/**
 * `CouponTimeZone`: the time zone of a coupon's dates in `coupons.list`: IANA `id` (e.g.
 * `America/Sao_Paulo`), `name`, `description`, `offset` (e.g. `-03:00`).
 */
export const CouponTimeZoneSchema = loose({ description: str, id: str, name: str, offset: str });

/**
 * `CouponsListItem`: one coupon of `coupons.list` (GET /products/api/v1/coupon/product/{product_id}): numeric
 * `id` (what `coupons.delete` takes), code, `discount` as a fraction (0.1 is 10 %), dates in epoch ms.
 */
export const CouponsListItemSchema = loose({
  id: num,
  coupon_code: str,
  discount: num,
  start_date: num,
  end_date: optNum,
  status: CouponStatusSchema,
  active: bool,
  time_zone: CouponTimeZoneSchema,
});

/** `CouponsListPage`: the body of `coupons.list`, `{ items, page_info }`. */
export const CouponsListPageSchema: PageSchema<typeof CouponsListItemSchema> = page(CouponsListItemSchema);
