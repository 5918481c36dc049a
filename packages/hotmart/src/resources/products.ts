import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, type Autopaginate, defineAutopaginate, type PageParams } from "../core/resource";
import type { EpochMs, RequestOptions } from "../core/types";
import type { Money } from "./common";
import type { OfferPaymentMode, Periodicity, PlanPaymentMode, ProductFormat, ProductStatus } from "./enums";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/** Filters of `products.list`. `max_results` above 50 (Hotmart's documented maximum) is sent as 50. */
export interface ProductsListParams extends PageParams {
  /** The numeric product id. */
  id?: number | undefined;
  /** `DRAFT`, `ACTIVE`, `PAUSED`, `NOT_APPROVED`, `IN_REVIEW`, `DELETED` or `CHANGES_PENDING_ON_PRODUCT`. */
  status?: ProductStatus | undefined;
  /** The product format, e.g. `ONLINE_COURSE`, `EBOOK`, `ETICKET`. */
  format?: ProductFormat | undefined;
}

/** Offers and plans take only the paging params; anything else goes in `options.query`. */
export type ProductsOffersParams = PageParams;
/** Plans take only the paging params, like offers; anything else goes in `options.query`. */
export type ProductsPlansParams = PageParams;

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** One product (`products.list`). */
export interface ProductsListItem {
  /** Hotmart's numeric product id: the `product_id` of sales, subscriptions, coupons and the Club, and the event id of an ETICKET product. */
  id: number;
  /** The product's name as buyers see it. */
  name: string;
  /** The product UUID: what `offers` and `plans` take. */
  ucode: string;
  /** Where the product stands at Hotmart, e.g. `ACTIVE` or `DRAFT` (the `status` filter). */
  status: ProductStatus;
  /** When the product was created, epoch ms. */
  created_at: EpochMs;
  /** What kind of product it is, e.g. `ONLINE_COURSE`, `EBOOK`, `ETICKET` (the `format` filter). */
  format: ProductFormat;
  /** False for Smart Installment and Smart Recovery; for bundles it depends on the billing method. */
  is_subscription: boolean;
  /** Default refund window, in days. */
  warranty_period: number;
}

/** One offer of a product (`products.offers`). */
export interface ProductsOffersItem {
  /** The offer code (`offer_code` elsewhere). */
  code: string;
  /** May be `""`. */
  name: string;
  /** May be `""`. */
  description: string;
  /** The offer's price: `value` in currency units (not cents) and its `currency_code`. */
  price: Money;
  /** In English here; plans use Portuguese names. */
  payment_mode: OfferPaymentMode;
  /** Whether currency conversion is enabled for this offer (Hotmart documents only the flag). */
  is_currency_conversion_enabled: boolean;
  /** Whether Smart Recovery is on: a refused card payment is turned into recurring charges (`billing_type` `SMART_RECOVERY`). */
  is_smart_recovery_enabled: boolean;
  /** Whether this is the product's main offer. */
  is_main_offer: boolean;
}

/** One subscription plan of a product (`products.plans`). */
export interface ProductsPlansItem {
  /** The plan code (8 characters), as `plan.code` elsewhere. */
  code: string;
  /** The plan's name, e.g. `Mensal`. */
  name: string;
  /** The plan's description as written by the producer. */
  description: string;
  /** The plan's price: `value` in currency units (not cents) and its `currency_code`. */
  price: Money;
  /** `BIANNUAL` means every 6 months. */
  periodicity: Periodicity;
  /** The most instalments a buyer may split a payment into (the docs' example: 1 on a monthly plan, 12 on an annual one). */
  max_installments: number;
  /** In Portuguese here (`ASSINATURA` = subscription). */
  payment_mode: PlanPaymentMode;
  /** Days; present only when the plan has a trial. */
  trial_period?: number;
  /** Whether subscription recovery is enabled for the plan (Hotmart documents only the flag). */
  is_subscription_recovery_enabled: boolean;
  /** Whether subscribers may switch plans (a switch sends the `SWITCH_PLAN` webhook). */
  is_switch_plan_enabled: boolean;
}

/** One page of `products.list`: `items` and `page_info` (no `total_results`). */
export type ProductsListPage = PageResponse<ProductsListItem>;
/** One page of `products.offers`: `items` and `page_info` (`prev_page_token` may be `null`). */
export type ProductsOffersPage = PageResponse<ProductsOffersItem>;
/** One page of `products.plans`: `items` and `page_info` (`results_per_page` is not a count: use `items.length`). */
export type ProductsPlansPage = PageResponse<ProductsPlansItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

// A module of its own: products-requests.ts, loaded on first use, needs it without importing this file.
export { PRODUCTS_MAX_RESULTS } from "./products-limits";

// What each method sends, with its checks, is in products-requests.ts: loaded on the first call.
const requests = () => import("./products-requests");

/** Products, their offers and their plans (`/products/api/v1/products...`). */
export class Products extends APIResource {
  /**
   * Your products. Filters: `id`, `status`, `format`; paging: `max_results` (at most 50: a larger value
   * is sent as 50, as Hotmart would clamp it), `page_token`, `select`.
   *
   * @example
   * for await (const product of hotmart.products.list({ status: "ACTIVE" })) console.log(product.ucode);
   */
  list(params?: ProductsListParams, options?: RequestOptions): PagePromise<ProductsListItem> {
    return this._list(async () => (await requests()).LIST, params, options);
  }

  /**
   * The offers (price points) of a product, by its UUID (`ucode` from `products.list`). Takes only the
   * paging params: `max_results`, `page_token`, `select`.
   *
   * @example
   * const { items } = await hotmart.products.offers("ab907e46-a9aa-4d25-ae4f-cec316d01560");
   */
  offers(
    ucode: string,
    params?: ProductsOffersParams,
    options?: RequestOptions,
  ): PagePromise<ProductsOffersItem> {
    return this._list(async () => (await requests()).OFFERS, params, options, ucode);
  }

  /**
   * The subscription plans of a product, by its UUID. Hotmart answers 400 `invalid_parameter` for a
   * product without plans. Takes only the paging params: `max_results`, `page_token`, `select`.
   *
   * @example
   * for await (const plan of hotmart.products.plans("3f9e2d5a-4cb8-4f13-9d2e-8b7c4a0f1e92")) {
   *   console.log(plan.code, plan.periodicity, plan.price.value);
   * }
   */
  plans(
    ucode: string,
    params?: ProductsPlansParams,
    options?: RequestOptions,
  ): PagePromise<ProductsPlansItem> {
    return this._list(async () => (await requests()).PLANS, params, options, ucode);
  }

  /** `list` as an async generator (hotmart-python's `*_autopaginate` naming): every product of every page, like `for await` over `list(...)`. */
  declare readonly listAutopaginate: Autopaginate<Products["list"]>;
  /** `offers` as an async generator: every offer of every page of one product. */
  declare readonly offersAutopaginate: Autopaginate<Products["offers"]>;
  /** `plans` as an async generator: every plan of every page of one product. */
  declare readonly plansAutopaginate: Autopaginate<Products["plans"]>;
}

defineAutopaginate(Products, ["list", "offers", "plans"]);
