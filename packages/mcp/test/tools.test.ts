import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayBrt } from "../src/dates";
import { argumentsFor, call, type Harness, harness, OUTPUT_SCHEMAS, ok, TOKEN, text } from "./helpers";
import { ANSWER_TOOLS, READ_TOOLS } from "./names";

let h: Harness;
beforeAll(async () => {
  h = await harness({ allowWrites: false });
});
afterAll(() => h?.close());

describe("tool catalogue", () => {
  it("lists every read and answer tool, and no write tool without --allow-writes", async () => {
    const { tools } = await h.mcp.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual([...READ_TOOLS, ...ANSWER_TOOLS].sort());
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      expect(tool.annotations?.destructiveHint, tool.name).toBe(false);
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
    }
  });

  it("calls every tool, and each structured result matches the tool's outputSchema", async () => {
    const { tools } = await h.mcp.listTools();
    const args = argumentsFor(h.sim);
    const secrets = [h.sim.credentials.clientSecret, h.sim.credentials.basic, TOKEN];
    for (const tool of tools) {
      const result = await call(h.mcp, tool.name, args[tool.name] ?? {});
      for (const secret of secrets) expect(JSON.stringify(result), tool.name).not.toContain(secret);
      expect(result.isError, `${tool.name}: ${text(result)}`).toBeFalsy();
      const check = OUTPUT_SCHEMAS.getValidator(tool.outputSchema as never)(result.structuredContent);
      expect(check.valid, `${tool.name}: ${check.errorMessage}`).toBe(true);
      expect(text(result).length, tool.name).toBeGreaterThan(0);
      // Dates in the text are days: an epoch (13 digits) there reads as a plain number.
      expect(text(result), tool.name).not.toMatch(/\b\d{12,14}\b/);
    }
    // Every tool, one after another, each a request to the simulator and an output schema compiled and
    // checked: about 3 s of CPU alone, 12 to 20+ s on a machine loaded far past its cores. Nothing above
    // depends on how long it took.
  }, 60_000);
});

