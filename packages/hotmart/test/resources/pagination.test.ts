import { type Hotmart, PaginationError, type SalesHistoryItem } from "hotmart";
import { describe, expect, it } from "vitest";
import type { RecordedRequest, Reply } from "../helpers/recording-server";
import { useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

const TOTAL = 10_000;
const encode = (offset: number) => Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64");
const decode = (token: string) =>
  (JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { offset: number }).offset;

/** 10,000 sales served in pages of `max_results` (default 100, clamped to 500) with opaque cursors. */
function tenThousandSales(req: RecordedRequest): Reply {
  const token = req.searchParams.get("page_token");
  const offset = token ? decode(token) : 0;
  const size = Math.min(Number(req.searchParams.get("max_results") ?? 100), 500);
  const items = Array.from({ length: Math.max(0, Math.min(size, TOTAL - offset)) }, (_, i) => ({
    purchase: { transaction: `HP${String(offset + i).padStart(8, "0")}` },
  }));
  const next = offset + size;
  return {
    body: {
      items,
      page_info: {
        total_results: TOTAL,
        results_per_page: items.length,
        ...(next < TOTAL ? { next_page_token: encode(next) } : {}),
        ...(offset > 0 ? { prev_page_token: encode(Math.max(0, offset - size)) } : {}),
      },
    },
  };
}

const expected = Array.from({ length: TOTAL }, (_, i) => `HP${String(i).padStart(8, "0")}`);

describe("auto-pagination over 10,000 records", () => {
  it("for await yields each record exactly once, in order", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", tenThousandSales);
    const seen: string[] = [];
    for await (const sale of ctx.client().sales.history({ product_id: 1234567, max_results: 250 })) {
      seen.push(sale.purchase.transaction);
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(TOTAL);
    expect(ctx.server.requests).toHaveLength(TOTAL / 250);
    // Every page keeps the original filters; only the cursor changes.
    for (const req of ctx.server.requests) {
      expect(req.searchParams.get("product_id")).toBe("1234567");
      expect(req.searchParams.get("max_results")).toBe("250");
      expect(req.searchParams.getAll("page_token").length).toBeLessThanOrEqual(1);
    }
  });

  it("historyAutopaginate yields the same records exactly once", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", tenThousandSales);
    const seen: string[] = [];
    for await (const sale of ctx.client().sales.historyAutopaginate({ max_results: 500 })) {
      const typed: SalesHistoryItem = sale;
      seen.push(typed.purchase.transaction);
    }
    expect(seen).toEqual(expected);
    expect(ctx.server.requests).toHaveLength(TOTAL / 500);
  });

  it("resumes from a page_token given in params, and pages() exposes each cursor", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", tenThousandSales);
    const client = ctx.client();
    const first = await client.sales.history({ max_results: 500 });
    const cursor = first.nextPageToken();
    expect(cursor).toBe(encode(500));
    let pages = 0;
    let count = 0;
    for await (const page of client.sales
      .history({ max_results: 500, page_token: cursor as string })
      .pages()) {
      pages += 1;
      count += page.items.length;
    }
    expect(pages).toBe(19);
    expect(count).toBe(TOTAL - 500);
  });

  it("stops with a PaginationError when Hotmart repeats a cursor", async () => {
    ctx.server.on("GET", "/payments/api/v1/sales/history", {
      body: { items: [{ purchase: { transaction: "HP1" } }], page_info: { next_page_token: "same" } },
    });
    await expect(ctx.client().sales.history().toArray()).rejects.toBeInstanceOf(PaginationError);
  });
});

const UCODE = "ab907e46-a9aa-4d25-ae4f-cec316d01560";

/** Every paginated method's Autopaginate twin, with the route it walks and one filter it must keep. */
const twins: Array<[string, string, (c: Hotmart) => AsyncGenerator<unknown, void, undefined>]> = [
  [
    "sales.historyAutopaginate",
    "/payments/api/v1/sales/history",
    (c) => c.sales.historyAutopaginate({ product_id: 7 }),
  ],
  [
    "sales.summaryAutopaginate",
    "/payments/api/v1/sales/summary",
    (c) => c.sales.summaryAutopaginate({ product_id: 7 }),
  ],
  [
    "sales.participantsAutopaginate",
    "/payments/api/v1/sales/users",
    (c) => c.sales.participantsAutopaginate({ product_id: 7 }),
  ],
  [
    "sales.commissionsAutopaginate",
    "/payments/api/v1/sales/commissions",
    (c) => c.sales.commissionsAutopaginate({ product_id: 7 }),
  ],
  [
    "sales.priceDetailsAutopaginate",
    "/payments/api/v1/sales/price/details",
    (c) => c.sales.priceDetailsAutopaginate({ product_id: 7 }),
  ],
  [
    "subscriptions.listAutopaginate",
    "/payments/api/v1/subscriptions",
    (c) => c.subscriptions.listAutopaginate({ product_id: 7 }),
  ],
  [
    "subscriptions.summaryAutopaginate",
    "/payments/api/v1/subscriptions/summary",
    (c) => c.subscriptions.summaryAutopaginate({ product_id: 7 }),
  ],
  [
    "subscriptions.transactionsAutopaginate",
    "/payments/api/v1/subscriptions/transactions",
    (c) => c.subscriptions.transactionsAutopaginate({ product_id: 7 }),
  ],
  ["products.listAutopaginate", "/products/api/v1/products", (c) => c.products.listAutopaginate({ id: 7 })],
  [
    "products.offersAutopaginate",
    `/products/api/v1/products/${UCODE}/offers`,
    (c) => c.products.offersAutopaginate(UCODE, { max_results: 7 }),
  ],
  [
    "products.plansAutopaginate",
    `/products/api/v1/products/${UCODE}/plans`,
    (c) => c.products.plansAutopaginate(UCODE, { max_results: 7 }),
  ],
  [
    "coupons.listAutopaginate",
    "/products/api/v1/coupon/product/1234567",
    (c) => c.coupons.listAutopaginate(1234567, { code: "SEVEN" }),
  ],
  [
    "club.studentsAutopaginate",
    "/club/api/v1/users",
    (c) => c.club.studentsAutopaginate("my_subdomain", { email: "seven" }),
  ],
  [
    "events.ticketsAutopaginate",
    "/events/api/v1/2345678/participants",
    (c) => c.events.ticketsAutopaginate(2345678, { id_lot: 7 }),
  ],
];

describe.each(twins)("%s", (_name, route, walk) => {
  it("walks every page with the original params and yields each item once", async () => {
    ctx.server.on("GET", route, (req) =>
      req.searchParams.get("page_token") === "p2"
        ? { body: { items: [{ n: 2 }, { n: 3 }], page_info: { prev_page_token: "p1" } } }
        : { body: { items: [{ n: 1 }], page_info: { next_page_token: "p2", prev_page_token: null } } },
    );
    const items: unknown[] = [];
    for await (const item of walk(ctx.client())) items.push(item);
    expect(items).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const [first, second] = ctx.server.requests as [RecordedRequest, RecordedRequest];
    expect(ctx.server.requests).toHaveLength(2);
    expect(first.path).toBe(route);
    expect(second.path).toBe(route);
    expect(first.searchParams.get("page_token")).toBeNull();
    expect(second.searchParams.get("page_token")).toBe("p2");
    expect(second.query.replace("&page_token=p2", "")).toBe(first.query);
    expect(first.query).toMatch(/=(7|SEVEN|seven)(&|$)/);
  });
});
