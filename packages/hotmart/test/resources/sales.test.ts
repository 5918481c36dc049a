import { Page, ResponseParseError, type SalesHistoryItem } from "hotmart";
import { describe, expect, it } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import {
  SALES_COMMISSIONS,
  SALES_HISTORY,
  SALES_PRICE_DETAILS,
  SALES_SUMMARY,
  SALES_USERS,
  useRecordingServer,
} from "./fixtures";

const ctx = useRecordingServer();

describe("sales.history", () => {
  it("sends every documented filter, Date as epoch ms, and unknown params through options.query", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { body: SALES_HISTORY });
    const page = await ctx.client().sales.history(
      {
        product_id: 1234567,
        start_date: new Date(1717200000000),
        end_date: 1719792000000,
        sales_source: "campaignA",
        transaction: "HP10000000000001",
        buyer_name: "Ana Exemplo",
        buyer_email: "ana@example.com",
        transaction_status: "APPROVED",
        payment_type: "CREDIT_CARD",
        offer_code: "k2pasun0",
        commission_as: "PRODUCER",
        max_results: 100,
        page_token: "eyJwYWdlIjoyfQ==",
        select: "purchase.transaction,buyer.email",
      },
      { query: { brand_new_filter: "yes" } },
    );

    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/payments/api/v1/sales/history");
    expect(req.query).toBe(
      "product_id=1234567&start_date=1717200000000&end_date=1719792000000&sales_source=campaignA" +
        "&transaction=HP10000000000001&buyer_name=Ana+Exemplo&buyer_email=ana%40example.com" +
        "&transaction_status=APPROVED&payment_type=CREDIT_CARD&offer_code=k2pasun0&commission_as=PRODUCER" +
        "&max_results=100&page_token=eyJwYWdlIjoyfQ%3D%3D&select=purchase.transaction%2Cbuyer.email" +
        "&brand_new_filter=yes",
    );
    expect(req.headers.authorization).toBe("Bearer eyJ0eXAi.fictional.token");
    expect(req.rawBody).toBe("");

    expect(page).toBeInstanceOf(Page);
    expect(page.items).toEqual(SALES_HISTORY.items);
    expect(page.page_info.total_results).toBe(14);
    expect(page.hasNextPage()).toBe(true);
    const sale: SalesHistoryItem | undefined = page.items[0];
    expect(sale?.purchase.price).toEqual({ value: 297, currency_code: "BRL" });
    expect(sale?.purchase.hotmart_fee.percentage).toBe(7.9);
    expect(sale?.buyer?.email).toBe("ana@example.com");
  });

  it("sends no query at all without params, and merges options.query over params", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { body: SALES_HISTORY });
    const client = ctx.client();
    await client.sales.history();
    await client.sales.history(
      { transaction_status: "APPROVED" },
      { query: { transaction_status: "REFUNDED" } },
    );
    expect(ctx.server.requests.map((r) => r.query)).toEqual(["", "transaction_status=REFUNDED"]);
  });

  it("treats {} as an empty page, and no body at all, after the retries, as a fault", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { raw: "" });
    const client = ctx.client();
    const waits = skipRetryWaits(client);
    await expect(client.sales.history()).rejects.toBeInstanceOf(ResponseParseError);
    expect(waits).toHaveLength(3);
    ctx.server.on("GET", "/payments/api/v1/sales/history", { body: {} });
    const empty = await client.sales.history({ select: "nothing" });
    expect(empty.items).toEqual([]);
    expect(empty.hasNextPage()).toBe(false);
  });
});

describe("sales.summary", () => {
  it("GETs /sales/summary with its filters and returns totals per currency", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/summary", { body: SALES_SUMMARY });
    const page = await ctx.client().sales.summary({
      product_id: 15434864,
      start_date: 1623380400000,
      end_date: new Date(1623639600000),
      sales_source: "campaignName6",
      affiliate_name: "Regina Malu Aragão",
      payment_type: "BILLET",
      offer_code: "k0lphun9",
      transaction_status: "COMPLETE",
    });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/payments/api/v1/sales/summary");
    expect(req.query).toBe(
      "product_id=15434864&start_date=1623380400000&end_date=1623639600000&sales_source=campaignName6" +
        "&affiliate_name=Regina+Malu+Arag%C3%A3o&payment_type=BILLET&offer_code=k0lphun9&transaction_status=COMPLETE",
    );
    expect(page.items).toEqual([{ total_items: 2, total_value: { value: 3.7, currency_code: "USD" } }]);
    expect(page.hasNextPage()).toBe(false);
  });
});

