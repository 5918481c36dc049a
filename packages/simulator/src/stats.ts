import type { FaultKind } from "./faults";

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Repeated keys become arrays. `client_secret` is redacted. */
  query: Record<string, string | string[]>;
  /** Lower-case names; Authorization keeps only its scheme. */
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

const REDACTED = "[redacted]";
const SECRET_KEYS = new Set(["client_secret", "access_token", "hottok"]);

export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name === "authorization") out[name] = `${value.split(/\s+/, 1)[0] ?? ""} ${REDACTED}`;
    else if (name === "x-hotmart-hottok") out[name] = REDACTED;
    else out[name] = value;
  });
  return out;
}

export function redactQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).map((v) => (SECRET_KEYS.has(key) ? REDACTED : v));
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

export function parseBodyForLog(text: string, contentType: string | undefined): unknown {
  if (text === "") return null;
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return redactQuery(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      for (const key of Object.keys(parsed)) {
        if (SECRET_KEYS.has(key)) (parsed as Record<string, unknown>)[key] = REDACTED;
      }
    }
    return parsed;
  } catch {
    return text;
  }
}

/** Counters and the request log that tests read through `sim.stats()`, `sim.requestLog` and /__admin. */
export class Observer {
  readonly requestLog: RequestLogEntry[] = [];
  readonly #limit: number;
  #requests: Record<string, Record<string, number>> = {};
  #tokenGrants = 0;
  #sideEffects: Record<string, number> = {};

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  record(entry: RequestLogEntry): void {
    const byStatus = this.#requests[entry.route] ?? {};
    this.#requests[entry.route] = byStatus;
    const key = String(entry.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    this.requestLog.push(entry);
    // Trim in batches: a long-running simulator keeps the most recent entries at bounded memory.
    if (this.requestLog.length > this.#limit * 1.1)
      this.requestLog.splice(0, this.requestLog.length - this.#limit);
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
  }
}
