import { raceAbort } from "./signals";

/** Sent with every request, token requests included. */
export const USER_AGENT = "hotmart-typescript/0.1.0";

/**
 * One HTTP attempt: fetch plus reading the body, under a per-attempt timeout and the caller's signal.
 * The outcome says which of the three ways it ended, because each is handled differently upstream.
 */
export type AttemptOutcome =
  | { kind: "response"; response: Response; text: string }
  | { kind: "timeout" }
  | { kind: "aborted"; reason: unknown }
  | { kind: "network"; error: unknown };

/** The abort reason of a per-attempt timeout, told apart from the caller's own abort by identity. */
const TIMED_OUT: unique symbol = Symbol("hotmart.attempt-timeout");
const TIMEOUT: AttemptOutcome = { kind: "timeout" };

/**
 * `controller` is the call's: `init.signal` must be its signal (set by the caller, so no copy of `init`
 * is made per attempt), and the timeout aborts it too, so a timeout, a caller's abort or close() cancels
 * the request on the wire and frees its connection. After a `timeout` outcome the controller is spent:
 * a caller that tries again needs a new one. The signal is always handed over, on purpose: without it a
 * request that timed out could only be abandoned, and a server that never answers would keep its socket,
 * and a script's process, alive. (Through Node's fetch it is the largest single cost of a request: undici
 * adds an abort listener, a WeakRef and a finalizer per signal. The SDK's Node transport, node-fetch.ts,
 * adds one listener.)
 */
export async function attempt(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  controller: AbortController,
  onSent?: () => void,
): Promise<AttemptOutcome> {
  // One async function for fetch, the body and the timer: each extra layer cost a promise per request.
  // The timeout aborts one timer turn late, after the event loop's I/O phase: a process that was frozen
  // (SIGSTOP, a Lambda between invocations) or stalled past the timeout while the answer arrived finds
  // its timers due before it reads its sockets, and would fail a request Hotmart answered (a write as
  // "outcome unknown" though it was applied). The answer is read first and wins.
  let timer = setTimeout(() => {
    timer = setTimeout(() => controller.abort(TIMED_OUT));
  }, timeoutMs);
  let stamped = false;
  try {
    const pending = fetchFn(url, init);
    // Called right after fetch took the request, never before: the rate limiter counts from this
    // moment, so a pause (GC, a busy core) between being let through and the send cannot make the
    // request look older than it is.
    stamped = true;
    onSent?.();
    const response = await pending;
    // The body is read inside the same timeout: a server that sends headers and then stalls is a timeout too.
    const text = await response.text();
    return { kind: "response", response, text };
  } catch (error) {
    // fetch threw before taking the request: still close the limiter's grant, counted from now.
    if (!stamped) onSent?.();
    const { signal } = controller;
    if (signal.aborted) {
      return signal.reason === TIMED_OUT ? TIMEOUT : { kind: "aborted", reason: signal.reason };
    }
    return { kind: "network", error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A `fetch` given by the app (or a global one stubbed after the SDK loaded), made to honour
 * `init.signal`: one that ignores it (a hand-written wrapper that copies only method, headers and
 * body) would let a timeout, the caller's abort and close() do nothing, and the call would even
 * succeed after it was aborted. Its answer and its body are both raced against the signal: the
 * request it started is left to finish on its own; the call ends when its signal aborts. (The SDK's
 * own transports honour the signal and are used as they are.)
 */
export function honouringSignal(fetchFn: typeof fetch): typeof fetch {
  return async (input, init) => {
    const signal = init?.signal ?? undefined;
    // Promise.resolve: a test double may return the Response itself, not a promise of it.
    const response = await raceAbort(Promise.resolve(fetchFn(input, init)), signal);
    if (signal) {
      // A body that stalls after the headers: fetch tied it to the signal only if it honoured it.
      // defineProperty, not assignment: some Response classes (undici's as other libraries load it)
      // make `text` read-only on the prototype, where assignment throws. An object that refuses even
      // that keeps its own text(): only the body's race is lost, never the request.
      const read = response.text.bind(response);
      try {
        Object.defineProperty(response, "text", {
          value: () => raceAbort(read(), signal),
          configurable: true,
        });
      } catch {}
    }
    return response;
  };
}
