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
import { attempt } from "./http";
import type { Log } from "./log";
import { encodeBody, encodeQuery } from "./query";
import type { RateLimiter } from "./rate-limit";
import type { Redactor } from "./redact";
import {
  backoffMs,
  isIdempotent,
  RETRYABLE_STATUS,
  retryAfterMs,
  serverDelayMs,
  surelyNotSent,
} from "./retry";
import { sleep } from "./sleep";
import { type SchemaRegistry, validateBody } from "./validate";

/** What one client (and its withOptions() clones) share: credentials, limiter, logger. */
export interface PipelineContext {
  baseURL: string;
  fetch: typeof fetch;
  auth: TokenManager;
  limiter: RateLimiter | undefined;
  log: Log;
  redactor: Redactor;
  timeout: number;
  totalTimeout: number;
  maxRetries: number;
  headers: Record<string, string>;
  validate: ValidateMode;
  /**
   * One controller per call in flight, so close() can cancel them all. (A shared "closed" signal would
   * collect a listener per concurrent request and trip Node's listener-leak warning.)
   */
  inflight: Set<AbortController>;
  isClosed: () => boolean;
  /** The registry given with the `schemas` option; otherwise hotmart/schemas is imported on first use. */
  schemas?: SchemaRegistry | undefined;
}

export interface RequestSpec {
  method: HttpMethod;
  path: string;
  query?: object | undefined;
  body?: unknown;
  /** The documented value of an empty (or `{}`) response body. */
  empty?: (() => unknown) | undefined;
  /**
   * The endpoint always answers a body of a known shape: an empty body, or one `accept` refuses, is a
   * transport fault (retried on reads), never a silent empty result.
   */
  expectBody?: boolean | undefined;
  accept?: ((body: unknown) => boolean) | undefined;
  /** Name of the response schema in hotmart/schemas, for `validate`. */
  schema?: SchemaName | undefined;
  /**
   * Called with every HTTP response received (a retried attempt's too) and its body text, before it is
   * parsed: how `.withResponse()` and the rate-limit readers see the raw response at no cost when unused.
   */
  onResponse?: ((response: Response, text: string) => void) | undefined;
}

const USER_AGENT = "hotmart-typescript/0.1.0";

export async function execute<T>(
  ctx: PipelineContext,
  spec: RequestSpec,
  options: RequestOptions = {},
): Promise<T> {
  const url = buildURL(ctx.baseURL, spec.path, spec.query, options.query);
  const controller = new AbortController();
  const unlink = follow(options.signal, controller);
  ctx.inflight.add(controller);
  try {
    return await run<T>(ctx, spec, options, url, controller.signal);
  } finally {
    ctx.inflight.delete(controller);
    unlink();
  }
}

