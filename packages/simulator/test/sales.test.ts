import { PAGE_LIMITS, SANDBOX } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, type Json, SALES } from "./helpers";

const PAID = new Set(["APPROVED", "COMPLETE"]);

describe("Sales reports", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  const paidSales = () => api.sim.data.sales.filter((s) => PAID.has(s.status));

  describe("history", () => {
    it("returns only APPROVED and COMPLETE sales by default, newest first, 10 per page", async () => {
      const res = await api.get(`${SALES}/history`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(PAGE_LIMITS["sales.history"].default);
      expect(res.body.page_info.total_results).toBe(paidSales().length);
      expect(res.body.page_info.results_per_page).toBe(10);
      expect(res.body.page_info.prev_page_token).toBeUndefined();
      for (const item of res.body.items) expect(PAID.has(item.purchase.status)).toBe(true);
      const dates = res.body.items.map((i: Json) => i.purchase.order_date);
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    });

    it("has the documented item shape", async () => {
      const res = await api.get(`${SALES}/history`, { max_results: 1 });
      const item = res.body.items[0];
      expect(Object.keys(item)).toEqual(["product", "buyer", "producer", "purchase"]);
      expect(Object.keys(item.product)).toEqual(["name", "id"]);
      expect(Object.keys(item.buyer)).toEqual(["name", "ucode", "email"]);
      expect(item.purchase.transaction).toMatch(/^HP\d+$/);
      expect(typeof item.purchase.order_date).toBe("number");
      expect(item.purchase.order_date).toBeGreaterThan(1e12);
      expect(item.purchase.price).toEqual({ value: expect.any(Number), currency_code: expect.any(String) });
      expect(item.purchase.payment).toEqual({
        method: expect.any(String),
        installments_number: expect.any(Number),
        type: expect.any(String),
      });
      expect(Object.keys(item.purchase.hotmart_fee).sort()).toEqual([
        "base",
        "currency_code",
        "fixed",
        "percentage",
        "total",
      ]);
      expect(item.purchase.offer).toEqual({ payment_mode: expect.any(String), code: expect.any(String) });
      expect(typeof item.purchase.warranty_expire_date).toBe("number");
    });

    it("walks every page: each record exactly once, count equals total_results", async () => {
      const { items, pages, total } = await api.walk(`${SALES}/history`, { max_results: 37 });
      const transactions = items.map((i: Json) => i.purchase.transaction);
      expect(new Set(transactions).size).toBe(transactions.length);
      expect(transactions.length).toBe(total);
      expect(new Set(transactions)).toEqual(new Set(paidSales().map((s) => s.transaction)));
      expect(pages.at(-1)?.body.page_info.next_page_token).toBeUndefined();
      expect(pages[1]?.body.page_info.prev_page_token).toEqual(expect.any(String));
      for (const page of pages) expect(page.body.page_info.results_per_page).toBe(page.body.items.length);
    });

    it("goes back with prev_page_token", async () => {
      const first = await api.get(`${SALES}/history`, { max_results: 5 });
      const second = await api.get(`${SALES}/history`, { page_token: first.body.page_info.next_page_token });
      const back = await api.get(`${SALES}/history`, { page_token: second.body.page_info.prev_page_token });
      expect(back.body.items).toEqual(first.body.items);
    });

    it("filters by transaction_status (and validates it)", async () => {
      const { items, total } = await api.walk(`${SALES}/history`, {
        transaction_status: "REFUNDED",
        max_results: 100,
      });
      expect(total).toBe(api.sim.data.sales.filter((s) => s.status === "REFUNDED").length);
      expect(total).toBeGreaterThan(0);
      for (const item of items) expect(item.purchase.status).toBe("REFUNDED");
      const bad = await api.get(`${SALES}/history`, { transaction_status: "PAID" });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe("invalid_value_parameter");
      // One value, as documented: a comma list is not a status (code that sends one would pass here
      // and read part of the sales from Hotmart).
      const list = await api.get(`${SALES}/history`, { transaction_status: "APPROVED,REFUNDED" });
      expect(list.status).toBe(400);
      expect(list.body.error).toBe("invalid_value_parameter");
    });

    it("finds any sale by transaction, whatever its status (the default filter is off)", async () => {
      const cancelled = api.sim.data.sales.find((s) => s.status === "CANCELLED");
      expect(cancelled).toBeDefined();
      const res = await api.get(`${SALES}/history`, { transaction: cancelled?.transaction });
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].purchase.status).toBe("CANCELLED");
    });

    it("filters by buyer_email, buyer_name, product_id, offer_code, payment_type, commission_as, sales_source", async () => {
      const sale = paidSales().find((s) => s.trackingSource !== undefined && s.commissionAs === "PRODUCER");
      if (!sale) throw new Error("fixture missing");
      const cases: [Record<string, string | number>, (i: Json) => boolean][] = [
        [{ buyer_email: sale.buyer.email.toUpperCase() }, (i) => i.buyer.email === sale.buyer.email],
        [
          { buyer_name: sale.buyer.lastName.toLowerCase() },
          (i) => i.buyer.name.includes(sale.buyer.lastName),
        ],
        [{ product_id: sale.product.id }, (i) => i.product.id === sale.product.id],
        [{ offer_code: sale.offer.code }, (i) => i.purchase.offer.code === sale.offer.code],
        [{ payment_type: sale.paymentType }, (i) => i.purchase.payment.type === sale.paymentType],
        [{ commission_as: "AFFILIATE" }, (i) => i.purchase.commission_as === "AFFILIATE"],
        [
          { sales_source: sale.trackingSource ?? "" },
          (i) => i.purchase.tracking.source === sale.trackingSource,
        ],
      ];
      for (const [query, predicate] of cases) {
        const { items, total } = await api.walk(`${SALES}/history`, { ...query, max_results: 500 });
        expect(total, JSON.stringify(query)).toBeGreaterThan(0);
        expect(items.every(predicate), JSON.stringify(query)).toBe(true);
      }
      const byEmail = await api.walk(`${SALES}/history`, { buyer_email: sale.buyer.email, max_results: 500 });
      expect(byEmail.total).toBe(paidSales().filter((s) => s.buyer.email === sale.buyer.email).length);
    });

    it("filters by an inclusive epoch-ms date range on order_date", async () => {
      const sorted = paidSales().map((s) => s.orderDate);
      const end = sorted[20] as number;
      const start = sorted[60] as number;
      const { items, total } = await api.walk(`${SALES}/history`, {
        start_date: start,
        end_date: end,
        max_results: 500,
      });
      expect(total).toBe(41);
      for (const item of items) {
        expect(item.purchase.order_date).toBeGreaterThanOrEqual(start);
        expect(item.purchase.order_date).toBeLessThanOrEqual(end);
      }
      const bad = await api.get(`${SALES}/history`, { start_date: "yesterday" });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe("invalid_value_parameter");
    });

    it("finds a date range's sales by binary search, and by scanning once a sale breaks the date order", async () => {
      const own = await Api.start({ seed: 43 });
      try {
        const sales = () => own.sim.data.sales;
        const expectRange = async (start: number, end: number) => {
          const want = sales()
            .filter((s) => PAID.has(s.status) && s.orderDate >= start && s.orderDate <= end)
            .map((s) => s.transaction);
          const { items, total } = await own.walk(`${SALES}/history`, {
            start_date: start,
            end_date: end,
            max_results: 500,
          });
          expect(items.map((i: Json) => i.purchase.transaction)).toEqual(want);
          expect(total).toBe(want.length);
          return want.length;
        };
        // Dates of paid sales (the default filter), so every bound below sits on a sale the answer holds.
        const dates = sales()
          .filter((s) => PAID.has(s.status))
          .map((s) => s.orderDate);
        const newest = dates[0] as number;
        const oldest = dates.at(-1) as number;
        const mid = dates[Math.floor(dates.length / 2)] as number;
        expect(await expectRange(oldest, newest)).toBe(dates.length);
        // Both bounds inclusive, on the exact ms of a sale, and the ranges either side of it.
        expect(await expectRange(mid, mid)).toBeGreaterThan(0);
        await expectRange(mid + 1, newest);
        await expectRange(oldest, mid - 1);
        expect(await expectRange(newest + 1, newest + 10_000)).toBe(0);
        // A purchase made with the clock moved back lands first in the list but dated in the middle.
        own.sim.clock.set(mid - 60_000);
        const late = own.sim.purchase();
        expect(await expectRange(late.orderDate, late.orderDate)).toBeGreaterThan(0);
        await expectRange(oldest, mid);
        await expectRange(oldest, newest);
      } finally {
        await own.close();
      }
    });

    it("applies select to each item and keeps page_info", async () => {
      const res = await api.get(`${SALES}/history`, {
        select: "purchase.transaction,buyer.email",
        max_results: 3,
      });
      expect(res.body.items).toHaveLength(3);
      for (const item of res.body.items) {
        expect(Object.keys(item).sort()).toEqual(["buyer", "purchase"]);
        expect(Object.keys(item.purchase)).toEqual(["transaction"]);
        expect(Object.keys(item.buyer)).toEqual(["email"]);
      }
      expect(res.body.page_info.total_results).toBe(paidSales().length);
      const none = await api.get(`${SALES}/history`, { select: "nothing.here" });
      expect(none.status).toBe(200);
      expect(none.body).toEqual({});
      const whole = await api.get(`${SALES}/history`, { select: "product", max_results: 1 });
      expect(Object.keys(whole.body.items[0])).toEqual(["product"]);
      expect(Object.keys(whole.body.items[0].product)).toEqual(["name", "id"]);
    });
  });

  describe("the same transaction across reports", () => {
    it("appears in users, commissions and price details with consistent values", async () => {
      const sale = paidSales().find((s) => s.affiliate !== undefined && s.installments > 1) ?? paidSales()[0];
      if (!sale) throw new Error("fixture missing");
      const tx = sale.transaction;
      const [history, users, commissions, price] = await Promise.all([
        api.get(`${SALES}/history`, { transaction: tx }),
        api.get(`${SALES}/users`, { transaction: tx }),
        api.get(`${SALES}/commissions`, { transaction: tx }),
        api.get(`${SALES}/price/details`, { transaction: tx }),
      ]);
      const h = history.body.items[0];
      const u = users.body.items[0];
      const c = commissions.body.items[0];
      const p = price.body.items[0];
      for (const item of [u, c, p]) {
        expect(item.transaction).toBe(tx);
        expect(item.product.id).toBe(h.product.id);
      }
      const buyer = u.users.find((x: Json) => x.role === "BUYER");
      expect(buyer.user.email).toBe(h.buyer.email);
      expect(buyer.user.ucode).toBe(h.buyer.ucode);
      expect(u.users.find((x: Json) => x.role === "PRODUCER").user.ucode).toBe(h.producer.ucode);
      expect(u.users.some((x: Json) => x.role === "AFFILIATE")).toBe(sale.affiliate !== undefined);
      const marketplace = c.commissions.find((x: Json) => x.source === "MARKETPLACE");
      expect(marketplace.commission.value).toBe(h.purchase.hotmart_fee.total);
      const sum = c.commissions.reduce((n: number, x: Json) => n + x.commission.value, 0);
      expect(sum).toBeCloseTo(h.purchase.hotmart_fee.base, 2);
      for (const x of c.commissions)
        expect(Object.keys(x.commission).sort()).toEqual(["currency_value", "value"]);
      expect(p.total.value).toBe(h.purchase.price.value);
      expect(p.base.value).toBe(h.purchase.hotmart_fee.base);
      expect(p.total.value).toBeCloseTo(p.base.value + p.vat.value + p.fee.value, 2);
    });

    it("every report honours the default status filter identically", async () => {
      const totals = await Promise.all(
        ["history", "users", "commissions", "price/details"].map(
          async (r) => (await api.get(`${SALES}/${r}`)).body.page_info.total_results,
        ),
      );
      expect(new Set(totals)).toEqual(new Set([paidSales().length]));
    });

    it("users and commissions walk every page exactly once", async () => {
      for (const report of ["users", "commissions", "price/details"]) {
        const { items, total } = await api.walk(`${SALES}/${report}`, { max_results: 50 });
        const txs = items.map((i: Json) => i.transaction);
        expect(new Set(txs).size).toBe(txs.length);
        expect(txs.length).toBe(total);
      }
    });
  });

  describe("summary", () => {
    it("totals the account's commissions per currency, consistent with history", async () => {
      const res = await api.get(`${SALES}/summary`);
      expect(res.status).toBe(200);
      const items = res.body.items;
      expect(items.length).toBeGreaterThan(0);
      expect(res.body.page_info.total_results).toBe(items.length);
      const count = items.reduce((n: number, i: Json) => n + i.total_items, 0);
      expect(count).toBe(paidSales().length);
      for (const item of items) {
        expect(Object.keys(item)).toEqual(["total_items", "total_value"]);
        expect(Object.keys(item.total_value)).toEqual(["value", "currency_code"]);
      }
      const brl = items.find((i: Json) => i.total_value.currency_code === "BRL");
      expect(brl.total_value.value).toBeGreaterThan(0);
    });

    it("honours product_id and transaction_status", async () => {
      const product = paidSales()[0]?.product;
      const res = await api.get(`${SALES}/summary`, { product_id: product?.id ?? 0 });
      const count = res.body.items.reduce((n: number, i: Json) => n + i.total_items, 0);
      expect(count).toBe(paidSales().filter((s) => s.product === product).length);
      const refunded = await api.get(`${SALES}/summary`, { transaction_status: "REFUNDED" });
      const refundedCount = refunded.body.items.reduce((n: number, i: Json) => n + i.total_items, 0);
      expect(refundedCount).toBe(api.sim.data.sales.filter((s) => s.status === "REFUNDED").length);
    });
  });

  describe("sandbox sample queries", () => {
    it("summary with the documented sandbox parameters answers data", async () => {
      const res = await api.get(`${SALES}/summary`, {
        product_id: SANDBOX.summary.productId,
        start_date: 1623380400000,
        end_date: 1623639600000,
        sales_source: SANDBOX.summary.salesSource,
        affiliate_name: SANDBOX.summary.affiliateName,
        payment_type: "BILLET",
        offer_code: SANDBOX.summary.offerCode,
      });
      expect(res.status).toBe(200);
      expect(res.body.items[0].total_items).toBe(1);
    });

    it("users with the documented sandbox parameters answers the sample buyer", async () => {
      const res = await api.get(`${SALES}/users`, {
        buyer_email: SANDBOX.users.buyerEmail,
        sales_source: SANDBOX.users.salesSource,
        buyer_name: SANDBOX.users.buyerName,
        affiliate_name: SANDBOX.users.affiliateName,
        start_date: 1622689200000,
        end_date: 1622948400000,
      });
      expect(res.body.items).toHaveLength(1);
      const buyer = res.body.items[0].users.find((u: Json) => u.role === "BUYER");
      expect(buyer.user.email).toBe(SANDBOX.users.buyerEmail);
    });

    it("commissions and price details have sales in their sandbox windows", async () => {
      const commissions = await api.get(`${SALES}/commissions`, {
        start_date: 1622689200000,
        end_date: 1622948400000,
      });
      expect(commissions.body.items.length).toBeGreaterThan(0);
      const price = await api.get(`${SALES}/price/details`, {
        start_date: 1623726000000,
        end_date: 1624158000000,
      });
      expect(price.body.items.length).toBeGreaterThan(0);
    });
  });

  describe("refund", () => {
    it("refunds an APPROVED sale: 200 {}, then history shows REFUNDED", async () => {
      const sale = api.sim.purchase();
      const res = await api.request("PUT", `${SALES}/${sale.transaction}/refund`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
      const after = await api.get(`${SALES}/history`, { transaction: sale.transaction });
      expect(after.body.items[0].purchase.status).toBe("REFUNDED");
      const defaults = await api.walk(`${SALES}/history`, { max_results: 500 });
      expect(defaults.items.some((i: Json) => i.purchase.transaction === sale.transaction)).toBe(false);
    });

    it("answers 400 for a sale that is not APPROVED or COMPLETE (a second refund included)", async () => {
      const sale = api.sim.purchase();
      expect((await api.request("PUT", `${SALES}/${sale.transaction}/refund`)).status).toBe(200);
      expect(() => api.sim.approve(sale.transaction)).toThrow(RangeError);
      const again = await api.request("PUT", `${SALES}/${sale.transaction}/refund`);
      expect(again.status).toBe(400);
      expect(again.body.error).toBe("invalid_parameter");
      expect(again.body.error_uri).toEqual(expect.any(String));
    });

    it("answers 404 for an unknown transaction", async () => {
      const res = await api.request("PUT", `${SALES}/HP0000000000/refund`);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe("not_found");
    });

    it("refuses trial-period and direct-debit sales", async () => {
      const trial = api.sim.data.sales.find((s) => s.trial && PAID.has(s.status));
      expect(trial).toBeDefined();
      expect((await api.request("PUT", `${SALES}/${trial?.transaction}/refund`)).status).toBe(400);
      const debit = api.sim.purchase({ paymentType: "DIRECT_DEBIT" });
      expect((await api.request("PUT", `${SALES}/${debit.transaction}/refund`)).status).toBe(400);
    });

    it("refunding the first charge of a subscription cancels it", async () => {
      const sub = api.sim.data.subscriptions.find(
        (s) =>
          !s.magic &&
          s.status === "ACTIVE" &&
          !s.trial &&
          s.recurrences[0]?.sales.some((x) => PAID.has(x.status)),
      );
      const first = sub?.recurrences[0]?.sales.find((x) => PAID.has(x.status));
      if (!sub || !first) throw new Error("fixture missing");
      expect((await api.request("PUT", `${SALES}/${first.transaction}/refund`)).status).toBe(200);
      const list = await api.get("/payments/api/v1/subscriptions", { subscriber_code: sub.subscriberCode });
      expect(list.body.items[0].status).toBe("CANCELLED_BY_ADMIN");
    });

    it("counts the refunds as side effects", () => {
      expect(api.sim.stats().sideEffects["sale.refund"]).toBeGreaterThanOrEqual(3);
    });
  });
});
