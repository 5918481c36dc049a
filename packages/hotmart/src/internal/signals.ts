/**
 * Every place that listens to an AbortSignal goes through here, so a listener is always removed once
 * it is no longer needed (a forgotten one keeps its closure alive and trips Node's listener-leak
 * warning under load).
 */

const NOOP = () => {};

/**
 * Runs `fn` once when `signal` aborts (at once when it already has). Returns the function that
 * removes the listener; calling it after the abort is harmless.
 */
export function onAbort(signal: AbortSignal | undefined, fn: (reason: unknown) => void): () => void {
  if (!signal) return NOOP;
  if (signal.aborted) {
    fn(signal.reason);
    return NOOP;
  }
  const listener = () => fn(signal.reason);
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}

/** Aborts `controller` (with the same reason) when `signal` aborts. Returns the unlink function. */
export function link(signal: AbortSignal | undefined, controller: AbortController): () => void {
  return onAbort(signal, (reason) => controller.abort(reason));
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts. The promise itself
 * is not cancelled: it may be shared (the token single flight), and other callers still wait for it.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const unlink = onAbort(signal, reject);
    promise.then(
      (value) => {
        unlink();
        resolve(value);
      },
      (error: unknown) => {
        unlink();
        reject(error);
      },
    );
  });
}
