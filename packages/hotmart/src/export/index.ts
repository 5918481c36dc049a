/**
 * `client.export`: every record of a list over a date range, fast (count-balanced shards walked
 * concurrently), for every status in one call, resumable from a JSON checkpoint and observable.
 *
 *   const run = client.export.run("sales.history", { from: new Date("2025-01-01"), statuses: "all" });
 *   for await (const { record, status } of run) { write(record, status); save(run.checkpoint()); }
 */
import type { Hotmart } from "../client";
import { HotmartInputError } from "../core/errors";
import type { DateParam, RequestOptions } from "../core/types";
import { show } from "../internal/show";
import { checkCheckpoint, type ExportCheckpoint } from "./checkpoint";
import { ExportRun } from "./export-run";
import { DEFAULT_CONCURRENCY, EARLIEST_DATE, initialShards } from "./first-shards";
import { type ExportEvent, newCounters } from "./progress";
import { type ExportResource, type ExportResourceMap, RESOURCES } from "./resources";

export type { ExportCheckpoint, ExportShard } from "./checkpoint";
export { ExportRun } from "./export-run";
export { EARLIEST_DATE } from "./first-shards";
export type { ExportEvent, ExportEventType, ExportProgress } from "./progress";
export {
  type ExportManagedParam,
  type ExportPriceDetailsStatus,
  type ExportResource,
  type ExportResourceMap,
  type ExportSalesStatus,
  PRICE_DETAILS_STATUS_VALUES,
  SALES_STATUS_VALUES,
} from "./resources";
export type { ExportRecord } from "./run";

/**
 * Options of `client.export.run(resource, options)`. `P` is the list's own filters, without those the
 * export sets itself (paging, date bounds, `transaction_status`); `S`, the values `statuses` takes
 * (`never` for a list without a `transaction_status` filter, which then takes no `statuses`).
 */
export interface ExportOptions<P = Record<string, unknown>, S extends string = string> {
  /** Inclusive start (epoch ms or Date). Default 2010-01-01 (`EARLIEST_DATE`). */
  from?: DateParam | undefined;
  /**
   * Inclusive end (epoch ms or Date). Default: now, fixed when the export starts. A date alone is its
   * first millisecond: `new Date("2025-12-31")` ends the export at 00:00 UTC of the 31st and leaves that
   * day out; for the whole day pass `Date.UTC(2025, 11, 31, 23, 59, 59, 999)`. (`hotmart export --to
   * 2025-12-31` means the whole day.)
   */
  to?: DateParam | undefined;
  /** The list's other filters (product_id, buyer_email, ...), sent with every request. */
  params?: P | undefined;
  /** The event, for "events.tickets". */
  eventId?: number | string | undefined;
  /**
   * `transaction_status` walks: "all" (every value the filter accepts), or a list of those values (any
   * other throws HotmartInputError before a request, rather than a 400 between two walks). Default: one
   * walk with no status, which Hotmart answers with APPROVED and COMPLETE only.
   */
  statuses?: ([S] extends [never] ? never : "all" | readonly S[]) | undefined;
  /** Requests in flight at once (default 16). The client's rate limiter still paces them. */
  concurrency?: number | undefined;
  /** Records per page (default and maximum: the endpoint's, 500). */
  pageSize?: number | undefined;
  /** Records per shard before it is split (default: sized from the counted totals). */
  shardSize?: number | undefined;
  /** A checkpoint from `run.checkpoint()`: goes on where it stopped; the query comes from it. */
  resume?: ExportCheckpoint | undefined;
  /** Stops the export: the loop throws APIUserAbortError; the checkpoint stays valid. */
  signal?: AbortSignal | undefined;
  /** Called with every {@link ExportEvent} (planned, page, shard done, retry, done); a throw stops it. */
  onProgress?: ((event: ExportEvent) => void) | undefined;
  /** Per-request options for every request of the export (timeout, maxRetries, headers, validate). */
  requestOptions?: Omit<RequestOptions, "signal" | "onRetry" | "query"> | undefined;
  /** The clock for rate and ETA (tests). */
  now?: (() => number) | undefined;
}

