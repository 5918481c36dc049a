/**
 * Receiving webhooks: `constructEvent` (verify then parse, like stripe-node's
 * `webhooks.constructEvent`) and `createWebhookHandler`, a web-standard `(Request) => Promise<Response>`
 * for Hono, Next.js route handlers, Cloudflare Workers, Bun and Deno (`toNodeHandler` adapts it to
 * Express and node:http).
 */
import { HotmartError, HotmartInputError } from "../core/errors";
import { Log, type Logger, type LogLevel } from "../internal/log";
import { globalRedactor, Redactor } from "../internal/redact";
import { MemoryDedupeStore, type WebhookDedupeStore, webhookDedupeKey } from "./dedupe";
import { WebhookPayloadError, WebhookVerificationError } from "./errors";
import type {
  HotmartWebhookEvent,
  LegacyWebhook,
  WebhookEventName,
  WebhookEventOf,
  WebhookPayload,
} from "./events";
import {
  type DecodedWebhookBody,
  decodeWebhookBody,
  isLegacyWebhook,
  payloadFromDecoded,
  type WebhookBody,
  webhookMediaKind,
} from "./parse";
import {
  HOTTOK_HEADER,
  type HottokConfig,
  type HottokSource,
  headerValue,
  type ResolvedHottok,
  readHottokField,
  readHottokHeader,
  resolveHottok,
  verifyHottok,
  type WebhookHeaders,
} from "./verify";

/** Default body limit: 1 MiB. Real purchase events are a few KB. */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * How long a copy of an event waits for the same event's processing in this handler: a minute, longer
 * than a sender waits for an answer, so a first processing that fails in that time is re-run by the copy.
 */
const COPY_WAIT_MS = 60_000;

/**
 * One delivery's claim id: unique across processes, since a shared store keeps it as the claim's owner
 * (every runtime the SDK supports has crypto.randomUUID; the fallback is for one that does not).
 */
const newClaimId = (): string =>
  globalThis.crypto?.randomUUID?.() ??
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;

/** True when `promise` settles within `ms`; false when the time ran out first. */
async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------
// Verify + decode, shared by constructEvent and the handler
// ---------------------------------------------------------------------------------------------------

/**
 * Header first: a present header is checked before the body is even parsed. Without one the body must
 * be decoded to find its `hottok` field; a body that cannot be decoded then has no hottok, so it is a
 * 401 (missing), never a 400 that would tell an unauthenticated caller how far it got.
 */
function verifyAndDecode(
  body: WebhookBody,
  headers: WebhookHeaders | undefined,
  hottoks: ResolvedHottok,
  contentType: string | null | undefined,
): { decoded: DecodedWebhookBody; source: HottokSource | undefined } {
  if (hottoks === false) return { decoded: decodeWebhookBody(body, contentType), source: undefined };
  const header = readHottokHeader(headers);
  if (header !== undefined) {
    if (!verifyHottok(header, hottoks)) throw new WebhookVerificationError("mismatch", "header");
    return { decoded: decodeWebhookBody(body, contentType), source: "header" };
  }
  let decoded: DecodedWebhookBody;
  try {
    decoded = decodeWebhookBody(body, contentType);
  } catch (error) {
    if (error instanceof WebhookPayloadError && error.status === 415) throw error;
    throw new WebhookVerificationError("missing");
  }
  const field = readHottokField(decoded.value);
  if (field === undefined) throw new WebhookVerificationError("missing");
  if (!verifyHottok(field, hottoks)) throw new WebhookVerificationError("mismatch", "body");
  return { decoded, source: "body" };
}

function contentTypeOf(headers: WebhookHeaders | undefined): string | undefined {
  return headerValue(headers, "content-type");
}

// ---------------------------------------------------------------------------------------------------
// constructEvent
// ---------------------------------------------------------------------------------------------------

/**
 * The fourth argument of `constructEvent`: the content type to parse by and whether legacy v1 posts are
 * accepted.
 */
