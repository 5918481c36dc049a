import type {
  ClubLessonsResponse,
  ClubStudentProgress,
  CommissionMoney,
  DateParam,
  EventInfo,
  Hotmart,
  Money,
  NegotiationResult,
  Page,
  PagePromise,
  PaymentType,
  ProductFormat,
  PurchaseStatus,
  RateLimitInfo,
  RecurrencyPeriod,
  SalesHistoryBuyer,
  SalesHistoryItem,
  SalesHistoryParams,
  SchemaName,
  SubscriptionResult,
  SubscriptionStatus,
  SubscriptionsBulkResult,
  SubscriptionsListParams,
  SubscriptionsPurchasesItem,
  SubscriptionsTransactionPrice,
  SubscriptionsTransactionsItem,
  WithResponse,
} from "hotmart";
import { defineList } from "hotmart";
import { describe, expectTypeOf, it } from "vitest";

declare const client: Hotmart;

describe("open enums", () => {
  it("autocomplete the documented values and accept tomorrow's", () => {
    expectTypeOf<"APPROVED">().toExtend<PurchaseStatus>();
    expectTypeOf<"UNDER_ANALISYS">().toExtend<PurchaseStatus>();
    expectTypeOf<"UNDER_ANALYSIS">().toExtend<PurchaseStatus>();
    expectTypeOf<"SOMETHING_HOTMART_ADDS_LATER">().toExtend<PurchaseStatus>();
    expectTypeOf<"PIX">().toExtend<PaymentType>();
    expectTypeOf<"PHYSICAL">().toExtend<ProductFormat>();
    expectTypeOf<"PAUSED_BY_SOMEONE">().toExtend<SubscriptionStatus>();
    expectTypeOf<360>().toExtend<RecurrencyPeriod>();
    expectTypeOf<45>().toExtend<RecurrencyPeriod>();
    expectTypeOf<PurchaseStatus>().toExtend<string>();
    // @ts-expect-error: an open enum is still a string enum
    expectTypeOf<42>().toExtend<PurchaseStatus>();
  });
});

describe("params", () => {
  it("take Date or epoch ms for date params", () => {
    expectTypeOf<Date>().toExtend<NonNullable<SalesHistoryParams["start_date"]>>();
    expectTypeOf<number>().toExtend<NonNullable<SubscriptionsListParams["cancelation_date"]>>();
    expectTypeOf<NonNullable<SalesHistoryParams["end_date"]>>().toEqualTypeOf<DateParam>();
    client.sales.history({ start_date: new Date(), end_date: Date.now() });
  });

  it("take one value or an array for repeatable params", () => {
    client.subscriptions.list({ status: "ACTIVE", plan: "Gold" });
    client.subscriptions.list({ status: ["DELAYED", "OVERDUE", "NEW_STATUS"], plan: ["Gold", "Silver"] });
    // @ts-expect-error: transaction_status takes one value
    client.sales.history({ transaction_status: ["APPROVED", "COMPLETE"] });
  });

  it("are closed: unknown keys go through options.query, which is typed", () => {
    client.sales.history(
      {},
      { query: { brand_new_filter: "x", another: 1, flag: true, when: new Date(), many: ["a", "b"] } },
    );
    // @ts-expect-error: product_id is a number
    client.sales.history({ product_id: "1234567" });
    // @ts-expect-error: an object cannot be a query parameter
    client.sales.history({}, { query: { nested: { a: 1 } } });
    // @ts-expect-error: an unknown key is not forwarded silently
    client.sales.history({ brand_new_filter: "x" });
    client.sales.history({ select: "purchase.transaction", max_results: 100, page_token: "abc" });
  });

  it("write bodies are exact", () => {
    // @ts-expect-error: Hotmart calls boleto BILLET
    client.negotiation.create({ subscription_id: 1, recurrences: [1], payment_type: "BOLETO" });
    // @ts-expect-error: a coupon needs a discount
    client.coupons.create(1234567, "WELCOME10", {});
    client.coupons.create(1234567, "WELCOME10", {
      discount: 0.1,
      start_date: new Date(),
      offer_ids: [123456],
    });
    // @ts-expect-error: product_id is required on v2 pages
    client.club.pages("Ab3dE5gH7j", {});
  });
});

