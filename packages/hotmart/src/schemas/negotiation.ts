/** Schema of installment negotiation (resources/negotiation.ts, docs/api-notes.md §8.7). */
import { loose, num, openEnum, optStr, str } from "./shared";

export const NegotiationPaymentSchema = loose({
  type: openEnum(["BILLET", "PIX", "CASH_PAYMENT"]),
  expiration_date: num,
  billet_url: optStr,
  billet_barcode: optStr,
  pix_code: optStr,
  pix_qrcode: optStr,
});

export const NegotiationResultSchema = loose({
  subscription_id: num,
  transaction: str,
  payment: NegotiationPaymentSchema,
});
