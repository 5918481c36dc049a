import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  HotmartError,
  ResponseParseError,
} from "../core/errors";
import { attempt, USER_AGENT } from "./http";
import { parseJSONLoose } from "./json";
import type { Log } from "./log";
import type { Redactor } from "./redact";
import { decide, type Outcome, RETRYABLE_STATUS } from "./retry";
import { link, raceAbort } from "./signals";
import { sleep } from "./sleep";
import type { CLOSED_WHILE } from "./token-messages";

/** A cached access token. `expiresAt` is epoch milliseconds. */
export interface StoredToken {
  /** The bearer token Hotmart issued (`access_token`): a secret, masked in logs and errors. */
  accessToken: string;
  /**
   * When the client stops using it and mints a new one, epoch ms: Hotmart's `expires_in`, counted from
   * when the token was asked for, minus a margin (5 minutes, or half of what was left of it when it came,
   * whichever is later), so it never expires mid-request.
   */
  expiresAt: number;
}

/**
 * Where tokens are kept between requests. The default keeps them in memory; a shared store (Redis,
 * a database row) lets several processes use one token instead of each minting its own.
 */
export interface TokenStore {
  /**
   * The token stored under `key`, or undefined. `key` names the token URL, the client id and a digest of
   * the secret and Basic value (never the secret itself).
   * An expired token may be returned: the client checks `expiresAt` itself.
   */
  get(key: string): Promise<StoredToken | undefined> | StoredToken | undefined;
  /** Stores a freshly minted token under `key` (a shared store may expire it at `expiresAt`). */
  set(key: string, token: StoredToken): Promise<void> | void;
  /**
   * Forgets the token under `key` after Hotmart answered 401 to it. `client.close()` never calls it on a
   * store given with `tokenStore`: other clients may be using that token (it clears only the store a
   * client made itself).
   */
  delete(key: string): Promise<void> | void;
  /**
   * True when other processes read the same store. Descriptive only: `client.close()` leaves the tokens
   * of every store given with `tokenStore`, shared or not, since other clients may be using them.
   */
  readonly shared?: boolean | undefined;
  /**
   * For shared stores: a short lock on `key`, so that of N processes needing a new token only one asks
   * Hotmart for it. Resolve to a release function when this process now holds the lock, or to undefined
   * when another one does; the client then reads the store until the token appears (or the lock expires
   * and it may take it). The lock must expire by itself, so a crashed holder cannot block the others,
   * and should be renewed until released (RedisTokenStore does): a token request can outlast it, and
   * each lapse sends one more process to Hotmart.
   */
  lock?(key: string): Promise<(() => Promise<void>) | undefined>;
}

/**
 * The default {@link TokenStore}: a Map in this process, one per client (clones share it). Clients given
 * the same instance share its tokens, and the close() of one leaves them for the others.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>();
  /** The token under `key`, or undefined. */
  get(key: string): StoredToken | undefined {
    return this.#tokens.get(key);
  }
  /** Stores `token` under `key`, replacing any. */
  set(key: string, token: StoredToken): void {
    this.#tokens.set(key, token);
  }
  /** Forgets the token under `key`. */
  delete(key: string): void {
    this.#tokens.delete(key);
  }
}

export interface TokenManagerOptions {
  clientId: string;
  clientSecret: string;
  basic: string;
  authURL: string;
  fetch: typeof fetch;
  store: TokenStore;
  /** The client made `store` (none was given): close() clears it. */
  own?: boolean | undefined;
  timeoutMs: number;
  maxRetries: number;
  log: Log;
  redactor: Redactor;
}

/** Refresh this long before expiry, so a token never expires between our check and Hotmart's. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Client-credentials tokens: cached until 5 minutes before `expires_in` runs out (`StoredToken.expiresAt`
 * says when), refreshed once however many requests wait (single flight), and dropped when Hotmart
 * answers 401.
 */
export class TokenManager {
  readonly #options: TokenManagerOptions;
  /** The store key: empty until the first token(), which digests the secret into it. */
  #key = "";
  #inflight: Promise<StoredToken> | undefined;
  /** Aborted by close(): stops a token request and its retry waits. */
  readonly #closer = new AbortController();
  /** Counts token requests sent; read by tests and the demo. */
  grants = 0;
  /** @internal The wait between token retries; a seam for tests, as `PipelineContext.sleep` is. */
  retryWait: (ms: number, signal: AbortSignal) => Promise<void> = sleep;

