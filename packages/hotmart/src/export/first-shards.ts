/**
 * The first shards of a new export, as pure functions: what `client.export.run()` plans before it
 * returns (its checkpoint answers at once). What the run decides as pages arrive is in plan.ts, which
 * loads with the run's engine on the first iteration, so an app that never exports carries only this.
 */
import type { ExportShard } from "./checkpoint";

/** 2010-01-01T00:00:00Z: before Hotmart's REST reports have data, and well above 1e11 (never mistaken for seconds). */
export const EARLIEST_DATE = Date.UTC(2010, 0, 1);

/**
 * Requests an export keeps in flight unless told otherwise. A page is mostly round trip, not CPU, and
 * the client's rate limiter keeps any number within Hotmart's 500 a minute (a long export is paced by
 * it whatever this is): against 8, 16 took the 20,000-sale benchmark at 300 ms from 3.1x to 4.3x the
 * sequential walk on the same machine and load (bench/export.mjs).
 */
export const DEFAULT_CONCURRENCY = 16;

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

/** First cells asked for at once at most, whatever the concurrency: each holds a full page until the plan is fixed. */
const MOST_FIRST_CELLS = 8;

/**
 * Cells each status's range starts cut into, for lists that count their results: one per worker in all,
 * asked for at once, so one round trip tells where the records are. More cells would tell it finer, but
 * each is a request, and over a default range (2010 to now) most would come back empty.
 */
export function firstCells(statuses: number, concurrency: number): number {
  return Math.max(1, Math.floor(Math.min(concurrency, MOST_FIRST_CELLS) / Math.max(1, statuses)));
}

/**
 * The first shards of each status walk: equal cells of the range (counted lists: their first pages size
 * them; lists without counts: walked as they are, so cut finer).
 */
export function initialShards(
  statuses: ReadonlyArray<string | null>,
  from: number,
  to: number,
  options: { shardable: boolean; counts: boolean; concurrency: number },
): ExportShard[] {
  const shards: ExportShard[] = [];
  for (const status of statuses) {
    const parts = !options.shardable
      ? 1
      : options.counts
        ? firstCells(statuses.length, options.concurrency)
        : options.concurrency * 4;
    for (const [start, end] of splitRange(from, to, parts)) {
      shards.push({ id: shards.length, status, from: start, to: end, skip: 0, done: false });
    }
  }
  return shards;
}
