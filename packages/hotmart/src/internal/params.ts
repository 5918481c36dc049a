/**
 * Run-time checks of a method's params and options, for the callers the types cannot reach (JavaScript,
 * `any`, data read from a file). Each failure is a HotmartInputError raised before anything is sent,
 * naming the call and saying what to pass instead.
 *
 * Only the code a resource method loads on its first call imports this module (see core/resource.ts), so
 * an app loads these checks and their messages with the first method it calls, not up front.
 */
import { HotmartInputError, PaginationError } from "../core/errors";
import type { ListDefinition } from "../core/list-definition";
import type { SchemaName } from "../core/types";
import { show } from "./show";

/**
 * How a filter's value is checked: dates are converted to epoch ms; other values go out as given, one
 * value, or for `"values"` (the filters Hotmart documents as repeatable) one or an array of them.
 * `"enum"` and `"enums"` are those two for a filter whose values are names such as `ACTIVE`: no name
 * holds a comma, so a comma there is a list joined by hand, which Hotmart reads as one unknown value.
 */
export type FilterKind = "date" | "value" | "values" | "enum" | "enums";

/** The filters a method takes, by name. */
export type Filters = Readonly<Record<string, FilterKind>>;

/** What the checks need to know about a method. */
export interface ParamsRules {
  /** How the method is called, for messages: `"sales.history"`. */
  call: string;
  filters: Filters;
  /** The filter a bare string most likely is (`subscriber_code` for `subscriptions.transactions("…")`). */
  stringMeans?: string | undefined;
  /** false for a method that is not paginated: it takes no `max_results`, `page_token` or `select`. */
  paged?: boolean | undefined;
  /** Hotmart's documented page size maximum: a larger `max_results` is sent as this (Hotmart clamps too). */
  maxResults?: number | undefined;
}

/**
 * Whether a list's body is a page: an object whose `items` is an array, and whose `page_info`, when
 * there, is an object. Anything else (`"hello"`, `42`, `{"results": [...]}`, `{"items": "nope"}`) is a
 * transport fault, retried on reads, never an empty page that reads as "no sales". The documented
 * empty answers (`{}`, an empty body) never get here: the pipeline turns them into an empty page first.
 */
export function isPage(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const { items, page_info: info } = body as { items?: unknown; page_info?: unknown };
  return Array.isArray(items) && (info == null || (typeof info === "object" && !Array.isArray(info)));
}

/** The paging params every list takes. */
export const PAGE_FILTERS: Filters = { max_results: "value", page_token: "value", select: "value" };

/**
 * Checks a params object against the method's filters and returns what goes into the query: dates in
 * epoch ms, `max_results` clamped to the documented maximum. Unknown keys are refused: a misspelled
 * filter would otherwise be dropped by Hotmart and the caller would get unfiltered data.
 */
export function checkParams(rules: ParamsRules, params: unknown): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  if (typeof params !== "object" || Array.isArray(params) || params instanceof Date) {
    throw new HotmartInputError(notAnObject(rules, params));
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const kind = kindOf(rules, key);
    if (kind === undefined) throw new HotmartInputError(unknownKey(rules, key));
    if (key === "max_results") out[key] = checkMaxResults(value, rules.maxResults);
    else if (key === "page_token" && typeof value !== "string") {
      throw new HotmartInputError(
        `${rules.call}: page_token must be a string, a next_page_token from an earlier page (got ${show(value)})`,
      );
    } else if (Array.isArray(value) && kind !== "values" && kind !== "enums") {
      // Sent as a repeated key, which Hotmart documents for no filter but these: it would use one value
      // and drop the others, and the caller would read part of the data as all of it.
      // `select` is one string of paths: one call per path would be the wrong advice.
      const instead =
        key === "select"
          ? `it one string of comma-separated paths: select: ${show(value.join(","))}`
          : key === "transaction_status"
            ? "one call per status, or client.export.run(…, { statuses: [...] }) for every record of several"
            : "one call per value";
      throw new HotmartInputError(`${rules.call}: ${key} takes one value, not an array: make ${instead}`);
    } else if (key === "product_id" && !isProductId(value)) {
      // Every product_id filter is the product's numeric id: anything else is Hotmart's 400.
      throw new HotmartInputError(
        `${rules.call}: product_id is the product's numeric id, e.g. 1234567 (got ${show(value)})`,
      );
    } else {
      if (kind === "enum" || kind === "enums") checkNoCommaList(rules.call, key, value, kind === "enums");
      out[key] = kind === "date" ? toEpochMs(key, value) : value;
    }
  }
  checkRanges(rules, out);
  return out;
}

