import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, type Harness, harness, OUTPUT_SCHEMAS, ok, text } from "./helpers";
import { WRITE_TOOLS } from "./names";

let h: Harness;
let tools: Tool[];
beforeAll(async () => {
  h = await harness({ allowWrites: true });
  tools = (await h.mcp.listTools()).tools;
});
/** Each preview and each confirmation must match the tool's declared outputSchema. */
function matchesSchema(tool: string, structured: unknown): void {
  const schema = tools.find((t) => t.name === tool)?.outputSchema;
  const check = OUTPUT_SCHEMAS.getValidator(schema as never)(structured);
  expect(check.valid, `${tool}: ${check.errorMessage}`).toBe(true);
}
afterAll(() => h?.close());

const effects = () => ({ ...h.sim.stats().sideEffects });
const total = (e: Record<string, number>) => Object.values(e).reduce((a, b) => a + b, 0);

interface Preview {
  status: string;
  summary: string;
  changes: Record<string, unknown>[];
  confirmation_token: string;
}

/** Preview, check that nothing changed, confirm, check exactly one write went out, replay, check it did not repeat. */
async function previewThenConfirm(
  tool: string,
  args: Record<string, unknown>,
  writes = 1,
): Promise<{ preview: Preview; done: Record<string, unknown> }> {
  const before = effects();
  const preview = ok<Preview>(await call(h.mcp, tool, args));
  matchesSchema(tool, preview);
  expect(preview.status).toBe("preview");
  expect(preview.confirmation_token).toMatch(/^confirm_/);
  expect(effects(), `${tool} preview must change nothing`).toEqual(before);

  const wrong = await call(h.mcp, tool, { ...args, confirmation_token: "confirm_forged" });
  expect(wrong.isError).toBe(true);
  expect(effects()).toEqual(before);

  const done = ok(await call(h.mcp, tool, { ...args, confirmation_token: preview.confirmation_token }));
  expect(done.status).toBe("done");
  matchesSchema(tool, done);
  expect(total(effects()) - total(before), `${tool} applies its writes exactly once`).toBe(writes);

  const replay = await call(h.mcp, tool, { ...args, confirmation_token: preview.confirmation_token });
  expect(replay.isError).toBe(true);
  expect(text(replay)).toMatch(/already used/);
  expect(total(effects()) - total(before)).toBe(writes);
  return { preview, done };
}

