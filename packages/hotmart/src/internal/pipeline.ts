import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  HotmartError,
  ResponseParseError,
} from "../core/errors";
import type { HttpMethod, RequestOptions, SchemaName, ValidateMode } from "../core/types";
import { describeCause, sanitizeCause, type TokenManager } from "./auth";
import { monotonicNow } from "./clock";
import { type AttemptOutcome, attempt, USER_AGENT } from "./http";
import { parseJSONLoose } from "./json";
import type { Log } from "./log";
import { callHeadersAndSignal, positive, validateMode, wholeNumber } from "./option-values";
import { encodeQuery, jsonBody } from "./query";
import { MemoryRateLimiter, type RateLimiter } from "./rate-limit";
import type { Redactor } from "./redact";
import { type Decision, decide, isIdempotent, OUTCOME_UNKNOWN, type Outcome } from "./retry";
import type { SchemaRegistry } from "./schema-check";
import { link, NOOP } from "./signals";
import { sleep } from "./sleep";

/** What one client (and its withOptions() clones) share: credentials, limiter, logger. */
export interface PipelineContext {
  baseURL: string;
  fetch: typeof fetch;
  auth: TokenManager;
  limiter: RateLimiter | undefined;
  log: Log;
  /** The client's masking scope: its credentials and tokens. */
  redactor: Redactor;
  timeout: number;
  totalTimeout: number;
  maxRetries: number;
  headers: Record<string, string>;
  validate: ValidateMode;
  /**
   * The calls in flight, so close() can cancel them all. (A shared "closed" signal would collect a
   * listener per concurrent request and trip Node's listener-leak warning.)
   */
  inflight: Set<Cancellable>;
  isClosed: () => boolean;
  /** The registry given with the `schemas` option; otherwise hotmart/schemas is imported on first use. */
  schemas?: SchemaRegistry | undefined;
  /**
   * The wait between retries; `sleep` unless replaced. A seam for tests about what is retried, not
   * when: they skip the real backoff (and can record the delays asked for) instead of sleeping it out.
   */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

export interface RequestSpec {
  /** The HTTP method: a GET is retried after a fault, a write only when it surely was not processed. */
  method: HttpMethod;
  /** The path under the client's baseURL, e.g. `/payments/api/v1/sales/history`. */
  path: string;
  /** Query parameters: arrays as repeated keys, dates as epoch ms, undefined and null dropped. */
  query?: object | undefined;
  /** The JSON body (dates as epoch ms); undefined sends none. */
  body?: unknown;
  /**
   * The documented value of a `{}` response body, and of no body at all unless `expectBody`. A GET that
   * answers no body at all is still read again first (an empty body may be a fault); only when it stays
   * empty is it this value.
   */
  empty?: (() => unknown) | undefined;
  /**
   * The endpoint always answers a body: no body at all, even after the retries, or one `accept`
   * refuses, is a transport fault (retried on reads), never a silent empty result. (`{}` may still
   * mean `empty`.)
   */
  expectBody?: boolean | undefined;
  /** Whether a parsed body has the shape this endpoint returns; false makes it a transport fault. */
  accept?: ((body: unknown) => boolean) | undefined;
  /** Name of the response schema in hotmart/schemas, for `validate`. */
  schema?: SchemaName | undefined;
  /**
   * Called with every HTTP response received (a retried attempt's too) and its body text, before it is
   * parsed: how `.withResponse()` and the rate-limit readers see the raw response at no cost when unused.
   */
  onResponse?: ((response: Response, text: string) => void) | undefined;
}

/** What close() needs of a call in flight. */
export interface Cancellable {
  abort(reason?: unknown): void;
  /** The context of the client (or clone) that sent it: a clone's close() ends only its own calls. */
  readonly ctx: PipelineContext;
}

/**
 * One call: what every attempt of it shares. The fields the constructor assigns are `declare`d (as in
 * core/errors.ts): a class field is also emitted as a definition (`url;`) that minifiers cannot shorten.
 */
class Call implements Cancellable {
  declare readonly ctx: PipelineContext;
  declare readonly spec: RequestSpec;
  declare readonly options: RequestOptions;
  declare readonly url: string;
  declare readonly method: HttpMethod;
  declare readonly idempotent: boolean;
  declare readonly body: string | undefined;
  declare readonly maxRetries: number;
  declare readonly timeout: number;
  /** When the total timeout runs out, on the monotonic clock (clock.ts): a wall-clock step leaves it. */
  declare readonly deadline: number;
  /**
   * Cancels the call's waits and its request on the wire (the caller's signal, close(), a timeout);
   * handed to fetch, and renewed after a timeout spent it.
   */
  declare controller: AbortController;
  /** The current attempt's timeout (the per-attempt timeout, or less when the deadline is nearer). */
  attemptTimeout = 0;
  /** When the current attempt was sent, for the debug log; 0 when not logging. */
  started = 0;
  #unlink: () => void = NOOP;
  #redacted: string | undefined;

