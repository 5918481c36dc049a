import type { Hotmart } from "../client";
import { checkOptions } from "../internal/options";
import type { ListTarget, PreparedList } from "../internal/params";
import { execute, type RequestSpec } from "../internal/pipeline";
import { link, NOOP } from "../internal/signals";
import { snapshot } from "../internal/snapshot";
import { APIPromise, type RawResult } from "./api-promise";
import type { ListDefinition } from "./list-definition";
import { type PageFetcher, PagePromise, type PageResponse } from "./pagination";
import type { RequestOptions, SchemaName } from "./types";

export {
  defineList,
  type FilterKinds,
  type ListDefinition,
  type PageParams,
} from "./list-definition";

/** A request of a resource method: the pipeline's spec, plus the call's name for messages. */
export interface ResourceRequest extends Omit<RequestSpec, "onResponse"> {
  /** How the method is called, for messages: `"subscriptions.cancel"`. */
  call?: string | undefined;
}

/**
 * Base of every resource: the checks and the shared pipeline, in two shapes (one request, a page list).
 * Params objects are closed: an unknown key is refused before sending (with "did you mean" when it is a
 * near miss); a parameter the SDK does not know yet goes through `options.query`. Every method reports
 * a failure by rejecting the promise it returns, never by throwing.
 */
export abstract class APIResource {
  // `declare`d: the constructor assigns it (core/errors.ts says why).
  /** The client this resource sends through (its options, token, rate limiter and retries). */
  declare protected readonly _client: Hotmart;

  constructor(client: Hotmart) {
    this._client = client;
  }

  /**
   * Sends one request. `spec` may be a function, so checks that throw inside it reject the returned
   * promise instead of throwing; an async one can import checks that only a rarely used method needs.
   */
  protected _request<T>(
    spec: ResourceRequest | (() => ResourceRequest | Promise<ResourceRequest>),
    options?: RequestOptions,
  ): APIPromise<T> {
    return new APIPromise<T>(this.#send<T>(spec, options));
  }

  async #send<T>(
    spec: ResourceRequest | (() => ResourceRequest | Promise<ResourceRequest>),
    options: RequestOptions | undefined,
  ): Promise<RawResult<T>> {
    let resolved = typeof spec === "function" ? spec() : spec;
    // Only an async spec waits: a plain one is sent in this same turn, as before.
    if (resolved instanceof Promise) resolved = await resolved;
    const { call, ...request } = resolved;
    checkOptions(call ?? `${resolved.method} ${resolved.path}`, options);
    let raw: Response | undefined;
    let text = "";
    const client = this._client;
    const data = await execute<T>(
      client._context(),
      {
        // An endpoint with no documented empty value always answers data: an empty body is a fault.
        expectBody: request.empty === undefined,
        ...request,
        onResponse: (response, body) => {
          raw = response;
          text = body;
          client._sawResponse(response);
        },
      },
      options,
    );
    return { data, raw, text };
  }

