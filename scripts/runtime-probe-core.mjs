// The runtime smoke test: what the built SDK does against the simulator, as one JSON-able object, so
// runtimes can be compared. scripts/runtime-probe.mjs runs it under Node 20/22/24, Bun and Deno
// (scripts/runtime-smoke.mjs), and scripts/worker-smoke.mjs runs the same function inside workerd.
import { createWebhookHandler, Hotmart, NotFoundError } from "../packages/hotmart/dist/index.js";

/** `env(name)` reads a HOTMART_* variable (process.env, Deno.env, or a Worker's bindings). */
export async function probe(env) {
  const hotmart = new Hotmart({
    clientId: env("HOTMART_CLIENT_ID"),
    clientSecret: env("HOTMART_CLIENT_SECRET"),
    baseURL: env("HOTMART_BASE_URL"),
    authURL: env("HOTMART_AUTH_URL"),
  });

  const first = await hotmart.sales.history({ max_results: 5 });
  let count = 0;
  for await (const _ of hotmart.sales.history({ max_results: 100 })) count += 1;
  const notFound = await hotmart.subscriptions
    .purchases("NOSUCHCD")
    .catch((e) => e instanceof NotFoundError && e.status);

  // What the SDK loads on first use (the access decision, the export engine) loads in this runtime too.
  const buyer = first.items[0]?.buyer?.email;
  const access = buyer === undefined ? null : (await hotmart.access.check(buyer)).reason;
  let exported = 0;
  for await (const _ of hotmart.export.run("sales.history", { concurrency: 2 })) exported += 1;
  // So do the checks of the rare writes: both are refused before anything is sent.
  const refused = await Promise.all([
    hotmart.coupons.create(1234567, "WELCOME10", { discount: 10 }).catch((e) => e.name),
    hotmart.negotiation
      .create({ subscription_id: 1000001, recurrences: [], payment_type: "PIX" })
      .catch((e) => e.name),
  ]);

  const hottok = env("HOTMART_HOTTOK");
  const handled = [];
  const handler = createWebhookHandler({
    hottok,
    on: { PURCHASE_APPROVED: (event) => void handled.push(event.id) },
  });
  const event = {
    id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    creation_date: 1717200035000,
    event: "PURCHASE_APPROVED",
    version: "2.0.0",
    data: {
      product: { id: 1 },
      buyer: { email: "a@example.com" },
      purchase: { transaction: "HP1", status: "APPROVED" },
    },
  };
  const post = (token) =>
    handler(
      new Request("http://localhost/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-hotmart-hottok": token },
        body: JSON.stringify(event),
      }),
    ).then((r) => r.status);
  // The same JSON in UTF-16 behind its byte order mark: not UTF-8, so no JSON, 400 on every runtime.
  // (Bun's Blob.text(), which the handler once decoded with, read it as UTF-16 and answered 200.)
  const json = JSON.stringify({ ...event, id: "9b2c1d7e-5f3a-4e8b-9c1d-2a3b4c5d6e7f" });
  const utf16 = new Uint8Array(2 + 2 * json.length);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < json.length; i++) utf16[2 + 2 * i] = json.charCodeAt(i);
  const utf16Post = handler(
    new Request("http://localhost/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "x-hotmart-hottok": hottok },
      body: utf16,
    }),
  ).then((r) => r.status);
  const webhook = [await post(hottok), await post(`${hottok}x`), await post(hottok), await utf16Post];

  const result = {
    firstPage: first.items.map((s) => s.purchase.transaction),
    total: first.page_info.total_results,
    walked: count,
    notFound,
    access,
    exported,
    refused,
    webhook,
    handled,
    tokenRequests: hotmart.tokenRequests,
  };
  await hotmart.close();
  return result;
}
