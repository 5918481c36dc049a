import {
  BadRequestError,
  type SubscriptionResult,
  type SubscriptionsListItem,
  type SubscriptionsPurchasesItem,
  type SubscriptionsSummaryItem,
  type SubscriptionsTransactionsItem,
} from "hotmart";
import type { Subscription } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { apiCalls, collect, DAY, failure, lastCall, must, onlyCall, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 24 });
const BASE = "/payments/api/v1/subscriptions";

const generated = () => ctx.sim.data.subscriptions.filter((s) => s.magic === undefined);
const inTrial = (s: Subscription) => s.trial && s.trialEnd !== undefined && s.trialEnd > ctx.sim.clock.now();
const sales = (s: Subscription) => s.recurrences.flatMap((r) => r.sales);

/** Picks a generated subscription no other test of this file has used (writes change them). */
const used = new Set<string>();
function take(what: string, match: (s: Subscription) => boolean): Subscription {
  const sub = must(
    generated().find((s) => !used.has(s.subscriberCode) && match(s)),
    what,
  );
  used.add(sub.subscriberCode);
  return sub;
}
const activeNoTrial = (s: Subscription) => s.status === "ACTIVE" && !inTrial(s);

describe("subscriptions.list", () => {
  it("sends repeated status keys, a boolean and a Date; returns exactly the matching subscriptions", async () => {
    const { sim, client } = ctx;
    const from = new Date(sim.clock.now() - 400 * DAY);
    const expected = sim.data.subscriptions.filter(
      (s) =>
        (s.status === "ACTIVE" || s.status === "DELAYED") && !s.trial && s.accessionDate >= from.getTime(),
    );
    expect(expected.length).toBeGreaterThan(2);

    const items = await client.subscriptions
      .list({ status: ["ACTIVE", "DELAYED"], trial: false, accession_date: from, max_results: 5 })
      .toArray();

    expect(items.map((i) => i.subscriber_code)).toEqual(expected.map((s) => s.subscriberCode));
    expect(apiCalls(sim)[0]).toMatchObject({
      method: "GET",
      path: BASE,
      query: {
        status: ["ACTIVE", "DELAYED"],
        trial: "false",
        accession_date: String(from.getTime()),
        max_results: "5",
      },
    });
  });

  it("maps a subscription into the typed item; repeated plan names; listAutopaginate matches", async () => {
    const { sim, client } = ctx;
    const sub = must(generated()[0], "generated subscription");
    const [item] = await client.subscriptions.list({ subscriber_code: sub.subscriberCode }).toArray();
    const typed: SubscriptionsListItem = must(item, "list item");
    expect(typed).toMatchObject({
      subscriber_code: sub.subscriberCode,
      subscription_id: sub.id,
      status: sub.status,
      accession_date: sub.accessionDate,
      date_next_charge: sub.dateNextCharge,
      trial: sub.trial,
      transaction: sales(sub)[0]?.transaction,
      plan: { name: sub.plan.name, id: sub.plan.id, recurrency_period: sub.plan.recurrencyPeriod },
      product: { id: sub.product.id, name: sub.product.name, ucode: sub.product.ucode },
      price: { value: sub.plan.price, currency_code: sub.plan.currency },
      subscriber: { name: sub.subscriber.name, email: sub.subscriber.email, ucode: sub.subscriber.ucode },
    });

    const names = [...new Set(sim.data.subscriptions.map((s) => s.plan.name))].slice(0, 2);
    expect(names).toHaveLength(2);
    sim.resetStats();
    const byPlan = await collect(client.subscriptions.listAutopaginate({ plan: names, max_results: 4 }));
    expect(byPlan.map((i) => i.subscriber_code)).toEqual(
      sim.data.subscriptions.filter((s) => names.includes(s.plan.name)).map((s) => s.subscriberCode),
    );
    expect(apiCalls(sim)[0]?.query).toEqual({ plan: names, max_results: "4" });
  });

  it("subscriber_email finds that subscriber's subscriptions", async () => {
    const { sim, client } = ctx;
    const sub = must(generated()[1], "generated subscription");
    const email = sub.subscriber.email;
    const items = await client.subscriptions.list({ subscriber_email: email }).toArray();
    expect(items.map((i) => i.subscriber_code)).toEqual(
      sim.data.subscriptions.filter((s) => s.subscriber.email === email).map((s) => s.subscriberCode),
    );
    expect(onlyCall(sim).query).toEqual({ subscriber_email: email });
  });
});

