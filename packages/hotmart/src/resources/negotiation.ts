import type { APIPromise } from "../core/api-promise";
import { APIResource } from "../core/resource";
import type { EpochMs, OpenEnum, RequestOptions } from "../core/types";
import { path } from "../internal/path";
import { snapshot } from "../internal/snapshot";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/** How the negotiated amount is paid: Pix or boleto (`BILLET`; `BOLETO` is refused by Hotmart). */
export type NegotiationPaymentType = "PIX" | "BILLET";

/** The optional `discount` of a negotiation body: an absolute amount off the overdue total. */
export interface NegotiationDiscount {
  /** The only type: an absolute amount off. */
  type: "CUSTOM";
  /** Amount off, in the subscription currency (not a fraction). */
  value: number;
}

/**
 * The JSON body of `negotiation.create` (the docs label these fields "path", but they are the body).
 * A boleto (`BILLET`) needs the buyer's `document`, so the type asks for it there (the run-time check
 * refuses it missing too, for callers the types do not reach).
 */
export type NegotiationCreateParams = NegotiationCreateCommon &
  (
    | {
        /** How the buyer pays the negotiated amount: `"PIX"`, or `"BILLET"` (boleto, which needs `document`). */
        payment_type: "PIX";
        /** The buyer's CPF or CNPJ; optional for Pix. */
        document?: string | undefined;
      }
    | {
        /** How the buyer pays the negotiated amount: `"BILLET"` (boleto) needs `document`. */
        payment_type: "BILLET";
        /** The buyer's CPF or CNPJ: a boleto is issued in the buyer's name. */
        document: string;
      }
  );

/** The fields of {@link NegotiationCreateParams} every payment type takes. */
export interface NegotiationCreateCommon {
  /** The numeric `subscription_id` from `subscriptions.list` (not the subscriber code). */
  subscription_id: number;
  /** Recurrence numbers to include: 1 to 5 of them. */
  recurrences: readonly number[];
  /** How the buyer pays the negotiated amount: `"PIX"` or `"BILLET"` (boleto, which needs `document`). */
  payment_type: NegotiationPaymentType;
  /** An optional discount on the overdue amount: `{ type: "CUSTOM", value }`, an amount off, not a fraction. */
  discount?: NegotiationDiscount | undefined;
  /** The buyer's CPF or CNPJ; required for `BILLET`. */
  document?: string | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** How to pay the charge a negotiation created: a boleto (`billet_*` fields) or Pix (`pix_*` fields). */
export interface NegotiationPayment {
  /** `PIX`, `BILLET` (boleto) or `CASH_PAYMENT`, (the values Hotmart documents for this result). */
  type: OpenEnum<"BILLET" | "PIX" | "CASH_PAYMENT">;
  /** When the boleto or Pix code expires, epoch ms. */
  expiration_date: EpochMs;
  /** Boleto only. */
  billet_url?: string;
  /** Boleto only. */
  billet_barcode?: string;
  /** Pix copy-and-paste code; Pix only. */
  pix_code?: string;
  /** URL of the Pix QR code; Pix only. */
  pix_qrcode?: string;
}

/** The charge a negotiation created (`negotiation.create`). */
export interface NegotiationResult {
  /** The subscription negotiated, as sent in the body (the numeric id from `subscriptions.list`). */
  subscription_id: number;
  /** The new transaction code. */
  transaction: string;
  /** What the buyer needs to pay: the boleto or the Pix code, and when it expires. */
  payment: NegotiationPayment;
}

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

/** Installment negotiation: offers overdue recurrences for payment by Pix or boleto. */
export class Negotiation extends APIResource {
  /**
   * Creates a Pix or boleto charge for 1 to 5 overdue recurrences of a subscription. Not idempotent:
   * every call may create a new charge, so it is never retried after an ambiguous failure.
   *
   * @example
   * const { payment } = await hotmart.negotiation.create({ subscription_id: 40321288, recurrences: [4], payment_type: "PIX" });
   * console.log(payment.pix_code);
   */
  create(params: NegotiationCreateParams, options?: RequestOptions): APIPromise<NegotiationResult> {
    // What is sent is what was passed at the call: the checks below run after an await.
    const given = snapshot(params);
    return this._request(async () => {
      // Its checks load on first use: most apps never negotiate (negotiation-checks.ts).
      const { checkNegotiation } = await import("./negotiation-checks");
      const params = given;
      checkNegotiation(params);
      return {
        call: "negotiation.create",
        method: "POST",
        path: path`/payments/api/v1/installments/negotiate`,
        body: { ...params, recurrences: [...params.recurrences] },
        schema: "NegotiationResult",
      };
    }, options);
  }
}
