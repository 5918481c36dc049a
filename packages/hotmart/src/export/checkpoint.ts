/**
 * The resumable state of an export, as plain JSON: the query, the plan (shards), each shard's cursor,
 * and what is done. `JSON.stringify` it after any record; pass it back as `resume` to go on.
 */
import { HotmartInputError } from "../core/errors";
import type { ExportResource } from "./resources";
import { RESOURCES } from "./resources";

export interface ExportShard {
  id: number;
  /** The `transaction_status` of this shard's walk; null walks the API default (APPROVED + COMPLETE). */
  status: string | null;
  /** Inclusive bounds, epoch ms. */
  from: number;
  to: number;
  /** `page_info.total_results` from its first page; absent until then (or for lists without counts). */
  count?: number;
  /** Cursor of the page being consumed; absent: the shard's first page. */
  token?: string;
  /** Records of that page the caller has already received. */
  skip: number;
  done: boolean;
}

export interface ExportCheckpoint {
  version: 1;
  resource: ExportResource;
  /** The caller's filters, sent with every request. */
  params: Record<string, unknown>;
  eventId?: number | string;
  /** Inclusive bounds of the whole export, epoch ms. */
  from: number;
  to: number;
  /** Whether `from` is sent (lists with only a lower bound send it only when the caller gave one). */
  sendFrom: boolean;
  statuses: Array<string | null>;
  pageSize: number;
  /** Records per shard above which a counted shard is split; set once the totals are known. */
  shardSize?: number;
  shards: ExportShard[];
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
  if (typeof c.resource !== "string" || !(c.resource in RESOURCES)) throw bad("unknown resource");
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
