// A TypeScript ESM consumer of the published declarations (compiled with module nodenext and with
// moduleResolution bundler). It only type-checks; nothing here runs.
import {
  APIError,
  accessDecision,
  type ClientOptions,
  createWebhookHandler,
  Hotmart,
  HotmartError,
  HotmartInputError,
  PagePromise,
  purchaseKind,
  type WebhookHandler,
} from "hotmart";
import * as schemas from "hotmart/schemas";

interface SalesPage {
  items: { purchase: { transaction: string } }[];
}

const options: ClientOptions = {
  clientId: "id",
  clientSecret: "secret",
  rateLimit: { requestsPerMinute: 500 },
};
export const client: import("hotmart").Hotmart = new Hotmart(options);
export const sales: Promise<SalesPage> = client.request<SalesPage>("GET", "/payments/api/v1/sales/history", {
  max_results: 10,
});
export const schemaModule: typeof schemas = schemas;

export function describe(error: unknown): string {
  if (error instanceof APIError) return `${error.status} ${error.error ?? ""}`;
  if (error instanceof HotmartInputError) return error.message;
  return error instanceof HotmartError ? error.message : String(error);
}

export const isPagePromise = (value: unknown): boolean => value instanceof PagePromise;

// @ts-expect-error "FETCH" is not an HttpMethod: fails the check if the declarations degrade to `any`.
client.request("FETCH", "/payments/api/v1/sales/history");

// The typed API as an app uses it, through the published declarations (the type tests in the
// repository check the sources, not what the declaration bundler wrote): results, the event union.
export async function firstApproved(): Promise<string | undefined> {
  const page = await client.sales.history({ transaction_status: "APPROVED", start_date: new Date(0) });
  const value: number | undefined = page.items[0]?.purchase.price?.value;
  return value === undefined ? undefined : page.items[0]?.purchase.transaction;
}

export const webhook: WebhookHandler = createWebhookHandler({
  hottok: "hottok",
  on: {
    PURCHASE_APPROVED: (event) => {
      const transaction: string = event.data.purchase.transaction;
      return `${transaction} ${purchaseKind(event)} ${accessDecision(event).action}`;
    },
    // @ts-expect-error a SUBSCRIPTION_CANCELLATION has no purchase: fails if the event union degrades.
    SUBSCRIPTION_CANCELLATION: (event) => event.data.purchase.transaction,
  },
});

// @ts-expect-error transaction_status is an enum of strings, not a number.
client.sales.history({ transaction_status: 42 });
