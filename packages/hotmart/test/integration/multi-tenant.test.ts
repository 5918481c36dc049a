/**
 * One process serving many Hotmart accounts (an agency, a SaaS): each account's client, token, quota
 * and secrets stay its own. Two simulators stand for two accounts.
 */
import { AuthenticationError, Hotmart, MemoryRateLimiter, MemoryTokenStore } from "hotmart";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

let a: Simulator;
let b: Simulator;
beforeAll(async () => {
  [a, b] = await Promise.all([
    startSimulator({ port: 0, seed: 71, credentials: { clientId: "tenant-a", clientSecret: "secret-of-a" } }),
    startSimulator({ port: 0, seed: 72 }),
  ]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("many accounts in one process", () => {
  it("a shared token store never serves a token to a client whose secret differs (same client id)", async () => {
    const store = new MemoryTokenStore();
    const right = new Hotmart({
      clientId: "tenant-a",
      clientSecret: "secret-of-a",
      baseURL: a.url,
      tokenStore: store,
    });
    const wrong = new Hotmart({
      clientId: "tenant-a",
      clientSecret: "not-a-secret",
      baseURL: a.url,
      tokenStore: store,
    });
    await right.products.list();
    // Before: the store key named the client id only, so the wrong secret was handed the right one's token.
    await expect(wrong.products.list()).rejects.toBeInstanceOf(AuthenticationError);
    expect(wrong.tokenRequests).toBe(1);
    // And the right one still has its token (the failed one stored nothing over it).
    await right.products.list();
    expect(right.tokenRequests).toBe(1);
    await Promise.all([right.close(), wrong.close()]);
  });

  it("closing one client on a shared MemoryTokenStore leaves the token for the others on the same credential", async () => {
    const store = new MemoryTokenStore();
    const make = () => new Hotmart({ ...a.credentials, baseURL: a.url, tokenStore: store, rateLimit: false });
    const first = make();
    const second = make();
    a.resetStats();
    await first.products.list();
    await second.products.list();
    expect(a.stats().tokenGrants).toBe(1);
    // Before: first's close() deleted the token from the store, and second asked Hotmart for another.
    await first.close();
    await second.products.list();
    expect(a.stats().tokenGrants).toBe(1);
    await second.close();
  });

  it("a client given its own credentials does not take HOTMART_BASIC, the environment's account's Basic value", async () => {
    // The process's own account (A) in the environment; tenant B's client built from B's credentials.
    vi.stubEnv("HOTMART_CLIENT_ID", a.credentials.clientId);
    vi.stubEnv("HOTMART_CLIENT_SECRET", a.credentials.clientSecret);
    vi.stubEnv("HOTMART_BASIC", a.credentials.basic);
    const tenant = new Hotmart({
      clientId: b.credentials.clientId,
      clientSecret: b.credentials.clientSecret,
      baseURL: b.url,
    });
    b.resetStats();
    // Before: the token request carried A's Basic value (A's secret) to B's token URL, and B refused it.
    expect((await tenant.products.list()).items.length).toBeGreaterThan(0);
    await tenant.close();
    // The environment's own client still takes it (and it is right for it).
    const own = new Hotmart({ baseURL: a.url });
    expect((await own.products.list()).items.length).toBeGreaterThan(0);
    await own.close();
  });

  it("clients made one after another on one given limiter: each works after the one before closed", async () => {
    // The README's "many accounts" pattern: one limiter per account, one client per request or job.
    const limiter = new MemoryRateLimiter();
    const options = { clientId: "tenant-a", clientSecret: "secret-of-a", baseURL: a.url, limiter };
    for (let request = 1; request <= 3; request++) {
      const client = new Hotmart(options);
      // Before: the first client's close() closed the limiter it was given, and every later client on it
      // failed with "The client is closed".
      expect((await client.products.list()).items.length).toBeGreaterThan(0);
      await client.close();
    }
    // The limiter is the app's: no client closed it.
    expect(await limiter.acquire()).toBeGreaterThan(0);
  });

  it("close() of one client leaves a limiter given to several clients open for the others", async () => {
    const limiter = new MemoryRateLimiter();
    const options = { clientId: "tenant-a", clientSecret: "secret-of-a", baseURL: a.url, limiter };
    const job1 = new Hotmart(options);
    const job2 = new Hotmart(options);
    await Promise.all([job1.products.list(), job2.products.list()]);
    await job1.close();
    expect((await job2.products.list()).items.length).toBeGreaterThan(0);
    const job3 = new Hotmart(options);
    expect((await job3.products.list()).items.length).toBeGreaterThan(0);
    await Promise.all([job2.close(), job3.close()]);
  });

  it("close() cancels the client's own calls waiting for a given limiter, not the other clients' calls", async () => {
    // One request a minute: the second call of each client waits for the limiter.
    const limiter = new MemoryRateLimiter({ requestsPerMinute: 1 });
    const options = { clientId: "tenant-a", clientSecret: "secret-of-a", baseURL: a.url, limiter };
    const job1 = new Hotmart(options);
    const job2 = new Hotmart(options);
    await job1.products.list();
    const outcome = (call: PromiseLike<unknown>) =>
      call.then(
        () => "sent",
        (error: Error) => error.message,
      );
    const waiting1 = outcome(job1.products.list());
    const waiting2 = outcome(job2.products.list());
    await vi.waitFor(() => expect(limiter.snapshot().queued).toBe(2), { timeout: 10_000 });
    await job1.close();
    expect(await waiting1).toMatch(/closed/);
    // job2's call still waits its turn.
    expect(limiter.snapshot().queued).toBe(1);
    await job2.close();
    expect(await waiting2).toMatch(/closed/);
    expect(limiter.snapshot().queued).toBe(0);
  });
});
