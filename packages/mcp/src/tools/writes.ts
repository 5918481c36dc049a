import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import {
  type CouponCreateParams,
  type Hotmart,
  type NegotiationCreateParams,
  NotFoundError,
  type SalesHistoryItem,
  type SubscriptionResult,
  type SubscriptionsListItem,
} from "hotmart";
import { z } from "zod";
import { redemptionMessage, replayMessage } from "../confirm";
import type { ToolContext } from "../context";
import { dayBrt, isoBrt, toEpochMs } from "../dates";
import { describeError, failedAttempt, outcomeUnknownMessage, ToolError } from "../errors";
import { code as asCode, money, oneLine, percentOff, quote } from "../render";
import { type CallOptions, defined, registerTool } from "./define";
import { date, nonBlank } from "./inputs";

/**
 * Record text in a preview's summary, JSON-quoted (render.ts, `quote`) and whole: the seller confirms
 * what the preview names.
 */
const q = (text: string) => quote(text, Number.POSITIVE_INFINITY);

/** Exactly what a confirmed write sends: fixed at preview time, so the confirmation runs what was shown. */
export type WritePlan =
  | { kind: "refund"; transaction: string }
  | { kind: "cancel"; codes: string[]; send_mail: boolean }
  | { kind: "reactivate"; codes: string[]; charge: boolean }
  | { kind: "due_day"; code: string; due_day: number }
  | { kind: "coupon_create"; product_id: number; code: string; params: CouponCreateParams }
  | { kind: "coupon_delete"; product_id: number; coupon_id: number }
  | { kind: "negotiation"; params: NegotiationCreateParams };

interface Preview {
  plan: WritePlan;
  summary: string;
  changes: Record<string, unknown>[];
}

interface Applied {
  summary: string;
  result: Record<string, unknown>;
}

interface WriteSpec<Shape extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Shape;
  annotations: Omit<ToolAnnotations, "readOnlyHint" | "openWorldHint">;
  /** `options` (the MCP request's signal) goes to every SDK call: a cancelled call stops asking Hotmart. */
  preview: (
    args: z.infer<z.ZodObject<Shape>>,
    client: Hotmart,
    now: number,
    options: CallOptions,
  ) => Promise<Preview>;
  apply: (plan: WritePlan, client: Hotmart, options: CallOptions) => Promise<Applied>;
  /** How the seller can find out whether an ambiguous write went through. */
  check: (plan: WritePlan) => string;
}

const TWO_STEP =
  " Two steps: call without confirmation_token to get a preview of exactly what will change and a one-time confirmation_token (valid 10 minutes); " +
  "show the preview to the seller, and only after they agree call again with the same arguments plus confirmation_token. " +
  "Duas etapas: prévia + token de confirmação; só confirme depois que o vendedor concordar.";

const writeOutput = {
  status: z
    .enum(["preview", "done"])
    .describe("preview: nothing changed yet; done: Hotmart accepted the change"),
  summary: z.string(),
  changes: z
    .array(z.record(z.string(), z.unknown()))
    .describe("What will change (preview) or changed (done)"),
  confirmation_token: z
    .string()
    .optional()
    .describe("Pass back with the same arguments to apply the change, once"),
  expires_at: z.string().optional().describe("When the confirmation_token expires (ISO)"),
  result: z.record(z.string(), z.unknown()).optional().describe("Hotmart's answer (done only)"),
};

