/**
 * The values of the options, checked where they are taken: by new Hotmart() for the client's defaults,
 * and by each call for its own, the raw `request()` included (`timeout: Number(process.env.X)` with X
 * unset is NaN, which would fail every attempt, "timed out after NaN ms", after spending the retries;
 * `validate: "strcit"` would quietly mean "warn").
 */
import { HotmartInputError } from "../core/errors";
import { VALIDATE_MODES, type ValidateMode } from "../core/types";
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

export function validateMode(value: unknown): ValidateMode {
  if (!VALIDATE_MODES.includes(value as ValidateMode)) {
    throw new HotmartInputError(
      `validate must be ${VALIDATE_MODES.map((m) => `"${m}"`).join(", ")} (got ${show(value)})`,
    );
  }
  return value as ValidateMode;
}

/**
 * A call's `headers` (or the client's `defaultHeaders`, named by `option`): an object of strings, a
 * value left undefined being no header; and a call's `signal`, an AbortSignal. fetch would misread
 * either.
 */
export function callHeadersAndSignal(headers: unknown, signal: unknown, option = "headers"): void {
  if (headers != null) {
    if (typeof headers !== "object" || Array.isArray(headers))
      throw new HotmartInputError(
        `${option} must be an object of header names to strings (got ${show(headers)})`,
      );
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && typeof value !== "string")
        throw new HotmartInputError(`${option}[${show(name)}] must be a string (got ${show(value)})`);
      // What HTTP allows (Node's own check): fetch would refuse it as a network error, retried, and for
      // a write reported as "may have been applied", though nothing was sent.
      if (!/^[\w!#$%&'*+.^`|~-]+$/.test(name) || /[^\t\x20-\x7e\x80-\xff]/.test(value ?? ""))
        // The value is not repeated: a header may carry a key or token of the caller's.
        throw new HotmartInputError(`${option}[${show(name)}] is not a valid HTTP header name or value`);
    }
  }
  // What fetch itself checks: an AbortSignal from another realm, or a polyfill, passes.
  const { aborted, addEventListener } = (signal ?? {}) as Partial<AbortSignal>;
  if (signal != null && (typeof aborted !== "boolean" || typeof addEventListener !== "function")) {
    throw new HotmartInputError(`signal must be an AbortSignal (got ${show(signal)})`);
  }
}
