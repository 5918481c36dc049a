import { describe, expect, it } from "vitest";
import { EXPIRED_TOKEN_KEPT_MS, TokenStore } from "../src/auth";

const bearer = (token: string) => `Bearer ${token}`;

describe("TokenStore: a simulator left running does not keep every token it issued", () => {
  it("forgets a token EXPIRED_TOKEN_KEPT_MS after it expired, and until then answers token_expired", () => {
    const ttlSeconds = 10;
    const store = new TokenStore(ttlSeconds);
    const t0 = 1_000_000;
    const old = store.issue("client", t0).access_token;
    for (let i = 0; i < 99; i++) store.issue("client", t0);

    const expired = t0 + ttlSeconds * 1000;
    // Issued just before the old ones are forgotten: they are still remembered, and still say "expired".
    store.issue("client", expired + EXPIRED_TOKEN_KEPT_MS - 1);
    expect(() => store.authenticate(bearer(old), expired + EXPIRED_TOKEN_KEPT_MS - 1)).toThrow(/expired/);

    const later = expired + EXPIRED_TOKEN_KEPT_MS + 60_000;
    const fresh = store.issue("client", later).access_token;
    expect(() => store.authenticate(bearer(old), later)).toThrow(/Invalid access token/);
    expect(store.authenticate(bearer(fresh), later)).toBe("client");
    expect(store.size).toBe(2);
  });

  it("keeps at most its cap (MAX_TOKENS by default) of valid tokens, dropping the oldest issued", () => {
    const store = new TokenStore(172_799, 50);
    const first = store.issue("client", 0).access_token;
    for (let i = 1; i < 60; i++) store.issue("client", 0);
    expect(() => store.authenticate(bearer(first), 1)).toThrow(/Invalid access token/);
    expect(store.size).toBe(50);
  });
});
