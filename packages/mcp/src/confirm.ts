import { randomBytes } from "node:crypto";

/** How long a preview's confirmation token stays valid. Long enough to ask the seller, short enough to be fresh. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

export interface ConfirmationOptions {
  ttlMs?: number;
  now?: () => number;
}

/**
 * What is known of the write a token confirmed, for a replay of that token to say: it may be out now
 * (`sending`), have been accepted, refused by Hotmart, ended with no clear answer, or never have left.
 * `detail` is the server's own short text (Hotmart's words in it already quoted as data).
 */
export type Attempt =
  | { state: "sending" }
  | { state: "succeeded" | "refused" | "unknown" | "not_sent"; detail: string };

/** A previewed write, waiting for its token: what the preview showed is exactly what runs. */
interface Pending<Plan> {
  tool: string;
  argsKey: string;
  plan: Plan;
  expiresAt: number;
  used: boolean;
  /** Set when the token is spent. */
  attempt?: Attempt;
  /** Seen expired once: it stays so when the clock steps back (NTP, the simulator's clock set back). */
  expired: boolean;
}

export type Redemption<Plan> =
  | { ok: true; plan: Plan }
  | { ok: false; reason: "used"; plan: Plan; attempt: Attempt }
  | { ok: false; reason: "unknown" | "expired" | "mismatch" };

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
    if (entry.used) {
      return { ok: false, reason: "used", plan: entry.plan, attempt: entry.attempt ?? { state: "sending" } };
    }
    if (entry.expired || this.#now() >= entry.expiresAt) {
      entry.expired = true;
      return { ok: false, reason: "expired" };
    }
    if (entry.tool !== tool || entry.argsKey !== argumentsKey(args)) return { ok: false, reason: "mismatch" };
    entry.used = true;
    entry.attempt = { state: "sending" };
    return { ok: true, plan: entry.plan };
  }

  /** Records how the write of a redeemed token ended, for a replay of the token to say. */
  settle(token: string, attempt: Attempt): void {
    const entry = this.#pending.get(token);
    if (entry?.used) entry.attempt = attempt;
  }

  /** Spent and expired tokens are kept one extra TTL, so a replay is told "already used", not "unknown". */
  #prune(): void {
    const now = this.#now();
    for (const [token, entry] of this.#pending) {
      if (now >= entry.expiresAt + this.#ttl) this.#pending.delete(token);
    }
  }
}

/**
 * A replayed token: what is known of the write it confirmed, then what to do. "Was sent once" was said
 * of a write that never left, or that Hotmart refused, and a seller told so would not try again.
 * `check` is the tool's read to look the write's effect up with ("check the sale's status with ...").
 */
export function replayMessage(tool: string, attempt: Attempt, check: string): string {
  const used = "This confirmation_token was already used and will not send anything again";
  const anew = `call ${tool} without confirmation_token for a new preview if the seller still wants it`;
  switch (attempt.state) {
    case "sending":
      return `${used}: the ${tool} it confirmed is still being sent (its call has not answered yet). Wait for that answer; then, before trying again, ${check}`;
    case "succeeded":
      return `${used}: the ${tool} it confirmed was sent and Hotmart accepted it${attempt.detail ? ` (${attempt.detail})` : ""}. Before trying again, ${check}`;
    case "refused":
      return `${used}: the ${tool} it confirmed was refused by Hotmart, so it was not applied (${attempt.detail}). Before trying again, ${check} Then ${anew}.`;
    case "unknown":
      return `${used}: the ${tool} it confirmed was sent but no clear answer came back (${attempt.detail}), so it may or may not have been applied. Do not repeat it blindly: ${check}`;
    case "not_sent":
      return `${used}: the ${tool} it confirmed was never sent (${attempt.detail}), so nothing was applied. Before trying again, ${check} Then ${anew}.`;
  }
}

export function redemptionMessage(reason: "unknown" | "expired" | "mismatch", tool: string): string {
  switch (reason) {
    case "expired":
      return `This confirmation_token expired: call ${tool} again without confirmation_token for a fresh preview, and show it to the seller.`;
    case "mismatch":
      return `This confirmation_token was issued for other arguments (or another tool): call ${tool} without confirmation_token with the exact arguments to get a preview for them.`;
    default:
      return `Unknown confirmation_token: call ${tool} without confirmation_token first; it answers with a preview and the token to confirm.`;
  }
}
