import {
  APIResource,
  autopaginate,
  Hotmart,
  type PageParams,
  type PagePromise,
  PaginationError,
} from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

/** A stand-in resource with one list method, the way every real resource declares one. */
class Things extends APIResource {
  list(params?: PageParams & Record<string, unknown>): PagePromise<{ n: number }> {
    return this._list("/things", params, undefined);
  }
  listAutopaginate = autopaginate(this.list.bind(this));
}

const TOTAL = 23;
const cursor = (page: number) => Buffer.from(JSON.stringify({ page, rows: 5 })).toString("base64");

let server: ScriptedServer;
let things: Things;
beforeEach(async () => {
  server = await startScriptedServer((req, res) => {
    const q = new URL(req.url, "http://x").searchParams;
    const token = q.get("page_token");
    const page = token ? (JSON.parse(Buffer.from(token, "base64").toString()) as { page: number }).page : 1;
    const rows = Number(q.get("max_results") ?? 5);
    const start = (page - 1) * rows;
    const items = Array.from({ length: Math.max(0, Math.min(rows, TOTAL - start)) }, (_, i) => ({
      n: start + i,
    }));
    const page_info: Record<string, unknown> = { total_results: TOTAL, results_per_page: items.length };
    if (start + rows < TOTAL) page_info.next_page_token = cursor(page + 1);
    if (page > 1) page_info.prev_page_token = cursor(page - 1);
    json(res, 200, { items, page_info });
  });
  things = new Things(
    new Hotmart({ clientId: "i", clientSecret: "s", baseURL: server.url, authURL: server.authURL }),
  );
});
afterEach(async () => {
  await server.close();
});

describe("PagePromise", () => {
  it("await gives the first page, lazily: building the promise sends nothing", async () => {
    const promise = things.list({ max_results: 5 });
    expect(server.requests).toHaveLength(0);
    const page = await promise;
    expect(page.items.map((i) => i.n)).toEqual([0, 1, 2, 3, 4]);
    expect(page.page_info.total_results).toBe(TOTAL);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.items[0]?.n).toBe(5);
    await promise; // awaiting again does not refetch
    expect(server.requests).toHaveLength(2);
  });

  it("for await yields every item of every page exactly once", async () => {
    const seen: number[] = [];
    for await (const item of things.list({ max_results: 5 })) seen.push(item.n);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    expect(server.requests).toHaveLength(5);
  });

  it("the Autopaginate twin is the same walk", async () => {
    const seen: number[] = [];
    for await (const item of things.listAutopaginate({ max_results: 10 })) seen.push(item.n);
    expect(seen).toHaveLength(TOTAL);
  });

  it(".pages() walks page by page so a caller can checkpoint the cursor", async () => {
    const checkpoints: Array<string | undefined> = [];
    for await (const page of things.list({ max_results: 10 }).pages()) checkpoints.push(page.nextPageToken());
    expect(checkpoints).toEqual([cursor(2), cursor(3), undefined]);
  });

  it("a page_token in params resumes from that cursor", async () => {
    const rest = await things.list({ max_results: 5, page_token: cursor(4) }).toArray();
    expect(rest.map((i) => i.n)).toEqual([15, 16, 17, 18, 19, 20, 21, 22]);
    expect(server.requests[0]?.url).toContain(`page_token=${encodeURIComponent(cursor(4))}`);
  });

  it("an item limit stops early and fetches no more pages than needed", async () => {
    const first7 = await things.list({ max_results: 5 }).toArray({ limit: 7 });
    expect(first7.map((i) => i.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(server.requests).toHaveLength(2);
  });

  it("a repeated cursor ends with PaginationError, never a loop", async () => {
    server.handle((_req, res) =>
      json(res, 200, { items: [{ n: 1 }], page_info: { next_page_token: "same" } }),
    );
    const walk = things.list().toArray();
    await expect(walk).rejects.toBeInstanceOf(PaginationError);
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });

  it("{} is an empty page at once; an empty body only after every retry answered no body too", async () => {
    server.handle((req, res) => {
      if (req.url.includes("empty")) {
        res.writeHead(200);
        return res.end();
      }
      json(res, 200, {});
    });
    const page = await things.list();
    expect(page.items).toEqual([]);
    expect(page.hasNextPage()).toBe(false);
    expect(server.requests.filter((r) => r.path === "/things")).toHaveLength(1);
    // An empty body may be a fault: the GET is looked at again (here maxRetries: 1, so once) before it
    // counts as empty.
    const once = new Things(
      new Hotmart({
        clientId: "i",
        clientSecret: "s",
        baseURL: server.url,
        authURL: server.authURL,
        maxRetries: 1,
      }),
    );
    expect(await once.list({ empty: 1 }).toArray()).toEqual([]);
    expect(server.requests.filter((r) => r.path === "/things")).toHaveLength(1 + 2);
  });

  it("a later page that `select` empties to {} stops the walk with a PaginationError naming the select, at once", async () => {
    // Hotmart answers `{}` when no item of a page has a selected field: that page has lost its items
    // and its page_info (the cursor on), so the walk cannot go on. It used to be a "not the shape this
    // endpoint returns" ResponseParseError, retried 3 times with backoff, that did not say why.
    server.handle((req, res) => {
      const token = new URL(req.url, "http://x").searchParams.get("page_token");
      if (token) return json(res, 200, {});
      json(res, 200, { items: [{ n: 0, note: "x" }], page_info: { next_page_token: cursor(2) } });
    });
    const walk = things.list({ select: "note" }).toArray();
    await expect(walk).rejects.toBeInstanceOf(PaginationError);
    await expect(walk).rejects.toThrow(/select=note.*a field every item has/s);
    expect(server.requests.filter((r) => r.path === "/things")).toHaveLength(2);
  });

  it("getNextPage() on the last page says so", async () => {
    const page = await things.list({ max_results: 50 });
    expect(page.hasNextPage()).toBe(false);
    await expect(page.getNextPage()).rejects.toThrow(/last page/);
  });

  it("errors propagate through await, for await and catch", async () => {
    server.handle((_req, res) => json(res, 404, { error: "not_found" }));
    await expect(things.list()).rejects.toMatchObject({ status: 404 });
    expect(await things.list().catch((e: unknown) => (e as { status: number }).status)).toBe(404);
  });
});
