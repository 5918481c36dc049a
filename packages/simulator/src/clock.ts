/**
 * The simulated "now". It starts at a fixed instant (so the same seed always gives the same data)
 * and runs at wall-clock speed from there; tests can move it to reach trial ends or due dates.
 * Token expiry and the rate-limit window use the real clock: they are about real elapsed time.
 */
export class SimClock {
  readonly #startedAt = Date.now();
  #offset: number;

  constructor(start: number) {
    this.#offset = start - this.#startedAt;
  }

  now(): number {
    return Date.now() + this.#offset;
  }

  /** Moves simulated time forward (or back, with a negative amount). */
  advance(ms: number): void {
    this.#offset += ms;
  }

  set(epochMs: number): void {
    this.#offset = epochMs - Date.now();
  }
}
