/**
 * What each method of `client.coupons` sends: its path, its params and their checks. Imported on the
 * first call of one of its methods (coupons.ts), so an app loads it only when it uses coupons.
 */
import { defineList } from "../core/list-definition";
import type { ResourceRequest } from "../core/resource";
import { path } from "../internal/path";
import type { CouponCreateParams, CouponsListItem, CouponsListParams } from "./coupons";
import { checkId } from "./input-checks";

const PRODUCT_ID = "the numeric product id, e.g. 1234567";

export const LIST = defineList<CouponsListParams, CouponsListItem, [productId: number | string]>({
  call: "coupons.list",
  path: (productId) => {
    checkId("productId", productId, PRODUCT_ID, true);
    return path`/products/api/v1/coupon/product/${productId}`;
  },
  schema: "CouponsListPage",
  stringMeans: "code",
  filters: { code: "value" },
  emptyBody: true,
});

/** The request of `coupons.delete(couponId)`, once its argument passes its check. */
export function deleteCoupon(couponId: number | string): ResourceRequest {
  checkId("couponId", couponId, 'the numeric coupon "id" from coupons.list (not the coupon code)', true);
  return {
    call: "coupons.delete",
    method: "DELETE",
    path: path`/products/api/v1/coupon/${couponId}`,
    empty: () => undefined,
  };
}

/** `coupons.create(productId, code, params)`, with `params` as it was at the call. */
export async function create(
  productId: number | string,
  code: string,
  params: CouponCreateParams,
): Promise<ResourceRequest> {
  checkId("productId", productId, PRODUCT_ID, true);
  // The checks of a new coupon, and the body they shape, load on first use: most apps never create one
  // (coupon-checks.ts).
  const { createBody } = await import("./coupon-checks");
  const body = createBody(code, params);
  return {
    call: "coupons.create",
    method: "POST",
    path: path`/products/api/v1/product/${productId}/coupon`,
    body,
    empty: () => undefined,
  };
}
