/**
 * The checks of `negotiation.create`, imported on its first call: an app that never negotiates does not
 * carry them. Each throws HotmartInputError before anything is sent, saying what to pass instead.
 */
import { HotmartInputError } from "../core/errors";
import { checkBodyParams } from "../internal/params";
import { checkPositiveInt, show } from "./input-checks";
import type { NegotiationCreateParams } from "./negotiation";

export function checkNegotiation(params: NegotiationCreateParams | undefined): void {
  if (!params || typeof params !== "object") {
    throw new HotmartInputError(
      'negotiation.create needs { subscription_id, recurrences, payment_type }, e.g. { subscription_id: 1000001, recurrences: [4], payment_type: "PIX" }',
    );
  }
  checkBodyParams(
    "negotiation.create",
    params,
    ["subscription_id", "recurrences", "payment_type", "discount", "document"],
    'negotiation.create({ subscription_id: 1000001, recurrences: [4], payment_type: "PIX" })',
  );
  checkPositiveInt(
    "subscription_id",
    params.subscription_id,
    "the numeric subscription_id from subscriptions.list (not the subscriber code)",
  );
  const { recurrences } = params;
  if (!Array.isArray(recurrences) || recurrences.length < 1 || recurrences.length > 5) {
    const got = Array.isArray(recurrences) ? `${recurrences.length} values` : show(recurrences);
    throw new HotmartInputError(
      `recurrences must be an array of 1 to 5 recurrence numbers, e.g. [3, 4] (got ${got})`,
    );
  }
  recurrences.forEach((n, i) => {
    checkPositiveInt(`recurrences[${i}]`, n, "a recurrence number (1 is the first charge)");
  });
  if (new Set(recurrences).size !== recurrences.length) {
    throw new HotmartInputError(
      `recurrences lists a recurrence twice (${recurrences.join(", ")}): list each once`,
    );
  }
  const type: unknown = params.payment_type;
  if (type !== "PIX" && type !== "BILLET") {
    throw new HotmartInputError(
      `payment_type must be "PIX" or "BILLET" (got ${show(type)}); boleto is "BILLET" at Hotmart`,
    );
  }
  if (type === "BILLET" && (typeof params.document !== "string" || params.document.trim() === "")) {
    throw new HotmartInputError(
      'document is required when payment_type is "BILLET": pass the buyer\'s CPF or CNPJ',
    );
  }
  if (params.document !== undefined && typeof params.document !== "string") {
    throw new HotmartInputError(
      `document must be a string, the buyer's CPF or CNPJ (got ${show(params.document)})`,
    );
  }
  const { discount } = params;
  if (discount !== undefined) {
    const value: unknown = discount?.value;
    if (
      typeof discount !== "object" ||
      discount === null ||
      discount.type !== "CUSTOM" ||
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      value <= 0
    ) {
      throw new HotmartInputError(
        `discount must be { type: "CUSTOM", value: <amount off> } with a positive amount (got ${JSON.stringify(
          discount,
        )}); leave it out for no discount`,
      );
    }
  }
}