  constructor(ctx: PipelineContext, spec: RequestSpec, options: RequestOptions) {
    this.ctx = ctx;
    this.spec = spec;
    this.options = options;
    this.url = buildURL(ctx.baseURL, spec.path, spec.query, options.query);
    this.method = spec.method;
    this.idempotent = isIdempotent(spec.method);
    this.body = spec.body === undefined ? undefined : jsonBody(spec.body);
    // The client's own were checked by new Hotmart(); a call's are checked here (option-values.ts).
    const { maxRetries, timeout, totalTimeout } = options;
    this.maxRetries = maxRetries === undefined ? ctx.maxRetries : wholeNumber("maxRetries", maxRetries);
    this.timeout = timeout === undefined ? ctx.timeout : positive("timeout", timeout);
    this.deadline =
      monotonicNow() +
      (totalTimeout === undefined ? ctx.totalTimeout : positive("totalTimeout", totalTimeout));
    if (options.validate !== undefined) validateMode(options.validate);
    callHeadersAndSignal(options.headers, options.signal);
    // fetch always gets the call's signal, though it is the largest single cost of a request: it is
    // what frees a timed-out request's connection at once (http.ts says why that is worth it).
    this.#arm();
    ctx.inflight.add(this);
  }

  /** The call's signal, for its waits and its request. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborted by the caller or by close(). */
  get aborted(): boolean {
    return this.ctx.isClosed() || this.controller.signal.aborted;
  }

  /** close(): ends whatever the call is doing, a wait or a request on the wire. */
  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  /** The URL with secrets masked; computed on demand, since only logs and errors need it. */
  safeURL(): string {
    this.#redacted ??= this.ctx.redactor.url(this.url);
    return this.#redacted;
  }

  /** A fresh controller after a timeout spent the previous one. */
  renew(): void {
    this.#unlink();
    this.#arm();
  }

  release(): void {
    this.ctx.inflight.delete(this);
    this.#unlink();
  }

  #arm(): void {
    const controller = new AbortController();
    this.controller = controller;
    this.#unlink = link(this.options.signal, controller);
    if (this.ctx.isClosed()) controller.abort();
  }
}

/** What one attempt came to: a value for the caller, or an outcome for decide(). */
type Attempted =
  | { kind: "done"; value: unknown }
  | {
      kind: "failed";
      outcome: Outcome;
      response?: Response;
      text?: string;
      error?: HotmartError;
      /** The time the attempt was given, for a timeout's message. */
      timeoutMs?: number;
      /** The limiter's ticket for this attempt, so a 429 can tell it which send failed. */
      ticket?: number;
    };

/** Resends of one call after 429s the rate limiter itself provoked; past this they use retries. */
const MAX_FREE_RESENDS = 5;

