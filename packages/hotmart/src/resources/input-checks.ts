/**
 * Checks of the ids and write bodies the resources take (params objects are checked by the base class,
 * see internal/params.ts). Each throws HotmartInputError before anything is sent, with a
 * message that names the parameter and says what to pass instead.
 */
import { HotmartInputError } from "../core/errors";
import { toEpochMs } from "../internal/params";
import { show } from "../internal/show";

export { show };

/**
 * An id that goes into the path (a code, ucode or numeric id): a non-empty string, or a positive whole
 * number. The `path` tag encodes it; this check only makes the message name the parameter. `numeric`
 * for ids Hotmart only makes of digits (product, event and coupon ids): a string of anything else is a
 * code passed where the id goes (a coupon's code to coupons.delete), which Hotmart would answer with a
 * 404, or act on nothing.
 */
export function checkId(name: string, value: unknown, what: string, numeric = false): void {
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
  if (numeric && !/^\d+$/.test(trimmed)) {
    throw new HotmartInputError(`${name} is a number: pass ${what} (got ${show(value)})`);
  }
}

/**
 * A Club subdomain: the one label of `https://<subdomain>.club.hotmart.com`. The Club's address, or a
 * value with a space, a dot or a slash, is refused here with what to pass instead: Hotmart would answer
 * "Subdomain ... does not exist", which reads as a Club that is not there. Returns it trimmed.
 */
export function requireSubdomain(value: unknown, what: string): string {
  const sub = requireString("subdomain", value, what);
  if (!/[\s/:.?#@]/.test(sub)) return sub;
  const host = /^(?:[a-z][a-z\d+.-]*:\/\/)?([^/?#:\s]+)/i.exec(sub)?.[1] ?? "";
  const label = /^([^.]+)\.club\.hotmart\.com$/i.exec(host)?.[1];
  throw new HotmartInputError(
    label
      ? `subdomain ${show(value)} is the Club's address: pass its subdomain alone, "${label}"`
      : `subdomain ${show(value)} is not a subdomain (no spaces, dots, slashes or colons): pass ${what}`,
  );
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

/** An optional date for a JSON body, by the same rules as a date filter. Returns it in epoch ms. */
export function checkOptionalDate(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : toEpochMs(name, value);
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
 * Whether a body is a JSON object (not an array, a string or a number): what a GET that answers one
 * record returns. Anything else is a transport fault, retried, never handed to the caller as the
 * record (`"x"` typed as an event).
 */
export function isRecord(body: unknown): boolean {
  return typeof body === "object" && body !== null && !Array.isArray(body);
}
