/**
 * The response registry of `hotmart/schemas`: it covers every schema name the resources use, its
 * `check` contract, the documented example responses of HOTMART-API.md §8 (the fixtures of
 * test/resources/fixtures.ts, which are those examples verbatim), and how lenient the schemas are
 * (open enums, unknown keys, nullable cursors) and how strict (types, required fields).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as schemas from "hotmart/schemas";
import { registry, responseSchemas } from "hotmart/schemas";
import { describe, expect, it } from "vitest";
import * as F from "../resources/fixtures";

const RESOURCES = fileURLToPath(new URL("../../src/resources/", import.meta.url));

/** The schema names the resources pass to the pipeline, read from their source. */
function namesUsedByResources(): { names: Set<string>; lists: number; listsWithName: number } {
  const names = new Set<string>();
  let lists = 0;
  let listsWithName = 0;
  for (const file of readdirSync(RESOURCES).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(`${RESOURCES}${file}`, "utf8");
    // _request specs and list definitions: `schema: "EventInfo"`.
    for (const match of source.matchAll(/\bschema:\s*"(\w+)"/g)) names.add(match[1] as string);
    // List definitions: `defineList<…>({ … })`; each names its schema.
    for (const match of source.matchAll(/defineList<[^(]*>\(\{([\s\S]*?)\n\}\);/g)) {
      lists += 1;
      if (/\bschema:\s*"\w+"/.test(match[1] as string)) listsWithName += 1;
    }
  }
  return { names, lists, listsWithName };
}

describe("the registry covers every schema name the resources use", () => {
  const used = namesUsedByResources();

  it("finds the names in the resources (sanity check of the scan itself)", () => {
    expect(used.lists).toBeGreaterThanOrEqual(14);
    expect(used.names.size).toBeGreaterThanOrEqual(23);
  });

  it("every list method passes a schema name", () => {
    expect(used.listsWithName).toBe(used.lists);
  });

  it("every name used has a registry entry, and the registry has no name nobody uses", () => {
    expect([...used.names].sort()).toEqual(registry.names().sort());
    for (const name of used.names) expect(registry.has(name), name).toBe(true);
  });

  it("every request that returns data names a schema; the others resolve to nothing", () => {
    let requests = 0;
    for (const file of readdirSync(RESOURCES).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(`${RESOURCES}${file}`, "utf8");
      for (const spec of source.matchAll(/return \{\s*(call: "[\w.]+",[\s\S]*?)\};/g)) {
        const text = spec[1] as string;
        requests += 1;
        expect(/\bschema:/.test(text) || /empty: \(\) => undefined/.test(text), `${file}: ${text}`).toBe(
          true,
        );
      }
    }
    expect(requests).toBeGreaterThanOrEqual(15);
  });

  it("each registry entry is the exported <Name>Schema", () => {
    for (const name of registry.names()) {
      expect(registry.schemas[name]).toBe((schemas as Record<string, unknown>)[`${name}Schema`]);
    }
    expect(registry.schemas).toBe(responseSchemas);
  });
});

describe("registry.check", () => {
  it("answers undefined for a name it does not know", () => {
    expect(registry.check("NoSuchPage", {})).toBeUndefined();
    expect(registry.check("toString", {})).toBeUndefined();
    expect(registry.check("__proto__", {})).toBeUndefined();
  });

  it("answers [] when the body matches", () => {
    expect(registry.check("SalesHistoryPage", F.SALES_HISTORY)).toEqual([]);
  });

  it("answers each difference as { path, message }, the path from the body's root", () => {
    const issues = registry.check("SalesHistoryPage", {
      items: [{ purchase: { price: "x" } }],
      page_info: {},
    });
    expect(issues).toContainEqual({
      path: ["items", 0, "purchase", "price"],
      message: "Invalid input: expected object, received string",
    });
    expect(issues).toContainEqual({
      path: ["items", 0, "product"],
      message: "Invalid input: expected object, received undefined",
    });
    for (const issue of issues ?? []) expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
  });
});

describe("the documented example responses (HOTMART-API.md §8) pass", () => {
  const examples: [string, string, unknown][] = [
    ["S1 sales history", "SalesHistoryPage", F.SALES_HISTORY],
    ["S2 sales summary", "SalesSummaryPage", F.SALES_SUMMARY],
    ["S3 sales participants", "SalesParticipantsPage", F.SALES_USERS],
    ["S4 sales commissions", "SalesCommissionsPage", F.SALES_COMMISSIONS],
    ["S5 price details", "SalesPriceDetailsPage", F.SALES_PRICE_DETAILS],
    ["U1 subscriptions list", "SubscriptionsListPage", F.SUBSCRIPTIONS_LIST],
    ["U2 subscriptions summary", "SubscriptionsSummaryPage", F.SUBSCRIPTIONS_SUMMARY],
    ["U3 subscription transactions", "SubscriptionsTransactionsPage", F.SUBSCRIPTIONS_TRANSACTIONS],
    ["U4 subscriber purchases", "SubscriptionsPurchasesList", F.SUBSCRIPTION_PURCHASES],
    ["U5 cancel one", "SubscriptionResult", F.CANCEL_SINGLE],
    ["U6 cancel many", "SubscriptionsBulkResult", F.CANCEL_BULK],
    ["U7 reactivate one", "SubscriptionResult", F.REACTIVATE_SINGLE],
    ["U8 reactivate many", "SubscriptionsBulkResult", F.REACTIVATE_BULK],
    ["P1 products", "ProductsListPage", F.PRODUCTS_LIST],
    ["P2 offers", "ProductsOffersPage", F.PRODUCT_OFFERS],
    ["P3 plans", "ProductsPlansPage", F.PRODUCT_PLANS],
    ["C2 coupons", "CouponsListPage", F.COUPONS_LIST],
    ["M1 modules", "ClubModulesList", F.CLUB_MODULES],
    ["M2 pages v2", "ClubPagesList", F.CLUB_PAGES],
    ["M2-legacy pages v1", "ClubPagesV1List", F.CLUB_PAGES_V1],
    ["M3 students", "ClubStudentsPage", F.CLUB_USERS],
    ["M4 lessons", "ClubLessonsResponse", F.CLUB_LESSONS],
    ["E1 event info", "EventInfo", F.EVENT_INFO],
    ["E2 tickets", "EventsTicketsPage", F.EVENT_PARTICIPANTS],
    ["N1 negotiation", "NegotiationResult", F.NEGOTIATION],
  ];

  it.each(examples)("%s (%s)", (_section, name, body) => {
    expect(registry.check(name, body)).toEqual([]);
  });

  it("every registry name has at least one example", () => {
    expect(new Set(examples.map(([, name]) => name))).toEqual(new Set(registry.names()));
  });

  it("parse keeps the example as it is", () => {
    for (const [, name, body] of examples) {
      expect(registry.schemas[name as keyof typeof responseSchemas].parse(body)).toEqual(body);
    }
  });
});

describe("what the schemas tolerate (Hotmart drifts) and what they do not", () => {
  const item = F.SALES_HISTORY.items[0] as (typeof F.SALES_HISTORY.items)[number];
  const historyWith = (purchase: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    items: [{ ...item, ...extra, purchase: { ...item.purchase, ...purchase } }],
    page_info: {},
  });

  it("open enums accept values Hotmart adds tomorrow", () => {
    expect(registry.check("SalesHistoryPage", historyWith({ status: "SOMETHING_NEW" }))).toEqual([]);
    expect(schemas.PurchaseStatusSchema.parse("SOMETHING_NEW")).toBe("SOMETHING_NEW");
    expect(schemas.RecurrencyPeriodSchema.parse(45)).toBe(45);
  });

  it("open enums still refuse a value of the wrong type, with a plain message", () => {
    expect(registry.check("SalesHistoryPage", historyWith({ status: 3 }))).toEqual([
      {
        path: ["items", 0, "purchase", "status"],
        message: "Invalid input: expected string, received number",
      },
    ]);
    expect(schemas.RecurrencyPeriodSchema.safeParse("30").error?.issues[0]?.message).toBe(
      "Invalid input: expected number, received string",
    );
  });

  it("open enums keep the documented values introspectable", () => {
    expect(schemas.CommissionAsSchema.options[0].options).toEqual(["PRODUCER", "COPRODUCER", "AFFILIATE"]);
  });

  it("unknown keys pass and parse keeps them", () => {
    const body = historyWith({ new_field: 1 }, { affiliate: { name: "x" } });
    expect(registry.check("SalesHistoryPage", body)).toEqual([]);
    const parsed = schemas.SalesHistoryPageSchema.parse(body);
    expect(parsed.items[0]).toMatchObject({ affiliate: { name: "x" }, purchase: { new_field: 1 } });
  });

  it("optional fields may be absent (a pending sale has no approved_date, a buyer may be missing)", () => {
    const { approved_date: _a, tracking: _t, ...purchase } = item.purchase;
    const { buyer: _b, ...rest } = item;
    expect(registry.check("SalesHistoryPage", { items: [{ ...rest, purchase }], page_info: {} })).toEqual([]);
  });

  it("cursors may be null or absent; page_info may be empty", () => {
    expect(
      registry.check("ProductsOffersPage", {
        items: [],
        page_info: { next_page_token: null, prev_page_token: null },
      }),
    ).toEqual([]);
    expect(registry.check("ProductsOffersPage", { items: [], page_info: {} })).toEqual([]);
  });

  it("nullable fields take null; other fields do not", () => {
    expect(registry.check("SubscriptionsTransactionsPage", F.SUBSCRIPTIONS_TRANSACTIONS)).toEqual([]);
    expect(registry.check("SalesHistoryPage", historyWith({ approved_date: null }))).toEqual([
      {
        path: ["items", 0, "purchase", "approved_date"],
        message: "Invalid input: expected number, received null",
      },
    ]);
  });

  it("the documented alternatives pass: is_current_purchase as 1/0, a participant phone as a number", () => {
    const row = F.SUBSCRIPTIONS_TRANSACTIONS.items[0] as (typeof F.SUBSCRIPTIONS_TRANSACTIONS.items)[number];
    const withFlag = (flag: unknown) => ({
      items: [{ ...row, recurrency: { ...row.recurrency, is_current_purchase: flag } }],
      page_info: {},
    });
    expect(registry.check("SubscriptionsTransactionsPage", withFlag(1))).toEqual([]);
    expect(registry.check("SubscriptionsTransactionsPage", withFlag(2))).toEqual([
      {
        path: ["items", 0, "recurrency", "is_current_purchase"],
        message: "Invalid input: expected boolean, 0 or 1, received number",
      },
    ]);
    const ticket = F.EVENT_PARTICIPANTS.items[0] as (typeof F.EVENT_PARTICIPANTS.items)[number];
    const withPhone = (phone: unknown) => ({
      items: [{ ...ticket, participant: { ...ticket.participant, phone } }],
      page_info: {},
    });
    expect(registry.check("EventsTicketsPage", withPhone(31999990000))).toEqual([]);
    expect(registry.check("EventsTicketsPage", withPhone(null))?.[0]?.message).toBe(
      "Invalid input: expected number or string, received null",
    );
  });

  it("a page must have items and page_info; a bare-array endpoint must answer an array", () => {
    expect(registry.check("SalesSummaryPage", {})).toEqual([
      { path: ["items"], message: "Invalid input: expected array, received undefined" },
      { path: ["page_info"], message: "Invalid input: expected object, received undefined" },
    ]);
    expect(registry.check("ClubModulesList", { items: [] })).toEqual([
      { path: [], message: "Invalid input: expected array, received object" },
    ]);
  });
});
