/**
 * Hotmart webhooks on Hono. The same app runs on Node (below), Bun, Deno and Cloudflare Workers: the
 * handler takes the web-standard Request Hono exposes as `c.req.raw`.
 *
 *   HOTMART_HOTTOK=<your hottok> PORT=3000 node examples/webhooks/hono.mjs
 */
import { pathToFileURL } from "node:url";
import { Hono } from "hono";
import { createWebhookHandler } from "hotmart";
import { demoHottok, sellerHandlers } from "./handlers.mjs";

export function createApp({ hottok = process.env.HOTMART_HOTTOK, log = console.log } = {}) {
  const hotmart = createWebhookHandler({ hottok, ...sellerHandlers(log) });
  const app = new Hono();
  app.post("/webhooks/hotmart", (c) => hotmart(c.req.raw));
  app.get("/health", (c) => c.json({ ok: true }));
  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { serve } = await import("@hono/node-server");
  const port = Number(process.env.PORT ?? 3000);
  serve({ fetch: createApp({ hottok: demoHottok(port) }).fetch, port }, () => {
    console.log(`Hono: Hotmart webhooks on http://localhost:${port}/webhooks/hotmart`);
  });
}