function writeTool<Shape extends z.ZodRawShape>(
  server: McpServer,
  ctx: ToolContext,
  spec: WriteSpec<Shape>,
): void {
  registerTool(server, ctx, {
    name: spec.name,
    title: spec.title,
    description: spec.description + TWO_STEP,
    input: {
      ...spec.input,
      confirmation_token: z
        .string()
        .min(1)
        .optional()
        .describe("The token from this tool's preview; leave out to get the preview"),
    },
    output: writeOutput,
    annotations: { readOnlyHint: false, openWorldHint: true, ...spec.annotations },
    run: async (args, _ctx, options) => {
      const { confirmation_token: token, ...rest } = args as Record<string, unknown>;
      if (typeof token !== "string") {
        const preview = await spec.preview(
          rest as z.infer<z.ZodObject<Shape>>,
          ctx.client,
          ctx.now(),
          options,
        );
        const { token: issued, expiresAt } = ctx.confirmations.issue(spec.name, rest, preview.plan);
        return {
          structured: {
            status: "preview",
            summary: preview.summary,
            changes: preview.changes,
            confirmation_token: issued,
            expires_at: new Date(expiresAt).toISOString(),
          },
          text: `PREVIEW — nothing has changed yet. ${oneLine(preview.summary, Number.POSITIVE_INFINITY)}\nTo apply, after the seller agrees, call ${spec.name} again with the same arguments and confirmation_token "${issued}" (expires ${new Date(expiresAt).toISOString()}).`,
        };
      }
      const redemption = ctx.confirmations.redeem(spec.name, rest, token);
      if (!redemption.ok) {
        throw new ToolError(
          redemption.reason === "used"
            ? replayMessage(spec.name, redemption.attempt, spec.check(redemption.plan))
            : redemptionMessage(redemption.reason, spec.name),
        );
      }
      const check = spec.check(redemption.plan);
      let applied: Applied;
      try {
        applied = await spec.apply(redemption.plan, ctx.client, options);
      } catch (error) {
        const attempt = failedAttempt(error, options.signal.aborted);
        ctx.confirmations.settle(token, attempt);
        // Cancelled while the write was out: it may have reached Hotmart, so "not applied" could be false.
        if (attempt.state === "unknown") throw new ToolError(outcomeUnknownMessage(error, check));
        if (attempt.state === "succeeded") {
          throw new ToolError(
            `Applied: ${attempt.detail}, so the result cannot be shown. Do not send it again: ${check}`,
          );
        }
        if (attempt.state === "not_sent" && options.signal.aborted) {
          throw new ToolError(`Not sent: ${attempt.detail}; nothing was applied.`);
        }
        throw new ToolError(`Not applied: ${describeError(error, Date.now(), ctx.client.rateLimit)}`);
      }
      // The summary was the answer; a replay says only that it went through (no record text to re-fence).
      ctx.confirmations.settle(token, { state: "succeeded", detail: "" });
      return {
        structured: { status: "done", summary: applied.summary, changes: [], result: applied.result },
        text: `DONE. ${oneLine(applied.summary, Number.POSITIVE_INFINITY)}`,
      };
    },
  });
}

const subscriberCodes = z
  .array(z.string().min(1))
  .min(1)
  .max(50)
  .refine((codes) => new Set(codes).size === codes.length, "list each subscriber code once")
  .describe('Subscriber codes, e.g. ["VRWIQQRG"]; one code for a single subscription, up to 50');

async function findSale(
  client: Hotmart,
  transaction: string,
  options: CallOptions,
): Promise<SalesHistoryItem> {
  const page = await client.sales.history({ transaction, max_results: 10 }, options);
  const sale = page.items.find((s) => s.purchase.transaction === transaction);
  if (!sale)
    throw new ToolError(
      `Not found: no sale with transaction ${asCode(transaction)}; check the code with sales_history or buyer_overview.`,
    );
  return sale;
}

async function findSubscriptions(
  client: Hotmart,
  codes: readonly string[],
  options: CallOptions,
): Promise<SubscriptionsListItem[]> {
  const found: SubscriptionsListItem[] = [];
  const missing: string[] = [];
  for (const code of codes) {
    const page = await client.subscriptions.list({ subscriber_code: code, max_results: 10 }, options);
    const sub = page.items.find((s) => s.subscriber_code === code);
    if (sub) found.push(sub);
    else missing.push(code);
  }
  if (missing.length) {
    throw new ToolError(
      `Not found: no subscription with subscriber code ${missing.join(", ")}; check with subscriptions_list or buyer_overview.`,
    );
  }
  return found;
}

/** Charge cadence of a plan's `recurrency_period` (days), for a due-day preview. */
const CADENCE: Record<number, string> = {
  30: "each month",
  60: "every 2 months",
  90: "every 3 months",
  180: "every 6 months",
  360: "each year",
};

/**
 * What a new due day means for this subscription's plan, as the preview says it: on a weekly plan the
 * day is a weekday (§8.2 U9: 1 = Monday … 7 = Sunday), and only a monthly plan is charged
 * "each month". A weekly plan's day past 7 is refused here, before a token is issued for it.
 */
function billingDay(sub: SubscriptionsListItem, dueDay: number): string {
  const period = sub.plan.recurrency_period;
  if (period === 7) {
    if (dueDay > 7) {
      throw new ToolError(
        `Subscription ${asCode(sub.subscriber_code)} is on a weekly plan (${quote(sub.plan.name)}): its billing day is a weekday, 1 = Monday to 7 = Sunday; pass due_day 1 to 7.`,
      );
    }
    const weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
      dueDay - 1
    ];
    return `on ${weekday} (weekday ${dueDay}) of each week`;
  }
  return `on day ${dueDay} of the month, ${CADENCE[period] ?? `every ${period} days`} (plan ${q(sub.plan.name)})`;
}