async function run<T>(
  ctx: PipelineContext,
  spec: RequestSpec,
  options: RequestOptions,
  url: string,
  signal: AbortSignal,
): Promise<T> {
  const method = spec.method;
  const idempotent = isIdempotent(method);
  // Redacting the URL costs a parse per call; only logs and errors need it, so it is computed on demand.
  let redacted: string | undefined;
  const safe = () => {
    redacted ??= ctx.redactor.url(url);
    return redacted;
  };
  const maxRetries = Math.max(0, options.maxRetries ?? ctx.maxRetries);
  const timeout = options.timeout ?? ctx.timeout;
  const deadline = Date.now() + (options.totalTimeout ?? ctx.totalTimeout);
  const body = spec.body === undefined ? undefined : JSON.stringify(encodeBody(spec.body));
  const { log } = ctx;

  let retries = 0;
  let resentAfter401 = false;
  for (;;) {
    if (signal?.aborted) throw abortError(signal, ctx, method, safe());
    let token: string;
    let ticket = 0;
    try {
      token = await ctx.auth.token(signal);
      if (ctx.limiter) ticket = await ctx.limiter.acquire(signal);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, ctx, method, safe());
      throw error;
    }

    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new APIConnectionTimeoutError(
        `${method} ${safe()} ran past its total timeout before it could be sent`,
        {
          outcomeUnknown: false,
        },
      );
    }
    const started = Date.now();
    if (log.enabled("debug")) log.debug(`→ ${method} ${safe()}`, { attempt: retries + 1 });
    const outcome = await attempt(
      ctx.fetch,
      url,
      {
        method,
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "User-Agent": USER_AGENT,
          ...ctx.headers,
          ...options.headers,
          Authorization: `Bearer ${token}`,
        },
        ...(body === undefined ? {} : { body }),
      },
      Math.min(timeout, remaining),
      signal,
      ctx.limiter ? () => ctx.limiter?.stamp(ticket) : undefined,
    );

    let failure: HotmartError;
    let retryable: boolean;
    let delay: number | undefined;

    if (outcome.kind === "aborted") throw abortError(signal, ctx, method, safe());
    if (outcome.kind === "timeout") {
      failure = new APIConnectionTimeoutError(
        idempotent
          ? `${method} ${safe()} timed out after ${Math.min(timeout, remaining)} ms`
          : `${method} ${safe()} timed out after ${Math.min(timeout, remaining)} ms. The outcome is unknown: ` +
              "Hotmart may have processed it, and writes are not idempotent, so it was not retried. " +
              "Check its effect before sending it again",
        { outcomeUnknown: !idempotent },
      );
      retryable = idempotent;
    } else if (outcome.kind === "network") {
      const notSent = surelyNotSent(outcome.error);
      const reason = describeCause(outcome.error);
      failure = new APIConnectionError(
        notSent || idempotent
          ? `${method} ${safe()} could not reach Hotmart: ${reason}`
          : `${method} ${safe()} failed mid-request (${reason}). The outcome is unknown: Hotmart may have ` +
              "processed it, and writes are not idempotent, so it was not retried. Check its effect before sending it again",
        { cause: sanitizeCause(outcome.error, ctx.redactor), outcomeUnknown: !notSent && !idempotent },
      );
      retryable = idempotent || notSent;
    } else {
      const { response, text } = outcome;
      ctx.limiter?.observe(response.headers, ticket);
      spec.onResponse?.(response, text);
      if (log.enabled("debug")) {
        log.debug(`← ${response.status} ${method} ${safe()}`, {
          ms: Date.now() - started,
          bytes: text.length,
        });
      }

      if (response.status === 401 && !resentAfter401) {
        // The token may have been revoked or expired early: mint a new one and resend once. A 401 means
        // the request was not processed, so resending a write is safe too.
        resentAfter401 = true;
        log.info("401 from Hotmart: refreshing the access token and resending once");
        await ctx.auth.invalidate(token);
        continue;
      }

      if (response.ok) {
        try {
          const parsed = parseBody(text, response, spec);
          const mode = options.validate ?? ctx.validate;
          // `select` trims the fields Hotmart returns on purpose, so the full schema cannot apply.
          const selected = hasSelect(spec.query) || hasSelect(options.query);
          if (spec.schema && mode !== "off" && !selected)
            await validateBody(parsed, spec.schema, mode, log, ctx.schemas);
          return parsed as T;
        } catch (error) {
          if (!(error instanceof ResponseParseError)) throw error;
          // A cut-off body is a transport fault: safe to read again with a GET. A write already succeeded
          // (2xx), so it is reported, never resent.
          failure = error;
          retryable = idempotent;
        }
      } else {
        const parsedError = parseErrorBody(text);
        const status = response.status;
        const hinted = status === 429 ? serverDelayMs(response.headers) : retryAfterMs(response.headers);
        failure = APIError.from({
          status,
          headers: response.headers,
          body: parsedError,
          method,
          url: safe(),
        });
        retryable = RETRYABLE_STATUS.has(status) && (idempotent || status === 429);
        if (status === 429) {
          // The whole client waits, not just this request: every other request would get a 429 too.
          const pauseMs = hinted ?? backoffMs(retries);
          ctx.limiter?.pause(pauseMs);
          delay = ctx.limiter ? 0 : pauseMs;
        } else {
          delay = hinted;
        }
        if (!retryable && !idempotent && status >= 500) {
          failure = APIError.from({
            status,
            headers: response.headers,
            body: parsedError,
            method,
            url: safe(),
            message: `${failure.message}. The outcome is unknown: Hotmart may have applied this write, so it was not retried`,
          });
        }
      }
    }

    if (!retryable || retries >= maxRetries) throw failure;
    const wait = delay ?? backoffMs(retries);
    if (Date.now() + wait >= deadline) throw failure;
    retries += 1;
    options.onRetry?.({
      retry: retries,
      status: failure instanceof APIError ? failure.status : undefined,
      delayMs: wait,
    });
    log.warn(`retrying ${method} ${safe()} in ${Math.round(wait)} ms (retry ${retries} of ${maxRetries})`, {
      reason: failure.message,
    });
    try {
      await sleep(wait, signal);
    } catch {
      throw abortError(signal, ctx, method, safe());
    }
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

function parseBody(text: string, response: Response, spec: RequestSpec): unknown {
  const trimmed = text.trim();
  const contentType = response.headers.get("content-type") ?? undefined;
  if (trimmed === "" && spec.expectBody && !spec.empty) {
    throw new ResponseParseError(
      `Hotmart answered ${response.status} with an empty body where this endpoint always returns data; it may have been cut off`,
      { status: response.status, contentType, body: text },
    );
  }
  if (trimmed === "" || (trimmed === "{}" && spec.empty)) return spec.empty ? spec.empty() : undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (cause) {
    throw new ResponseParseError(
      `Hotmart answered ${response.status} with a body that is not valid JSON (${
        response.headers.get("content-type") ?? "no content type"
      }, ${text.length} bytes); it may have been cut off`,
      {
        status: response.status,
        contentType: response.headers.get("content-type") ?? undefined,
        body: text,
        cause,
      },
    );
  }
  if (spec.accept && !spec.accept(parsed)) {
    throw new ResponseParseError(
      `Hotmart answered ${response.status} with a body that is not the shape this endpoint returns (${text.length} bytes)`,
      { status: response.status, contentType, body: text },
    );
  }
  return parsed;
}

function parseErrorBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}

function abortError(
  signal: AbortSignal | undefined,
  ctx: PipelineContext,
  method: string,
  safeURL: string,
): HotmartError {
  if (ctx.isClosed())
    return new HotmartError(`${method} ${safeURL} was cancelled because the client was closed`);
  return new APIUserAbortError(`${method} ${safeURL} was aborted by the caller`, { cause: signal?.reason });
}

/** Aborts `controller` when `signal` does; returns the unlink function. */
function follow(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => {};
  }
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

function hasSelect(query: object | undefined): boolean {
  const select = (query as { select?: unknown } | undefined)?.select;
  return select !== undefined && select !== null && select !== "";
}
