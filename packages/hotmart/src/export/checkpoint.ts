/**
 * The resumable state of an export, as plain JSON: the query, the plan (shards), each shard's cursor,
 * and what is done. `JSON.stringify` it after any record; pass it back as `resume` to go on.
 */
import { HotmartInputError } from "../core/errors";
import type { ExportResource } from "./resources";
import { RESOURCES } from "./resources";

/**
 * One slice of an export: one `transaction_status` walk over one date range, with where the caller's
 * loop is in it. Part of an {@link ExportCheckpoint}.
 */
export interface ExportShard {
  /** The shard's number, unique within its export; {@link ExportRecord.shard} and progress events name it. */
  id: number;
  /** The `transaction_status` of this shard's walk; null walks the API default (APPROVED + COMPLETE). */
  status: string | null;
  /** Inclusive bounds, epoch ms. */
  from: number;
  /** Inclusive upper bound, epoch ms; the next shard of the same walk starts 1 ms later. */
  to: number;
  /** `page_info.total_results` from its first page; absent until then (or for lists without counts). */
  count?: number;
  /** Cursor of the page being consumed; absent: the shard's first page. */
  token?: string;
  /** Records of that page the caller has already received. */
  skip: number;
  /** True once the caller's loop has received every record of the shard; a resume skips it. */
  done: boolean;
}

/**
 * Where an export stands, from `run.checkpoint()`: plain JSON to save anywhere (a file, a database row)
 * and pass back as `resume` to receive exactly the records not received yet. Treat it as opaque.
 *
 * @example
 * const run = hotmart.export.run("sales.history", { resume: JSON.parse(saved) });
 * for await (const { record } of run) {
 *   await store(record);
 *   saved = JSON.stringify(run.checkpoint());
 * }
 */
export interface ExportCheckpoint {
  /** The format of this checkpoint; `resume` refuses any other version. */
  version: 1;
  /** The list exported, e.g. `"sales.history"`; resuming it with another list is refused. */
  resource: ExportResource;
  /** The caller's filters, sent with every request. */
  params: Record<string, unknown>;
  /** The event of an `"events.tickets"` export (its ETICKET product id); absent for other lists. */
  eventId?: number | string;
  /** Inclusive bounds of the whole export, epoch ms. */
  from: number;
  /** Inclusive upper bound of the whole export, epoch ms (by default the moment the export started). */
  to: number;
  /** Whether `from` is sent (lists with only a lower bound send it only when the caller gave one). */
  sendFrom: boolean;
  /** The `transaction_status` walks, one per entry; `null` is the walk without that filter. */
  statuses: Array<string | null>;
  /** Records per request (`max_results`), from 1 to the endpoint's maximum (500). */
  pageSize: number;
  /** Records per shard above which a counted shard is split; set once the totals are known. */
  shardSize?: number;
  /** The plan: every shard with its cursor. A split shard is replaced by its parts. */
  shards: ExportShard[];
  /** The id the next shard cut from a split gets (ids are never reused). */
  nextId: number;
  /** Records the caller has received so far (for progress after a resume). */
  records: number;
}

/** Refuses anything that is not a checkpoint this version wrote, before a request is sent. */
export function checkCheckpoint(value: unknown, resource: ExportResource): ExportCheckpoint {
  const bad = (why: string) =>
    new HotmartInputError(
      `resume is not a usable export checkpoint (${why}): pass what checkpoint() returned`,
    );
  if (typeof value !== "object" || value === null) throw bad("not an object");
  const c = value as Partial<ExportCheckpoint>;
  if (c.version !== 1) throw bad(`version ${String(c.version)}`);
  if (typeof c.resource !== "string" || !Object.hasOwn(RESOURCES, c.resource)) throw bad("unknown resource");
  if (c.resource !== resource) {
    throw new HotmartInputError(
      `resume holds a checkpoint of "${c.resource}", not "${resource}": export the same list to resume it`,
    );
  }
  if (!Array.isArray(c.shards) || !Array.isArray(c.statuses)) throw bad("no shards");
  if (!Number.isSafeInteger(c.from) || !Number.isSafeInteger(c.to)) throw bad("no range");
  for (const s of c.shards) {
    if (
      typeof s !== "object" ||
      s === null ||
      !Number.isSafeInteger(s.from) ||
      !Number.isSafeInteger(s.to) ||
      !Number.isSafeInteger(s.skip) ||
      s.skip < 0 ||
      typeof s.done !== "boolean"
    ) {
      throw bad("a malformed shard");
    }
  }
  return structuredClone(c as ExportCheckpoint);
}
