/**
 * client.export against the real simulator over loopback: every record exactly once across shards,
 * records sitting exactly on shard boundaries, every status, abort + resume from JSON checkpoints,
 * progress events, and cancellation of the page fetched ahead when a loop stops early.
 */
import {
  APIUserAbortError,
  type ExportCheckpoint,
  type ExportEvent,
  type ExportRecord,
  type ExportShard,
  HotmartInputError,
  ResponseParseError,
  SALES_STATUS_VALUES,
  type SalesHistoryItem,
} from "hotmart";
import { startSimulator } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { HELD_BYTES } from "../../src/export/plan";
import { skipRetryWaits } from "../helpers/retry-waits";
import { clientFor, collect, useSimulator } from "../integration/helpers";

// No quota here: these tests send hundreds of requests each (the quota has its own test below).
const ctx = useSimulator({ seed: 1101, scale: { sales: 2500 }, rateLimit: false }, { rateLimit: false });

const PAID = new Set(["APPROVED", "COMPLETE"]);
const codes = (records: Array<ExportRecord<SalesHistoryItem>>) =>
  records.map((r) => r.record.purchase.transaction);

/** The transactions the simulator holds in [from, to] (inclusive), for the given statuses. */
function expected(from: number, to: number, statuses: (s: string) => boolean = (s) => PAID.has(s)): string[] {
  return ctx.sim.data.sales
    .filter((s) => s.orderDate >= from && s.orderDate <= to && statuses(s.status))
    .map((s) => s.transaction)
    .sort();
}

function range(): { from: number; to: number } {
  const dates = ctx.sim.data.sales.map((s) => s.orderDate);
  return { from: Math.min(...dates), to: Math.max(...dates) };
}