/**
 * What `client.export.run(resource, options)` takes for `K`: its filters and statuses, and for
 * "events.tickets" the event (`eventId`), or a checkpoint to resume, which names it.
 */
export type ExportRunOptions<K extends ExportResource> = ExportOptions<
  ExportResourceMap[K]["params"],
  ExportResourceMap[K]["status"]
> &
  (K extends "events.tickets" ? { eventId: number | string } | { resume: ExportCheckpoint } : unknown);

/** One list `client.export.run()` can export, as `client.export.resources` describes it. */
export interface ExportResourceInfo {
  /** The name to pass to `run()`, e.g. `"sales.history"` (the SDK method that walks it). */
  name: ExportResource;
  /** One line for help texts: what a record is and which date the bounds apply to. */
  description: string;
  /** Query parameters of the inclusive date bounds. */
  fromParam: string;
  /** Query parameter of the inclusive upper bound, e.g. `end_date`; undefined when the list has none. */
  toParam: string | undefined;
  /**
   * Whether the range is cut into shards walked concurrently; false for the sales summary (totals per
   * currency) and for event tickets (no upper date bound), which are walked in one piece.
   */
  shardable: boolean;
  /** Values `statuses: "all"` walks; empty when the list has no transaction_status filter. */
  statuses: readonly string[];
}

/**
 * `client.export`: every record of a list over a date range, walked fast (shards fetched concurrently
 * through the client's limiter and retries), for every `transaction_status` in one call, resumable from
 * a JSON checkpoint.
 *
 * @example
 * const run = hotmart.export.run("sales.history", { from: new Date("2025-01-01"), statuses: "all" });
 * for await (const { record, status } of run) {
 *   console.log(status, record.purchase.transaction);
 * }
 */
export class Export {
  readonly #client: Hotmart;

  constructor(client: Hotmart) {
    this.#client = client;
  }

  /** The lists `run` can export, for help texts and tool schemas. */
  get resources(): ExportResourceInfo[] {
    return Object.entries(RESOURCES).map(([name, r]) => ({
      name: name as ExportResource,
      description: r.description,
      fromParam: r.fromParam,
      toParam: r.toParam,
      shardable: r.shardable,
      statuses: r.statuses ?? [],
    }));
  }

  /**
   * Exports every record of `resource`. Nothing is sent until the run is iterated; bad options throw
   * HotmartInputError here, before any request.
   */
  run<K extends ExportResource>(
    resource: K,
    // Options are required where a list needs one ("events.tickets": its event), optional elsewhere.
    ...[options = {}]: K extends "events.tickets"
      ? [options: ExportRunOptions<K>]
      : [options?: ExportRunOptions<K>]
  ): ExportRun<ExportResourceMap[K]["item"]> {
    // Own keys only: "constructor" or "toString" must be refused here, not fail later with a stranger message.
    const spec = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
    if (!spec) {
      throw new HotmartInputError(
        `Unknown export resource ${show(resource)}: use one of ${Object.keys(RESOURCES).join(", ")}`,
      );
    }
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new HotmartInputError(
        `concurrency must be a whole number from 1 to 64 (got ${show(concurrency)})`,
      );
    }
    const shardSize = options.shardSize;
    if (shardSize !== undefined && (!Number.isSafeInteger(shardSize) || shardSize < 1)) {
      throw new HotmartInputError(`shardSize must be a positive whole number (got ${show(shardSize)})`);
    }
    const state = options.resume ? checkCheckpoint(options.resume, resource) : newState(resource, options);
    if (state.resource === "events.tickets" && state.eventId === undefined) {
      throw new HotmartInputError(
        'eventId is required to export "events.tickets": pass the event\'s product id',
      );
    }
    const counters = newCounters();
    counters.shardsDone = state.shards.filter((s) => s.done).length;
    return new ExportRun<ExportResourceMap[K]["item"]>({
      client: this.#client,
      spec,
      state,
      concurrency,
      shardSize,
      signal: options.signal,
      onProgress: options.onProgress,
      requestOptions: { ...options.requestOptions },
      now: options.now ?? Date.now,
      counters,
    });
  }
}

