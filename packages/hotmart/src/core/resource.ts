import type { Hotmart } from "../client";
import { execute, type RequestSpec } from "../internal/pipeline";
import { PagePromise, type PageResponse } from "./pagination";
import type { RequestOptions } from "./types";

/** Params every list method takes besides its filters. */
export interface PageParams {
  /** Page size; Hotmart clamps values above the endpoint's maximum. */
  max_results?: number | undefined;
  /** Resume from this cursor (a `next_page_token` or `prev_page_token` from an earlier page). */
  page_token?: string | undefined;
  /** Comma-separated dot paths to keep in each item (Hotmart's custom response). */
  select?: string | undefined;
}

/**
 * Base of every resource: the shared pipeline in three shapes (one object, one page list, a write).
 * Unknown keys in `params` are forwarded as query parameters, so new Hotmart filters work before the
 * SDK knows them.
 */
export abstract class APIResource {
  protected readonly _client: Hotmart;

  constructor(client: Hotmart) {
    this._client = client;
  }

  // async, so that a closed client or bad input rejects the returned promise rather than throwing.
  protected async _request<T>(spec: RequestSpec, options?: RequestOptions): Promise<T> {
    // An endpoint with no documented empty value always answers data: an empty body is a fault.
    return execute<T>(this._client._context(), { expectBody: spec.empty === undefined, ...spec }, options);
  }

  protected _list<T>(
    path: string,
    params: object | undefined,
    options: RequestOptions | undefined,
    schema?: string,
  ): PagePromise<T> {
    const base = { ...params } as Record<string, unknown>;
    const start = typeof base.page_token === "string" ? base.page_token : undefined;
    return new PagePromise<T>(
      (token, signal) =>
        this._request<PageResponse<T>>(
          {
            method: "GET",
            path,
            query: token === undefined ? base : { ...base, page_token: token },
            // A first page may be empty (`{}` or no body: nothing matches). A page asked for by cursor
            // exists by definition, so an empty or item-less answer there is a fault, never the end.
            ...(token === undefined && start === undefined
              ? { empty: () => ({ items: [], page_info: {} }) }
              : { expectBody: true, accept: isPage }),
            schema,
          },
          signal ? { ...options, signal: linkSignals(options?.signal, signal) } : options,
        ),
      start,
    );
  }
}

/**
 * `xxxAutopaginate` twins of the list methods (the Python SDK's `*_autopaginate` names): the same
 * arguments, every item of every page.
 */
export function autopaginate<A extends unknown[], T>(
  list: (...args: A) => PagePromise<T>,
): (...args: A) => AsyncGenerator<T, void, undefined> {
  return (...args: A) => list(...args).iterate();
}

/** Aborts when either does (AbortSignal.any where the runtime has it). */
function linkSignals(a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  if (!a) return b;
  if (typeof AbortSignal.any === "function") return AbortSignal.any([a, b]);
  const controller = new AbortController();
  const abort = (s: AbortSignal) => () => controller.abort(s.reason);
  if (a.aborted || b.aborted) controller.abort((a.aborted ? a : b).reason);
  a.addEventListener("abort", abort(a), { once: true });
  b.addEventListener("abort", abort(b), { once: true });
  return controller.signal;
}

function isPage(body: unknown): boolean {
  return typeof body === "object" && body !== null && Array.isArray((body as { items?: unknown }).items);
}