  constructor(options: TokenManagerOptions) {
    this.#options = options;
    // Pinned: masked for the client's whole life, however many tokens come and go.
    options.redactor.add(options.clientSecret, true);
    options.redactor.add(options.basic, true);
  }

  /** A valid access token, from the cache or freshly minted. */
  async token(signal?: AbortSignal): Promise<string> {
    // Web Crypto digests asynchronously: until this first call has, cachedToken() finds no key and
    // sends callers here (token-key.ts says what the key is made of).
    this.#key ||= await (await import("./token-key")).tokenKey(this.#options);
    return (this.#usable(await this.#options.store.get(this.#key)) ?? (await this.#refresh(signal)))
      .accessToken;
  }

  /**
   * The cached token when the store answers at once (the memory store does) and it is still valid, else
   * undefined: then `token()` is the way. Spares the promise and the await that every request paid.
   */
  cachedToken(): string | undefined {
    const cached = this.#key ? this.#options.store.get(this.#key) : undefined;
    return cached && "then" in cached ? undefined : this.#usable(cached)?.accessToken;
  }

  /** `token` while it is valid (masked in logs from now on: it came from a store), else undefined. */
  #usable(token: StoredToken | undefined): StoredToken | undefined {
    if (token && token.expiresAt > Date.now()) {
      this.#options.redactor.add(token.accessToken);
      return token;
    }
  }

  /** Forgets `token` after Hotmart rejected it. Tokens minted since by another request are kept. */
  async invalidate(token: string): Promise<void> {
    const cached = await this.#options.store.get(this.#key);
    if (cached?.accessToken === token) await this.#options.store.delete(this.#key);
  }

