import {
  BadRequestError,
  NotFoundError,
  Page,
  type SalesCommissionsItem,
  type SalesHistoryItem,
  type SalesParticipantsItem,
  type SalesPriceDetailsItem,
  type SalesSummaryItem,
} from "hotmart";
import type { Sale } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { apiCalls, collect, DAY, failure, lastCall, must, onlyCall, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 2 });
const HISTORY = "/payments/api/v1/sales/history";

const paid = (s: Sale) => s.status === "APPROVED" || s.status === "COMPLETE";
const refundable = (s: Sale) =>
  paid(s) && !s.trial && !/BACS|SEPA/.test(s.paymentMethod) && s.subscription === undefined;

/** A buyer with several sales, some of them not APPROVED/COMPLETE. */
function mixedBuyer(): string {
  const byEmail = new Map<string, Sale[]>();
  for (const sale of ctx.sim.data.sales) {
    const list = byEmail.get(sale.buyer.email) ?? [];
    list.push(sale);
    byEmail.set(sale.buyer.email, list);
  }
  const [email] = must(
    [...byEmail].find(([, sales]) => sales.filter(paid).length >= 3 && sales.some((s) => !paid(s))),
    "buyer with 3+ paid sales and an unpaid one",
  );
  return email;
}

describe("sales.history", () => {
  it("buyer_email: exactly that buyer's APPROVED/COMPLETE sales, newest first, across pages", async () => {
    const { sim, client } = ctx;
    const email = mixedBuyer();
    const expected = sim.data.sales.filter((s) => s.buyer.email === email && paid(s));

    const items = await client.sales.history({ buyer_email: email, max_results: 2 }).toArray();

    expect(items.map((i) => i.purchase.transaction)).toEqual(expected.map((s) => s.transaction));
    for (const item of items) {
      expect(item.buyer?.email).toBe(email);
      expect(["APPROVED", "COMPLETE"]).toContain(item.purchase.status);
    }
    const calls = apiCalls(sim);
    expect(calls).toHaveLength(Math.ceil(expected.length / 2));
    expect(calls[0]).toMatchObject({
      method: "GET",
      path: HISTORY,
      query: { buyer_email: email, max_results: "2" },
      body: null,
      status: 200,
    });
    expect(calls[0]?.headers.authorization).toBe("Bearer [redacted]");
    for (const call of calls.slice(1)) {
      expect(call.query).toEqual({ buyer_email: email, max_results: "2", page_token: expect.any(String) });
    }
  });

  it("maps every field of a sale into the typed item", async () => {
    const { sim, client } = ctx;
    const sale = must(
      sim.data.sales.find((s) => paid(s) && s.approvedDate !== undefined),
      "approved sale",
    );
    const page = await client.sales.history({ transaction: sale.transaction });
    expect(page).toBeInstanceOf(Page);
    expect(page.page_info.total_results).toBe(1);
    expect(page.hasNextPage()).toBe(false);
    const item: SalesHistoryItem = must(page.items[0], "item");
    expect(item.product).toEqual({ id: sale.product.id, name: sale.product.name });
    expect(item.buyer).toEqual({ name: sale.buyer.name, ucode: sale.buyer.ucode, email: sale.buyer.email });
    expect(item.producer.ucode).toBe(sale.product.owner.ucode);
    expect(item.purchase).toMatchObject({
      transaction: sale.transaction,
      order_date: sale.orderDate,
      approved_date: sale.approvedDate,
      status: sale.status,
      recurrency_number: sale.recurrencyNumber,
      commission_as: sale.commissionAs,
      price: { value: sale.total, currency_code: sale.currency },
      payment: { method: sale.paymentMethod, installments_number: sale.installments, type: sale.paymentType },
      offer: { code: sale.offer.code },
      hotmart_fee: { total: sale.feeTotal, base: sale.base, currency_code: sale.currency },
    });
    expect(onlyCall(sim).query).toEqual({ transaction: sale.transaction });
  });

  it("transaction: returns the sale whatever its status (the APPROVED/COMPLETE default does not apply)", async () => {
    const { sim, client } = ctx;
    const unpaid = must(
      sim.data.sales.find((s) => s.status === "CANCELLED" || s.status === "REFUNDED"),
      "cancelled or refunded sale",
    );
    const defaultList = await client.sales.history({ buyer_email: unpaid.buyer.email }).toArray();
    expect(defaultList.map((i) => i.purchase.transaction)).not.toContain(unpaid.transaction);

    const page = await client.sales.history({ transaction: unpaid.transaction });
    expect(page.items.map((i) => [i.purchase.transaction, i.purchase.status])).toEqual([
      [unpaid.transaction, unpaid.status],
    ]);
  });

  it("sends every filter (Date and number dates as epoch ms) and gets exactly the matching sales", async () => {
    const { sim, client } = ctx;
    const sale = must(
      sim.data.sales.find((s) => !paid(s) && s.trackingSource !== undefined),
      "unpaid sale with a tracking source",
    );
    const start = new Date(sale.orderDate - 30 * DAY);
    const end = sale.orderDate + DAY;
    const firstName = must(sale.buyer.name.split(" ")[0], "buyer first name");

    const items = await client.sales
      .history({
        product_id: sale.product.id,
        start_date: start,
        end_date: end,
        transaction_status: sale.status,
        payment_type: sale.paymentType,
        offer_code: sale.offer.code,
        commission_as: sale.commissionAs,
        sales_source: sale.trackingSource,
        buyer_name: firstName,
        max_results: 50,
      })
      .toArray();

    const expected = sim.data.sales.filter(
      (s) =>
        s.product.id === sale.product.id &&
        s.orderDate >= start.getTime() &&
        s.orderDate <= end &&
        s.status === sale.status &&
        s.paymentType === sale.paymentType &&
        s.offer.code === sale.offer.code &&
        s.commissionAs === sale.commissionAs &&
        s.trackingSource === sale.trackingSource &&
        s.buyer.name.toLowerCase().includes(firstName.toLowerCase()),
    );
    expect(items.map((i) => i.purchase.transaction)).toEqual(expected.map((s) => s.transaction));
    expect(items.map((i) => i.purchase.transaction)).toContain(sale.transaction);
    expect(items.find((i) => i.purchase.transaction === sale.transaction)?.purchase.tracking?.source).toBe(
      sale.trackingSource,
    );

    expect(onlyCall(sim).query).toEqual({
      product_id: String(sale.product.id),
      start_date: String(start.getTime()),
      end_date: String(end),
      transaction_status: sale.status,
      payment_type: sale.paymentType,
      offer_code: sale.offer.code,
      commission_as: sale.commissionAs,
      sales_source: sale.trackingSource,
      buyer_name: firstName,
      max_results: "50",
    });
  });

  it("select keeps only the listed paths of each item", async () => {
    const { sim, client } = ctx;
    const email = mixedBuyer();
    const page = await client.sales.history({
      buyer_email: email,
      select: "purchase.transaction,buyer.email",
    });
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(Object.keys(item).sort()).toEqual(["buyer", "purchase"]);
      expect(Object.keys(item.purchase)).toEqual(["transaction"]);
      expect(item.buyer).toEqual({ email });
    }
    expect(onlyCall(sim).query).toEqual({ buyer_email: email, select: "purchase.transaction,buyer.email" });
  });

  it("historyAutopaginate yields the same sales as for await over history", async () => {
    const { client } = ctx;
    const email = mixedBuyer();
    const viaIterator = await collect(client.sales.history({ buyer_email: email, max_results: 3 }));
    const viaTwin = await collect(client.sales.historyAutopaginate({ buyer_email: email, max_results: 3 }));
    expect(viaTwin.map((i) => i.purchase.transaction)).toEqual(
      viaIterator.map((i) => i.purchase.transaction),
    );
    expect(viaTwin.length).toBeGreaterThanOrEqual(3);
  });
});