describe("results", () => {
  it("list methods return PagePromises of snake_case items", () => {
    expectTypeOf(client.sales.history).returns.toEqualTypeOf<PagePromise<SalesHistoryItem>>();
    expectTypeOf<SalesHistoryItem["purchase"]>().toHaveProperty("order_date").toEqualTypeOf<number>();
    expectTypeOf<SalesHistoryItem["purchase"]["price"]>().toEqualTypeOf<Money>();
    expectTypeOf<SalesHistoryItem["purchase"]["status"]>().toEqualTypeOf<PurchaseStatus>();
    expectTypeOf<SalesHistoryItem["buyer"]>().toEqualTypeOf<SalesHistoryBuyer | undefined>();
    expectTypeOf(client.sales.historyAutopaginate).returns.toEqualTypeOf<
      AsyncGenerator<SalesHistoryItem, void, undefined>
    >();
    // An optional parameter takes an explicit `undefined` too (exactOptionalPropertyTypes is about
    // properties, not parameters), so its tuple element says `| undefined`. TypeScript 7 tells the two
    // tuples apart and needs it; 5.9's identity check does not, and accepts this form as well.
    expectTypeOf(client.sales.historyAutopaginate).parameters.toEqualTypeOf<
      [params?: SalesHistoryParams | undefined, options?: import("hotmart").RequestOptions | undefined]
    >();
  });

  it("keep each endpoint's money shape", () => {
    expectTypeOf<CommissionMoney>().toEqualTypeOf<{ value: number; currency_value: string }>();
    expectTypeOf<
      SubscriptionsTransactionsItem["purchase"]["price"]
    >().toEqualTypeOf<SubscriptionsTransactionPrice>();
    expectTypeOf<SubscriptionsTransactionPrice>().toHaveProperty("currency").toEqualTypeOf<string>();
  });

  it("mark documented nulls and optionals", () => {
    expectTypeOf<SubscriptionsTransactionsItem["cancellation_date"]>().toEqualTypeOf<number | null>();
    expectTypeOf<SubscriptionResult["date_next_charge"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ClubLessonsResponse["lessons"][number]["completed_date"]>().toEqualTypeOf<
      number | undefined
    >();
  });

  it("type every non-paginated method", () => {
    expectTypeOf(client.sales.refund).returns.resolves.toBeVoid();
    expectTypeOf(client.subscriptions.changeDueDay).returns.resolves.toBeVoid();
    expectTypeOf(client.coupons.create).returns.resolves.toBeVoid();
    expectTypeOf(client.coupons.delete).returns.resolves.toBeVoid();
    expectTypeOf(client.subscriptions.purchases).returns.resolves.toEqualTypeOf<
      SubscriptionsPurchasesItem[]
    >();
    expectTypeOf(client.subscriptions.cancel).returns.resolves.toEqualTypeOf<SubscriptionsBulkResult>();
    expectTypeOf(client.subscriptions.cancelSingle).returns.resolves.toEqualTypeOf<SubscriptionResult>();
    expectTypeOf(client.events.get).returns.resolves.toEqualTypeOf<EventInfo>();
    expectTypeOf(client.negotiation.create).returns.resolves.toEqualTypeOf<NegotiationResult>();
    expectTypeOf(client.club.studentProgress).returns.resolves.toEqualTypeOf<ClubStudentProgress>();
  });
});

describe("closed params: a misspelled or camelCase key is a compile error on every method", () => {
  it("lists", () => {
    // @ts-expect-error: camelCase
    client.sales.history({ productId: 1 });
    // @ts-expect-error: misspelled
    client.sales.history({ transaction_stauts: "APPROVED" });
    // @ts-expect-error: camelCase
    client.sales.summary({ startDate: new Date() });
    // @ts-expect-error: camelCase
    client.sales.participants({ buyerEmail: "a@b.c" });
    // @ts-expect-error: camelCase
    client.sales.commissions({ commissionAs: "PRODUCER" });
    // @ts-expect-error: camelCase
    client.sales.priceDetails({ paymentType: "PIX" });
    // @ts-expect-error: camelCase
    client.sales.historyAutopaginate({ productId: 1 });
    // @ts-expect-error: camelCase
    client.subscriptions.list({ subscriberEmail: "a@b.c" });
    // @ts-expect-error: misspelled (Hotmart's spelling has one L)
    client.subscriptions.list({ cancellation_date: 0 });
    // @ts-expect-error: camelCase
    client.subscriptions.summary({ subscriberCode: "A" });
    // @ts-expect-error: camelCase
    client.subscriptions.transactions({ subscriberCode: "A" });
    // @ts-expect-error: camelCase
    client.subscriptions.transactionsAutopaginate({ subscriberCode: "A" });
    // @ts-expect-error: camelCase
    client.products.list({ maxResults: 10 });
    // @ts-expect-error: misspelled
    client.products.offers("u", { max_result: 10 });
    // @ts-expect-error: camelCase
    client.products.plans("u", { pageToken: "x" });
    // @ts-expect-error: misspelled
    client.coupons.list(1, { coupon_code: "X" });
    // @ts-expect-error: camelCase
    client.club.students("s", { maxResults: 1 });
    // @ts-expect-error: camelCase
    client.club.users("s", { maxResults: 1 });
    // @ts-expect-error: camelCase
    client.events.tickets(1, { buyerEmail: "a@b.c" });
  });

  it("single requests and writes", () => {
    // @ts-expect-error: camelCase
    client.subscriptions.cancel(["A"], { sendMail: true });
    // @ts-expect-error: camelCase
    client.subscriptions.cancelSingle("A", { sendMail: true });
    // @ts-expect-error: misspelled
    client.subscriptions.reactivate(["A"], { charged: true });
    // @ts-expect-error: misspelled
    client.subscriptions.reactivateSingle("A", { charged: true });
    // @ts-expect-error: camelCase
    client.coupons.create(1, "X", { discount: 0.1, startDate: new Date() });
    // @ts-expect-error: camelCase
    client.club.modules("s", { isExtra: true });
    // @ts-expect-error: camelCase
    client.club.pages("m", { productId: 1 });
    // @ts-expect-error: misspelled
    client.club.pagesV1("m", { sub_domain: "s" });
    // @ts-expect-error: camelCase
    client.club.studentProgress("s", { studentEmail: "a@b.c" });
    // @ts-expect-error: camelCase
    client.negotiation.create({ subscriptionId: 1, recurrences: [1], payment_type: "PIX" });
    // @ts-expect-error: camelCase
    client.access.check("a@b.c", { productId: 1 });
  });

  it("options", () => {
    // @ts-expect-error: not an option
    client.sales.refund("HP1", { maxRetry: 1 });
    // @ts-expect-error: a boolean is not options
    client.subscriptions.cancel(["A"], true);
    // @ts-expect-error: a string is not params
    client.subscriptions.transactions("B2HNQAXJ");
  });
});

describe("schema names are a type", () => {
  it("a wrong one cannot compile", () => {
    expectTypeOf<"SalesHistoryPage">().toExtend<SchemaName>();
    // @ts-expect-error: misspelled schema name
    expectTypeOf<"SalesHistoryPages">().toExtend<SchemaName>();
    defineList<{ q?: string }, unknown>({
      call: "x.list",
      path: "/x",
      // @ts-expect-error: misspelled schema name
      schema: "SalesHistoryPages",
      filters: { q: "value" },
    });
    defineList<{ q?: string; r?: number }, unknown>({
      call: "x.list",
      path: "/x",
      schema: "SalesHistoryPage",
      // @ts-expect-error: the filters must name every key of the params type
      filters: { q: "value" },
    });
  });
});

describe("every call's promise gives its raw response", () => {
  it("withResponse and asResponse, pages included", () => {
    expectTypeOf(client.sales.refund("HP1").withResponse()).resolves.toEqualTypeOf<WithResponse<void>>();
    expectTypeOf<WithResponse<number>>().toEqualTypeOf<{ data: number; response: Response }>();
    expectTypeOf(client.events.get(1).asResponse()).resolves.toEqualTypeOf<Response>();
    expectTypeOf(client.sales.history().withResponse()).resolves.toEqualTypeOf<
      WithResponse<Page<SalesHistoryItem>>
    >();
    expectTypeOf<Page<SalesHistoryItem>["rateLimit"]>().toEqualTypeOf<RateLimitInfo | undefined>();
    expectTypeOf<Hotmart["lastRateLimit"]>().toEqualTypeOf<RateLimitInfo | undefined>();
  });
});
