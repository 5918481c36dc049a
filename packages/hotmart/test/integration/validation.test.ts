/**
 * Every input rule is refused by the SDK before anything is sent: against a live simulator, the request
 * log stays empty and no token is even requested.
 */
import type { Hotmart } from "hotmart";
import { describe, expect, it } from "vitest";
import { must, refused, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 4 });

const sub = () =>
  must(
    ctx.sim.data.subscriptions.find((s) => s.magic === undefined && s.status === "ACTIVE"),
    "ACTIVE subscription",
  );
const product = () =>
  must(
    ctx.sim.data.products.find((p) => p.listed),
    "listed product",
  );
const subdomain = () => ctx.sim.data.club.subdomain;

type Rule = [name: string, call: (client: Hotmart) => PromiseLike<unknown>, message: RegExp];

const rules: Rule[] = [
  // subscriptions
  [
    "due day 0",
    (c) => c.subscriptions.changeDueDay(sub().subscriberCode, 0),
    /dueDay must be a whole number from 1 to 31.*\(got 0\)/,
  ],
  [
    "due day 32",
    (c) => c.subscriptions.changeDueDay(sub().subscriberCode, 32),
    /dueDay must be a whole number from 1 to 31.*\(got 32\)/,
  ],
  [
    "due day 1.5",
    (c) => c.subscriptions.changeDueDay(sub().subscriberCode, 1.5),
    /dueDay must be a whole number/,
  ],
  ["empty subscriber list (cancel)", (c) => c.subscriptions.cancel([]), /subscriberCodes is empty/],
  ["empty subscriber list (reactivate)", (c) => c.subscriptions.reactivate([]), /subscriberCodes is empty/],
  [
    "an empty code in the list",
    (c) => c.subscriptions.cancel([sub().subscriberCode, " "]),
    /subscriberCodes\[1\] is empty/,
  ],
  [
    "send_mail as a string",
    (c) => c.subscriptions.cancelSingle(sub().subscriberCode, { send_mail: "false" as never }),
    /send_mail must be true or false/,
  ],
  [
    "charge as a string",
    (c) => c.subscriptions.reactivate([sub().subscriberCode], { charge: "true" as never }),
    /charge must be true or false/,
  ],
  ["empty subscriber code", (c) => c.subscriptions.purchases(""), /subscriberCode is empty/],
  // sales
  ["empty transaction (refund)", (c) => c.sales.refund(""), /transaction is empty/],
  ["whitespace transaction (refund)", (c) => c.sales.refund("   "), /transaction is empty/],
  [
    "history max_results 0",
    (c) => c.sales.history({ max_results: 0 }),
    /max_results must be a positive whole number/,
  ],
  [
    "an invalid Date in the query",
    (c) => c.sales.history({ start_date: new Date("nope") }),
    /start_date must be a Date or epoch milliseconds \(got an invalid Date\)/,
  ],
  // products
  [
    "offers by numeric product id",
    (c) => c.products.offers(String(product().id)),
    /ucode must be the product UUID/,
  ],
  ["plans with an empty ucode", (c) => c.products.plans(""), /ucode is empty/],
  // coupons
  [
    "discount 10 (a percentage)",
    (c) => c.coupons.create(product().id, "DEZ", { discount: 10 }),
    /0\.10 = 10%.*did you mean 0\.10\?/,
  ],
  [
    "discount 0.99",
    (c) => c.coupons.create(product().id, "QUASE", { discount: 0.99 }),
    /discount must be a fraction between 0 and 0\.99/,
  ],
  [
    "26-character coupon code",
    (c) => c.coupons.create(product().id, "A".repeat(26), { discount: 0.1 }),
    /code must be at most 25 characters \(got 26\)/,
  ],
  ["empty coupon code", (c) => c.coupons.create(product().id, "", { discount: 0.1 }), /code is empty/],
  [
    "end_date before start_date",
    (c) => c.coupons.create(product().id, "OOPS", { discount: 0.1, start_date: 2e12, end_date: 1e12 }),
    /end_date must be after start_date/,
  ],
  [
    "empty offer_ids",
    (c) => c.coupons.create(product().id, "NOOFFER", { discount: 0.1, offer_ids: [] }),
    /offer_ids must be a non-empty array/,
  ],
  ["empty coupon id (delete)", (c) => c.coupons.delete(""), /couponId is empty/],
  ["empty product id (list)", (c) => c.coupons.list(""), /productId is empty/],
  // negotiation
  [
    "0 recurrences",
    (c) => c.negotiation.create({ subscription_id: sub().id, recurrences: [], payment_type: "PIX" }),
    /recurrences must be an array of 1 to 5 .*\(got 0 values\)/,
  ],
  [
    "6 recurrences",
    (c) =>
      c.negotiation.create({
        subscription_id: sub().id,
        recurrences: [1, 2, 3, 4, 5, 6],
        payment_type: "PIX",
      }),
    /\(got 6 values\)/,
  ],
  [
    "a recurrence twice",
    (c) => c.negotiation.create({ subscription_id: sub().id, recurrences: [2, 2], payment_type: "PIX" }),
    /lists a recurrence twice/,
  ],
  [
    "BILLET without document",
    (c) =>
      // @ts-expect-error: the types ask for document with BILLET; the run-time check is for plain JS
      c.negotiation.create({ subscription_id: sub().id, recurrences: [1], payment_type: "BILLET" }),
    /document is required when payment_type is "BILLET"/,
  ],
  [
    "BOLETO instead of BILLET",
    (c) =>
      c.negotiation.create({ subscription_id: sub().id, recurrences: [1], payment_type: "BOLETO" as never }),
    /payment_type must be "PIX" or "BILLET"/,
  ],
  [
    "subscriber code as subscription_id",
    (c) =>
      c.negotiation.create({
        subscription_id: sub().subscriberCode as never,
        recurrences: [1],
        payment_type: "PIX",
      }),
    /subscription_id must be a positive whole number/,
  ],
  [
    "a percentage-style discount object",
    (c) =>
      c.negotiation.create({
        subscription_id: sub().id,
        recurrences: [1],
        payment_type: "PIX",
        discount: { type: "PERCENT" as never, value: 10 },
      }),
    /discount must be \{ type: "CUSTOM"/,
  ],
  // club
  ["empty subdomain (modules)", (c) => c.club.modules(""), /subdomain is required/],
  [
    "pages without product_id",
    (c) => c.club.pages("j14okvB4pL", {} as never),
    /product_id must be a positive whole number/,
  ],
  ["pagesV1 without subdomain", (c) => c.club.pagesV1("j14okvB4pL", {} as never), /subdomain is required/],
  ["students without subdomain", (c) => c.club.students(" "), /subdomain is required/],
  ["lessons with an empty user id", (c) => c.club.lessons(subdomain(), ""), /userId is empty/],
  [
    "studentProgress without e-mail",
    (c) => c.club.studentProgress(subdomain(), { student_email: "" }),
    /student_email is required/,
  ],
  // events
  ["empty event id", (c) => c.events.get(""), /eventId is empty/],
  ["negative event id", (c) => c.events.tickets(-1), /eventId must be a positive whole number/],
];

describe("input rules are refused before sending", () => {
  it.each(rules)("%s", async (_name, call, message) => {
    const { sim, client } = ctx;
    await refused(() => call(client), message);
    expect(sim.requestLog).toHaveLength(0);
    expect(sim.stats().tokenGrants).toBe(0);
    expect(client.tokenRequests).toBe(0);
  });

  it("list methods refuse on for await as well as on await", async () => {
    const { sim, client } = ctx;
    await refused(async () => {
      for await (const _ of client.products.list({ max_results: 0 })) {
        // never reached
      }
    }, /max_results must be a positive whole number/);
    await refused(async () => {
      for await (const _ of client.sales.historyAutopaginate({ max_results: -5 })) {
        // never reached
      }
    }, /max_results must be a positive whole number/);
    expect(sim.requestLog).toHaveLength(0);
    expect(sim.stats().tokenGrants).toBe(0);
  });

  it("the same client then sends a valid request normally (one token grant)", async () => {
    const { sim, client } = ctx;
    await client.subscriptions.changeDueDay(sub().subscriberCode, 12);
    expect(sim.requestLog.map((e) => e.method)).toEqual(["POST", "PATCH"]);
    expect(sim.stats().tokenGrants).toBe(1);
    expect(client.tokenRequests).toBe(1);
  });
});
