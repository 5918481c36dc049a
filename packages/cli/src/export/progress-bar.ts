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
        "{bar} {percentage}% | {value}/{total} records | {rate}/s | ETA {etaText} | 429s {limited} | retries {retries}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 1,
      fps: 8,
      noTTYOutput: false,
    });
  }

  update(p: ExportProgress): void {
    const total = Math.max(p.estimatedTotal ?? p.records, p.records, 1);
    const payload = {
      rate: Math.round(p.ratePerSecond),
      etaText: eta(p.etaSeconds),
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
