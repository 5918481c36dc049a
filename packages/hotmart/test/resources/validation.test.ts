import { type Hotmart, HotmartInputError } from "hotmart";
import { describe, expect, it } from "vitest";
import { useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

/** Bypasses the types, as a JavaScript caller (or bad data) would. */
// biome-ignore lint/suspicious/noExplicitAny: deliberately ill-typed input
const bad = (value: unknown): any => value;

type Case = [string, (c: Hotmart) => unknown, RegExp | string];

const cases: Case[] = [
  // ids
  [
    "refund: empty transaction",
    (c) => c.sales.refund(""),
    /^transaction is empty: pass the transaction code/,
  ],
  [
    "refund: missing transaction",
    (c) => c.sales.refund(bad(undefined)),
    /^transaction is missing: pass the transaction code/,
  ],
  [
    "refund: non-string transaction",
    (c) => c.sales.refund(bad({})),
    /transaction must be a string.*got an object/,
  ],
  ["purchases: empty subscriberCode", (c) => c.subscriptions.purchases(" "), /^subscriberCode is empty/],
  ["cancelSingle: empty subscriberCode", (c) => c.subscriptions.cancelSingle(""), /^subscriberCode is empty/],
  ["reactivateSingle: empty code", (c) => c.subscriptions.reactivateSingle(""), /^subscriberCode is empty/],
  ["changeDueDay: empty code", (c) => c.subscriptions.changeDueDay("", 5), /^subscriberCode is empty/],
  ["offers: empty ucode", (c) => c.products.offers(""), /^ucode is empty: pass the product UUID/],
  ["offers: numeric id for ucode", (c) => c.products.offers("1234567"), /not the numeric product id/],
  ["plans: number for ucode", (c) => c.products.plans(bad(1234567)), /not the numeric product id/],
  ["coupons.list: empty productId", (c) => c.coupons.list(""), /^productId is empty/],
  [
    "coupons.create: empty productId",
    (c) => c.coupons.create("", "X", { discount: 0.1 }),
    /^productId is empty/,
  ],
  ["coupons.delete: empty couponId", (c) => c.coupons.delete(""), /^couponId is empty/],
  ["coupons.delete: couponId 0", (c) => c.coupons.delete(0), /couponId must be a positive whole number/],
  ["events.get: empty eventId", (c) => c.events.get(""), /^eventId is empty/],
  ["events.tickets: empty eventId", (c) => c.events.tickets(""), /^eventId is empty/],
  ["club.pages: empty moduleId", (c) => c.club.pages("", { product_id: 1 }), /^moduleId is empty/],
  ["club.lessons: empty userId", (c) => c.club.lessons("s", ""), /^userId is empty/],

  // subscriber lists and flags
  ["cancel: empty list", (c) => c.subscriptions.cancel([]), /^subscriberCodes is empty/],
  [
    "cancel: empty code inside",
    (c) => c.subscriptions.cancel(["B2HNQAXJ", " "]),
    /^subscriberCodes\[1\] is empty/,
  ],
  [
    "cancel: a string, not an array",
    (c) => c.subscriptions.cancel(bad("B2HNQAXJ")),
    /must be an array.*cancelSingle/,
  ],
  [
    "cancel: send_mail as a string",
    (c) => c.subscriptions.cancel(["A"], bad({ send_mail: "false" })),
    /send_mail must be true or false/,
  ],
  ["reactivate: empty list", (c) => c.subscriptions.reactivate([]), /^subscriberCodes is empty/],
  [
    "reactivate: charge as a string",
    (c) => c.subscriptions.reactivateSingle("A", bad({ charge: "yes" })),
    /charge must be true or false/,
  ],

  // due day
  [
    "changeDueDay: 0",
    (c) => c.subscriptions.changeDueDay("A", 0),
    /dueDay must be a whole number from 1 to 31.*got 0/,
  ],
  ["changeDueDay: 32", (c) => c.subscriptions.changeDueDay("A", 32), /got 32/],
  ["changeDueDay: 1.5", (c) => c.subscriptions.changeDueDay("A", 1.5), /got 1.5/],
  ["changeDueDay: NaN", (c) => c.subscriptions.changeDueDay("A", Number.NaN), /got NaN/],
  ["changeDueDay: a string", (c) => c.subscriptions.changeDueDay("A", bad("5")), /got "5"/],

  // paging
  [
    "history: max_results 0",
    (c) => c.sales.history({ max_results: 0 }),
    /^max_results must be a positive whole number/,
  ],
  ["summary: max_results -5", (c) => c.sales.summary({ max_results: -5 }), /got -5/],
  ["subscriptions.list: max_results 1.5", (c) => c.subscriptions.list({ max_results: 1.5 }), /got 1.5/],
  ["students: max_results as a string", (c) => c.club.students("s", bad({ max_results: "10" })), /got "10"/],
  [
    "autopaginate twin: bad max_results",
    (c) => c.sales.commissionsAutopaginate({ max_results: 0 }).next(),
    /max_results/,
  ],

  // coupons
  [
    "coupon discount given as a percentage",
    (c) => c.coupons.create(1, "PROMO", { discount: 10 }),
    "discount must be a fraction between 0 and 0.99 (0.10 = 10%); got 10 — did you mean 0.10?",
  ],
  [
    "coupon discount 25",
    (c) => c.coupons.create(1, "PROMO", { discount: 25 }),
    /got 25 — did you mean 0.25\?/,
  ],
  ["coupon discount 0", (c) => c.coupons.create(1, "PROMO", { discount: 0 }), /between 0 and 0.99.*got 0$/],
  ["coupon discount 0.99", (c) => c.coupons.create(1, "PROMO", { discount: 0.99 }), /got 0.99$/],
  ["coupon discount negative", (c) => c.coupons.create(1, "PROMO", { discount: -0.1 }), /got -0.1$/],
  ["coupon discount missing", (c) => c.coupons.create(1, "PROMO", bad({})), /discount must be a fraction/],
  ["coupon params missing", (c) => c.coupons.create(1, "PROMO", bad(undefined)), /needs a discount/],
  ["coupon code empty", (c) => c.coupons.create(1, " ", { discount: 0.1 }), /^code is empty/],
  [
    "coupon code too long",
    (c) => c.coupons.create(1, "A".repeat(26), { discount: 0.1 }),
    /at most 25 characters \(got 26\)/,
  ],
  [
    "coupon end before start",
    (c) => c.coupons.create(1, "PROMO", { discount: 0.1, start_date: 2e12, end_date: new Date(1e12) }),
    /end_date must be after start_date/,
  ],
  [
    "coupon invalid Date",
    (c) => c.coupons.create(1, "PROMO", { discount: 0.1, start_date: new Date("nope") }),
    /start_date must be a Date.*invalid Date/,
  ],
  [
    "coupon empty offer_ids",
    (c) => c.coupons.create(1, "PROMO", { discount: 0.1, offer_ids: [] }),
    /offer_ids must be a non-empty array/,
  ],
  [
    "coupon fractional affiliate",
    (c) => c.coupons.create(1, "PROMO", { discount: 0.1, affiliate: 1.5 }),
    /affiliate must be a positive whole number/,
  ],

  // club
  ["modules: empty subdomain", (c) => c.club.modules(""), /^subdomain is required: pass the Club subdomain/],
  ["students: empty subdomain", (c) => c.club.students(" "), /^subdomain is required/],
  ["users: missing subdomain", (c) => c.club.users(bad(undefined)), /^subdomain is required/],
  ["lessons: empty subdomain", (c) => c.club.lessons("", "U"), /^subdomain is required/],
  [
    "pages: product_id missing",
    (c) => c.club.pages("M", bad({})),
    /^product_id must be a positive whole number/,
  ],
  ["pages: params missing", (c) => c.club.pages("M", bad(undefined)), /^product_id must be/],
  ["pagesV1: subdomain missing", (c) => c.club.pagesV1("M", bad({})), /^subdomain is required/],
  [
    "studentProgress: empty e-mail",
    (c) => c.club.studentProgress("s", { student_email: "" }),
    /^student_email is required/,
  ],
  [
    "studentProgress: empty subdomain",
    (c) => c.club.studentProgress("", { student_email: "a@b.c" }),
    /^subdomain is required/,
  ],

  // negotiation
  [
    "negotiation: params missing",
    (c) => c.negotiation.create(bad(undefined)),
    /needs \{ subscription_id, recurrences, payment_type \}/,
  ],
  [
    "negotiation: subscription_id 0",
    (c) => c.negotiation.create({ subscription_id: 0, recurrences: [1], payment_type: "PIX" }),
    /^subscription_id must be a positive whole number.*not the subscriber code/,
  ],
  [
    "negotiation: subscription_id as a code",
    (c) => c.negotiation.create({ subscription_id: bad("B2HNQAXJ"), recurrences: [1], payment_type: "PIX" }),
    /subscription_id must be a positive whole number/,
  ],
  [
    "negotiation: no recurrences",
    (c) => c.negotiation.create({ subscription_id: 1, recurrences: [], payment_type: "PIX" }),
    /recurrences must be an array of 1 to 5 recurrence numbers.*got 0 values/,
  ],
  [
    "negotiation: six recurrences",
    (c) => c.negotiation.create({ subscription_id: 1, recurrences: [1, 2, 3, 4, 5, 6], payment_type: "PIX" }),
    /got 6 values/,
  ],
  [
    "negotiation: recurrence 0",
    (c) => c.negotiation.create({ subscription_id: 1, recurrences: [0], payment_type: "PIX" }),
    /^recurrences\[0\] must be a positive whole number/,
  ],
  [
    "negotiation: fractional recurrence",
    (c) => c.negotiation.create({ subscription_id: 1, recurrences: [1, 2.5], payment_type: "PIX" }),
    /^recurrences\[1\] must be a positive whole number/,
  ],
  [
    "negotiation: duplicate recurrence",
    (c) => c.negotiation.create({ subscription_id: 1, recurrences: [2, 2], payment_type: "PIX" }),
    /lists a recurrence twice/,
  ],
  [
    "negotiation: BOLETO",
    (c) => c.negotiation.create({ subscription_id: 1, recurrences: [1], payment_type: bad("BOLETO") }),
    'payment_type must be "PIX" or "BILLET" (got "BOLETO"); boleto is "BILLET" at Hotmart',
  ],
  [
    "negotiation: BILLET without document",
    (c) =>
      // @ts-expect-error: the types ask for document with BILLET; the run-time check is for plain JS
      c.negotiation.create({ subscription_id: 1, recurrences: [1], payment_type: "BILLET" }),
    /^document is required when payment_type is "BILLET"/,
  ],
  [
    "negotiation: BILLET with a blank document",
    (c) =>
      c.negotiation.create({ subscription_id: 1, recurrences: [1], payment_type: "BILLET", document: " " }),
    /^document is required/,
  ],
  [
    "negotiation: discount type not CUSTOM",
    (c) =>
      c.negotiation.create({
        subscription_id: 1,
        recurrences: [1],
        payment_type: "PIX",
        discount: bad({ type: "PERCENT", value: 10 }),
      }),
    /^discount must be \{ type: "CUSTOM", value: <amount off> \}/,
  ],
  [
    "negotiation: discount value 0",
    (c) =>
      c.negotiation.create({
        subscription_id: 1,
        recurrences: [1],
        payment_type: "PIX",
        discount: { type: "CUSTOM", value: 0 },
      }),
    /with a positive amount/,
  ],
];

describe("input validation happens before any request", () => {
  it.each(cases)("%s", async (_name, run, message) => {
    const client = ctx.client();
    const error = await Promise.resolve()
      .then(() => run(client))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HotmartInputError);
    if (typeof message === "string") expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect(ctx.server.requests).toHaveLength(0);
    expect(ctx.server.tokenRequests).toHaveLength(0);
  });

  it("list methods report bad input through the PagePromise, never synchronously", () => {
    const client = ctx.client();
    const pending = client.sales.history({ max_results: -1 });
    expect(typeof pending.then).toBe("function");
    return expect(Promise.resolve(pending)).rejects.toBeInstanceOf(HotmartInputError);
  });

  it("accepts the boundaries", async () => {
    ctx.server.on("PATCH", /./, { raw: "" });
    ctx.server.on("POST", /./, { body: {} });
    ctx.server.on("GET", /./, { body: { items: [], page_info: {} } });
    const client = ctx.client();
    await client.subscriptions.changeDueDay("A", 1);
    await client.subscriptions.changeDueDay("A", 31);
    await client.coupons.create(1, "A".repeat(25), { discount: 0.98 });
    await client.coupons.create(1, "Ç".repeat(25), { discount: 0.01 });
    await client.products.list({ max_results: 50 });
    await client.sales.history({ max_results: 1 });
    await client.negotiation.create({
      subscription_id: 1,
      recurrences: [1, 2, 3, 4, 5],
      payment_type: "PIX",
    });
    expect(ctx.server.requests).toHaveLength(7);
  });
});
