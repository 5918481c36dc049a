// A TypeScript CommonJS consumer of the published declarations (module nodenext, .cts → require).
import type { ClientOptions } from "hotmart";

import sdk = require("hotmart");
import schemas = require("hotmart/schemas");

const options: ClientOptions = { clientId: "id", clientSecret: "secret", rateLimit: false };
export const client: import("hotmart").Hotmart = new sdk.Hotmart(options);
export const total: Promise<number> = client
  .request<{ page_info: { total_results: number } }>("GET", "/payments/api/v1/sales/history")
  .then((page) => page.page_info.total_results);
export const schemaModule: typeof schemas = schemas;

export function status(error: unknown): number | undefined {
  return error instanceof sdk.APIError ? error.status : undefined;
}

// @ts-expect-error clientId must be a string: fails the check if the declarations degrade to `any`.
new sdk.Hotmart({ clientId: 42 });
