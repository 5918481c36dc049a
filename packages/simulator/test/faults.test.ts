import { ERROR_URI } from "hotmart-simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Api, buildURL, SALES } from "./helpers";

const HISTORY = `${SALES}/history`;
const HISTORY_ROUTE = `GET ${HISTORY}`;

describe("Fault injection", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 5 });
  });
  afterAll(() => api.close());
  afterEach(() => api.sim.faults.clear());

  const approved = () => api.sim.purchase();

  it("status: answers the status with Hotmart's body, for the next N requests only", async () => {
    const fault = api.sim.faults.add({ route: HISTORY_ROUTE, kind: "status", status: 503, times: 2 });
    expect(api.sim.faults.list()).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      const res = await api.get(HISTORY);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        error: "internal_server_error",
        error_description: expect.any(String),
        error_uri: ERROR_URI,
      });
    }
    expect((await api.get(HISTORY)).status).toBe(200);
    expect(api.sim.faults.list()).toEqual([]);
    expect(fault.hits).toBe(2);
  });

  it("status: every documented status keeps its error code", async () => {
    const expected: Record<number, string> = {
      400: "invalid_parameter",
      401: "unauthorized",
      403: "unauthorized_client",
      404: "not_found",
      405: "method_not_allowed",
      422: "invalid_parameter",
      429: "too_many_requests",
      500: "internal_server_error",
      502: "internal_server_error",
      503: "internal_server_error",
    };
    for (const [status, code] of Object.entries(expected)) {
      api.sim.faults.add({ route: HISTORY, kind: "status", status: Number(status), times: 1 });
      const res = await api.get(HISTORY);
      expect(res.status).toBe(Number(status));
      expect(res.body.error).toBe(code);
      expect(res.body.error_uri).toBe(ERROR_URI);
    }
  });

  it("rate-limit: answers 429 with the quota headers at zero", async () => {
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "rate-limit", times: 1 });
    const res = await api.get(HISTORY);
    expect(res.status).toBe(429);
    expect(res.body.error).toBe("too_many_requests");
    expect(res.headers.get("ratelimit-remaining")).toBe("0");
    expect(res.headers.get("ratelimit-reset")).toEqual(expect.any(String));
  });

  it("latency: the response still arrives, intact, and the log marks it", async () => {
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "latency", delayMs: 50, times: 1 });
    const res = await api.get(HISTORY, { max_results: 2 });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(api.sim.requestLog.at(-1)?.fault).toBe("latency");
  });

  it("latency combines with another fault on the same request", async () => {
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "latency", delayMs: 20, times: 1 });
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "status", status: 500, times: 1 });
    expect((await api.get(HISTORY)).status).toBe(500);
  });

  it("reset: the connection closes without an answer and the write is not applied", async () => {
    const sale = approved();
    api.sim.faults.add({
      route: "PUT /payments/api/v1/sales/:transaction_code/refund",
      kind: "reset",
      times: 1,
    });
    await expect(api.request("PUT", `${SALES}/${sale.transaction}/refund`)).rejects.toThrow();
    expect(sale.status === "APPROVED" || sale.status === "COMPLETE").toBe(true);
    expect(api.sim.stats().requests["PUT /payments/api/v1/sales/:transaction_code/refund"]?.reset).toBe(1);
    expect(api.sim.requestLog.at(-1)?.status).toBe("reset");
  });

  it("drop-response: the write is applied, then the connection closes without an answer", async () => {
    const sale = approved();
    const before = api.sim.stats().sideEffects["sale.refund"] ?? 0;
    api.sim.faults.add({
      route: `/payments/api/v1/sales/${sale.transaction}/refund`,
      kind: "drop-response",
      times: 1,
    });
    await expect(api.request("PUT", `${SALES}/${sale.transaction}/refund`)).rejects.toThrow();
    expect(sale.status).toBe("REFUNDED");
    expect(api.sim.stats().sideEffects["sale.refund"]).toBe(before + 1);
    expect(api.sim.requestLog.at(-1)?.status).toBe("dropped");
    // A retry of the non-idempotent write now fails: the refund did happen.
    expect((await api.request("PUT", `${SALES}/${sale.transaction}/refund`)).status).toBe(400);
  });

  it("truncate: 200 with the JSON body cut in half", async () => {
    const whole = await api.get(HISTORY);
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "truncate", times: 1 });
    const res = await api.get(HISTORY);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text).toBe(whole.text.slice(0, Math.floor(whole.text.length / 2)));
  });

  it("empty: 200 with an empty body", async () => {
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "empty", times: 1 });
    const res = await api.get(HISTORY);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
  });

  it("rate: seeded probability between never and always", async () => {
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "status", status: 500, rate: 0 });
    expect((await api.get(HISTORY)).status).toBe(200);
    api.sim.faults.clear();
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "status", status: 500, rate: 1 });
    expect((await api.get(HISTORY)).status).toBe(500);
    api.sim.faults.clear();
    api.sim.faults.add({ route: HISTORY_ROUTE, kind: "status", status: 502, rate: 0.5 });
    let failed = 0;
    for (let i = 0; i < 40; i++) if ((await api.get(HISTORY)).status === 502) failed++;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(40);
  });

  it("matches routes by method + path, route template, path prefix, or everything", async () => {
    api.sim.faults.add({ route: "/products", kind: "status", status: 500 });
    expect((await api.get("/products/api/v1/products")).status).toBe(500);
    expect((await api.get(HISTORY)).status).toBe(200);
    api.sim.faults.clear();
    api.sim.faults.add({ route: `POST ${HISTORY}`, kind: "status", status: 500 });
    expect((await api.get(HISTORY)).status).toBe(200);
    api.sim.faults.clear();
    api.sim.faults.add({ kind: "status", status: 503, times: 1 });
    expect((await api.get("/products/api/v1/products")).status).toBe(503);
  });

  it("applies to the token endpoint too, never to admin routes", async () => {
    api.sim.faults.add({ route: "POST /security/oauth/token", kind: "status", status: 503, times: 1 });
    const res = await fetch(`${api.sim.authURL}?grant_type=client_credentials`, {
      method: "POST",
      headers: { Authorization: `Basic ${api.sim.credentials.basic}` },
    });
    expect(res.status).toBe(503);
    api.sim.faults.add({ kind: "reset" });
    const admin = await fetch(`${api.sim.url}/__admin/stats`);
    expect(admin.status).toBe(200);
  });

  it("rejects invalid fault specs", () => {
    expect(() => api.sim.faults.add({ kind: "explode" as "reset" })).toThrow(TypeError);
    expect(() => api.sim.faults.add({ kind: "status", rate: 2 })).toThrow(RangeError);
    expect(() => api.sim.faults.add({ kind: "status", times: 0 })).toThrow(RangeError);
  });

  it("can be scripted over HTTP through /__admin/faults", async () => {
    const created = await fetch(`${api.sim.url}/__admin/faults`, {
      method: "POST",
      body: JSON.stringify({ route: HISTORY_ROUTE, kind: "status", status: 502, times: 1 }),
    });
    expect(created.status).toBe(201);
    expect((await api.get(HISTORY)).status).toBe(502);
    expect(await (await fetch(`${api.sim.url}/__admin/faults`)).json()).toEqual([]);
    await fetch(`${api.sim.url}/__admin/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "status", status: 500 }),
    });
    await fetch(`${api.sim.url}/__admin/faults`, { method: "DELETE" });
    expect(
      (await fetch(buildURL(api.sim.url, HISTORY), { headers: { Authorization: `Bearer ${api.token}` } }))
        .status,
    ).toBe(200);
  });
});

describe("Global latency option", () => {
  it("still answers every request", async () => {
    const api = await Api.start({ seed: 5, latencyMs: 10 });
    try {
      expect((await api.get(HISTORY)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
