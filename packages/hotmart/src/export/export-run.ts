/**
 * One export, as `client.export.run()` returns it. The engine that walks the shards (run.ts) is imported
 * on the first iteration, so an app that never exports does not carry it in its bundle: everything a run
 * answers before then (its checkpoint, its progress) is known from the plan alone.
 */
import { HotmartError } from "../core/errors";
import type { ExportCheckpoint } from "./checkpoint";
import { type ExportProgress, snapshot } from "./progress";
import type { ExportEngine, ExportRecord, RunSettings } from "./run";

export class ExportRun<T> implements AsyncIterable<ExportRecord<T>> {
  readonly #settings: RunSettings;
  #engine: ExportEngine<T> | undefined;
  #iterated = false;

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

  progress(): ExportProgress {
    return this.#engine ? this.#engine.progress() : snapshot(this.#settings.counters, 0);
  }

  /** The records alone, without their metadata. */
  async *records(): AsyncGenerator<T, void, undefined> {
    for await (const entry of this) yield entry.record;
  }

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