describe("records off the documented shape", () => {
  it("a sale with null dates comes back with the others, and passes the client's own outputSchema check", async () => {
    const first = ok<{ items: { purchase: { transaction: string } }[] }>(
      await call(h.mcp, "sales_history", { limit: 3 }),
    );
    const transactions = first.items.map((s) => s.purchase.transaction);
    const odd = h.sim.data.sale(transactions[1] as string);
    if (!odd) throw new Error("no sale");
    const approved = odd.approvedDate;
    // NaN goes out as null: `approved_date: null` and `warranty_expire_date: null`, as Hotmart has sent.
    odd.approvedDate = Number.NaN;
    try {
      // The MCP SDK's client checks structuredContent against the advertised schema too (Ajv, helpers.ts).
      const r = await call(h.mcp, "sales_history", { limit: 3 });
      expect(r.isError, text(r)).toBeFalsy();
      const page = ok<{ items: { purchase: { transaction: string; warranty_expire_date: unknown } }[] }>(r);
      expect(page.items.map((s) => s.purchase.transaction)).toEqual(transactions);
      expect(page.items[1]?.purchase.warranty_expire_date).toBeNull();
      expect(typeof page.items[0]?.purchase.warranty_expire_date).toBe("number");
    } finally {
      odd.approvedDate = approved;
    }
  });

  it("tools/list still describes each record's fields and types", async () => {
    const { tools } = await h.mcp.listTools();
    const schema = tools.find((t) => t.name === "sales_history")?.outputSchema as unknown as {
      properties: { items: { items: { properties: Record<string, unknown> } } };
    };
    const item = schema.properties.items.items.properties;
    expect(Object.keys(item)).toEqual(expect.arrayContaining(["product", "buyer", "purchase"]));
    // Each field is the documented type, or anything (`{}`) for the record that drifts from it.
    expect(JSON.stringify(item.purchase)).toContain(
      '"warranty_expire_date":{"anyOf":[{"type":"number"},{}]}',
    );
    expect(JSON.stringify(item.buyer)).toMatch(
      /^\{"anyOf":\[\{"type":"object","properties":\{"name":\{"anyOf":\[\{"type":"string"\},\{\}\]\}/,
    );
  });
});

describe("a leaf of another type than documented", () => {
  type Sale = { purchase: { transaction: string } } & Record<string, unknown>;
  // One sale of each page as Hotmart sent it, but with one value of another type than documented.
  const VARIANTS: Record<string, { path: string[]; value: unknown }> = {
    "a price as a string": { path: ["purchase", "price", "value"], value: "97.00" },
    "an ISO date where epoch ms are documented": {
      path: ["purchase", "order_date"],
      value: "2025-01-01T00:00:00Z",
    },
    "a product id as a string": { path: ["product", "id"], value: "1" },
    "a string where the buyer object is documented": { path: ["buyer"], value: "Ana" },
    "a boolean as a string": { path: ["purchase", "is_subscription"], value: "false" },
  };
  type Node = Record<string, unknown>;
  const parentOf = (sale: unknown, path: string[]): Node =>
    path.slice(0, -1).reduce<Node>((o, key) => o[key] as Node, sale as Node);
  const leaf = (path: string[]) => path[path.length - 1] as string;
  let drift: { path: string[]; value: unknown } | undefined;
  let d: Harness;
  beforeAll(async () => {
    // The simulator's real answer, with the page's second sale changed on its way to the SDK.
    const driftingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!drift || !url.includes("/sales/history")) return response;
      const body = (await response.json()) as { items: Sale[] };
      if (body.items[1]) parentOf(body.items[1], drift.path)[leaf(drift.path)] = drift.value;
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      return new Response(JSON.stringify(body), { status: response.status, headers });
    };
    d = await harness({ client: { fetch: driftingFetch } });
  });
  afterAll(() => d?.close());

  for (const [name, variant] of Object.entries(VARIANTS)) {
    it(`${name}: every sale of the page comes back, the odd one as it came`, async () => {
      drift = undefined;
      const plain = ok<{ items: Sale[] }>(await call(d.mcp, "sales_history", { limit: 3 }));
      drift = variant;
      try {
        const tools = await d.mcp.listTools();
        const r = await call(d.mcp, "sales_history", { limit: 3 });
        expect(r.isError, text(r)).toBeFalsy();
        const page = ok<{ items: Sale[]; count: number }>(r);
        expect(page.count).toBe(3);
        expect(page.items.map((s) => s.purchase.transaction)).toEqual(
          plain.items.map((s) => s.purchase.transaction),
        );
        expect(parentOf(page.items[1], variant.path)[leaf(variant.path)]).toEqual(variant.value);
        expect(page.items[0]).toEqual(plain.items[0]);
        expect(page.items[2]).toEqual(plain.items[2]);
        // The client's own check against tools/list passes too (callTool made it; this says so).
        const schema = tools.tools.find((t) => t.name === "sales_history")?.outputSchema;
        const check = OUTPUT_SCHEMAS.getValidator(schema as never)(r.structuredContent);
        expect(check.valid, check.errorMessage).toBe(true);
      } finally {
        drift = undefined;
      }
    });
  }
});

describe("bounded pages", () => {
  it("hands out at most `limit` items and a cursor that continues without overlap", async () => {
    const first = ok<{ items: { purchase: { transaction: string } }[]; next_cursor?: string }>(
      await call(h.mcp, "sales_history", { limit: 7 }),
    );
    expect(first.items).toHaveLength(7);
    expect(first.next_cursor).toBeTypeOf("string");
    const second = ok<{ items: { purchase: { transaction: string } }[] }>(
      await call(h.mcp, "sales_history", { limit: 7, cursor: first.next_cursor }),
    );
    const a = new Set(first.items.map((s) => s.purchase.transaction));
    expect(second.items.some((s) => a.has(s.purchase.transaction))).toBe(false);
  });

  it("defaults to 20 items and refuses pages over 100", async () => {
    const page = ok<{ items: unknown[] }>(await call(h.mcp, "sales_history"));
    expect(page.items).toHaveLength(20);
    const tooBig = await call(h.mcp, "sales_history", { limit: 1000 });
    expect(tooBig.isError).toBe(true);
  });

  it("renders every date in the text as a day, the next charge of a subscription too", async () => {
    const r = await call(h.mcp, "subscriptions_list", { limit: 10, status: ["ACTIVE"] });
    const page = ok<{ items: { subscriber_code: string; date_next_charge: number }[] }>(r);
    expect(page.items.length).toBeGreaterThan(0);
    // Many clients give the model only the text: an epoch in it reads as a number, not a date.
    expect(text(r)).not.toMatch(/\b\d{12,14}\b/);
    for (const sub of page.items) {
      const line = text(r)
        .split("\n")
        .find((l) => l.includes(sub.subscriber_code));
      expect(line).toContain(dayBrt(sub.date_next_charge));
    }
  });

  it("renders a sale's participants by role, name and e-mail, not as [object Object] nor whole", async () => {
    interface User {
      role: string;
      user: { name: string; email: string; documents: { value: string }[]; cellphone: string };
    }
    const r = await call(h.mcp, "sales_participants", { limit: 5 });
    const page = ok<{ items: { transaction: string; users: User[] }[] }>(r);
    expect(page.items.length).toBeGreaterThan(0);
    expect(text(r)).not.toContain("[object Object]");
    for (const sale of page.items) {
      const line = text(r)
        .split("\n")
        .find((l) => l.includes(sale.transaction));
      // The role is Hotmart's; the name and e-mail, typed by the person, one JSON string.
      const expected = sale.users
        .map((u) => `${u.role} ${JSON.stringify(`${u.user.name} <${u.user.email}>`)}`)
        .join("; ");
      expect(line).toContain(expected);
      // Contact data stays in the structured result, which the model asks for; the line only names.
      for (const u of sale.users) {
        for (const d of u.user.documents) expect(line).not.toContain(d.value);
        if (u.user.cellphone) expect(line).not.toContain(u.user.cellphone);
      }
    }
  });

  it("shows the amounts: each commission of a sale, the price of each subscription charge", async () => {
    interface Entry {
      source: string;
      user: { name: string };
      commission: { value: number; currency_value: string };
    }
    const r = await call(h.mcp, "sales_commissions", { limit: 5 });
    const page = ok<{ items: { transaction: string; commissions: Entry[] }[] }>(r);
    expect(page.items.length).toBeGreaterThan(0);
    for (const sale of page.items) {
      const line = text(r)
        .split("\n")
        .find((l) => l.includes(sale.transaction));
      const expected = sale.commissions
        .map(
          // The name is third-party text: quoted as a JSON string (render.ts `quote`).
          (c) =>
            `${c.source} ${JSON.stringify(c.user.name)} ${c.commission.currency_value} ${c.commission.value.toFixed(2)}`,
        )
        .join("; ");
      expect(line).toContain(expected);
    }
    const charges = await call(h.mcp, "subscriptions_transactions", { limit: 5 });
    const rows = ok<{
      items: { purchase: { transaction: string; price: { value: number; currency: string } } }[];
    }>(charges);
    expect(rows.items.length).toBeGreaterThan(0);
    for (const row of rows.items) {
      const line = text(charges)
        .split("\n")
        .find((l) => l.includes(row.purchase.transaction));
      expect(line).toContain(`${row.purchase.price.currency} ${row.purchase.price.value.toFixed(2)}`);
    }
  });

  it("pages plain arrays with an offset cursor", async () => {
    const { club } = h.sim.data;
    const student = club.users[0];
    const first = ok<{ items: unknown[]; next_cursor?: string; total_results: number }>(
      await call(h.mcp, "club_lessons", { subdomain: club.subdomain, user_id: student?.userId, limit: 2 }),
    );
    expect(first.items).toHaveLength(2);
    expect(first.total_results).toBeGreaterThan(2);
    expect(first.next_cursor).toBe("offset:2");
  });
});

describe("errors the model can act on", () => {
  it("invalid input: one line, says what to pass", async () => {
    const r = await call(h.mcp, "sales_history", { start_date: "last tuesday" });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^Invalid input: start_date must be an ISO date/);
    expect(text(r)).not.toContain("\n");
    expect(text(r)).not.toMatch(/at .*\.ts:\d+/);
  });

  it("dates: only ISO days that exist, before any request; a time without an offset is Brasília time", async () => {
    const before = h.sim.stats().requests;
    // Date.parse alone reads the Brazilian "01/10/2026" as 10 January and rolls 30 February to 2 March.
    for (const start_date of ["01/10/2026", "2026-02-30", "10", "Oct 2026"]) {
      const r = await call(h.mcp, "sales_history", { start_date, limit: 1 });
      expect(r.isError, start_date).toBe(true);
      expect(text(r)).toMatch(/^Invalid input: start_date must be an ISO date like "2026-10-01"/);
    }
    expect(h.sim.stats().requests).toEqual(before);
    const report = ok<{ period: { start: string; end: string } }>(
      await call(h.mcp, "sales_report", {
        start_date: "2026-10-01T00:00:00",
        end_date: "2026-10-31 23:59:59",
        compare: "none",
      }),
    );
    expect(report.period).toEqual({ start: "2026-10-01T00:00:00-03:00", end: "2026-10-31T23:59:59-03:00" });
  });

  it("sales_report dates: refused in the tool's own fields, saying what to pass, before any request", async () => {
    const before = h.sim.stats().requests;
    const refused: [Record<string, unknown>, RegExp][] = [
      [
        { start_date: 0, end_date: "2026-10-31" },
        /^Invalid input: start_date 0 is 1969-12-31, before 1973 and any Hotmart sale: pass the period's first day, e.g. "2026-10-01"\.$/,
      ],
      [
        { start_date: "1970-01-01", end_date: "1970-01-02" },
        /^Invalid input: start_date "1970-01-01" is 1970-01-01, before 1973 and any Hotmart sale/,
      ],
      [
        { start_date: "2026-10-01", end_date: 1793534400 },
        /^Invalid input: end_date looks like epoch seconds \(1793534400\): pass epoch milliseconds \(1793534400000\)/,
      ],
      [
        { start_date: 1790000000, end_date: 1792000000 },
        /^Invalid input: start_date looks like epoch seconds/,
      ],
      [
        { start_date: "2026-10-31", end_date: "2026-10-01" },
        /^Invalid input: end_date \(2026-10-01\) is before start_date \(2026-10-31\): swap them\.$/,
      ],
    ];
    for (const [args, why] of refused) {
      const r = await call(h.mcp, "sales_report", args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(text(r)).toMatch(why);
      // The export's parameter names and the SDK's `new Date(...)` mean nothing to an MCP client.
      expect(text(r)).not.toMatch(/\bfrom\b|\bto\b|new Date|e\.g\. 0\b/);
    }
    expect(h.sim.stats().requests).toEqual(before);
    // A comparison period reaching back before 1973 is counted from there: no sale is older.
    const long = await call(h.mcp, "sales_report", {
      start_date: "1974-01-01",
      end_date: "2026-10-31",
      group_by: "none",
    });
    expect(long.isError, text(long)).toBeFalsy();
  });

  it("a list refused for a backwards range names its dates in Brasília time, as they were given", async () => {
    // The SDK says them in UTC: the end of 31 January read "end_date (2025-02-01T02:59:59.999Z)".
    const before = h.sim.stats().requests;
    const sales = await call(h.mcp, "sales_history", { start_date: "2025-02-01", end_date: "2025-01-31" });
    expect(sales.isError).toBe(true);
    expect(text(sales)).toBe(
      "Invalid input: sales.history: start_date (2025-02-01T00:00:00-03:00) is after end_date (2025-01-31T23:59:59-03:00), so nothing can match: swap them",
    );
    const subs = await call(h.mcp, "subscriptions_list", {
      accession_date: "2015-01-10",
      end_accession_date: "2015-01-09",
    });
    // A day of daylight saving time (-02:00) in 2015.
    expect(text(subs)).toContain(
      "accession_date (2015-01-10T00:00:00-02:00) is after end_accession_date (2015-01-09T23:59:59-02:00)",
    );
    expect(h.sim.stats().requests).toEqual(before);
  });

  it("sales_report without a date says which one is required and what to pass", async () => {
    const before = h.sim.stats().requests;
    const missingEnd = await call(h.mcp, "sales_report", { start_date: "2026-10-01" });
    expect(missingEnd.isError).toBe(true);
    expect(text(missingEnd)).toContain(
      'end_date is required: pass the period\'s last day (inclusive), e.g. "2026-10-31"',
    );
    const missingBoth = await call(h.mcp, "sales_report", {});
    expect(text(missingBoth)).toContain(
      'start_date is required: pass the period\'s first day, e.g. "2026-10-01"',
    );
    const wrongType = await call(h.mcp, "sales_report", { start_date: true, end_date: "2026-10-31" });
    expect(text(wrongType)).toContain(
      'start_date must be an ISO date like "2026-10-01" or epoch milliseconds',
    );
    expect(h.sim.stats().requests).toEqual(before);
  });

  it("unknown status values are refused by the schema before any request", async () => {
    const before = h.sim.stats().requests;
    const r = await call(h.mcp, "sales_history", { transaction_status: "PAID" });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("transaction_status");
    expect(h.sim.stats().requests).toEqual(before);
  });

  it("a blank text filter is refused before any request, not sent as no filter at all", async () => {
    // `buyer_name: ""` went out as `buyer_name=`, and the unfiltered "20 sales (of 401)" read as the
    // matches; "   " as an offer code came back as "0 sales".
    const blank: [string, Record<string, unknown>, string][] = [
      ["sales_history", { buyer_name: "" }, "buyer_name"],
      ["sales_history", { offer_code: "   " }, "offer_code"],
      ["sales_history", { buyer_email: "   " }, "e-mail"],
      ["sales_summary", { affiliate_name: "" }, "affiliate_name"],
      ["sales_participants", { sales_source: " " }, "sales_source"],
      ["subscriptions_transactions", { subscriber_name: "" }, "subscriber_name"],
    ];
    const before = h.sim.stats().requests;
    for (const [tool, args, field] of blank) {
      const r = await call(h.mcp, tool, args);
      expect(r.isError, `${tool} ${JSON.stringify(args)}: ${text(r)}`).toBe(true);
      expect(text(r)).toMatch(new RegExp(`${field} is blank: pass the .* to match, or leave .*out`));
    }
    expect(h.sim.stats().requests).toEqual(before);
  });

  it("not found: says so and how to look it up", async () => {
    const r = await call(h.mcp, "club_student_progress", {
      subdomain: h.sim.data.club.subdomain,
      student_email: "nobody@nowhere.example",
    });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^Not found \(404\)/);
  });

  it("authentication: says what to check, never the secret", async () => {
    h.sim.tokens.revokeAll();
    const fault = h.sim.faults.add({ route: "/security", kind: "status", status: 401, times: 10 });
    try {
      const r = await call(h.mcp, "products_list", { limit: 1 });
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/^Hotmart authentication failed \(401\): check HOTMART_CLIENT_ID/);
      expect(text(r)).not.toContain(h.sim.credentials.clientSecret);
      expect(text(r)).not.toContain(h.sim.credentials.basic);
    } finally {
      h.sim.faults.remove(fault.id);
    }
  });
});

