import { DAY } from "../time";
import type { Coupon, Product } from "./model";
import type { Rng } from "./rng";

const PREFIXES = ["BEMVINDO", "PROMO", "BLACKFRIDAY", "DESCONTO", "VIP", "ALUNO", "NATAL", "CUPOM", "VOLTA"];

/** The first coupon id; creates continue the sequence. */
export const FIRST_COUPON_ID = 3_000_001;

export function makeCoupons(rng: Rng, now: number, products: readonly Product[]): Coupon[] {
  const coupons: Coupon[] = [];
  for (const product of products) {
    if (!rng.chance(0.4)) continue;
    const codes = new Set<string>();
    for (let i = rng.int(1, 3); i > 0; i--) {
      const discount = rng.pick([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5]);
      const code = `${rng.pick(PREFIXES)}${Math.round(discount * 100)}`;
      if (codes.has(code)) continue;
      codes.add(code);
      const startDate = now - rng.int(10, 400) * DAY;
      coupons.push({
        id: FIRST_COUPON_ID + coupons.length,
        productId: product.id,
        code,
        discount,
        startDate,
        endDate: rng.chance(0.5) ? undefined : startDate + rng.int(7, 120) * DAY,
        affiliate: undefined,
        offerIds: undefined,
        deleted: false,
      });
    }
  }
  return coupons;
}

/** Hotmart's list shows `status` in lower case; `valid` is documented, `expired` is the natural other value. */
export function couponStatus(coupon: Coupon, now: number): { status: string; active: boolean } {
  if (coupon.endDate !== undefined && coupon.endDate < now) return { status: "expired", active: false };
  return { status: "valid", active: true };
}
