/**
 * The numeric options, checked where they are taken: by new Hotmart() for the client's defaults, and by
 * each call for its own (`timeout: Number(process.env.X)` with X unset is NaN, which would fail every
 * attempt, "timed out after NaN ms", after spending the retries).
 */
import { HotmartInputError } from "../core/errors";
import { show } from "./show";

/** At most what a timer can wait (about 24.8 days): a longer one fires at once (TimeoutOverflowWarning). */
export function positive(name: string, value: number): number {
  if (typeof value !== "number" || !(value >= 1 && value <= 2147483647)) {
    throw new HotmartInputError(`${name} must be from 1 to 2147483647 milliseconds (got ${show(value)})`);
  }
  return value;
}

export function wholeNumber(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new HotmartInputError(`${name} must be a whole number, 0 or more (got ${show(value)})`);
  }
  return value;
}
