import { HotmartError } from "hotmart";

/** Redis failed (unreachable, too slow, a script error). The message names the operation and the cause. */
export class HotmartRedisError extends HotmartError {
  override name = "HotmartRedisError";
}

/**
 * The `onError` of a store: the app's, or one `console.warn` a minute at most, saying what the process
 * does meanwhile, so a Redis that keeps failing is seen without flooding the log. A value that is not a
 * function is refused at construction: the app meant to be told, and would not be.
 */
export function errorReporter(given: unknown, meanwhile: string): (error: HotmartRedisError) => void {
  if (given !== undefined && typeof given !== "function") {
    throw new TypeError(`onError must be a function (got ${String(given)})`);
  }
  if (given) return given as (error: HotmartRedisError) => void;
  let warnedAt = Number.NEGATIVE_INFINITY;
  return (error) => {
    if (performance.now() - warnedAt < 60_000) return;
    warnedAt = performance.now();
    console.warn(`[hotmart-redis] ${error.message}; ${meanwhile}`);
  };
}
