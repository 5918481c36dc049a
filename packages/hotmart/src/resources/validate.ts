/**
 * Input checks shared by the resources. Each throws HotmartInputError before anything is sent, with a
 * message that names the parameter and says what to pass instead.
 */
import { HotmartInputError } from "../core/errors";
import { PagePromise } from "../core/pagination";

/** How a bad value is quoted in a message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : value.toISOString();
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * An id that goes into the path (a code, ucode or numeric id): a non-empty string, or a positive whole
 * number. The `path` tag encodes it; this check only makes the message name the parameter.
 */
export function checkId(name: string, value: unknown, what: string): void {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new HotmartInputError(
        `${name} must be a positive whole number or a string: pass ${what} (got ${value})`,
      );
    }
    return;
  }
  if (value === undefined || value === null) throw new HotmartInputError(`${name} is missing: pass ${what}`);
  if (typeof value !== "string") {
    throw new HotmartInputError(`${name} must be a string: pass ${what} (got ${show(value)})`);
  }
  const trimmed = value.trim();
  if (trimmed === "") throw new HotmartInputError(`${name} is empty: pass ${what}`);
  if (trimmed === "." || trimmed === "..") {
    throw new HotmartInputError(`${name} cannot be "${trimmed}": pass ${what}`);
  }
}

/** A required string that goes into the query (e.g. a Club `subdomain`). Returns it trimmed. */
export function requireString(name: string, value: unknown, what: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    const got = typeof value === "string" ? "it is empty" : `got ${show(value)}`;
    throw new HotmartInputError(`${name} is required: pass ${what} (${got})`);
  }
  return value.trim();
}

/** A positive whole number (ids and counts). */
export function checkPositiveInt(name: string, value: unknown, what: string): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new HotmartInputError(`${name} must be a positive whole number: pass ${what} (got ${show(value)})`);
  }
}

/** An optional date for a JSON body: epoch ms or a valid Date. Returns it in epoch ms. */
export function checkOptionalDate(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new HotmartInputError(`${name} must be a Date or epoch milliseconds (got ${show(value)})`);
  }
  return ms;
}

/** An optional boolean flag: a string such as "false" would be sent as true-ish, so it is refused. */
export function checkOptionalBoolean(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean") {
    throw new HotmartInputError(`${name} must be true or false (got ${show(value)})`);
  }
}

/** A non-empty array of subscriber codes, none empty (bulk cancel and reactivate). */
export function checkSubscriberCodes(name: string, value: unknown, single: string): void {
  if (!Array.isArray(value)) {
    throw new HotmartInputError(
      `${name} must be an array of subscriber codes, e.g. ["B2HNQAXJ"] (got ${show(value)}); for one code you can also use ${single}`,
    );
  }
  if (value.length === 0) throw new HotmartInputError(`${name} is empty: pass at least one subscriber code`);
  value.forEach((code, i) => {
    if (typeof code !== "string" || code.trim() === "") {
      throw new HotmartInputError(
        `${name}[${i}] is empty: every entry must be a subscriber code (got ${show(code)})`,
      );
    }
  });
}

/**
 * Paging params common to every list: `max_results` must be a positive whole number, and at most `cap`
 * where Hotmart documents a maximum (`note` says so in the message). Returns the params unchanged.
 */
export function checkPage<P extends object | undefined>(params: P, cap?: { max: number; note: string }): P {
  const max = (params as { max_results?: unknown } | undefined)?.max_results;
  if (max === undefined) return params;
  if (typeof max !== "number" || !Number.isSafeInteger(max) || max <= 0) {
    throw new HotmartInputError(
      `max_results must be a positive whole number, the page size (got ${show(max)}); leave it out for Hotmart's default`,
    );
  }
  if (cap && max > cap.max) {
    throw new HotmartInputError(`max_results must be at most ${cap.max} ${cap.note} (got ${max})`);
  }
  return params;
}

/**
 * Runs the checks and builds a list's PagePromise; an input error becomes a PagePromise that rejects with
 * it, so a list method reports bad input the same way as any other failure (on `await` or `for await`),
 * and still before any request.
 */
export function guardPage<T>(build: () => PagePromise<T>): PagePromise<T> {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof HotmartInputError)) throw error;
    return new PagePromise<T>(() => Promise.reject(error));
  }
}
