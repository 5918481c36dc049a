// The tour behind `npm start`.
//
// With no credentials in the environment it starts the embedded Hotmart simulator and walks through the
// SDK: a first page, an auto-paginated count, a filtered query, a write and its effect, an access check,
// an error caught and explained. With HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET set, it reads (never writes) from the
// real Hotmart instead.
import { APIError, Hotmart, HotmartInputError } from "hotmart";

const real = Boolean(process.env.HOTMART_CLIENT_ID && process.env.HOTMART_CLIENT_SECRET);
const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });
const money = (m) =>
  m ? (m.currency_code === "BRL" ? brl.format(m.value) : `${m.currency_code} ${m.value}`) : "-";
const day = (ms) => (ms ? new Date(ms).toISOString().slice(0, 10) : "-");
const step = (n, title) => console.log(`\n\x1b[1m${n}. ${title}\x1b[0m`);

let sim;
let hotmart;
if (real) {
  hotmart = new Hotmart(); // credentials, sandbox and URLs from the environment
  console.log(
    `Reading from ${hotmart.baseURL} with your credentials (this tour never writes to a real account).`,
  );
} else {
  const { startSimulator } = await import("hotmart-simulator");
  sim = await startSimulator({ port: 0, seed: 42, scale: { sales: 2000 } });
  hotmart = new Hotmart({
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    baseURL: sim.url,
    authURL: sim.authURL,
  });
  console.log(`No HOTMART_CLIENT_ID/HOTMART_CLIENT_SECRET set: touring the embedded simulator at ${sim.url}`);
  console.log("(set them to run the read-only part of this tour against your real Hotmart account)");
}

try {
  step(1, "The first page of sales history");
  const page = await hotmart.sales.history({ max_results: 5 });
  console.table(
    page.items.map((s) => ({
      transaction: s.purchase.transaction,
      date: day(s.purchase.order_date),
      status: s.purchase.status,
      product: s.product.name.slice(0, 28),
      buyer: s.buyer?.name ?? "-",
      paid: money(s.purchase.price),
      via: s.purchase.payment?.type ?? "-",
    })),
  );
  console.log(
    `total_results: ${page.page_info.total_results ?? "not sent"}, more pages: ${page.hasNextPage()}`,
  );

  step(2, "Every approved or complete sale, every page, one for-await loop");
  let count = 0;
  let pages = 0;
  const revenue = new Map();
  for await (const p of hotmart.sales.history({ max_results: 250 }).pages()) {
    pages += 1;
    for (const sale of p.items) {
      count += 1;
      const { currency_code: cur = "?", value = 0 } = sale.purchase.price ?? {};
      revenue.set(cur, (revenue.get(cur) ?? 0) + value);
    }
    if (real && count >= 5000) break; // keep the tour short on a big real account
  }
  console.log(`${count} sales in ${pages} pages; gross by currency:`);
  for (const [cur, total] of revenue) console.log(`  ${cur} ${total.toFixed(2)}`);

  step(3, "A filtered query: subscriptions that are late (status DELAYED or OVERDUE)");
  const late = await hotmart.subscriptions
    .list({ status: ["DELAYED", "OVERDUE"], max_results: 50 })
    .toArray({ limit: 50 });
  console.table(
    late.slice(0, 5).map((s) => ({
      subscriber_code: s.subscriber_code,
      status: s.status,
      plan: s.plan?.name,
      next_charge: day(s.date_next_charge),
      email: s.subscriber?.email,
    })),
  );
  console.log(`${late.length} late subscriptions (first 50 at most)`);

  if (real) {
    step(4, "A write and its effect: skipped, this tour never writes to a real account");
  } else {
    step(4, "A write and its effect: refund an approved sale, then read it back");
    const sale = (await hotmart.sales.history({ transaction_status: "APPROVED", max_results: 1 })).items[0];
    const tx = sale.purchase.transaction;
    console.log(`before: ${tx} is ${sale.purchase.status}`);
    await hotmart.sales.refund(tx);
    const after = (await hotmart.sales.history({ transaction: tx })).items[0];
    console.log(`after:  ${tx} is ${after.purchase.status}`);
    const again = await hotmart.sales.refund(tx).catch((e) => e);
    if (again instanceof APIError) {
      console.log(
        `refunding it again: ${again.name} ${again.status} ${again.error ?? ""}: ${again.error_description ?? ""}`,
      );
    }
  }

  step(5, "Does this person have access? hotmart.access.check(email, { product_id })");
  // The simulator's clock is its own: judge at its "now" so its subscriptions read as they should.
  const now = sim ? { now: sim.clock.now() } : {};
  const who = [page.items[0], late[0] && { buyer: late[0].subscriber, product: late[0].product }].filter(
    (x) => x?.buyer?.email,
  );
  for (const { buyer, product } of who) {
    const answer = await hotmart.access.check(buyer.email, { product_id: product.id, ...now });
    console.log(
      `${buyer.email} → ${product.name.slice(0, 28)}: ${answer.access ? "access" : "no access"} ` +
        `(${answer.reason}: ${answer.explanation}; ${answer.calls} API call${answer.calls === 1 ? "" : "s"})`,
    );
  }

  step(6, "Errors, caught and explained");
  try {
    // The Python SDK took discount=10 for 10%. Hotmart wants a fraction; the SDK says so before sending.
    await hotmart.coupons.create(1234567, "BEMVINDO10", { discount: 10 });
  } catch (error) {
    if (error instanceof HotmartInputError) console.log(`${error.name} (nothing was sent): ${error.message}`);
    else throw error;
  }
  try {
    await hotmart.subscriptions.purchases("NOSUCHCD");
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    console.log(
      `${error.name}: status ${error.status}, error "${error.error}", "${error.error_description ?? ""}"`,
    );
  }

  console.log(
    `\nDone. Token requests made: ${hotmart.tokenRequests} (cached and reused for every call above).`,
  );
  if (sim) {
    const stats = sim.stats();
    const calls = Object.values(stats.requests).reduce(
      (n, byStatus) => n + Object.values(byStatus).reduce((a, b) => a + b, 0),
      0,
    );
    console.log(`The simulator answered ${calls} API calls and granted ${stats.tokenGrants} token(s).`);
  }
} finally {
  await hotmart.close();
  await sim?.close();
}