function describeSubscription(s: SubscriptionsListItem, note?: string): Record<string, unknown> {
  return defined({
    subscriber_code: s.subscriber_code,
    subscription_id: s.subscription_id,
    status: s.status,
    subscriber: `${s.subscriber.name} <${s.subscriber.email}>`,
    product: s.product.name,
    plan: s.plan.name,
    price: money(s.price.value, s.price.currency_code),
    date_next_charge: dayBrt(s.date_next_charge),
    note,
  });
}

/** Payment methods only the buyer's bank can reverse: Hotmart refuses to refund them. */
const BANK_ONLY_REFUNDS: ReadonlySet<string> = new Set(["BACS_DIRECT_DEBIT", "SEPA_DIRECT_DEBIT"]);

const isCancelled = (status: string) => status.startsWith("CANCELLED") || status === "INACTIVE";

/**
 * §8.1 S6: Hotmart does not refund a trial-period sale, and no field of the sale says it is one. The
 * sale's row in subscriptions.transactions (§8.2 U3) carries its subscription's `trial_info`; while the
 * trial runs the first payment has not happened yet (§8.2 U9), so a paid sale of a subscription still in
 * its trial is the trial's own sale. Once the trial is over, nothing the API returns tells the trial's
 * sale from the first paid one, so that case is left to Hotmart's answer rather than guessed; and a sale
 * U3 does not hold yet (it may lag up to 24 h) goes to its preview as before.
 */
async function trialRefusal(
  client: Hotmart,
  sale: SalesHistoryItem,
  now: number,
  options: CallOptions,
): Promise<string | undefined> {
  if (sale.purchase.is_subscription === false) return undefined;
  const transaction = sale.purchase.transaction;
  let page: Awaited<ReturnType<Hotmart["subscriptions"]["transactions"]>>;
  try {
    page = await client.subscriptions.transactions({ transaction, max_results: 10 }, options);
  } catch (error) {
    // A 404 is U3 not holding the sale, as in the lag above (the sandbox answers 404 for any value off
    // its table): Hotmart's own refusal of a trial refund still stands behind the preview.
    if (error instanceof NotFoundError) return undefined;
    if (options.signal.aborted) throw error;
    // Anything else stops the preview: said as the check's failure, not as the sale's. "Not found" or
    // "refused access" alone read as if the transaction were wrong.
    throw new ToolError(
      `Could not check whether sale ${asCode(transaction)} is a subscription's trial-period sale, which Hotmart does not refund, so no preview was made and nothing was sent: ${describeError(error, Date.now(), client.rateLimit)}`,
    );
  }
  const row = page.items.find(
    (r) =>
      r.purchase?.transaction === transaction &&
      r.trial_info?.trial === true &&
      typeof r.trial_info.trial_end === "number" &&
      r.trial_info.trial_end > now,
  );
  if (!row) return undefined;
  const code = asCode(row.subscriber_code);
  const until = dayBrt(row.trial_info.trial_end as number);
  const next = isCancelled(row.status)
    ? `The subscription is already ${asCode(row.status)}: nothing more to do.`
    : `To stop it before its first charge, cancel the subscription instead: subscriptions_cancel {"subscriber_codes": [${q(row.subscriber_code)}]}.`;
  return `Sale ${asCode(transaction)} belongs to subscription ${code}, in its trial period until ${until}: Hotmart does not refund a trial-period sale, so nothing was sent. ${next}`;
}

function bulkResult(
  codes: readonly string[],
  results: { success: SubscriptionResult[]; fail: SubscriptionResult[] },
): Applied & { ok: string[] } {
  const ok = results.success.map((r) => r.subscriber_code ?? "").filter(Boolean);
  const failed = results.fail.map((r) => ({
    subscriber_code: r.subscriber_code ?? "",
    error: r.error ?? "failed",
  }));
  const summary = `${ok.length} of ${codes.length} succeeded${failed.length ? `; failed: ${failed.map((f) => `${asCode(f.subscriber_code)} (${asCode(f.error)})`).join(", ")}` : ""}.`;
  return { ok, summary, result: { succeeded: ok, failed } };
}

