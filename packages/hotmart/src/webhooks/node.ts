/**
 * The Node adapter: serves a `WebhookHandler` from node:http, Express (4 and 5), Connect, Fastify's
 * raw `req`/`res` (its parser has read the stream: set `request.raw.body = request.body`), and anything
 * else with Node's request/response shape.
 *
 * It needs no `node:*` import: the request is read as an async iterable and the response written
 * through `statusCode`/`setHeader`/`end`, so the main entry point stays loadable on Workers and Deno.
 * The parameter types are structural for the same reason (no `@types/node` needed to use them).
 */
import { WebhookPayloadError } from "./errors";
import { createWebhookHandler, type WebhookHandler, type WebhookHandlerOptions } from "./handler";

/** The parts of a Node `IncomingMessage` (or Express `Request`) the adapter reads. */
export interface NodeWebhookRequest extends AsyncIterable<unknown> {
  /** The HTTP method; the handler answers 405 to anything but POST. Absent is read as POST. */
  method?: string | undefined;
  /** The request path and query, as node:http gives it; `originalUrl` wins when set. */
  url?: string | undefined;
  /** Node's lower-cased headers; `x-hotmart-hottok` and `content-type` are the ones the handler reads. */
  headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;
  /** Set by Express body parsers: a Buffer (`express.raw`), a string (`express.text`) or an object. */
  body?: unknown;
  /** Express: the URL before mounting stripped a prefix. */
  originalUrl?: string | undefined;
  /** True once a body parser consumed the stream. */
  readableEnded?: boolean | undefined;
}

/** The parts of a Node `ServerResponse` (or Express `Response`) the adapter writes. */
export interface NodeWebhookResponse {
  /** Set to the handler's answer (200, 400, 401, 405, 413, 415 or 500). */
  statusCode: number;
  /** Called once per header of the answer (`content-type`, `cache-control`, `content-length`, `allow`, `connection`). */
  setHeader(name: string, value: string): unknown;
  /** Called once with the whole response body, a small JSON object as bytes. */
  end(chunk?: unknown): unknown;
  /** When true (something else already answered), the adapter writes nothing. */
  headersSent?: boolean | undefined;
}

/** A node:http / Express request listener. Its promise never rejects; awaiting it is optional. */
export type NodeWebhookListener = (req: NodeWebhookRequest, res: NodeWebhookResponse) => Promise<void>;

/**
 * Adapts a web-standard handler to `(req, res)`.
 *
 * The body is taken from, in order:
 * - `req.body` as bytes or a string (`express.raw()`, `express.text()`): used as is;
 * - `req.body` as a parsed object (`express.json()`, `express.urlencoded()`): serialised back to JSON
 *   or form data. Nothing the verification needs is lost: the hottok is the `X-HOTMART-HOTTOK` header
 *   or a `hottok` field, not a signature over the exact bytes (so, unlike Stripe, you do not have to
 *   mount the webhook route before `express.json()`);
 * - otherwise the request stream itself, read lazily so the handler's body limit stops a huge upload
 *   without buffering it.
 *
 * ```ts
 * app.post("/webhooks/hotmart", toNodeHandler(createWebhookHandler({ hottok, on })));
 * http.createServer(toNodeHandler(handler)).listen(3000);
 * ```
 */
export function toNodeHandler(handler: WebhookHandler): NodeWebhookListener {
  return async function hotmartNodeWebhookListener(req, res) {
    const read: BodyRead = { ended: false };
    let response: Response;
    try {
      response = await handler(toRequest(req, read));
    } catch {
      // The web handler never throws; this guards against a broken request object.
      response = new Response(
        JSON.stringify({ error: "handler_failed", message: "The webhook handler failed" }),
        {
          status: 500,
          headers: { "content-type": "application/json; charset=utf-8" },
        },
      );
    }
    // A body the handler began and stopped reading (past maxBodyBytes) would hold a keep-alive
    // connection: Node parses the next request only after this one's body, and drains it only when
    // nothing read from it. The answer closes the connection instead of reading the rest of an
    // upload that may not end. (A body never read, as after a wrong hottok header, Node drains.)
    await writeResponse(response, res, read.iterator !== undefined && !read.ended);
  };
}