export interface ConstructEventOptions {
  /** Overrides the `Content-Type` read from `headers`. */
  contentType?: string | null | undefined;
  /**
   * Accept legacy v1 form posts, returning `WebhookPayload` (v2 event or `LegacyWebhook`). Default
   * false: a legacy body throws `WebhookPayloadError`, so the return type is a plain v2 event.
   */
  legacy?: boolean | undefined;
}

/**
 * Verifies a webhook's hottok, then parses it: stripe-node's `webhooks.constructEvent` for Hotmart.
 *
 * ```ts
 * const event = constructEvent(await request.text(), request.headers, process.env.HOTMART_HOTTOK);
 * if (event.event === "PURCHASE_APPROVED") grant(event.data.buyer?.email);
 * ```
 *
 * - `rawBody`: the body as received (string or bytes). An object a framework already parsed works
 *   too: the hottok is a header or a body field, not a signature over the bytes, so nothing is lost.
 * - `headers`: a `Headers` or a Node/Express headers object; `X-HOTMART-HOTTOK` is found in any case.
 * - `hottok`: the account's hottok (or several, during a rotation). `undefined` reads
 *   `HOTMART_HOTTOK`; empty or missing throws `HotmartInputError`; `false` skips verification
 *   (dangerous: anyone could post a fake purchase).
 *
 * Throws `WebhookVerificationError` (answer 401) or `WebhookPayloadError` (answer its `status`: 400,
 * 413 or 415). Neither message ever contains a hottok or the body.
 */
export function constructEvent(
  rawBody: WebhookBody,
  headers: WebhookHeaders | undefined,
  hottok: HottokConfig | false | undefined,
  options?: ConstructEventOptions & { legacy?: false | undefined },
): HotmartWebhookEvent;
export function constructEvent(
  rawBody: WebhookBody,
  headers: WebhookHeaders | undefined,
  hottok: HottokConfig | false | undefined,
  options: ConstructEventOptions & { legacy: true },
): WebhookPayload;
export function constructEvent(
  rawBody: WebhookBody,
  headers: WebhookHeaders | undefined,
  hottok: HottokConfig | false | undefined,
  options: ConstructEventOptions = {},
): WebhookPayload {
  const hottoks = resolveHottok(hottok, false, "constructEvent");
  const contentType = options.contentType === undefined ? contentTypeOf(headers) : options.contentType;
  const { decoded } = verifyAndDecode(rawBody, headers, hottoks, contentType);
  const payload = payloadFromDecoded(decoded);
  if (isLegacyWebhook(payload) && options.legacy !== true)
    throw new WebhookPayloadError(
      "This is a legacy (v1.0.0) form-encoded postback: pass { legacy: true } to accept it, or switch the webhook to version 2.0.0 in Hotmart",
      "legacy_not_accepted",
    );
  return payload;
}

// ---------------------------------------------------------------------------------------------------
// createWebhookHandler
// ---------------------------------------------------------------------------------------------------

/** What every callback gets beside the event. */
export interface WebhookContext {
  /** The request as received (its body already consumed). */
  request: Request;
  /**
   * The body exactly as received, before any normalisation. Store it if you keep raw events, but mind
   * the secret it may hold: Hotmart can put the account's hottok in the body (v1 postbacks do; so do
   * some v2 events, such as the charge-date change). Drop that field before keeping it, or store `event`.
   */
  rawBody: string;
  /** Where the verified hottok was found; `undefined` when verification is off. */
  hottokSource: HottokSource | undefined;
  /** The key the dedupe store used (the event `id`), if any. */
  dedupeKey: string | undefined;
}

/** A callback for one event. Throw (or reject) to answer 500 so Hotmart re-sends the event. */
export type WebhookEventHandler<Event> = (event: Event, context: WebhookContext) => unknown;

/** `on` map: one optional callback per event name, each typed with its event. */
export type WebhookHandlers = { [Name in WebhookEventName]?: WebhookEventHandler<WebhookEventOf<Name>> };

