// Quick start: the last year's approved sales, one page and then all of them.
//
//   HOTMART_CLIENT_ID=... HOTMART_CLIENT_SECRET=... node examples/quick-start.mjs
//
// (or point HOTMART_BASE_URL/HOTMART_AUTH_URL at `npx hotmart-simulator` and use the credentials it prints)
import { Hotmart } from "hotmart";

// `await using` is a syntax error on Node 20 and 22 (Node 24+, Bun, Deno and TypeScript have it): close() in a finally.
const hotmart = new Hotmart();
try {
  // Dates are epoch milliseconds at Hotmart; the SDK also accepts Date objects.
  const filters = {
    start_date: new Date(Date.now() - 365 * 24 * 3600 * 1000),
    transaction_status: "APPROVED",
  };

  const page = await hotmart.sales.history({ ...filters, max_results: 10 });
  console.log(`first page: ${page.items.length} sales of ${page.page_info.total_results ?? "?"}`);

  let total = 0;
  for await (const sale of hotmart.sales.history({ ...filters, max_results: 100 })) {
    total += sale.purchase.price?.currency_code === "BRL" ? sale.purchase.price.value : 0;
  }
  console.log(`approved in BRL over the last year: ${total.toFixed(2)}`);
} finally {
  await hotmart.close();
}
