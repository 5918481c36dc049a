/**
 * Hotmart webhooks on Cloudflare Workers.
 *
 *   npx wrangler secret put HOTMART_HOTTOK
 *   npx wrangler deploy examples/webhooks/cloudflare-worker.mjs --name hotmart-webhooks
 *
 * The SDK has no runtime dependencies and uses only web APIs, so it runs as is in a Worker.
 * Dedupe here is per isolate (in memory); for exactly-once across isolates, implement
 * `WebhookDedupeStore` over a Durable Object, D1 (a unique key) or KV.
 */
import { createWebhookHandler } from "hotmart";
import { sellerHandlers } from "./handlers.mjs";

let cached; // { hottok, handler }: one handler per isolate, rebuilt if the secret changes

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/webhooks/hotmart") return new Response("Not found", { status: 404 });
    const hottok = env.HOTMART_HOTTOK ?? ""; // "" (not undefined): Workers have no process.env to fall back to
    if (cached === undefined || cached.hottok !== hottok) {
      try {
        cached = { hottok, handler: createWebhookHandler({ hottok, ...sellerHandlers() }) };
      } catch (error) {
        // No hottok configured: refuse everything (fail closed), and say why in the Worker's logs.
        cached = undefined;
        console.error(String(error));
        return Response.json(
          { error: "not_configured", message: "HOTMART_HOTTOK is not set" },
          { status: 500 },
        );
      }
    }
    return cached.handler(request);
  },
};