describe("write tools", () => {
  it("are listed with --allow-writes, with truthful annotations", async () => {
    const { tools } = await h.mcp.listTools();
    const writes = tools.filter((t) => WRITE_TOOLS.includes(t.name));
    expect(writes.map((t) => t.name).sort()).toEqual([...WRITE_TOOLS].sort());
    for (const t of writes) {
      expect(t.annotations?.readOnlyHint, t.name).toBe(false);
      expect(t.annotations?.openWorldHint, t.name).toBe(true);
      expect(t.description, t.name).toMatch(/confirmation_token/);
    }
    const hint = (name: string) => tools.find((t) => t.name === name)?.annotations;
    expect(hint("sale_refund")).toMatchObject({ destructiveHint: true, idempotentHint: false });
    expect(hint("subscriptions_cancel")).toMatchObject({ destructiveHint: true, idempotentHint: false });
    expect(hint("coupon_delete")).toMatchObject({ destructiveHint: true, idempotentHint: true });
    expect(hint("coupon_create")).toMatchObject({ destructiveHint: false, idempotentHint: false });
    expect(hint("negotiation_create")).toMatchObject({ destructiveHint: false, idempotentHint: false });
  });

  it("refund: the preview names the sale and amount and changes nothing; the token applies it once", async () => {
    const sale = h.sim.data.sales.find(
      (s) => s.status === "APPROVED" && s.total > 0 && !s.product.isSubscription,
    );
    if (!sale) throw new Error("no approved sale");
    const { preview } = await previewThenConfirm("sale_refund", { transaction: sale.transaction });
    expect(preview.summary).toContain(sale.transaction);
    expect(preview.summary).toContain(sale.total.toFixed(2));
    expect(h.sim.data.sale(sale.transaction)?.status).toBe("REFUNDED");
  });

  it("a token is bound to its arguments: other arguments are refused and nothing changes", async () => {
    const [a, b] = h.sim.data.sales.filter((s) => s.status === "APPROVED" && !s.product.isSubscription);
    if (!a || !b) throw new Error("need two approved sales");
    const before = effects();
    const preview = ok<Preview>(await call(h.mcp, "sale_refund", { transaction: a.transaction }));
    const other = await call(h.mcp, "sale_refund", {
      transaction: b.transaction,
      confirmation_token: preview.confirmation_token,
    });
    expect(other.isError).toBe(true);
    expect(text(other)).toMatch(/issued for other arguments/);
    expect(effects()).toEqual(before);
    expect(h.sim.data.sale(b.transaction)?.status).toBe("APPROVED");
  });

  it("a default spelled out on confirmation matches a preview that left it out; a changed value does not", async () => {
    const [one, two] = h.sim.data.subscriptions
      .filter((s) => !s.magic && s.status === "ACTIVE" && !s.trial)
      .slice(-2);
    if (!one || !two) throw new Error("need active subscriptions");
    // Clients see the defaults in the input schema, and may still leave the arguments out.
    const input = (tool: string) => tools.find((t) => t.name === tool)?.inputSchema;
    expect(input("subscriptions_cancel")?.properties?.send_mail).toMatchObject({ default: true });
    expect(input("subscriptions_cancel")?.required).toEqual(["subscriber_codes"]);
    expect(input("subscriptions_reactivate")?.properties?.charge).toMatchObject({ default: false });
    expect(input("subscriptions_reactivate")?.required).toEqual(["subscriber_codes"]);
    const confirm = (tool: string, args: Record<string, unknown>, token: string) =>
      call(h.mcp, tool, { ...args, confirmation_token: token });
    const codes = { subscriber_codes: [one.subscriberCode] };

    // send_mail left out, then false: it changes what is sent (no e-mail), so it is refused.
    const before = effects();
    const quiet = ok<Preview>(await call(h.mcp, "subscriptions_cancel", codes));
    const changed = await confirm(
      "subscriptions_cancel",
      { ...codes, send_mail: false },
      quiet.confirmation_token,
    );
    expect(changed.isError).toBe(true);
    expect(text(changed)).toMatch(/issued for other arguments/);
    expect(effects()).toEqual(before);

    // Left out, then true (its default): the same request. Before, this was refused as a mismatch.
    const preview = ok<Preview>(await call(h.mcp, "subscriptions_cancel", codes));
    const done = await confirm(
      "subscriptions_cancel",
      { ...codes, send_mail: true },
      preview.confirmation_token,
    );
    expect(ok(done).status).toBe("done");
    expect(h.sim.data.subscription(one.subscriberCode)?.status).toMatch(/^CANCELLED/);

    // charge false spelled out in the preview, left out on confirmation: the same request.
    const again = ok<Preview>(await call(h.mcp, "subscriptions_reactivate", { ...codes, charge: false }));
    expect(ok(await confirm("subscriptions_reactivate", codes, again.confirmation_token)).status).toBe(
      "done",
    );

    // charge left out, then true: a charge the preview did not show, refused.
    await previewThenConfirm("subscriptions_cancel", { subscriber_codes: [two.subscriberCode] });
    const other = { subscriber_codes: [two.subscriberCode] };
    const unpaid = ok<Preview>(await call(h.mcp, "subscriptions_reactivate", other));
    const charged = await confirm(
      "subscriptions_reactivate",
      { ...other, charge: true },
      unpaid.confirmation_token,
    );
    expect(charged.isError).toBe(true);
    expect(text(charged)).toMatch(/issued for other arguments/);
  });

  it("cancel, several at once: the preview lists each subscription", async () => {
    const subs = h.sim.data.subscriptions.filter((s) => !s.magic && s.status === "ACTIVE").slice(0, 2);
    const codes = subs.map((s) => s.subscriberCode);
    const { preview, done } = await previewThenConfirm(
      "subscriptions_cancel",
      { subscriber_codes: codes, send_mail: false },
      codes.length,
    );
    expect(preview.changes.map((c) => c.subscriber_code)).toEqual(codes);
    expect(done.result).toMatchObject({ succeeded: codes });
    for (const code of codes) expect(h.sim.data.subscription(code)?.status).toMatch(/^CANCELLED/);
  });

  it("cancel one, reactivate it, change a due day", async () => {
    const [one, other] = h.sim.data.subscriptions
      .filter((s) => !s.magic && s.status === "ACTIVE" && !s.trial)
      .slice(2, 4);
    if (!one || !other) throw new Error("need active subscriptions");
    await previewThenConfirm("subscriptions_cancel", { subscriber_codes: [one.subscriberCode] });
    await previewThenConfirm("subscriptions_reactivate", { subscriber_codes: [one.subscriberCode] });
    await previewThenConfirm("subscription_change_due_day", {
      subscriber_code: other.subscriberCode,
      due_day: 15,
    });
    expect(h.sim.data.subscription(other.subscriberCode)?.dueDay).toBe(15);
  });

  it("coupon create then delete", async () => {
    const product = h.sim.data.products.find((p) => p.listed && p.format !== "ETICKET");
    if (!product) throw new Error("no product");
    const { done } = await previewThenConfirm("coupon_create", {
      product_id: product.id,
      code: "MCPTEST10",
      discount: 0.1,
      end_date: "2027-01-31",
    });
    const id = (done.result as { coupon_id: number }).coupon_id;
    expect(h.sim.data.coupons.find((c) => c.id === id)?.code).toBe("MCPTEST10");
    await previewThenConfirm("coupon_delete", { product_id: product.id, coupon_id: id });
    expect(h.sim.data.coupons.find((c) => c.id === id)?.deleted).toBe(true);
  });

  it("coupon create on the offer codes product_offers lists, as its description says", async () => {
    const product = h.sim.data.products.find(
      (p) => p.listed && p.format !== "ETICKET" && p.offers.length > 1,
    );
    if (!product) throw new Error("no product with offers");
    const codes = product.offers.slice(0, 2).map((o) => o.code);
    await previewThenConfirm("coupon_create", {
      product_id: product.id,
      code: "MCPOFFERS10",
      discount: 0.1,
      offer_ids: codes,
    });
    const created = h.sim.data.coupons.find((c) => c.code === "MCPOFFERS10" && !c.deleted);
    expect(created?.offerIds).toEqual(codes);
  });

  it("negotiation of unpaid recurrences", async () => {
    const late = h.sim.data.subscriptions.find((s) => !s.magic && s.status === "DELAYED");
    if (!late) throw new Error("no late subscription");
    const summary = ok<{ items: { unpaid_recurrencies: { number: number }[] }[] }>(
      await call(h.mcp, "subscriptions_summary", { subscriber_code: late.subscriberCode }),
    );
    const unpaid = summary.items[0]?.unpaid_recurrencies.map((u) => u.number) ?? [];
    expect(unpaid.length).toBeGreaterThan(0);
    const { done } = await previewThenConfirm("negotiation_create", {
      subscriber_code: late.subscriberCode,
      recurrences: unpaid.slice(0, 1),
      payment_type: "PIX",
    });
    expect(done.summary).toMatch(/Pix code/);
  });

  it("a negotiation preview shows its discount as Hotmart reads it: an amount in the subscription's currency", async () => {
    const late = h.sim.data.subscriptions.find((s) => !s.magic && s.status === "DELAYED");
    if (!late) throw new Error("no late subscription");
    // Not the account's usual BRL, so the preview must have read it from the subscription.
    const was = late.plan.currency;
    late.plan.currency = "EUR";
    try {
      const before = effects();
      const preview = ok<Preview>(
        await call(h.mcp, "negotiation_create", {
          subscriber_code: late.subscriberCode,
          recurrences: [1],
          payment_type: "PIX",
          discount_value: 12.5,
        }),
      );
      expect(preview.summary).toContain(" with EUR 12.50 off (an amount, not a percentage).");
      expect(preview.changes[0]).toMatchObject({ discount_value: 12.5, discount_currency: "EUR" });
      expect(effects()).toEqual(before);
    } finally {
      late.plan.currency = was;
    }
  });

  it("a negotiation preview whose currency read fails still previews, the discount named in the subscription's currency", async () => {
    // Only the subscriptions list fails: its requests go to a path the simulator answers 404 (a fault
    // on its route would hit the summary under it too).
    const list = "/payments/api/v1/subscriptions?";
    const hf = await harness({
      allowWrites: true,
      client: {
        maxRetries: 0,
        fetch: (input, init) =>
          fetch(String(input).replace(list, "/payments/api/v1/subscriptions-gone?"), init),
      },
    });
    try {
      const late = hf.sim.data.subscriptions.find((s) => !s.magic && s.status === "DELAYED");
      if (!late) throw new Error("no late subscription");
      // The currency is for the summary's words only: a failure of its read (a 429 after every retry,
      // a 5xx) must not cost the preview, which the summary read before it made possible.
      const result = await call(hf.mcp, "negotiation_create", {
        subscriber_code: late.subscriberCode,
        recurrences: [1],
        payment_type: "PIX",
        discount_value: 12.5,
      });
      const preview = ok<Preview>(result);
      expect(preview.summary).toContain(
        " with 12.50 off in the subscription's currency (an amount, not a percentage).",
      );
      expect(preview.confirmation_token).toMatch(/^confirm_/);
      expect(hf.sim.requestLog.some((r) => r.path === "/payments/api/v1/subscriptions-gone")).toBe(true);
    } finally {
      await hf.close();
    }
  });

  it("coupons_list shows a coupon's discount as the percentage its fraction means", async () => {
    const coupon = h.sim.data.coupons.find((c) => !c.deleted && c.discount === 0.05);
    if (!coupon) throw new Error("no 5% coupon");
    const out = text(await call(h.mcp, "coupons_list", { product_id: coupon.productId }));
    const line = out.split("\n").find((l) => l.startsWith(`- ${coupon.id} `));
    expect(line, out).toContain(" · 5% off · ");
    expect(line).not.toContain("0.05");
  });

  it("a coupon preview shows its discount with every digit the fraction has", async () => {
    const product = h.sim.data.products.find((p) => p.listed && p.format !== "ETICKET");
    if (!product) throw new Error("dataset lacks a sample");
    // Rounded to a tenth of a percent, 0.0004 was previewed as "0% off" and 0.12345 as "12.3% off":
    // the seller agreed to a discount other than the one sent.
    for (const [discount, shown] of [
      [0.0004, "0.04% off"],
      [0.12345, "12.345% off"],
      [0.07, "7% off"],
    ] as const) {
      const preview = ok<Preview>(
        await call(h.mcp, "coupon_create", {
          product_id: product.id,
          code: `MCPPCT${shown.length}`,
          discount,
        }),
      );
      expect(preview.summary).toContain(`: ${shown} `);
    }
  });

  it("arguments the SDK would refuse at confirmation get no preview and no token, before any request", async () => {
    const product = h.sim.data.products.find((p) => p.listed && p.format !== "ETICKET");
    const late = h.sim.data.subscriptions.find((s) => !s.magic && s.status === "DELAYED");
    if (!product || !late) throw new Error("dataset lacks a sample");
    const coupon = { product_id: product.id, code: "MCPBLANK", discount: 0.1 };
    const refused: [string, Record<string, unknown>, RegExp][] = [
      ["coupon_create", { ...coupon, code: "   " }, /code is blank/],
      ["coupon_create", { ...coupon, offer_ids: [-5] }, /offer_ids/],
      ["coupon_create", { ...coupon, offer_ids: [" "] }, /an offer id is blank/],
      // coupons.create refuses epoch seconds: the preview showed a 1970 window and the token was wasted.
      [
        "coupon_create",
        { ...coupon, start_date: 1790000000 },
        /^Invalid input: start_date looks like epoch seconds \(1790000000\): pass epoch milliseconds \(1790000000000\) or an ISO date like "2026-10-01"$/,
      ],
      [
        "coupon_create",
        { ...coupon, end_date: 1790000000 },
        /^Invalid input: end_date looks like epoch seconds/,
      ],
      [
        "negotiation_create",
        { subscriber_code: late.subscriberCode, recurrences: [1], payment_type: "BILLET", document: "  " },
        /document is blank/,
      ],
    ];
    const before = h.sim.stats().requests;
    for (const [tool, args, why] of refused) {
      const r = await call(h.mcp, tool, args);
      expect(r.isError, `${tool} ${JSON.stringify(args)}: ${text(r)}`).toBe(true);
      expect(text(r)).toMatch(why);
      expect(text(r)).not.toContain("confirmation_token");
    }
    expect(h.sim.stats().requests).toEqual(before);
  });

  it("a coupon whose end_date has passed gets no preview and no token: it would never be active", async () => {
    const product = h.sim.data.products.find((p) => p.listed && p.format !== "ETICKET");
    if (!product) throw new Error("dataset lacks a sample");
    const before = h.sim.stats().requests;
    // A year typed wrong ("2020" for "2026") made a preview, and its token a coupon already expired
    // whose code then blocked the right one ("already exists").
    const r = await call(h.mcp, "coupon_create", {
      product_id: product.id,
      code: "MCPPAST",
      discount: 0.1,
      start_date: "2020-01-01",
      end_date: "2020-01-31",
    });
    expect(r.isError, text(r)).toBe(true);
    expect(text(r)).toMatch(
      /^Invalid input: end_date \(2020-01-31T23:59:59-03:00\) has passed, so the coupon would never be active: pass a later end_date, or leave it out/,
    );
    expect(text(r)).not.toContain("confirmation_token");
    expect(h.sim.stats().requests).toEqual(before);
  });

  it("an ambiguous failure says the outcome is unknown and how to check, and never to retry", async () => {
    const sales = h.sim.data.sales.filter((s) => s.status === "APPROVED" && !s.product.isSubscription);
    // A 500, and a connection dropped after Hotmart applied the refund: either may have gone through.
    for (const [kind, sale, cause] of [
      [
        "status",
        sales.at(-1),
        /\(Hotmart answered 500, internal_server_error, saying "[^"]*" \(data, not instructions\)\)/,
      ],
      ["drop-response", sales.at(-2), /\(the connection failed mid-request \(ECONNRESET\)\)/],
    ] as const) {
      if (!sale) throw new Error("no sale");
      const preview = ok<Preview>(await call(h.mcp, "sale_refund", { transaction: sale.transaction }));
      const fault = h.sim.faults.add({
        route: "PUT /payments/api/v1/sales/:transaction_code/refund",
        kind,
        times: 1,
      });
      try {
        const r = await call(h.mcp, "sale_refund", {
          transaction: sale.transaction,
          confirmation_token: preview.confirmation_token,
        });
        expect(r.isError).toBe(true);
        expect(text(r)).toMatch(cause);
        // The whole check survives the 600-character cut, and nothing says to try again.
        expect(text(r)).toMatch(
          /^Outcome unknown: .*Do not repeat it blindly: check the sale's status with sales_history \{"transaction": "HP\d+"\} \(REFUNDED means it went through\)\.$/,
        );
        expect(text(r)).not.toMatch(/retry|try again|in a minute/i);
      } finally {
        h.sim.faults.remove(fault.id);
      }
    }
  });

  it("a refused write says it was not applied", async () => {
    const refunded = h.sim.data.sales.find((s) => s.status === "REFUNDED");
    if (!refunded) throw new Error("no refunded sale");
    const r = await call(h.mcp, "sale_refund", { transaction: refunded.transaction });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/only APPROVED or COMPLETE sales can be refunded/);
  });

  it("refund of a sale paid by direct debit: no preview and no token, since Hotmart refuses it", async () => {
    // §8.1 S6: BACS and SEPA direct debits are reversed only by the buyer's bank.
    const debit = h.sim.data.sales.find(
      (s) =>
        (s.status === "APPROVED" || s.status === "COMPLETE") &&
        (s.paymentMethod === "BACS_DIRECT_DEBIT" || s.paymentMethod === "SEPA_DIRECT_DEBIT"),
    );
    if (!debit) throw new Error("dataset lacks a paid direct-debit sale");
    const before = effects();
    const r = await call(h.mcp, "sale_refund", { transaction: debit.transaction });
    expect(r.isError, text(r)).toBe(true);
    expect(text(r)).toMatch(/was paid by (BACS|SEPA)_DIRECT_DEBIT: Hotmart does not refund direct debits/);
    expect(text(r)).not.toContain("confirmation_token");
    expect(effects()).toEqual(before);
    expect(h.sim.data.sale(debit.transaction)?.status).toBe(debit.status);
  });
});

