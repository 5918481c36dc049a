/**
 * One export: sizes shards by their first pages, walks the shards concurrently through the client's list
 * methods (and so its limiter, retries and token), and hands the records to one `for await` loop, each
 * exactly once.
 *
 * There are no separate probe requests: a shard's first page (a full page) brings its
 * `page_info.total_results`. A shard of the planned size keeps that page and walks on from it, so sizing
 * costs no round trip of its own; only a shard found too dense is split, and its page dropped (its parts
 * fetch those records again). The first shards (equal cells of each status's range) are all asked for
 * at once, so the plan is known one round trip after the export starts, and the parts of dense cells
 * start walking as soon as they are cut, without waiting for any other request.
 *
 * Every shard keeps two cursors: where its fetching is (private) and where the caller's loop is (in the
 * checkpoint). Pages fetched but not yet handed over are simply fetched again after a resume, which is
 * what makes "resume yields exactly the records not yet received" hold whatever was in flight.
 */
import type { Hotmart } from "../client";
import { APIUserAbortError, HotmartError, HotmartInputError } from "../core/errors";
import type { Page, PagePromise } from "../core/pagination";
import type { RequestOptions, RetryInfo } from "../core/types";
import { toEpochMs } from "../internal/params";
import { onAbort } from "../internal/signals";
import { refuseDamagedPlan } from "./checked-plan";
import type { ExportCheckpoint, ExportShard } from "./checkpoint";
import { splitRange } from "./first-shards";
import {
  estimatePageBytes,
  firstHeldPagesBudget,
  fitsHeldBytes,
  heldPagesBudget,
  keepsFirstPage,
  shardSize,
  splitParts,
} from "./plan";
import { type Counters, type ExportEvent, type ExportProgress, snapshot } from "./progress";
import type { ExportResource, ResourceSpec } from "./resources";

/** Lists a page of a resource through the client's own list method (limiter, retries, token and all). */
type ListCall = (
  client: Hotmart,
  params: Record<string, unknown>,
  options: RequestOptions,
  eventId: number | string | undefined,
) => PagePromise<unknown>;

const p = (params: Record<string, unknown>) => params as never;

/**
 * The SDK list method that walks each exportable list. Here, not in resources.ts: only the run calls
 * them, so they load with it rather than with `client.export`.
 */
const LIST_CALLS: Readonly<Record<ExportResource, ListCall>> = {
  "sales.history": (c, params, o) => c.sales.history(p(params), o),
  "sales.participants": (c, params, o) => c.sales.participants(p(params), o),
  "sales.commissions": (c, params, o) => c.sales.commissions(p(params), o),
  "sales.priceDetails": (c, params, o) => c.sales.priceDetails(p(params), o),
  "sales.summary": (c, params, o) => c.sales.summary(p(params), o),
  "subscriptions.list": (c, params, o) => c.subscriptions.list(p(params), o),
  "subscriptions.summary": (c, params, o) => c.subscriptions.summary(p(params), o),
  "subscriptions.transactions": (c, params, o) => c.subscriptions.transactions(p(params), o),
  "events.tickets": (c, params, o, eventId) => c.events.tickets(eventId as number | string, p(params), o),
};

/** What an {@link ExportRun} yields: one record, with the walk and shard it came from. */
export interface ExportRecord<T> {
  /** The item exactly as the list method returns it (a `SalesHistoryItem` for `"sales.history"`...). */
  record: T;
  /** The `transaction_status` of the walk that found it; null: the API default (APPROVED + COMPLETE). */
  status: string | null;
  /** The shard it came from (see the checkpoint's `shards`). */
  shard: number;
}

/** What `client.export.run()` hands a new ExportRun, its options checked: not built by hand. */
export interface RunSettings {
  /** The client whose list methods (and so limiter, retries and token) the export uses. */
  client: Hotmart;
  /** How the exported list is walked: its date parameters, counts and statuses (`state.resource` names it). */
  spec: ResourceSpec;
  /** The checkpoint to start from: a new plan, or the `resume` given. Updated as the loop goes. */
  state: ExportCheckpoint;
  /** Requests in flight at once (1 to 64). */
  concurrency: number;
  /** Fixed records per shard (tests); default sized from the counted totals. */
  shardSize: number | undefined;
  /** The caller's signal: aborting it stops the export with APIUserAbortError. */
  signal: AbortSignal | undefined;
  /** The `onProgress` listener. */
  onProgress: ((event: ExportEvent) => void) | undefined;
  /** The caller's per-request options for every request (the run adds its own signal and `onRetry`). */
  requestOptions: RequestOptions;
  /** The clock, in epoch ms, for rate and ETA. */
  now: () => number;
  /** The progress counters the run updates. */
  counters: Counters;
}

