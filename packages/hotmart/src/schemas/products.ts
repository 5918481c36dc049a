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

export const ProductsListPageSchema: PageSchema<typeof ProductsListItemSchema> = page(ProductsListItemSchema);

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

export const ProductsOffersPageSchema: PageSchema<typeof ProductsOffersItemSchema> =
  page(ProductsOffersItemSchema);

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

export const ProductsPlansPageSchema: PageSchema<typeof ProductsPlansItemSchema> =
  page(ProductsPlansItemSchema);

// ---------------------------------------------------------------------------------------------------
// Coupons
// ---------------------------------------------------------------------------------------------------

export const CouponTimeZoneSchema = loose({ description: str, id: str, name: str, offset: str });

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

export const CouponsListPageSchema: PageSchema<typeof CouponsListItemSchema> = page(CouponsListItemSchema);
