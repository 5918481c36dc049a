/**
 * Every call's promise gives its raw response (issue 10, item 6): `.withResponse()` and
 * `.asResponse()` on single calls, list promises and `request()`; the RateLimit-* headers on pages and
 * on the client.
 */
import { APIPromise, NotFoundError, Page } from "hotmart";
import { describe, expect, it } from "vitest";
import { SALES_HISTORY, useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

const RATE = { "RateLimit-Limit": "500", "RateLimit-Remaining": "498", "RateLimit-Reset": "42" };

describe("withResponse and asResponse", () => {
  it("a single call gives its data and the response, whose body can still be read", async () => {
    ctx.server.on("GET", "/events/api/v1/7/info", {
      body: { product: { id: 7, name: "Show" }, lots: [] },
      headers: { ...RATE, "X-Trace": "abc" },
    });
    const pending = ctx.client().events.get(7);
    expect(pending).toBeInstanceOf(APIPromise);
    expect(pending).toBeInstanceOf(Promise);
    const { data, response } = await pending.withResponse();
    expect(data.product.name).toBe("Show");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-trace")).toBe("abc");
    expect(response.url).toBe(`${ctx.server.url}/events/api/v1/7/info`);
    expect(await response.json()).toEqual({ product: { id: 7, name: "Show" }, lots: [] });
    // The same promise still awaits to the data, with one request sent.
    expect((await pending).product.id).toBe(7);
    expect(ctx.server.requests).toHaveLength(1);
  });

  it("asResponse gives the response alone; a 204 write has no body", async () => {
    ctx.server.on("PUT", /refund$/, { status: 204, raw: "" });
    const response = await ctx.client().sales.refund("HP1").asResponse();
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });

  it("a list promise gives the first page and its response; each page its rate limit", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { body: SALES_HISTORY, headers: RATE });
    const before = Date.now();
    const { data: page, response } = await ctx.client().sales.history({ max_results: 1 }).withResponse();
    expect(page).toBeInstanceOf(Page);
    expect(page.items).toEqual(SALES_HISTORY.items);
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1);
    const rate = page.rateLimit;
    expect(rate).toMatchObject({ limit: 500, remaining: 498, reset: 42 });
    expect(rate?.resetAt).toBeGreaterThanOrEqual(before + 42_000);
    expect((await ctx.client().sales.history().asResponse()).status).toBe(200);
  });

  it("request() gives its response too", async () => {
    ctx.server.on("GET", "/anything", { body: { ok: true }, headers: { "X-A": "1" } });
    const { data, response } = await ctx.client().request("GET", "/anything").withResponse();
    expect(data).toEqual({ ok: true });
    expect(response.headers.get("x-a")).toBe("1");
  });

  it("a failure rejects withResponse() as it rejects the promise", async () => {
    ctx.server.on("GET", /./, { status: 404, body: { error: "not_found" } });
    await expect(ctx.client().events.get(1).withResponse()).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.client().events.get(1).asResponse()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("catch and finally on a single call's promise", () => {
  it("read the data through then(): one request, the rejection to catch, finally passing the data on", async () => {
    ctx.server.on("GET", "/events/api/v1/7/info", { body: { product: { id: 7 }, lots: [] } });
    ctx.server.on("GET", "/events/api/v1/8/info", { status: 404, body: { error: "not_found" } });
    const client = ctx.client();
    let ran = 0;
    const done = client.events.get(7).finally(() => {
      ran += 1;
    });
    expect(done).not.toBeInstanceOf(APIPromise);
    expect((await done).product.id).toBe(7);
    expect(ran).toBe(1);
    const caught = client.events.get(8).catch((error: unknown) => error);
    expect(caught).not.toBeInstanceOf(APIPromise);
    expect(await caught).toBeInstanceOf(NotFoundError);
    const failed = client.events.get(8).finally(() => {
      ran += 1;
    });
    await expect(failed).rejects.toBeInstanceOf(NotFoundError);
    expect(ran).toBe(2);
    expect(await client.events.get(7).catch(() => "unused")).toEqual({ product: { id: 7 }, lots: [] });
    expect(ctx.server.requests).toHaveLength(4);
  });
});

describe("client.lastRateLimit", () => {
  it("is undefined before any response, then the headers of the last one (an error's too)", async () => {
    const client = ctx.client();
    expect(client.lastRateLimit).toBeUndefined();
    ctx.server.on("GET", "/events/api/v1/1/info", { body: { lots: [] }, headers: RATE });
    await client.events.get(1);
    expect(client.lastRateLimit).toMatchObject({ limit: 500, remaining: 498, reset: 42 });
    ctx.server.on("GET", "/events/api/v1/2/info", {
      status: 404,
      body: { error: "not_found" },
      headers: { ...RATE, "RateLimit-Remaining": "497" },
    });
    await expect(client.events.get(2)).rejects.toBeInstanceOf(NotFoundError);
    expect(client.lastRateLimit?.remaining).toBe(497);
    // Clones share the client's quota, so they share what it last heard.
    expect(client.withOptions({ maxRetries: 0 }).lastRateLimit?.remaining).toBe(497);
  });

  it("is undefined when Hotmart sent no RateLimit header", async () => {
    const client = ctx.client();
    ctx.server.on("GET", /./, { body: { lots: [] } });
    await client.events.get(1);
    expect(client.lastRateLimit).toBeUndefined();
  });
});
