/**
 * The response schemas by the names the resources pass to the pipeline (`schema: "SalesHistoryPage"`),
 * for `validate: "warn" | "strict"`. Each name is also the name of the public type of that body.
 */
import type { SchemaName } from "../core/types";
import type { SchemaRegistry, ValidationIssue } from "../internal/validate";
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
  readonly SalesHistoryPage: typeof SalesHistoryPageSchema;
  readonly SalesSummaryPage: typeof SalesSummaryPageSchema;
  readonly SalesParticipantsPage: typeof SalesParticipantsPageSchema;
  readonly SalesCommissionsPage: typeof SalesCommissionsPageSchema;
  readonly SalesPriceDetailsPage: typeof SalesPriceDetailsPageSchema;
  readonly SubscriptionsListPage: typeof SubscriptionsListPageSchema;
  readonly SubscriptionsSummaryPage: typeof SubscriptionsSummaryPageSchema;
  readonly SubscriptionsTransactionsPage: typeof SubscriptionsTransactionsPageSchema;
  readonly ProductsListPage: typeof ProductsListPageSchema;
  readonly ProductsOffersPage: typeof ProductsOffersPageSchema;
  readonly ProductsPlansPage: typeof ProductsPlansPageSchema;
  readonly CouponsListPage: typeof CouponsListPageSchema;
  readonly ClubStudentsPage: typeof ClubStudentsPageSchema;
  readonly EventsTicketsPage: typeof EventsTicketsPageSchema;
  readonly SubscriptionsPurchasesList: typeof SubscriptionsPurchasesListSchema;
  readonly ClubModulesList: typeof ClubModulesListSchema;
  readonly ClubPagesList: typeof ClubPagesListSchema;
  readonly ClubPagesV1List: typeof ClubPagesV1ListSchema;
  readonly SubscriptionResult: typeof SubscriptionResultSchema;
  readonly SubscriptionsBulkResult: typeof SubscriptionsBulkResultSchema;
  readonly ClubLessonsResponse: typeof ClubLessonsResponseSchema;
  readonly EventInfo: typeof EventInfoSchema;
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

export interface ResponseSchemaRegistry extends SchemaRegistry {
  /** The schemas by name. */
  readonly schemas: ResponseSchemas;
  /** Every name, in the order above. */
  names(): ResponseSchemaName[];
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
