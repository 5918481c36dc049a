// Exports the sales history to CSV, streaming page by page (constant memory at any volume).
//
//   node examples/export-sales-csv.mjs [out.csv] [STATUS]
//
// Credentials and URLs come from the environment (HOTMART_CLIENT_ID, HOTMART_CLIENT_SECRET, ...).

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { stringify } from "csv-stringify";
import { Hotmart } from "hotmart";

const [out = "sales.csv", status] = process.argv.slice(2);
// `await using` is a syntax error on Node 20 and 22 (Node 24+, Bun, Deno and TypeScript have it): close() in a finally.
const hotmart = new Hotmart();
try {
  const columns = [
    "transaction",
    "status",
    "order_date",
    "approved_date",
    "product_id",
    "product",
    "buyer_email",
    "buyer_name",
    "payment_type",
    "installments",
    "currency",
    "value",
    "hotmart_fee",
  ];
  const csv = stringify({ header: true, columns });
  const file = createWriteStream(out);
  csv.pipe(file);

  let rows = 0;
  for await (const sale of hotmart.sales.history({
    max_results: 500,
    ...(status ? { transaction_status: status } : {}),
  })) {
    const p = sale.purchase;
    const ok = csv.write([
      p.transaction,
      p.status,
      p.order_date ? new Date(p.order_date).toISOString() : "",
      p.approved_date ? new Date(p.approved_date).toISOString() : "",
      sale.product.id,
      sale.product.name,
      sale.buyer?.email ?? "",
      sale.buyer?.name ?? "",
      p.payment?.type ?? "",
      p.payment?.installments_number ?? "",
      p.price?.currency_code ?? "",
      p.price?.value ?? "",
      p.hotmart_fee?.total ?? "",
    ]);
    rows += 1;
    if (!ok) await once(csv, "drain"); // backpressure: never buffer the whole export
  }
  csv.end();
  await once(file, "finish");
  console.log(`${rows} sales written to ${out}`);
} finally {
  await hotmart.close();
}