  /**
   * A page list: `await` gives the first page, `for await` every item. Params and options are checked
   * before the first request (a failure rejects the PagePromise, and nothing is sent). The string-path
   * form forwards params unchecked, for resources written before list definitions. The definition may
   * come from a loader: the SDK's own resources import theirs, with their checks, on first use.
   */
  protected _list<P, T, I extends unknown[]>(
    definition: ListDefinition<P, T, I> | (() => Promise<ListDefinition<P, T, I>>),
    params: P | undefined,
    options: RequestOptions | undefined,
    ...ids: I
  ): PagePromise<T>;
  protected _list<T>(
    path: string,
    params: object | undefined,
    options: RequestOptions | undefined,
    schema?: SchemaName,
  ): PagePromise<T>;
  protected _list<T>(
    // biome-ignore lint/suspicious/noExplicitAny: the overloads above carry the types
    target: ListTarget<any, T>,
    params: unknown,
    options: RequestOptions | undefined,
    ...rest: unknown[]
  ): PagePromise<T> {
    // The checks run on the first fetch, after an await: they see the params as they were at the call.
    const given = snapshot(params);
    // Known now, for the PagePromise: the checks refuse a page_token that is not a string.
    const pageToken = (given as { page_token?: unknown } | null | undefined)?.page_token;
    const start = typeof pageToken === "string" ? pageToken : undefined;
    let prepared: Promise<PreparedList> | undefined;
    const fetcher: PageFetcher<T> = (token, signal) => {
      const ahead = signal ? withWalkSignal(options, signal) : undefined;
      const page = this._request<PageResponse<T>>(
        async () => {
          // Once per list: every page of one walk sends the same checked query. The checks and their
          // messages are a module of their own, imported on first use, so an app that has not listed
          // anything yet has not loaded them.
          prepared ??= import("../internal/params").then((m) => m.prepareList(target, given, rest));
          const { path, query, schema, call, accept, emptyBody } = await prepared;
          return {
            method: "GET",
            path,
            query: token === undefined ? query : { ...query, page_token: token },
            // A first page may be empty: `{}` means nothing matches, and no body at all too where
            // Hotmart answers so (`emptyBody`; elsewhere it is a fault after the retries). A page asked
            // for by cursor exists by definition, so an empty answer there is a fault, never the end.
            // Any other body must be a page (`accept`): "hello" or `{"items":"nope"}` is a fault.
            ...(token === undefined && start === undefined
              ? { empty: () => ({ items: [], page_info: {} }), expectBody: !emptyBody }
              : { expectBody: true }),
            accept,
            schema,
            call,
          };
        },
        ahead ? ahead.options : options,
      );
      if (ahead) page.then(ahead.settled, ahead.settled);
      return page;
    };
    return new PagePromise<T>(fetcher, start);
  }
}

/** The `xxxAutopaginate` twin of a list method: the same arguments, every item of every page. */
export type Autopaginate<F> = F extends (...args: infer A) => PagePromise<infer T>
  ? (...args: A) => AsyncGenerator<T, void, undefined>
  : never;

/**
 * `xxxAutopaginate` twins of the list methods (the Python SDK's `*_autopaginate` names), defined once on
 * the prototype. Declare each in the class as `declare readonly xAutopaginate: Autopaginate<C["x"]>`.
 */
export function defineAutopaginate<C extends APIResource>(
  // biome-ignore lint/suspicious/noExplicitAny: any constructor of C, whatever its parameters
  resource: abstract new (...args: any[]) => C,
  names: readonly (keyof C & string)[],
): void {
  for (const name of names) {
    Object.defineProperty(resource.prototype, `${name}Autopaginate`, {
      value(this: Record<string, (...args: unknown[]) => PagePromise<unknown>>, ...args: unknown[]) {
        return (this[name] as (...a: unknown[]) => PagePromise<unknown>)(...args).iterate();
      },
      writable: true,
      configurable: true,
    });
  }
}

/** Wraps a list method as its `xxxAutopaginate` twin (for resources of your own). */
export function autopaginate<A extends unknown[], T>(
  list: (...args: A) => PagePromise<T>,
): (...args: A) => AsyncGenerator<T, void, undefined> {
  return (...args: A) => list(...args).iterate();
}

/**
 * The options of a page fetched ahead: its own signal (the walk's, aborted when the loop no longer wants
 * the page) joined with the caller's. The link goes through internal/signals, like every abort listener,
 * and is undone when the page settles: a long walk on one caller signal leaves nothing on it.
 */
function withWalkSignal(
  options: RequestOptions | undefined,
  walk: AbortSignal,
): { options: RequestOptions; settled: () => void } {
  if (!options?.signal) return { options: { ...options, signal: walk }, settled: NOOP };
  const controller = new AbortController();
  const unlinkCaller = link(options.signal, controller);
  const unlinkWalk = link(walk, controller);
  const settled = () => {
    unlinkCaller();
    unlinkWalk();
  };
  return { options: { ...options, signal: controller.signal }, settled };
}
