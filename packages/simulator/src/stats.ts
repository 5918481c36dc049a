import type { FaultKind } from "./faults";
import type { SecretMask } from "./secrets";

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Repeated keys become arrays. Secrets are redacted (by name and by value, see secrets.ts). */
  query: Record<string, string | string[]>;
  /** Lower-case names; Authorization and Proxy-Authorization keep only their scheme; secrets redacted. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or null without a body. Secrets redacted. */
  body: unknown;
  /** HTTP status, or "reset" / "dropped" when the connection was closed without an answer. */
  status: number | "reset" | "dropped";
  /** Epoch ms (wall clock) when the request arrived. */
  at: number;
  /** The route template, e.g. "GET /payments/api/v1/sales/history". */
  route: string;
  durationMs: number;
  fault?: FaultKind;
}

export interface StatsSnapshot {
  /** route -> status (or "reset" / "dropped") -> count. */
  requests: Record<string, Record<string, number>>;
  tokenGrants: number;
  /** Writes applied, by name: "sale.refund", "subscription.cancel", "coupon.create", ... */
  sideEffects: Record<string, number>;
}

/** Deeper JSON is logged as its text: serialising it again (for /__admin/requests) would overflow the stack. */
export const MAX_LOGGED_JSON_DEPTH = 64;

/** Whether JSON text nests deeper than `max` arrays/objects; a scan of the text, no parse. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/** The body as the log keeps it: parsed (JSON or a form) when it can be, its text otherwise; secrets masked. */
export function parseBodyForLog(text: string, contentType: string | undefined, mask: SecretMask): unknown {
  if (text === "") return null;
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return mask.params(new URLSearchParams(text));
  }
  if (nestsDeeperThan(text, MAX_LOGGED_JSON_DEPTH)) return mask.string(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return mask.string(text);
  }
  return mask.value(parsed);
}

/** Default byte budget of the request log: what a long-running simulator may hold for it. */
export const DEFAULT_REQUEST_LOG_BYTES = 32 * 1_048_576;

/** The stats key of every request that matched no route: one key per method, not one per path. */
export const noRoute = (method: string) => `${method} (no route)`;

/**
 * A rough size of an entry in memory: strings count two bytes a character, the parsed body about
 * three times its text. Rough is enough: it bounds the log, it does not account for it exactly.
 */
function approxBytes(entry: RequestLogEntry, bodyChars: number): number {
  let n = 256 + entry.path.length + entry.route.length;
  for (const [k, v] of Object.entries(entry.query)) n += k.length + String(v).length + 32;
  for (const [k, v] of Object.entries(entry.headers)) n += k.length + v.length + 32;
  return 2 * n + 6 * bodyChars;
}

/** Counters and the request log that tests read through `sim.stats()`, `sim.requestLog` and /__admin. */
export class Observer {
  readonly requestLog: RequestLogEntry[] = [];
  readonly #limit: number;
  readonly #maxBytes: number;
  /** Sizes of the entries of requestLog, in the same order. */
  readonly #sizes: number[] = [];
  #bytes = 0;
  #requests: Record<string, Record<string, number>> = {};
  #tokenGrants = 0;
  #sideEffects: Record<string, number> = {};

  constructor(limit = 10_000, maxBytes = DEFAULT_REQUEST_LOG_BYTES) {
    this.#limit = limit;
    this.#maxBytes = maxBytes;
  }

  /** Bytes the log holds, by the estimate that bounds it. */
  get logBytes(): number {
    return this.#bytes;
  }

  record(entry: RequestLogEntry, bodyChars = 0): void {
    const byStatus = this.#requests[entry.route] ?? {};
    this.#requests[entry.route] = byStatus;
    const key = String(entry.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    const size = approxBytes(entry, bodyChars);
    this.requestLog.push(entry);
    this.#sizes.push(size);
    this.#bytes += size;
    // Trim in batches: a long-running simulator keeps the most recent entries at bounded memory.
    let drop = this.requestLog.length > this.#limit * 1.1 ? this.requestLog.length - this.#limit : 0;
    let bytes = this.#bytes;
    for (let i = 0; i < drop; i++) bytes -= this.#sizes[i] ?? 0;
    if (bytes > this.#maxBytes) {
      while (bytes > this.#maxBytes * 0.9 && drop < this.requestLog.length - 1)
        bytes -= this.#sizes[drop++] ?? 0;
    }
    if (drop > 0) {
      this.requestLog.splice(0, drop);
      this.#sizes.splice(0, drop);
      this.#bytes = bytes;
    }
  }

  tokenGrant(): void {
    this.#tokenGrants++;
  }

  sideEffect(name: string): void {
    this.#sideEffects[name] = (this.#sideEffects[name] ?? 0) + 1;
  }

  stats(): StatsSnapshot {
    return structuredClone({
      requests: this.#requests,
      tokenGrants: this.#tokenGrants,
      sideEffects: this.#sideEffects,
    });
  }

  reset(): void {
    this.#requests = {};
    this.#tokenGrants = 0;
    this.#sideEffects = {};
    this.requestLog.length = 0;
    this.#sizes.length = 0;
    this.#bytes = 0;
  }
}
