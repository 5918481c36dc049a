import {
  BILLING_TYPE_VALUES,
  COMMISSION_AS_VALUES,
  PAYMENT_TYPE_VALUES,
  PRODUCT_FORMAT_VALUES,
  PRODUCT_STATUS_VALUES,
  PURCHASE_STATUS_VALUES,
  RECURRENCY_STATUS_VALUES,
  SALES_STATUS_VALUES,
  SUBSCRIPTION_STATUS_VALUES,
  TICKET_STATUS_VALUES,
} from "hotmart";
import { z } from "zod";
import { toEpochMs } from "../dates";

/** Largest page a tool hands the model: enough to read, small enough for its context. */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

export const date = (what: string) =>
  z
    .union([z.string().min(1), z.number().int().nonnegative()])
    .optional()
    .describe(
      `${what}: ISO date ("2026-10-01", a whole day in Brasília time) or date-time ("2026-10-01T14:30:00-03:00"), or epoch milliseconds`,
    );

/**
 * A date the tool cannot do without. zod's own word for a missing one is "Invalid input at end_date",
 * which says neither that it is required nor what to pass.
 */
export const requiredDate = (field: string, what: string, example: string) =>
  z
    .union([z.string().min(1), z.number().int().nonnegative()], {
      error: (issue) =>
        issue.input === undefined
          ? `${field} is required: pass ${what}, e.g. "${example}"`
          : `${field} must be an ISO date like "${example}" or epoch milliseconds`,
    })
    .describe(
      `${what[0]?.toUpperCase()}${what.slice(1)}: "${example}" (a Brasília day), ISO date-time or epoch ms`,
    );

export const productId = z
  .number()
  .int()
  .positive()
  .optional()
  .describe("Numeric product id (from products_list)");
/**
 * Text with something in it, as the SDK's write checks want: "   " passes `min(1)`, so a preview would
 * be shown and confirmed for a write the SDK then refuses ("code is empty").
 */
export const nonBlank = (field: string, what: string) =>
  z.string().regex(/\S/, `${field} is blank: pass ${what}`);

/**
 * A text filter. Blank, it reached Hotmart as `buyer_name=`: the page came back unfiltered (or empty,
 * for "   "), and "20 sales (of 401)" read as the matches of what was asked.
 */
export const textFilter = (field: string, what: string) =>
  z
    .string()
    .regex(/\S/, `${field} is blank: pass the text to match, or leave ${field} out`)
    .optional()
    .describe(what);

export const email = (what: string) =>
  z
    .string()
    .min(3)
    .regex(/\S/, "an e-mail is blank: pass the e-mail to match, or leave it out")
    .optional()
    .describe(what);

/** The statuses sales reports accept: DELAYED is for subscription transactions only, UNDER_ANALISYS is their spelling. */
export const SALE_STATUS_VALUES = SALES_STATUS_VALUES as unknown as [string, ...string[]];

export const saleStatus = z.enum(SALE_STATUS_VALUES);

export const purchaseStatus = z
  .enum(SALE_STATUS_VALUES)
  .optional()
  .describe(
    "Purchase status. Without it Hotmart returns only APPROVED and COMPLETE (paid) sales; REFUNDED = reembolsada, CHARGEBACK = estorno, WAITING_PAYMENT/PRINTED_BILLET = boleto ou Pix pendente",
  );
export const paymentType = z
  .enum(PAYMENT_TYPE_VALUES)
  .optional()
  .describe("Payment type: PIX, BILLET (boleto), CREDIT_CARD (cartão), PAYPAL, ...");
export const commissionAs = z
  .enum(COMMISSION_AS_VALUES)
  .optional()
  .describe("The role the account played: PRODUCER (produtor), COPRODUCER, AFFILIATE (afiliado)");
export const subscriptionStatus = z.enum(SUBSCRIPTION_STATUS_VALUES);
export const recurrencyStatus = z.enum(RECURRENCY_STATUS_VALUES);
export const billingType = z.enum(BILLING_TYPE_VALUES);
export const productStatus = z.enum(PRODUCT_STATUS_VALUES);
export const productFormat = z.enum(PRODUCT_FORMAT_VALUES);
export const ticketStatus = z.enum(TICKET_STATUS_VALUES);
export { PURCHASE_STATUS_VALUES, SUBSCRIPTION_STATUS_VALUES };

export const paging = (max: number = MAX_PAGE) => ({
  limit: z
    .number()
    .int()
    .min(1)
    .max(max)
    .optional()
    .describe(`Items per page, 1 to ${max} (default ${Math.min(DEFAULT_PAGE, max)})`),
  cursor: z
    .string()
    .min(1)
    .optional()
    .describe("The next_cursor of a previous result, to get the next page with the same filters"),
});

/**
 * Tool arguments as SDK params: dates become epoch ms (fields named `end_*` take the end of a bare day),
 * `limit`/`cursor` become `max_results`/`page_token`, absent values are dropped.
 */
export function toParams(
  args: Record<string, unknown>,
  dateFields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || key === "limit" || key === "cursor") continue;
    if (dateFields.includes(key)) {
      out[key] = toEpochMs(key, value as string | number, key.startsWith("end_") ? "end" : "start");
    } else {
      out[key] = value;
    }
  }
  return out;
}