/** What `_list` is given: a path, a list definition, or a loader of one. */
export type ListTarget<P, T> =
  | string
  // biome-ignore lint/suspicious/noExplicitAny: any ids
  | ListDefinition<P, T, any>
  // biome-ignore lint/suspicious/noExplicitAny: any ids
  | (() => Promise<ListDefinition<P, T, any>>);

/** A list's request, checked: what every page of it sends. */
export interface PreparedList {
  path: string;
  query: Record<string, unknown>;
  schema: SchemaName | undefined;
  call: string;
  /** Whether a body is a page: {@link isPage}. */
  accept: (body: unknown) => boolean;
  /** Whether no body at all is an empty first page ({@link ListDefinition.emptyBody}). */
  emptyBody: boolean;
}

/**
 * Checks a list's params (and ids) and builds its request (core/resource.ts's `_list`, on the first
 * page: here rather than there, so that code loads with the checks, not up front).
 */
export async function prepareList<T>(
  // biome-ignore lint/suspicious/noExplicitAny: checked at run time
  target: ListTarget<any, T>,
  params: unknown,
  ids: unknown[],
): Promise<PreparedList> {
  const definition = typeof target === "function" ? await target() : target;
  if (typeof definition === "string") {
    const call = `GET ${definition}`;
    const query = checkParams({ call, filters: anyKey(params) }, params);
    return {
      path: definition,
      query,
      schema: ids[0] as SchemaName | undefined,
      call,
      accept: pageCheck(query, call),
      // An endpoint the SDK does not know: its empty answer may be no body.
      emptyBody: true,
    };
  }
  const query = { ...checkParams(definition, params), ...definition.query?.(...ids) };
  return {
    path: typeof definition.path === "string" ? definition.path : definition.path(...ids),
    query,
    schema: definition.schema,
    call: definition.call,
    accept: pageCheck(query, definition.call),
    emptyBody: definition.emptyBody === true,
  };
}

/**
 * {@link isPage}, and with `select`, a clear stop for a later page it emptied: Hotmart answers `{}` when
 * no item of a page has a selected field, and that page has lost its `page_info` with the cursor on, so
 * the walk cannot go on. (A first page's `{}` never gets here: it is the documented "nothing matches".)
 * Not a transport fault: asking again gets the same `{}`.
 */
function pageCheck(query: Record<string, unknown>, call: string): (body: unknown) => boolean {
  const select = query.select;
  if (typeof select !== "string" || select.trim() === "") return isPage;
  return (body) => {
    if (typeof body === "object" && body !== null && !Array.isArray(body) && Object.keys(body).length === 0) {
      throw new PaginationError(
        `${call} with select=${select}: Hotmart answered {} for a later page, because no item on it has a selected field, so that page has no cursor to the next and the walk stops here. Add to select a field every item has (e.g. its id or purchase.transaction), or leave select out`,
      );
    }
    return isPage(body);
  };
}

/**
 * Refuses an enum filter's value that is a comma-joined list (`status: "ACTIVE,DELAYED"`): it would go
 * out as the one value `ACTIVE,DELAYED`, which Hotmart answers with a 400 (or, were it lenient, an empty
 * page read as "nothing matches"). Several values repeat the key (docs/api-notes.md §1.2): an array for a
 * repeatable filter, one call per value for the others.
 */
function checkNoCommaList(call: string, key: string, value: unknown, repeatable: boolean): void {
  const entries: unknown[] = Array.isArray(value) ? value : [value];
  const at = entries.findIndex((entry) => typeof entry === "string" && entry.includes(","));
  if (at < 0) return;
  const given = entries[at] as string;
  const split = (entry: unknown) =>
    typeof entry === "string"
      ? entry
          .split(",")
          .map((v) => v.trim())
          .filter((v) => v !== "")
      : [entry];
  const named = Array.isArray(value) ? `${key}[${at}]` : key;
  if (repeatable) {
    const all = entries.flatMap(split);
    throw new HotmartInputError(
      `${call}: ${named} takes one value per entry, not a comma-separated list (${show(given)}): pass ` +
        `${key}: [${all.map((v) => show(v)).join(", ")}], an array the SDK sends as one ${key}= per value ` +
        `(Hotmart repeats the key for several and refuses a comma list)`,
    );
  }
  const values = split(given);
  const instead =
    key === "transaction_status"
      ? `one call per status, or client.export.run(…, { statuses: [${values.map((v) => show(v)).join(", ")}] }) for every record of several`
      : `one call per ${key} (${values.map((v) => `${key}: ${show(v)}`).join(", then ")})`;
  throw new HotmartInputError(
    `${call}: ${key} takes one value, not a comma-separated list (${show(given)}): make ${instead}`,
  );
}

