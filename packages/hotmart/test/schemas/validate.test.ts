/**
 * `validate` through the client: "strict" throws ResponseValidationError carrying the issues and the
 * raw body, "warn" resolves and logs the differences through the configured logger, "off" trusts the
 * body; the per-request option overrides the client's.
 */
import {
  type ClientOptions,
  HotmartError,
  HotmartInputError,
  ResponseParseError,
  ResponseValidationError,
} from "hotmart";
import { afterEach, describe, expect, it, vi } from "vitest";
import { skipRetryWaits } from "../helpers/retry-waits";
import * as F from "../resources/fixtures";
import { makeClient, useRecordingServer } from "../resources/fixtures";

const ctx = useRecordingServer();
const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
afterEach(() => {
  vi.clearAllMocks();
});

const HISTORY = "/payments/api/v1/sales/history";
/** A sales history page whose one item differs from the schema. */
const BAD_HISTORY = { items: [{ purchase: { price: "x" } }], page_info: {} };

function client(options: ClientOptions = {}) {
  return makeClient(ctx.server, { logLevel: "warn", logger, ...options });
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe('validate: "strict"', () => {
  it("throws ResponseValidationError naming the paths, with the raw body", async () => {
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    const error = await rejection(client({ validate: "strict" }).sales.history());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(HotmartError);
    const { issues, body, message } = error as ResponseValidationError;
    expect(issues).toContainEqual({
      path: ["items", 0, "purchase", "price"],
      message: "Invalid input: expected object, received string",
    });
    expect(issues).toContainEqual({
      path: ["items", 0, "product"],
      message: "Invalid input: expected object, received undefined",
    });
    expect(body).toEqual(BAD_HISTORY);
    expect(message).toMatch(/^The response does not match the SalesHistoryPage schema: /);
    expect(message).toContain("items.0.product: Invalid input: expected object, received undefined");
    expect(logger.warn).not.toHaveBeenCalled();
    // A body that does not match is not a transport fault: it is not fetched again.
    expect(ctx.server.requests).toHaveLength(1);
  });

  it("resolves with the body when it matches, unknown keys and new enum values included", async () => {
    const item = F.SALES_HISTORY.items[0] as (typeof F.SALES_HISTORY.items)[number];
    const body = {
      items: [{ ...item, new_field: true, purchase: { ...item.purchase, status: "SOMETHING_NEW" } }],
      page_info: { next_page_token: null },
    };
    ctx.server.on("GET", HISTORY, { body });
    const page = await client({ validate: "strict" }).sales.history();
    expect(page.items).toEqual(body.items);
    expect(page.hasNextPage()).toBe(false);
  });

  it("covers single objects and bare arrays too", async () => {
    ctx.server.on("GET", "/events/api/v1/1/info", { body: { ...F.EVENT_INFO, lots: [{ id: "900001" }] } });
    ctx.server.on("GET", "/club/api/v1/modules", { body: { modules: F.CLUB_MODULES } });
    ctx.server.on("POST", "/payments/api/v1/installments/negotiate", {
      body: { ...F.NEGOTIATION, subscription_id: "1000001" },
    });
    const c = client({ validate: "strict" });
    const event = (await rejection(c.events.get(1))) as ResponseValidationError;
    expect(event.issues).toEqual([
      { path: ["lots", 0, "id"], message: "Invalid input: expected number, received string" },
      { path: ["lots", 0, "name"], message: "Invalid input: expected string, received undefined" },
    ]);
    // Not an array at all: refused in every mode, before validation, as a body that is not the shape
    // this endpoint returns (retried like one cut off, then a ResponseParseError).
    skipRetryWaits(c);
    const modules = await rejection(c.club.modules("s"));
    expect(modules).toBeInstanceOf(ResponseParseError);
    expect((modules as ResponseParseError).message).toMatch(/not the shape this endpoint returns/);
    // An array whose module is off its schema is the validator's to report.
    ctx.server.on("GET", "/club/api/v1/modules", { body: [{ ...F.CLUB_MODULES[0], sequence: "first" }] });
    const offSchema = (await rejection(c.club.modules("s"))) as ResponseValidationError;
    expect(offSchema).toBeInstanceOf(ResponseValidationError);
    expect(offSchema.message).toContain("ClubModulesList");
    const negotiation = (await rejection(
      c.negotiation.create({ subscription_id: 1000001, recurrences: [4], payment_type: "PIX" }),
    )) as ResponseValidationError;
    expect(negotiation.issues).toEqual([
      { path: ["subscription_id"], message: "Invalid input: expected number, received string" },
    ]);
  });

  it("an empty body means the documented empty value, which is valid", async () => {
    ctx.server.on("GET", /^\/products\/api\/v1\/coupon\/product\//, { raw: "" });
    ctx.server.on("GET", /\/lessons$/, { body: {} });
    const c = client({ validate: "strict" });
    const waits = skipRetryWaits(c);
    expect((await c.coupons.list(1)).items).toEqual([]);
    expect(waits).toHaveLength(3);
    expect(await c.club.lessons("s", "U1")).toEqual({ lessons: [] });
  });

  it("summarises at most five issues in the message, and keeps them all on the error", async () => {
    ctx.server.on("GET", HISTORY, { body: { items: Array.from({ length: 4 }, () => ({})), page_info: {} } });
    const error = (await rejection(
      client({ validate: "strict" }).sales.history(),
    )) as ResponseValidationError;
    // Each item lacks product, producer and purchase.
    expect(error.issues).toHaveLength(12);
    expect(error.message).toMatch(/\(and 7 more\)$/);
  });
});

describe('validate: "warn"', () => {
  it("resolves with the body as it came, and logs the differences through the logger", async () => {
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    const page = await client({ validate: "warn" }).sales.history();
    expect(page.items).toEqual(BAD_HISTORY.items);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const [line, data] = logger.warn.mock.calls[0] as [string, { issues: unknown[] }];
    expect(line).toMatch(/^\[hotmart\] The response does not match the SalesHistoryPage schema: /);
    expect(line).toContain("items.0.product: Invalid input: expected object, received undefined");
    expect(data.issues).toContainEqual({
      path: ["items", 0, "purchase", "price"],
      message: "Invalid input: expected object, received string",
    });
  });

  it('warns even when logLevel is "off": the caller asked for these warnings', async () => {
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    await client({ validate: "warn", logLevel: "off" }).sales.history();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.debug).not.toHaveBeenCalled();
  });

  it("skips validation when select trims the fields on purpose", async () => {
    ctx.server.on("GET", HISTORY, { body: { items: [{ purchase: { transaction: "HP1" } }], page_info: {} } });
    const page = await client({ validate: "strict" }).sales.history({ select: "purchase.transaction" });
    expect(page.items).toHaveLength(1);
    await client({ validate: "strict" }).sales.history({}, { query: { select: "purchase.transaction" } });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("logs nothing when the body matches", async () => {
    ctx.server.on("GET", HISTORY, { body: F.SALES_HISTORY });
    await client({ validate: "warn" }).sales.history();
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe("the schemas option", () => {
  it("uses the registry it is given instead of importing hotmart/schemas", async () => {
    ctx.server.on("GET", HISTORY, { body: F.SALES_HISTORY });
    const schemas = { check: vi.fn(() => [{ path: ["items", 0, "x"], message: "custom rule" }]) };
    const error = await rejection(client({ validate: "strict", schemas }).sales.history());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain("items.0.x: custom rule");
    expect(schemas.check).toHaveBeenCalledWith("SalesHistoryPage", F.SALES_HISTORY);
  });

  it("given the hotmart/schemas module instead of its registry, says what to pass, before any request", async () => {
    // `import * as schemas from "hotmart/schemas"` then `{ schemas }`: from JavaScript this reached
    // validation and failed every call, after its request, with "(provided ?? ...).check is not a function".
    const schemasModule = await import("hotmart/schemas");
    for (const mode of ["strict", "warn"] as const) {
      expect(() => client({ validate: mode, schemas: schemasModule as never })).toThrow(
        new HotmartInputError('schemas must be the registry: import { registry } from "hotmart/schemas"'),
      );
      expect(() => client({ validate: mode }).withOptions({ schemas: schemasModule as never })).toThrow(
        HotmartInputError,
      );
    }
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("accepts the registry exported by hotmart/schemas", async () => {
    const { registry } = await import("hotmart/schemas");
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    await expect(client({ validate: "strict", schemas: registry }).sales.history()).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
  });
});

describe("the per-request option overrides the client's", () => {
  it("strict client, { validate: 'off' } request: resolves, nothing logged", async () => {
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    const page = await client({ validate: "strict" }).sales.history({}, { validate: "off" });
    expect(page.items).toEqual(BAD_HISTORY.items);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("strict client, { validate: 'warn' } request: resolves and warns", async () => {
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    await client({ validate: "strict" }).sales.history({}, { validate: "warn" });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it("off client (the default), { validate: 'strict' } request: throws", async () => {
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    const c = client();
    await expect(c.sales.history()).resolves.toBeDefined();
    await expect(c.sales.history({}, { validate: "strict" })).rejects.toBeInstanceOf(ResponseValidationError);
    ctx.server.on("POST", "/payments/api/v1/subscriptions/cancel", { body: { success_subscriptions: {} } });
    await expect(c.subscriptions.cancel(["A"], {}, { validate: "strict" })).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it("withOptions({ validate }) makes a client with another default", async () => {
    ctx.server.on("GET", HISTORY, { body: BAD_HISTORY });
    const strict = client().withOptions({ validate: "strict" });
    await expect(strict.sales.history()).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("every page of a walk is validated with the option of the call", async () => {
    const item = F.SALES_HISTORY.items[0];
    ctx.server.on("GET", HISTORY, (request) =>
      request.searchParams.get("page_token") === "p2"
        ? { body: BAD_HISTORY }
        : { body: { items: [item], page_info: { next_page_token: "p2" } } },
    );
    const first = await client().sales.history({}, { validate: "strict" });
    await expect(first.getNextPage()).rejects.toBeInstanceOf(ResponseValidationError);
  });
});
