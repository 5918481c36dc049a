/**
 * Shard planning as pure functions: how many records a shard may hold, where to cut a range, and the
 * first shards of a new export. The run (run.ts) only applies these decisions to probe results.
 */
import type { ExportShard } from "./checkpoint";

/** 2010-01-01T00:00:00Z: before Hotmart's REST reports have data, and well above 1e11 (never mistaken for seconds). */
export const EARLIEST_DATE = Date.UTC(2010, 0, 1);

/** Children one split makes at most: enough that an even spread needs one round of probes, no more. */
const MAX_SPLIT = 64;

/**
 * Records per shard. Each shard is a chain of sequential page requests, so the walk takes as long as the
 * longest chain: about two shards per worker keeps every worker busy to the end, and a whole number of
 * pages avoids a last page of a few rows.
 */
export function shardSize(total: number, concurrency: number, pageSize: number): number {
  const perShard = Math.ceil(total / (concurrency * 2));
  return Math.max(pageSize, Math.ceil(perShard / pageSize) * pageSize);
}

/**
 * Cuts the inclusive range [from, to] into `parts` contiguous, non-overlapping inclusive ranges of
 * (nearly) equal width that cover it exactly: each ends 1 ms before the next starts.
 */
export function splitRange(from: number, to: number, parts: number): Array<[number, number]> {
  const width = to - from + 1;
  const n = Math.max(1, Math.min(Math.floor(parts), width));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const start = from + Math.floor((width * i) / n);
    const end = from + Math.floor((width * (i + 1)) / n) - 1;
    out.push([start, end]);
  }
  return out;
}

/**
 * How many children a probed shard of `count` records should become, or 1 to walk it as it is. A
 * shard one ms wide cannot be cut further, whatever it holds.
 */
export function splitParts(count: number, limit: number, from: number, to: number): number {
  if (count <= limit || to <= from) return 1;
  // One extra part, so that an uneven spread rarely needs a second round of probes.
  return Math.min(MAX_SPLIT, Math.ceil(count / limit) + 1, to - from + 1);
}

/** One root shard per status walk; lists without counts start cut into equal widths instead. */
export function initialShards(
  statuses: ReadonlyArray<string | null>,
  from: number,
  to: number,
  options: { shardable: boolean; counts: boolean; concurrency: number },
): ExportShard[] {
  const shards: ExportShard[] = [];
  for (const status of statuses) {
    const parts = options.shardable && !options.counts ? options.concurrency * 4 : 1;
    for (const [start, end] of splitRange(from, to, parts)) {
      shards.push({ id: shards.length, status, from: start, to: end, skip: 0, done: false });
    }
  }
  return shards;
}
