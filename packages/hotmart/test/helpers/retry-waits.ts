import type { Hotmart } from "hotmart";

/**
 * Makes the client's waits between retries instant and returns the delays it asked for, in order. For
 * tests about what is retried and what comes out of it, not about how long the backoff is (that is
 * decide()'s job, tested as a pure function, and core/retry.test.ts keeps real-time backoff cases):
 * sleeping out 0.5 s × 2^n per retry would only make them slow. Token requests' retries are skipped too. An abort still wins, as in sleep().
 */
export function skipRetryWaits(client: Hotmart): number[] {
  const waits: number[] = [];
  const skip = async (ms: number, signal: AbortSignal) => {
    waits.push(ms);
    if (signal.aborted) throw signal.reason;
  };
  const context = client._context();
  context.sleep = skip;
  // The token request's retries too (shared with the client's clones).
  context.auth.retryWait = skip;
  return waits;
}
