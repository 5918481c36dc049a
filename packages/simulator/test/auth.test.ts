import { ERROR_URI } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, buildURL, eventually, fetchToken, SALES } from "./helpers";

describe("OAuth token endpoint", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 7 });
  });
  afterAll(() => api.close());

  const tokenRequest = (query: Record<string, string>, headers: Record<string, string>, body?: string) =>
    fetch(buildURL(api.sim.authURL, api.sim.authURL, query), { method: "POST", headers, body: body ?? null });

  const documented = () => ({
    grant_type: "client_credentials",
    client_id: api.sim.credentials.clientId,
    client_secret: api.sim.credentials.clientSecret,
  });

  it("answers the documented body for the query-string form with a Basic header", async () => {
    const res = await tokenRequest(documented(), { Authorization: `Basic ${api.sim.credentials.basic}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "jti", "scope", "token_type"]);
    expect(body.token_type).toBe("bearer");
    expect(body.expires_in).toBe(172799);
    expect(body.scope).toBe("read write");
    expect(typeof body.access_token).toBe("string");
    // A compact token whose payload holds only exp and jti.
    const payload = JSON.parse(Buffer.from(body.access_token.split(".")[1], "base64url").toString());
    expect(Object.keys(payload).sort()).toEqual(["exp", "jti"]);
    expect(payload.jti).toBe(body.jti);
  });

  it("serves the token on the same origin as the API, at Hotmart's path", () => {
    expect(api.sim.authURL).toBe(`${api.sim.url}/security/oauth/token`);
    expect(api.sim.credentials.basic).toBe(
      Buffer.from(`${api.sim.credentials.clientId}:${api.sim.credentials.clientSecret}`).toString("base64"),
    );
  });

  it("accepts grant_type in a form body (the variant some clients send)", async () => {
    const res = await tokenRequest(
      {},
      {
        Authorization: `Basic ${api.sim.credentials.basic}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      "grant_type=client_credentials",
    );
    expect(res.status).toBe(200);
  });

  it("answers 401 unauthorized without a Basic header", async () => {
    const res = await tokenRequest(documented(), {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: "unauthorized",
      error_description: "Full authentication is required to access this resource.",
      error_uri: ERROR_URI,
    });
  });

  it("answers 401 Invalid client credentials for a wrong secret", async () => {
    const bad = Buffer.from(`${api.sim.credentials.clientId}:nope`).toString("base64");
    const res = await tokenRequest(documented(), { Authorization: `Basic ${bad}` });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error).toBe("unauthorized");
    expect(body.error_description).toBe("Invalid client credentials");
  });

  it("answers 401 when the query credentials contradict the Basic header", async () => {
    const res = await tokenRequest(
      { ...documented(), client_secret: "other" },
      { Authorization: `Basic ${api.sim.credentials.basic}` },
    );
    expect(res.status).toBe(401);
  });

  it("answers 400 for a missing or unsupported grant type", async () => {
    const headers = { Authorization: `Basic ${api.sim.credentials.basic}` };
    const missing = await tokenRequest({ client_id: api.sim.credentials.clientId }, headers);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toBe("invalid_request");
    const wrong = await tokenRequest({ ...documented(), grant_type: "password" }, headers);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toBe("unsupported_grant_type");
  });

  it("counts token grants", async () => {
    const before = api.sim.stats().tokenGrants;
    await fetchToken(api.sim);
    expect(api.sim.stats().tokenGrants).toBe(before + 1);
  });

  it("never logs the secret or the bearer token", async () => {
    await fetchToken(api.sim);
    await api.get(`${SALES}/history`);
    const log = JSON.stringify(api.sim.requestLog);
    expect(log).not.toContain(api.sim.credentials.clientSecret);
    expect(log).not.toContain(api.sim.credentials.basic);
    expect(log).not.toContain(api.token);
    const entry = api.sim.requestLog.find((e) => e.route === "GET /payments/api/v1/sales/history");
    expect(entry?.headers.authorization).toBe("Bearer [redacted]");
  });
});

describe("Bearer check", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 7 });
  });
  afterAll(() => api.close());

  const history = (authorization?: string) =>
    api.request("GET", `${SALES}/history`, {
      auth: false,
      headers: authorization === undefined ? {} : { Authorization: authorization },
    });

  it("answers 401 unauthorized without a token", async () => {
    const res = await history();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: "unauthorized",
      error_description: "Full authentication is required to access this resource.",
      error_uri: ERROR_URI,
    });
  });

  it("answers 401 unauthorized for a wrongly named scheme", async () => {
    const res = await history(`Token ${api.token}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
  });

  it("answers 401 invalid_token for an unknown token", async () => {
    const res = await history("Bearer not-a-token");
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_token");
    expect(res.body.error_uri).toBe(ERROR_URI);
    expect(res.headers.get("www-authenticate")).toContain("invalid_token");
  });

  it("accepts a valid token", async () => {
    expect((await history(`Bearer ${api.token}`)).status).toBe(200);
  });

  it("revokeAll makes every issued token invalid_token; a new token works", async () => {
    const token = await fetchToken(api.sim);
    api.sim.tokens.revokeAll();
    const res = await history(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_token");
    api.token = await fetchToken(api.sim);
    expect((await history(`Bearer ${api.token}`)).status).toBe(200);
  });

  it("expireAll makes every issued token token_expired", async () => {
    const token = await fetchToken(api.sim);
    api.sim.tokens.expireAll();
    const res = await history(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("token_expired");
    expect(api.sim.tokens.active()).toBe(0);
  });
});

describe("Configurable token lifetime", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 7, tokenTtlSeconds: 1 });
  });
  afterAll(() => api.close());

  it("reports the configured expires_in and expires the token after it", async () => {
    const res = await fetch(
      buildURL(api.sim.authURL, api.sim.authURL, {
        grant_type: "client_credentials",
        client_id: api.sim.credentials.clientId,
        client_secret: api.sim.credentials.clientSecret,
      }),
      { method: "POST", headers: { Authorization: `Basic ${api.sim.credentials.basic}` } },
    );
    const body = await res.json();
    expect(body.expires_in).toBe(1);
    api.token = body.access_token;
    const expired = await eventually(async () => {
      const reply = await api.get(`${SALES}/history`);
      return reply.status === 401 ? reply : undefined;
    });
    expect(expired.body.error).toBe("token_expired");
  });
});
