import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { ApiError } from "./errors";

export interface Credentials {
  clientId: string;
  clientSecret: string;
  /** base64(clientId:clientSecret), the ready-made Basic token Hotmart shows with a credential. */
  basic: string;
}

export function makeCredentials(clientId: string, clientSecret: string): Credentials {
  return { clientId, clientSecret, basic: Buffer.from(`${clientId}:${clientSecret}`).toString("base64") };
}

export interface TokenResponse {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  scope: "read write";
  jti: string;
}

interface TokenRecord {
  clientId: string;
  expiresAt: number;
  revoked: boolean;
}

function b64url(value: unknown): string {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
}

const challenge = (code: string, description: string) => ({
  "WWW-Authenticate": `Bearer realm="hotmart", error="${code}", error_description="${description}"`,
});

/**
 * How long past its expiry a token is still remembered, so it answers 401 token_expired (a revoked one,
 * invalid_token) as it did; after that it is forgotten and answers invalid_token, which Hotmart answers
 * for an expired token too (§2.4). Without it a simulator left running kept every token it ever issued.
 */
export const EXPIRED_TOKEN_KEPT_MS = 60 * 60_000;
/**
 * Most tokens remembered; past it the oldest issued is forgotten (it then answers invalid_token, as a
 * revoked one). A client that mints a token per call at 100 a second would otherwise hold 17 million
 * 48-hour tokens, some 4 GB at the 230 bytes a token measured; no real client holds more than a few.
 */
export const MAX_TOKENS = 100_000;
/** Expired tokens are swept at most this often (a sweep reads every token). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Access tokens are random (not derived from the seed): a token minted by one simulator must never
 * be accepted by the next one started with the same seed.
 */
export class TokenStore {
  readonly #tokens = new Map<string, TokenRecord>();
  #nextSweep = Number.NEGATIVE_INFINITY;
  readonly #maxTokens: number;
  ttlSeconds: number;

  constructor(ttlSeconds: number, maxTokens = MAX_TOKENS) {
    this.ttlSeconds = ttlSeconds;
    this.#maxTokens = maxTokens;
  }

  issue(clientId: string, now = Date.now()): TokenResponse {
    const jti = randomUUID();
    const expiresAt = now + this.ttlSeconds * 1000;
    // Shaped like Hotmart's: a compact token whose payload holds only exp and jti.
    const token = [
      b64url({ alg: "HS256", typ: "JWT" }),
      b64url({ exp: Math.floor(expiresAt / 1000), jti }),
      randomBytes(32).toString("base64url"),
    ].join(".");
    this.#forgetOld(now);
    this.#tokens.set(token, { clientId, expiresAt, revoked: false });
    return {
      access_token: token,
      token_type: "bearer",
      expires_in: this.ttlSeconds,
      scope: "read write",
      jti,
    };
  }

  /** The client id behind a valid bearer header, or the 401 Hotmart answers (§5.2, §12.2). */
  authenticate(authorization: string | undefined, now = Date.now()): string {
    if (authorization === undefined || authorization.trim() === "") {
      throw new ApiError(401, "unauthorized", "Full authentication is required to access this resource.");
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw new ApiError(401, "unauthorized", "Full authentication is required to access this resource.");
    }
    const record = this.#tokens.get(match[1]);
    if (!record || record.revoked) {
      const description = "Invalid access token.";
      throw new ApiError(401, "invalid_token", description, {}, challenge("invalid_token", description));
    }
    if (record.expiresAt <= now) {
      const description = "Access token expired.";
      throw new ApiError(401, "token_expired", description, {}, challenge("invalid_token", description));
    }
    return record.clientId;
  }

  /** Every token issued so far answers 401 invalid_token from now on. */
  revokeAll(): void {
    for (const record of this.#tokens.values()) record.revoked = true;
  }

  /** Every token issued so far answers 401 token_expired from now on. */
  expireAll(now = Date.now()): void {
    for (const record of this.#tokens.values()) record.expiresAt = Math.min(record.expiresAt, now);
  }

  /** Tokens issued and still valid. */
  active(now = Date.now()): number {
    let n = 0;
    for (const record of this.#tokens.values()) if (!record.revoked && record.expiresAt > now) n++;
    return n;
  }

  /** Tokens remembered: valid and revoked ones, and expired ones for EXPIRED_TOKEN_KEPT_MS past expiry. */
  get size(): number {
    return this.#tokens.size;
  }

  /** Before a token is added: drops those expired long enough ago, and the oldest past the cap. */
  #forgetOld(now: number): void {
    if (now >= this.#nextSweep) {
      this.#nextSweep = now + SWEEP_EVERY_MS;
      for (const [token, record] of this.#tokens) {
        if (record.expiresAt + EXPIRED_TOKEN_KEPT_MS <= now) this.#tokens.delete(token);
      }
    }
    // Map order is issue order: the first key is the oldest token.
    for (const token of this.#tokens.keys()) {
      if (this.#tokens.size < this.#maxTokens) break;
      this.#tokens.delete(token);
    }
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface TokenRequest {
  authorization: string | undefined;
  query: URLSearchParams;
  /** Form-encoded body, if any (some clients send grant_type there). */
  form: URLSearchParams;
}

/**
 * The OAuth token endpoint (§2.2): Basic header required; grant_type, client_id and client_secret
 * read from the query string (documented) or a form body (used by some clients). When client_id or
 * client_secret are given they must match the Basic header's.
 */
export function grantToken(
  request: TokenRequest,
  credentials: Credentials,
  store: TokenStore,
): TokenResponse {
  const read = (name: string) => request.query.get(name) ?? request.form.get(name) ?? undefined;
  const invalidClient = () => new ApiError(401, "unauthorized", "Invalid client credentials");
  const header = request.authorization;
  if (header === undefined || header.trim() === "") {
    throw new ApiError(401, "unauthorized", "Full authentication is required to access this resource.");
  }
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!basic) throw invalidClient();
  const decoded = Buffer.from(basic, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const id = colon >= 0 ? decoded.slice(0, colon) : decoded;
  const secret = colon >= 0 ? decoded.slice(colon + 1) : "";
  if (!safeEqual(id, credentials.clientId) || !safeEqual(secret, credentials.clientSecret))
    throw invalidClient();

  const grantType = read("grant_type");
  if (grantType === undefined || grantType === "") {
    throw new ApiError(400, "invalid_request", "Missing grant type");
  }
  if (grantType !== "client_credentials") {
    throw new ApiError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
  }
  const clientId = read("client_id");
  const clientSecret = read("client_secret");
  if (clientId !== undefined && !safeEqual(clientId, credentials.clientId)) throw invalidClient();
  if (clientSecret !== undefined && !safeEqual(clientSecret, credentials.clientSecret)) throw invalidClient();
  return store.issue(credentials.clientId);
}