describe("dates are Brasília's, with the offset each day had", () => {
  let dated: Harness;
  const sale: Record<string, string> = {};
  beforeAll(async () => {
    // Generated history ends in 2014: the days below hold only the sales made here, at set instants.
    dated = await harness({ sim: { scale: { sales: 50 }, now: Date.UTC(2014, 0, 1) } });
    const at = (name: string, iso: string) => {
      dated.sim.clock.set(Date.parse(iso));
      sale[name] = dated.sim.purchase().transaction;
    };
    at("summer09_2330", "2015-01-10T01:30:00Z"); // 23:30 on the 9th in Brasília, daylight saving time (-02:00)
    at("summer10_0030", "2015-01-10T02:30:00Z"); // 00:30 on the 10th
    at("summer10_2330", "2015-01-11T01:30:00Z"); // 23:30 on the 10th
    at("summer11_0030", "2015-01-11T02:30:00Z"); // 00:30 on the 11th
    at("jan31_2230", "2025-02-01T01:30:00Z"); // 22:30 on 31 January (-03:00): January for the seller
  });
  afterAll(() => dated?.close());

  const transactions = (page: { items: { purchase: { transaction: string } }[] }) =>
    page.items.map((x) => x.purchase.transaction).sort();

  it("a day of daylight saving time (2015-01-10) is its 24 hours at -02:00", async () => {
    const page = ok<{ items: { purchase: { transaction: string } }[] }>(
      await call(dated.mcp, "sales_history", { start_date: "2015-01-10", end_date: "2015-01-10", limit: 50 }),
    );
    expect(transactions(page)).toEqual([sale.summer10_0030, sale.summer10_2330].sort());
    const report = ok<{ period: { start: string; end: string }; sales_counted: number }>(
      await call(dated.mcp, "sales_report", {
        start_date: "2015-01-10",
        end_date: "2015-01-10",
        compare: "none",
      }),
    );
    expect(report.period).toEqual({ start: "2015-01-10T00:00:00-02:00", end: "2015-01-10T23:59:59-02:00" });
    expect(report.sales_counted).toBe(2);
  });

  it("end_date 2025-01-31 includes a sale at 22:30 that evening (01:30 UTC on 1 February)", async () => {
    const page = ok<{ items: { purchase: { transaction: string } }[] }>(
      await call(dated.mcp, "sales_history", { start_date: "2025-01-31", end_date: "2025-01-31", limit: 50 }),
    );
    expect(transactions(page)).toEqual([sale.jan31_2230]);
  });
});
