import {
  APIConnectionTimeoutError,
  AuthenticationError,
  Hotmart,
  MemoryTokenStore,
  ResponseParseError,
  type StoredToken,
} from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import { json, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

function client(extra: ConstructorParameters<typeof Hotmart>[0] = {}) {
  return new Hotmart({
    clientId: "client-id",
    clientSecret: "client-secret-value",
    baseURL: server.url,
    authURL: server.authURL,
    ...extra,
  });
}

describe("token manager", () => {
  it("sends the documented token request: query credentials, Basic header, no body", async () => {
    await client().request("GET", "/payments/api/v1/sales/history");
    const [token] = server.tokenRequests;
    expect(token?.method).toBe("POST");
    const query = new URL(token?.url ?? "", server.url).searchParams;
    expect(query.get("grant_type")).toBe("client_credentials");
    expect(query.get("client_id")).toBe("client-id");
    expect(query.get("client_secret")).toBe("client-secret-value");
    expect(token?.headers.authorization).toBe(`Basic ${btoa("client-id:client-secret-value")}`);
    expect(token?.body).toBe("");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer token-1");
  });

  it("uses the Basic value given instead of deriving one", async () => {
    await client({ basic: "cmVhZHktbWFkZQ==" }).request("GET", "/x");
    expect(server.tokenRequests[0]?.headers.authorization).toBe("Basic cmVhZHktbWFkZQ==");
  });

  it('accepts the Basic value with its "Basic " prefix, as the panel shows it', async () => {
    await client({ basic: "Basic cmVhZHktbWFkZQ==" }).request("GET", "/x");
    expect(server.tokenRequests[0]?.headers.authorization).toBe("Basic cmVhZHktbWFkZQ==");
  });

  it("50 concurrent calls with no token make exactly one token request", async () => {
    // Slow token endpoint, so all 50 calls are waiting on it at once.
    server.handleToken(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 100));
      json(res, 200, { access_token: "shared", token_type: "bearer", expires_in: 172799 });
    });
    const c = client();
    await Promise.all(Array.from({ length: 50 }, () => c.request("GET", "/payments/api/v1/sales/history")));
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.requests).toHaveLength(50);
    expect(new Set(server.requests.map((r) => r.headers.authorization))).toEqual(new Set(["Bearer shared"]));
  });

  it("a token revoked mid-run is refreshed once and the request resent once", async () => {
    let revoked = false;
    server.handle((req, res) => {
      if (revoked && req.headers.authorization === "Bearer token-1") {
        return json(res, 401, { error: "invalid_token", error_description: "Invalid access token" });
      }
      json(res, 200, { ok: req.headers.authorization });
    });
    const c = client();
    expect(await c.request("GET", "/a")).toEqual({ ok: "Bearer token-1" });
    revoked = true;
    const results = await Promise.all([
      c.request("GET", "/b"),
      c.request("GET", "/c"),
      c.request("GET", "/d"),
    ]);
    expect(results).toEqual([{ ok: "Bearer token-2" }, { ok: "Bearer token-2" }, { ok: "Bearer token-2" }]);
    expect(server.tokenRequests).toHaveLength(2);
    expect(await c.request("GET", "/e")).toEqual({ ok: "Bearer token-2" });
    expect(server.tokenRequests).toHaveLength(2);
  });

  it("401 twice in a row raises AuthenticationError after one refresh", async () => {
    server.handle((_req, res) =>
      json(res, 401, { error: "unauthorized", error_description: "Full authentication is required" }),
    );
    const error = await client()
      .request("GET", "/payments/api/v1/sales/history")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).error).toBe("unauthorized");
    expect(server.requests).toHaveLength(2);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it("a refused token request raises AuthenticationError that never contains the secret", async () => {
    server.handleToken((_req, res) =>
      json(res, 401, { error: "unauthorized", error_description: "Invalid client credentials" }),
    );
    const error = (await client()
      .request("GET", "/x")
      .catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/HOTMART_CLIENT_SECRET/);
    const everything = `${error.message} ${JSON.stringify(error)} ${error.url} ${String(error.stack)}`;
    expect(everything).not.toContain("client-secret-value");
    expect(everything).not.toContain(btoa("client-id:client-secret-value"));
    expect(server.requests).toHaveLength(0);
  });

  it("retries a token endpoint 503 and then succeeds", async () => {
    let calls = 0;
    server.handleToken((_req, res) => {
      calls += 1;
      if (calls === 1) return json(res, 503, { error: "internal_server_error" }, { "retry-after": "0" });
      json(res, 200, { access_token: "after-retry", expires_in: 172799 });
    });
    expect(await client().request("GET", "/x")).toEqual({ ok: true });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer after-retry");
  });

  it("a token response cut off or empty is retried, and after the retries is a ResponseParseError, not an AuthenticationError", async () => {
    const whole = JSON.stringify({ access_token: "cut-off-token-value", expires_in: 172799 });
    let calls = 0;
    server.handleToken((_req, res) => {
      calls += 1;
      res.writeHead(200, { "content-type": "application/json" });
      // A cut-off body, then an empty one, then the token.
      res.end(calls === 1 ? whole.slice(0, whole.length / 2) : calls === 2 ? "" : whole);
    });
    const first = client({ maxRetries: 2 });
    expect(skipRetryWaits(first)).toEqual([]);
    expect(await first.request("GET", "/x")).toEqual({ ok: true });
    expect(server.tokenRequests).toHaveLength(3);
    const sent = server.requests.length;

    calls = 0;
    server.handleToken((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(whole.slice(0, whole.length / 2));
    });
    const second = client({ maxRetries: 1 });
    skipRetryWaits(second);
    const error = await second.request("GET", "/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect((error as ResponseParseError).message).toMatch(/token request answered 200 .*cut off/);
    // Part of a token the client never parsed is not shown either.
    expect(JSON.stringify(error)).not.toContain("cut-off-token");
    expect(server.requests).toHaveLength(sent);
  });

  it("a token response that is JSON without an access_token, or an HTML page, is an AuthenticationError at once", async () => {
    // The auth URL is not Hotmart's token endpoint (a login page, a proxy's page): nothing to retry.
    for (const [type, body] of [
      ["application/json", JSON.stringify({ hello: "not a token endpoint" })],
      ["text/html", "<!doctype html><html><body>Sign in</body></html>"],
    ] as const) {
      server.handleToken((_req, res) => {
        res.writeHead(200, { "content-type": type });
        res.end(body);
      });
      const before = server.tokenRequests.length;
      const error = await client()
        .request("GET", "/x")
        .catch((e: unknown) => e);
      expect(error, type).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toMatch(/may not be Hotmart's token endpoint/);
      expect(server.tokenRequests.length - before).toBe(1);
    }
  });

  it("a call's totalTimeout bounds its wait for a slow token request; the token still serves later calls", async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.handleToken(async (_req, res) => {
      await answered;
      json(res, 200, { access_token: "slow-token", expires_in: 172799 });
    });
    const hotmart = client();
    const error = await hotmart
      .request("GET", "/x", undefined, { totalTimeout: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(
      /GET .*\/x ran past its total timeout while waiting for an access token .*; it was not sent/,
    );
    expect((error as APIConnectionTimeoutError).outcomeUnknown).toBe(false);
    expect((error as APIConnectionTimeoutError).waitedFor).toBe("token");
    expect(server.requests).toHaveLength(0);
    // The token request was not the call's to cancel: once answered, the next call uses it.
    answer();
    expect(await hotmart.request("GET", "/x")).toEqual({ ok: true });
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer slow-token");
  });

  it("refreshes before expiry instead of waiting for a 401", async () => {
    // expires_in 2 s: the token is treated as stale after half its life (1 s), well before Hotmart would reject it.
    server.handleToken((_req, res) =>
      json(res, 200, { access_token: `short-${server.tokenRequests.length}`, expires_in: 2 }),
    );
    const c = client();
    await c.request("GET", "/x");
    await new Promise((r) => setTimeout(r, 1100));
    await c.request("GET", "/y");
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer short-1", "Bearer short-2"]);
  });

  it("shares tokens across clients through a TokenStore", async () => {
    const store = new MemoryTokenStore();
    await client({ tokenStore: store }).request("GET", "/x");
    await client({ tokenStore: store }).request("GET", "/y");
    expect(server.tokenRequests).toHaveLength(1);
  });

  it("accepts an async TokenStore and does not keep tokens a 401 rejected", async () => {
    const map = new Map<string, StoredToken>();
    const store = {
      get: async (k: string) => map.get(k),
      set: async (k: string, t: StoredToken) => void map.set(k, t),
      delete: async (k: string) => void map.delete(k),
    };
    let first = true;
    server.handle((_req, res) => {
      if (first) {
        first = false;
        return json(res, 401, { error: "token_expired" });
      }
      json(res, 200, {});
    });
    await client({ tokenStore: store }).request("GET", "/x");
    expect([...map.values()].map((t) => t.accessToken)).toEqual(["token-2"]);
    expect([...map.keys()].join()).not.toContain("client-secret-value");
  });

  it("a shared store with a lock: 5 clients (as 5 processes) needing a token make one token request, and close() leaves it for the others", async () => {
    const map = new Map<string, StoredToken>();
    let holder: symbol | undefined;
    const store = {
      shared: true,
      get: async (k: string) => map.get(k),
      set: async (k: string, t: StoredToken) => void map.set(k, t),
      delete: async (k: string) => void map.delete(k),
      lock: async () => {
        if (holder) return undefined;
        const me = Symbol("holder");
        holder = me;
        return async () => {
          if (holder === me) holder = undefined;
        };
      },
    };
    const clients = Array.from({ length: 5 }, () => client({ tokenStore: store }));
    await Promise.all(clients.flatMap((c) => [c.request("GET", "/a"), c.request("GET", "/b")]));
    expect(server.tokenRequests).toHaveLength(1);
    expect(holder).toBeUndefined();
    await clients[0]?.close();
    expect(map.size).toBe(1);
    await clients[1]?.request("GET", "/c");
    expect(server.tokenRequests).toHaveLength(1);
  });

  it("a shared store with a lock: a token another process stored between our read and our lock is used, not requested again", async () => {
    const map = new Map<string, StoredToken>();
    const store = {
      shared: true,
      get: async (k: string) => map.get(k),
      set: async (k: string, t: StoredToken) => void map.set(k, t),
      delete: async (k: string) => void map.delete(k),
      // The other process minted, stored and released just before our lock call: the lock is free.
      lock: async (k: string) => {
        map.set(k, { accessToken: "from-another-process", expiresAt: Date.now() + 60_000 });
        return async () => {};
      },
    };
    server.handle((_req, res) => json(res, 200, {}));
    await client({ tokenStore: store }).request("GET", "/x");
    expect(server.tokenRequests).toHaveLength(0);
  });

  it("withOptions() clones share the token", async () => {
    const c = client();
    await c.request("GET", "/x");
    await c.withOptions({ timeout: 5000 }).request("GET", "/y");
    expect(server.tokenRequests).toHaveLength(1);
    expect(c.tokenRequests).toBe(1);
  });
});
