import { Rng, streamId } from "./data/rng";

export const FAULT_KINDS = [
  "status",
  "rate-limit",
  "latency",
  "reset",
  "truncate",
  "empty",
  "drop-response",
] as const;

/**
 * - `status`: answer `status` (default 500) with Hotmart's error body for it, without running the handler.
 * - `rate-limit`: answer 429 `too_many_requests` with the quota headers at zero.
 * - `latency`: wait `delayMs` (default 1000) before handling; combines with the other kinds.
 * - `reset`: destroy the connection without answering and without applying the request.
 * - `truncate`: apply the request, then answer 200 with the JSON body cut in half.
 * - `empty`: apply the request, then answer 200 with an empty body.
 * - `drop-response`: apply the request (a write takes effect), then destroy the connection unanswered.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /**
   * Which requests: `"GET /payments/api/v1/sales/history"`, a route template as `stats()` names it
   * (`"PUT /payments/api/v1/sales/:transaction_code/refund"`), a path prefix (`"/payments"`), or
   * absent / `"*"` for every request. Admin routes are never faulted.
   */
  route?: string;
  kind: FaultKind;
  status?: number;
  delayMs?: number;
  /** Scripted: only the next N matching requests. */
  times?: number;
  /** Probability 0..1 per matching request, from a RNG seeded by the simulator seed. */
  rate?: number;
}

export interface Fault extends Readonly<FaultSpec> {
  readonly id: number;
  /** Requests left for a `times` fault. */
  remaining: number | undefined;
  /** Requests this fault has hit so far. */
  hits: number;
}

export interface FaultDecision {
  /** Total latency of the matching latency faults. */
  delayMs: number;
  /** The first matching fault of any other kind. */
  fault: Fault | undefined;
}

export function matchesRoute(
  pattern: string | undefined,
  method: string,
  path: string,
  routeName: string,
): boolean {
  if (pattern === undefined) return true;
  let rest = pattern.trim();
  if (rest === "" || rest === "*") return true;
  const space = rest.indexOf(" ");
  if (space > 0 && /^[A-Za-z]+$/.test(rest.slice(0, space))) {
    if (rest.slice(0, space).toUpperCase() !== method) return false;
    rest = rest.slice(space + 1).trim();
    if (rest === "" || rest === "*") return true;
  }
  if (rest === path) return true;
  if (rest === routeName.slice(routeName.indexOf(" ") + 1)) return true;
  return path.startsWith(rest.endsWith("/") ? rest : `${rest}/`);
}

export class FaultInjector {
  readonly #faults: Fault[] = [];
  readonly #rng: Rng;
  #nextId = 1;

  constructor(seed: number) {
    this.#rng = new Rng(seed, streamId("faults"));
  }

  add(spec: FaultSpec): Fault {
    if (!FAULT_KINDS.includes(spec.kind)) {
      throw new TypeError(`Unknown fault kind "${String(spec.kind)}"; use one of ${FAULT_KINDS.join(", ")}`);
    }
    if (spec.rate !== undefined && !(spec.rate >= 0 && spec.rate <= 1)) {
      throw new RangeError("fault.rate must be between 0 and 1");
    }
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1)) {
      throw new RangeError("fault.times must be a positive integer");
    }
    if (
      spec.status !== undefined &&
      !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)
    ) {
      throw new RangeError("fault.status must be an HTTP status (100..599)");
    }
    if (spec.delayMs !== undefined && !(spec.delayMs >= 0))
      throw new RangeError("fault.delayMs must be >= 0");
    const fault: Fault = { ...spec, id: this.#nextId++, remaining: spec.times, hits: 0 };
    this.#faults.push(fault);
    return fault;
  }

  remove(id: number): boolean {
    const i = this.#faults.findIndex((f) => f.id === id);
    if (i < 0) return false;
    this.#faults.splice(i, 1);
    return true;
  }

  clear(): void {
    this.#faults.length = 0;
  }

  list(): readonly Fault[] {
    return [...this.#faults];
  }

  /** Decides what happens to one request, consuming scripted counts as it goes. */
  pick(method: string, path: string, routeName: string): FaultDecision {
    let delayMs = 0;
    let chosen: Fault | undefined;
    for (const fault of [...this.#faults]) {
      if (!matchesRoute(fault.route, method, path, routeName)) continue;
      if (fault.kind !== "latency" && chosen) continue;
      if (fault.rate !== undefined && !(this.#rng.next() < fault.rate)) continue;
      fault.hits++;
      if (fault.remaining !== undefined) {
        fault.remaining--;
        if (fault.remaining <= 0) this.remove(fault.id);
      }
      if (fault.kind === "latency") delayMs += fault.delayMs ?? 1000;
      else chosen = fault;
    }
    return { delayMs, fault: chosen };
  }
}
