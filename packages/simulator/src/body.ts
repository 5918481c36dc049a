/** Hotmart's gateway refuses large bodies; no documented endpoint takes more than a few kilobytes. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export type BodyRead = { ok: true; text: string } | { ok: false; bytes: number };

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes`: a declared
 * Content-Length over the cap is refused before a byte is kept, and an undeclared (chunked) body
 * is cut off while it streams, so a client cannot make the simulator hold more than the cap.
 *
 * What a refused body still sends is read and dropped for a while (drainRefused): closing at once makes
 * the kernel answer the client's next bytes with a reset, and a reset throws away the 413 the client
 * has not read yet, so a client still sending (or just slow to read) gets EPIPE instead of the answer.
 */
export async function readBody(request: Request, maxBytes: number): Promise<BodyRead> {
  if (request.method === "GET" || request.method === "HEAD" || request.body === null) {
    return { ok: true, text: "" };
  }
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const reader = request.body.getReader();
  if (declared > maxBytes) {
    drainRefused(reader);
    return { ok: false, bytes: declared };
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      drainRefused(reader);
      return { ok: false, bytes };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

/** How much more of a refused body is read and dropped, and for how long, before the connection is cut. */
const DRAIN_BYTES = 4 * 1_048_576;
const DRAIN_MS = 5_000;

/**
 * Reads what is left of a refused body, keeping none of it, while the 413 goes out: a "lingering close",
 * as nginx makes one. A client stops sending once it has the answer (fetch does); one that goes on past
 * DRAIN_BYTES or DRAIN_MS is cut off, so nothing it sends is held and no connection is kept for long.
 */
function drainRefused(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  let bytes = 0;
  const cut = () => void reader.cancel().catch(() => undefined);
  const timer = setTimeout(cut, DRAIN_MS);
  (timer as { unref?: () => void }).unref?.();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.byteLength;
        if (bytes > DRAIN_BYTES) return cut();
      }
    } catch {
      // The client went away: nothing left to drain.
    } finally {
      clearTimeout(timer);
    }
  })();
}