/** What `onError` is told about a request that did not end in 200. */
export interface WebhookErrorInfo {
  /** The status answered: 401, 400, 413, 415 or 500. */
  status: number;
  /**
   * The request that got this answer: a copy without its `X-HOTMART-HOTTOK` header (nor its body,
   * already read).
   */
  request: Request;
  /**
   * The parsed event, when the failure came after parsing, without its body `hottok` (a v1 post's
   * `fields.hottok` included): safe to log.
   */
  payload?: WebhookPayload;
}

/**
 * Options of `createWebhookHandler` (and `createNodeWebhookHandler`): the hottok to verify, a callback per
 * event name, deduplication, body limits and logging.
 */
export interface WebhookHandlerOptions {
  /**
   * The account's hottok (Hotmart: Tools → Webhook → Authentication), or several during a rotation.
   * Default: the `HOTMART_HOTTOK` environment variable. A missing or empty value throws
   * `HotmartInputError` when the handler is created: the handler fails closed.
   *
   * `false` turns verification off. **Dangerous**: anyone who finds the URL can post a fake
   * `PURCHASE_APPROVED` and get access for free. Only for local experiments.
   */
  hottok?: HottokConfig | false | undefined;
  /** Same as `hottok: false` when no hottok is configured (or the configured one is empty). Dangerous. */
  allowUnverified?: boolean | undefined;
  /** Callbacks by event name. */
  on?: WebhookHandlers | undefined;
  /** Legacy v1 form posts. Without it they go to `onUnhandled`. */
  onLegacy?: WebhookEventHandler<LegacyWebhook> | undefined;
  /**
   * Events with no callback in `on` (including event names this SDK does not know yet). Without it
   * they are acknowledged with 200 and dropped: a non-2xx would make Hotmart re-send, then disable
   * the webhook.
   */
  onUnhandled?: WebhookEventHandler<WebhookPayload> | undefined;
  /**
   * Told about every non-200 answer (401, 400, 405, 413, 415, and 500 when a callback in `on` threw),
   * e.g. to log or count it. Never receives a hottok. What it throws is logged and does not change
   * the answer. Without it, 500s (a callback that threw) are logged through `logger`.
   */
  onError?: ((error: unknown, info: WebhookErrorInfo) => void) | undefined;
  /** Where the handler logs a callback that threw (and an `onError` that threw). Default console. */
  logger?: Logger | undefined;
  /** Default "error". "off" silences the handler's own log lines. */
  logLevel?: LogLevel | undefined;
  /**
   * Processes each event once, keyed on its `id`. Default: a `MemoryDedupeStore` for this handler.
   * Pass a shared store with several instances; `false` turns deduplication off.
   *
   * A copy that reaches this handler while the same event is still being processed here waits (up to a
   * minute) for that processing: answered 200 as a duplicate once it succeeded, processed itself if it failed (the
   * first delivery may have timed out on Hotmart's side, so its 500 reaches nobody). A copy that a
   * shared store reports as claimed by another process is answered 200 as a duplicate at once.
   */
  dedupe?: WebhookDedupeStore | false | undefined;
  /** Largest body accepted, in bytes; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** Accept legacy v1 form-encoded posts. Default true; false answers them 415. */
  legacy?: boolean | undefined;
}

/** A web-standard webhook endpoint. */
export type WebhookHandler = (request: Request) => Promise<Response>;

/** What the log says failed, when there is no `onError`. */
const FAILURES = {
  callback: "a callback failed and Hotmart will re-send the event",
  claim: "the dedupe store could not claim the event, so no callback ran; Hotmart will re-send it",
  release:
    "a callback failed and the dedupe store could not release its claim: Hotmart's re-send is answered as a duplicate until the claim expires (processingTimeoutMs)",
  consumed: "the body was read before the handler",
  complete:
    "the event was processed, but the dedupe store could not mark it done: a re-send after the claim expires (processingTimeoutMs) runs the callback again",
} as const;

