// `await using` on the client, as the README shows it: the declarations make Hotmart AsyncDisposable
// for TypeScript (5.2+) consumers. Type-checked only (scripts/typescript-consumers.mjs, node project).
import { Hotmart } from "hotmart";

export async function firstTransaction(): Promise<string | undefined> {
  await using hotmart = new Hotmart({ clientId: "id", clientSecret: "secret" });
  const page = await hotmart.sales.history({ max_results: 1 });
  return page.items[0]?.purchase.transaction;
}
