import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  HotmartInputError,
  RateLimitError,
} from "hotmart";
import { inBrasiliaTime } from "./dates";

/** Exit codes, documented in `hotmart --help` and the README. Scripts branch on these. */
export const EXIT = {
  OK: 0,
  /** Hotmart answered with an error (400, 404, 422, 5xx after retries, ...). */
  API: 1,
  /** Bad command line or bad input: nothing was sent. */
  USAGE: 2,
  /** Credentials missing or refused (401/403). */
  AUTH: 3,
  /** 429 after every retry, or the rate limiter's wait ran past --total-timeout: the quota is spent. */
  RATE_LIMIT: 4,
  /** No answer: DNS, refused connection, timeout. */
  NETWORK: 5,
  /** The output could not be written (a full disk): an export's file or checkpoint midway, or stdout. */
  OUTPUT: 6,
  /** Ctrl-C. */
  INTERRUPTED: 130,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    Hotmart answered with an error
  2    usage error or invalid input (nothing was sent)
  3    authentication failed or credentials missing
  4    rate limited (429 after every retry, or no quota within --total-timeout)
  5    network error or timeout
  6    the output could not be written (a full disk): an export's file or checkpoint, or stdout
  130  interrupted (Ctrl-C)
  143  stopped by SIGTERM (the same clean stop as Ctrl-C)`;

/** An error the CLI raises itself, with the exit code it maps to. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.USAGE);

/** The exit code an error maps to: a pure function, so each branch is tested on its own. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof HotmartInputError) return EXIT.USAGE;
  if (error instanceof AuthenticationError) return EXIT.AUTH;
  if (error instanceof RateLimitError || isRateLimitWait(error)) return EXIT.RATE_LIMIT;
  if (error instanceof APIError) return EXIT.API;
  if (error instanceof APIConnectionError) return EXIT.NETWORK;
  if (error instanceof APIUserAbortError) return EXIT.INTERRUPTED;
  if (isAbort(error)) return EXIT.INTERRUPTED;
  return EXIT.API;
}

/**
 * A call that ran past its total timeout while the client's rate limiter held it back (paused after a
 * 429, or the quota spent): rate limited, not a network fault (the SDK's `waitedFor`).
 */
export function isRateLimitWait(error: unknown): error is APIConnectionTimeoutError {
  return error instanceof APIConnectionTimeoutError && error.waitedFor === "rate-limiter";
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "APIUserAbortError");
}

/** One line for stderr; SDK messages never carry secrets, so they are shown as they are. */
export function errorMessage(error: unknown): string {
  if (error instanceof AuthenticationError) {
    return `${error.message}\nRun \`hotmart doctor\` to see what to fix.`;
  }
  if (error instanceof RateLimitError) {
    const wait = error.retryAfter !== undefined ? ` Try again in ${Math.ceil(error.retryAfter)} s.` : "";
    return `${error.message}${wait}`;
  }
  if (isRateLimitWait(error)) {
    // The SDK's advice names its option; the CLI's is a flag.
    const advice = "Raise --total-timeout (seconds, default 180) to wait longer for the quota";
    const message = error.message.replace(/Raise totalTimeout to wait for the quota/, advice);
    return message === error.message ? `${message}\n${advice}.` : message;
  }
  // The SDK says the instants of a date it refuses in UTC; the flags read dates in Brasília time.
  if (error instanceof HotmartInputError) return inBrasiliaTime(error.message);
  return error instanceof Error ? error.message : String(error);
}
