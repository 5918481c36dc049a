/**
 * The response schemas by the names the resources pass to the pipeline (`schema: "SalesHistoryPage"`),
 * for `validate: "warn" | "strict"`. Each name is also the name of the public type of that body.
 */
import type { SchemaName } from "../core/types";
import type { SchemaRegistry, ValidationIssue } from "../internal/schema-check";
import {
  ClubLessonsResponseSchema,
  ClubModulesListSchema,
  ClubPagesListSchema,
  ClubPagesV1ListSchema,
  ClubStudentsPageSchema,
} from "./club";
import { EventInfoSchema, EventsTicketsPageSchema } from "./events";
import { NegotiationResultSchema } from "./negotiation";
import {
  CouponsListPageSchema,
  ProductsListPageSchema,
  ProductsOffersPageSchema,
  ProductsPlansPageSchema,
} from "./products";
import {
  SalesCommissionsPageSchema,
  SalesHistoryPageSchema,
  SalesParticipantsPageSchema,
  SalesPriceDetailsPageSchema,
  SalesSummaryPageSchema,
} from "./sales";
import {
  SubscriptionResultSchema,
  SubscriptionsBulkResultSchema,
  SubscriptionsListPageSchema,
  SubscriptionsPurchasesListSchema,
  SubscriptionsSummaryPageSchema,
  SubscriptionsTransactionsPageSchema,
} from "./subscriptions";

/**
 * Every response schema, by the name the resources use (also the name of the public type it infers).
 * Written out, rather than inferred, so the published declarations name each schema instead of repeating
 * it.
 */
export interface ResponseSchemas {
  /** The body of `sales.history`. */
  readonly SalesHistoryPage: typeof SalesHistoryPageSchema;
  /** The body of `sales.summary`. */
  readonly SalesSummaryPage: typeof SalesSummaryPageSchema;
  /** The body of `sales.participants`. */
  readonly SalesParticipantsPage: typeof SalesParticipantsPageSchema;
  /** The body of `sales.commissions`. */
  readonly SalesCommissionsPage: typeof SalesCommissionsPageSchema;
  /** The body of `sales.priceDetails`. */
  readonly SalesPriceDetailsPage: typeof SalesPriceDetailsPageSchema;
  /** The body of `subscriptions.list`. */
  readonly SubscriptionsListPage: typeof SubscriptionsListPageSchema;
  /** The body of `subscriptions.summary`. */
  readonly SubscriptionsSummaryPage: typeof SubscriptionsSummaryPageSchema;
  /** The body of `subscriptions.transactions`. */
  readonly SubscriptionsTransactionsPage: typeof SubscriptionsTransactionsPageSchema;
  /** The body of `products.list`. */
  readonly ProductsListPage: typeof ProductsListPageSchema;
  /** The body of `products.offers`. */
  readonly ProductsOffersPage: typeof ProductsOffersPageSchema;
  /** The body of `products.plans`. */
  readonly ProductsPlansPage: typeof ProductsPlansPageSchema;
  /** The body of `coupons.list`. */
  readonly CouponsListPage: typeof CouponsListPageSchema;
  /** The body of `club.students`. */
  readonly ClubStudentsPage: typeof ClubStudentsPageSchema;
  /** The body of `events.tickets`. */
  readonly EventsTicketsPage: typeof EventsTicketsPageSchema;
  /** The body of `subscriptions.purchases` (a bare array). */
  readonly SubscriptionsPurchasesList: typeof SubscriptionsPurchasesListSchema;
  /** The body of `club.modules` (a bare array). */
  readonly ClubModulesList: typeof ClubModulesListSchema;
  /** The body of `club.pages` (a bare array). */
  readonly ClubPagesList: typeof ClubPagesListSchema;
  /** The body of the deprecated `club.pagesV1` (a bare array). */
  readonly ClubPagesV1List: typeof ClubPagesV1ListSchema;
  /** The body of `subscriptions.cancelSingle` and `subscriptions.reactivateSingle`. */
  readonly SubscriptionResult: typeof SubscriptionResultSchema;
  /** The body of `subscriptions.cancel` and `subscriptions.reactivate`. */
  readonly SubscriptionsBulkResult: typeof SubscriptionsBulkResultSchema;
  /** The body of `club.lessons`. */
  readonly ClubLessonsResponse: typeof ClubLessonsResponseSchema;
  /** The body of `events.get`. */
  readonly EventInfo: typeof EventInfoSchema;
  /** The body of `negotiation.create`. */
  readonly NegotiationResult: typeof NegotiationResultSchema;
}

