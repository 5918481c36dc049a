/**
 * The export engine behind `ExportRun` (run.ts), loaded on the first iteration of a run: it probes shard
 * sizes, walks the shards concurrently through the client's list methods (and so its limiter, retries and
 * token), and hands the records to one `for await` loop, each exactly once.
 *
 * Every shard keeps two cursors: where its fetching is (private) and where the caller's loop is (in the
 * checkpoint). Pages fetched but not yet handed over are simply fetched again after a resume, which is
 * what makes "resume yields exactly the records not yet received" hold whatever was in flight.
 */
import { APIUserAbortError, HotmartError } from "../core/errors";
import type { Page } from "../core/pagination";
import type { RequestOptions, RetryInfo } from "../core/types";
import type { ExportCheckpoint, ExportShard } from "./checkpoint";
import { shardSize, splitParts, splitRange } from "./plan";
import { type ExportEvent, type ExportProgress, snapshot } from "./progress";
import type { ExportRecord, RunSettings } from "./run";

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
  /** Expected records before the probe answers (a share of the parent's count). */
  estimate: number | undefined;
}

interface Fetched {
  live: Live;
  token: string | undefined;
  items: unknown[];
  next: string | undefined;
  skip: number;
}

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
  #probing = 0;
  #consuming = false;
  #error: unknown;
  #stopped = false;
  #waiter: (() => void) | undefined;
  #startedAt = 0;

  constructor(settings: RunSettings) {
    this.#cfg = settings;
    this.#state = settings.state;
    this.#live = this.#state.shards.map((s) => ({
      s,
      fetchToken: s.token,
      started: s.token !== undefined,
      exhausted: false,
      busy: false,
      buffered: 0,
      fetched: 0,
      resumeSkip: s.skip,
      estimate: undefined,
    }));
  }

  /** See ExportRun.checkpoint(). */
  checkpoint(): ExportCheckpoint {
    return structuredClone({
      ...this.#state,
      shards: this.#live.map((l) => l.s),
      records: this.#cfg.counters.records,
    });
  }

  progress(): ExportProgress {
    return snapshot(this.#cfg.counters, this.#startedAt === 0 ? 0 : this.#cfg.now() - this.#startedAt);
  }

  /** The loop of `for await (... of run)`; ExportRun makes sure it runs once. */
  async *iterate(): AsyncGenerator<ExportRecord<T>, void, undefined> {
    const { signal } = this.#cfg;
    const onAbort = () =>
      this.#fail(new APIUserAbortError("The export was aborted", { cause: signal?.reason }));
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
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
          await new Promise<void>((resolve) => {
            this.#waiter = resolve;
          });
          continue;
        }
        this.#consuming = true;
        const { live, items } = page;
        const status = live.s.status;
        for (let i = page.skip; i < items.length; i++) {
          if (this.#error !== undefined) throw this.#error;
          if (i === items.length - 1) this.#pageConsumed(page);
          else setCursor(live.s, page.token, i + 1);
          this.#cfg.counters.records++;
          yield { record: items[i] as T, status, shard: live.s.id };
        }
        if (page.skip >= items.length) this.#pageConsumed(page);
        this.#consuming = false;
        live.buffered--;
        if (live.s.done) {
          this.#recount();
          this.#emit({ type: "shard-done", shard: live.s.id });
        }
      }
      this.#emit({ type: "done" });
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.#stop();
    }
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

  /** Starts requests while workers are free: probes first (they find the work), then the longest walks. */
  #pump(): void {
    // Probes ask for one record each, so they may use twice the workers: the plan is ready sooner.
    while (!this.#stopped && this.#probing < this.#cfg.concurrency * 2) {
      const probe = this.#live.find((l) => !l.busy && this.#needsProbe(l));
      if (!probe) break;
      this.#probing++;
      this.#start(probe, this.#probe(probe));
    }
    while (!this.#stopped && this.#inflight < this.#cfg.concurrency) {
      const walk = this.#nextWalk();
      if (!walk) return;
      this.#inflightPages++;
      this.#start(
        walk,
        this.#fetchPage(walk).finally(() => this.#inflightPages--),
      );
    }
  }

  #needsProbe(l: Live): boolean {
    return (
      this.#cfg.spec.counts && this.#cfg.spec.shardable && !l.s.done && l.s.count === undefined && !l.started
    );
  }

  #walkable(l: Live): boolean {
    if (l.busy || l.s.done || l.exhausted || this.#needsProbe(l)) return false;
    // Counted shards also wait for the probes in flight, whose answers may merge them with a neighbour.
    if (this.#cfg.spec.counts && this.#cfg.spec.shardable && !l.started) {
      if (this.#state.shardSize === undefined || this.#probing > 0) return false;
    }
    return l.buffered < 2; // the page the loop is on, and one ahead at most
  }

  #nextWalk(): Live | undefined {
    const held = this.#queue.length + (this.#consuming ? 1 : 0) + this.#inflightPages;
    // Pages in memory: enough for every worker plus the page the loop is on and the next; more would only
    // grow memory when the loop is the slower side.
    if (held >= this.#cfg.concurrency + 2) return undefined;
    let best: Live | undefined;
    let bestLeft = -1;
    for (const l of this.#live) {
      if (!this.#walkable(l)) continue;
      const expected = l.s.count ?? l.estimate ?? this.#state.pageSize;
      const left = expected - l.fetched;
      if (left > bestLeft) {
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
    if (spec.shardable || this.#state.sendFrom) q[spec.fromParam] = s.from;
    if (spec.toParam) q[spec.toParam] = s.to;
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
    const { client, spec } = this.#cfg;
    const controller = new AbortController();
    this.#requests.add(controller);
    const page = spec.list(
      client,
      this.#query(s, extra),
      this.#options(controller.signal),
      this.#state.eventId,
    );
    return Promise.resolve(page).finally(() => this.#requests.delete(controller));
  }

  async #probe(live: Live): Promise<void> {
    let page: Page<unknown>;
    try {
      page = await this.#list(live.s, { max_results: 1 });
    } finally {
      this.#probing--;
    }
    if (this.#stopped) return;
    this.#cfg.counters.probes++;
    const total = page.page_info.total_results;
    // No count after all: walk it as it is.
    live.s.count = typeof total === "number" && total >= 0 ? total : Number.NaN;
    if (Number.isNaN(live.s.count)) {
      delete live.s.count;
      live.started = true;
    } else if (live.s.count === 0) {
      live.s.done = true;
    }
    this.#replan();
    this.#emit({ type: "planned" });
  }

  /** Fixes the shard size once every root is counted, and splits each counted shard that is too big. */
  #replan(): void {
    const { spec, concurrency } = this.#cfg;
    if (spec.counts && spec.shardable) {
      if (this.#state.shardSize === undefined) {
        if (this.#live.some((l) => this.#needsProbe(l))) {
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
        const parts =
          l.started || s.done || s.count === undefined ? 1 : splitParts(s.count, limit, s.from, s.to);
        if (parts === 1) {
          next.push(l);
          continue;
        }
        for (const [from, to] of splitRange(s.from, s.to, parts)) {
          next.push({
            s: { id: this.#state.nextId++, status: s.status, from, to, skip: 0, done: false },
            fetchToken: undefined,
            started: false,
            exhausted: false,
            busy: false,
            buffered: 0,
            fetched: 0,
            resumeSkip: 0,
            estimate: (s.count as number) / parts,
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
    for (const l of this.#live) {
      const n = l.s.count ?? l.estimate;
      if (n === undefined) {
        c.estimatedTotal = undefined;
        return;
      }
      total += n;
    }
    c.estimatedTotal = Math.round(total);
  }

  async #fetchPage(live: Live): Promise<void> {
    const token = live.fetchToken;
    const page = await this.#list(live.s, {
      max_results: this.#state.pageSize,
      ...(token === undefined ? {} : { page_token: token }),
    });
    if (this.#stopped) return;
    live.started = true;
    const next = page.nextPageToken();
    const total = page.page_info.total_results;
    // Lists walked without a probe learn their size from their first page.
    if (live.s.count === undefined && token === undefined && typeof total === "number") {
      live.s.count = total;
      this.#recount();
    }
    live.fetched += page.items.length;
    live.fetchToken = next;
    live.exhausted = next === undefined;
    live.buffered++;
    this.#queue.push({ live, token, items: page.items, next, skip: live.resumeSkip });
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
  const idle = (l: Live) => l.s.count !== undefined && !l.started && !l.busy && l.buffered === 0;
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
      prev.s.done = prev.s.count === 0;
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