export async function execute<T>(
  ctx: PipelineContext,
  spec: RequestSpec,
  options?: RequestOptions | null,
): Promise<T> {
  // The request loop: send, decide, wait, again. The rules are in decide() (retry.ts). One async
  // function for the whole call: each extra layer cost a promise and a turn per request.
  // `null` is no options, as checkOptions accepts it (a default parameter only replaces undefined).
  const call = new Call(ctx, spec, options ?? {});
  try {
    const { method } = call;
    let refreshed = false;
    let freeResends = 0;
    for (let retry = 0; ; ) {
      const admitted = admit(call);
      let token = typeof admitted === "string" ? admitted : await admitted;
      // One attempt: a slot from the limiter, the request through attempt() (http.ts), then its body.
      // The default limiter with a free slot grants it synchronously: no promise, no await. (Tickets
      // start at 1, so `||` only falls through when there was no slot.)
      const { limiter } = ctx;
      let ticket = (limiter instanceof MemoryRateLimiter && !call.aborted && limiter.tryAcquire()) || 0;
      if (limiter && !ticket) {
        // Past this, the wait may have outlasted the token taken before it (a long queue, a 429's pause, a
        // process frozen meanwhile): taken again, it is not sent expired to meet a 401 and spend a slot on
        // it. Not after a shorter wait, well inside the refresh margin: a limiter that never grants
        // synchronously (a shared one, hotmart-redis) comes here for every request, and would have the
        // store read twice each time.
        const asked = Date.now();
        ticket = await acquireSlot(call, limiter);
        try {
          if (Date.now() - asked > 50) token = await admit(call);
        } catch (error) {
          limiter.stamp?.(ticket);
          throw error;
        }
      }
      const init = prepare(call, token, ticket, retry);
      const { controller } = call;
      const sent = await attempt(
        ctx.fetch,
        call.url,
        init,
        call.attemptTimeout,
        controller,
        limiter?.stamp ? () => limiter.stamp?.(ticket) : undefined,
      );
      const received = receive(call, sent, ticket);
      // A promise only when the body is validated against its schema.
      const result = received instanceof Promise ? await received : received;
      if (result.kind === "done") return result.value as T;

      const { outcome } = result;
      if (outcome.kind === "status" && outcome.status === 401 && !refreshed) {
        // The token may have been revoked or expired early: mint a new one and resend once. A 401 means
        // the request was not processed, so resending a write is safe too.
        refreshed = true;
        ctx.log.info("401 from Hotmart: refreshing the access token and resending once");
        await ctx.auth.invalidate(token);
        continue;
      }

      const decision = decide(outcome, { idempotent: call.idempotent, retry });
      const failure = toError(call, result, decision);
      let wait = decision.delayMs;
      if (decision.pauseClient && ctx.limiter) {
        // The whole client waits, not just this call: every other request would get a 429 too.
        const provoked = (await ctx.limiter.pause(wait, result.ticket ?? 0)) === true;
        wait = 0;
        // The limiter sent it on a guess while learning the quota: its mistake, not the caller's retry.
        if (provoked && freeResends < MAX_FREE_RESENDS) {
          freeResends += 1;
          // Still a 429 Hotmart answered and a resend: progress reports count both (`free` says why
          // `retry` did not move).
          call.options.onRetry?.({ retry, status: 429, delayMs: 0, free: true });
          if (ctx.log.enabled("debug"))
            ctx.log.debug(`429 provoked by the rate limiter: resending ${method} ${call.safeURL()}`);
          continue;
        }
      }
      // A client-wide pause longer than the time this call has left: fail now with the 429, not later.
      if (!decision.retry || retry >= call.maxRetries || monotonicNow() + decision.delayMs >= call.deadline) {
        // A GET that kept answering no body at all, after every second look: now it may count as empty.
        if (outcome.kind === "no-body" && !call.spec.expectBody) return call.spec.empty?.() as T;
        throw failure;
      }
      retry += 1;
      call.options.onRetry?.({
        retry,
        status: failure instanceof APIError ? failure.status : undefined,
        delayMs: wait,
      });
      // After a 429 the wait is the client's pause (the limiter holds the resend), not a sleep here.
      ctx.log.warn(
        `retrying ${method} ${call.safeURL()} in ${Math.round(decision.delayMs)} ms${
          decision.pauseClient && ctx.limiter ? ", when the client's pause ends" : ""
        } (retry ${retry} of ${call.maxRetries})`,
        { reason: failure.message },
      );
      try {
        await (ctx.sleep ?? sleep)(wait, call.signal);
      } catch {
        throw abortError(call, false);
      }
    }
  } finally {
    call.release();
  }
}

/** A valid access token (cached, or minted once for every caller waiting on it). */
function admit(call: Call): string | Promise<string> {
  if (call.aborted) throw abortError(call, false);
  // Almost every request finds the token cached: no promise, no await.
  return call.ctx.auth.cachedToken() ?? fetchToken(call);
}

/** The token request, waited for no longer than the call's total timeout (it may be slow, or retried). */
function fetchToken(call: Call): Promise<string> {
  return untilDeadline(
    call,
    call.ctx.auth.token(call.signal),
    "token",
    "an access token (the token request is slow, or failing and being retried)",
    "Raise totalTimeout to wait longer for it",
  );
}