/** Every key of WebhookHandlerOptions (`satisfies` fails the build when one is missing or extra). */
const OPTION_KEYS = Object.keys({
  hottok: 1,
  allowUnverified: 1,
  on: 1,
  onLegacy: 1,
  onUnhandled: 1,
  onError: 1,
  logger: 1,
  logLevel: 1,
  dedupe: 1,
  maxBodyBytes: 1,
  legacy: 1,
} satisfies Record<keyof WebhookHandlerOptions, 1>);

/**
 * A misspelled option (`onEvent`), `on` given a function, or a lower-case event name would leave every
 * event without its callback: answered 200 and dropped, so Hotmart never re-sends it. Refused instead.
 * (Unknown upper-case names pass: they may be events Hotmart adds later.)
 */
function checkOptionNames(options: object): void {
  for (const key of Object.keys(options))
    if (!OPTION_KEYS.includes(key))
      throw new HotmartInputError(
        `createWebhookHandler has no option "${key}": it takes ${OPTION_KEYS.join(", ")}`,
      );
  const on: unknown = (options as WebhookHandlerOptions).on;
  if (on === undefined) return;
  // The handler reads the object's own keys: an array's are indices, and a Map has none.
  if (on === null || typeof on !== "object" || Array.isArray(on) || on instanceof Map)
    throw new HotmartInputError(
      "on must be an object of callbacks by event name: { on: { PURCHASE_APPROVED: async (event) => {} } }",
    );
  for (const [name, callback] of Object.entries(on)) {
    if (callback !== undefined && typeof callback !== "function")
      throw new HotmartInputError(`on.${name} must be a function (the callback for that event)`);
    if (name !== name.toUpperCase())
      throw new HotmartInputError(
        `on.${name}: Hotmart's event names are upper case: did you mean ${name.toUpperCase()}?`,
      );
  }
}