/** The string-path `_list` form checks values (dates, max_results) but lets every key through. */
function anyKey(params: unknown): Record<string, FilterKind> {
  const filters: Record<string, FilterKind> = {};
  if (params && typeof params === "object") for (const key of Object.keys(params)) filters[key] = "values";
  return filters;
}

/**
 * A range given backwards matches nothing (the DOCS do not say whether Hotmart answers it with an error
 * or with an empty page; the simulator gives an empty page): the caller would read "no sales" where they
 * swapped two dates. Each `end_X` date filter bounds `X` (and
 * `end_date` bounds `start_date`). Equal ends are left to Hotmart: that is a real, if narrow, query.
 */
function checkRanges(rules: ParamsRules, query: Record<string, unknown>): void {
  for (const end of Object.keys(query)) {
    if (!end.startsWith("end_") || rules.filters[end] !== "date") continue;
    const start = end === "end_date" ? "start_date" : end.slice(4);
    const from = query[start];
    const to = query[end];
    if (typeof from === "number" && typeof to === "number" && from > to) {
      throw new HotmartInputError(
        `${rules.call}: ${start} (${new Date(from).toISOString()}) is after ${end} (${new Date(to).toISOString()}), ` +
          `so nothing can match: swap them`,
      );
    }
  }
}

/** A positive whole number, or a string of its digits. */
function isProductId(value: unknown): boolean {
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0;
}

function kindOf(rules: ParamsRules, key: string): FilterKind | undefined {
  if (Object.hasOwn(rules.filters, key)) return rules.filters[key];
  if (rules.paged !== false && Object.hasOwn(PAGE_FILTERS, key)) return PAGE_FILTERS[key];
  return undefined;
}

function notAnObject(rules: ParamsRules, params: unknown): string {
  const got = show(params);
  if (rules.stringMeans && (typeof params === "string" || typeof params === "number")) {
    return `${rules.call} takes an object of filters, not ${got}: call ${rules.call}({ ${rules.stringMeans}: ${got} })`;
  }
  const example = Object.keys(rules.filters)[0] ?? "max_results";
  return `${rules.call} takes an object of filters, e.g. ${rules.call}({ ${example}: … }) (got ${got})`;
}

function unknownKey(rules: ParamsRules, key: string): string {
  const known = [...Object.keys(rules.filters), ...(rules.paged === false ? [] : Object.keys(PAGE_FILTERS))];
  const guess = guessKey(key, known);
  if (guess) {
    return `${rules.call} has no parameter "${key}": did you mean \`${guess}\`? (Hotmart's parameters are snake_case)`;
  }
  return (
    `${rules.call} has no parameter "${key}" (it takes ${known.join(", ")}). To send a parameter the SDK ` +
    `does not know yet, use the query option: ${rules.call}(params, { query: { ${key}: … } })`
  );
}

/** The name a wrong key most likely meant: its snake_case spelling, or a near miss. */
function guessKey(key: string, known: readonly string[]): string | undefined {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return known.includes(snake) ? snake : closest(key, known);
}

/** A known name at most two edits away (`transaction_stauts` → `transaction_status`). */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    const d = distance(key.toLowerCase(), name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (a swap of two neighbours counts as one edit). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

function checkMaxResults(value: unknown, cap: number | undefined): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new HotmartInputError(
      `max_results must be a positive whole number, the page size (got ${show(value)}); leave it out for Hotmart's default`,
    );
  }
  // Hotmart clamps a page size above an endpoint's maximum rather than refusing it; so does the SDK.
  return cap !== undefined && value > cap ? cap : value;
}

/** Below this a date number can only be epoch seconds: 1e11 ms is 1973-03-03, 1e11 s is year 5138. */
const SECONDS_LIMIT = 1e11;