/** Every response schema, by name. */
export const responseSchemas: ResponseSchemas = {
  // Pages: { items, page_info }
  SalesHistoryPage: SalesHistoryPageSchema,
  SalesSummaryPage: SalesSummaryPageSchema,
  SalesParticipantsPage: SalesParticipantsPageSchema,
  SalesCommissionsPage: SalesCommissionsPageSchema,
  SalesPriceDetailsPage: SalesPriceDetailsPageSchema,
  SubscriptionsListPage: SubscriptionsListPageSchema,
  SubscriptionsSummaryPage: SubscriptionsSummaryPageSchema,
  SubscriptionsTransactionsPage: SubscriptionsTransactionsPageSchema,
  ProductsListPage: ProductsListPageSchema,
  ProductsOffersPage: ProductsOffersPageSchema,
  ProductsPlansPage: ProductsPlansPageSchema,
  CouponsListPage: CouponsListPageSchema,
  ClubStudentsPage: ClubStudentsPageSchema,
  EventsTicketsPage: EventsTicketsPageSchema,
  // Bare arrays
  SubscriptionsPurchasesList: SubscriptionsPurchasesListSchema,
  ClubModulesList: ClubModulesListSchema,
  ClubPagesList: ClubPagesListSchema,
  ClubPagesV1List: ClubPagesV1ListSchema,
  // Single objects
  SubscriptionResult: SubscriptionResultSchema,
  SubscriptionsBulkResult: SubscriptionsBulkResultSchema,
  ClubLessonsResponse: ClubLessonsResponseSchema,
  EventInfo: EventInfoSchema,
  NegotiationResult: NegotiationResultSchema,
};

/** The same names as the SDK's `SchemaName`: the two checks below fail to compile if they drift apart. */
export type ResponseSchemaName = keyof ResponseSchemas;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
// biome-ignore lint/correctness/noUnusedVariables: a compile-time check, nothing to use
type NamesAgree = Assert<Same<ResponseSchemaName, SchemaName>>;

/**
 * The type of `registry`: the response schemas by name, with the `check` the SDK calls when `validate` is on.
 */
export interface ResponseSchemaRegistry extends SchemaRegistry {
  /** The schemas by name. */
  readonly schemas: ResponseSchemas;
  /** Every name, in the order above. */
  names(): ResponseSchemaName[];
  /** True when `name` is the name of a response schema (narrows it to `ResponseSchemaName`). */
  has(name: string): name is ResponseSchemaName;
}

function has(name: string): name is ResponseSchemaName {
  return Object.hasOwn(responseSchemas, name);
}

/**
 * What the SDK loads when `validate` is on. `check(name, body)` answers undefined for an unknown name,
 * `[]` when the body matches, otherwise zod's issues as `{ path, message }` (path from the body's root,
 * e.g. `["items", 0, "purchase", "price"]`).
 */
export const registry: ResponseSchemaRegistry = {
  schemas: responseSchemas,
  names: () => Object.keys(responseSchemas) as ResponseSchemaName[],
  has,
  check(name: string, body: unknown): ValidationIssue[] | undefined {
    if (!has(name)) return undefined;
    const result = responseSchemas[name].safeParse(body);
    if (result.success) return [];
    return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  },
};