/** Writes exist only with --allow-writes; each is previewed, then confirmed once. */
export function registerWriteTools(server: McpServer, ctx: ToolContext): void {
  writeTool(server, ctx, {
    name: "sale_refund",
    title: "Refund a sale (reembolso, estorno)",
    description:
      "Refund one sale (reembolsar/estornar uma venda) by transaction code: the buyer gets the money back and loses access. Cannot be undone. Only APPROVED or COMPLETE sales, not paid by direct debit (BACS/SEPA: the buyer asks their bank), not a subscription's trial-period sale (cancel the subscription instead). Find the transaction with sales_history or buyer_overview.",
    input: { transaction: z.string().min(1).describe('Transaction code, e.g. "HP17715690036014"') },
    annotations: { destructiveHint: true, idempotentHint: false },
    preview: async ({ transaction }, client, now, options) => {
      const sale = await findSale(client, transaction, options);
      const status = sale.purchase.status;
      if (status !== "APPROVED" && status !== "COMPLETE") {
        throw new ToolError(
          `Sale ${asCode(transaction)} is ${asCode(status)}: only APPROVED or COMPLETE sales can be refunded, so there is nothing to refund.`,
        );
      }
      // §8.1 S6: a sale paid by direct debit is not refunded by Hotmart, so a preview of it
      // would hand out a token for a refund Hotmart refuses.
      const paidBy = sale.purchase.payment?.method;
      if (paidBy !== undefined && BANK_ONLY_REFUNDS.has(paidBy)) {
        throw new ToolError(
          `Sale ${asCode(transaction)} was paid by ${asCode(paidBy)}: Hotmart does not refund direct debits, so there is nothing to send; the buyer must ask their bank to reverse the payment.`,
        );
      }
      const inTrial = await trialRefusal(client, sale, now, options);
      if (inTrial) throw new ToolError(inTrial);
      const amount = money(sale.purchase.price.value, sale.purchase.price.currency_code);
      const buyer = sale.buyer ? `${sale.buyer.name ?? ""} <${sale.buyer.email ?? ""}>` : undefined;
      const inWarranty = sale.purchase.warranty_expire_date > now;
      return {
        plan: { kind: "refund", transaction },
        summary: `Will refund ${amount} of sale ${transaction} (product ${q(sale.product.name)}, ordered ${dayBrt(sale.purchase.order_date)}) to ${buyer === undefined ? "the buyer" : `buyer ${q(buyer)}`}; the buyer loses access. This cannot be undone.${inWarranty ? "" : " The refund window (garantia) has ended."}`,
        changes: [
          defined({
            transaction,
            product: sale.product.name,
            buyer: buyer ?? "the buyer",
            amount,
            status_now: status,
            status_after: "REFUNDED",
            order_date: dayBrt(sale.purchase.order_date),
            warranty_expire_date: dayBrt(sale.purchase.warranty_expire_date),
          }),
        ],
      };
    },
    apply: async (plan, client, options) => {
      if (plan.kind !== "refund") throw new ToolError("Internal error: wrong plan");
      await client.sales.refund(plan.transaction, options);
      return {
        summary: `Sale ${asCode(plan.transaction)} refund requested and accepted by Hotmart.`,
        result: { transaction: plan.transaction },
      };
    },
    check: (plan) =>
      `check the sale's status with sales_history {"transaction": ${q(plan.kind === "refund" ? plan.transaction : "")}} (REFUNDED means it went through).`,
  });

  writeTool(server, ctx, {
    name: "subscriptions_cancel",
    title: "Cancel subscriptions (cancelar assinatura)",
    description:
      "Cancel one or several subscriptions (cancelar assinaturas) by subscriber code; the subscriber keeps access until the paid period ends. Reactivation (subscriptions_reactivate) needs the subscriber's consent by e-mail. Find codes with subscriptions_list or buyer_overview.",
    input: {
      subscriber_codes: subscriberCodes,
      // A schema default, applied to the preview's and the confirmation's arguments alike (the MCP SDK
      // parses both): `send_mail: true` spelled out confirms a preview that left it out.
      send_mail: z.boolean().default(true).describe("E-mail the subscriber about it (default true)"),
    },
    annotations: { destructiveHint: true, idempotentHint: false },
    preview: async ({ subscriber_codes, send_mail }, client, _now, options) => {
      const subs = await findSubscriptions(client, subscriber_codes, options);
      const changes = subs.map((s) =>
        describeSubscription(
          s,
          isCancelled(s.status) ? "already not active: Hotmart will report it as failed" : undefined,
        ),
      );
      const mail = send_mail ? "e-mailing" : "without e-mailing";
      return {
        plan: { kind: "cancel", codes: [...subscriber_codes], send_mail },
        summary: `Will cancel ${subs.length} subscription(s), ${mail} the subscriber(s): ${subs.map((s) => `${asCode(s.subscriber_code)} (${q(s.subscriber.email)}, ${q(s.product.name)}, ${asCode(s.status)})`).join("; ")}.`,
        changes,
      };
    },
    apply: async (plan, client, options) => {
      if (plan.kind !== "cancel") throw new ToolError("Internal error: wrong plan");
      if (plan.codes.length === 1) {
        const [code] = plan.codes as [string];
        const r = await client.subscriptions.cancelSingle(code, { send_mail: plan.send_mail }, options);
        return {
          summary: `Subscription ${asCode(code)} cancelled.`,
          result: { succeeded: [code], failed: [], status: r.status ?? null },
        };
      }
      const r = await client.subscriptions.cancel(plan.codes, { send_mail: plan.send_mail }, options);
      const out = bulkResult(plan.codes, { success: r.success_subscriptions, fail: r.fail_subscriptions });
      return { summary: `Cancel: ${out.summary}`, result: out.result };
    },
    check: () =>
      'check each subscription\'s status with subscriptions_list {"subscriber_code": ...} (CANCELLED_BY_SELLER means it went through).',
  });

  writeTool(server, ctx, {
    name: "subscriptions_reactivate",
    title: "Reactivate subscriptions (reativar assinatura)",
    description:
      "Reactivate one or several cancelled/inactive subscriptions (reativar assinaturas); each subscriber gets an e-mail to accept within 3 days, and with charge=true is charged at once. Find cancelled codes with subscriptions_list.",
    input: {
      subscriber_codes: subscriberCodes,
      charge: z.boolean().default(false).describe("Charge immediately on reactivation (default false)"),
    },
    annotations: { destructiveHint: false, idempotentHint: false },
    preview: async ({ subscriber_codes, charge }, client, _now, options) => {
      const subs = await findSubscriptions(client, subscriber_codes, options);
      const changes = subs.map((s) =>
        describeSubscription(
          s,
          isCancelled(s.status) ? undefined : "already active: Hotmart will report it as failed",
        ),
      );
      return {
        plan: { kind: "reactivate", codes: [...subscriber_codes], charge },
        summary: `Will ask ${subs.length} subscriber(s) to accept reactivation${charge ? ", charging them at once" : ""}: ${subs.map((s) => `${asCode(s.subscriber_code)} (${q(s.subscriber.email)}, ${asCode(s.status)})`).join("; ")}.`,
        changes,
      };
    },
    apply: async (plan, client, options) => {
      if (plan.kind !== "reactivate") throw new ToolError("Internal error: wrong plan");
      if (plan.codes.length === 1) {
        const [code] = plan.codes as [string];
        const r = await client.subscriptions.reactivateSingle(code, { charge: plan.charge }, options);
        return {
          summary: `Reactivation of ${asCode(code)} requested; it waits for the subscriber's consent.`,
          result: { succeeded: [code], failed: [], status: r.status ?? null },
        };
      }
      const r = await client.subscriptions.reactivate(plan.codes, { charge: plan.charge }, options);
      const out = bulkResult(plan.codes, { success: r.success_subscriptions, fail: r.fail_subscriptions });
      return { summary: `Reactivate: ${out.summary}`, result: out.result };
    },
    check: () => 'check each subscription with subscriptions_list {"subscriber_code": ...}.',
  });

  writeTool(server, ctx, {
    name: "subscription_change_due_day",
    title: "Change a subscription's billing day (dia de vencimento)",
    description:
      "Change the day of the month a subscription is charged (alterar dia de cobrança/vencimento), 1 to 31 (31 = last day of shorter months); on a weekly plan (recurrency_period 7) the day is a weekday, 1 = Monday to 7 = Sunday. ACTIVE or DELAYED subscriptions outside trial; applies after the charge already scheduled. Find the code with subscriptions_list or buyer_overview.",
    input: {
      subscriber_code: z.string().min(1).describe('Subscriber code, e.g. "VRWIQQRG"'),
      due_day: z
        .number()
        .int()
        .min(1)
        .max(31)
        .describe("New billing day, 1 to 31; on a weekly plan a weekday, 1 = Monday to 7 = Sunday"),
    },
    annotations: { destructiveHint: true, idempotentHint: true },
    preview: async ({ subscriber_code, due_day }, client, _now, options) => {
      const [sub] = (await findSubscriptions(client, [subscriber_code], options)) as [SubscriptionsListItem];
      if (sub.status !== "ACTIVE" && sub.status !== "DELAYED") {
        throw new ToolError(
          `Subscription ${subscriber_code} is ${asCode(sub.status)}: only ACTIVE or DELAYED subscriptions can change their billing day.`,
        );
      }
      const when = billingDay(sub, due_day);
      return {
        plan: { kind: "due_day", code: subscriber_code, due_day },
        summary: `Will bill subscription ${subscriber_code} (${q(sub.subscriber.email)}, ${q(sub.product.name)}) ${when}, after the charge already scheduled for ${dayBrt(sub.date_next_charge)}.`,
        changes: [{ ...describeSubscription(sub), new_due_day: due_day }],
      };
    },
    apply: async (plan, client, options) => {
      if (plan.kind !== "due_day") throw new ToolError("Internal error: wrong plan");
      await client.subscriptions.changeDueDay(plan.code, plan.due_day, options);
      return {
        summary: `Subscription ${asCode(plan.code)} will be billed on day ${plan.due_day}.`,
        result: { subscriber_code: plan.code, due_day: plan.due_day },
      };
    },
    check: (plan) =>
      `check the next charge date with subscriptions_list {"subscriber_code": ${q(plan.kind === "due_day" ? plan.code : "")}}; repeating the same due day is harmless.`,
  });

  writeTool(server, ctx, {
    name: "coupon_create",
    title: "Create a discount coupon (criar cupom)",
    description:
      "Create a discount coupon (criar cupom de desconto) for a product: code up to 25 characters, discount as a fraction (0.10 = 10%), optional validity, affiliate and offers (offer codes from product_offers). To see existing codes use coupons_list; to remove one, coupon_delete.",
    input: {
      product_id: z.number().int().positive().describe("Numeric product id (from products_list)"),
      code: nonBlank("code", 'the code buyers will type, e.g. "BLACKFRIDAY"')
        .max(25)
        .describe('The code buyers type, e.g. "BLACKFRIDAY"'),
      discount: z.number().gt(0).lt(0.99).describe("Fraction off: 0.10 = 10%"),
      start_date: date("Active from"),
      end_date: date("Active until"),
      affiliate: z.number().int().positive().optional().describe("The one affiliate allowed to use it"),
      offer_ids: z
        // Positive ids, as coupons.create checks them: the preview must not offer what it will refuse.
        .array(
          z.union([
            nonBlank("an offer id", "an offer code from product_offers"),
            z.number().int().positive(),
          ]),
        )
        .min(1)
        .optional()
        .describe("Offers it applies to; default all"),
    },
    annotations: { destructiveHint: false, idempotentHint: false },
    preview: async (args, client, now, options) => {
      // The dates first: what the SDK will refuse at confirmation is refused before any request.
      const start_date = args.start_date === undefined ? undefined : toEpochMs("start_date", args.start_date);
      const end_date = args.end_date === undefined ? undefined : toEpochMs("end_date", args.end_date, "end");
      if (start_date !== undefined && end_date !== undefined && end_date <= start_date) {
        throw new ToolError(
          "Invalid input: end_date must be after start_date, or the coupon would never be active.",
        );
      }
      // Never active either, and its code taken: a year typed wrong is easy to miss in a preview.
      if (end_date !== undefined && end_date <= now) {
        throw new ToolError(
          `Invalid input: end_date (${isoBrt(end_date)}) has passed, so the coupon would never be active: pass a later end_date, or leave it out for a coupon without an end.`,
        );
      }
      const product = (await client.products.list({ id: args.product_id }, options)).items.find(
        (p) => p.id === args.product_id,
      );
      if (!product)
        throw new ToolError(
          `Not found: no product ${args.product_id} in this account; check with products_list.`,
        );
      const existing = (await client.coupons.list(args.product_id, { code: args.code }, options)).items.find(
        (c) => c.coupon_code.toLowerCase() === args.code.toLowerCase(),
      );
      if (existing)
        throw new ToolError(
          `Coupon ${quote(args.code)} already exists for ${quote(product.name)} (id ${existing.id}): pick another code.`,
        );
      const params: CouponCreateParams = defined({
        discount: args.discount,
        start_date,
        end_date,
        affiliate: args.affiliate,
        offer_ids: args.offer_ids,
      });
      const window = `${params.start_date ? ` from ${isoBrt(Number(params.start_date))}` : ""}${params.end_date ? ` until ${isoBrt(Number(params.end_date))}` : ""}`;
      return {
        plan: { kind: "coupon_create", product_id: args.product_id, code: args.code, params },
        summary: `Will create coupon ${q(args.code)}: ${percentOff(args.discount)} ${q(product.name)}${window}${args.offer_ids ? ` on offers ${args.offer_ids.map((id) => (typeof id === "number" ? id : q(id))).join(", ")}` : " on every offer"}.`,
        changes: [defined({ product: product.name, product_id: product.id, code: args.code, ...params })],
      };
    },
    apply: async (plan, client, options) => {
      if (plan.kind !== "coupon_create") throw new ToolError("Internal error: wrong plan");
      await client.coupons.create(plan.product_id, plan.code, plan.params, options);
      // The coupon exists from here on: a failed read of its id (a 403, a 5xx, a cancel) must not turn
      // into "Not applied", which a seller would answer by creating it again.
      const created = await client.coupons.list(plan.product_id, { code: plan.code }, options).then(
        (page) => page.items.find((c) => c.coupon_code === plan.code),
        () => null,
      );
      const id =
        created === null
          ? `; its id could not be read: see it with coupons_list {"product_id": ${plan.product_id}, "code": ${q(plan.code)}}`
          : created
            ? ` (id ${created.id})`
            : "";
      return {
        summary: `Coupon ${q(plan.code)} created${id}.`,
        result: defined({ product_id: plan.product_id, code: plan.code, coupon_id: created?.id }),
      };
    },
    // The code is the assistant's input: printed as a JSON string, so a quote in it cannot end the
    // string early and turn the rest into the check's own words.
    check: (plan) =>
      `check with coupons_list {"product_id": ${plan.kind === "coupon_create" ? plan.product_id : 0}, "code": ${q(plan.kind === "coupon_create" ? plan.code : "")}} before creating it again.`,
  });

  writeTool(server, ctx, {
    name: "coupon_delete",
    title: "Delete a coupon (excluir cupom)",
    description:
      "Delete a discount coupon (excluir cupom) by its numeric id from coupons_list (not its code); buyers can no longer use it.",
    input: {
      product_id: z.number().int().positive().describe("The coupon's product id"),
      coupon_id: z.number().int().positive().describe("Numeric coupon id from coupons_list"),
    },
    annotations: { destructiveHint: true, idempotentHint: true },
    preview: async ({ product_id, coupon_id }, client, _now, options) => {
      let coupon: { id: number; coupon_code: string; discount: number } | undefined;
      for await (const c of client.coupons.list(product_id, { max_results: 100 }, options)) {
        if (c.id === coupon_id) {
          coupon = c;
          break;
        }
      }
      if (!coupon)
        throw new ToolError(
          `Not found: product ${product_id} has no coupon with id ${coupon_id}; list them with coupons_list.`,
        );
      return {
        plan: { kind: "coupon_delete", product_id, coupon_id },
        summary: `Will delete coupon ${q(coupon.coupon_code)} (id ${coupon_id}, ${percentOff(coupon.discount)}) of product ${product_id}.`,
        changes: [{ product_id, coupon_id, code: coupon.coupon_code, discount: coupon.discount }],
      };
    },
    apply: async (plan, client, options) => {
      if (plan.kind !== "coupon_delete") throw new ToolError("Internal error: wrong plan");
      await client.coupons.delete(plan.coupon_id, options);
      return { summary: `Coupon ${plan.coupon_id} deleted.`, result: { coupon_id: plan.coupon_id } };
    },
    check: (plan) =>
      `check with coupons_list {"product_id": ${plan.kind === "coupon_delete" ? plan.product_id : 0}}; deleting again is harmless.`,
  });

  writeTool(server, ctx, {
    name: "negotiation_create",
    title: "Negotiate overdue recurrences (negociar parcelas em atraso)",
    description:
      "Create a Pix or boleto charge for 1 to 5 overdue recurrences of a subscription (negociação de inadimplência), optionally with an amount off. Use subscriptions_summary first to see the unpaid recurrences.",
    input: {
      subscriber_code: z.string().min(1).describe("Subscriber code of the late subscription"),
      recurrences: z
        .array(z.number().int().positive())
        .min(1)
        .max(5)
        .refine((r) => new Set(r).size === r.length, "list each recurrence once")
        .describe("Recurrence numbers to include, 1 to 5"),
      payment_type: z.enum(["PIX", "BILLET"]).describe("PIX or BILLET (boleto)"),
      discount_value: z
        .number()
        .positive()
        .optional()
        .describe("Amount off, in the subscription currency (not a fraction)"),
      document: nonBlank("document", "the buyer's CPF or CNPJ")
        .optional()
        .describe("The buyer's CPF or CNPJ; required for BILLET"),
    },
    annotations: { destructiveHint: false, idempotentHint: false },
    preview: async (args, client, _now, options) => {
      if (args.payment_type === "BILLET" && !args.document) {
        throw new ToolError(
          "Invalid input: document (the buyer's CPF or CNPJ) is required for payment_type BILLET.",
        );
      }
      const summary = (
        await client.subscriptions.summary(
          { subscriber_code: args.subscriber_code, max_results: 10 },
          options,
        )
      ).items.find((s) => s.subscriber_code === args.subscriber_code);
      if (!summary)
        throw new ToolError(
          `Not found: no subscription with subscriber code ${asCode(args.subscriber_code)}.`,
        );
      const unpaid = summary.unpaid_recurrencies.map((u) => u.number);
      // Hotmart reads discount.value (type CUSTOM) as an amount in money, not a fraction: "with 10 off"
      // left 10 reais and 10% alike. The summary has no currency; the subscription's price has one.
      let off = "";
      let currency: string | undefined;
      if (args.discount_value !== undefined) {
        // The currency only words the summary: when its read fails (a 429 after every retry, a 5xx, a
        // 404 from a list that does not hold the subscription yet) the preview goes on without it, as
        // it went before this read; a cancelled call still stops.
        const sub = await client.subscriptions
          .list({ subscriber_code: args.subscriber_code, max_results: 1 }, options)
          .then(
            (page) => page.items.find((s) => s.subscriber_code === args.subscriber_code),
            (error: unknown) => {
              if (options.signal.aborted) throw error;
              return undefined;
            },
          );
        const given = sub?.price?.currency_code;
        currency = typeof given === "string" && given.trim() !== "" ? given : undefined;
        off = currency
          ? ` with ${money(args.discount_value, currency)} off (an amount, not a percentage)`
          : ` with ${args.discount_value.toFixed(2)} off in the subscription's currency (an amount, not a percentage)`;
      }
      const notUnpaid = args.recurrences.filter((n) => !unpaid.includes(n));
      const params: NegotiationCreateParams = defined({
        subscription_id: summary.subscription_id,
        recurrences: [...args.recurrences],
        discount:
          args.discount_value === undefined
            ? undefined
            : { type: "CUSTOM" as const, value: args.discount_value },
        // A boleto's document was required above.
        ...(args.payment_type === "PIX"
          ? { payment_type: "PIX" as const, document: args.document }
          : { payment_type: "BILLET" as const, document: args.document as string }),
      });
      return {
        plan: { kind: "negotiation", params },
        summary: `Will create a ${args.payment_type === "PIX" ? "Pix" : "boleto"} charge for recurrence(s) ${args.recurrences.join(", ")} of ${args.subscriber_code} (${q(summary.subscriber.email)}, ${q(summary.product.name)})${off}.${notUnpaid.length ? ` Warning: ${notUnpaid.join(", ")} not in the unpaid list (${unpaid.join(", ") || "none"}).` : ""}`,
        changes: [
          defined({
            subscriber_code: args.subscriber_code,
            subscription_id: summary.subscription_id,
            subscriber: summary.subscriber.email,
            product: summary.product.name,
            recurrences: args.recurrences,
            unpaid_recurrences: unpaid,
            payment_type: args.payment_type,
            discount_value: args.discount_value,
            discount_currency: currency,
          }),
        ],
      };
    },
    apply: async (plan, client, options) => {
      if (plan.kind !== "negotiation") throw new ToolError("Internal error: wrong plan");
      const r = await client.negotiation.create(plan.params, options);
      const how = r.payment.pix_code
        ? `Pix code: ${q(r.payment.pix_code)}`
        : r.payment.billet_url
          ? `Boleto: ${q(r.payment.billet_url)}`
          : "";
      return {
        summary:
          `Charge ${asCode(r.transaction)} created, due ${dayBrt(r.payment.expiration_date)}. ${how}`.trim(),
        result: { ...r } as Record<string, unknown>,
      };
    },
    check: (plan) =>
      `check with subscriptions_transactions {"subscriber_code": ...} or sales_history for a new NEGOTIATION charge of subscription ${plan.kind === "negotiation" ? plan.params.subscription_id : ""} before creating another.`,
  });
}
