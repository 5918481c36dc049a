import type { APIPromise } from "../core/api-promise";
import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, type Autopaginate, defineAutopaginate, type PageParams } from "../core/resource";
import type { DateParam, EpochMs, RequestOptions } from "../core/types";
import { snapshot } from "../internal/snapshot";
import type { CouponStatus } from "./enums";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/**
 * The body fields of `coupons.create` besides the code (`POST /products/api/v1/product/{product_id}/coupon`,
 * docs/api-notes.md §8.4). Dates go out as epoch ms.
 */
export interface CouponCreateParams {
  /** A fraction: 0 < discount < 0.99, so 0.10 is 10 % off. */
  discount: number;
  /** Activation (epoch ms or a Date); Hotmart applies the account's time zone. */
  start_date?: DateParam | undefined;
  /** Deactivation (epoch ms or a Date). */
  end_date?: DateParam | undefined;
  /** Id of the one affiliate allowed to use it. */
  affiliate?: number | undefined;
  /** Offers it applies to. Typed as numbers in the docs, which also call them offer "codes". */
  offer_ids?: ReadonlyArray<number | string> | undefined;
}

/** Filters of `coupons.list` (`GET /products/api/v1/coupon/product/{product_id}`), plus paging. */
export interface CouponsListParams extends PageParams {
  /** Only the coupon with this code. */
  code?: string | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** The time zone Hotmart applies to a coupon's start and end dates (`time_zone` of a `coupons.list` item). */
export interface CouponTimeZone {
  /** e.g. `Fuso horário de Brasília`. */
  description: string;
  /** IANA id, e.g. `America/Sao_Paulo`. */
  id: string;
  /** e.g. `AMERICA_SAO_PAULO`. */
  name: string;
  /** e.g. `-03:00`. */
  offset: string;
}

/** One coupon of a product (`coupons.list`). */
export interface CouponsListItem {
  /** The numeric id that `coupons.delete` takes (not the code). */
  id: number;
  /** The code buyers type at checkout (at most 25 characters), the `code` given to `coupons.create`. */
  coupon_code: string;
  /** A fraction: 0.1 is 10 %. */
  discount: number;
  /** Activation, epoch ms (applied in `time_zone`). */
  start_date: EpochMs;
  /** Deactivation, epoch ms. Not in the docs; present when set. */
  end_date?: EpochMs;
  /** Lowercase, e.g. `valid`. */
  status: CouponStatus;
  /** Whether the coupon can be used now; Hotmart does not document how it relates to `status`. */
  active: boolean;
  /** The time zone of `start_date` and `end_date` (the account's, e.g. Brasília). */
  time_zone: CouponTimeZone;
}

/** One page of `coupons.list`: `items` and `page_info` (no `total_results`). */
export type CouponsListPage = PageResponse<CouponsListItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

// What each method sends, with its checks, is in coupons-requests.ts: loaded on the first call.
const requests = () => import("./coupons-requests");

/** Product coupons. They live on the products API (`/products/api/v1/...`), not on payments. */
export class Coupons extends APIResource {
  /**
   * Creates a coupon for a product. `code` is at most 25 characters; `discount` is a fraction (0.10 =
   * 10 %). Resolves when Hotmart accepts it (it answers `{}`, so list the coupons to get the new id).
   *
   * @example
   * await hotmart.coupons.create(123456789, "WELCOME10", { discount: 0.1, end_date: new Date("2026-12-31") });
   */
  create(
    productId: number | string,
    code: string,
    params: CouponCreateParams,
    options?: RequestOptions,
  ): APIPromise<void> {
    // What is sent is what was passed at the call: the checks run after an await (coupons-requests.ts).
    const given = snapshot(params);
    return this._request(async () => (await requests()).create(productId, code, given), options);
  }

  /**
   * A product's coupons (an empty body from Hotmart means none). Filter: `code`; paging: `max_results`,
   * `page_token`, `select`.
   *
   * @example
   * const { items } = await hotmart.coupons.list(123456789, { code: "NATAL15" });
   */
  list(
    productId: number | string,
    params?: CouponsListParams,
    options?: RequestOptions,
  ): PagePromise<CouponsListItem> {
    return this._list(async () => (await requests()).LIST, params, options, productId);
  }

  /**
   * `list` as an async generator, named like hotmart-python's `*_autopaginate`: every coupon of every
   * page, the same as `for await` over `list(...)`.
   */
  declare readonly listAutopaginate: Autopaginate<Coupons["list"]>;

  /**
   * Deletes a coupon by its numeric `id` from `coupons.list` (not by its code).
   *
   * @example
   * const { items } = await hotmart.coupons.list(123456789, { code: "NATAL15" });
   * if (items[0]) await hotmart.coupons.delete(items[0].id);
   */
  delete(couponId: number | string, options?: RequestOptions): APIPromise<void> {
    return this._request(async () => (await requests()).deleteCoupon(couponId), options);
  }
}

defineAutopaginate(Coupons, ["list"]);
