import type { SubscriptionResult, SubscriptionsBulkResult, SubscriptionsPurchasesItem } from "hotmart";
import { describe, expect, it } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import {
  CANCEL_BULK,
  CANCEL_SINGLE,
  REACTIVATE_BULK,
  REACTIVATE_SINGLE,
  SUBSCRIPTION_PURCHASES,
  SUBSCRIPTIONS_LIST,
  SUBSCRIPTIONS_SUMMARY,
  SUBSCRIPTIONS_TRANSACTIONS,
  useRecordingServer,
} from "./fixtures";

const ctx = useRecordingServer();

describe("subscriptions.list", () => {
  it("repeats status and plan, sends booleans as true/false and dates as epoch ms", async () => {
    ctx.server.on("GET", "/payments/api/v1/subscriptions", { body: SUBSCRIPTIONS_LIST });
    const page = await ctx.client().subscriptions.list({
      product_id: 1234567,
      plan: ["Gold", "Silver"],
      plan_id: 700001,
      status: ["DELAYED", "OVERDUE"],
      subscriber_code: "ABCD1234",
      subscriber_email: "carla@example.com",
      transaction: "HP10000000000005",
      trial: false,
      accession_date: new Date(1714521600000),
      end_accession_date: 1717200000000,
      cancelation_date: 1714521600000,
      end_cancelation_date: new Date(1717200000000),
      date_next_charge: 1719792000000,
      end_date_next_charge: 1722470400000,
      max_results: 500,
    });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/payments/api/v1/subscriptions");
    expect(req.query).toBe(
      "product_id=1234567&plan=Gold&plan=Silver&plan_id=700001&status=DELAYED&status=OVERDUE" +
        "&subscriber_code=ABCD1234&subscriber_email=carla%40example.com&transaction=HP10000000000005&trial=false" +
        "&accession_date=1714521600000&end_accession_date=1717200000000&cancelation_date=1714521600000" +
        "&end_cancelation_date=1717200000000&date_next_charge=1719792000000&end_date_next_charge=1722470400000" +
        "&max_results=500",
    );
    expect(req.searchParams.getAll("status")).toEqual(["DELAYED", "OVERDUE"]);
    expect(page.items).toEqual(SUBSCRIPTIONS_LIST.items);
    expect(page.items[0]?.plan.max_charge_cycles).toBe(12);
    expect(page.items[0]?.price.currency_code).toBe("BRL");
  });

  it("accepts a single status and trial=true, and sends no date defaults of its own", async () => {
    ctx.server.on("GET", "/payments/api/v1/subscriptions", { body: SUBSCRIPTIONS_LIST });
    await ctx.client().subscriptions.list({ status: "ACTIVE", trial: true });
    expect(ctx.server.only().query).toBe("status=ACTIVE&trial=true");
  });
});

describe("subscriptions.summary", () => {
  it("GETs /subscriptions/summary", async () => {
    ctx.server.on("GET", "/payments/api/v1/subscriptions/summary", { body: SUBSCRIPTIONS_SUMMARY });
    const page = await ctx.client().subscriptions.summary({
      product_id: 1234567,
      subscriber_code: "ABCD1234",
      accession_date: 1709251200000,
      end_accession_date: new Date(1717200000000),
      date_next_charge: 1719792000000,
      max_results: 500,
    });
    const req = ctx.server.only();
    expect(req.path).toBe("/payments/api/v1/subscriptions/summary");
    expect(req.query).toBe(
      "product_id=1234567&subscriber_code=ABCD1234&accession_date=1709251200000&end_accession_date=1717200000000" +
        "&date_next_charge=1719792000000&max_results=500",
    );
    expect(page.items[0]?.last_recurrency.billing_type).toBe("SUBSCRIPTION");
    expect(page.items).toEqual(SUBSCRIPTIONS_SUMMARY.items);
    expect(page.page_info.total_results).toBeUndefined();
  });
});