describe("subscriptions.summary", () => {
  it("subscriber_code: one row with its last recurrence and unpaid recurrences", async () => {
    const { sim, client } = ctx;
    const sub = must(
      generated().find((s) => s.recurrences.some((r) => r.status === "NOT_PAID")),
      "subscription with an unpaid recurrence",
    );
    const page = await client.subscriptions.summary({ subscriber_code: sub.subscriberCode });
    expect(page.items).toHaveLength(1);
    const item: SubscriptionsSummaryItem = must(page.items[0], "summary item");
    const last = must(sub.recurrences.at(-1), "last recurrence");
    expect(item).toMatchObject({
      subscriber_code: sub.subscriberCode,
      subscription_id: sub.id,
      status: sub.status,
      trial: sub.trial,
      product: { id: sub.product.id },
      offer: { code: sub.plan.offer.code },
      last_recurrency: { number: last.number, status: last.status, transaction_number: last.sales.length },
      subscriber: { id: sub.subscriber.id, email: sub.subscriber.email },
    });
    expect(item.unpaid_recurrencies.map((r) => r.number)).toEqual(
      sub.recurrences.filter((r) => r.status === "NOT_PAID").map((r) => r.number),
    );
    expect(onlyCall(sim)).toMatchObject({
      path: `${BASE}/summary`,
      query: { subscriber_code: sub.subscriberCode },
    });
  });

  it("product_id over pages; summaryAutopaginate matches", async () => {
    const { sim, client } = ctx;
    const product = must(generated()[0], "subscription").product;
    const expected = sim.data.subscriptions.filter((s) => s.product.id === product.id);
    const items = await collect(
      client.subscriptions.summaryAutopaginate({ product_id: product.id, max_results: 2 }),
    );
    expect(items.map((i) => i.subscriber_code)).toEqual(expected.map((s) => s.subscriberCode));
    expect(apiCalls(sim)).toHaveLength(Math.max(1, Math.ceil(expected.length / 2)));
  });
});

describe("subscriptions.transactions", () => {
  it("subscriber_code + transaction_date: every charge of that subscriber and no one else's", async () => {
    const { sim, client } = ctx;
    const sub = must(
      generated().find((s) => sales(s).length >= 3),
      "subscription with 3+ charges",
    );
    const items: SubscriptionsTransactionsItem[] = await client.subscriptions
      .transactions({ subscriber_code: sub.subscriberCode, transaction_date: new Date(0), max_results: 2 })
      .toArray();
    expect(new Set(items.map((i) => i.subscriber_code))).toEqual(new Set([sub.subscriberCode]));
    expect(items.map((i) => i.purchase.transaction).sort()).toEqual(
      sales(sub)
        .map((s) => s.transaction)
        .sort(),
    );
    const first = must(
      items.find((i) => i.purchase.transaction === sales(sub)[0]?.transaction),
      "first charge",
    );
    expect(first).toMatchObject({
      subscription_id: sub.id,
      product: { id: sub.product.id },
      plan: { name: sub.plan.name, offer: { code: sub.plan.offer.code } },
      recurrency: { number: 1 },
      subscriber: { id: sub.subscriber.id, email: sub.subscriber.email },
    });
    expect(apiCalls(sim)[0]?.query).toEqual({
      subscriber_code: sub.subscriberCode,
      transaction_date: "0",
      max_results: "2",
    });
  });

  it("without a period Hotmart covers the last 30 days; transaction lifts that window", async () => {
    const { sim, client } = ctx;
    const now = sim.clock.now();
    const sub = must(
      generated().find(
        (s) =>
          sales(s).some((x) => x.orderDate < now - 31 * DAY) &&
          sales(s).some((x) => x.orderDate > now - 29 * DAY),
      ),
      "subscription with old and recent charges",
    );
    const recent = await client.subscriptions.transactions({ subscriber_code: sub.subscriberCode }).toArray();
    expect(recent.map((i) => i.purchase.transaction).sort()).toEqual(
      sales(sub)
        .filter((s) => s.orderDate >= now - 30 * DAY)
        .map((s) => s.transaction)
        .sort(),
    );
    const old = must(
      sales(sub).find((x) => x.orderDate < now - 31 * DAY),
      "old charge",
    );
    const items = await collect(
      client.subscriptions.transactionsAutopaginate({ transaction: old.transaction }),
    );
    expect(items.map((i) => i.purchase.transaction)).toEqual([old.transaction]);
  });
});

describe("subscriptions.purchases", () => {
  it("returns every recurrence payment of the subscription as a plain array", async () => {
    const { sim, client } = ctx;
    const sub = must(
      generated().find((s) => sales(s).length >= 2),
      "subscription with 2+ charges",
    );
    const purchases: SubscriptionsPurchasesItem[] = await client.subscriptions.purchases(sub.subscriberCode);
    expect(Array.isArray(purchases)).toBe(true);
    expect(purchases.map((p) => p.transaction)).toEqual(sales(sub).map((s) => s.transaction));
    const first = must(sales(sub)[0], "first sale");
    expect(purchases[0]).toMatchObject({
      transaction: first.transaction,
      status: first.status,
      price: { value: first.total, currency_code: first.currency },
      payment_type: first.paymentType,
      recurrency_number: first.recurrencyNumber,
      purchase_subscription: sub.product.isSubscription,
    });
    expect(onlyCall(sim)).toMatchObject({
      method: "GET",
      path: `${BASE}/${sub.subscriberCode}/purchases`,
      query: {},
      status: 200,
    });
  });
});

