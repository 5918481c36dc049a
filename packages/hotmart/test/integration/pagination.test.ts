import { describe, expect, it } from "vitest";
import { apiCalls, must, useSimulator } from "./helpers";

/** Enough sales that more than 10 000 match the default APPROVED+COMPLETE filter. */
const ctx = useSimulator({ seed: 31, scale: { sales: 13_000, clubUsers: 1_200, participants: 1_100 } });
const HISTORY = "/payments/api/v1/sales/history";

describe("auto-pagination over 10 000+ sales", () => {
  it("for await over history yields every transaction exactly once", async () => {
    const { sim, client } = ctx;
    const first = await client.sales.history({ max_results: 500 });
    const total = must(first.page_info.total_results, "total_results");
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(first.items).toHaveLength(500);
    sim.resetStats();

    const seen = new Set<string>();
    let count = 0;
    for await (const sale of client.sales.history({ max_results: 500 })) {
      seen.add(sale.purchase.transaction);
      count += 1;
    }
    expect(count).toBe(total);
    expect(seen.size).toBe(total);
    const paid = sim.data.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE");
    expect(paid).toHaveLength(total);
    expect(paid.every((s) => seen.has(s.transaction))).toBe(true);

    const calls = apiCalls(sim);
    expect(calls).toHaveLength(Math.ceil(total / 500));
    expect(calls.every((c) => c.method === "GET" && c.path === HISTORY && c.status === 200)).toBe(true);
    expect(calls[0]?.query).toEqual({ max_results: "500" });
    const tokens = calls.slice(1).map((c) => c.query.page_token);
    expect(new Set(tokens).size).toBe(calls.length - 1);
    for (const call of calls.slice(1)) expect(call.query.max_results).toBe("500");
  });

  it("historyAutopaginate yields the same transactions in the same order", async () => {
    const { client } = ctx;
    const viaIterator: string[] = [];
    for await (const sale of client.sales.history({ max_results: 500 }))
      viaIterator.push(sale.purchase.transaction);
    const viaTwin: string[] = [];
    for await (const sale of client.sales.historyAutopaginate({ max_results: 500 }))
      viaTwin.push(sale.purchase.transaction);
    expect(viaTwin).toHaveLength(viaIterator.length);
    expect(new Set(viaTwin).size).toBe(viaTwin.length);
    expect(viaTwin).toEqual(viaIterator);
  });

  it(".pages() gives ceil(total / 500) pages of 500 (the last one the rest)", async () => {
    const { sim, client } = ctx;
    const sizes: number[] = [];
    const seen = new Set<string>();
    let total = 0;
    for await (const page of client.sales.history({ max_results: 500 }).pages()) {
      total = page.page_info.total_results ?? total;
      sizes.push(page.items.length);
      for (const item of page.items) seen.add(item.purchase.transaction);
    }
    expect(sizes).toHaveLength(Math.ceil(total / 500));
    expect(sizes.slice(0, -1).every((n) => n === 500)).toBe(true);
    expect(sizes.at(-1)).toBe(total - 500 * (sizes.length - 1));
    expect(seen.size).toBe(total);
    expect(apiCalls(sim)).toHaveLength(sizes.length);
  });

  it("resumes from a saved cursor (page_token) without gaps or repeats", async () => {
    const { client } = ctx;
    const pages = client.sales.history({ max_results: 500 }).pages();
    const seen = new Set<string>();
    let cursor: string | undefined;
    let total = 0;
    let read = 0;
    for await (const page of pages) {
      total = page.page_info.total_results ?? total;
      for (const item of page.items) seen.add(item.purchase.transaction);
      read += page.items.length;
      cursor = page.nextPageToken();
      if (seen.size >= 3_000) break; // "crash" after a few pages, keeping the cursor
    }
    expect(cursor).toEqual(expect.any(String));
    for await (const sale of client.sales.history({ max_results: 500, page_token: cursor })) {
      seen.add(sale.purchase.transaction);
      read += 1;
    }
    expect(read).toBe(total);
    expect(seen.size).toBe(total);
  });
});

describe("auto-pagination on other endpoints", () => {
  it("subscriptions.list: every subscription exactly once", async () => {
    const { sim, client } = ctx;
    const first = await client.subscriptions.list({ max_results: 100 });
    const total = must(first.page_info.total_results, "total_results");
    expect(total).toBe(sim.data.subscriptions.length);
    expect(total).toBeGreaterThan(800);

    const codes = new Set<string>();
    let count = 0;
    for await (const sub of client.subscriptions.listAutopaginate({ max_results: 100 })) {
      codes.add(sub.subscriber_code);
      count += 1;
    }
    expect(count).toBe(total);
    expect(codes.size).toBe(total);
  });

  it("club.students: every student exactly once at 500 a page", async () => {
    const { sim, client } = ctx;
    const club = sim.data.club;
    sim.resetStats();
    const ids = new Set<string>();
    let count = 0;
    for await (const student of client.club.students(club.subdomain, { max_results: 500 })) {
      ids.add(student.user_id);
      count += 1;
    }
    expect(count).toBe(club.users.length);
    expect(ids.size).toBe(club.users.length);
    expect(club.users.length).toBeGreaterThanOrEqual(1_200);
    expect(apiCalls(sim)).toHaveLength(Math.ceil(club.users.length / 500));
  });

  it("events.tickets: every ticket exactly once", async () => {
    const { sim, client } = ctx;
    const event = must(sim.data.events[0], "event");
    const ids = new Set<number>();
    let count = 0;
    for await (const ticket of client.events.ticketsAutopaginate(event.product.id, { max_results: 250 })) {
      ids.add(ticket.eticket.id);
      count += 1;
    }
    expect(count).toBe(event.tickets.length);
    expect(ids.size).toBe(event.tickets.length);
    expect(event.tickets.length).toBeGreaterThanOrEqual(1_000);
  });
});
