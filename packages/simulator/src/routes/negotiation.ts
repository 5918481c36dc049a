import { Hono } from "hono";
import type { SimContext } from "../context";
import type { Recurrence } from "../data/model";
import { ApiError, badParameter, notFound } from "../errors";
import { type AppEnv, handle } from "../http";
import { negotiationRefusal } from "../state";

export const NEGOTIATION_BASE = "/payments/api/v1/installments";

/**
 * Installment negotiation (§8.7): overdue recurrences offered for payment by boleto or Pix. The
 * fields the DOCS label "Path" are the JSON body. Not idempotent: every call creates a new charge.
 * Whether the recurrences may be negotiated (overdue, the last one with Club content) is decided in
 * state.ts.
 */
export function negotiationRoutes(ctx: SimContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(
    "/negotiate",
    handle((req) => {
      const raw = req.json();
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw badParameter("The request body must be a JSON object.");
      }
      const body = raw as Record<string, unknown>;
      const id = body.subscription_id;
      if (typeof id !== "number" || !Number.isSafeInteger(id))
        throw badParameter("'subscription_id' is required and must be an integer.");
      const numbers = body.recurrences;
      if (
        !Array.isArray(numbers) ||
        numbers.length < 1 ||
        numbers.length > 5 ||
        !numbers.every((n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 1) ||
        new Set(numbers).size !== numbers.length
      ) {
        throw badParameter("'recurrences' must list 1 to 5 distinct recurrence numbers.");
      }
      const paymentType = body.payment_type;
      if (paymentType !== "PIX" && paymentType !== "BILLET") {
        throw badParameter(
          `'payment_type' must be PIX or BILLET; got ${JSON.stringify(paymentType ?? null)}.`,
        );
      }
      let discount = 0;
      if (body.discount !== undefined && body.discount !== null) {
        const d = body.discount as Record<string, unknown>;
        if (typeof d !== "object" || d.type !== "CUSTOM" || typeof d.value !== "number" || !(d.value >= 0)) {
          throw badParameter("'discount' must be { type: \"CUSTOM\", value: <amount off> }.");
        }
        discount = d.value;
      }
      const document = body.document;
      if (paymentType === "BILLET") {
        const digits = typeof document === "string" ? document.replace(/\D/g, "") : "";
        if (digits.length !== 11 && digits.length !== 14) {
          throw badParameter("'document' (the buyer's CPF or CNPJ) is required for BILLET.");
        }
      }

      const sub = ctx.data.subscriptionById(id);
      if (!sub) throw notFound(`Subscription ${id}`);
      const refusal = negotiationRefusal(sub, numbers as number[], discount);
      if (refusal) throw new ApiError(422, "invalid_parameter", refusal);
      // In the order sent, as before the rules moved to state.ts (negotiationRefusal found each one).
      const chosen = (numbers as number[]).map(
        (n) => sub.recurrences.find((r) => r.number === n) as Recurrence,
      );

      const sale = ctx.actions.negotiate(sub, chosen, paymentType, discount);
      const cash = sale.cash;
      return {
        body: {
          subscription_id: sub.id,
          transaction: sale.transaction,
          payment: {
            type: paymentType,
            expiration_date: cash?.expirationDate ?? ctx.clock.now(),
            ...(paymentType === "BILLET"
              ? { billet_url: cash?.billetUrl, billet_barcode: cash?.billetBarcode }
              : { pix_code: cash?.pixCode, pix_qrcode: cash?.pixQrcode }),
          },
        },
      };
    }),
  );
  return app;
}
