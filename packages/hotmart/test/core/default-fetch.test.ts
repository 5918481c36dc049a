// Which fetch a client given none uses on Node: the SDK's node:http transport, unless the app replaced
// the global fetch after the SDK loaded (a test's stub, msw), which is then used, call by call.
import { Hotmart } from "hotmart";
import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllGlobals();
});

const page = JSON.stringify({ items: [{ id: 1 }], page_info: { total_results: 1 } });
const token = JSON.stringify({ access_token: "tok-stub", expires_in: 3600 });

/** A client of port 9, where nothing listens: only a stubbed global fetch can answer it. */
const stubbedClient = () =>
  new Hotmart({
    clientId: "id",
    clientSecret: "secret",
    baseURL: "http://127.0.0.1:9",
    authURL: "http://127.0.0.1:9/token",
    maxRetries: 0,
  });

it("a global fetch stubbed after the SDK loaded gets every request, and the original is used again once it is restored", async () => {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url.split("?")[0] as string);
    return new Response(url.includes("/token") ? token : page, {
      headers: { "content-type": "application/json" },
    });
  });
  // Nothing listens on this port: only the stub can answer.
  const client = stubbedClient();
  const data = await client.request<{ items: unknown[] }>("GET", "/payments/api/v1/sales/history");
  expect(data.items).toEqual([{ id: 1 }]);
  expect(calls).toEqual(["http://127.0.0.1:9/token", "http://127.0.0.1:9/payments/api/v1/sales/history"]);

  // The stub gone, the same client sends through the SDK's own transport: port 9 refuses it.
  vi.unstubAllGlobals();
  await expect(client.request("GET", "/payments/api/v1/sales/history")).rejects.toMatchObject({
    name: "APIConnectionError",
  });
  expect(calls).toHaveLength(2);
  await client.close();
});

it("a stubbed global fetch that ignores the signal, or answers a Response itself, is still held to the timeout", async () => {
  // msw-style stubs and vi.fn().mockReturnValue(new Response(...)) ignore init.signal; this one never answers the API.
  vi.stubGlobal("fetch", (input: string | URL | Request) =>
    String(input).includes("/token")
      ? new Response(token, { headers: { "content-type": "application/json" } })
      : new Promise<Response>(() => {}),
  );
  const client = stubbedClient();
  await expect(
    client.request("GET", "/payments/api/v1/sales/history", undefined, { timeout: 100 }),
  ).rejects.toMatchObject({ name: "APIConnectionTimeoutError" });
  await client.close();
});