/** The last instant a Date can hold (year 275760): a larger number is no date. */
const MAX_DATE_MS = 8.64e15;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A date param in epoch ms. Accepts a valid Date, whole epoch ms (0, the epoch itself, means "from the
 * beginning"), or an ISO-8601 string naming a day that exists: `"2024-05-01"` is midnight UTC, a
 * date-time without an offset is local time (as `new Date()` reads it). Refuses other strings, numbers
 * between 0 and 10^11 (which can only be epoch seconds), fractions of a millisecond and numbers past what
 * a Date can hold (Hotmart answers both with a 400), and any date before 1970 (Hotmart's dates are epoch
 * ms from 0: a negative one is its 400 too).
 */
export function toEpochMs(name: string, value: unknown): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) {
      throw new HotmartInputError(`${name} must be a Date or epoch milliseconds (got an invalid Date)`);
    }
    return notBefore1970(name, value, ms);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new HotmartInputError(`${name} must be a Date or epoch milliseconds (got ${show(value)})`);
    }
    notBefore1970(name, value, value);
    if (value > 0 && value < SECONDS_LIMIT) {
      throw new HotmartInputError(
        `${name} looks like epoch seconds (${value}): Hotmart takes milliseconds, so pass ${Math.round(value * 1000)}, ` +
          `or a Date (new Date(${value} * 1000)); 0 means "from the beginning"`,
      );
    }
    if (!Number.isInteger(value)) {
      throw new HotmartInputError(
        `${name} must be whole epoch milliseconds (got ${value}): Hotmart refuses a fraction, so round it ` +
          `(${Math.round(value)}) or pass a Date`,
      );
    }
    if (value > MAX_DATE_MS) {
      throw new HotmartInputError(
        `${name} (${value}) is past the last date a Date can hold (${MAX_DATE_MS}, in the year 275760): ` +
          `pass epoch milliseconds such as ${Date.UTC(2026, 0, 1)} (2026-01-01), or a Date`,
      );
    }
    return value;
  }
  if (typeof value === "string") {
    const text = value.trim();
    const iso = ISO_DATE.test(text);
    // Date.parse rolls an impossible day over ("2026-02-30" is 2 March): the caller's typo would be sent.
    if (iso) checkCalendarDay(name, text);
    const ms = iso ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(ms)) {
      throw new HotmartInputError(
        `${name} must be a Date, epoch milliseconds or an ISO date such as "2024-05-01" or ` +
          `"2024-05-01T12:00:00Z" (got ${show(value)})`,
      );
    }
    return notBefore1970(name, value, ms);
  }
  throw new HotmartInputError(`${name} must be a Date or epoch milliseconds (got ${show(value)})`);
}

/** `ms`, unless it is before the epoch: Hotmart's dates are epoch ms from 0 on. */
function notBefore1970(name: string, value: unknown, ms: number): number {
  if (ms < 0) {
    throw new HotmartInputError(
      `${name} is before 1970 (got ${show(value)}): Hotmart takes epoch milliseconds, which start at ` +
        `1970-01-01; pass 0 for "from the beginning", or a later date`,
    );
  }
  return ms;
}

/** Refuses the `YYYY-MM-DD` an ISO string starts with when that day does not exist (no 30 February). */
function checkCalendarDay(name: string, text: string): void {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const yyyy = text.slice(0, 4);
  if (month < 1 || month > 12) {
    throw new HotmartInputError(
      `${name}: ${show(text)} has no month ${text.slice(5, 7)}: an ISO date is year-month-day, months 01 to 12 ` +
        `(e.g. "${yyyy}-12-01")`,
    );
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 ? (leap ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1 || day > (last as number)) {
    const ym = text.slice(0, 7);
    throw new HotmartInputError(
      `${name}: ${show(text)} is not a day of the calendar: ${ym} has days 01 to ${last}, so pass a date ` +
        `that exists (e.g. "${ym}-${last}")`,
    );
  }
}

/**
 * A JSON-body params object with a fixed set of keys (cancel's `{ send_mail }`): an object or nothing,
 * no unknown key. `example` shows the right call.
 */
export function checkBodyParams(
  call: string,
  params: unknown,
  keys: readonly string[],
  example: string,
): void {
  if (params === undefined || params === null) return;
  if (typeof params !== "object" || Array.isArray(params)) {
    throw new HotmartInputError(`${call} takes its parameters as an object, not ${show(params)}: ${example}`);
  }
  for (const key of Object.keys(params)) {
    if (keys.includes(key)) continue;
    const guess = guessKey(key, keys);
    throw new HotmartInputError(
      guess
        ? `${call} has no parameter "${key}": did you mean \`${guess}\`?`
        : `${call} has no parameter "${key}" (it takes ${keys.join(", ")})`,
    );
  }
}