describe("sales.summary", () => {
  it("totals the APPROVED/COMPLETE sales of a product per currency", async () => {
    const { sim, client } = ctx;
    const product = must(
      sim.data.products.find((p) => sim.data.sales.filter((s) => s.product === p && paid(s)).length >= 5),
      "product with 5+ paid sales",
    );
    const counts = new Map<string, number>();
    for (const s of sim.data.sales)
      if (s.product === product && paid(s)) counts.set(s.currency, (counts.get(s.currency) ?? 0) + 1);

    const page = await client.sales.summary({ product_id: product.id });
    const rows: SalesSummaryItem[] = page.items;
    expect(Object.fromEntries(rows.map((r) => [r.total_value.currency_code, r.total_items]))).toEqual(
      Object.fromEntries(counts),
    );
    for (const row of rows) expect(row.total_value.value).toBeGreaterThan(0);
    expect(onlyCall(sim)).toMatchObject({
      method: "GET",
      path: "/payments/api/v1/sales/summary",
      query: { product_id: String(product.id) },
    });

    const twin = await collect(client.sales.summaryAutopaginate({ product_id: product.id, max_results: 1 }));
    expect(twin).toEqual(rows);
    expect(apiCalls(sim)).toHaveLength(1 + rows.length);
  });
});

describe("sales.participants", () => {
  it("lists buyer, producer and affiliate of the sale", async () => {
    const { sim, client } = ctx;
    const sale = must(
      sim.data.sales.find((s) => paid(s) && s.affiliate !== undefined),
      "paid sale with an affiliate",
    );
    const page = await client.sales.participants({ transaction: sale.transaction });
    const item: SalesParticipantsItem = must(page.items[0], "participants item");
    expect(page.items).toHaveLength(1);
    expect(item.transaction).toBe(sale.transaction);
    expect(item.product.id).toBe(sale.product.id);
    const byRole = Object.fromEntries(item.users.map((u) => [u.role, u.user]));
    expect(byRole.BUYER).toMatchObject({
      email: sale.buyer.email,
      ucode: sale.buyer.ucode,
      name: sale.buyer.name,
    });
    expect(byRole.PRODUCER?.ucode).toBe(sale.product.owner.ucode);
    expect(byRole.AFFILIATE?.ucode).toBe(sale.affiliate?.ucode);
    expect(onlyCall(sim)).toMatchObject({
      path: "/payments/api/v1/sales/users",
      query: { transaction: sale.transaction },
    });
  });

  it("buyer_email filters (APPROVED/COMPLETE by default); participantsAutopaginate matches", async () => {
    const { sim, client } = ctx;
    const email = mixedBuyer();
    const expected = sim.data.sales
      .filter((s) => s.buyer.email === email && paid(s))
      .map((s) => s.transaction);
    const items = await collect(
      client.sales.participantsAutopaginate({ buyer_email: email, max_results: 2 }),
    );
    expect(items.map((i) => i.transaction)).toEqual(expected);
    for (const item of items) expect(item.users.find((u) => u.role === "BUYER")?.user.email).toBe(email);
  });
});