function newState(resource: ExportResource, options: ExportOptions<unknown>): ExportCheckpoint {
  const spec = RESOURCES[resource];
  const from = date("from", options.from) ?? EARLIEST_DATE;
  const to = date("to", options.to) ?? Date.now();
  if (from > to) {
    throw new HotmartInputError(
      `from (${new Date(from).toISOString()}) is after to (${new Date(to).toISOString()})`,
    );
  }
  const pageSize = options.pageSize ?? spec.maxPageSize;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > spec.maxPageSize) {
    throw new HotmartInputError(
      `pageSize must be a whole number from 1 to ${spec.maxPageSize} (got ${show(pageSize)})`,
    );
  }
  const params = options.params ?? {};
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new HotmartInputError(`params must be an object of filters (got ${show(params)})`);
  }
  const statuses = walkStatuses(resource, options.statuses);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const shards = initialShards(statuses, from, to, { ...spec, concurrency });
  return {
    version: 1,
    resource,
    params: { ...(params as Record<string, unknown>) },
    ...(options.eventId === undefined ? {} : { eventId: options.eventId }),
    from,
    to,
    sendFrom: spec.toParam !== undefined || options.from !== undefined,
    statuses,
    pageSize,
    shards,
    nextId: shards.length,
    records: 0,
  };
}

function walkStatuses(resource: ExportResource, statuses: ExportOptions["statuses"]): Array<string | null> {
  if (statuses === undefined) return [null];
  const accepted = RESOURCES[resource].statuses;
  if (!accepted) {
    throw new HotmartInputError(`"${resource}" has no transaction_status filter: leave statuses out`);
  }
  if (statuses === "all") return [...accepted];
  if (!Array.isArray(statuses) || statuses.length === 0) {
    throw new HotmartInputError(
      `statuses must be "all" or a non-empty list such as ["APPROVED", "REFUNDED"]`,
    );
  }
  const out: string[] = [];
  for (const value of statuses) {
    if (typeof value !== "string" || value.trim() === "") {
      throw new HotmartInputError(`statuses must hold status names (got ${show(value)})`);
    }
    // One spelling per status: walking both would return the same sales twice.
    const status = value.trim() === "UNDER_ANALYSIS" ? "UNDER_ANALISYS" : value.trim();
    // Checked here, not by Hotmart: its 400 would come when this status's walk starts, after the
    // records of the walks before it were handed over, and a resume would meet the same 400.
    if (!accepted.includes(status)) throw new HotmartInputError(unknownStatus(resource, value, accepted));
    if (!out.includes(status)) out.push(status);
  }
  return out;
}

function unknownStatus(resource: ExportResource, value: string, accepted: readonly string[]): string {
  const upper = value.trim().toUpperCase();
  const hint = accepted.includes(upper) ? `did you mean "${upper}"? ` : "";
  return `statuses: ${show(value)} is not a transaction_status ${resource} takes: ${hint}use "all" or some of ${accepted.join(", ")}`;
}

function date(name: string, value: DateParam | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : value;
  // A fraction, a date before 1970 or past a Date's range (8.64e15): each is Hotmart's 400.
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms < 0 || ms > 8.64e15) {
    throw new HotmartInputError(
      `${name} must be a Date or whole epoch milliseconds from 1970 on (got ${show(value)})`,
    );
  }
  // Only a bare number can be seconds: a Date (1970 to early 1973 included) is the date it says.
  if (typeof value === "number" && ms < 1e11) {
    throw new HotmartInputError(
      `${name} looks like epoch seconds (${ms}): Hotmart takes epoch milliseconds, e.g. ${ms * 1000}`,
    );
  }
  return ms;
}
