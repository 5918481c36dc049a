import type {
  ClubLessonsResponse,
  ClubStudentProgress,
  CommissionMoney,
  DateParam,
  EventInfo,
  Hotmart,
  Money,
  NegotiationResult,
  PagePromise,
  PaymentType,
  ProductFormat,
  PurchaseStatus,
  RecurrencyPeriod,
  SalesHistoryBuyer,
  SalesHistoryItem,
  SalesHistoryParams,
  SubscriptionResult,
  SubscriptionStatus,
  SubscriptionsBulkResult,
  SubscriptionsListParams,
  SubscriptionsPurchasesItem,
  SubscriptionsTransactionPrice,
  SubscriptionsTransactionsItem,
} from "hotmart";
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

  it("forward unknown keys but keep the types of known ones", () => {
    client.sales.history({
      brand_new_filter: "x",
      another: 1,
      flag: true,
      when: new Date(),
      many: ["a", "b"],
    });
    // @ts-expect-error: product_id is a number
    client.sales.history({ product_id: "1234567" });
    // @ts-expect-error: an object cannot be a query parameter
    client.sales.history({ nested: { a: 1 } });
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
    expectTypeOf(client.sales.historyAutopaginate).parameters.toEqualTypeOf<
      [params?: SalesHistoryParams, options?: import("hotmart").RequestOptions]
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