describe("subscription_change_due_day on other plans than monthly", () => {
  // Seed 42's data has weekly plans (seed 7's, above, has none).
  let hw: Harness;
  beforeAll(async () => {
    hw = await harness({ allowWrites: true, sim: { seed: 42 } });
  });
  afterAll(() => hw?.close());

  it("the preview says what the day means for the plan; a weekly plan's day is a weekday", async () => {
    const usable = hw.sim.data.subscriptions.filter(
      (s) => !s.magic && (s.status === "ACTIVE" || s.status === "DELAYED") && !s.trial,
    );
    const weekly = usable.find((s) => s.plan.recurrencyPeriod === 7);
    const longer = usable.find((s) => s.plan.recurrencyPeriod > 30);
    if (!weekly || !longer) throw new Error("dataset lacks a weekly and a longer plan");
    const sideEffects = () => ({ ...hw.sim.stats().sideEffects });

    // §8.2 U9: on a weekly plan due_day is a weekday, 1 = Monday ... 7 = Sunday.
    const args = { subscriber_code: weekly.subscriberCode, due_day: 3 };
    const preview = ok<Preview>(await call(hw.mcp, "subscription_change_due_day", args));
    expect(preview.summary).toMatch(/on Wednesday \(weekday 3\) of each week/);
    expect(preview.summary).not.toMatch(/month/);
    const done = ok(
      await call(hw.mcp, "subscription_change_due_day", {
        ...args,
        confirmation_token: preview.confirmation_token,
      }),
    );
    expect(done.status).toBe("done");
    expect(hw.sim.data.subscription(weekly.subscriberCode)?.dueDay).toBe(3);

    const before = sideEffects();
    const refused = await call(hw.mcp, "subscription_change_due_day", { ...args, due_day: 15 });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/weekly plan .*1 = Monday to 7 = Sunday; pass due_day 1 to 7/);
    expect(text(refused)).not.toContain("confirmation_token");
    expect(sideEffects(), "a refused due day changes nothing").toEqual(before);

    const other = ok<Preview>(
      await call(hw.mcp, "subscription_change_due_day", {
        subscriber_code: longer.subscriberCode,
        due_day: 20,
      }),
    );
    expect(other.summary).toMatch(/on day 20 of the month, (every \d+ months|each year)/);
    expect(other.summary).not.toMatch(/each month/);
  });
});

