/**
 * A 200 whose JSON is not what the endpoint returns is a fault (ResponseParseError, retried on reads),
 * never an empty result: `"hello"` as a sales history page used to read as "no sales". The simulator
 * only answers well-formed bodies, so these run against the recording server.
 */
import { type Hotmart, type Page, ResponseParseError } from "hotmart";
import { describe, expect, it } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import {
  CLUB_MODULES,
  EVENT_INFO,
  SALES_HISTORY,
  SUBSCRIPTION_PURCHASES,
  useRecordingServer,
} from "./fixtures";

const ctx = useRecordingServer();

const UCODE = "9a8b7c6d-0000-4000-8000-00000000d004";

/** Every list method, called with ids that pass their checks. */
const LISTS: Record<string, (c: Hotmart) => PromiseLike<Page<unknown>>> = {
  "sales.history": (c) => c.sales.history(),
  "sales.summary": (c) => c.sales.summary(),
  "sales.participants": (c) => c.sales.participants(),
  "sales.commissions": (c) => c.sales.commissions(),
  "sales.priceDetails": (c) => c.sales.priceDetails(),
  "subscriptions.list": (c) => c.subscriptions.list(),
  "subscriptions.summary": (c) => c.subscriptions.summary(),
  "subscriptions.transactions": (c) => c.subscriptions.transactions(),
  "products.list": (c) => c.products.list(),
  "products.offers": (c) => c.products.offers(UCODE),
  "products.plans": (c) => c.products.plans(UCODE),
  "coupons.list": (c) => c.coupons.list(1234567),
  "club.students": (c) => c.club.students("my-course"),
  "events.tickets": (c) => c.events.tickets(2345678),
};

/** The methods that answer a bare array (docs/api-notes.md §3). */
const ARRAYS: Record<string, (c: Hotmart) => PromiseLike<unknown>> = {
  "subscriptions.purchases": (c) => c.subscriptions.purchases("B2HNQAXJ"),
  "club.modules": (c) => c.club.modules("my-course"),
  "club.pages": (c) => c.club.pages("Ab3dE5gH7j", { product_id: 1234567 }),
  "club.pagesV1": (c) => c.club.pagesV1("Ab3dE5gH7j", { subdomain: "my-course" }),
};

/** 200 bodies that are not a page. */
const NOT_PAGES = [
  '"hello"',
  "42",
  "true",
  "null",
  "[]",
  '{"results":[{"a":1}],"page_info":{"total_results":5}}',
  '{"items":"nope","page_info":{"total_results":5}}',
  '{"items":null,"page_info":{"total_results":5}}',
  '{"items":{"0":{"a":1}}}',
  '{"items":[],"page_info":"none"}',
];

describe("a list's first page must be a page", () => {
  it.each(NOT_PAGES)("%s is a ResponseParseError after the retries, not an empty page", async (raw) => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { raw });
    const client = ctx.client();
    const waits = skipRetryWaits(client);
    const error = await client.sales.history().then(
      (page) => page,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toMatch(/not the shape this endpoint returns/);
    // An unreadable body on a read is looked at again, as a cut-off one is: 1 + maxRetries (3) sends.
    expect(waits).toHaveLength(3);
    expect(ctx.server.requests).toHaveLength(4);
  });

  it("with validate off too (the shape check is not the schema)", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { raw: '{"items":"nope"}' });
    const client = ctx.client();
    skipRetryWaits(client);
    await expect(client.sales.history(undefined, { validate: "off", maxRetries: 0 })).rejects.toBeInstanceOf(
      ResponseParseError,
    );
    await expect(client.sales.history().toArray()).rejects.toBeInstanceOf(ResponseParseError);
  });

  it.each(Object.keys(LISTS))("%s checks its first page", async (name) => {
    ctx.server.on("GET", /./, { raw: '"hello"' });
    const client = ctx.client();
    skipRetryWaits(client);
    await expect((LISTS[name] as (c: Hotmart) => Promise<Page<unknown>>)(client)).rejects.toBeInstanceOf(
      ResponseParseError,
    );
  });

  it("a page resumed from a page_token, and a page after a cursor, are checked the same", async () => {
    const client = ctx.client();
    skipRetryWaits(client);
    ctx.server.on("GET", "/payments/api/v1/sales/history", (req) =>
      req.searchParams.has("page_token") ? { raw: '{"items":{"0":{}}}' } : { body: SALES_HISTORY },
    );
    await expect(client.sales.history().toArray()).rejects.toBeInstanceOf(ResponseParseError);
    await expect(client.sales.history({ page_token: "abc" })).rejects.toBeInstanceOf(ResponseParseError);
  });

  it("the documented empty answers and a page without page_info are still pages", async () => {
    const client = ctx.client();
    const waits = skipRetryWaits(client);
    for (const reply of [{ body: {} }, { body: { items: [] } }, { raw: '{"items":[],"page_info":null}' }]) {
      ctx.server.on("GET", "/payments/api/v1/sales/history", reply);
      const page = await client.sales.history();
      expect(page.items).toEqual([]);
      expect(page.hasNextPage()).toBe(false);
    }
    expect(waits).toHaveLength(0);
    // No body at all is an empty page only where Hotmart answers so (the coupon list), after the
    // retries: it was looked at again first.
    ctx.server.on("GET", "/products/api/v1/coupon/product/1234567", { raw: "" });
    const coupons = await client.coupons.list(1234567);
    expect(coupons.items).toEqual([]);
    expect(waits).toHaveLength(3);
    ctx.server.on("GET", "/payments/api/v1/sales/history", { body: SALES_HISTORY });
    expect((await client.sales.history()).items).toEqual(SALES_HISTORY.items);
  });
});

