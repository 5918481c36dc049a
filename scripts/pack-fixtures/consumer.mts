// A TypeScript ESM consumer of the published declarations (compiled with module nodenext and with
// moduleResolution bundler). It only type-checks; nothing here runs.
import { APIError, type ClientOptions, Hotmart, HotmartError, HotmartInputError, PagePromise } from "hotmart";
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