interface Live {
  s: ExportShard;
  /** Next page to fetch (undefined with `started` false: the first page). */
  fetchToken: string | undefined;
  started: boolean;
  exhausted: boolean;
  busy: boolean;
  /** Pages fetched and not yet fully handed to the loop. */
  buffered: number;
  fetched: number;
  /** Records of the first page fetched to skip: the caller had them before a resume. */
  resumeSkip: number;
  /** Expected records before the first page answers (a share of the parent's count). */
  estimate: number | undefined;
  /** For a part of a split shard: the parent's count, shared by its parts (see #recount). */
  split?: Split | undefined;
  /** A cell's first page, held while the plan is not known yet: it is kept or dropped by #replan. */
  stash: Fetched | undefined;
}

/**
 * What a split shard's parts hold together: its count, exactly, of which `counted` is on parts whose
 * first page has answered. The parts not counted yet hold the rest, however unevenly it is spread.
 */
interface Split {
  count: number;
  counted: number;
}

interface Fetched {
  live: Live;
  token: string | undefined;
  items: unknown[];
  next: string | undefined;
  skip: number;
  /** About the JSON size of its records not yet handed to the loop (see HELD_BYTES). */
  bytes: number;
}

/** An ISO date-time without `Z` or an offset: `toEpochMs` reads it in the process's time zone. */
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/**
 * The filters with each date-time given without a zone (`date_next_charge: "2025-01-31T10:00"`) as the
 * epoch ms it names here, where the export starts. Kept as text, the checkpoint was read again in the
 * zone of the process that resumed it: an export started in São Paulo and resumed on a server in UTC
 * filtered its remaining shards 3 h apart from its first ones. One the list refuses stays as given, for
 * the list's own message.
 */
function instantsOf(params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const [key, value] of Object.entries(out)) {
    if (typeof value !== "string" || !ZONELESS_DATE_TIME.test(value.trim())) continue;
    try {
      out[key] = toEpochMs(key, value);
    } catch {
      // Left for the list's check, which refuses it before any request with its own message.
    }
  }
  return out;
}

/** What walks the shards of one `ExportRun`; loaded on the run's first iteration (export-run.ts). */
export class ExportEngine<T> {
  readonly #cfg: RunSettings;
  readonly #state: ExportCheckpoint;
  #live: Live[];
  readonly #queue: Fetched[] = [];
  /**
   * One controller per request in flight, aborted by #stop: a single shared signal would collect a
   * listener per concurrent request and trip the runtime's listener-leak warning.
   */
  readonly #requests = new Set<AbortController>();
  #inflight = 0;
  #inflightPages = 0;
  /** First pages of the first cells in flight, before the plan is fixed. */
  #probing = 0;
  /**
   * Pages the run may hold at once (in flight, waiting, being consumed): every worker's page when the
   * network is the slow side; shrunk towards two when the loop is (see heldPagesBudget).
   */
  #budget = 0;
  #consuming = false;
  #error: unknown;
  #stopped = false;
  #waiter: (() => void) | undefined;
  #startedAt = 0;

