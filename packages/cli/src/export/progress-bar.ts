import { SingleBar } from "cli-progress";
import type { ExportProgress } from "hotmart";

const eta = (s: number | undefined) => {
  if (s === undefined || !Number.isFinite(s)) return "--:--";
  const total = Math.round(s);
  const m = Math.floor(total / 60);
  return `${m}:${String(total % 60).padStart(2, "0")}`;
};

/** The terminal progress bar: records, rate, ETA and 429s, from the SDK's progress events. */
export class ExportBar {
  readonly #bar: SingleBar;
  #started = false;

  constructor(stream: NodeJS.WritableStream) {
    this.#bar = new SingleBar({
      stream,
      format:
        "{bar} {percent} | {value}/{totalText} records | {rate}/s | ETA {etaText} | 429s {limited} | retries {retries}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 1,
      fps: 8,
      noTTYOutput: false,
    });
  }

  /** `done`: the export has yielded its last record, so the records are the total, counted or not. */
  update(p: ExportProgress, done = false): void {
    // Until the first pages have counted every range the total is unknown: "?" and an empty bar, not
    // "100%" of the records so far, which read as almost done. Once done it is known, even for a list
    // Hotmart sends without a count: the bar's last frame, left on the screen, must not say "?".
    const known = p.estimatedTotal !== undefined;
    const total = done
      ? Math.max(p.records, 1)
      : known
        ? Math.max(p.estimatedTotal ?? 0, p.records, 1)
        : Number.MAX_SAFE_INTEGER;
    const payload = {
      percent: done ? "100%" : known ? `${Math.floor((p.records / total) * 100)}%` : "?%",
      totalText: done ? String(p.records) : known ? String(total) : "?",
      rate: Math.round(p.ratePerSecond),
      etaText: done ? eta(0) : eta(p.etaSeconds),
      limited: p.rateLimited,
      retries: p.retries,
    };
    if (!this.#started) {
      this.#bar.start(total, p.records, payload);
      this.#started = true;
      return;
    }
    this.#bar.setTotal(total);
    this.#bar.update(p.records, payload);
  }

  stop(): void {
    if (this.#started) this.#bar.stop();
  }
}