describe("sales.commissions", () => {
  it("splits the base: MARKETPLACE is the hotmart fee, the entries add up to the base", async () => {
    const { sim, client } = ctx;
    const sale = must(
      sim.data.sales.find((s) => paid(s) && s.feeTotal > 0),
      "paid sale with a fee",
    );
    const page = await client.sales.commissions({ transaction: sale.transaction });
    const item: SalesCommissionsItem = must(page.items[0], "commissions item");
    expect(item.transaction).toBe(sale.transaction);
    const marketplace = item.commissions.find((c) => c.source === "MARKETPLACE");
    expect(marketplace?.commission).toEqual({ value: sale.feeTotal, currency_value: sale.currency });
    const sum = item.commissions.reduce((n, c) => n + c.commission.value, 0);
    expect(sum).toBeCloseTo(sale.base, 1);
    expect(item.commissions.find((c) => c.source === "PRODUCER")?.user.ucode).toBe(sale.product.owner.ucode);
    expect(onlyCall(sim).path).toBe("/payments/api/v1/sales/commissions");
  });

  it("commission_as filters by the account's role; commissionsAutopaginate matches", async () => {
    const { sim, client } = ctx;
    const expected = sim.data.sales.filter((s) => paid(s) && s.commissionAs === "AFFILIATE");
    expect(expected.length).toBeGreaterThan(0);
    const items = await collect(
      client.sales.commissionsAutopaginate({ commission_as: "AFFILIATE", max_results: 100 }),
    );
    expect(items.map((i) => i.transaction)).toEqual(expected.map((s) => s.transaction));
    expect(apiCalls(sim)[0]?.query).toEqual({ commission_as: "AFFILIATE", max_results: "100" });
  });
});

