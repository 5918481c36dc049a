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
const NOOP = () => {};

/** Whoever may end an attempt early: `attempt` puts the way to do it here while one is out. */
export interface AttemptOwner {
  cancelAttempt: ((reason: unknown) => void) | undefined;
}

/**
 * With a `controller`, its signal is handed to fetch (`init.signal` must be that signal, set by the
 * caller so no copy of `init` is made per attempt) and the timeout aborts it too, so a timeout or an
 * abort cancels the request on the wire. After a `timeout` outcome that controller is spent: a caller
 * that tries again needs a new one.
 *
 * Without one, fetch gets no signal at all, because handing it one is the largest single cost of a
 * request (undici adds an abort listener, a WeakRef and a finalizer per signal: more than all of the
 * SDK's own work). The timeout, or `owner.cancelAttempt` (close()), then ends the attempt at once with
 * the same outcome; the request itself is abandoned: a response that still comes has its body
 * cancelled, which closes the connection, and one that never comes is closed by the dispatcher's own
 * timeouts (undici's headersTimeout and bodyTimeout, 300 s by default).
 */
export function attempt(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  controller: AbortController | undefined,
  onSent?: () => void,
  owner?: AttemptOwner,
): Promise<AttemptOutcome> {
  return new Promise((settle) => {
    const state = { abandoned: false };
    const end = (outcome: AttemptOutcome) => {
      // Called again later (close() after the attempt) it changes nothing: the promise is settled.
      state.abandoned = true;
      clearTimeout(timer);
      settle(outcome);
    };
    // With a controller the timeout aborts the request itself, and fetch's rejection says so.
    const timer = controller
      ? setTimeout(() => controller.abort(TIMED_OUT), timeoutMs)
      : setTimeout(end, timeoutMs, TIMEOUT);
    if (owner) owner.cancelAttempt = (reason) => end({ kind: "aborted", reason });
    exchange(fetchFn, url, init, controller?.signal, onSent, state).then(end);
  });
}

/** fetch plus reading the body. `state.abandoned`: the attempt already ended, so drop the response. */
async function exchange(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  onSent: (() => void) | undefined,
  state: { abandoned: boolean },
): Promise<AttemptOutcome> {
  let stamped = false;
  try {
    const pending = fetchFn(url, init);
    // Called right after fetch took the request, never before: the rate limiter counts from this
    // moment, so a pause (GC, a busy core) between being let through and the send cannot make the
    // request look older than it is.
    stamped = true;
    onSent?.();
    const response = await pending;
    if (state.abandoned) {
      // Nobody waits for it: free the connection instead of reading a body nobody will see.
      response.body?.cancel().catch(NOOP);
      return TIMEOUT;
    }
    // The body is read inside the same timeout: a server that sends headers and then stalls is a timeout too.
    const text = await response.text();
    return { kind: "response", response, text };
  } catch (error) {
    // fetch threw before taking the request: still close the limiter's grant, counted from now.
    if (!stamped) onSent?.();
    if (signal?.aborted) {
      return signal.reason === TIMED_OUT ? TIMEOUT : { kind: "aborted", reason: signal.reason };
    }
    return { kind: "network", error };
  }
}
