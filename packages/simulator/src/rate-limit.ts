/** Hotmart's default quota: 500 calls a minute per application (§4). */
export const DEFAULT_LIMIT = 500;
export const DEFAULT_WINDOW_MS = 60_000;

export interface RateLimitOptions {
  /** Calls per window; Hotmart's default quota is 500. */
  limit?: number;
  /** Window length; Hotmart's is one minute. */
  windowMs?: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Hotmart's quota (§4): a fixed window per application, reads and writes counted together.
 * The window of an application opens with its first call.
 */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #windows = new Map<string, Window>();

  constructor(options: RateLimitOptions = {}) {
    this.limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
    this.windowMs = Math.max(1, Math.floor(options.windowMs ?? DEFAULT_WINDOW_MS));
  }

  #window(key: string, now: number): Window {
    let w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
    }
    return w;
  }

  /** Counts one call; `allowed` is false once the window's quota is used up (the call is then not counted). */
  take(key: string, now = Date.now()): RateLimitState & { allowed: boolean } {
    const w = this.#window(key, now);
    const allowed = w.count < this.limit;
    if (allowed) w.count++;
    return { allowed, ...this.#state(w, now) };
  }

  /** The state without counting a call (for responses that do not use quota). */
  peek(key: string, now = Date.now()): RateLimitState {
    return this.#state(this.#window(key, now), now);
  }

  reset(): void {
    this.#windows.clear();
  }

  #state(w: Window, now: number): RateLimitState {
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - w.count),
      resetMs: Math.max(0, w.start + this.windowMs - now),
    };
  }
}

/** Both header families Hotmart sends (§4). `RateLimit-Reset` is in seconds. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const limit = String(state.limit);
  const remaining = String(state.remaining);
  return {
    "RateLimit-Limit": limit,
    "RateLimit-Remaining": remaining,
    "RateLimit-Reset": String(Math.ceil(state.resetMs / 1000)),
    "X-RateLimit-Limit-Minute": limit,
    "X-RateLimit-Remaining-Minute": remaining,
  };
}
