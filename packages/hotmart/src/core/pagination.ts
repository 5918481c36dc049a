import {
  APIPromise,
  type RateLimitInfo,
  type RawResult,
  readRateLimit,
  rebuild,
  type WithResponse,
} from "./api-promise";
import { PaginationError } from "./errors";

/** Hotmart's cursor envelope. Not every endpoint sends every field; `results_per_page` is unreliable. */
export interface PageInfo {
  /**
   * Items matching the query across every page, paging aside. Sent by some endpoints only (sales reports,
   * subscriptions list, Club students, event tickets); absent on others (subscriptions summary and
   * transactions, products, offers, plans, coupons). See docs/api-notes.md §3.
   */
  total_results?: number;
  /**
   * Cursor of the next page: pass it back as `page_token` (or call {@link Page.getNextPage}). Absent or
   * `null` on the last page.
   */
  next_page_token?: string | null;
  /** Cursor of the previous page, to pass as `page_token` to go back; absent or `null` on the first page. */
  prev_page_token?: string | null;
  /** Meant as the item count of this page, but Hotmart's figure is unreliable: count `items.length`. */
  results_per_page?: number;
}

/** The body of every paginated Hotmart endpoint (docs/api-notes.md §3), as a {@link Page} holds it. */
export interface PageResponse<T> {
  /** The records of this page, in Hotmart's order; empty when nothing matches. */
  items: T[];
  /** The cursors and counts of this page. */
  page_info: PageInfo;
}

/**
 * Fetches one page for the given cursor (undefined: the first page of the original query). `signal`
 * cancels a page fetched ahead that the loop no longer wants. The resources return an APIPromise,
 * which also carries the HTTP response of the page.
 */
export type PageFetcher<T> = (
  pageToken: string | undefined,
  signal?: AbortSignal,
) => Promise<PageResponse<T>>;

/** One page of results, with the means to get the next. */
export class Page<T> implements PageResponse<T> {
  // `declare`d, here and below: the constructor assigns them (core/errors.ts says why).
  /** The records of this page; `[]` when Hotmart answered `{}` or an empty body (nothing matched). */
  declare readonly items: T[];
  /** The cursors and counts of this page; `{}` when Hotmart sent none. */
  declare readonly page_info: PageInfo;
  readonly #fetch: PageFetcher<T>;
  readonly #raw: RawResult<unknown> | undefined;
  readonly #at: number;

  constructor(
    response: Partial<PageResponse<T>> | undefined,
    fetcher: PageFetcher<T>,
    /** @internal The HTTP response the page came from. */
    raw?: RawResult<unknown>,
  ) {
    // `{}` or an empty body means "nothing here" (select with no match, a product without coupons).
    this.items = Array.isArray(response?.items) ? response.items : [];
    this.page_info = response?.page_info ?? {};
    this.#fetch = fetcher;
    this.#raw = raw;
    this.#at = Date.now();
  }

