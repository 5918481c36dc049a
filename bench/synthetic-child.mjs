// A lean stand-in for the sales history endpoint, for the memory benchmark: N sales one minute apart,
// generated on the fly (the simulator would hold a million faker records in memory). It honours what an
// export uses: start_date/end_date (inclusive), max_results (at most 500), page_token and total_results.
// With `resource: "subscriptions"` it is the subscriptions list instead: N subscriptions shaped as Hotmart
// documents them (docs/api-notes.md), one accession a minute, bound by accession_date/end_accession_date.
import { createServer } from "node:http";

const {
  sales: N = 1_000_000,
  subscriberCodes = false,
  resource = "sales",
} = JSON.parse(process.argv[2] ?? "{}");
const T0 = Date.UTC(2024, 0, 1);
const STEP = 60_000;

/**
 * Codes shaped like Hotmart's (docs/api-notes.md): a transaction is HP and 14
 * digits (some real ones 10), a user's ucode a UUID. Their length matters here: V8's JSON.parse interns
 * short string values (up to 10 characters on Node 20, 9 on Node 22 and 24) in the old generation, where
 * they stay until the next full collection. This file's first codes, `HP${i}` and `u-${i}` (8 characters),
 * were two such strings per record that no Hotmart sale carries, and they set the export's peak: 120-162 MB
 * against 105-130 MB with these (bench/export-memory.mjs, 2026-12-04).
 */
const transaction = (i) => `HP${String(i).padStart(14, "0")}`;
const ucode = (i) => `5e6f7a8b-0000-4000-8000-${String(i).padStart(12, "0")}`;
/** With `subscriberCodes`, each sale also carries a unique 8-character code, as a subscription does. */
const subscriberCode = (i) => i.toString(36).toUpperCase().padStart(8, "A");

/**
 * A subscription as the list sends it. Its `subscriber_code` is 8 upper-case characters, unique per buyer
 * and product: short enough for V8's JSON.parse to intern, so each record leaves one string in the old
 * generation until the next full collection.
 */
function subscription(i) {
  const date = T0 + i * STEP;
  return {
    subscriber_code: i.toString(36).toUpperCase().padStart(8, "0"),
    subscription_id: i,
    status: "ACTIVE",
    accession_date: date,
    request_date: date,
    date_next_charge: date + 30 * 86_400_000,
    trial: false,
    transaction: transaction(i),
    plan: { name: "Plano Mensal", id: 700_001 + (i % 3), recurrency_period: 30, max_charge_cycles: 12 },
    product: {
      id: 1_000_000 + (i % 17),
      name: "Clube de Bench",
      ucode: "9a8b7c6d-0000-4000-8000-00000000d004",
    },
    price: { value: 49.9, currency_code: "BRL" },
    subscriber: { name: `Assinante ${i}`, email: `subscriber${i}@example.com`, ucode: ucode(i) },
  };
}

const LIST =
  resource === "subscriptions"
    ? {
        path: "/payments/api/v1/subscriptions",
        from: "accession_date",
        to: "end_accession_date",
        item: subscription,
      }
    : { path: "/payments/api/v1/sales/history", from: "start_date", to: "end_date", item };

function item(i) {
  const date = T0 + i * STEP;
  return {
    product: { name: "Curso de Bench", id: 1_000_000 + (i % 17) },
    buyer: { name: `Comprador ${i}`, ucode: ucode(i), email: `buyer${i}@example.com` },
    producer: { name: "Produtora", ucode: "0a1b2c3d-0000-4000-8000-00000000b002" },
    purchase: {
      transaction: transaction(i),
      ...(subscriberCodes ? { subscriber_code: subscriberCode(i) } : {}),
      order_date: date,
      approved_date: date + 5000,
      status: "APPROVED",
      recurrency_number: 0,
      is_subscription: false,
      commission_as: "PRODUCER",
      price: { value: 97 + (i % 300), currency_code: "BRL" },
      payment: { method: "PIX", installments_number: 1, type: "PIX" },
      tracking: { source: "bench" },
      warranty_expire_date: date + 7 * 86_400_000,
      offer: { payment_mode: "UNIQUE_PAYMENT", code: "off1" },
      hotmart_fee: { total: 9.9, fixed: 1, currency_code: "BRL", base: 97, percentage: 9.9 },
    },
  };
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  res.setHeader("content-type", "application/json");
  // A quota no export reaches: a client with its default limiter (the CLI's) learns it from the first
  // response instead of pacing 2,000 pages at the assumed 500 a minute.
  res.setHeader("ratelimit-limit", "100000000");
  res.setHeader("ratelimit-remaining", "99999999");
  res.setHeader("ratelimit-reset", "60");
  if (url.pathname === "/security/oauth/token") {
    res.end(JSON.stringify({ access_token: "bench", token_type: "bearer", expires_in: 172799 }));
    return;
  }
  if (url.pathname !== LIST.path) {
    res.statusCode = 404;
    res.end(
      JSON.stringify({
        error: "not_found",
        error_description: `${url.pathname}: this server serves ${LIST.path}`,
      }),
    );
    return;
  }
  const q = url.searchParams;
  const from = Number(q.get(LIST.from) ?? T0);
  const to = Number(q.get(LIST.to) ?? T0 + N * STEP);
  const lo = Math.max(0, Math.ceil((from - T0) / STEP));
  const hi = Math.min(N - 1, Math.floor((to - T0) / STEP));
  const total = Math.max(0, hi - lo + 1);
  const rows = Math.min(500, Number(q.get("max_results") ?? 10));
  const offset = q.get("page_token") ? Number(Buffer.from(q.get("page_token"), "base64").toString()) : 0;
  const items = [];
  for (let k = offset; k < Math.min(total, offset + rows); k++) items.push(LIST.item(lo + k));
  const page_info = { total_results: total, results_per_page: items.length };
  if (offset + rows < total)
    page_info.next_page_token = Buffer.from(String(offset + rows)).toString("base64");
  res.end(JSON.stringify({ items, page_info }));
});
server.listen(0, "127.0.0.1", () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  process.send?.({
    type: "ready",
    url,
    authURL: `${url}/security/oauth/token`,
    credentials: { clientId: "bench", clientSecret: "bench-secret" },
    range: { from: T0, to: T0 + (N - 1) * STEP },
  });
});
process.on("message", (message) => {
  if (message === "close") server.close(() => process.exit(0));
});
