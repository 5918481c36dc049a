/**
 * The checks of `coupons.create`, imported on its first call: an app that never creates a coupon does
 * not carry them. Each throws HotmartInputError before anything is sent, saying what to pass instead.
 */
import { HotmartInputError } from "../core/errors";
import { checkBodyParams } from "../internal/params";
import type { CouponCreateParams } from "./coupons";
import { checkId, checkOptionalDate, checkPositiveInt } from "./input-checks";

export function checkCode(code: unknown): void {
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

export function checkCreate(params: CouponCreateParams | undefined): void {
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

/**
 * The body of `coupons.create`, after the checks above. Dates go out as epoch ms whatever form they came
 * in (a Date, or an ISO string from JavaScript). An offer id written in digits goes out as a number:
 * Hotmart types `offer_ids` as long[], and ids arrive as text from a CLI flag, a form or a CSV; an id
 * that is not digits (an offer code, which the docs also mention) is sent as given.
 */
export function createBody(code: string, params: CouponCreateParams): Record<string, unknown> {
  checkCode(code);
  checkCreate(params);
  const body: Record<string, unknown> = { ...params, code };
  if (params.start_date !== undefined) body.start_date = checkOptionalDate("start_date", params.start_date);
  if (params.end_date !== undefined) body.end_date = checkOptionalDate("end_date", params.end_date);
  if (params.offer_ids !== undefined) {
    body.offer_ids = params.offer_ids.map((id) =>
      typeof id === "string" && /^\s*\d+\s*$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id,
    );
  }
  return body;
}
