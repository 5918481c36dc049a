import { Hotmart, HotmartInputError, path, ResponseParseError } from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeQuery } from "../../src/internal/query";
import { json, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

const client = () =>
  new Hotmart({ clientId: "id", clientSecret: "secret", baseURL: server.url, authURL: server.authURL });

describe("query encoding", () => {
  it("drops undefined and null, writes booleans, repeats arrays, sends Dates as epoch ms", () => {
    const q = encodeQuery({
      a: undefined,
      b: null,
      send_mail: true,
      trial: false,
      status: ["ACTIVE", "DELAYED"],
      start_date: new Date(1717200000000),
      max_results: 50,
      buyer_name: "Ana & Bia",
    });
    expect(q.toString()).toBe(
      "send_mail=true&trial=false&status=ACTIVE&status=DELAYED&start_date=1717200000000&max_results=50&buyer_name=Ana+%26+Bia",
    );
  });

  it("refuses values that cannot be a query parameter", () => {
    expect(() => encodeQuery({ x: { nested: 1 } })).toThrow(HotmartInputError);
    expect(() => encodeQuery({ d: new Date("nope") })).toThrow(/invalid Date/);
    expect(() => encodeQuery({ n: Number.NaN })).toThrow(/finite/);
  });

  it("forwards unknown params and merges options.query over them on the wire", async () => {
    await client().request(
      "GET",
      "/payments/api/v1/sales/history",
      { brand_new_filter: "x", max_results: 5 },
      { query: { max_results: 10, extra: true } },
    );
    expect(server.requests[0]?.url).toBe(
      "/payments/api/v1/sales/history?brand_new_filter=x&max_results=10&extra=true",
    );
  });

  it("sends other methods' params as a JSON body with dates as epoch ms", async () => {
    await client().request("POST", "/products/api/v1/product/1/coupon", {
      code: "X",
      discount: 0.1,
      start_date: new Date(1717200000000),
      skip: undefined,
    });
    const req = server.requests[0];
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req?.body ?? "")).toEqual({ code: "X", discount: 0.1, start_date: 1717200000000 });
  });
});

describe("path tag", () => {
  it("percent-encodes ids so they cannot change the route", async () => {
    const id = "a/b?c#d e";
    expect(path`/payments/api/v1/sales/${id}/refund`).toBe("/payments/api/v1/sales/a%2Fb%3Fc%23d%20e/refund");
    await client().request("PUT", path`/payments/api/v1/sales/${id}/refund`);
    expect(server.requests[0]?.url).toBe("/payments/api/v1/sales/a%2Fb%3Fc%23d%20e/refund");
  });

  it("refuses empty, '.' and '..' ids with a message that shows where", () => {
    expect(() => path`/payments/api/v1/subscriptions/${""}/cancel`).toThrow(HotmartInputError);
    expect(() => path`/payments/api/v1/subscriptions/${"  "}/cancel`).toThrow(/empty/);
    expect(() => path`/payments/api/v1/sales/${".."}/refund`).toThrow(/change the request path/);
    expect(() => path`/x/${"."}`).toThrow(HotmartInputError);
    expect(() => path`/x/${-1}`).toThrow(/non-negative whole number/);
    try {
      path`/payments/api/v1/sales/${""}/refund`;
    } catch (error) {
      expect((error as Error).message).toContain("/payments/api/v1/sales/{id}/refund");
    }
  });

  it("the raw request() refuses a path that does not start with /", async () => {
    await expect(client().request("GET", "payments/api")).rejects.toThrow(HotmartInputError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("body parsing", () => {
  it("an empty body gives undefined from request(); JSON bodies parse", async () => {
    server.handle((req, res) => {
      if (req.path === "/empty") {
        res.writeHead(200);
        return res.end();
      }
      json(res, 200, { a: 1 });
    });
    expect(await client().request("PATCH", "/empty", { due_day: 5 })).toBeUndefined();
    expect(await client().request("GET", "/json")).toEqual({ a: 1 });
  });

  it("a non-JSON body is a ResponseParseError, never a raw SyntaxError", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const error = (await client()
      .request("GET", "/x", undefined, { maxRetries: 0 })
      .catch((e: unknown) => e)) as ResponseParseError;
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error.status).toBe(200);
    expect(error.contentType).toBe("text/html");
    expect(error.bodySnippet).toContain("maintenance");
  });

  it("a truncated JSON body on a read is retried", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(server.requests.length === 1 ? '{"items":[{"a":' : '{"items":[]}');
    });
    expect(await client().request("GET", "/x")).toEqual({ items: [] });
    expect(server.requests).toHaveLength(2);
  });

  it("an HTML error page becomes an APIError with the status, not a parse crash", async () => {
    server.handle((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not Found</h1>");
    });
    await expect(client().request("GET", "/nope")).rejects.toMatchObject({
      name: "NotFoundError",
      status: 404,
    });
  });

  it("sends the documented headers", async () => {
    await client().request("GET", "/x", undefined, { headers: { "X-Trace": "t1" } });
    const h = server.requests[0]?.headers;
    expect(h?.accept).toBe("application/json");
    expect(h?.["content-type"]).toBe("application/json");
    expect(h?.["x-trace"]).toBe("t1");
    expect(h?.authorization).toBe("Bearer token-1");
  });
});