  /** The RateLimit-* headers Hotmart sent with this page (undefined when it sent none). */
  get rateLimit(): RateLimitInfo | undefined {
    const headers = this.#raw?.raw?.headers;
    return headers ? readRateLimit(headers, this.#at) : undefined;
  }

  /** The HTTP response this page came from, its body unread (undefined for a page built by hand). */
  response(): Response | undefined {
    return this.#raw?.raw ? rebuild(this.#raw) : undefined;
  }

  /** True when Hotmart sent a non-empty `next_page_token`: {@link Page.getNextPage} has a page to fetch. */
  hasNextPage(): boolean {
    const next = this.page_info.next_page_token;
    return typeof next === "string" && next !== "";
  }

  /** The cursor to resume from later, e.g. after a crash: pass it back as `page_token`. */
  nextPageToken(): string | undefined {
    return this.hasNextPage() ? (this.page_info.next_page_token as string) : undefined;
  }

  /**
   * Fetches the page after this one (same query, `page_token` = this page's `next_page_token`). Rejects
   * with a PaginationError on the last page: check {@link Page.hasNextPage} first.
   */
  async getNextPage(): Promise<Page<T>> {
    const token = this.nextPageToken();
    if (token === undefined) throw new PaginationError("This is the last page: check hasNextPage() first");
    return loadPage(this.#fetch, token);
  }
}

/** Options of {@link PagePromise.iterate} and {@link PagePromise.toArray}. */
export interface IterateOptions {
  /** Stop after this many items in total. */
  limit?: number;
}

/**
 * What every list method returns. `await` it for the first page; `for await` it for every item of
 * every page; `.pages()` for page by page (to checkpoint the cursor). A cursor Hotmart repeats ends
 * the walk with a PaginationError instead of looping forever.
 *
 * @example
 * const first = await hotmart.sales.history({ max_results: 50 }); // one page
 * for await (const sale of hotmart.sales.history({ transaction_status: "APPROVED" })) {
 *   console.log(sale.purchase.transaction); // every item of every page
 * }
 * for await (const page of hotmart.subscriptions.list({ status: "ACTIVE" }).pages()) {
 *   save(page.nextPageToken()); // resume later with { page_token: saved }
 * }
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetch: PageFetcher<T>;
  readonly #startToken: string | undefined;
  #first: Promise<Page<T>> | undefined;

  constructor(fetcher: PageFetcher<T>, startToken?: string) {
    this.#fetch = fetcher;
    this.#startToken = startToken;
  }

  #firstPage(): Promise<Page<T>> {
    // Lazy and memoised: building the promise sends nothing; awaiting it twice sends one request.
    this.#first ??= loadPage(this.#fetch, this.#startToken);
    return this.#first;
  }

  /** The first page and the HTTP response it came from. */
  async withResponse(): Promise<WithResponse<Page<T>>> {
    const page = await this.#firstPage();
    const response = page.response();
    if (!response) throw new PaginationError("This page was not fetched over HTTP: it has no response");
    return { data: page, response };
  }

  /** The first page's HTTP response, its body unread. */
  async asResponse(): Promise<Response> {
    return (await this.withResponse()).response;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design.
  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  /** Like `Promise.catch`, on the first page: handles a failure of the first request. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.#firstPage().catch(onrejected);
  }

  /** Like `Promise.finally`, on the first page. */
  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.#firstPage().finally(onfinally);
  }

  /**
   * Every page, in order, starting from the first (or from the `page_token` given). While the loop works
   * on one page the next is already being fetched (one page ahead at most), so a walk costs the slower
   * of the two instead of their sum; leaving the loop early cancels that fetch.
   */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const seen = new Set<string>();
    if (this.#startToken) seen.add(this.#startToken);
    const ahead = new AbortController();
    try {
      let page = await this.#firstPage();
      for (;;) {
        const next = page.nextPageToken();
        let pending: Promise<Page<T>> | undefined;
        if (next !== undefined) {
          if (seen.has(next)) {
            yield page;
            throw new PaginationError(
              `Hotmart returned a cursor it had already returned (after ${seen.size} pages); stopping instead of looping`,
            );
          }
          seen.add(next);
          pending = this.#fetch(next, ahead.signal).then((r) => new Page(r, this.#fetch));
          // Observed here so a failure while the caller is still busy is not an unhandled rejection;
          // it is raised below when the loop asks for that page.
          pending.catch(() => {});
        }
        yield page;
        if (pending === undefined) return;
        page = await pending;
      }
    } finally {
      ahead.abort(new PaginationError("The loop stopped before this page was needed"));
    }
  }

  /** Every item of every page, up to `limit` items if given. */
  async *iterate(options: IterateOptions = {}): AsyncGenerator<T, void, undefined> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return;
    let count = 0;
    for await (const page of this.pages()) {
      for (const item of page.items) {
        yield item;
        if (++count >= limit) return;
      }
    }
  }

  /** `for await (const item of list)`: every item of every page, the same as {@link PagePromise.iterate}. */
  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    return this.iterate();
  }

  /** Collects every item (or the first `limit`) into an array. */
  async toArray(options: IterateOptions = {}): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this.iterate(options)) out.push(item);
    return out;
  }
}

async function loadPage<T>(fetcher: PageFetcher<T>, token: string | undefined): Promise<Page<T>> {
  const pending = fetcher(token);
  if (pending instanceof APIPromise) {
    const raw = await (pending as APIPromise<PageResponse<T>>)._raw();
    return new Page(raw.data, fetcher, raw);
  }
  return new Page(await pending, fetcher);
}