describe("client.export", () => {
  it("yields every record exactly once across many concurrent shards", async () => {
    const { from, to } = range();
    const run = ctx.client.export.run("sales.history", {
      from,
      to,
      pageSize: 50,
      shardSize: 100,
      concurrency: 6,
    });
    const records = await collect(run);
    const got = codes(records);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(expected(from, to));
    const shards = run.checkpoint().shards;
    expect(shards.length).toBeGreaterThan(5);
    expect(shards.every((s) => s.done)).toBe(true);
    // The shards tile the range: sorted, each starts 1 ms after the previous ends.
    const sorted = [...shards].sort((a, b) => a.from - b.from);
    expect(sorted[0]?.from).toBe(from);
    expect(sorted.at(-1)?.to).toBe(to);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.from).toBe((sorted[i - 1]?.to ?? 0) + 1);
    // No separate probes: every request is a full page, and a shard's first page tells its size. Shards
    // found too dense were split and their first pages dropped; the rest walked on from theirs.
    const sizes = new Set(
      ctx.sim.requestLog.filter((r) => r.path.endsWith("/history")).map((r) => r.query.max_results),
    );
    expect(sizes).toEqual(new Set(["50"]));
    const p = run.progress();
    expect(p.probes).toBeGreaterThan(0);
    const requests = ctx.sim.requestLog.filter((r) => r.path.endsWith("/history")).length;
    expect(p.pages + p.probes).toBe(requests);
  });

  it("keeps records that sit exactly on a shard boundary in one shard, and both ends are inclusive", async () => {
    // Two paid sales x < y; a range of width 3L (L = y - x) that starts at x - L is cut into its three
    // first cells (one per worker) at exactly x and y, so both sit on the first ms of a shard and, if
    // bounds overlapped, would come twice.
    const paid = ctx.sim.data.sales.filter((s) => PAID.has(s.status)).map((s) => s.orderDate);
    const unique = [...new Set(paid)].sort((a, b) => a - b);
    const x = unique[Math.floor(unique.length / 2)] as number;
    const y = unique[Math.floor(unique.length / 2) + 40] as number;
    const L = y - x;
    const from = x - L;
    const to = from + 3 * L - 1;
    const count = expected(from, to).length;
    // No cell is split: the cells are the shards.
    const shardSize = count;
    const run = ctx.client.export.run("sales.history", {
      from,
      to,
      shardSize,
      pageSize: 500,
      concurrency: 3,
    });
    const got = codes(await collect(run));
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(expected(from, to));
    const starts = run.checkpoint().shards.map((s) => s.from);
    expect(starts).toContain(x);
    expect(starts).toContain(y);
    const onBoundary = ctx.sim.data.sales.filter(
      (s) => PAID.has(s.status) && (s.orderDate === x || s.orderDate === y),
    );
    for (const sale of onBoundary) expect(got.filter((c) => c === sale.transaction)).toHaveLength(1);

    // A range one ms wide holds exactly the records at that ms: start and end are both inclusive.
    const single = codes(await collect(ctx.client.export.run("sales.history", { from: x, to: x })));
    expect(single.sort()).toEqual(expected(x, x));
    expect(single.length).toBeGreaterThan(0);
  });

  it('statuses: "all" walks every status once and says which walk found each record', async () => {
    const { from, to } = range();
    const run = ctx.client.export.run("sales.history", { from, to, statuses: "all", shardSize: 300 });
    const records = await collect(run);
    const got = codes(records);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(expected(from, to, () => true));
    for (const r of records) expect(r.status).toBe(r.record.purchase.status);
    const walked = new Set(
      ctx.sim.requestLog.filter((r) => r.path.endsWith("/history")).map((r) => r.query.transaction_status),
    );
    expect(walked).toEqual(new Set(SALES_STATUS_VALUES));
    expect(new Set(records.map((r) => r.status)).size).toBeGreaterThan(3);
  });

  it('statuses: "all" walks the same statuses for price details, whose documentation lists only 14', async () => {
    // The 3 its page leaves out are documentation drift, not a restriction (docs/api-notes.md §8.1): "all"
    // walked only the 14 and lost the sales in NO_FUNDS, PRE_ORDER and PROCESSING_TRANSACTION.
    const { from, to } = range();
    const run = ctx.client.export.run("sales.priceDetails", { from, to, statuses: "all", shardSize: 300 });
    const records = await collect(run);
    const got = records.map((r) => r.record.transaction);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(expected(from, to, () => true));
    expect(records.some((r) => r.status === "NO_FUNDS")).toBe(true);
    const walked = new Set(
      ctx.sim.requestLog
        .filter((r) => r.path.endsWith("/price/details"))
        .map((r) => r.query.transaction_status),
    );
    expect(walked).toEqual(new Set(SALES_STATUS_VALUES));
    const listed = ctx.client.export.resources.find((r) => r.name === "sales.priceDetails");
    expect(listed?.statuses).toEqual(SALES_STATUS_VALUES);
  });

  it("a chosen list of statuses, other lists and the default (APPROVED + COMPLETE, status null)", async () => {
    const { from, to } = range();
    const refunded = await collect(
      ctx.client.export.run("sales.commissions", { from, to, statuses: ["REFUNDED", "CANCELLED"] }),
    );
    expect(refunded.map((r) => r.record.transaction).sort()).toEqual(
      expected(from, to, (s) => s === "REFUNDED" || s === "CANCELLED"),
    );
    const byDefault = await collect(
      ctx.client.export.run("sales.participants", { from, to, shardSize: 200 }),
    );
    expect(byDefault.every((r) => r.status === null)).toBe(true);
    expect(byDefault.map((r) => r.record.transaction).sort()).toEqual(expected(from, to));

    const subs = await collect(ctx.client.export.run("subscriptions.list", { shardSize: 5 }).records());
    const wantSubs = ctx.sim.data.subscriptions.filter((s) => s.accessionDate >= Date.UTC(2010, 0, 1));
    expect(subs.map((s) => s.subscriber_code).sort()).toEqual(wantSubs.map((s) => s.subscriberCode).sort());

    const tx = await collect(
      ctx.client.export.run("subscriptions.transactions", { concurrency: 3 }).records(),
    );
    const seq = await collect(
      ctx.client.subscriptions.transactions({ transaction_date: Date.UTC(2010, 0, 1), max_results: 500 }),
    );
    expect(tx.length).toBe(seq.length);
    expect(tx.map((t) => t.purchase.transaction).sort()).toEqual(
      seq.map((t) => t.purchase.transaction).sort(),
    );
  });

  it("walks an uncounted shard past its guessed size to its last page (subscription transactions)", async () => {
    // No total_results: each shard is guessed at one page. A shard that had already fetched two pages
    // more than that was never picked again, and the run failed "stalled" with records missing.
    const seq = await collect(
      ctx.client.subscriptions.transactions({ transaction_date: Date.UTC(2010, 0, 1), max_results: 500 }),
    );
    const tx = await collect(
      ctx.client.export.run("subscriptions.transactions", { concurrency: 1, pageSize: 10 }).records(),
    );
    expect(seq.length).toBeGreaterThan(10 * 3 * 4); // some shard holds more than two pages
    expect(tx.map((t) => t.purchase.transaction).sort()).toEqual(
      seq.map((t) => t.purchase.transaction).sort(),
    );
  });

  it("abort at any point, resume from the saved JSON checkpoint: no record lost, none repeated", async () => {
    const { from, to } = range();
    const want = expected(from, to, () => true);
    const seen: string[] = [];
    let saved: string | undefined;
    let runs = 0;
    // Stop points: mid-page, right after a page event (requests in flight), and on the very first record.
    const stops: Array<(n: number, e?: ExportEvent) => boolean> = [
      (n) => n === 137,
      (_n, e) => e?.type === "page" && e.progress.pages === 9,
      (n) => n === 1,
      (n) => n === 401,
    ];
    for (;;) {
      const controller = new AbortController();
      const stop = stops[runs];
      let inRun = 0;
      runs++;
      const run = ctx.client.export.run("sales.history", {
        ...(saved ? { resume: JSON.parse(saved) as ExportCheckpoint } : { from, to, statuses: "all" }),
        pageSize: 40,
        shardSize: 120,
        concurrency: 5,
        signal: controller.signal,
        onProgress: (e) => {
          if (stop?.(inRun, e)) controller.abort();
        },
      });
      try {
        for await (const r of run) {
          seen.push(r.record.purchase.transaction); // "processed"
          saved = JSON.stringify(run.checkpoint());
          inRun++;
          if (stop?.(inRun)) controller.abort();
        }
        break;
      } catch (error) {
        expect(error).toBeInstanceOf(APIUserAbortError);
        saved = JSON.stringify(run.checkpoint());
      }
      expect(runs).toBeLessThan(10);
    }
    expect(runs).toBe(stops.length + 1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(want);
    expect((JSON.parse(saved as string) as ExportCheckpoint).records).toBe(want.length);
  });

  it("a first page that answers no body past its retries fails the run, and its checkpoint resumes to every record", async () => {
    // It was taken for an empty range: the shard was marked done and the run ended "successfully"
    // with records missing (the CLI printed "Exported 90 records" of 3,980).
    const { from, to } = range();
    const client = clientFor(ctx.sim, { rateLimit: false, maxRetries: 1 });
    skipRetryWaits(client);
    const fault = ctx.sim.faults.add({
      route: "GET /payments/api/v1/sales/history",
      kind: "empty",
      times: 2,
    });
    const got: string[] = [];
    // One request at a time, so both faults fall on the same first page and its one retry.
    const run = client.export.run("sales.history", {
      from,
      to,
      pageSize: 50,
      shardSize: 200,
      concurrency: 1,
    });
    try {
      await expect(
        (async () => {
          for await (const r of run) got.push(r.record.purchase.transaction);
        })(),
      ).rejects.toBeInstanceOf(ResponseParseError);
      expect(fault.hits).toBe(2);
      const saved = JSON.stringify(run.checkpoint());
      ctx.sim.faults.clear();
      for await (const r of client.export.run("sales.history", { resume: JSON.parse(saved) })) {
        got.push(r.record.purchase.transaction);
      }
      expect(new Set(got).size).toBe(got.length);
      expect(got.sort()).toEqual(expected(from, to));
    } finally {
      ctx.sim.faults.clear();
      await client.close();
    }
  });

  it("a resumed plan never joins a finished shard to the next one, nor re-cuts one the caller has begun", async () => {
    const { from, to } = range();
    const mid = from + Math.floor((to - from) / 3);
    const late = from + Math.floor(((to - from) * 2) / 3);
    const a = expected(from, mid).length;
    const b = expected(mid + 1, late).length;
    const c = expected(late + 1, to).length;
    const resume: ExportCheckpoint = {
      ...ctx.client.export.run("sales.history", { from, to }).checkpoint(),
      // Small enough that all three would merge, or be split, if they were not off limits.
      shardSize: 20,
      shards: [
        // Done: its records are with the caller.
        { id: 0, status: null, from, to: mid, count: a, skip: 0, done: true },
        // Never begun: free to be re-cut.
        { id: 1, status: null, from: mid + 1, to: late, count: b, skip: 0, done: false },
        // Begun: the caller has the first 3 records of its first page.
        { id: 2, status: null, from: late + 1, to, count: c, skip: 3, done: false },
      ],
      nextId: 3,
      records: a + 3,
    };
    const firstPage = await ctx.client.sales.history({
      start_date: late + 1,
      end_date: to,
      max_results: 500,
    });
    const firstThree = firstPage.items.slice(0, 3).map((s) => s.purchase.transaction);
    const got = codes(await collect(ctx.client.export.run("sales.history", { resume })));
    expect(new Set(got).size).toBe(got.length);
    const want = [
      ...expected(mid + 1, late),
      ...expected(late + 1, to).filter((t) => !firstThree.includes(t)),
    ];
    expect(got.sort()).toEqual(want.sort());
  });

  it("reports progress: plan, pages, records, estimated total, rate, ETA, shards done, 429s and retries", async () => {
    let t = 0;
    const events: ExportEvent[] = [];
    // A simulator of its own with a 1 s quota window, so the 429's RateLimit-Reset pauses 1 s, not 60.
    const sim = await startSimulator({
      port: 0,
      seed: 1102,
      scale: { sales: 800 },
      rateLimit: { windowMs: 1000 },
    });
    // The 429 comes once the plan is known: the first cells all go out at once, before the client has
    // heard the quota, and a 429 among those is the limiter's own guess, resent without a retry.
    let fault: { hits: number } | undefined;
    const client = clientFor(sim);
    const dates = sim.data.sales.map((s) => s.orderDate);
    const from = Math.min(...dates);
    const to = Math.max(...dates);
    try {
      const run = client.export.run("sales.history", {
        from,
        to,
        shardSize: 100,
        pageSize: 20,
        now: () => (t += 10),
        onProgress: (e) => {
          events.push(e);
          if (fault === undefined && e.type === "planned" && e.progress.estimatedTotal !== undefined) {
            fault = sim.faults.add({
              route: "GET /payments/api/v1/sales/history",
              kind: "rate-limit",
              times: 1,
            });
          }
        },
      });
      const total = (await collect(run)).length;
      const types = new Set(events.map((e) => e.type));
      expect(types).toEqual(new Set(["planned", "page", "shard-done", "retry", "done"]));
      const last = events.at(-1);
      expect(last?.type).toBe("done");
      const p = last?.progress;
      expect(p?.records).toBe(total);
      expect(p?.estimatedTotal).toBe(total);
      expect(p?.shardsDone).toBe(p?.shardsPlanned);
      expect(p?.pages).toBe(events.filter((e) => e.type === "page").length);
      expect(p?.rateLimited).toBe(1);
      expect(p?.retries).toBe(1);
      expect(p?.etaSeconds).toBe(0);
      expect(p?.ratePerSecond).toBeGreaterThan(0);
      // Once the plan is known (every first cell counted), each page event carries an ETA.
      const mid = events.find(
        (e) => e.type === "page" && e.progress.records > 0 && e.progress.estimatedTotal !== undefined,
      );
      expect(mid?.progress.etaSeconds).toBeGreaterThan(0);
      expect(events.filter((e) => e.type === "shard-done")).toHaveLength(p?.shardsPlanned ?? -1);
      expect(fault?.hits).toBe(1);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it("the estimated total, once known, is the count the first pages gave, even while split parts are being counted", async () => {
    // Sales cluster in recent months, so the equal-width parts of a dense cell hold very different
    // counts. Each uncounted part was estimated at an equal share of its parent: as the early, nearly
    // empty parts were counted, the total fell (to 40 % of the truth on 20,000 sales) and the bar's
    // percentage and ETA with it, until the last part was counted.
    const { from, to } = range();
    const totals: number[] = [];
    const run = ctx.client.export.run("sales.history", {
      from,
      to,
      statuses: "all",
      concurrency: 2,
      pageSize: 50,
      onProgress: (e) => {
        if (e.progress.estimatedTotal !== undefined) totals.push(e.progress.estimatedTotal);
      },
    });
    const got = (await collect(run)).length;
    expect(got).toBe(expected(from, to, () => true).length);
    expect(run.progress().probes).toBeGreaterThan(0); // some cells were split
    expect(totals.length).toBeGreaterThan(0);
    expect(new Set(totals)).toEqual(new Set([got]));
  });

  it("counts every 429 Hotmart answered, those the limiter provoked while learning the quota included", async () => {
    // The first cells go out together before the quota is known: a 429 among them is resent without
    // spending a retry, and was left out of rateLimited and retries (the CLI said "0 responses 429").
    const sim = await startSimulator({
      port: 0,
      seed: 1103,
      scale: { sales: 300 },
      rateLimit: { windowMs: 1000 },
    });
    const client = clientFor(sim);
    const dates = sim.data.sales.map((s) => s.orderDate);
    const fault = sim.faults.add({
      route: "GET /payments/api/v1/sales/history",
      kind: "rate-limit",
      times: 2,
    });
    try {
      const run = client.export.run("sales.history", {
        from: Math.min(...dates),
        to: Math.max(...dates),
        pageSize: 20,
      });
      await collect(run);
      const served = sim.requestLog.filter((r) => r.status === 429).length;
      expect(fault.hits).toBe(2);
      expect(served).toBe(2);
      expect(run.progress().rateLimited).toBe(served);
      expect(run.progress().retries).toBe(served);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it("sends no date Hotmart refuses: a fraction, a number past a Date's range, a date before 1970", async () => {
    const before = ctx.sim.requestLog.length;
    // Refused by run() itself, before it returns, saying what to pass (a date before 1970 was said to
    // "look like epoch seconds", with a hint to pass it times 1000).
    for (const options of [
      { from: 1700000000000.5 },
      { to: 1e20 },
      { to: 8.64e15 + 1 },
      { from: new Date("1969-12-31") },
      { from: -5 },
    ]) {
      expect(() => ctx.client.export.run("sales.history", options), JSON.stringify(options)).toThrow(
        /^(from|to) must be a Date or whole epoch milliseconds from 1970 on \(got /,
      );
    }
    expect(ctx.sim.requestLog.slice(before)).toEqual([]);
  });

  it("a Date from 1970 to early 1973 is that date, not epoch seconds; a bare number that small is", () => {
    // Epoch ms below 1e11 end in March 1973: only a number can mean seconds.
    for (const from of [new Date("1970-01-01"), new Date("1972-06-01")]) {
      expect(ctx.client.export.run("sales.history", { from }).checkpoint().from).toBe(from.getTime());
    }
    expect(() => ctx.client.export.run("sales.history", { from: 76_204_800 })).toThrow(
      /from looks like epoch seconds \(76204800\): Hotmart takes epoch milliseconds, e\.g\. 76204800000$/,
    );
  });

  it("refuses bad options before any request", async () => {
    const before = ctx.sim.requestLog.length;
    expect(() => ctx.client.export.run("sales.history", { from: 1_700_000_000 })).toThrow(/epoch seconds/);
    expect(() =>
      ctx.client.export.run("sales.history", { from: Date.UTC(2025, 1), to: Date.UTC(2025, 0) }),
    ).toThrow(HotmartInputError);
    // Each of these is a compile error too (the options are typed per list), and refused at run time
    // for JavaScript callers and casts.
    // @ts-expect-error subscriptions.list has no transaction_status filter, so no statuses
    expect(() => ctx.client.export.run("subscriptions.list", { statuses: "all" })).toThrow(
      /no transaction_status/,
    );
    // @ts-expect-error events.tickets needs its eventId (or a checkpoint to resume)
    expect(() => ctx.client.export.run("events.tickets", {})).toThrow(/eventId/);
    // A status the filter does not take is refused up front: Hotmart's 400 would only come when its
    // walk starts, after the records of the walks before it (and again on every resume).
    // @ts-expect-error not a status the sales reports' filter takes
    expect(() => ctx.client.export.run("sales.history", { statuses: ["APPROVED", "FOO"] })).toThrow(
      /"FOO" is not a transaction_status sales.history takes: use "all" or some of APPROVED, /,
    );
    // @ts-expect-error statuses are upper case
    expect(() => ctx.client.export.run("sales.history", { statuses: ["approved"] })).toThrow(
      /did you mean "APPROVED"\?/,
    );
    // Price details takes every status the other sales reports take, not only the 14 its page lists.
    expect(
      ctx.client.export.run("sales.priceDetails", { statuses: ["NO_FUNDS", "PRE_ORDER"] }).checkpoint()
        .statuses,
    ).toEqual(["NO_FUNDS", "PRE_ORDER"]);
    // @ts-expect-error not a status the sales reports' filter takes
    expect(() => ctx.client.export.run("sales.priceDetails", { statuses: ["DELAYED"] })).toThrow(
      HotmartInputError,
    );
    // Both spellings of the status under analysis are one status, walked once.
    expect(
      ctx.client.export.run("sales.history", { statuses: ["UNDER_ANALYSIS", "UNDER_ANALISYS"] }).checkpoint()
        .statuses,
    ).toEqual(["UNDER_ANALISYS"]);
    expect(() => ctx.client.export.run("nope" as "sales.history")).toThrow(/Unknown export resource/);
    // Names every object inherits are not resources either.
    for (const inherited of ["constructor", "toString", "__proto__"])
      expect(() => ctx.client.export.run(inherited as "sales.history")).toThrow(/Unknown export resource/);
    // A param the export sets itself is refused on the first iteration, before the first request: the
    // types leave it out, JavaScript does not.
    const drain = async (params: Record<string, unknown>, resource = "sales.history") => {
      for await (const _ of ctx.client.export.run(resource as "sales.history", { params })) break;
    };
    await expect(drain({ transaction_status: "REFUNDED" })).rejects.toThrow(
      /params.transaction_status is set by the export itself: choose it with statuses/,
    );
    await expect(drain({ start_date: Date.UTC(2025, 0) })).rejects.toThrow(/as from and to/);
    await expect(drain({ max_results: 5 })).rejects.toThrow(/with pageSize/);
    await expect(drain({ end_accession_date: Date.UTC(2025, 0) }, "subscriptions.list")).rejects.toThrow(
      HotmartInputError,
    );
    const cp = ctx.client.export.run("sales.history").checkpoint();
    expect(() => ctx.client.export.run("sales.commissions", { resume: cp })).toThrow(
      /not "sales.commissions"/,
    );
    expect(() =>
      ctx.client.export.run("sales.history", {
        resume: { ...cp, resource: "constructor" as "sales.history" },
      }),
    ).toThrow(/not a usable export checkpoint \(unknown resource\)/);
    expect(cp.shards[0]?.from).toBe(Date.UTC(2010, 0, 1));
    expect(ctx.sim.requestLog.length).toBe(before);
  });

  it("a checkpoint holds a filter's zoneless date-time as the instant it named where the export started", async () => {
    // toEpochMs reads "2026-12-01T10:00" in the process's zone. Kept as text in the checkpoint, an export
    // started in São Paulo and resumed on a UTC server filtered its remaining shards 3 h apart.
    const text = "2026-12-01T10:00";
    const instant = new Date(text).getTime();
    // The types take a Date or epoch ms; JavaScript callers pass the ISO strings the SDK accepts too.
    const iso = (value: string) => value as unknown as number;
    const run = ctx.client.export.run("subscriptions.list", {
      params: { end_date_next_charge: iso(text), date_next_charge: iso("2020-01-01"), status: ["ACTIVE"] },
      pageSize: 5,
    });
    for await (const _ of run) break;
    const saved = JSON.parse(JSON.stringify(run.checkpoint())) as ExportCheckpoint;
    // A day alone is midnight UTC everywhere: kept as given, as is every other filter.
    expect(saved.params).toEqual({
      end_date_next_charge: instant,
      date_next_charge: "2020-01-01",
      status: ["ACTIVE"],
    });
    const log = ctx.sim.requestLog.length;
    for await (const _ of ctx.client.export.run("subscriptions.list", { resume: saved })) break;
    const sent = ctx.sim.requestLog.slice(log).filter((r) => r.query.end_accession_date !== undefined);
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(r.query.end_date_next_charge).toBe(String(instant));
    // One the list refuses is left for the list's own message, before any request.
    const bad = ctx.client.export.run("subscriptions.list", {
      params: { end_date_next_charge: iso("2026-02-30T10:00") },
    });
    await expect(collect(bad)).rejects.toThrow(/end_date_next_charge.*not a day of the calendar/);
  });

  it("refuses a damaged or hand-edited checkpoint before any request: nothing would be lost, repeated or half-done", async () => {
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2025, 11, 31);
    const cp = ctx.client.export
      .run("sales.history", { from, to, statuses: ["APPROVED", "REFUNDED"] })
      .checkpoint();
    const resume = (edit: (c: ExportCheckpoint) => void) => {
      const c = structuredClone(cp);
      edit(c);
      // Its shape is checked by run(); the plan on the first iteration, before the first request.
      return (async () => {
        for await (const _ of ctx.client.export.run("sales.history", { resume: c })) break;
      })();
    };
    // The untouched checkpoint is taken.
    await expect(resume(() => {})).resolves.toBeUndefined();
    const sent = ctx.sim.requestLog.length;
    // A status the list does not take would reach Hotmart's 400 only when its walk starts.
    await expect(
      resume((c) => {
        c.statuses = ["APPROVED", "PAID"];
        for (const s of c.shards) if (s.status === "REFUNDED") s.status = "PAID";
      }),
    ).rejects.toThrow(
      /not a usable export checkpoint \(status "PAID" is not a transaction_status sales.history takes/,
    );
    await expect(resume((c) => ((c.shards[0] as { status: string }).status = "CANCELLED"))).rejects.toThrow(
      /shard 0 walks a status the export does not/,
    );
    await expect(resume((c) => c.statuses.push("APPROVED"))).rejects.toThrow(/a status walked twice/);
    // Shards of one walk that overlap would repeat records; a gap would lose them without a word.
    await expect(resume((c) => (c.shards[1] as ExportShard).from--)).rejects.toThrow(
      /shard 1 overlaps the one before it/,
    );
    await expect(resume((c) => (c.shards[1] as ExportShard).from++)).rejects.toThrow(
      /the shards leave .* out/,
    );
    await expect(resume((c) => c.shards.pop())).rejects.toThrow(/the shards leave .* out/);
    await expect(resume((c) => (c.shards[0] as ExportShard).to++)).rejects.toThrow(/overlaps/);
    await expect(resume((c) => (c.pageSize = 1000))).rejects.toThrow(/page size 1000 is not from 1 to 500/);
    await expect(resume((c) => (c.params = null as unknown as Record<string, unknown>))).rejects.toThrow(
      /params is not an object/,
    );
    await expect(resume((c) => ((c.shards[0] as ExportShard).token = ""))).rejects.toThrow(
      /a malformed shard/,
    );
    await expect(resume((c) => ((c.shards[1] as ExportShard).id = 0))).rejects.toThrow(/a malformed shard/);
    await expect(resume((c) => (c.from = c.to + 1))).rejects.toThrow(/no range/);
    expect(ctx.sim.requestLog.length).toBe(sent);
  });
});

describe("prefetch", () => {
  /**
   * A client whose fetch remembers every request's signal and holds every page asked for by cursor until
   * it is aborted: a fetch ahead that is not cancelled would stay pending forever.
   */
  function watched(hold: (url: string) => boolean = (url) => url.includes("page_token=")) {
    const calls: Array<{ url: string; signal: AbortSignal | undefined }> = [];
    const client = clientFor(ctx.sim, {
      fetch: (input, init) => {
        const url = String(input);
        if (url.includes("oauth")) return fetch(input, init);
        const signal = init?.signal ?? undefined;
        calls.push({ url, signal });
        if (!hold(url)) return fetch(input, init);
        return new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        });
      },
    });
    return { client, calls };
  }

  it("for await fetches the next page while the loop works on this one, and cancels it on break", async () => {
    const { client, calls } = watched();
    try {
      for await (const _sale of client.sales.history({ max_results: 20 })) {
        // The next page was asked for before the loop asked for it.
        await expect.poll(() => calls.length).toBe(2);
        break;
      }
      expect(calls[1]?.url).toContain("page_token=");
      await expect.poll(() => calls[1]?.signal?.aborted).toBe(true);
      expect(calls).toHaveLength(2); // one page ahead at most
    } finally {
      await client.close();
    }
  });

  it("holds records by bytes: past the budget no page is fetched until the loop takes some", async () => {
    // Every record padded to about 100 kB: a page of a few dozen weighs more than the byte budget, so two
    // pages pass it while the page budget (three at concurrency 1) would still let a third be fetched.
    const pad = "x".repeat(100_000);
    const pageMost = 100 * (pad.length + 2_000);
    const pageCalls: string[] = [];
    const client = clientFor(ctx.sim, {
      fetch: async (input, init) => {
        const url = String(input);
        const response = await fetch(input, init);
        if (!url.includes("/sales/history")) return response;
        pageCalls.push(url);
        const body = (await response.json()) as { items?: Array<Record<string, unknown>> };
        for (const item of body.items ?? []) item.pad = pad;
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      },
    });
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      // About 250 paid sales: enough for a few full pages, few enough to stay quick.
      const paid = ctx.sim.data.sales
        .filter((sale) => PAID.has(sale.status))
        .map((sale) => sale.orderDate)
        .sort((a, b) => a - b);
      const [from, to] = [paid[0] as number, paid[249] as number];
      let heldMost = 0;
      let pages = 0;
      const run = client.export.run("sales.history", {
        from,
        to,
        pageSize: 100,
        // Several shards: one walk alone holds two pages at most (the one the loop is on and the next).
        shardSize: 100,
        concurrency: 1,
        onProgress: (e) => {
          heldMost = Math.max(heldMost, e.progress.heldBytes);
          pages = e.progress.pages;
        },
      });
      const seen = new Set<string>();
      for await (const { record } of run) {
        if (seen.size === 0) {
          // The loop stays on its first record: the page it is on and one more are fetched, then nothing.
          await expect.poll(() => pages).toBe(2);
          const asked = pageCalls.length;
          await turns(20);
          expect(pageCalls.length).toBe(asked);
          expect(pages).toBe(2);
          expect(run.progress().heldBytes).toBeGreaterThan(HELD_BYTES);
        }
        seen.add(record.purchase.transaction);
      }
      expect([...seen].sort()).toEqual(expected(from, to));
      // One request in flight at a time: never more than the budget and the page that crossed it, or the
      // two pages the loop always may hold (the one it is on and the next).
      expect(heldMost).toBeGreaterThan(HELD_BYTES);
      expect(heldMost).toBeLessThanOrEqual(HELD_BYTES + 2 * pageMost);
      expect(run.progress().heldBytes).toBe(0);
    } finally {
      await client.close();
    }
  });

  it("breaking out of an export cancels its requests in flight", async () => {
    // Every page after the first is held until aborted.
    let pages = 0;
    const { client, calls } = watched((url) => url.includes("max_results=20") && ++pages > 1);
    try {
      const { from, to } = range();
      for await (const _r of client.export.run("sales.history", { from, to, pageSize: 20, shardSize: 100 })) {
        await expect.poll(() => pages).toBeGreaterThan(2);
        break;
      }
      const held = calls.filter((c) => c.url.includes("max_results=20")).slice(1);
      expect(held.length).toBeGreaterThan(0);
      await expect.poll(() => held.every((c) => c.signal?.aborted)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
