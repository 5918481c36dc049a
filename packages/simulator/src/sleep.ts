/**
 * Timers that all wake when the simulator closes. One set of pending wake-ups instead of one abort
 * listener per sleeping request: 64 requests in a latency fault must not pile 64 listeners on one
 * signal (Node warns past 10).
 */
export class Sleepers {
  readonly #pending = new Set<() => void>();
  #closed = false;

  sleep(ms: number): Promise<void> {
    if (this.#closed || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#pending.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#pending.add(wake);
    });
  }

  /** Wakes every sleeper now, and every later sleep returns at once. */
  wakeAll(): void {
    this.#closed = true;
    for (const wake of [...this.#pending]) wake();
  }
}