  constructor(settings: RunSettings) {
    refuseDamagedPlan(settings.state, settings.spec);
    refuseManagedParams(settings.spec, settings.state.params);
    this.#cfg = settings;
    this.#state = { ...settings.state, params: instantsOf(settings.state.params) };
    this.#live = this.#state.shards.map((s) => ({
      s,
      fetchToken: s.token,
      // A shard the caller has records of (a cursor, or part of the first page) is never re-cut.
      started: s.token !== undefined || s.skip > 0,
      exhausted: false,
      busy: false,
      buffered: 0,
      fetched: 0,
      resumeSkip: s.skip,
      estimate: undefined,
      stash: undefined,
    }));
    this.#budget = firstHeldPagesBudget(settings.concurrency);
  }

  /** The state to save: after any record the loop has received, resuming from it yields exactly the rest. */
  checkpoint(): ExportCheckpoint {
    return structuredClone({
      ...this.#state,
      shards: this.#live.map((l) => l.s),
      records: this.#cfg.counters.records,
    });
  }

  /** The figures now: shards, pages, records, estimated total, rate, ETA, 429s and retries. */
  progress(): ExportProgress {
    return snapshot(this.#cfg.counters, this.#startedAt === 0 ? 0 : this.#cfg.now() - this.#startedAt);
  }

  /** The loop of `for await (... of run)`; ExportRun makes sure it runs once. */
  async *iterate(): AsyncGenerator<ExportRecord<T>, void, undefined> {
    const { signal } = this.#cfg;
    const unlink = onAbort(signal, (reason) =>
      this.#fail(new APIUserAbortError("The export was aborted", { cause: reason })),
    );
    this.#startedAt = this.#cfg.now();
    try {
      this.#replan();
      this.#emit({ type: "planned" });
      for (;;) {
        if (this.#error !== undefined) throw this.#error;
        this.#pump();
        const page = this.#queue.shift();
        if (page === undefined) {
          if (this.#live.every((l) => l.s.done)) break;
          if (this.#inflight === 0)
            throw new HotmartError("The export stalled: no shard can progress (a bug)");
          // The loop waits for the network with the budget full: let one more page be fetched ahead.
          if (this.#held() >= this.#budget) {
            this.#budget = heldPagesBudget(this.#budget, "starved", this.#cfg.concurrency);
            this.#pump();
          }
          await new Promise<void>((resolve) => {
            this.#waiter = resolve;
          });
          continue;
        }
        this.#consuming = true;
        // Pages wait for the loop: fetching more ahead would only hold more memory.
        if (this.#queue.length >= 2)
          this.#budget = heldPagesBudget(this.#budget, "backlog", this.#cfg.concurrency);
        const { live, items } = page;
        const status = live.s.status;
        // Each record handed over gives its share of the page's bytes back to the budget.
        const share = items.length > page.skip ? Math.floor(page.bytes / (items.length - page.skip)) : 0;
        for (let i = page.skip; i < items.length; i++) {
          if (this.#error !== undefined) throw this.#error;
          if (i === items.length - 1) this.#pageConsumed(page);
          else setCursor(live.s, page.token, i + 1);
          this.#cfg.counters.records++;
          const record = items[i] as T;
          // The page keeps no record the loop has had: it can be collected as the loop goes.
          items[i] = undefined;
          this.#release(page, share);
          yield { record, status, shard: live.s.id };
        }
        if (page.skip >= items.length) this.#pageConsumed(page);
        this.#release(page, page.bytes);
        this.#consuming = false;
        live.buffered--;
        if (live.s.done) {
          this.#recount();
          this.#emit({ type: "shard-done", shard: live.s.id });
        }
      }
      this.#emit({ type: "done" });
    } finally {
      unlink();
      this.#stop();
    }
  }

  /** Bytes of a page the loop has taken (or that was dropped) leave the held figure. */
  #release(page: Fetched, bytes: number): void {
    const n = Math.min(bytes, page.bytes);
    page.bytes -= n;
    this.#cfg.counters.heldBytes = Math.max(0, this.#cfg.counters.heldBytes - n);
  }

  /** The loop has received the whole page: its shard goes on at the next page, or is done. */
  #pageConsumed(page: Fetched): void {
    if (page.next !== undefined) setCursor(page.live.s, page.next, 0);
    else {
      setCursor(page.live.s, undefined, 0);
      page.live.s.done = true;
    }
  }

  // --- scheduling ---

  /**
   * Starts requests while workers are free: the first cells' first pages before anything (they find the
   * work, so they may use twice the workers: the plan is ready one round trip after the start), then the
   * longest walks.
   */
  #pump(): void {
    while (
      !this.#stopped &&
      this.#state.shardSize === undefined &&
      this.#probing < this.#cfg.concurrency * 2
    ) {
      const cell = this.#live.find((l) => !l.busy && this.#unsized(l));
      if (!cell) break;
      this.#probing++;
      this.#inflightPages++;
      this.#start(
        cell,
        this.#fetchPage(cell, true).finally(() => this.#inflightPages--),
      );
    }
    while (!this.#stopped && this.#inflight < this.#cfg.concurrency) {
      const walk = this.#nextWalk();
      if (!walk) return;
      this.#inflightPages++;
      this.#start(
        walk,
        this.#fetchPage(walk, false).finally(() => this.#inflightPages--),
      );
    }
  }

  /** A counted shard whose size is not known yet: its first page will tell. */
  #unsized(l: Live): boolean {
    return (
      this.#cfg.spec.counts && this.#cfg.spec.shardable && !l.s.done && l.s.count === undefined && !l.started
    );
  }

  #walkable(l: Live): boolean {
    if (l.busy || l.s.done || l.exhausted || l.stash !== undefined) return false;
    if (this.#cfg.spec.counts && this.#cfg.spec.shardable && !l.started) {
      // Nothing but the first cells goes out before the plan is fixed ...
      if (this.#state.shardSize === undefined) return false;
      // ... and counted shards wait for the first pages in flight, whose answers may merge them.
      if (l.s.count !== undefined && this.#probing > 0) return false;
    }
    return l.buffered < 2; // the page the loop is on, and one ahead at most
  }

  /** Pages in memory or on their way: waiting for the loop, being consumed, in flight. */
  #held(): number {
    return this.#queue.length + (this.#consuming ? 1 : 0) + this.#inflightPages;
  }

  #nextWalk(): Live | undefined {
    // Pages in memory: enough for every worker plus the page the loop is on and the next while the
    // network is the slow side; fewer when the loop is, where more would only grow memory.
    if (this.#held() >= this.#budget) return undefined;
    // Large records: the bytes waiting for the loop bound what is fetched, whatever the page count.
    if (!fitsHeldBytes(this.#cfg.counters.heldBytes, this.#held())) return undefined;
    let best: Live | undefined;
    let bestLeft = -1;
    for (const l of this.#live) {
      if (!this.#walkable(l)) continue;
      const expected = l.s.count ?? l.estimate ?? this.#state.pageSize;
      const left = expected - l.fetched;
      // Any walkable shard beats none: one that outgrew its guess (no count, one page assumed; or
      // records added since it was counted) still has pages, and skipped it would stall the run.
      if (best === undefined || left > bestLeft) {
        best = l;
        bestLeft = left;
      }
    }
    return best;
  }

  #start(live: Live, task: Promise<void>): void {
    live.busy = true;
    this.#inflight++;
    task.then(
      () => {
        live.busy = false;
        this.#inflight--;
        // Keep the workers busy while the loop is still on an earlier record.
        this.#pump();
        this.#wake();
      },
      (error: unknown) => {
        live.busy = false;
        this.#inflight--;
        if (!this.#stopped) this.#fail(error);
      },
    );
  }

  #query(s: ExportShard, extra: Record<string, unknown>): Record<string, unknown> {
    const { spec } = this.#cfg;
    const q: Record<string, unknown> = { ...this.#state.params, ...extra };
    // As Dates: the list's check reads a bare number below 1e11 as epoch seconds, and a range may
    // start in 1970 (the same epoch ms on the wire).
    if (spec.shardable || this.#state.sendFrom) q[spec.fromParam] = new Date(s.from);
    if (spec.toParam) q[spec.toParam] = new Date(s.to);
    if (s.status !== null) q.transaction_status = s.status;
    return q;
  }

  #options(signal: AbortSignal): RequestOptions {
    const counters = this.#cfg.counters;
    return {
      ...this.#cfg.requestOptions,
      signal,
      onRetry: (info: RetryInfo) => {
        counters.retries++;
        if (info.status === 429) counters.rateLimited++;
        this.#emit({ type: "retry", status: info.status });
      },
    };
  }

  #list(s: ExportShard, extra: Record<string, unknown>) {
    const { client } = this.#cfg;
    const controller = new AbortController();
    this.#requests.add(controller);
    const page = LIST_CALLS[this.#state.resource](
      client,
      this.#query(s, extra),
      this.#options(controller.signal),
      this.#state.eventId,
    );
    return Promise.resolve(page).finally(() => this.#requests.delete(controller));
  }

  /**
   * Fixes the shard size once every first cell is counted; then keeps the first page of each counted
   * shard of about the planned size, and splits each one that is too big (dropping its page).
   */
  #replan(): void {
    const { spec, concurrency } = this.#cfg;
    if (spec.counts && spec.shardable) {
      if (this.#state.shardSize === undefined) {
        if (this.#live.some((l) => this.#unsized(l))) {
          this.#recount();
          return;
        }
        const total = this.#live.reduce((sum, l) => sum + (l.s.count ?? 0), 0);
        this.#state.shardSize = this.#cfg.shardSize ?? shardSize(total, concurrency, this.#state.pageSize);
      }
      const limit = this.#state.shardSize;
      const next: Live[] = [];
      for (const l of this.#live) {
        const { s } = l;
        let parts =
          l.started || s.done || s.count === undefined ? 1 : splitParts(s.count, limit, s.from, s.to);
        const stash = l.stash;
        if (stash !== undefined) {
          // Its first page is here: walking on from it beats dropping it unless the shard is far too big.
          if (parts > 1 && keepsFirstPage(s.count as number, limit)) parts = 1;
          l.stash = undefined;
          if (parts === 1) this.#enqueue(stash);
          else this.#cfg.counters.probes++;
        }
        if (parts === 1) {
          next.push(l);
          continue;
        }
        const split: Split = { count: s.count as number, counted: 0 };
        for (const [from, to] of splitRange(s.from, s.to, parts)) {
          next.push({
            split,
            s: { id: this.#state.nextId++, status: s.status, from, to, skip: 0, done: false },
            fetchToken: undefined,
            started: false,
            exhausted: false,
            busy: false,
            buffered: 0,
            fetched: 0,
            resumeSkip: 0,
            estimate: (s.count as number) / parts,
            stash: undefined,
          });
        }
      }
      this.#live = this.#probing > 0 ? next : merge(next, limit);
    }
    this.#recount();
  }

  #recount(): void {
    const c = this.#cfg.counters;
    c.shardsPlanned = this.#live.length;
    c.shardsDone = this.#live.filter((l) => l.s.done).length;
    let total = 0;
    // The parts of a split not counted yet share what their parent's count leaves, not an equal share
    // each: records cluster in time, and equal shares swung the total (and the ETA) far off the count.
    const splits = new Set<Split>();
    for (const l of this.#live) {
      if (l.s.count === undefined && l.split !== undefined) {
        splits.add(l.split);
        continue;
      }
      const n = l.s.count ?? l.estimate;
      if (n === undefined) {
        c.estimatedTotal = undefined;
        return;
      }
      total += n;
    }
    for (const split of splits) total += Math.max(0, split.count - split.counted);
    c.estimatedTotal = Math.round(total);
  }

  /**
   * Fetches the next page of a shard. The first page of a shard whose size is not known sizes it: with
   * the plan not fixed yet it is held (#replan keeps or drops it); after, it is kept unless the shard
   * proves far denser than planned, which is then split in its place.
   */
  async #fetchPage(live: Live, probing: boolean): Promise<void> {
    const token = live.fetchToken;
    let page: Page<unknown>;
    try {
      page = await this.#list(live.s, {
        max_results: this.#state.pageSize,
        ...(token === undefined ? {} : { page_token: token }),
      });
    } finally {
      if (probing) this.#probing--;
    }
    if (this.#stopped) return;
    const next = page.nextPageToken();
    const fetched: Fetched = { live, token, items: page.items, next, skip: live.resumeSkip, bytes: 0 };
    const total = page.page_info.total_results;
    if (this.#unsized(live)) {
      // No count after all: walk it as it is.
      const count = typeof total === "number" && total >= 0 ? total : undefined;
      if (count === undefined) {
        this.#enqueue(fetched);
        return;
      }
      live.s.count = count;
      if (live.split !== undefined) live.split.counted += count;
      if (page.items.length === 0 && next === undefined) {
        // Empty: done without a page. Marked started, so no merge folds it into a neighbour.
        live.started = true;
        live.s.done = true;
        this.#recount();
        this.#emit({ type: "shard-done", shard: live.s.id });
      } else if (next === undefined || this.#holdsPlan(live, count)) {
        // The whole shard in one page, or a shard of the planned size: the page is its first.
        this.#enqueue(fetched);
      } else if (this.#state.shardSize === undefined) {
        live.stash = fetched;
      } else {
        // Far denser than planned: #replan cuts it; its parts fetch these records again.
        this.#cfg.counters.probes++;
      }
      this.#replan();
      this.#emit({ type: "planned" });
      return;
    }
    // Lists walked without sizing learn their size from their first page.
    if (live.s.count === undefined && token === undefined && typeof total === "number") {
      live.s.count = total;
      this.#recount();
    }
    this.#enqueue(fetched);
  }

  /** Whether a shard just counted is walked as it is (the plan is fixed, and it is not far too big). */
  #holdsPlan(live: Live, count: number): boolean {
    const limit = this.#state.shardSize;
    if (limit === undefined) return false;
    return splitParts(count, limit, live.s.from, live.s.to) === 1 || keepsFirstPage(count, limit);
  }

  /** Hands a fetched page to the loop's queue; the shard walks on from it. */
  #enqueue(fetched: Fetched): void {
    const { live, items, next } = fetched;
    live.started = true;
    live.fetched += items.length;
    live.fetchToken = next;
    live.exhausted = next === undefined;
    live.buffered++;
    fetched.bytes = estimatePageBytes(items);
    this.#cfg.counters.heldBytes += fetched.bytes;
    this.#queue.push(fetched);
    live.resumeSkip = 0;
    this.#cfg.counters.pages++;
    this.#emit({ type: "page", shard: live.s.id });
  }

  // --- plumbing ---

  #emit(event: Omit<ExportEvent, "progress">): void {
    const listener = this.#cfg.onProgress;
    if (!listener) return;
    try {
      listener({ ...event, progress: this.progress() } as ExportEvent);
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    if (this.#error === undefined) this.#error = error;
    this.#stop();
    this.#wake();
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    const reason = new APIUserAbortError("The export stopped");
    for (const controller of this.#requests) controller.abort(reason);
    this.#requests.clear();
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }
}

/**
 * Joins neighbouring counted shards that have not started while their records fit in one shard, so the
 * equal-width cells of a split (many nearly empty where sales are sparse) become few shards of about the
 * planned size. Neighbours share a boundary (one ends 1 ms before the next starts), so the joined range
 * covers exactly what they covered.
 */
function merge(shards: Live[], limit: number): Live[] {
  const out: Live[] = [];
  // A done shard never joins another: after a resume its records are with the caller already.
  const idle = (l: Live) => l.s.count !== undefined && !l.s.done && !l.started && !l.busy && l.buffered === 0;
  for (const l of shards) {
    const prev = out.at(-1);
    if (
      prev &&
      idle(prev) &&
      idle(l) &&
      prev.s.status === l.s.status &&
      prev.s.to + 1 === l.s.from &&
      (prev.s.count as number) + (l.s.count as number) <= limit
    ) {
      prev.s.to = l.s.to;
      prev.s.count = (prev.s.count as number) + (l.s.count as number);
      continue;
    }
    out.push(l);
  }
  return out;
}

function setCursor(s: ExportShard, token: string | undefined, skip: number): void {
  if (token === undefined) delete s.token;
  else s.token = token;
  s.skip = skip;
}

/**
 * Refuses, before any request, a param the export sets itself (its types leave these out; JavaScript
 * and data read from a file do not): each walk's own value would replace it or be replaced by it, so
 * `params.transaction_status` would walk one status while every record said it came from the default
 * walk, and `params.start_date` would be overwritten by each shard's bounds.
 */
function refuseManagedParams(spec: ResourceSpec, params: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(params)) {
    const instead =
      key === spec.fromParam || key === spec.toParam
        ? "pass the date range as from and to"
        : key === "transaction_status" && spec.statuses
          ? 'choose it with statuses: a list, or "all"'
          : key === "max_results"
            ? "set the page size with pageSize"
            : key === "page_token"
              ? "continue an export with resume and its checkpoint"
              : undefined;
    if (instead) throw new HotmartInputError(`params.${key} is set by the export itself: ${instead}`);
  }
}
