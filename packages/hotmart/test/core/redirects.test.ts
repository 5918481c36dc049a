// A 3xx answered to an API request, on both transports (the SDK's node:http one and an app's fetch), over
// real loopback. Hotmart's API never redirects: whatever does (a wrong baseURL, a proxy, something
// hostile in between) gets its answer reported, never followed. Followed, a 307/308 replayed a write
// to wherever it pointed, and a 301/302 turned a POST into a GET whose answer came back as the write's.
import { APIError } from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, type ScriptedServer, scriptedClient, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
let elsewhere: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
  elsewhere = await startScriptedServer((_req, res) => json(res, 200, { items: [], from: "elsewhere" }));
});
afterEach(async () => {
  await server.close();
  await elsewhere.close();
});

describe.each([
  ["the SDK's Node transport", {}],
  ["an app's fetch", { fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init) }],
])("a redirect from the API, through %s", (_name, transport) => {
  it.each([301, 302, 303, 307, 308])(
    "%i to a write is reported, not followed: the write is sent once",
    async (code) => {
      server.handle((req, res) => {
        if (req.path !== "/products/api/v1/product/1/coupon") return json(res, 200, { method: req.method });
        res.writeHead(code, { location: "/moved" }).end();
      });
      const hotmart = scriptedClient(server, { ...transport, maxRetries: 2 });
      const error = await hotmart
        .request("POST", "/products/api/v1/product/1/coupon", { code: "X", discount: 0.1 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(code);
      expect((error as APIError).headers.location).toBe("/moved");
      // Not "not applied": what answered the redirect may have passed the write on first.
      expect((error as APIError).outcomeUnknown).toBe(true);
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "POST /products/api/v1/product/1/coupon",
      ]);
      await hotmart.close();
    },
  );

  it("a read sent to another origin is reported: nothing from that origin comes back as Hotmart's", async () => {
    server.handle((_req, res) => res.writeHead(302, { location: `${elsewhere.url}/y` }).end());
    const hotmart = scriptedClient(server, { ...transport, maxRetries: 2 });
    const error = await hotmart.request("GET", "/payments/api/v1/sales/history").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(302);
    expect(elsewhere.requests).toHaveLength(0);
    await hotmart.close();
  });
});

describe.each([
  ["the SDK's Node transport", {}],
  ["an app's fetch", { fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init) }],
])("a redirect from the token URL, through %s", (_name, transport) => {
  it.each([302, 307, 308])(
    "%i is a failed token request: the credentials are not sent on to where it points",
    async (code) => {
      // A 307/308 would replay the POST, its query (the client id and secret) included when the Location
      // repeats it, to wherever the answer points: the token request is Hotmart's or nobody's.
      server.handleToken((req, res) => {
        const query = req.url.slice(req.url.indexOf("?"));
        res.writeHead(code, { location: `${elsewhere.url}/security/oauth/token${query}` }).end();
      });
      const hotmart = scriptedClient(server, { ...transport, maxRetries: 0 });
      const error = await hotmart.request("GET", "/payments/api/v1/sales/history").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const message = String((error as Error).message);
      expect(message).toContain(`answered ${code}, a redirect`);
      expect(message).toContain("Set authURL");
      expect(message).not.toMatch(/client_secret=secret\b/);
      expect(server.tokenRequests).toHaveLength(1);
      expect(elsewhere.tokenRequests).toHaveLength(0);
      expect(server.requests).toHaveLength(0);
      await hotmart.close();
    },
  );
});
