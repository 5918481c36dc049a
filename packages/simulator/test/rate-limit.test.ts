import { ERROR_URI } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, eventually, fetchToken, SALES } from "./helpers";

describe("Rate limit", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 1, rateLimit: { limit: 3, windowMs: 60_000 } });
  });
  afterAll(() => api.close());

  it("counts down the quota in both header families, then answers 429 with Hotmart's body", async () => {
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.get(`${SALES}/history`);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe("3");
      expect(res.headers.get("x-ratelimit-limit-minute")).toBe("3");
      expect(res.headers.get("x-ratelimit-remaining-minute")).toBe(res.headers.get("ratelimit-remaining"));
      const reset = Number(res.headers.get("ratelimit-reset"));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
      remaining.push(res.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api.get(`${SALES}/history`);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: "too_many_requests",
      error_description: expect.any(String),
      error_uri: ERROR_URI,
    });
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(api.sim.stats().requests["GET /payments/api/v1/sales/history"]?.["429"]).toBe(1);
  });

  it("sends the headers on every response, errors and the token endpoint included", async () => {
    const unknown = await api.get("/nowhere");
    expect(unknown.headers.get("ratelimit-limit")).toBe("3");
    const token = await fetch(`${api.sim.authURL}?grant_type=client_credentials`, {
      method: "POST",
      headers: { Authorization: `Basic ${api.sim.credentials.basic}` },
    });
    // The token host does not spend API quota.
    expect(token.status).toBe(200);
    expect(token.headers.get("ratelimit-limit")).toBe("3");
  });

  it("resetStats starts a new window", async () => {
    api.sim.resetStats();
    expect((await api.get(`${SALES}/history`)).status).toBe(200);
  });
});

describe("Rate limit window", () => {
  it("allows calls again once the window has passed", async () => {
    const api = await Api.start({ seed: 1, rateLimit: { limit: 1, windowMs: 500 } });
    try {
      expect((await api.get(`${SALES}/history`)).status).toBe(200);
      // On a busy machine two calls in a row may fall in two windows: call until one is refused (the
      // limit of 1 is spent), then until the next window lets one through. The waits are guards, not
      // timing assertions.
      await eventually(
        async () => ((await api.get(`${SALES}/history`)).status === 429 ? true : undefined),
        60_000,
      );
      const again = await eventually(async () => {
        const res = await api.get(`${SALES}/history`);
        return res.status === 200 ? res : undefined;
      }, 60_000);
      expect(again.headers.get("ratelimit-remaining")).toBe("0");
    } finally {
      await api.close();
    }
  });

  it("defaults to 500 per minute and can be turned off", async () => {
    const api = await Api.start({ seed: 1 });
    const off = await Api.start({ seed: 1, rateLimit: false });
    try {
      const res = await api.get(`${SALES}/history`);
      expect(res.headers.get("ratelimit-limit")).toBe("500");
      expect(res.headers.get("ratelimit-remaining")).toBe("499");
      const free = await off.get(`${SALES}/history`);
      expect(free.status).toBe(200);
      expect(free.headers.get("ratelimit-limit")).toBeNull();
      expect(await fetchToken(off.sim)).toEqual(expect.any(String));
    } finally {
      await api.close();
      await off.close();
    }
  });
});