describe("sales.priceDetails", () => {
  it("gives base, total, VAT, interest, coupon and conversion rate of the sale", async () => {
    const { sim, client } = ctx;
    const sale = must(
      sim.data.sales.find((s) => paid(s) && s.couponCode !== undefined),
      "paid sale with a coupon",
    );
    const page = await client.sales.priceDetails({ transaction: sale.transaction });
    const item: SalesPriceDetailsItem = must(page.items[0], "price details item");
    expect(item).toEqual({
      transaction: sale.transaction,
      product: { id: sale.product.id, name: sale.product.name },
      base: { value: sale.base, currency_code: sale.currency },
      total: { value: sale.total, currency_code: sale.currency },
      vat: { value: sale.vat, currency_code: sale.currency },
      fee: { value: sale.interest, currency_code: sale.currency },
      coupon: { code: sale.couponCode, value: sale.couponDiscount },
      real_conversion_rate: sale.conversionRate,
    });
    expect(onlyCall(sim)).toMatchObject({
      path: "/payments/api/v1/sales/price/details",
      query: { transaction: sale.transaction },
    });
  });

  it("payment_type + transaction_status filter; priceDetailsAutopaginate matches", async () => {
    const { sim, client } = ctx;
    const expected = sim.data.sales.filter((s) => s.status === "REFUNDED" && s.paymentType === "CREDIT_CARD");
    expect(expected.length).toBeGreaterThan(0);
    const params = { payment_type: "CREDIT_CARD", transaction_status: "REFUNDED", max_results: 4 } as const;
    const items = await collect(client.sales.priceDetailsAutopaginate(params));
    expect(items.map((i) => i.transaction)).toEqual(expected.map((s) => s.transaction));
    expect(apiCalls(sim)[0]?.query).toEqual({
      payment_type: "CREDIT_CARD",
      transaction_status: "REFUNDED",
      max_results: "4",
    });
  });
});

describe("sales.refund", () => {
  it("PUTs with no body; later reads show REFUNDED; a second refund is a BadRequestError", async () => {
    const { sim, client } = ctx;
    const sale = must(sim.data.sales.find(refundable), "refundable one-off sale");

    await expect(client.sales.refund(sale.transaction)).resolves.toBeUndefined();
    expect(onlyCall(sim)).toMatchObject({
      method: "PUT",
      path: `/payments/api/v1/sales/${sale.transaction}/refund`,
      query: {},
      body: null,
      status: 200,
    });
    expect(sim.stats().sideEffects["sale.refund"]).toBe(1);

    const after = await client.sales.history({ transaction: sale.transaction });
    expect(after.items[0]?.purchase.status).toBe("REFUNDED");
    const defaultList = await client.sales.history({ buyer_email: sale.buyer.email }).toArray();
    expect(defaultList.map((i) => i.purchase.transaction)).not.toContain(sale.transaction);

    const again = await failure(() => client.sales.refund(sale.transaction), BadRequestError);
    expect(again.status).toBe(400);
    expect(again.error).toBe("invalid_parameter");
    expect(again.error_description).toContain("REFUNDED");
    expect(again.error_uri).toMatch(/^https:\/\/developers\.hotmart\.com\//);
    expect(again.method).toBe("PUT");
    expect(lastCall(sim).status).toBe(400);
    // A 400 is final: not retried.
    expect(apiCalls(sim).filter((c) => c.method === "PUT")).toHaveLength(2);
    expect(sim.stats().sideEffects["sale.refund"]).toBe(1);
  });

  it("refunding the first charge of a live subscription cancels it", async () => {
    const { sim, client } = ctx;
    const sale = must(
      sim.data.sales.find(
        (s) =>
          paid(s) &&
          !s.trial &&
          !/BACS|SEPA/.test(s.paymentMethod) &&
          s.recurrencyNumber === 1 &&
          s.subscription?.magic === undefined &&
          s.subscription?.status === "ACTIVE",
      ),
      "paid first charge of an ACTIVE subscription",
    );
    const code = must(sale.subscription, "subscription").subscriberCode;
    await client.sales.refund(sale.transaction);
    const [sub] = await client.subscriptions.list({ subscriber_code: code }).toArray();
    expect(sub?.status).toBe("CANCELLED_BY_ADMIN");
  });

  it("refuses trial, BACS/SEPA and unknown sales with Hotmart's error", async () => {
    const { sim, client } = ctx;
    const trial = must(
      sim.data.sales.find((s) => paid(s) && s.trial),
      "paid trial sale",
    );
    const bank = must(
      sim.data.sales.find((s) => paid(s) && /BACS|SEPA/.test(s.paymentMethod)),
      "paid BACS/SEPA sale",
    );
    const e1 = await failure(() => client.sales.refund(trial.transaction), BadRequestError);
    expect(e1.error_description).toMatch(/trial/);
    const e2 = await failure(() => client.sales.refund(bank.transaction), BadRequestError);
    expect(e2.error_description).toContain(bank.paymentMethod);
    const e3 = await failure(() => client.sales.refund("HP00000000000000"), NotFoundError);
    expect(e3.error).toBe("not_found");
    expect(sim.stats().sideEffects["sale.refund"]).toBeUndefined();
    expect(trial.status).not.toBe("REFUNDED");
  });
});