describe("a method that answers a bare array must get an array", () => {
  it.each(Object.keys(ARRAYS))("%s refuses a body that is not an array", async (name) => {
    const call = ARRAYS[name] as (c: Hotmart) => Promise<unknown>;
    const client = ctx.client();
    const waits = skipRetryWaits(client);
    for (const raw of ['"x"', "42", '{"items":[]}', '{"0":{"module_id":"a"}}']) {
      ctx.server.on("GET", /./, { raw });
      await expect(call(client), raw).rejects.toBeInstanceOf(ResponseParseError);
    }
    expect(waits).toHaveLength(4 * 3);
  });

  it("keeps {} and an empty body as [] (nothing there), and passes arrays through", async () => {
    const client = ctx.client();
    skipRetryWaits(client);
    for (const [name, array] of [
      ["subscriptions.purchases", SUBSCRIPTION_PURCHASES],
      ["club.modules", CLUB_MODULES],
    ] as const) {
      const call = ARRAYS[name] as (c: Hotmart) => Promise<unknown>;
      ctx.server.on("GET", /./, { body: {} });
      await expect(call(client)).resolves.toEqual([]);
      ctx.server.on("GET", /./, { raw: "" });
      await expect(call(client)).resolves.toEqual([]);
      ctx.server.on("GET", /./, { body: array });
      await expect(call(client)).resolves.toEqual(array);
    }
  });
});

describe("a method that answers one record must get an object", () => {
  const RECORDS: Record<string, (c: Hotmart) => PromiseLike<unknown>> = {
    "events.get": (c) => c.events.get(1234567),
    "club.lessons": (c) => c.club.lessons("escola", "Uv7wX8yZ9a"),
  };

  it.each(Object.keys(RECORDS))("%s refuses a string, a number or an array", async (name) => {
    const call = RECORDS[name] as (c: Hotmart) => Promise<unknown>;
    const client = ctx.client();
    const waits = skipRetryWaits(client);
    for (const raw of ['"x"', "42", '[{"id":1}]']) {
      ctx.server.on("GET", /./, { raw });
      await expect(call(client), raw).rejects.toBeInstanceOf(ResponseParseError);
    }
    expect(waits).toHaveLength(3 * 3);
  });

  it("passes the record through, and club.lessons keeps {} as no lessons", async () => {
    const client = ctx.client();
    ctx.server.on("GET", /./, { body: EVENT_INFO });
    await expect(client.events.get(1234567)).resolves.toEqual(EVENT_INFO);
    ctx.server.on("GET", /./, { body: {} });
    await expect(client.club.lessons("escola", "Uv7wX8yZ9a")).resolves.toEqual({ lessons: [] });
    ctx.server.on("GET", /./, { raw: '{"lessons":"none"}' });
    skipRetryWaits(client);
    await expect(client.club.lessons("escola", "Uv7wX8yZ9a")).rejects.toBeInstanceOf(ResponseParseError);
  });
});
