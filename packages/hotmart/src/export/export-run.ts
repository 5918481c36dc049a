/**
 * One export, as `client.export.run()` returns it. The engine that walks the shards (run.ts) is imported
 * on the first iteration, so an app that never exports does not carry it in its bundle: everything a run
 * answers before then (its checkpoint, its progress) is known from the plan alone.
 */
import { HotmartError } from "../core/errors";
import type { ExportCheckpoint } from "./checkpoint";
import { type ExportProgress, snapshot } from "./progress";
import type { ExportEngine, ExportRecord, RunSettings } from "./run";

/**
 * One export, from `client.export.run()`. Nothing is sent until it is iterated, and it can be iterated
 * once: `for await` it for each record with its status and shard, or `.records()` for the records alone.
 * Save `checkpoint()` as you go to resume after a crash; `progress()` tells how far it is.
 *
 * @example
 * const run = hotmart.export.run("subscriptions.list", { from: new Date("2024-01-01"), concurrency: 4 });
 * for await (const subscription of run.records()) console.log(subscription.subscriber_code);
 * console.log(run.progress().records, "records");
 */
export class ExportRun<T> implements AsyncIterable<ExportRecord<T>> {
  readonly #settings: RunSettings;
  #engine: ExportEngine<T> | undefined;
  #iterated = false;

  /** @internal `client.export.run()` makes the run; its settings are the SDK's own. */
  constructor(settings: RunSettings) {
    this.#settings = settings;
    settings.counters.records = settings.state.records;
    settings.counters.recordsBefore = settings.state.records;
  }

  /** The state to save: after any record the loop has received, resuming from it yields exactly the rest. */
  checkpoint(): ExportCheckpoint {
    if (this.#engine) return this.#engine.checkpoint();
    const { state, counters } = this.#settings;
    return structuredClone({ ...state, records: counters.records });
  }

  /** The figures now: shards, pages, records, estimated total, rate, ETA, 429s and retries. */
  progress(): ExportProgress {
    return this.#engine ? this.#engine.progress() : snapshot(this.#settings.counters, 0);
  }

  /** The records alone, without their metadata. */
  async *records(): AsyncGenerator<T, void, undefined> {
    for await (const entry of this) yield entry.record;
  }

  /**
   * `for await (const { record, status, shard } of run)`: every record once. Starts the export; a second
   * iteration throws (resume from the checkpoint instead). Leaving the loop early cancels what is in flight.
   */
  [Symbol.asyncIterator](): AsyncGenerator<ExportRecord<T>, void, undefined> {
    if (this.#iterated)
      throw new HotmartError(
        "An export can be iterated once: start a new one, or resume from its checkpoint",
      );
    this.#iterated = true;
    return this.#iterate();
  }

  async *#iterate(): AsyncGenerator<ExportRecord<T>, void, undefined> {
    const { ExportEngine } = await import("./run");
    this.#engine = new ExportEngine<T>(this.#settings);
    yield* this.#engine.iterate();
  }
}
