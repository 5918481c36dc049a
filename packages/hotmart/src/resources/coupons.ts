import type { APIPromise } from "../core/api-promise";
import { HotmartInputError } from "../core/errors";
import type { PagePromise, PageResponse } from "../core/pagination";
import {
  APIResource,
  type Autopaginate,
  defineAutopaginate,
  defineList,
  type PageParams,
} from "../core/resource";
import type { DateParam, EpochMs, RequestOptions } from "../core/types";
import { checkBodyParams } from "../internal/params";
import { path } from "../internal/path";
import type { CouponStatus } from "./enums";
import { checkId, checkOptionalDate, checkPositiveInt } from "./input-checks";

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

const PRODUCT_ID = "the numeric product id, e.g. 1234567";

function checkCode(code: unknown): void {
  if (typeof code !== "string" || code.trim() === "") {
    throw new HotmartInputError('code is empty: pass the coupon code buyers will type, e.g. "WELCOME10"');
  }
  const length = [...code].length;
  if (length > 25) {
    throw new HotmartInputError(
      `code must be at most 25 characters (got ${length}): pass a shorter coupon code`,
    );
  }
}

function checkDiscount(discount: unknown): void {
  if (typeof discount === "number" && Number.isFinite(discount) && discount > 0 && discount < 0.99) return;
  let hint = "";
  if (typeof discount === "number" && discount >= 1 && discount < 99) {
    const fraction = discount / 100;
    const text = Number.isInteger(discount) ? fraction.toFixed(2) : String(fraction);
    hint = ` — did you mean ${text}?`;
  }
  const got =
    typeof discount === "number" ? String(discount) : (JSON.stringify(discount) ?? String(discount));
  throw new HotmartInputError(
    `discount must be a fraction between 0 and 0.99 (0.10 = 10%); got ${got}${hint}`,
  );
}

const CREATE_KEYS = [
  "discount",
  "start_date",
  "end_date",
  "affiliate",
  "offer_ids",
] as const satisfies readonly (keyof CouponCreateParams)[];

function checkCreate(params: CouponCreateParams | undefined): void {
  if (!params || typeof params !== "object") {
    throw new HotmartInputError("The coupon needs a discount: pass { discount: 0.10 } for 10% off");
  }
  checkBodyParams(
    "coupons.create",
    params,
    CREATE_KEYS,
    "coupons.create(productId, code, { discount: 0.10 })",
  );
  checkDiscount(params.discount);
  if (params.affiliate !== undefined)
    checkPositiveInt("affiliate", params.affiliate, "the affiliate's numeric id");
  if (params.offer_ids !== undefined) {
    if (!Array.isArray(params.offer_ids) || params.offer_ids.length === 0) {
      throw new HotmartInputError(
        "offer_ids must be a non-empty array of offer ids; leave it out for every offer",
      );
    }
    params.offer_ids.forEach((id, i) => {
      checkId(`offer_ids[${i}]`, id, "an offer id");
    });
  }
  const start = checkOptionalDate("start_date", params.start_date);
  const end = checkOptionalDate("end_date", params.end_date);
  if (start !== undefined && end !== undefined && end <= start) {
    throw new HotmartInputError("end_date must be after start_date: the coupon would never be active");
  }
}

const LIST = defineList<CouponsListParams, CouponsListItem, [productId: number | string]>({
  call: "coupons.list",
  path: (productId) => {
    checkId("productId", productId, PRODUCT_ID);
    return path`/products/api/v1/coupon/product/${productId}`;
  },
  schema: "CouponsListPage",
  stringMeans: "code",
  filters: { code: "value" },
});

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
    return this._request(() => {
      checkId("productId", productId, PRODUCT_ID);
      checkCode(code);
      checkCreate(params);
      const body: Record<string, unknown> = { ...params, code };
      // Dates go out as epoch ms whatever form they came in (a Date, or an ISO string from JavaScript).
      if (params.start_date !== undefined)
        body.start_date = checkOptionalDate("start_date", params.start_date);
      if (params.end_date !== undefined) body.end_date = checkOptionalDate("end_date", params.end_date);
      return {
        call: "coupons.create",
        method: "POST",
        path: path`/products/api/v1/product/${productId}/coupon`,
        body,
        empty: () => undefined,
      };
    }, options);
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
    return this._list(LIST, params, options, productId);
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
    return this._request(() => {
      checkId("couponId", couponId, 'the numeric coupon "id" from coupons.list (not the coupon code)');
      return {
        call: "coupons.delete",
        method: "DELETE",
        path: path`/products/api/v1/coupon/${couponId}`,
        empty: () => undefined,
      };
    }, options);
  }
}

defineAutopaginate(Coupons, ["list"]);