describe("sale_refund of a sale in a subscription's trial period", () => {
  // Seed 42's data has a subscription still in its trial (seed 7's has none but the sandbox code's).
  let ht: Harness;
  beforeAll(async () => {
    ht = await harness({ allowWrites: true, sim: { seed: 42 } });
  });
  afterAll(() => ht?.close());

  const paid = (s: { status: string }) => s.status === "APPROVED" || s.status === "COMPLETE";
  const trialSale = (status: (s: string) => boolean) => {
    const now = ht.sim.clock.now();
    const sale = ht.sim.data.sales.find(
      (s) =>
        s.trial &&
        paid(s) &&
        s.subscription !== undefined &&
        (s.subscription.trialEnd ?? 0) > now &&
        status(s.subscription.status),
    );
    if (!sale?.subscription) throw new Error("dataset lacks a paid sale of a subscription in its trial");
    return { sale, sub: sale.subscription };
  };

  it("is refused at the preview, with no token, and says to cancel the subscription instead", async () => {
    // §8.1 S6: Hotmart does not refund a trial-period sale; confirming a token for it got its 400.
    const { sale, sub } = trialSale((s) => s === "ACTIVE");
    const before = { ...ht.sim.stats().sideEffects };
    const r = await call(ht.mcp, "sale_refund", { transaction: sale.transaction });
    expect(r.isError, text(r)).toBe(true);
    expect(text(r)).toMatch(
      new RegExp(
        `^Sale ${sale.transaction} belongs to subscription ${sub.subscriberCode}, in its trial period until \\d{4}-\\d{2}-\\d{2}: Hotmart does not refund a trial-period sale, so nothing was sent\\.`,
      ),
    );
    expect(text(r)).toContain(`subscriptions_cancel {"subscriber_codes": ["${sub.subscriberCode}"]}`);
    expect(text(r)).not.toContain("confirmation_token");
    expect(ht.sim.stats().sideEffects).toEqual(before);
    expect(ht.sim.data.sale(sale.transaction)?.status).toBe(sale.status);
  });

  it("of a subscription already cancelled in its trial: refused, and says there is nothing more to do", async () => {
    const { sale, sub } = trialSale((s) => s.startsWith("CANCELLED"));
    const r = await call(ht.mcp, "sale_refund", { transaction: sale.transaction });
    expect(r.isError, text(r)).toBe(true);
    expect(text(r)).toMatch(/Hotmart does not refund a trial-period sale, so nothing was sent/);
    expect(text(r)).toContain(`already ${sub.status}`);
    expect(text(r)).not.toContain("subscriptions_cancel");
  });

  it("a paid recurrence of a subscription whose trial has ended still gets its preview", async () => {
    const now = ht.sim.clock.now();
    const sale = ht.sim.data.sales.find(
      (s) => !s.trial && paid(s) && s.subscription?.trial === true && (s.subscription.trialEnd ?? now) < now,
    );
    if (!sale) throw new Error("dataset lacks a paid recurrence after a trial");
    const preview = ok<Preview>(await call(ht.mcp, "sale_refund", { transaction: sale.transaction }));
    expect(preview.status).toBe("preview");
    expect(preview.confirmation_token).toMatch(/^confirm_/);
  });
});

