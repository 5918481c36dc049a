/**
 * Every place that listens to an AbortSignal goes through here, so a listener is always removed once
 * it is no longer needed (a forgotten one keeps its closure alive and trips Node's listener-leak
 * warning under load).
 */

/** Does nothing: what unlinking a signal that was never linked costs. */
export const NOOP = () => {};

/** What waits on one signal: its callbacks, and the one listener the signal has for all of them. */
interface Waiters {
  fns: Set<(reason: unknown) => void>;
  listener: () => void;
}

// One listener per signal, however many calls wait on it: a caller who hands one signal (a shutdown
// switch, an export's) to dozens of concurrent calls must not see Node's listener-leak warning, which
// fires at the 11th listener on an AbortSignal.
const waiting = new WeakMap<AbortSignal, Waiters>();

/**
 * Runs `fn` once when `signal` aborts (at once when it already has). Returns the function that
 * removes it; calling that after the abort is harmless.
 */
export function onAbort(signal: AbortSignal | undefined, fn: (reason: unknown) => void): () => void {
  if (!signal) return NOOP;
  if (signal.aborted) {
    fn(signal.reason);
    return NOOP;
  }
  let waiters = waiting.get(signal);
  if (!waiters) {
    const fns = new Set<(reason: unknown) => void>();
    const listener = () => {
      waiting.delete(signal);
      // A callback may remove another (a call that ends unlinks itself): skip those, as EventTarget does.
      for (const f of [...fns]) if (fns.has(f)) f(signal.reason);
      fns.clear();
    };
    waiters = { fns, listener };
    waiting.set(signal, waiters);
    signal.addEventListener("abort", listener, { once: true });
  }
  const { fns, listener } = waiters;
  // Its own entry, so the same function registered twice is called, and removed, twice.
  const entry = (reason: unknown) => fn(reason);
  fns.add(entry);
  return () => {
    if (!fns.delete(entry) || fns.size > 0) return;
    signal.removeEventListener("abort", listener);
    if (waiting.get(signal)?.fns === fns) waiting.delete(signal);
  };
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
