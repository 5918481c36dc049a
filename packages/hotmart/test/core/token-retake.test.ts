// The token is taken again after a wait for the rate limiter (frozen.test.ts), but only after a real
// wait: a limiter that grants asynchronously every time (hotmart-redis's) must not double the store's
// reads on every request.
import { MemoryTokenStore, type RateLimiter } from "hotmart";
import { afterEach, beforeEach, expect, it } from "vitest";
import { json, type ScriptedServer, scriptedClient, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
  server.handleToken((_req, res) => json(res, 200, { access_token: "token-1", expires_in: 172_799 }));
  server.handle((_req, res) => json(res, 200, { ok: true }));
});
afterEach(() => server.close());

it("a limiter that grants at once, asynchronously, costs no second read of the token store", async () => {
  const store = new MemoryTokenStore();
  let reads = 0;
  const get = store.get.bind(store);
  store.get = (key) => {
    reads += 1;
    return get(key);
  };
  let tickets = 0;
  const limiter: RateLimiter = {
    acquire: async () => ++tickets,
    observe() {},
    pause: () => false,
    snapshot: () => ({ remaining: 1, limit: 1, resetAt: undefined, queued: 0 }),
  };
  const hotmart = scriptedClient(server, { tokenStore: store, limiter });
  await hotmart.request("GET", "/first");
  reads = 0;
  for (let i = 0; i < 20; i++) await hotmart.request("GET", "/next");
  expect(reads).toBe(20);
  expect(server.tokenRequests).toHaveLength(1);
  await hotmart.close();
});
