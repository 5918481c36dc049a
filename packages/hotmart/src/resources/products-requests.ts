/**
 * What each method of `client.products` sends: its path, its params and their checks. Imported on the
 * first call of one of its methods (products.ts), so an app loads it only when it uses products.
 */
import { HotmartInputError } from "../core/errors";
import { defineList } from "../core/list-definition";
import { path } from "../internal/path";
import { checkId } from "./input-checks";
import type {
  ProductsListItem,
  ProductsListParams,
  ProductsOffersItem,
  ProductsOffersParams,
  ProductsPlansItem,
  ProductsPlansParams,
} from "./products";
import { PRODUCTS_MAX_RESULTS } from "./products-limits";

/** A numeric product id where the UUID is expected makes Hotmart answer `{}`: catch it here. */
function checkUcode(ucode: unknown): void {
  checkId("ucode", ucode, 'the product UUID from products.list (its "ucode" field)');
  if (typeof ucode === "number" || /^\s*\d+\s*$/.test(ucode as string)) {
    throw new HotmartInputError(
      `ucode must be the product UUID (the "ucode" field of products.list), not the numeric product id (got ${String(ucode)})`,
    );
  }
}

export const LIST = defineList<ProductsListParams, ProductsListItem>({
  call: "products.list",
  path: "/products/api/v1/products",
  schema: "ProductsListPage",
  filters: { id: "value", status: "enum", format: "enum" },
  maxResults: PRODUCTS_MAX_RESULTS,
});

export const OFFERS = defineList<ProductsOffersParams, ProductsOffersItem, [ucode: string]>({
  call: "products.offers",
  path: (ucode) => {
    checkUcode(ucode);
    return path`/products/api/v1/products/${ucode}/offers`;
  },
  schema: "ProductsOffersPage",
  filters: {},
});

export const PLANS = defineList<ProductsPlansParams, ProductsPlansItem, [ucode: string]>({
  call: "products.plans",
  path: (ucode) => {
    checkUcode(ucode);
    return path`/products/api/v1/products/${ucode}/plans`;
  },
  schema: "ProductsPlansPage",
  filters: {},
});
