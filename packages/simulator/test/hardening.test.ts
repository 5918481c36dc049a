import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, SALES } from "./helpers";

/** Issue 8 item 7: nothing reaches a handler without the bearer check, whatever the spelling. */
describe("Path normalisation and the bearer check", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 3, rateLimit: false });
  });
  afterAll(() => api.close());

  const anon = (method: string, path: string) => api.request(method, path, { auth: false });

  it("answers 401 to a percent-encoded route without a token, and serves it with one", async () => {
    const anonymous = await anon("GET", `${SALES}/%68istory`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain("transaction");
    const encoded = await api.get(`${SALES}/%68istory`);
    expect(encoded.status).toBe(200);
    expect(encoded.body.items.length).toBeGreaterThan(0);
  });

  it("refunds nothing through an encoded write path without a token", async () => {
    const sale = api.sim.data.sales.find((s) => s.status === "APPROVED" && !s.trial);
    if (!sale) throw new Error("no approved sale");
    const res = await anon("PUT", `${SALES}/${sale.transaction}/%72efund`);
    expect(res.status).toBe(401);
    expect(sale.status).toBe("APPROVED");
    expect(api.sim.stats().sideEffects["sale.refund"]).toBeUndefined();
  });

  it("answers 401 to unknown API paths without a token and 404 with one", async () => {
    for (const path of ["/payments/api/v1/nothing", "/nowhere", "/%2e%2e/x", "/a%2Fb", "/x/%zz"]) {
      expect((await anon("GET", path)).status, path).toBe(401);
      expect((await api.get(path)).status, path).toBe(404);
    }
    expect((await anon("DELETE", `${SALES}/history`)).status).toBe(401);
    expect((await api.request("DELETE", `${SALES}/history`)).status).toBe(405);
  });

  it("treats HEAD as GET: auth, counters and faults", async () => {
    api.sim.resetStats();
    expect((await anon("HEAD", `${SALES}/history`)).status).toBe(401);
    const head = await api.request("HEAD", `${SALES}/history`);
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(api.sim.stats().requests[`GET ${SALES}/history`]).toEqual({ 200: 1, 401: 1 });
    const fault = api.sim.faults.add({
      route: `GET ${SALES}/history`,
      kind: "status",
      status: 503,
      times: 1,
    });
    expect((await api.request("HEAD", `${SALES}/history`)).status).toBe(503);
    expect(fault.hits).toBe(1);
  });

  it("logs and counts the canonical path", async () => {
    api.sim.resetStats();
    await api.get(`${SALES}/%68istory`);
    expect(api.sim.requestLog.at(-1)?.path).toBe(`${SALES}/history`);
    expect(api.sim.stats().requests[`GET ${SALES}/history`]).toEqual({ 200: 1 });
  });

  it("keeps the token endpoint and the admin routes open", async () => {
    expect((await anon("GET", "/__admin/stats")).status).toBe(200);
    expect((await anon("GET", "/%5F%5Fadmin/stats")).status).toBe(200);
    const token = await anon("POST", "/security/oauth/token");
    expect(token.status).toBe(401);
    expect(token.body.error).toBe("unauthorized");
  });
});
