import type { Redactor } from "./redact";

/**
 * How much the SDK logs (the `logLevel` option, `HOTMART_LOG`): `"off"` (default) nothing; `"error"` failures;
 * `"warn"` adds retries; `"info"` adds token grants; `"debug"` every request. Each level includes the
 * ones before it; secrets are masked at every level.
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything console-like works: console, pino, winston, a test spy. */
export interface Logger {
  /** Failures. `message` starts with `[hotmart]`; `rest` holds at most one object of details, redacted. */
  error(message: string, ...rest: unknown[]): void;
  /** Retries and other recoverable trouble (also `validate: "warn"` reports, whatever the level). */
  warn(message: string, ...rest: unknown[]): void;
  /** Notable events, e.g. an access token issued or refreshed. */
  info(message: string, ...rest: unknown[]): void;
  /** Every request and its outcome. */
  debug(message: string, ...rest: unknown[]): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && value in RANK;
}

/** Every line goes through the redactor: the message and every structured argument. */
export class Log {
  // `declare`d: the constructor assigns it (core/errors.ts says why).
  declare readonly level: LogLevel;
  readonly #sink: Logger;
  readonly #redactor: Redactor;

  constructor(level: LogLevel, sink: Logger, redactor: Redactor) {
    this.level = level;
    this.#sink = sink;
    this.#redactor = redactor;
  }

  enabled(level: Exclude<LogLevel, "off">): boolean {
    return RANK[level] <= RANK[this.level];
  }

  error(message: string, data?: Record<string, unknown>): void {
    this.#emit("error", message, data);
  }
  warn(message: string, data?: Record<string, unknown>): void {
    this.#emit("warn", message, data);
  }
  info(message: string, data?: Record<string, unknown>): void {
    this.#emit("info", message, data);
  }
  debug(message: string, data?: Record<string, unknown>): void {
    this.#emit("debug", message, data);
  }

  /**
   * A warning the caller asked for explicitly (validate: "warn"): printed whatever the level, since
   * turning validation on to see nothing would be a trap.
   */
  requested(message: string, data?: Record<string, unknown>): void {
    this.#emit("warn", message, data, true);
  }

  #emit(
    level: Exclude<LogLevel, "off">,
    message: string,
    data?: Record<string, unknown>,
    always = false,
  ): void {
    if (!always && !this.enabled(level)) return;
    const line = `[hotmart] ${this.#redactor.string(message)}`;
    try {
      if (data === undefined) this.#sink[level](line);
      else this.#sink[level](line, this.#redactor.value(data));
    } catch {
      // A broken logger must never break a request.
    }
  }
}