/**
 * What is sent: the attempt's headers and signal, once it is sure to go out before the call's total
 * timeout (else the limiter's grant is closed and the call fails). Sets the attempt's timeout on `call`.
 * Synchronous, like `receive`: the call's one async function does the waiting (each layer of async
 * functions cost a promise and a turn per request).
 */
function prepare(call: Call, token: string, ticket: number, retry: number): RequestInit {
  const { ctx, method, options } = call;
  const remaining = call.deadline - monotonicNow();
  if (remaining <= 0) {
    // Not sent: close the grant, or the limiter would hold its slot as if it might still go out.
    ctx.limiter?.stamp?.(ticket);
    throw new APIConnectionTimeoutError(
      `${method} ${call.safeURL()} ran past its total timeout before it could be sent`,
      { outcomeUnknown: false, redactor: ctx.redactor },
    );
  }
  const { log } = ctx;
  // The clock is read for the debug line only: most clients never log.
  call.started = log.enabled("debug") ? Date.now() : 0;
  if (call.started) log.debug(`→ ${method} ${call.safeURL()}`, { attempt: retry + 1 });
  call.attemptTimeout = Math.min(call.timeout, remaining);
  return {
    method,
    signal: call.controller.signal,
    headers: headersOf(ctx.headers, options.headers, token),
    body: call.body ?? null,
    // Hotmart's API never redirects: a 3xx comes back as the error it is, never followed.
    redirect: "manual",
  };
}

/** What an attempt came to. A promise only when the body is validated (the schemas load on demand). */
function receive(call: Call, result: AttemptOutcome, ticket: number): Attempted | Promise<Attempted> {
  const { ctx, method } = call;
  const timeout = call.attemptTimeout;
  if (result.kind === "aborted") throw abortError(call, true);
  if (result.kind === "timeout") call.renew();
  if (result.kind !== "response") return { kind: "failed", outcome: fromAttempt(result), timeoutMs: timeout };

  const { response, text } = result;
  // The attempt's timeout tells the default limiter a slow answer from one a frozen process read late.
  (ctx.limiter as MemoryRateLimiter | undefined)?.observe(response.headers, ticket, undefined, timeout);
  call.spec.onResponse?.(response, text);
  const { log } = ctx;
  if (log.enabled("debug")) {
    log.debug(`← ${response.status} ${method} ${call.safeURL()}`, {
      ms: Date.now() - call.started,
      bytes: text.length,
    });
  }
  if (!response.ok) {
    return {
      kind: "failed",
      outcome: { kind: "status", status: response.status, headers: response.headers },
      response,
      text,
      ticket,
    };
  }
  if (text.trim() === "" && call.idempotent)
    return { kind: "failed", outcome: { kind: "no-body" }, response };
  try {
    const accepted = accept(call, text, response);
    return accepted instanceof Promise
      ? accepted.then((value): Attempted => ({ kind: "done", value }), unreadable)
      : { kind: "done", value: accepted };
  } catch (error) {
    return unreadable(error);
  }
}

/** A body that could not be read is an outcome for decide(); any other error goes up as it is. */
function unreadable(error: unknown): Attempted {
  if (!(error instanceof ResponseParseError)) throw error;
  return { kind: "failed", outcome: { kind: "unreadable" }, error };
}

const PAST_DEADLINE = Symbol("past the total timeout");

/**
 * A slot from the limiter, waited for no longer than the call's total timeout: after a 429 the whole
 * client may be paused for a minute, and a call with `totalTimeout: 5_000` must not sit there for it.
 */
function acquireSlot(call: Call, limiter: RateLimiter): Promise<number> {
  if (call.signal.aborted) throw abortError(call, false);
  // The call's own signal: the caller's abort and close() reach the limiter through it, and no second
  // controller is made per request. (The default limiter's free slots never come here: tryAcquire.)
  return untilDeadline(
    call,
    limiter.acquire(call.signal),
    "rate-limiter",
    "the rate limiter (the client is paused after a 429 or its quota is spent)",
    "Raise totalTimeout to wait for the quota, or send fewer requests",
  );
}

