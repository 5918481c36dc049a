/** Hotmart's gateway refuses large bodies; no documented endpoint takes more than a few kilobytes. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export type BodyRead = { ok: true; text: string } | { ok: false; bytes: number };

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes`: a declared
 * Content-Length over the cap is refused before a byte is read, and an undeclared (chunked) body
 * is cut off while it streams, so a client cannot make the simulator hold more than the cap.
 */
export async function readBody(request: Request, maxBytes: number): Promise<BodyRead> {
  if (request.method === "GET" || request.method === "HEAD" || request.body === null) {
    return { ok: true, text: "" };
  }
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await request.body.cancel().catch(() => undefined);
    return { ok: false, bytes: declared };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, bytes };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