/** `toNodeHandler(createWebhookHandler(options))`: the one-liner for Express and node:http. */
export function createNodeWebhookHandler(options: WebhookHandlerOptions): NodeWebhookListener {
  return toNodeHandler(createWebhookHandler(options));
}

/** How far the adapter read the request stream: `iterator` is set once the handler asked for the body. */
interface BodyRead {
  iterator?: AsyncIterator<unknown>;
  ended: boolean;
}

function toRequest(req: NodeWebhookRequest, read: BodyRead): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    // HTTP/2 pseudo-headers (":path") are not valid header names for the Headers class.
    if (name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value as string);
  }
  const host = headers.get("host") ?? "localhost";
  const url = new URL(req.originalUrl ?? req.url ?? "/", `http://${host}`);
  const method = (req.method ?? "POST").toUpperCase();
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });

  const body = bodyFromParsed(req, headers);
  if (body !== undefined) {
    // The bytes changed form: the original length no longer applies.
    headers.delete("content-length");
    return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
  }
  if (req.readableEnded === true) {
    // A parser read the stream and left no req.body (Fastify's request.raw after its JSON parser): what
    // is left is empty, and would be refused as a payload without hottok or JSON. Handed over as a body
    // already read, which the handler reports as the mounting mistake it is.
    const used = new Request(url, { method, headers, body: "" });
    void used.arrayBuffer();
    return used;
  }
  return new Request(url, { method, headers, body: streamOf(req, read), duplex: "half" } as RequestInit);
}

/**
 * What a body parser left in `req.body`, as a body to send on; `undefined` means "read the stream".
 * A parsed object becomes a stream that serialises it only when the handler reads the body, which it
 * does after checking the hottok header: an unverified request never costs (nor breaks on) that work.
 */
function bodyFromParsed(
  req: NodeWebhookRequest,
  headers: Headers,
): string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | undefined {
  const parsed = req.body;
  if (parsed === undefined || parsed === null) return undefined;
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed);
  if (typeof parsed === "string") return parsed;
  if (typeof parsed !== "object") return undefined;
  // Express 4's body-parser sets `{}` without reading the stream when the content type did not match.
  if (Object.keys(parsed).length === 0 && req.readableEnded !== true) return undefined;
  const type = (headers.get("content-type") ?? "").toLowerCase();
  const form = type.startsWith("application/x-www-form-urlencoded");
  if (!form && !headers.has("content-type")) headers.set("content-type", "application/json");
  return lazyBody(() => (form ? formOf(parsed as Record<string, unknown>) : JSON.stringify(parsed)));
}

function formOf(parsed: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed)) {
    if (Array.isArray(value)) for (const v of value) form.append(key, String(v));
    else if (value !== undefined && value !== null)
      form.append(key, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return form.toString();
}

/** A one-chunk stream produced on first read; a body that cannot be serialised is a 400, not a crash. */
function lazyBody(serialise: () => string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let text: string;
        try {
          text = serialise();
        } catch {
          controller.error(
            new WebhookPayloadError(
              "The parsed body cannot be read: it is nested too deeply or refers to itself; a Hotmart webhook is a small JSON object",
              "invalid_envelope",
            ),
          );
          return;
        }
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  ); // nothing is produced before the handler reads
}

/**
 * A pull-based stream over the request: nothing is read until the handler asks (a high-water mark of 0;
 * the default of 1 would start reading as soon as the Request is built, and then Node would not drain
 * the body of a request answered without reading it). A cancel reads no further; the answer then
 * closes the connection.
 */
function streamOf(req: NodeWebhookRequest, read: BodyRead): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        read.iterator ??= req[Symbol.asyncIterator]();
        const { done, value } = await read.iterator.next();
        if (done) {
          read.ended = true;
          controller.close();
          return;
        }
        controller.enqueue(
          value instanceof Uint8Array
            ? new Uint8Array(value)
            : encoder.encode(typeof value === "string" ? value : ""),
        );
      },
    },
    { highWaterMark: 0 },
  );
}

async function writeResponse(
  response: Response,
  res: NodeWebhookResponse,
  closeConnection: boolean,
): Promise<void> {
  if (res.headersSent === true) return;
  const body = new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.setHeader("content-length", String(body.byteLength));
  if (closeConnection) res.setHeader("connection", "close");
  res.end(body);
}