  /** Stops any token request in progress; the token is dropped too when the store is this client's own. */
  async close(): Promise<void> {
    this.#closer.abort();
    // Only the store the client made is its own. One given to it (a shared MemoryTokenStore, Redis) may
    // serve other clients on the same credential: deleting their token cost each a token request, all at
    // once in a busy multi-tenant process.
    if (this.#options.own) await this.#options.store.delete(this.#key);
  }

  #refresh(signal?: AbortSignal): Promise<StoredToken> {
    // Single flight: every caller that finds no valid token joins the same request. The shared
    // request is not tied to any one caller's signal, so one caller aborting cannot fail the others.
    this.#inflight ??= this.#mint().finally(() => {
      this.#inflight = undefined;
    });
    return raceAbort(this.#inflight, signal);
  }

  /** With a store that can lock: one process requests the token, the others wait for it in the store. */
  async #mint(): Promise<StoredToken> {
    const { store } = this.#options;
    if (!store.lock) return this.#mintAndStore();
    for (let polls = 0; ; polls++) {
      // token() found no valid token before calling us: a valid one now was stored by another process.
      const cached = this.#usable(await store.get(this.#key));
      if (cached) return cached;
      const release = await store.lock(this.#key);
      if (release) {
        try {
          // Between our read above and the lock, another process may have stored a token and released
          // the lock: read again under the lock, or both of us would ask Hotmart.
          return this.#usable(await store.get(this.#key)) ?? (await this.#mintAndStore());
        } finally {
          await Promise.resolve()
            .then(release)
            .catch(() => {});
        }
      }
      try {
        await sleep(Math.min(10 * 2 ** polls, 50), this.#closer.signal);
      } catch {
        throw await closedError("lock");
      }
    }
  }

  async #mintAndStore(): Promise<StoredToken> {
    const { log, maxRetries } = this.#options;
    for (let retry = 0; ; retry++) {
      const result = await this.#requestToken();
      if ("token" in result) {
        await this.#options.store.set(this.#key, result.token);
        return result.token;
      }
      // Minting a token changes nothing worth protecting, so it is retried like a read.
      const decision = decide(result.outcome, { idempotent: true, retry });
      if (!decision.retry || retry >= maxRetries) throw result.error;
      log.warn(`token request failed, retrying in ${Math.round(decision.delayMs)} ms`, {
        attempt: retry + 1,
        error: String(result.error),
      });
      try {
        await this.retryWait(decision.delayMs, this.#closer.signal);
      } catch {
        throw await closedError("retry");
      }
    }
  }

  /** One token request, through the same single-attempt helper as API requests. */
  async #requestToken(): Promise<{ token: StoredToken } | { outcome: Outcome; error: HotmartError }> {
    const { clientId, clientSecret, basic, authURL, timeoutMs, log, redactor } = this.#options;
    // Hotmart documents the credentials in the query string of a body-less POST, plus the Basic header.
    const url = new URL(authURL);
    url.searchParams.set("grant_type", "client_credentials");
    url.searchParams.set("client_id", clientId);
    url.searchParams.set("client_secret", clientSecret);
    const safeURL = redactor.url(url.toString());
    this.grants += 1;
    log.debug("requesting an access token", { url: safeURL });
    // Its own controller (timeouts spend it), following close().
    const controller = new AbortController();
    const unlink = link(this.#closer.signal, controller);
    // The token's life is counted from before it was asked for: Hotmart counts it from then (or a little
    // later). Counted from the answer, a process frozen while the answer waited (SIGSTOP, a Lambda between
    // invocations) would take it as valid for as long again as the freeze, and meet 401s once it expired.
    const askedAt = Date.now();
    const result = await attempt(
      this.#options.fetch,
      url.toString(),
      {
        method: "POST",
        headers: {
          Authorization: `Basic ${basic}`,
          "Content-Type": "application/json",
          Accept: "application/json",
          "User-Agent": USER_AGENT,
        },
        signal: controller.signal,
        // Like API requests (pipeline.ts): followed, a 307/308 replayed the credentials' POST to wherever
        // the answer pointed. The token is Hotmart's to give, from the URL the client was given.
        redirect: "manual",
      },
      timeoutMs,
      controller,
    ).finally(unlink);
    if (result.kind === "aborted") throw await closedError("request");
    const body = result.kind === "response" ? parseJSONLoose(result.text, 200) : undefined;
    const accessToken = (body as { access_token?: unknown } | undefined)?.access_token;
    if (result.kind === "response" && result.response.ok && typeof accessToken === "string" && accessToken) {
      const expiresIn = Number((body as { expires_in?: unknown } | undefined)?.expires_in);
      redactor.add(accessToken);
      const expiry = askedAt + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3_600_000);
      log.info("access token issued", { expires_in: expiresIn });
      // Refreshed 5 minutes before its expiry, or at half of what was left of its life when it came,
      // whichever is later. The margin is for refreshing early, not for refusing a token just received:
      // a token shorter-lived than it (which would be never valid), or one whose request was slow or
      // waited out a freeze, is still good until `expiry`, and the calls after the one that asked for it
      // use it too (counted from the margin alone, each call would ask for a token of its own).
      return {
        token: { accessToken, expiresAt: Math.max(expiry - REFRESH_MARGIN_MS, (Date.now() + expiry) / 2) },
      };
    }
    // A failure: what it says and which error it is load now, on the first one (token-messages.ts).
    const { tokenFailure } = await import("./token-messages");
    return tokenFailure(result, body, safeURL, timeoutMs, redactor, [
      APIConnectionTimeoutError,
      APIConnectionError,
      APIError,
      AuthenticationError,
      ResponseParseError,
      RETRYABLE_STATUS,
      describeCause,
      sanitizeCause,
    ]);
  }
}

/** close() ended a token request or a wait for one. Its message loads then, as a failure's do (token-messages.ts). */
async function closedError(when: keyof typeof CLOSED_WHILE): Promise<HotmartError> {
  const say = await import("./token-messages");
  return new HotmartError(say.closed(when), { outcomeUnknown: false });
}

export function describeCause(cause: unknown): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    const text = typeof e.code === "string" ? e.code : typeof e.message === "string" ? e.message : undefined;
    if (text && !parts.includes(text)) parts.push(text);
    current = e.cause;
  }
  return parts.join(": ") || "network error";
}

/** Keeps the cause chain useful for debugging without letting a secret-bearing message through. */
export function sanitizeCause(cause: unknown, redactor: Redactor): unknown {
  if (!(cause instanceof Error)) return cause;
  const safe = new Error(redactor.string(cause.message));
  safe.name = cause.name;
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) (safe as { code?: unknown }).code = code;
  if (cause.cause !== undefined) (safe as { cause?: unknown }).cause = sanitizeCause(cause.cause, redactor);
  return safe;
}