describe("subscriptions cancel", () => {
  it("cancelSingle cancels; then cancel([same]) lands it in fail_subscriptions", async () => {
    const { sim, client } = ctx;
    const sub = take("ACTIVE subscription", (s) => s.status === "ACTIVE");
    const code = sub.subscriberCode;

    const result: SubscriptionResult = await client.subscriptions.cancelSingle(code, { send_mail: false });
    expect(onlyCall(sim)).toMatchObject({
      method: "POST",
      path: `${BASE}/${code}/cancel`,
      body: { send_mail: false },
      status: 200,
    });
    expect(lastCall(sim).headers["content-type"]).toBe("application/json");
    expect(result).toMatchObject({
      status: "INACTIVE",
      subscriber_code: code,
      due_day: sub.dueDay,
      shopper: { email: sub.subscriber.email },
    });
    expect(result.creation_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const [listed] = await client.subscriptions.list({ subscriber_code: code }).toArray();
    expect(listed?.status).toBe("CANCELLED_BY_SELLER");

    const bulk = await client.subscriptions.cancel([code]);
    expect(lastCall(sim)).toMatchObject({
      method: "POST",
      path: `${BASE}/cancel`,
      body: { subscriber_code: [code] },
    });
    expect(bulk.success_subscriptions).toEqual([]);
    expect(bulk.fail_subscriptions).toHaveLength(1);
    expect(bulk.fail_subscriptions[0]).toMatchObject({
      subscriber_code: code,
      error: "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE",
    });

    const again = await failure(() => client.subscriptions.cancelSingle(code), BadRequestError);
    expect(again.error).toBe("subscription_already_canceled_or_overdue");
    expect(lastCall(sim).body).toEqual({});
    expect(sim.stats().sideEffects["subscription.cancel"]).toBe(1);
  });

  it("cancel([a, b], { send_mail }) cancels both", async () => {
    const { sim, client } = ctx;
    const a = take("ACTIVE subscription", (s) => s.status === "ACTIVE");
    const b = take("DELAYED subscription", (s) => s.status === "DELAYED");
    const result = await client.subscriptions.cancel([a.subscriberCode, b.subscriberCode], {
      send_mail: true,
    });
    expect(onlyCall(sim).body).toEqual({
      send_mail: true,
      subscriber_code: [a.subscriberCode, b.subscriberCode],
    });
    expect(result.fail_subscriptions).toEqual([]);
    expect(result.success_subscriptions.map((r) => r.subscriber_code)).toEqual([
      a.subscriberCode,
      b.subscriberCode,
    ]);
    expect(a.status).toBe("CANCELLED_BY_SELLER");
    expect(b.status).toBe("CANCELLED_BY_SELLER");
    expect(sim.stats().sideEffects["subscription.cancel"]).toBe(2);
  });

  it("select (as a per-request query option) trims a write's answer", async () => {
    const { sim, client } = ctx;
    const sub = take("ACTIVE subscription", (s) => s.status === "ACTIVE");
    const result = await client.subscriptions.cancelSingle(
      sub.subscriberCode,
      {},
      { query: { select: "subscriber_code,status" } },
    );
    expect(result).toEqual({ subscriber_code: sub.subscriberCode, status: "INACTIVE" });
    expect(onlyCall(sim)).toMatchObject({
      method: "POST",
      path: `${BASE}/${sub.subscriberCode}/cancel`,
      query: { select: "subscriber_code,status" },
      body: {},
    });
  });

  it("sandbox codes: bulk cancel of B2HNQAXJ and X53ZPFQZ gives one success and one failure", async () => {
    const { sim, client } = ctx;
    const { subscriberSuccess, subscriberFailure } = sim.data.sandbox;
    const result = await client.subscriptions.cancel([subscriberSuccess, subscriberFailure]);
    expect(result.success_subscriptions.map((r) => r.subscriber_code)).toEqual([subscriberSuccess]);
    expect(result.fail_subscriptions.map((r) => r.subscriber_code)).toEqual([subscriberFailure]);
  });
});

describe("subscriptions reactivate", () => {
  it("reactivate([cancelled]) makes it ACTIVE; doing it again fails with SUBSCRIPTION_ALREADY_ACTIVE", async () => {
    const { sim, client } = ctx;
    const sub = take("cancelled subscription", (s) => s.status === "CANCELLED_BY_CUSTOMER");
    const code = sub.subscriberCode;

    const result = await client.subscriptions.reactivate([code]);
    expect(onlyCall(sim)).toMatchObject({
      method: "POST",
      path: `${BASE}/reactivate`,
      body: { subscriber_code: [code] },
    });
    expect(result.fail_subscriptions).toEqual([]);
    expect(result.success_subscriptions[0]).toMatchObject({
      subscriber_code: code,
      status: "INACTIVE",
      interval_between_charges: sub.plan.recurrencyPeriod,
    });
    const [listed] = await client.subscriptions.list({ subscriber_code: code }).toArray();
    expect(listed?.status).toBe("ACTIVE");
    expect(listed?.end_accession_date).toBeUndefined();

    const again = await client.subscriptions.reactivate([code], { charge: false });
    expect(lastCall(sim).body).toEqual({ charge: false, subscriber_code: [code] });
    expect(again.success_subscriptions).toEqual([]);
    expect(again.fail_subscriptions[0]).toMatchObject({
      subscriber_code: code,
      status: "ACTIVE",
      error: "SUBSCRIPTION_ALREADY_ACTIVE",
    });
    expect(sim.stats().sideEffects["subscription.reactivate"]).toBe(1);
  });

  it("reactivateSingle with charge: true adds a paid charge; an active one is refused", async () => {
    const { sim, client } = ctx;
    const sub = take("cancelled subscription", (s) => s.status.startsWith("CANCELLED_BY_"));
    const code = sub.subscriberCode;
    const before = sales(sub).length;

    const result = await client.subscriptions.reactivateSingle(code, { charge: true });
    expect(onlyCall(sim)).toMatchObject({
      method: "POST",
      path: `${BASE}/${code}/reactivate`,
      body: { charge: true },
    });
    expect(result).toMatchObject({ subscriber_code: code, status: "INACTIVE" });
    const purchases = await client.subscriptions.purchases(code);
    expect(purchases).toHaveLength(before + 1);
    expect(purchases.at(-1)?.status).toBe("APPROVED");

    const e = await failure(() => client.subscriptions.reactivateSingle(code), BadRequestError);
    expect(e.error).toBe("subscription_already_active");
  });

  it("an OVERDUE subscription cannot be reactivated", async () => {
    const { client } = ctx;
    const sub = take("OVERDUE subscription", (s) => s.status === "OVERDUE");
    const e = await failure(() => client.subscriptions.reactivateSingle(sub.subscriberCode), BadRequestError);
    expect(e.error).toBe("subscription_cannot_be_reactivated");
    expect(sub.status).toBe("OVERDUE");
  });
});

describe("subscriptions.changeDueDay", () => {
  it("PATCHes { due_day }; the new day shows up in later reads", async () => {
    const { sim, client } = ctx;
    const sub = take("ACTIVE subscription outside a trial", activeNoTrial);
    const code = sub.subscriberCode;
    const day = sub.dueDay === 15 ? 16 : 15;
    const nextCharge = sub.dateNextCharge;

    await expect(client.subscriptions.changeDueDay(code, day)).resolves.toBeUndefined();
    expect(onlyCall(sim)).toMatchObject({
      method: "PATCH",
      path: `${BASE}/${code}`,
      body: { due_day: day },
      status: 200,
    });
    expect(sim.stats().sideEffects["subscription.due_day"]).toBe(1);

    // It applies after the charge already scheduled: date_next_charge does not move.
    const [listed] = await client.subscriptions.list({ subscriber_code: code }).toArray();
    expect(listed?.date_next_charge).toBe(nextCharge);
    // The cancel result is the API read that carries due_day.
    const cancelled = await client.subscriptions.cancelSingle(code);
    expect(cancelled.due_day).toBe(day);
  });

  it("a subscription in its trial gives subscription_in_trial_period", async () => {
    const { sim, client } = ctx;
    const sub = take("ACTIVE subscription in its trial", (s) => s.status === "ACTIVE" && inTrial(s));
    const e = await failure(() => client.subscriptions.changeDueDay(sub.subscriberCode, 10), BadRequestError);
    expect(e.status).toBe(400);
    expect(e.error).toBe("subscription_in_trial_period");
    expect(e.error_description).toBe("The subscription due day cannot be changed during the trial period.");
    expect(onlyCall(sim).body).toEqual({ due_day: 10 });
    expect(sim.stats().sideEffects["subscription.due_day"]).toBeUndefined();
  });

  it("a cancelled subscription cannot change its due day", async () => {
    const { client } = ctx;
    const sub = take(
      "cancelled subscription",
      (s) => s.status === "CANCELLED_BY_SELLER" || s.status === "CANCELLED_BY_ADMIN",
    );
    const e = await failure(() => client.subscriptions.changeDueDay(sub.subscriberCode, 5), BadRequestError);
    expect(e.error).toBe("invalid_parameter");
  });
});