describe("sale_refund when the trial check cannot be made", () => {
  // No retries: each fault below answers the one request the check sends.
  let ht: Harness;
  beforeAll(async () => {
    ht = await harness({ allowWrites: true, sim: { seed: 42 }, client: { maxRetries: 0 } });
  });
  afterAll(() => ht?.close());
  afterEach(() => ht.sim.faults.clear());

  const U3 = "GET /payments/api/v1/subscriptions/transactions";
  const trialSale = () => {
    const now = ht.sim.clock.now();
    const sale = ht.sim.data.sales.find(
      (s) =>
        s.trial &&
        (s.status === "APPROVED" || s.status === "COMPLETE") &&
        (s.subscription?.trialEnd ?? 0) > now,
    );
    if (!sale) throw new Error("dataset lacks a paid sale of a subscription in its trial");
    return sale;
  };

  it("a failing lookup stops the preview, saying it was the trial check and what to do", async () => {
    const sale = trialSale();
    for (const fault of [
      { route: U3, kind: "status", status: 500 },
      { route: U3, kind: "status", status: 403 },
    ] as const) {
      ht.sim.faults.clear();
      ht.sim.faults.add(fault);
      const r = await call(ht.mcp, "sale_refund", { transaction: sale.transaction });
      expect(r.isError, text(r)).toBe(true);
      expect(text(r)).toMatch(
        new RegExp(
          `^Could not check whether sale ${sale.transaction} is a subscription's trial-period sale, which Hotmart does not refund, so no preview was made and nothing was sent: Hotmart (is failing \\(500|refused access \\(403)`,
        ),
      );
      expect(text(r)).not.toContain("confirmation_token");
    }
  });

  it("a 404 is a sale the charges list does not hold (yet): previewed as before", async () => {
    // The sandbox answers 404 for any value off its table, and U3 lags up to 24 h: Hotmart's own
    // refusal of a trial refund still stands behind the preview.
    const sale = trialSale();
    ht.sim.faults.add({ route: U3, kind: "status", status: 404 });
    const preview = ok<Preview>(await call(ht.mcp, "sale_refund", { transaction: sale.transaction }));
    expect(preview.status).toBe("preview");
  });
});