describe("sales.participants", () => {
  it("GETs /sales/users and keeps role beside user", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/users", { body: SALES_USERS });
    const page = await ctx.client().sales.participants({
      buyer_email: "buyeremail2@dominio.com",
      sales_source: "campaignNameanha3",
      buyer_name: "buyername2",
      affiliate_name: "affilatename1",
      commission_as: "AFFILIATE",
      start_date: 1622689200000,
      end_date: 1622948400000,
      transaction_status: "UNDER_ANALISYS",
    });
    const req = ctx.server.only();
    expect(req.path).toBe("/payments/api/v1/sales/users");
    expect(req.query).toBe(
      "buyer_email=buyeremail2%40dominio.com&sales_source=campaignNameanha3&buyer_name=buyername2" +
        "&affiliate_name=affilatename1&commission_as=AFFILIATE&start_date=1622689200000&end_date=1622948400000" +
        "&transaction_status=UNDER_ANALISYS",
    );
    const buyer = page.items[0]?.users.find((u) => u.role === "BUYER");
    expect(buyer?.user.documents).toEqual([{ value: "00000000000", type: "CPF" }]);
    expect(buyer?.user.address.zip_code).toBe("30000000");
    expect(page.items).toEqual(SALES_USERS.items);
  });
});

describe("sales.commissions", () => {
  it("GETs /sales/commissions; money carries currency_value", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/commissions", { body: SALES_COMMISSIONS });
    const page = await ctx.client().sales.commissions({
      transaction: "HP10000000000003",
      commission_as: "PRODUCER",
      product_id: 1234567,
    });
    const req = ctx.server.only();
    expect(req.path).toBe("/payments/api/v1/sales/commissions");
    expect(req.query).toBe("transaction=HP10000000000003&commission_as=PRODUCER&product_id=1234567");
    const producer = page.items[0]?.commissions.find((c) => c.source === "PRODUCER");
    expect(producer?.commission).toEqual({ currency_value: "BRL", value: 272.54 });
    expect(page.items).toEqual(SALES_COMMISSIONS.items);
  });
});

describe("sales.priceDetails", () => {
  it("GETs /sales/price/details", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/price/details", { body: SALES_PRICE_DETAILS });
    const page = await ctx.client().sales.priceDetails({
      start_date: 1623726000000,
      end_date: 1624158000000,
      payment_type: "PIX",
      transaction_status: "PARTIALLY_REFUNDED",
    });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/payments/api/v1/sales/price/details");
    expect(req.query).toBe(
      "start_date=1623726000000&end_date=1624158000000&payment_type=PIX&transaction_status=PARTIALLY_REFUNDED",
    );
    expect(page.items[0]?.coupon).toEqual({ code: "PROMO10", value: 0.1 });
    expect(page.items[0]?.total).toEqual({ value: 297, currency_code: "BRL" });
    expect(page.items).toEqual(SALES_PRICE_DETAILS.items);
  });
});

describe("sales.refund", () => {
  it("PUTs /sales/{transaction}/refund with no body and resolves to undefined on {}", async () => {
    ctx.server.on("PUT", "/payments/api/v1/sales/HP17715690036014/refund", { body: {} });
    const result = await ctx.client().sales.refund("HP17715690036014");
    expect(result).toBeUndefined();
    const req = ctx.server.only();
    expect(req.method).toBe("PUT");
    expect(req.path).toBe("/payments/api/v1/sales/HP17715690036014/refund");
    expect(req.query).toBe("");
    expect(req.rawBody).toBe("");
  });

  it("resolves to undefined on an empty body and on 204", async () => {
    const client = ctx.client();
    ctx.server.on("PUT", "/payments/api/v1/sales/HP1/refund", { raw: "" });
    await expect(client.sales.refund("HP1")).resolves.toBeUndefined();
    ctx.server.on("PUT", "/payments/api/v1/sales/HP1/refund", { status: 204, raw: "" });
    await expect(client.sales.refund("HP1")).resolves.toBeUndefined();
  });

  it("sends options.query (e.g. select) and reports Hotmart's refusal as an APIError", async () => {
    ctx.server.on("PUT", "/payments/api/v1/sales/HP2/refund", {
      status: 400,
      body: { error: "invalid_parameter", error_description: "Transaction not eligible" },
    });
    const error = await ctx
      .client()
      .sales.refund("HP2", { query: { select: "status" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BadRequestError", status: 400, error: "invalid_parameter" });
    expect(ctx.server.only().query).toBe("select=status");
  });
});
