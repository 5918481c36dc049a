import { SANDBOX, type Subscription } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, type Json, SALES, SUBS } from "./helpers";

const DAY = 86_400_000;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe("Subscriptions", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  const subs = () => api.sim.data.subscriptions;
  const generated = (predicate: (s: Subscription) => boolean) => {
    const sub = subs().find((s) => s.magic === undefined && predicate(s));
    if (!sub) throw new Error("no subscription matches the fixture predicate");
    return sub;
  };
  const notTaken = new Set<string>();
  /** A generated subscription no other test has written to. */
  const fresh = (predicate: (s: Subscription) => boolean) => {
    const sub = generated((s) => !notTaken.has(s.subscriberCode) && predicate(s));
    notTaken.add(sub.subscriberCode);
    return sub;
  };

  describe("list", () => {
    it("lists every subscription without date filters, with total_results, and walks once each", async () => {
      const { items, total } = await api.walk(SUBS, { max_results: 9 });
      expect(total).toBe(subs().length);
      const codes = items.map((i: Json) => i.subscriber_code);
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes).toContain(SANDBOX.subscriberSuccess);
      expect(codes).toContain(SANDBOX.subscriberFailure);
    });

    it("has the documented item shape; max_charge_cycles only for limited plans", async () => {
      const { items } = await api.walk(SUBS, { max_results: 500 });
      for (const item of items) {
        expect(item.subscriber_code).toMatch(/^[A-Z0-9]{8}$/);
        expect(Number.isInteger(item.subscription_id)).toBe(true);
        expect(item.accession_date).toBeGreaterThan(1e12);
        expect(Object.keys(item.product)).toEqual(["id", "name", "ucode"]);
        expect(Object.keys(item.subscriber)).toEqual(["name", "email", "ucode"]);
        expect([7, 30, 60, 90, 180, 360]).toContain(item.plan.recurrency_period);
        const sub = api.sim.data.subscription(item.subscriber_code);
        expect("max_charge_cycles" in item.plan).toBe(sub?.plan.maxChargeCycles !== undefined);
      }
      expect(new Set(items.map((i: Json) => i.status)).size).toBeGreaterThanOrEqual(6);
    });

    it("filters by repeated status and rejects unknown statuses", async () => {
      const res = await api.walk(SUBS, { status: ["ACTIVE", "DELAYED"], max_results: 500 });
      expect(res.total).toBe(subs().filter((s) => s.status === "ACTIVE" || s.status === "DELAYED").length);
      for (const i of res.items) expect(["ACTIVE", "DELAYED"]).toContain(i.status);
      const bad = await api.get(SUBS, { status: "CANCELLED_BY_BUYER" });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe("invalid_value_parameter");
      // Several statuses repeat the key (§1.2); a comma list is not a status. Code that sends one would
      // pass here and be refused, or read part of the subscriptions, at Hotmart.
      const list = await api.get(SUBS, { status: "ACTIVE,DELAYED" });
      expect(list.status).toBe(400);
      expect(list.body.error).toBe("invalid_value_parameter");
    });

    it("filters by subscriber_code, subscriber_email, product_id, plan, plan_id, trial and transaction", async () => {
      const sub = generated((s) => s.recurrences.length > 1);
      const tx = sub.recurrences[1]?.sales[0]?.transaction;
      const checks: [Record<string, string | number | boolean>, (s: Subscription) => boolean][] = [
        [{ subscriber_code: sub.subscriberCode }, (s) => s === sub],
        [{ subscriber_email: sub.subscriber.email }, (s) => s.subscriber.email === sub.subscriber.email],
        [{ product_id: sub.product.id }, (s) => s.product.id === sub.product.id],
        [{ plan: sub.plan.name }, (s) => s.plan.name === sub.plan.name],
        [{ plan_id: sub.plan.id }, (s) => s.plan.id === sub.plan.id],
        [{ trial: true }, (s) => s.trial],
        [{ transaction: tx ?? "" }, (s) => s === sub],
      ];
      for (const [query, predicate] of checks) {
        const res = await api.walk(SUBS, { ...query, max_results: 500 });
        expect(res.total, JSON.stringify(query)).toBe(subs().filter(predicate).length);
        expect(res.total, JSON.stringify(query)).toBeGreaterThan(0);
      }
    });

    it("filters accession, cancellation and next-charge ranges, with defaults only for the family used", async () => {
      const now = api.sim.clock.now();
      const from = now - 120 * DAY;
      const acc = await api.walk(SUBS, { accession_date: from, max_results: 500 });
      expect(acc.total).toBe(subs().filter((s) => s.accessionDate >= from).length);
      // end_cancelation_date alone: cancelled from now - 30 days.
      const cancelled = await api.walk(SUBS, { end_cancelation_date: now, max_results: 500 });
      expect(cancelled.total).toBe(
        subs().filter(
          (s) =>
            s.cancellationDate !== undefined &&
            s.cancellationDate >= now - 30 * DAY &&
            s.cancellationDate <= now,
        ).length,
      );
      for (const i of cancelled.items) expect(i.status).toMatch(/^CANCELLED_BY_/);
      const charge = await api.walk(SUBS, {
        date_next_charge: now,
        end_date_next_charge: now + 30 * DAY,
        max_results: 500,
      });
      expect(charge.total).toBe(
        subs().filter((s) => s.dateNextCharge >= now && s.dateNextCharge <= now + 30 * DAY).length,
      );
    });
  });

  describe("summary", () => {
    it("has one row per subscription, no total_results, and the documented fields", async () => {
      const { items, pages } = await api.walk(`${SUBS}/summary`, { max_results: 11 });
      expect(items).toHaveLength(subs().length);
      expect(pages[0]?.body.page_info.total_results).toBeUndefined();
      const delayed = items.find((i: Json) => i.status === "DELAYED");
      expect(delayed.unpaid_recurrencies.length).toBeGreaterThan(0);
      expect(delayed.last_recurrency.status).toBe("NOT_PAID");
      expect(delayed.lifetime).toBeGreaterThan(0);
      const started = items.find((i: Json) => i.status === "STARTED" || i.status === "INACTIVE");
      expect(started.lifetime).toBe(0);
      expect(Object.keys(delayed.subscriber)).toEqual(["name", "id", "email"]);
      expect(["SUBSCRIPTION", "SMART_INSTALLMENT", "SMART_RECOVERY"]).toContain(
        delayed.last_recurrency.billing_type,
      );
    });

    it("filters by subscriber_code and product_id", async () => {
      const res = await api.get(`${SUBS}/summary`, { subscriber_code: SANDBOX.subscriberSuccess });
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].last_recurrency.number).toBe(4);
    });
  });

  describe("transactions", () => {
    it("defaults to the last 30 days", async () => {
      const now = api.sim.clock.now();
      const { items } = await api.walk(`${SUBS}/transactions`, { max_results: 500 });
      expect(items.length).toBeGreaterThan(0);
      for (const i of items) expect(i.purchase.order_date).toBeGreaterThanOrEqual(now - 30 * DAY - 60_000);
    });

    it("lists every charge of a subscription with an explicit period, one row per transaction", async () => {
      const sub = generated((s) => s.recurrences.flatMap((r) => r.sales).length >= 3);
      const { items, pages } = await api.walk(`${SUBS}/transactions`, {
        subscriber_code: sub.subscriberCode,
        transaction_date: 0,
        max_results: 2,
      });
      expect(pages[0]?.body.page_info.total_results).toBeUndefined();
      const expected = sub.recurrences.flatMap((r) => r.sales.map((s) => s.transaction));
      expect(items.map((i: Json) => i.purchase.transaction).sort()).toEqual([...expected].sort());
      for (const i of items) {
        expect(i.subscriber_code).toBe(sub.subscriberCode);
        expect(Object.keys(i.purchase.price).sort()).toEqual(["currency", "total_value", "value"]);
      }
    });

    it("a transaction filter disables the 30-day default", async () => {
      const old = subs()
        .flatMap((s) => s.recurrences.flatMap((r) => r.sales))
        .find((s) => s.orderDate < api.sim.clock.now() - 90 * DAY);
      const res = await api.get(`${SUBS}/transactions`, { transaction: old?.transaction });
      expect(res.body.items).toHaveLength(1);
    });

    it("filters by billing_type, recurrency_status and purchase_status, and validates them", async () => {
      const unpaid = await api.walk(`${SUBS}/transactions`, {
        recurrency_status: "NOT_PAID",
        transaction_date: 0,
        max_results: 500,
      });
      expect(unpaid.items.length).toBeGreaterThan(0);
      for (const i of unpaid.items) expect(i.recurrency.status).toBe("NOT_PAID");
      const smart = await api.walk(`${SUBS}/transactions`, {
        billing_type: "SMART_INSTALLMENT",
        transaction_date: 0,
        max_results: 500,
      });
      for (const i of smart.items) expect(i.billing_type).toBe("SMART_INSTALLMENT");
      const delayed = await api.walk(`${SUBS}/transactions`, {
        purchase_status: "DELAYED",
        transaction_date: 0,
        max_results: 500,
      });
      for (const i of delayed.items) expect(i.purchase.status).toBe("DELAYED");
      expect((await api.get(`${SUBS}/transactions`, { billing_type: "MONTHLY" })).status).toBe(400);
    });
  });

  describe("purchases", () => {
    it("answers a bare array of the subscription's sales, which are in the sales history", async () => {
      const res = await api.get(`${SUBS}/${SANDBOX.subscriberSuccess}/purchases`);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body.map((p: Json) => p.recurrency_number)).toEqual([1, 2, 3, 4]);
      for (const p of res.body) {
        expect(p.purchase_subscription).toBe(true);
        const history = await api.get(`${SALES}/history`, { transaction: p.transaction });
        expect(history.body.items[0].purchase.price.value).toBe(p.price.value);
        expect(history.body.items[0].purchase.recurrency_number).toBe(p.recurrency_number);
      }
    });

    it("answers 404 for the sandbox failure code and unknown codes", async () => {
      expect((await api.get(`${SUBS}/${SANDBOX.subscriberFailure}/purchases`)).status).toBe(404);
      const unknown = await api.get(`${SUBS}/ZZZZZZZZ/purchases`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe("not_found");
    });
  });

  describe("sandbox magic codes", () => {
    it("cancel: B2HNQAXJ succeeds, X53ZPFQZ is already cancelled, others are 404", async () => {
      const ok = await api.post(`${SUBS}/${SANDBOX.subscriberSuccess}/cancel`, { send_mail: false });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe("INACTIVE");
      expect(ok.body.subscriber_code).toBe(SANDBOX.subscriberSuccess);
      expect(ok.body.date_next_charge).toMatch(DATETIME);
      expect((await api.post(`${SUBS}/${SANDBOX.subscriberFailure}/cancel`)).status).toBe(400);
      expect((await api.post(`${SUBS}/NOTACODE/cancel`)).status).toBe(404);
    });

    it("bulk cancel and bulk reactivate of the pair give one success and one failure", async () => {
      const codes = [SANDBOX.subscriberSuccess, SANDBOX.subscriberFailure];
      for (const path of ["cancel", "reactivate"]) {
        const res = await api.post(`${SUBS}/${path}`, { subscriber_code: codes });
        expect(res.status).toBe(200);
        expect(res.body.success_subscriptions).toHaveLength(1);
        expect(res.body.fail_subscriptions).toHaveLength(1);
        expect(res.body.fail_subscriptions[0].subscriber_code).toBe(SANDBOX.subscriberFailure);
        expect(res.body.fail_subscriptions[0].error).toEqual(expect.any(String));
      }
    });

    it("bulk cancel and bulk reactivate of unknown codes only: a 200 with every code failed (§5.3)", async () => {
      const codes = ["NOPE0001", "NOPE0002"];
      for (const path of ["cancel", "reactivate"]) {
        const res = await api.post(`${SUBS}/${path}`, { subscriber_code: codes });
        expect(res.status, path).toBe(200);
        expect(res.body, path).toEqual({
          success_subscriptions: [],
          fail_subscriptions: codes.map((code) => ({
            error: "SUBSCRIPTION_NOT_FOUND",
            subscriber_code: code,
          })),
        });
      }
    });

    it("reactivate: B2HNQAXJ succeeds, X53ZPFQZ answers 400", async () => {
      const ok = await api.post(`${SUBS}/${SANDBOX.subscriberSuccess}/reactivate`, { charge: false });
      expect(ok.status).toBe(200);
      expect(Object.keys(ok.body).sort()).toEqual([
        "creation_date",
        "interval_between_charges",
        "shopper",
        "status",
        "subscriber_code",
      ]);
      expect((await api.post(`${SUBS}/${SANDBOX.subscriberFailure}/reactivate`)).status).toBe(400);
    });

    it("change due day: B2HNQAXJ 200 with an empty body, X53ZPFQZ in trial, unknown 400, out of range 400", async () => {
      const ok = await api.request("PATCH", `${SUBS}/${SANDBOX.subscriberSuccess}`, {
        body: { due_day: 10 },
      });
      expect(ok.status).toBe(200);
      expect(ok.text).toBe("");
      const trial = await api.request("PATCH", `${SUBS}/${SANDBOX.subscriberFailure}`, {
        body: { due_day: 10 },
      });
      expect(trial.status).toBe(400);
      expect(trial.body).toMatchObject({
        error: "subscription_in_trial_period",
        error_description: "The subscription due day cannot be changed during the trial period.",
      });
      expect((await api.request("PATCH", `${SUBS}/ZZZZZZZZ`, { body: { due_day: 10 } })).status).toBe(400);
      const range = await api.request("PATCH", `${SUBS}/${SANDBOX.subscriberSuccess}`, {
        body: { due_day: 32 },
      });
      expect(range.status).toBe(400);
      expect(range.body.error).toBe("invalid_parameter");
    });

    it("the sandbox records answer the same every time (they are not changed by writes)", async () => {
      const list = await api.get(SUBS, { subscriber_code: SANDBOX.subscriberSuccess });
      expect(list.body.items[0].status).toBe("ACTIVE");
    });
  });

  describe("state changes on generated subscriptions", () => {
    it("cancel makes it cancelled; cancelling again is 400, and lands in fail_subscriptions in bulk", async () => {
      const sub = fresh((s) => s.status === "ACTIVE");
      const res = await api.post(`${SUBS}/${sub.subscriberCode}/cancel`, { send_mail: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: "INACTIVE",
        subscriber_code: sub.subscriberCode,
        due_day: sub.dueDay,
      });
      for (const field of ["creation_date", "date_next_charge", "activation_date"])
        expect(res.body[field]).toMatch(DATETIME);
      expect(["MONTH", "WEEK"]).toContain(res.body.interval_type_between_charges);
      const list = await api.get(SUBS, { subscriber_code: sub.subscriberCode });
      expect(list.body.items[0].status).toBe("CANCELLED_BY_SELLER");
      expect(list.body.items[0].end_accession_date).toEqual(expect.any(Number));
      const again = await api.post(`${SUBS}/${sub.subscriberCode}/cancel`);
      expect(again.status).toBe(400);
      const bulk = await api.post(`${SUBS}/cancel`, { subscriber_code: [sub.subscriberCode] });
      expect(bulk.status).toBe(200);
      expect(bulk.body.success_subscriptions).toEqual([]);
      expect(bulk.body.fail_subscriptions[0]).toMatchObject({
        subscriber_code: sub.subscriberCode,
        error: "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE",
      });
    });

    it("bulk cancel applies to each code; a duplicate fails the second time", async () => {
      const a = fresh((s) => s.status === "ACTIVE");
      const res = await api.post(`${SUBS}/cancel`, { subscriber_code: [a.subscriberCode, a.subscriberCode] });
      expect(res.body.success_subscriptions).toHaveLength(1);
      expect(res.body.fail_subscriptions).toHaveLength(1);
      expect((await api.post(`${SUBS}/cancel`, { subscriber_code: [] })).status).toBe(400);
    });

    it("reactivation of a cancelled subscription makes it ACTIVE; again is 400 (bulk: SUBSCRIPTION_ALREADY_ACTIVE)", async () => {
      const sub = fresh((s) => s.status.startsWith("CANCELLED_"));
      const res = await api.post(`${SUBS}/${sub.subscriberCode}/reactivate`, { charge: false });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("INACTIVE");
      expect(res.body.interval_between_charges).toBe(sub.plan.recurrencyPeriod);
      const list = await api.get(SUBS, { subscriber_code: sub.subscriberCode });
      expect(list.body.items[0].status).toBe("ACTIVE");
      expect(list.body.items[0].end_accession_date).toBeUndefined();
      expect(list.body.items[0].date_next_charge).toBeGreaterThan(api.sim.clock.now());
      expect((await api.post(`${SUBS}/${sub.subscriberCode}/reactivate`)).status).toBe(400);
      const bulk = await api.post(`${SUBS}/reactivate`, { subscriber_code: [sub.subscriberCode] });
      expect(bulk.body.fail_subscriptions[0]).toMatchObject({
        status: "ACTIVE",
        error: "SUBSCRIPTION_ALREADY_ACTIVE",
      });
    });

    it("reactivation with charge creates a paid purchase", async () => {
      const sub = fresh((s) => s.status.startsWith("CANCELLED_"));
      const before = (await api.get(`${SUBS}/${sub.subscriberCode}/purchases`)).body.length;
      expect((await api.post(`${SUBS}/${sub.subscriberCode}/reactivate`, { charge: true })).status).toBe(200);
      const after = (await api.get(`${SUBS}/${sub.subscriberCode}/purchases`)).body;
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1).status).toBe("APPROVED");
      const history = await api.get(`${SALES}/history`, { transaction: after.at(-1).transaction });
      expect(history.body.items).toHaveLength(1);
    });

    it("an OVERDUE subscription cannot be reactivated", async () => {
      const sub = fresh((s) => s.status === "OVERDUE");
      const res = await api.post(`${SUBS}/${sub.subscriberCode}/reactivate`);
      expect(res.status).toBe(400);
    });

    it("due day changes a live subscription (visible in a later cancel result); trial and cancelled ones are 400", async () => {
      const sub = fresh(
        (s) =>
          s.status === "ACTIVE" &&
          !(s.trialEnd !== undefined && s.trialEnd > api.sim.clock.now()) &&
          s.plan.recurrencyPeriod !== 7,
      );
      const ok = await api.request("PATCH", `${SUBS}/${sub.subscriberCode}`, { body: { due_day: 27 } });
      expect(ok.status).toBe(200);
      expect(ok.text).toBe("");
      const cancel = await api.post(`${SUBS}/${sub.subscriberCode}/cancel`);
      expect(cancel.body.due_day).toBe(27);
      const cancelled = await api.request("PATCH", `${SUBS}/${sub.subscriberCode}`, { body: { due_day: 5 } });
      expect(cancelled.status).toBe(400);
      const inTrial = subs().find(
        (s) => !s.magic && s.trialEnd !== undefined && s.trialEnd > api.sim.clock.now(),
      );
      expect(inTrial).toBeDefined();
      const res = await api.request("PATCH", `${SUBS}/${inTrial?.subscriberCode}`, { body: { due_day: 5 } });
      expect(res.body.error).toBe("subscription_in_trial_period");
      expect(
        (await api.request("PATCH", `${SUBS}/${sub.subscriberCode}`, { body: { due_day: "5" } })).status,
      ).toBe(400);
    });

    it("counts every write as a side effect", () => {
      const effects = api.sim.stats().sideEffects;
      expect(effects["subscription.cancel"]).toBeGreaterThanOrEqual(3);
      expect(effects["subscription.reactivate"]).toBeGreaterThanOrEqual(2);
      expect(effects["subscription.due_day"]).toBeGreaterThanOrEqual(2);
    });
  });
});
