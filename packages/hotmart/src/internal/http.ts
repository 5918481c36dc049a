import { link } from "./signals";

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

export async function attempt(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  onSent?: () => void,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const unlink = link(signal, controller);
  try {
    const pending = fetchFn(url, { ...init, signal: controller.signal });
    // Called right after fetch took the request, never before: the rate limiter counts from this
    // moment, so a pause (GC, a busy core) between being let through and the send cannot make the
    // request look older than it is.
    onSent?.();
    const response = await pending;
    // The body is read inside the same timeout: a server that sends headers and then stalls is a timeout too.
    const text = await response.text();
    return { kind: "response", response, text };
  } catch (error) {
    if (signal?.aborted) return { kind: "aborted", reason: signal.reason };
    if (timedOut) return { kind: "timeout" };
    return { kind: "network", error };
  } finally {
    clearTimeout(timer);
    unlink();
  }
}