/**
 * `pending`, a wait before the call's request is sent (for the limiter or a token), given no longer
 * than the call has left: past its deadline the call fails, unsent, with the timeout that says what it
 * waited for. `pending` must settle when the call's signal aborts.
 */
async function untilDeadline<T>(
  call: Call,
  pending: Promise<T>,
  waitedFor: "rate-limiter" | "token",
  what: string,
  advice: string,
): Promise<T> {
  const { ctx, signal, method } = call;
  // Past the deadline the call fails with the error below, so spending its controller costs nothing.
  const { controller } = call;
  const timer = setTimeout(
    () => controller.abort(PAST_DEADLINE),
    Math.max(0, call.deadline - monotonicNow()),
  );
  try {
    return await pending;
  } catch (error) {
    if (signal.reason === PAST_DEADLINE) {
      throw new APIConnectionTimeoutError(
        `${method} ${call.safeURL()} ran past its total timeout while waiting for ${what}; it was not sent. ${advice}`,
        { outcomeUnknown: false, redactor: ctx.redactor, waitedFor },
      );
    }
    if (signal.aborted) throw abortError(call, false);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function fromAttempt(result: Exclude<AttemptOutcome, { kind: "response" | "aborted" }>): Outcome {
  return result.kind === "timeout" ? { kind: "timeout" } : { kind: "network", error: result.error };
}

/**
 * A 2xx body: parsed, checked against its shape and (when asked) its schema. Synchronous unless it
 * validates: most calls do not, and need no promise for it.
 */
function accept(call: Call, text: string, response: Response): unknown {
  const { ctx, spec, options } = call;
  const parsed = parseBody(text, response, spec, writeOutcome(call, false), ctx.redactor);
  const mode = options.validate ?? ctx.validate;
  // `select` trims the fields Hotmart returns on purpose, so the full schema cannot apply.
  if (!spec.schema || mode === "off" || hasSelect(spec.query) || hasSelect(options.query)) return parsed;
  return validated(call, parsed, spec.schema, mode);
}

async function validated(
  call: Call,
  parsed: unknown,
  schema: SchemaName,
  mode: Exclude<ValidateMode, "off">,
): Promise<unknown> {
  const { ctx } = call;
  // Loaded with the first validated response: a client that never validates does not carry it.
  const { validateBody } = await import("./schema-check");
  await validateBody(parsed, schema, mode, ctx.log, ctx.schemas, {
    redactor: ctx.redactor,
    outcomeUnknown: writeOutcome(call, false),
  });
  return parsed;
}

/** The error for a failed attempt, given what decide() made of it. */
function toError(
  call: Call,
  result: Extract<Attempted, { kind: "failed" }>,
  decision: Decision,
): HotmartError {
  const { ctx, method } = call;
  const { outcome } = result;
  const unknown = decision.outcomeUnknown === true;
  const note = unknown ? `. ${OUTCOME_UNKNOWN}` : "";
  const redactor = ctx.redactor;
  switch (outcome.kind) {
    case "timeout":
      // Whole ms: an attempt cut short by the call's total timeout gets what is left of it, which the
      // monotonic clock counts in fractions of a millisecond ("timed out after 57.1300000023 ms").
      return new APIConnectionTimeoutError(
        `${method} ${call.safeURL()} timed out after ${Math.round(result.timeoutMs ?? call.timeout)} ms${note}`,
        { outcomeUnknown: unknown, redactor },
      );
    case "network": {
      const reason = describeCause(outcome.error);
      return new APIConnectionError(
        unknown
          ? `${method} ${call.safeURL()} failed mid-request (${reason})${note}`
          : `${method} ${call.safeURL()} could not reach Hotmart: ${reason}`,
        { cause: sanitizeCause(outcome.error, redactor), outcomeUnknown: unknown, redactor },
      );
    }
    case "status":
      return APIError.from({
        status: outcome.status,
        headers: outcome.headers,
        body: parseJSONLoose(result.text ?? "", 500),
        method,
        url: call.safeURL(),
        note: unknown ? OUTCOME_UNKNOWN : undefined,
        outcomeUnknown: decision.outcomeUnknown,
        redactor,
      });
    case "no-body": {
      const status = result.response?.status ?? 200;
      return new ResponseParseError(
        `Hotmart answered ${status} with an empty body where this endpoint always returns data; it may have been cut off`,
        {
          status,
          contentType: result.response?.headers.get("content-type") ?? undefined,
          body: "",
          outcomeUnknown: decision.outcomeUnknown,
          redactor,
        },
      );
    }
    case "unreadable":
      return result.error ?? new HotmartError("unreadable response", { redactor });
  }
}

export function buildURL(baseURL: string, path: string, query?: object, extra?: object): string {
  const base = baseURL.endsWith("/") ? baseURL.slice(0, -1) : baseURL;
  const params = encodeQuery(query);
  if (extra) {
    for (const key of Object.keys(extra)) params.delete(key);
    encodeQuery(extra, params);
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ""}`;
}

function parseBody(
  text: string,
  response: Response,
  spec: RequestSpec,
  outcomeUnknown: boolean | undefined,
  redactor: Redactor,
): unknown {
  const trimmed = text.trim();
  // Read only for a fault's message: a Headers lookup is not free, and most bodies are fine.
  const contentType = () => response.headers.get("content-type") ?? undefined;
  const fault = (message: string, cause?: unknown) =>
    new ResponseParseError(message, {
      status: response.status,
      contentType: contentType(),
      body: text,
      cause,
      outcomeUnknown,
      redactor,
    });
  if (trimmed === "" && spec.expectBody && !spec.empty) {
    throw fault(
      `Hotmart answered ${response.status} with an empty body where this endpoint always returns data; it may have been cut off`,
    );
  }
  if (trimmed === "" || (trimmed === "{}" && spec.empty)) return spec.empty ? spec.empty() : undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (cause) {
    throw fault(
      `Hotmart answered ${response.status} with a body that is not valid JSON (${
        contentType() ?? "no content type"
      }, ${text.length} bytes); it may have been cut off`,
      cause,
    );
  }
  if (spec.accept && !spec.accept(parsed)) {
    throw fault(
      `Hotmart answered ${response.status} with a body that is not the shape this endpoint returns (${text.length} bytes)`,
    );
  }
  return parsed;
}

/** `outcomeUnknown` for this call: the value for a write, undefined for a read. */
function writeOutcome(call: Call, unknown: boolean): boolean | undefined {
  return call.idempotent ? undefined : unknown;
}

/** `inFlight`: the abort came while an attempt was out, so a write may have reached Hotmart. */
function abortError(call: Call, inFlight: boolean): HotmartError {
  const { ctx, method } = call;
  const outcomeUnknown = writeOutcome(call, inFlight);
  const redactor = ctx.redactor;
  const note = outcomeUnknown ? `. ${OUTCOME_UNKNOWN}` : "";
  if (ctx.isClosed()) {
    return new HotmartError(
      `${method} ${call.safeURL()} was cancelled because the client was closed${note}`,
      { outcomeUnknown, redactor },
    );
  }
  return new APIUserAbortError(`${method} ${call.safeURL()} was aborted by the caller${note}`, {
    cause: call.controller.signal.reason,
    outcomeUnknown,
    redactor,
  });
}

function hasSelect(query: object | undefined): boolean {
  const select = (query as { select?: unknown } | undefined)?.select;
  return select !== undefined && select !== null && select !== "";
}

/**
 * What a request sends: ours, then the client's `defaultHeaders`, then the call's `headers`, each
 * replacing a header of the same name whatever its case (fetch would join "authorization" and
 * "Authorization" into one value, "Bearer x, Bearer <token>"), the app's names kept as written; a
 * value left undefined sends none. The token always wins. Without headers of the app's, one literal.
 */
function headersOf(
  defaults: Record<string, string>,
  given: Record<string, string> | undefined,
  token: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
  };
  // Non-short-circuit `|`: both are added.
  if (addHeaders(headers, defaults) | addHeaders(headers, given)) dropName(headers, "authorization");
  headers.Authorization = `Bearer ${token}`;
  return headers;
}

/** Adds `from` to `headers`, each replacing a header of the same name; 1 when it added any. */
function addHeaders(headers: Record<string, string>, from: Record<string, string> | undefined): number {
  let added = 0;
  if (from) {
    for (const name of Object.keys(from)) {
      const value = from[name];
      if (value === undefined) continue;
      dropName(headers, name);
      headers[name] = value;
      added = 1;
    }
  }
  return added;
}

/** Removes every header named `name`, whatever its case. */
function dropName(headers: Record<string, string>, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
}
