/** Progress of an export: counters the run bumps, and the derived figures (rate, ETA) as a pure function. */

/** Where an export stands: what `run.progress()` returns and every {@link ExportEvent} carries. */
export interface ExportProgress {
  /** Shards in the plan (split shards count as their children). */
  shardsPlanned: number;
  /** Shards whose every record the loop has received. */
  shardsDone: number;
  /**
   * Pages that only sized a shard: its first page showed it far denser than planned, so it was split and
   * the page dropped (its parts fetch those records again). Every other request is counted in `pages`.
   */
  probes: number;
  /** Pages of records fetched. */
  pages: number;
  /** Records the loop has received (including those of earlier runs, when resumed). */
  records: number;
  /**
   * Records the export will yield in total, from the shards' first pages; undefined while unknown (and for
   * lists without counts).
   */
  estimatedTotal: number | undefined;
  /** Records per second since this run started. */
  ratePerSecond: number;
  /** Seconds left at the current rate; undefined while unknown. */
  etaSeconds: number | undefined;
  /** 429 responses (each is retried after the client-wide pause). */
  rateLimited: number;
  /** Retries of any cause, 429s included. */
  retries: number;
  /** Milliseconds since this run's loop started (0 before the first `for await`). */
  elapsedMs: number;
  /**
   * About the JSON size, in bytes, of the records fetched and not yet handed to the loop: what the export
   * holds for a loop slower than the network (new pages wait while it passes a couple of megabytes).
   */
  heldBytes: number;
}

/**
 * What happened, in an {@link ExportEvent}: `"planned"` the shards were (re)planned (at the start, and
 * when a shard's first page showed its size); `"page"` a page of records was fetched; `"shard-done"` the
 * loop received a shard's last record; `"retry"` a request is being retried (a 429, a 5xx, a network
 * fault); `"done"` the loop received every record.
 */
export type ExportEventType = "planned" | "page" | "shard-done" | "retry" | "done";

/**
 * What `onProgress` receives, synchronously, as the export goes. A listener that throws stops the export
 * with that error.
 */
export interface ExportEvent {
  /** What happened: see {@link ExportEventType}. */
  type: ExportEventType;
  /** The shard concerned ("page", "shard-done"). */
  shard?: number;
  /** HTTP status that caused a "retry" (undefined: network fault or timeout). */
  status?: number | undefined;
  /** The figures at the moment of the event. */
  progress: ExportProgress;
}

/** The run's mutable tallies, the raw material of {@link ExportProgress} (same meanings, same names). */
export interface Counters {
  shardsPlanned: number;
  shardsDone: number;
  probes: number;
  pages: number;
  records: number;
  /** Records received before this run (a resumed export). */
  recordsBefore: number;
  estimatedTotal: number | undefined;
  rateLimited: number;
  retries: number;
  heldBytes: number;
}

/** Counters of a run that has done nothing yet. */
export function newCounters(): Counters {
  return {
    shardsPlanned: 0,
    shardsDone: 0,
    probes: 0,
    pages: 0,
    records: 0,
    recordsBefore: 0,
    estimatedTotal: undefined,
    rateLimited: 0,
    retries: 0,
    heldBytes: 0,
  };
}

/** The public figures from the counters; the rate counts this run's records, not those before a resume. */
export function snapshot(c: Counters, elapsedMs: number): ExportProgress {
  const thisRun = c.records - c.recordsBefore;
  const ratePerSecond = elapsedMs > 0 ? (thisRun * 1000) / elapsedMs : 0;
  const left = c.estimatedTotal === undefined ? undefined : Math.max(0, c.estimatedTotal - c.records);
  return {
    shardsPlanned: c.shardsPlanned,
    shardsDone: c.shardsDone,
    probes: c.probes,
    pages: c.pages,
    records: c.records,
    estimatedTotal: c.estimatedTotal,
    ratePerSecond,
    etaSeconds:
      left === undefined ? undefined : left === 0 ? 0 : ratePerSecond > 0 ? left / ratePerSecond : undefined,
    rateLimited: c.rateLimited,
    retries: c.retries,
    elapsedMs,
    heldBytes: c.heldBytes,
  };
}
