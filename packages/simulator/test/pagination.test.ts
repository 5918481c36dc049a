import { PAGE_LIMITS } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, type Json, SALES, SUBS } from "./helpers";

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("Cursor pagination", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 21, scale: { sales: 1500 } });
  });
  afterAll(() => api.close());

  it("clamps max_results to the endpoint maximum instead of failing", async () => {
    const res = await api.get(`${SALES}/history`, { max_results: 100_000 });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(PAGE_LIMITS["sales.history"].max);
    expect(res.body.page_info.next_page_token).toEqual(expect.any(String));
  });

  it("uses Hotmart-style base64 cursors and omits next on the last page, prev on the first", async () => {
    const first = await api.get(`${SALES}/history`, { max_results: 500 });
    const token = first.body.page_info.next_page_token;
    expect(JSON.parse(Buffer.from(token, "base64").toString())).toEqual({ page: 2, rows: 500 });
    expect(first.body.page_info.prev_page_token).toBeUndefined();
    const { pages, items, total } = await api.walk(`${SALES}/history`, { max_results: 500 });
    expect(items).toHaveLength(total ?? -1);
    const last = pages.at(-1)?.body.page_info;
    expect(last.next_page_token).toBeUndefined();
    expect(last.prev_page_token).toEqual(expect.any(String));
  });

  it("answers 400 invalid_token for a bad page_token", async () => {
    for (const bad of [
      "not-base64!",
      cursor({ page: 0, rows: 10 }),
      cursor({ rows: 10 }),
      cursor("x"),
      "e30=",
    ]) {
      const res = await api.get(`${SALES}/history`, { page_token: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.error).toBe("invalid_token");
    }
  });

  it("answers 400 invalid_value_parameter for a max_results that is not a positive integer", async () => {
    for (const bad of ["0", "-1", "ten", "1.5"]) {
      const res = await api.get(`${SALES}/history`, { max_results: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.error).toBe("invalid_value_parameter");
    }
  });

  it("walks the subscription transactions and Club users, each record once", async () => {
    const tx = await api.walk(`${SUBS}/transactions`, { transaction_date: 0, max_results: 333 });
    const codes = tx.items.map((i: Json) => i.purchase.transaction);
    expect(new Set(codes).size).toBe(codes.length);
    const expected = api.sim.data.subscriptions.flatMap((s) => s.recurrences.flatMap((r) => r.sales)).length;
    expect(codes.length).toBe(expected);
  });

  it("a page past the end is empty, with a prev_page_token", async () => {
    const res = await api.get(`${SALES}/history`, { page_token: cursor({ page: 999, rows: 100 }) });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.page_info.next_page_token).toBeUndefined();
    expect(res.body.page_info.prev_page_token).toEqual(expect.any(String));
  });
});
