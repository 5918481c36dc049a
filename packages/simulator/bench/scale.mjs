// Scale check: a 100 000-sale simulator, its memory and the time of a few reads.
// Build first (npm run build -w hotmart-simulator), then:
//   node --expose-gc packages/simulator/bench/scale.mjs [sales]
import { startSimulator } from "../dist/index.js";

const sales = Number(process.argv[2] ?? 100_000);
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const gc = () => globalThis.gc?.();

const started = performance.now();
const sim = await startSimulator({ seed: 42, scale: { sales }, rateLimit: false });
const startupMs = performance.now() - started;

const tokenResponse = await fetch(`${sim.authURL}?grant_type=client_credentials`, {
  method: "POST",
  headers: { Authorization: `Basic ${sim.credentials.basic}` },
});
const { access_token: token } = await tokenResponse.json();

async function timed(path) {
  const t = performance.now();
  const response = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t, body };
}

async function measure(label, path) {
  const first = await timed(path);
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push((await timed(path)).ms);
  warm.sort((a, b) => a - b);
  const total = first.body.page_info?.total_results;
  rows.push({
    request: label,
    "first ms": first.ms.toFixed(1),
    "median warm ms": (warm[2] ?? 0).toFixed(1),
    items: first.body.items?.length ?? "",
    total_results: total ?? "",
  });
}

const rows = [];
const buyer = sim.data.sales.find((s) => s.status === "COMPLETE")?.buyer.email ?? "";
const product = sim.data.products.find((p) => p.listed && !p.isSubscription)?.id ?? 0;
await measure("history, first page (default filter)", "/payments/api/v1/sales/history");
await measure(
  "history, buyer_email filter",
  `/payments/api/v1/sales/history?buyer_email=${encodeURIComponent(buyer)}`,
);
await measure(
  "history, product_id + REFUNDED, 500 rows",
  `/payments/api/v1/sales/history?product_id=${product}&transaction_status=REFUNDED&max_results=500`,
);
// An export shard: a date range, found by binary search in the newest-first list (not a scan).
const newest = sim.data.sales[0]?.orderDate ?? Date.now();
await measure(
  "history, last 30 days (start_date/end_date), 500 rows",
  `/payments/api/v1/sales/history?start_date=${newest - 30 * 86_400_000}&end_date=${newest}&max_results=500`,
);
await measure("sales summary", "/payments/api/v1/sales/summary");
await measure("commissions, page 1 of 500", "/payments/api/v1/sales/commissions?max_results=500");
await measure(
  "subscription transactions (30 days)",
  "/payments/api/v1/subscriptions/transactions?max_results=500",
);

gc();
const memory = process.memoryUsage();
console.log(
  `hotmart-simulator scale check: ${sim.data.sales.length} sales, ${sim.data.subscriptions.length} subscriptions`,
);
console.log(`startup ${startupMs.toFixed(0)} ms`);
console.log(
  `memory after GC${globalThis.gc ? "" : " (run with --expose-gc for a settled figure)"}: rss ${mb(memory.rss)} MB, heap used ${mb(memory.heapUsed)} MB, peak rss ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
console.table(rows);
await sim.close();