/**
 * Builds the endpoint Hotmart posts to. Answers:
 *
 * | status | when |
 * |---|---|
 * | 200 | handled (or no callback for it, or a duplicate already processed) |
 * | 400 | not an event envelope / not JSON (after a valid hottok) |
 * | 401 | hottok missing or wrong (`WebhookVerificationError`) |
 * | 405 | not a POST |
 * | 413 | body over `maxBodyBytes` |
 * | 415 | content type other than JSON or form |
 * | 500 | a callback threw: Hotmart re-sends, and the dedupe claim is released so the retry runs it |
 *
 * Response bodies are small JSON objects (`{ "received": true }`, `{ "error": "invalid_hottok", ... }`)
 * and never echo a hottok or the request body.
 *
 * ```ts
 * const handler = createWebhookHandler({
 *   hottok: process.env.HOTMART_HOTTOK,
 *   on: {
 *     PURCHASE_APPROVED: async (event) => grantAccess(event.data.buyer?.email, event.data.purchase.transaction),
 *     SUBSCRIPTION_CANCELLATION: async (event) => scheduleRevoke(event.data.subscriber.code, event.data.date_next_charge),
 *   },
 * });
 * export const POST = handler; // Next.js; Hono: app.post("/hotmart", (c) => handler(c.req.raw))
 * ```
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  if (options === null || typeof options !== "object")
    throw new HotmartInputError("createWebhookHandler needs an options object: { hottok, on: { ... } }");
  checkOptionNames(options);
  const hottoks = resolveHottok(options.hottok, options.allowUnverified, "createWebhookHandler");
  const limit = options.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  if (!Number.isFinite(limit) || limit <= 0)
    throw new HotmartInputError("maxBodyBytes must be a positive number of bytes (default 1048576, 1 MiB)");
  const store = options.dedupe === false ? undefined : (options.dedupe ?? new MemoryDedupeStore());
  const acceptLegacy = options.legacy !== false;
  // Read once: mutating the options object later does not change a running handler.
  const { onLegacy, onUnhandled, onError } = options;
  const on: WebhookHandlers = { ...options.on };
  // Dedupe keys this handler is processing right now, each with a promise settled when it is done.
  const inFlight = new Map<string, Promise<void>>();

  // The handler's own masking scope, as a client has: the process-wide one keeps a bounded number of
  // values, and in a process with one handler per seller account the oldest hottoks fell out of it.
  const redactor = new Redactor(globalRedactor);
  for (const secret of hottoks || []) redactor.add(secret, true);
  const log = new Log(options.logLevel ?? "error", options.logger ?? console, redactor);
  /**
   * Tells `onError`, or without it logs: a failure of the server's side (a callback, the dedupe store)
   * makes Hotmart re-send, and after enough failures disable the webhook; nobody should learn that from
   * Hotmart's panel first. `what` says which side failed, for the log.
   */
  const report = (error: unknown, info: WebhookErrorInfo, what: keyof typeof FAILURES = "callback"): void => {
    if (!onError) {
      if (info.status >= 500 || what === "complete")
        log.error(`webhook answered ${info.status}: ${FAILURES[what]}`, {
          error,
          event: (info.payload as { event?: unknown } | undefined)?.event,
        });
      return;
    }
    try {
      // An onError hook typically logs `info`: Node prints a Request's headers, where the hottok travels,
      // and some payloads repeat it in the body (v1 forms in `fields`). It gets copies without the secret.
      onError(error, {
        ...info,
        request: maskedRequest(info.request),
        ...(info.payload && { payload: withoutHottok(info.payload) }),
      });
    } catch (hookError) {
      // A logging hook must not change the answer, but its failure is not hidden either.
      log.error("the webhook onError option threw", { error: hookError });
    }
  };
  const fail = (error: unknown, info: WebhookErrorInfo, what?: keyof typeof FAILURES): Response => {
    report(error, info, what);
    return answer(
      info.status,
      errorBody(error, info.status),
      info.status === 405 ? { allow: "POST" } : undefined,
    );
  };

  return async function hotmartWebhookHandler(
    request: Request,
    res?: { setHeader?: unknown },
    next?: unknown,
  ): Promise<Response> {
    // Mounted where a framework passes its own request (Express's req, Hono's context), this read
    // `headers.get` of a plain object, or found no method and answered a POST with 405: say what to do.
    if (typeof (request as Partial<Request> | undefined)?.headers?.get !== "function") {
      const error = new HotmartInputError(
        "The webhook handler takes a web Request: for Express, Fastify or node:http use createNodeWebhookHandler(options) (or toNodeHandler(handler)); in Hono pass c.req.raw",
      );
      // Express (req, res, next): its error handler answers and logs it. Express 4 does not catch a
      // handler's rejection, and an unhandled one ends the process.
      if (typeof next !== "function" || typeof res?.setHeader !== "function") throw error;
      next(error);
      return answer(500, { error: "handler_misused", message: error.message });
    }
    if (request.method !== "POST")
      return fail(new WebhookPayloadError("Hotmart webhooks are POST requests", "method_not_allowed"), {
        status: 405,
        request,
      });

    // Something read the body first (request.json() in a route, a framework's body parser): every
    // event would be refused as an unreadable payload (400, never logged) or a missing hottok (401),
    // whoever sent it. A mounting mistake, so it is a 500 that is logged, saying what to do.
    if (request.bodyUsed) {
      const error = new HotmartInputError(
        "The request body was already read (request.json(), a body parser): pass it unread, or on Node as req.body",
      );
      report(error, { status: 500, request }, "consumed");
      return answer(500, { error: "handler_misused", message: error.message });
    }

    // The header is checked first, before the body is touched: a request with a wrong hottok is a 401
    // whatever it sent (even a wrong content type), refused without reading (or, behind the Node
    // adapter, serialising) its body.
    const header = hottoks === false ? undefined : readHottokHeader(request.headers);
    if (header !== undefined && hottoks !== false && !verifyHottok(header, hottoks))
      return fail(new WebhookVerificationError("mismatch", "header"), { status: 401, request });

    const contentType = request.headers.get("content-type");
    const kind = webhookMediaKind(contentType);
    if (kind === "other" || (kind === "form" && !acceptLegacy))
      return fail(
        new WebhookPayloadError(
          kind === "form"
            ? "Legacy (v1.0.0) form-encoded postbacks are not accepted here: switch the webhook to version 2.0.0"
            : "Unsupported content type: Hotmart sends application/json",
          "unsupported_media_type",
        ),
        { status: 415, request },
      );

    let rawBody: string;
    try {
      rawBody = await readBody(request, limit);
    } catch (error) {
      // A body that cannot be read carries no hottok: without a verified header that is a 401 (as for
      // one that cannot be decoded), never a 400 telling an unauthenticated caller how far it got.
      if (
        hottoks !== false &&
        header === undefined &&
        !(error instanceof WebhookPayloadError && error.status === 413)
      )
        return fail(new WebhookVerificationError("missing"), { status: 401, request });
      const status = error instanceof WebhookPayloadError ? error.status : 400;
      return fail(error, { status, request });
    }

    let payload: WebhookPayload;
    let source: HottokSource | undefined;
    try {
      const verified = verifyAndDecode(rawBody, request.headers, hottoks, contentType);
      source = verified.source;
      payload = payloadFromDecoded(verified.decoded);
      if (isLegacyWebhook(payload) && !acceptLegacy)
        throw new WebhookPayloadError(
          "Legacy (v1.0.0) postbacks are not accepted here",
          "legacy_not_accepted",
        );
    } catch (error) {
      const status =
        error instanceof WebhookVerificationError
          ? 401
          : error instanceof WebhookPayloadError
            ? error.status
            : 400;
      return fail(error, { status, request });
    }

    const key = store ? webhookDedupeKey(payload) : undefined;
    if (!store || key === undefined) return await deliver(payload, rawBody, source, key, request);
    // A copy of an event this handler is still processing waits for that outcome instead of being
    // answered "duplicate" at once: Hotmart re-sends when the first delivery times out, and if that slow
    // first processing then fails, its 500 goes to a closed connection. A copy acknowledged meanwhile
    // would have been the only delivery left, and the event would be lost.
    for (let running = inFlight.get(key); running !== undefined; running = inFlight.get(key)) {
      // A callback that never settles must not hold its copies forever: past the wait they go to the
      // store as before (a duplicate while its claim holds, processed once the claim has expired).
      if (!(await settlesWithin(running, COPY_WAIT_MS)))
        return await deliver(payload, rawBody, source, key, request);
    }
    let finished: () => void = () => {};
    inFlight.set(
      key,
      new Promise<void>((resolve) => {
        finished = resolve;
      }),
    );
    try {
      return await deliver(payload, rawBody, source, key, request);
    } finally {
      inFlight.delete(key);
      finished();
    }
  };

  async function deliver(
    payload: WebhookPayload,
    rawBody: string,
    source: HottokSource | undefined,
    key: string | undefined,
    request: Request,
  ): Promise<Response> {
    const context: WebhookContext = { request, rawBody, hottokSource: source, dedupeKey: key };
    const claimId = store && key !== undefined ? newClaimId() : undefined;
    if (store && key !== undefined) {
      let claimed: boolean;
      try {
        claimed = await store.claim(key, claimId);
      } catch (error) {
        return fail(error, { status: 500, request, payload }, "claim");
      }
      if (!claimed) return answer(200, { received: true, duplicate: true });
    }

    try {
      await dispatch(payload, context);
    } catch (error) {
      if (store && key !== undefined) {
        try {
          await store.release(key, claimId);
        } catch (releaseError) {
          report(releaseError, { status: 500, request, payload }, "release");
        }
      }
      return fail(error, { status: 500, request, payload });
    }

    if (store && key !== undefined && store.complete) {
      try {
        await store.complete(key, claimId);
      } catch (error) {
        // Processed already: answer 200 anyway, or Hotmart would re-send an event we handled.
        report(error, { status: 200, request, payload }, "complete");
      }
    }
    return answer(200, { received: true });
  }

  async function dispatch(payload: WebhookPayload, context: WebhookContext): Promise<void> {
    if (isLegacyWebhook(payload)) {
      const callback = onLegacy ?? onUnhandled;
      if (callback) await callback(payload, context);
      return;
    }
    // Own properties only: an event named "constructor" must not find Object.prototype's.
    const callback = Object.hasOwn(on, payload.event)
      ? (on as Record<string, WebhookEventHandler<WebhookPayload> | undefined>)[payload.event]
      : undefined;
    if (callback) await callback(payload, context);
    else if (onUnhandled) await onUnhandled(payload, context);
  }
}

