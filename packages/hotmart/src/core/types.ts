export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** `"off"` trusts responses; `"warn"` logs what differs from the schema; `"strict"` throws ResponseValidationError. */
export type ValidateMode = "off" | "warn" | "strict";

/** An open enum: the documented values autocomplete, and values Hotmart adds tomorrow still type-check. */
export type OpenEnum<T extends string> = T | (string & {});

/** Epoch milliseconds, as Hotmart sends dates. Params that take a date also accept a Date. */
export type EpochMs = number;
export type DateParam = EpochMs | Date;

/** Per-request options, the last argument of every method. */
export interface RequestOptions {
  /** Cancels the request and any retry it is waiting for. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms. */
  timeout?: number | undefined;
  /** Overall budget in ms across every attempt and wait of this call. */
  totalTimeout?: number | undefined;
  /** Retries after the first attempt. */
  maxRetries?: number | undefined;
  /** Extra headers for this request. */
  headers?: Record<string, string> | undefined;
  /** Extra query parameters, merged over the method's params (the typed way to send what the SDK does not know yet). */
  query?: Record<string, unknown> | undefined;
  validate?: ValidateMode | undefined;
  /** Called before each retry's wait: lets progress reports count 429s and retries without a logger. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

/** What `onRetry` is told. */
export interface RetryInfo {
  /** 1 for the first retry. */
  retry: number;
  /** The HTTP status that caused it; undefined for a network fault or timeout. */
  status: number | undefined;
  delayMs: number;
}
