import type { Hotmart } from "hotmart";

/**
 * Makes the client's waits between retries instant and returns the delays it asked for, in order. For
 * tests about what is retried and what comes out of it, not about how long the backoff is (that is
 * decide()'s job, tested as a pure function, and core/retry.test.ts keeps real-time backoff cases):
 * sleeping out 0.5 s × 2^n per retry would only make them slow. An abort still wins, as in sleep().
 */
export function skipRetryWaits(client: Hotmart): number[] {
  const waits: number[] = [];
  client._context().sleep = async (ms, signal) => {
    waits.push(ms);
    if (signal.aborted) throw signal.reason;
  };
  return waits;
}