/** A copy of `request` without its hottok header (nor its body, already read). */
function maskedRequest(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete(HOTTOK_HEADER);
  const { url, method } = request;
  try {
    return new Request(url, { method, headers });
  } catch {
    // TRACE, CONNECT and TRACK, which Deno.serve hands on (a 405 here) and the constructor refuses: thrown,
    // onError was never told, and the log blamed the hook. The copy keeps the method as received.
    return Object.defineProperty(new Request(url, { headers }), "method", { value: method });
  }
}

/** A shallow copy of `payload` without its body `hottok` (nor, for a v1 post, `fields.hottok`). */
function withoutHottok(payload: WebhookPayload): WebhookPayload {
  const { hottok: _hottok, ...rest } = payload;
  if (!isLegacyWebhook(payload)) return rest as WebhookPayload;
  const { hottok: _field, ...fields } = payload.fields;
  return { ...(rest as LegacyWebhook), fields };
}

// ---------------------------------------------------------------------------------------------------
// Request and response plumbing (web standard only)
// ---------------------------------------------------------------------------------------------------

function tooLarge(limit: number): WebhookPayloadError {
  return new WebhookPayloadError(
    `The body is larger than the ${limit}-byte limit (maxBodyBytes)`,
    "too_large",
  );
}

/** Reads the body, stopping (and cancelling the stream) as soon as it passes `limit` bytes. */
async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (request.body === null) return "";
  const reader = request.body.getReader();
  // TextDecoder, fed chunk by chunk (a character split between two is held until the next): UTF-8, a
  // BOM dropped, bad bytes replaced. Not Blob.text(): Bun's reads a UTF-16 BOM as UTF-16, so a body
  // the other runtimes refuse as invalid JSON was accepted there.
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (error instanceof WebhookPayloadError) throw error;
    throw new WebhookPayloadError("The request body could not be read", "invalid_envelope", { cause: error });
  } finally {
    reader.releaseLock();
  }
  return text + decoder.decode();
}

function answer(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * The error body. Verification and payload errors carry our own fixed messages (safe to show: they
 * help a seller debug a misconfigured webhook and contain no values); anything else, e.g. what a
 * callback threw, is hidden behind a generic message since it may hold data or secrets.
 */
function errorBody(error: unknown, status: number): { error: string; message: string } {
  if (error instanceof WebhookVerificationError)
    return {
      error: error.reason === "missing" ? "missing_hottok" : "invalid_hottok",
      message: error.message,
    };
  if (error instanceof WebhookPayloadError) {
    const code =
      error.reason === "method_not_allowed"
        ? "method_not_allowed"
        : error.reason === "too_large"
          ? "payload_too_large"
          : error.reason === "unsupported_media_type"
            ? "unsupported_media_type"
            : "invalid_payload";
    return { error: code, message: error.message };
  }
  if (error instanceof HotmartError && status !== 500)
    return { error: "invalid_payload", message: error.message };
  return { error: "handler_failed", message: "The webhook handler failed; Hotmart will retry" };
}