describe("subscriptions.transactions", () => {
  it("GETs /subscriptions/transactions with a subscriber_code filter (not /subscriptions/{code}/transactions)", async () => {
    ctx.server.on("GET", "/payments/api/v1/subscriptions/transactions", { body: SUBSCRIPTIONS_TRANSACTIONS });
    const page = await ctx.client().subscriptions.transactions({
      subscriber_code: "ABCD1234",
      product_id: 1234567,
      transaction: "HP10000000000006",
      subscriber_name: "Carla Exemplo",
      subscriber_email: "carla@example.com",
      billing_type: "SMART_INSTALLMENT",
      subscription_status: "ACTIVE",
      recurrency_status: "PAID",
      purchase_status: "UNDER_ANALYSIS",
      transaction_date: new Date(1714521600000),
      end_transaction_date: 1717200000000,
      offer_code: "abc12def",
      purchase_payment_type: "PIX",
    });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/payments/api/v1/subscriptions/transactions");
    expect(req.query).toBe(
      "subscriber_code=ABCD1234&product_id=1234567&transaction=HP10000000000006&subscriber_name=Carla+Exemplo" +
        "&subscriber_email=carla%40example.com&billing_type=SMART_INSTALLMENT&subscription_status=ACTIVE" +
        "&recurrency_status=PAID&purchase_status=UNDER_ANALYSIS&transaction_date=1714521600000" +
        "&end_transaction_date=1717200000000&offer_code=abc12def&purchase_payment_type=PIX",
    );
    const row = page.items[0];
    expect(row?.cancellation_date).toBeNull();
    expect(row?.purchase.price).toEqual({ currency: "BRL", value: 49.9, total_value: 49.9 });
    expect(row?.purchase.commission.currency).toBe("BRL");
    expect(page.items).toEqual(SUBSCRIPTIONS_TRANSACTIONS.items);
  });
});

describe("subscriptions.purchases", () => {
  it("GETs /subscriptions/{code}/purchases and returns the bare array", async () => {
    ctx.server.on("GET", "/payments/api/v1/subscriptions/B2HNQAXJ/purchases", {
      body: SUBSCRIPTION_PURCHASES,
    });
    const purchases: SubscriptionsPurchasesItem[] = await ctx.client().subscriptions.purchases("B2HNQAXJ");
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/payments/api/v1/subscriptions/B2HNQAXJ/purchases");
    expect(req.query).toBe("");
    expect(purchases).toEqual(SUBSCRIPTION_PURCHASES);
  });

  it("gives [] for {} or an empty body", async () => {
    const client = ctx.client();
    const waits = skipRetryWaits(client);
    ctx.server.on("GET", "/payments/api/v1/subscriptions/B2HNQAXJ/purchases", { body: {} });
    await expect(client.subscriptions.purchases("B2HNQAXJ")).resolves.toEqual([]);
    ctx.server.on("GET", "/payments/api/v1/subscriptions/B2HNQAXJ/purchases", { raw: "" });
    await expect(client.subscriptions.purchases("B2HNQAXJ")).resolves.toEqual([]);
    // Only the empty body was looked at again ({} is an answer), once per retry.
    expect(waits).toHaveLength(3);
  });
});

describe("subscriptions.cancel", () => {
  it("POSTs /subscriptions/cancel with { subscriber_code: [...], send_mail }", async () => {
    ctx.server.on("POST", "/payments/api/v1/subscriptions/cancel", { body: CANCEL_BULK });
    const result: SubscriptionsBulkResult = await ctx
      .client()
      .subscriptions.cancel(["B2HNQAXJ", "X53ZPFQZ"], { send_mail: false });
    const req = ctx.server.only();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/payments/api/v1/subscriptions/cancel");
    expect(req.query).toBe("");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({ subscriber_code: ["B2HNQAXJ", "X53ZPFQZ"], send_mail: false });
    expect(result).toEqual(CANCEL_BULK);
    expect(result.fail_subscriptions[0]?.error).toBe("SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE");
  });

  it("leaves send_mail out when not given (Hotmart's default applies)", async () => {
    ctx.server.on("POST", "/payments/api/v1/subscriptions/cancel", { body: CANCEL_BULK });
    await ctx.client().subscriptions.cancel(["B2HNQAXJ"]);
    expect(ctx.server.only().body).toEqual({ subscriber_code: ["B2HNQAXJ"] });
  });
});

