import { onAbort } from "./signals";

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(
      () => {
        unlink();
        resolve();
      },
      Math.max(0, ms),
    );
    const unlink = onAbort(signal, (reason) => {
      clearTimeout(timer);
      reject(reason);
    });
  });
}
