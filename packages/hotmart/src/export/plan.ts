/**
 * Shard planning as pure functions: how many records a shard may hold, when to cut it, and how many
 * pages a run may hold. The run (run.ts) only applies these decisions to the counts that shards'
 * first pages bring. The first shards of a new export are planned in first-shards.ts, which
 * `client.export.run()` needs before it returns; this module loads with the run, on its first iteration.
 */
// Re-exported so this module still names every planning decision (its tests import them from here);
// the engine and client.export import first-shards.ts directly.
export {
  DEFAULT_CONCURRENCY,
  EARLIEST_DATE,
  firstCells,
  initialShards,
  splitRange,
} from "./first-shards";

/** Children one split makes at most: enough that an even spread needs one round of first pages, no more. */
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
 * How many children a counted shard of `count` records should become, or 1 to walk it as it is. A
 * shard one ms wide cannot be cut further, whatever it holds.
 */
export function splitParts(count: number, limit: number, from: number, to: number): number {
  if (count <= limit || to <= from) return 1;
  // One extra part, so that an uneven spread rarely needs a second round of first pages.
  return Math.min(MAX_SPLIT, Math.ceil(count / limit) + 1, to - from + 1);
}

/**
 * A shard counted by its first page is walked on from that page while it holds at most half again the
 * planned size: a chain a little longer than planned costs less than the round trip a split spends.
 */
export function keepsFirstPage(count: number, limit: number): boolean {
  return count <= limit * 1.5;
}

/**
 * Pages an export may hold (in flight, waiting for the loop, being consumed). Every worker's page plus
 * two while the loop waits for the network ("starved"); one less each time pages pile up behind a slower
 * loop ("backlog"), down to two (the page being consumed and the next, fetched or in flight: one page ahead): fetching further
 * ahead of a slow loop would not make it faster, only hold more memory.
 */
export function heldPagesBudget(current: number, signal: "starved" | "backlog", concurrency: number): number {
  const most = concurrency + 2;
  const least = Math.min(2, most);
  return signal === "starved" ? Math.min(most, current + 1) : Math.max(least, current - 1);
}

/**
 * Pages held before the loop has shown it keeps up. More workers than this only add pages once the loop
 * waits for the network with the budget full (heldPagesBudget): a loop slower than the network would
 * otherwise find every worker's full page piled up behind its first one, and the heap that burst grew
 * stays for the whole run.
 */
const FIRST_HELD_PAGES = 10;

export function firstHeldPagesBudget(concurrency: number): number {
  return Math.min(concurrency + 2, FIRST_HELD_PAGES);
}

/**
 * Bytes of fetched records an export may hold waiting for the loop (about their JSON size). The page
 * budget above counts pages, but a page of 500 large records weighs a megabyte or more, so pages alone
 * are no bound on memory: past this figure no new page is fetched until the loop has taken some. Pages
 * in flight do not count: they hold nothing yet, and a loop faster than the network takes each page as
 * it lands, so where latency is the slow side every worker stays busy and speed is unchanged.
 */
export const HELD_BYTES = 2 * 1024 * 1024;

/**
 * Whether one more page may be fetched, by bytes: always while fewer than two pages are held or on their
 * way (the page being consumed and the next: the export must progress whatever a page weighs), else only
 * while the records waiting for the loop weigh less than the budget.
 */
export function fitsHeldBytes(heldBytes: number, heldPages: number, budget: number = HELD_BYTES): boolean {
  return heldPages < 2 || heldBytes < budget;
}

/**
 * About the JSON size of a page's records, from up to three of them (first, middle, last): the body's
 * length is not known past the parser, and stringifying every record would cost as much as the parse.
 */
export function estimatePageBytes(items: readonly unknown[]): number {
  const n = items.length;
  if (n === 0) return 0;
  const picks = n < 3 ? items : [items[0], items[n >> 1], items[n - 1]];
  let sum = 0;
  for (const item of picks) sum += JSON.stringify(item)?.length ?? 0;
  return Math.round((sum / picks.length) * n);
}
