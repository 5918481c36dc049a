/**
 * The run-time rules for params and options (issue 10, items 1–3): what a JavaScript caller gets wrong
 * is refused before anything is sent, with a message that shows the right call.
 */
import { type Hotmart, HotmartInputError } from "hotmart";
import { describe, expect, it } from "vitest";
import { useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

// biome-ignore lint/suspicious/noExplicitAny: deliberately ill-typed input, as from JavaScript
const js = (value: unknown): any => value;

async function failure(run: (c: Hotmart) => unknown): Promise<Error> {
  const client = ctx.client();
  const error = await Promise.resolve()
    .then(() => run(client))
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(HotmartInputError);
  expect(ctx.server.requests).toHaveLength(0);
  return error as Error;
}

describe("a string where a params object is expected", () => {
  it("shows the right call (the Python README's subscriptions.transactions(code))", async () => {
    const error = await failure((c) => c.subscriptions.transactions(js("B2HNQAXJ")));
    expect(error.message).toBe(
      'subscriptions.transactions takes an object of filters, not "B2HNQAXJ": call subscriptions.transactions({ subscriber_code: "B2HNQAXJ" })',
    );
  });

  it("is refused on every list, and an array too", async () => {
    expect((await failure((c) => c.sales.history(js("HP123")))).message).toContain(
      'sales.history({ transaction: "HP123" })',
    );
    expect((await failure((c) => c.products.list(js("abc")))).message).toMatch(
      /^products.list takes an object of filters, e.g. products.list\(\{ id: … \}\) \(got "abc"\)/,
    );
    expect((await failure((c) => c.subscriptions.list(js(["A"])))).message).toMatch(/got an array/);
  });
});

describe("a boolean or string where options are expected", () => {
  it("cancel(codes, true) is refused instead of dropping send_mail", async () => {
    const error = await failure((c) => c.subscriptions.cancel(["B2HNQAXJ"], js(true)));
    expect(error.message).toBe(
      "subscriptions.cancel takes its parameters as an object, not true: cancel(codes, { send_mail: true })",
    );
  });

  it("a boolean or string as the options argument is refused", async () => {
    expect((await failure((c) => c.sales.refund("HP1", js(true)))).message).toMatch(
      /^sales.refund: the last argument is the request options .*not true/,
    );
    expect((await failure((c) => c.sales.history({}, js("fast")))).message).toMatch(
      /^sales.history: the last argument is the request options .*not "fast"/,
    );
    expect((await failure((c) => c.subscriptions.cancel(["A"], {}, js(false)))).message).toMatch(/not false/);
  });

  it("a call's timeout, totalTimeout or maxRetries that no request could use is refused, as the client's are", async () => {
    // `Number(process.env.X)` with X unset: NaN would time out every attempt, after the retries.
    expect((await failure((c) => c.sales.history({}, { timeout: Number.NaN }))).message).toBe(
      "timeout must be from 1 to 2147483647 milliseconds (got NaN)",
    );
    // Longer than a timer can wait fires at once: every attempt would "time out after 1e12 ms".
    expect((await failure((c) => c.sales.history({}, { totalTimeout: 1e12 }))).message).toMatch(
      /^totalTimeout must be from 1 to 2147483647 milliseconds/,
    );
    expect((await failure((c) => c.request("GET", "/x", undefined, { timeout: 0 }))).message).toMatch(
      /\(got 0\)/,
    );
    expect((await failure((c) => c.sales.refund("HP1", { maxRetries: -1 }))).message).toBe(
      "maxRetries must be a whole number, 0 or more (got -1)",
    );
    expect((await failure((c) => c.products.list({}, js({ maxRetries: "3" })))).message).toMatch(
      /\(got "3"\)/,
    );
  });

  it("an array for a filter that takes one value is refused; the repeatable ones take it", async () => {
    // Sent as a repeated key, Hotmart would use one status and the caller read part of the sales as all.
    expect(
      (await failure((c) => c.sales.history(js({ transaction_status: ["APPROVED", "REFUNDED"] })))).message,
    ).toBe(
      "sales.history: transaction_status takes one value, not an array: make one call per status, or client.export.run(…, { statuses: [...] }) for every record of several",
    );
    expect((await failure((c) => c.products.list(js({ status: ["DRAFT"] })))).message).toBe(
      "products.list: status takes one value, not an array: make one call per value",
    );
    // select is one string of paths: "one call per value" would be the wrong advice for it.
    expect(
      (await failure((c) => c.sales.history(js({ select: ["purchase.transaction", "buyer.email"] }))))
        .message,
    ).toBe(
      'sales.history: select takes one value, not an array: make it one string of comma-separated paths: select: "purchase.transaction,buyer.email"',
    );
    expect((await failure((c) => c.sales.history(js({ product_id: "abc" })))).message).toBe(
      'sales.history: product_id is the product\'s numeric id, e.g. 1234567 (got "abc")',
    );
    await failure((c) => c.subscriptions.summary(js({ product_id: 1.5 })));
    await failure((c) => c.sales.summary(js({ product_id: -5 })));
    await failure((c) => c.sales.history(js({ product_id: "0" })));
    // subscriptions.list documents status and plan as repeatable: both go as repeated keys; digits pass.
    const client = ctx.client();
    ctx.server.on("GET", "/payments/api/v1/subscriptions", { body: { items: [], page_info: {} } });
    await client.subscriptions.list(
      js({ status: ["ACTIVE", "DELAYED"], plan: ["Gold", "Silver"], product_id: "123" }),
    );
    expect(ctx.server.only().query).toBe("status=ACTIVE&status=DELAYED&plan=Gold&plan=Silver&product_id=123");
  });

  it("a params key given as an option is refused", async () => {
    expect((await failure((c) => c.sales.refund("HP1", js({ send_mail: true })))).message).toMatch(
      /^sales.refund: "send_mail" is not a request option/,
    );
  });
});

describe("keys", () => {
  it("a camelCase key whose snake_case is a known filter: did you mean", async () => {
    const error = await failure((c) => c.sales.history(js({ productId: 1, startDate: new Date() })));
    expect(error.message).toBe(
      'sales.history has no parameter "productId": did you mean `product_id`? (Hotmart\'s parameters are snake_case)',
    );
    expect((await failure((c) => c.subscriptions.cancelSingle("A", js({ sendMail: true })))).message).toMatch(
      /did you mean `send_mail`\?/,
    );
  });

  it("club.studentProgress: a camelCase or unknown key, or the e-mail alone, is refused too", async () => {
    // Its params were only read for student_email: anything else went unnoticed, and the e-mail given
    // as a string read "student_email is required (got undefined)".
    const camel = await failure((c) =>
      c.club.studentProgress("my_subdomain", js({ student_email: "a@b.co", studentEmail: "x" })),
    );
    expect(camel.message).toBe(
      'club.studentProgress has no parameter "studentEmail": did you mean `student_email`?',
    );
    const alone = await failure((c) => c.club.studentProgress("my_subdomain", js("a@b.co")));
    expect(alone.message).toBe(
      'club.studentProgress takes its parameters as an object, not "a@b.co": club.studentProgress("my_subdomain", { student_email: "ana@example.com" })',
    );
    // Its options were first checked by the club.students call it makes, and named that method.
    const option = await failure((c) =>
      c.club.studentProgress("my_subdomain", { student_email: "a@b.co" }, js({ timeOut: 1 })),
    );
    expect(option.message).toMatch(/^club.studentProgress: "timeOut" is not a request option/);
  });

  it("club.findStudent: an e-mail that is missing or not a string is a HotmartInputError, not a TypeError", async () => {
    for (const email of [undefined, 42, " "]) {
      const error = await failure((c) => c.club.findStudent("my_subdomain", js(email)));
      expect(error.message).toMatch(/^email is required: pass the student's e-mail address/);
    }
  });

  it("a misspelled key: did you mean", async () => {
    const error = await failure((c) => c.sales.history(js({ transaction_stauts: "APPROVED" })));
    expect(error.message).toMatch(/did you mean `transaction_status`\?/);
  });

  it("an unknown key is refused with a pointer to options.query", async () => {
    const error = await failure((c) => c.sales.history(js({ brand_new_filter: "x" })));
    expect(error.message).toMatch(
      /^sales.history has no parameter "brand_new_filter" \(it takes product_id, /,
    );
    expect(error.message).toContain(
      "use the query option: sales.history(params, { query: { brand_new_filter: … } })",
    );
  });

  it("options.query sends what the SDK does not know yet", async () => {
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    await ctx
      .client()
      .sales.history({ product_id: 1 }, { query: { brand_new_filter: "x", many: ["a", "b"] } });
    expect(ctx.server.only().query).toBe("product_id=1&brand_new_filter=x&many=a&many=b");
  });
});

describe("dates", () => {
  it("an ISO date string is converted to epoch ms", async () => {
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    await ctx.client().sales.history(js({ start_date: "2024-05-01", end_date: "2024-05-31T23:59:59.999Z" }));
    expect(ctx.server.only().query).toBe(
      `start_date=${Date.UTC(2024, 4, 1)}&end_date=${Date.UTC(2024, 4, 31, 23, 59, 59, 999)}`,
    );
  });

  it("other strings are refused", async () => {
    const error = await failure((c) => c.sales.history(js({ start_date: "01/05/2024" })));
    expect(error.message).toBe(
      'start_date must be a Date, epoch milliseconds or an ISO date such as "2024-05-01" or "2024-05-01T12:00:00Z" (got "01/05/2024")',
    );
    await failure((c) => c.subscriptions.list(js({ accession_date: "2024-13-45" })));
  });

  it("an ISO date whose day does not exist is refused, not rolled over into the next month", async () => {
    // Date.parse reads "2026-02-30" as 2 March and "2026-02-31T10:00:00Z" as 3 March: sent as such.
    expect((await failure((c) => c.sales.history(js({ start_date: "2026-02-30" })))).message).toBe(
      'start_date: "2026-02-30" is not a day of the calendar: 2026-02 has days 01 to 28, so pass a date that exists (e.g. "2026-02-28")',
    );
    expect((await failure((c) => c.sales.history(js({ end_date: "2026-02-31T10:00:00Z" })))).message).toMatch(
      /^end_date: "2026-02-31T10:00:00Z" is not a day of the calendar: 2026-02 has days 01 to 28/,
    );
    expect((await failure((c) => c.sales.history(js({ start_date: "2026-13-01" })))).message).toBe(
      'start_date: "2026-13-01" has no month 13: an ISO date is year-month-day, months 01 to 12 (e.g. "2026-12-01")',
    );
    expect((await failure((c) => c.sales.history(js({ start_date: "2025-02-29" })))).message).toContain(
      "2025-02 has days 01 to 28",
    );
    await failure((c) => c.sales.history(js({ start_date: "2100-02-29" })));
    await failure((c) => c.sales.history(js({ start_date: "2026-04-31 08:00" })));
    await failure((c) => c.sales.history(js({ start_date: "2026-01-00" })));
    await failure((c) => c.subscriptions.list(js({ accession_date: "2026-06-31" })));
    await failure((c) => c.coupons.create(1, "X", js({ discount: 0.1, start_date: "2026-09-31" })));
    // The days that exist are sent: a leap day, the last of a month.
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    await ctx.client().sales.history(js({ start_date: "2000-02-29", end_date: "2024-04-30T23:59:59Z" }));
    expect(ctx.server.only().query).toBe(
      `start_date=${Date.UTC(2000, 1, 29)}&end_date=${Date.UTC(2024, 3, 30, 23, 59, 59)}`,
    );
  });

  it("a number that can only be epoch seconds is refused with a hint", async () => {
    const error = await failure((c) => c.sales.history({ start_date: 1717200000 }));
    expect(error.message).toBe(
      'start_date looks like epoch seconds (1717200000): Hotmart takes milliseconds, so pass 1717200000000, or a Date (new Date(1717200000 * 1000)); 0 means "from the beginning"',
    );
    await failure((c) => c.events.tickets(1, { last_update: 99_999_999_999 }));
    await failure((c) => c.coupons.create(1, "X", { discount: 0.1, end_date: 1717200000 }));
    await failure((c) => c.sales.history({ end_date: -1 }));
    await failure((c) => c.sales.history({ end_date: new Date("nope") }));
  });

  it("a fraction of a millisecond, a number past a Date's range and a date before 1970 are refused", async () => {
    // Each was sent, and each is Hotmart's 400 invalid_value_parameter.
    expect((await failure((c) => c.sales.history({ start_date: 1700000000000.5 }))).message).toBe(
      "start_date must be whole epoch milliseconds (got 1700000000000.5): Hotmart refuses a fraction, so round it (1700000000001) or pass a Date",
    );
    expect((await failure((c) => c.sales.history({ end_date: 1e20 }))).message).toBe(
      "end_date (100000000000000000000) is past the last date a Date can hold (8640000000000000, in the year 275760): pass epoch milliseconds such as 1767225600000 (2026-01-01), or a Date",
    );
    await failure((c) => c.sales.history({ end_date: 8.64e15 + 1 }));
    expect((await failure((c) => c.sales.history(js({ start_date: "1969-12-31" })))).message).toBe(
      'start_date is before 1970 (got "1969-12-31"): Hotmart takes epoch milliseconds, which start at 1970-01-01; pass 0 for "from the beginning", or a later date',
    );
    expect((await failure((c) => c.sales.history(js({ start_date: "0000-01-01" })))).message).toMatch(
      /^start_date is before 1970 \(got "0000-01-01"\)/,
    );
    expect((await failure((c) => c.sales.history({ start_date: new Date(-1) }))).message).toMatch(
      /^start_date is before 1970 \(got 1969-12-31T23:59:59.999Z\)/,
    );
    expect((await failure((c) => c.sales.history({ start_date: -5 }))).message).toMatch(
      /^start_date is before 1970 \(got -5\)/,
    );
    // Fractional epoch seconds (what `secs * 1000` starts from) get the seconds hint, whole.
    expect((await failure((c) => c.sales.history({ start_date: 1700000000.0005 }))).message).toMatch(
      /^start_date looks like epoch seconds \(1700000000.0005\): Hotmart takes milliseconds, so pass 1700000000001,/,
    );
    // The same rules wherever a date param is converted: body dates and the access check's clock.
    await failure((c) => c.coupons.create(1, "X", { discount: 0.1, start_date: 1700000000000.5 }));
    await failure((c) => c.coupons.create(1, "X", js({ discount: 0.1, end_date: "1969-12-31" })));
    await failure((c) => c.subscriptions.list({ accession_date: 1e20 }));
    await failure((c) => c.access.check("ana@example.com", { product_id: 1, now: 1700000000000.5 }));
    // The ends of what is allowed are sent: the epoch itself, and the last instant a Date holds.
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    await ctx.client().sales.history({ start_date: 0, end_date: 8.64e15 });
    expect(ctx.server.only().query).toBe("start_date=0&end_date=8640000000000000");
  });

  it("a range given backwards is refused on every list that takes one; equal ends are sent", async () => {
    const error = await failure((c) =>
      c.sales.history({ start_date: new Date("2026-01-01"), end_date: new Date("2025-01-01") }),
    );
    expect(error.message).toBe(
      "sales.history: start_date (2026-01-01T00:00:00.000Z) is after end_date (2025-01-01T00:00:00.000Z), so nothing can match: swap them",
    );
    const day = Date.UTC(2025, 0, 1);
    await failure((c) => c.sales.summary({ start_date: day + 1, end_date: day }));
    await failure((c) => c.subscriptions.list({ accession_date: day + 1, end_accession_date: day }));
    await failure((c) => c.subscriptions.list({ cancelation_date: day + 1, end_cancelation_date: day }));
    await failure((c) => c.subscriptions.list({ date_next_charge: day + 1, end_date_next_charge: day }));
    expect(
      (
        await failure((c) =>
          c.subscriptions.transactions({ transaction_date: day + 1, end_transaction_date: day }),
        )
      ).message,
    ).toMatch(/^subscriptions.transactions: transaction_date .* is after end_transaction_date /);
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    await ctx.client().sales.history({ start_date: day, end_date: day });
    expect(ctx.server.only().query).toBe(`start_date=${day}&end_date=${day}`);
  });

  it("0 is allowed: from the beginning", async () => {
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    await ctx.client().sales.history({ start_date: 0, end_date: 1e11 });
    expect(ctx.server.only().query).toBe("start_date=0&end_date=100000000000");
  });
});

describe("products.list max_results", () => {
  it("above the documented 50 is sent as 50, never refused", async () => {
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    await ctx.client().products.list({ max_results: 500 });
    await ctx.client().products.list({ max_results: 50 });
    await ctx.client().sales.history({ max_results: 500 });
    expect(ctx.server.requests.map((r) => r.query)).toEqual([
      "max_results=50",
      "max_results=50",
      "max_results=500",
    ]);
  });
});

describe("methods reject, never throw", () => {
  const calls: [string, (c: Hotmart) => unknown][] = [
    ["sales.history", (c) => c.sales.history(js("x"))],
    ["sales.historyAutopaginate", (c) => c.sales.historyAutopaginate(js("x")).next()],
    ["sales.refund", (c) => c.sales.refund(js(undefined))],
    ["subscriptions.purchases", (c) => c.subscriptions.purchases("")],
    ["subscriptions.cancel", (c) => c.subscriptions.cancel(js("A"))],
    ["subscriptions.changeDueDay", (c) => c.subscriptions.changeDueDay("A", 0)],
    ["products.offers", (c) => c.products.offers("")],
    ["coupons.create", (c) => c.coupons.create(1, "", js(undefined))],
    ["coupons.list", (c) => c.coupons.list("")],
    ["club.modules", (c) => c.club.modules("")],
    ["club.pages", (c) => c.club.pages("M", js(undefined))],
    ["club.students", (c) => c.club.students("")],
    ["club.lessons", (c) => c.club.lessons("", "")],
    ["events.get", (c) => c.events.get("")],
    ["events.tickets", (c) => c.events.tickets("")],
    ["negotiation.create", (c) => c.negotiation.create(js(undefined))],
    ["access.check", (c) => c.access.check(js(undefined))],
  ];
  it.each(calls)("%s", async (_name, run) => {
    const client = ctx.client();
    let pending: unknown;
    expect(() => {
      pending = run(client);
    }).not.toThrow();
    await expect(Promise.resolve(pending)).rejects.toBeInstanceOf(HotmartInputError);
    expect(ctx.server.requests).toHaveLength(0);
  });
});
