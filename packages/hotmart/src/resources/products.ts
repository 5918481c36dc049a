import { HotmartInputError } from "../core/errors";
import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, autopaginate, type PageParams } from "../core/resource";
import type { EpochMs, RequestOptions } from "../core/types";
import { path } from "../internal/path";
import type { ExtraParams, Money } from "./common";
import type { OfferPaymentMode, Periodicity, PlanPaymentMode, ProductFormat, ProductStatus } from "./enums";
import { checkId, checkPage, guardPage } from "./validate";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

export interface ProductsListParams extends PageParams, ExtraParams {
  /** The numeric product id. */
  id?: number | undefined;
  status?: ProductStatus | undefined;
  format?: ProductFormat | undefined;
}

/** Offers and plans take only the paging params (and any you forward). */
export type ProductsOffersParams = PageParams & ExtraParams;
export type ProductsPlansParams = PageParams & ExtraParams;

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** One product (`products.list`). */
export interface ProductsListItem {
  id: number;
  name: string;
  /** The product UUID: what `offers` and `plans` take. */
  ucode: string;
  status: ProductStatus;
  created_at: EpochMs;
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
  price: Money;
  /** In English here; plans use Portuguese names. */
  payment_mode: OfferPaymentMode;
  is_currency_conversion_enabled: boolean;
  is_smart_recovery_enabled: boolean;
  is_main_offer: boolean;
}

/** One subscription plan of a product (`products.plans`). */
export interface ProductsPlansItem {
  code: string;
  name: string;
  description: string;
  price: Money;
  /** `BIANNUAL` means every 6 months. */
  periodicity: Periodicity;
  max_installments: number;
  /** In Portuguese here (`ASSINATURA` = subscription). */
  payment_mode: PlanPaymentMode;
  /** Days; present only when the plan has a trial. */
  trial_period?: number;
  is_subscription_recovery_enabled: boolean;
  is_switch_plan_enabled: boolean;
}

export type ProductsListPage = PageResponse<ProductsListItem>;
export type ProductsOffersPage = PageResponse<ProductsOffersItem>;
export type ProductsPlansPage = PageResponse<ProductsPlansItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

/** Hotmart documents 50 as the products page size; no other endpoint documents a maximum. */
const PRODUCTS_CAP = { max: 50, note: "for products (Hotmart's documented page size)" };

/** A numeric product id where the UUID is expected makes Hotmart answer `{}`: catch it here. */
function checkUcode(ucode: unknown): void {
  checkId("ucode", ucode, 'the product UUID from products.list (its "ucode" field)');
  if (typeof ucode === "number" || /^\s*\d+\s*$/.test(ucode as string)) {
    throw new HotmartInputError(
      `ucode must be the product UUID (the "ucode" field of products.list), not the numeric product id (got ${String(ucode)})`,
    );
  }
}

/** Products, their offers and their plans (`/products/api/v1/products...`). */
export class Products extends APIResource {
  /** Your products; `max_results` is at most 50. */
  list(params?: ProductsListParams, options?: RequestOptions): PagePromise<ProductsListItem> {
    return guardPage(() =>
      this._list<ProductsListItem>(
        path`/products/api/v1/products`,
        checkPage(params, PRODUCTS_CAP),
        options,
        "ProductsListPage",
      ),
    );
  }

  /** The offers (price points) of a product, by its UUID. */
  offers(
    ucode: string,
    params?: ProductsOffersParams,
    options?: RequestOptions,
  ): PagePromise<ProductsOffersItem> {
    return guardPage(() => {
      checkUcode(ucode);
      return this._list<ProductsOffersItem>(
        path`/products/api/v1/products/${ucode}/offers`,
        checkPage(params),
        options,
        "ProductsOffersPage",
      );
    });
  }

  /**
   * The subscription plans of a product, by its UUID. Hotmart answers 400 `invalid_parameter` for a
   * product without plans.
   */
  plans(
    ucode: string,
    params?: ProductsPlansParams,
    options?: RequestOptions,
  ): PagePromise<ProductsPlansItem> {
    return guardPage(() => {
      checkUcode(ucode);
      return this._list<ProductsPlansItem>(
        path`/products/api/v1/products/${ucode}/plans`,
        checkPage(params),
        options,
        "ProductsPlansPage",
      );
    });
  }

  readonly listAutopaginate = autopaginate(this.list.bind(this));
  readonly offersAutopaginate = autopaginate(this.offers.bind(this));
  readonly plansAutopaginate = autopaginate(this.plans.bind(this));
}
