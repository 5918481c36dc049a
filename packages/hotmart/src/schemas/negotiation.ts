/** Schema of installment negotiation (resources/negotiation.ts, docs/api-notes.md §8.7). */
import { loose, num, openEnum, optStr, str } from "./shared";

/**
 * `NegotiationPayment`: how a negotiation's charge is paid: `type` (`BILLET`, `PIX` or `CASH_PAYMENT`),
 * `expiration_date` (epoch ms), and the boleto link and barcode or the Pix code and QR code URL.
 */
export const NegotiationPaymentSchema = loose({
  type: openEnum(["BILLET", "PIX", "CASH_PAYMENT"]),
  expiration_date: num,
  billet_url: optStr,
  billet_barcode: optStr,
  pix_code: optStr,
  pix_qrcode: optStr,
});

/**
 * `NegotiationResult`: what `negotiation.create` answers (POST /payments/api/v1/installments/negotiate): the
 * `subscription_id`, the new `transaction` code and its payment.
 */
export const NegotiationResultSchema = loose({
  subscription_id: num,
  transaction: str,
  payment: NegotiationPaymentSchema,
});
