import { ERROR_URI } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, fetchToken, SALES } from "./helpers";

describe("Observability", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 9 });
  });
  afterAll(() => api.close());

  it("counts requests by route template and status, token grants and side effects", async () => {
    api.sim.resetStats();
    await fetchToken(api.sim);
    await api.get(`${SALES}/history`);
    await api.get(`${SALES}/history`);
    await api.get(`${SALES}/history`, { transaction_status: "NOPE" });
    const sale = api.sim.purchase();
    await api.request("PUT", `${SALES}/${sale.transaction}/refund`);
    const stats = api.sim.stats();
    expect(stats.requests["GET /payments/api/v1/sales/history"]).toEqual({ "200": 2, "400": 1 });
    expect(stats.requests["PUT /payments/api/v1/sales/:transaction_code/refund"]).toEqual({ "200": 1 });
    expect(stats.requests["POST /security/oauth/token"]).toEqual({ "200": 1 });
    expect(stats.tokenGrants).toBe(1);
    expect(stats.sideEffects).toEqual({ "sale.create": 1, "sale.refund": 1 });
  });

  it("logs each request with its query, redacted headers, parsed body, status and time", async () => {
    api.sim.resetStats();
    await api.request("PATCH", "/payments/api/v1/subscriptions/B2HNQAXJ", {
      body: { due_day: 4 },
      query: { select: "x" },
    });
    const entry = api.sim.requestLog[0];
    expect(entry).toMatchObject({
      method: "PATCH",
      path: "/payments/api/v1/subscriptions/B2HNQAXJ",
      query: { select: "x" },
      body: { due_day: 4 },
      status: 200,
      route: "PATCH /payments/api/v1/subscriptions/:subscriber_code",
    });
    expect(entry?.headers.authorization).toBe("Bearer [redacted]");
    expect(entry?.at).toEqual(expect.any(Number));
    expect(entry?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("an Authorization header without a scheme is masked whole: the log never holds the credential", async () => {
    // A client that forgets "Bearer " or "Basic " sends the bare token or Basic value; the log took
    // its first word for the scheme and kept it, which was the whole secret.
    api.sim.resetStats();
    const { sim, token } = api;
    await fetch(`${sim.url}${SALES}/history`, { headers: { Authorization: token } });
    await fetch(sim.authURL, { method: "POST", headers: { Authorization: sim.credentials.basic } });
    await fetch(sim.authURL, {
      method: "POST",
      headers: { "Proxy-Authorization": `Basic ${sim.credentials.basic}` },
    });
    const logged = JSON.stringify(sim.requestLog);
    expect(sim.requestLog).toHaveLength(3);
    expect(sim.requestLog.map((e) => e.headers.authorization ?? e.headers["proxy-authorization"])).toEqual([
      "[redacted]",
      "[redacted]",
      "Basic [redacted]",
    ]);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(sim.credentials.basic);
  });

  it("resetStats clears counters and the log", async () => {
    await api.get(`${SALES}/history`);
    api.sim.resetStats();
    expect(api.sim.stats()).toEqual({ requests: {}, tokenGrants: 0, sideEffects: {} });
    expect(api.sim.requestLog).toHaveLength(0);
  });
});

describe("Errors for unknown routes and methods", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 9 });
  });
  afterAll(() => api.close());

  it("answers 404 not_found for an unknown path", async () => {
    const res = await api.get("/payments/api/v1/nothing");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: "not_found",
      error_description: expect.any(String),
      error_uri: ERROR_URI,
    });
  });

  it("answers 405 method_not_allowed (with Allow) for a known path and another method", async () => {
    const res = await api.request("DELETE", `${SALES}/history`);
    expect(res.status).toBe(405);
    expect(res.body.error).toBe("method_not_allowed");
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("answers 400 for a malformed JSON body, invalid_value_headers when it was not declared JSON", async () => {
    const malformed = await api.request("POST", "/payments/api/v1/subscriptions/cancel", { body: "{oops" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe("invalid_parameter");
    const form = await api.request("POST", "/payments/api/v1/subscriptions/cancel", {
      body: "subscriber_code=B2HNQAXJ",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(400);
    expect(form.body.error).toBe("invalid_value_headers");
  });

  it("applies select on writes and single objects", async () => {
    const res = await api.post("/payments/api/v1/subscriptions/B2HNQAXJ/cancel", undefined, {
      select: "subscriber_code,shopper.email",
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["shopper", "subscriber_code"]);
    expect(Object.keys(res.body.shopper)).toEqual(["email"]);
    const modules = await api.get("/club/api/v1/modules", { subdomain: "my_subdomain", select: "module_id" });
    for (const m of modules.body) expect(Object.keys(m)).toEqual(["module_id"]);
  });
});

describe("Admin routes", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 9 });
  });
  afterAll(() => api.close());

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api.sim.url}/__admin${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };

  it("need no bearer token and do not appear in stats or the log", async () => {
    api.sim.resetStats();
    expect((await admin("GET", "/")).status).toBe(200);
    expect((await admin("GET", "/stats")).body).toEqual({ requests: {}, tokenGrants: 0, sideEffects: {} });
    expect(api.sim.requestLog).toHaveLength(0);
  });

  it("mirror stats, requests and reset", async () => {
    await api.get(`${SALES}/history`);
    expect((await admin("GET", "/stats")).body.requests["GET /payments/api/v1/sales/history"]).toEqual({
      "200": 1,
    });
    const log = await admin("GET", "/requests?limit=1");
    expect(log.body).toHaveLength(1);
    expect(log.body[0].route).toBe("GET /payments/api/v1/sales/history");
    expect((await admin("POST", "/reset")).status).toBe(200);
    expect((await admin("GET", "/requests")).body).toEqual([]);
  });

  it("reset with data restores the seed's dataset", async () => {
    const sale = api.sim.purchase();
    expect(api.sim.data.sale(sale.transaction)).toBeDefined();
    await admin("POST", "/reset", { data: true });
    expect(api.sim.data.sale(sale.transaction)).toBeUndefined();
    const res = await api.get(`${SALES}/history`, { transaction: sale.transaction });
    expect(res.body.items).toEqual([]);
  });

  it("revoke and expire tokens", async () => {
    await admin("POST", "/tokens/revoke");
    expect((await api.get(`${SALES}/history`)).body.error).toBe("invalid_token");
    api.token = await fetchToken(api.sim);
    await admin("POST", "/tokens/expire");
    expect((await api.get(`${SALES}/history`)).body.error).toBe("token_expired");
    api.token = await fetchToken(api.sim);
  });

  it("expose data ids, purchases, approvals and the clock", async () => {
    const data = await admin("GET", "/data");
    expect(data.body.sandbox.subscriberSuccess).toBe("B2HNQAXJ");
    expect(data.body.samples.approvedTransactions.length).toBeGreaterThan(0);
    const pending = await admin("POST", "/sales", { status: "PRINTED_BILLET", paymentType: "BILLET" });
    expect(pending.status).toBe(201);
    expect(pending.body.status).toBe("PRINTED_BILLET");
    const approved = await admin("POST", `/sales/${pending.body.transaction}/approve`);
    expect(approved.body.status).toBe("APPROVED");
    const before = (await admin("GET", "/clock")).body.now;
    const after = (await admin("POST", "/clock", { advanceMs: 86_400_000 })).body.now;
    expect(after - before).toBeGreaterThanOrEqual(86_400_000);
  });

  it("answer 404 for unknown admin routes", async () => {
    expect((await admin("GET", "/nope")).status).toBe(404);
  });
});