describe("subscriptions.cancelSingle", () => {
  it("POSTs /subscriptions/{code}/cancel with { send_mail } and returns datetime strings", async () => {
    ctx.server.on("POST", "/payments/api/v1/subscriptions/B2HNQAXJ/cancel", { body: CANCEL_SINGLE });
    const result: SubscriptionResult = await ctx
      .client()
      .subscriptions.cancelSingle(
        "B2HNQAXJ",
        { send_mail: true },
        { query: { select: "subscriber_code,status" } },
      );
    const req = ctx.server.only();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/payments/api/v1/subscriptions/B2HNQAXJ/cancel");
    expect(req.query).toBe("select=subscriber_code%2Cstatus");
    expect(req.body).toEqual({ send_mail: true });
    expect(result).toEqual(CANCEL_SINGLE);
    expect(result.date_next_charge).toBe("2024-07-01 12:00:00");
  });

  it("sends {} without params", async () => {
    ctx.server.on("POST", "/payments/api/v1/subscriptions/B2HNQAXJ/cancel", { body: CANCEL_SINGLE });
    await ctx.client().subscriptions.cancelSingle("B2HNQAXJ");
    expect(ctx.server.only().rawBody).toBe("{}");
  });
});

describe("subscriptions.reactivate", () => {
  it("POSTs /subscriptions/reactivate with { subscriber_code: [...], charge }", async () => {
    ctx.server.on("POST", "/payments/api/v1/subscriptions/reactivate", { body: REACTIVATE_BULK });
    const result = await ctx.client().subscriptions.reactivate(["B2HNQAXJ", "X53ZPFQZ"], { charge: true });
    const req = ctx.server.only();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/payments/api/v1/subscriptions/reactivate");
    expect(req.body).toEqual({ subscriber_code: ["B2HNQAXJ", "X53ZPFQZ"], charge: true });
    expect(result.success_subscriptions).toHaveLength(1);
    expect(result.fail_subscriptions[0]).toMatchObject({
      status: "ACTIVE",
      error: "SUBSCRIPTION_ALREADY_ACTIVE",
    });
  });
});

describe("subscriptions.reactivateSingle", () => {
  it("POSTs /subscriptions/{code}/reactivate with { charge }", async () => {
    ctx.server.on("POST", "/payments/api/v1/subscriptions/B2HNQAXJ/reactivate", { body: REACTIVATE_SINGLE });
    const result = await ctx.client().subscriptions.reactivateSingle("B2HNQAXJ", { charge: false });
    const req = ctx.server.only();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/payments/api/v1/subscriptions/B2HNQAXJ/reactivate");
    expect(req.body).toEqual({ charge: false });
    expect(result).toEqual(REACTIVATE_SINGLE);
    expect(result.interval_between_charges).toBe(30);
  });
});

describe("subscriptions.changeDueDay", () => {
  it("PATCHes /subscriptions/{code} with { due_day } and resolves to undefined on an empty 200", async () => {
    ctx.server.on("PATCH", "/payments/api/v1/subscriptions/B2HNQAXJ", { raw: "" });
    const result = await ctx.client().subscriptions.changeDueDay("B2HNQAXJ", 31);
    expect(result).toBeUndefined();
    const req = ctx.server.only();
    expect(req.method).toBe("PATCH");
    expect(req.path).toBe("/payments/api/v1/subscriptions/B2HNQAXJ");
    expect(req.body).toEqual({ due_day: 31 });
  });

  it("resolves to undefined on {} too, and surfaces subscription_in_trial_period", async () => {
    const client = ctx.client();
    ctx.server.on("PATCH", "/payments/api/v1/subscriptions/B2HNQAXJ", { body: {} });
    await expect(client.subscriptions.changeDueDay("B2HNQAXJ", 1)).resolves.toBeUndefined();
    ctx.server.on("PATCH", "/payments/api/v1/subscriptions/X53ZPFQZ", {
      status: 400,
      body: {
        error: "subscription_in_trial_period",
        error_description: "The subscription due day cannot be changed during the trial period.",
      },
    });
    await expect(client.subscriptions.changeDueDay("X53ZPFQZ", 5)).rejects.toMatchObject({
      status: 400,
      error: "subscription_in_trial_period",
    });
  });
});
