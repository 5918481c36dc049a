import { randomBytes } from "node:crypto";

/** How long a preview's confirmation token stays valid. Long enough to ask the seller, short enough to be fresh. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

export interface ConfirmationOptions {
  ttlMs?: number;
  now?: () => number;
}

/** A previewed write, waiting for its token: what the preview showed is exactly what runs. */
interface Pending<Plan> {
  tool: string;
  argsKey: string;
  plan: Plan;
  expiresAt: number;
  used: boolean;
  /** Seen expired once: it stays so when the clock steps back (NTP, the simulator's clock set back). */
  expired: boolean;
}

export type Redemption<Plan> =
  | { ok: true; plan: Plan }
  | { ok: false; reason: "unknown" | "expired" | "used" | "mismatch" };

/** Stable JSON (sorted keys) of a tool's arguments, without the token itself. */
export function argumentsKey(args: Record<string, unknown>): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v as object)
          .filter((k) => k !== "confirmation_token" && (v as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(args));
}

/**
 * One-time confirmation tokens for writes, shared by every session of the process. A token is bound to
 * one tool and its exact arguments, expires, and is spent by the first redemption (before the write is
 * sent), so two calls racing with the same token apply the write at most once.
 */
export class ConfirmationStore<Plan = unknown> {
  readonly #pending = new Map<string, Pending<Plan>>();
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(options: ConfirmationOptions = {}) {
    this.#ttl = options.ttlMs ?? CONFIRMATION_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  issue(tool: string, args: Record<string, unknown>, plan: Plan): { token: string; expiresAt: number } {
    this.#prune();
    const token = `confirm_${randomBytes(12).toString("base64url")}`;
    const expiresAt = this.#now() + this.#ttl;
    this.#pending.set(token, {
      tool,
      argsKey: argumentsKey(args),
      plan,
      expiresAt,
      used: false,
      expired: false,
    });
    return { token, expiresAt };
  }

  redeem(tool: string, args: Record<string, unknown>, token: string): Redemption<Plan> {
    const entry = this.#pending.get(token);
    if (!entry) return { ok: false, reason: "unknown" };
    if (entry.used) return { ok: false, reason: "used" };
    if (entry.expired || this.#now() >= entry.expiresAt) {
      entry.expired = true;
      return { ok: false, reason: "expired" };
    }
    if (entry.tool !== tool || entry.argsKey !== argumentsKey(args)) return { ok: false, reason: "mismatch" };
    entry.used = true;
    return { ok: true, plan: entry.plan };
  }

  /** Spent and expired tokens are kept one extra TTL, so a replay is told "already used", not "unknown". */
  #prune(): void {
    const now = this.#now();
    for (const [token, entry] of this.#pending) {
      if (now >= entry.expiresAt + this.#ttl) this.#pending.delete(token);
    }
  }
}

export function redemptionMessage(reason: "unknown" | "expired" | "used" | "mismatch", tool: string): string {
  switch (reason) {
    case "used":
      return `This confirmation_token was already used: the ${tool} it confirmed was sent once and will not be sent again. Call ${tool} without confirmation_token for a new preview if the seller wants it again.`;
    case "expired":
      return `This confirmation_token expired: call ${tool} again without confirmation_token for a fresh preview, and show it to the seller.`;
    case "mismatch":
      return `This confirmation_token was issued for other arguments (or another tool): call ${tool} without confirmation_token with the exact arguments to get a preview for them.`;
    default:
      return `Unknown confirmation_token: call ${tool} without confirmation_token first; it answers with a preview and the token to confirm.`;
  }
}
