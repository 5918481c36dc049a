/**
 * Hotmart webhooks on Express (4 or 5).
 *
 *   HOTMART_HOTTOK=<your hottok> PORT=3000 node examples/webhooks/express.mjs
 *
 * then point Hotmart (Tools → Webhook, version 2.0.0) at https://<your host>/webhooks/hotmart.
 */
import { pathToFileURL } from "node:url";
import express from "express";
import { createNodeWebhookHandler } from "hotmart";
import { demoHottok, sellerHandlers } from "./handlers.mjs";

export function createApp({ hottok = process.env.HOTMART_HOTTOK, log = console.log, dedupe } = {}) {
  const app = express();
  // Your other routes may parse JSON: the webhook route works after express.json() too, because the
  // hottok is a header (or a body field), not a signature over the raw bytes.
  app.use(express.json());
  app.post(
    "/webhooks/hotmart",
    // Fails here, at startup, if the hottok is missing: never an endpoint that accepts anyone.
    createNodeWebhookHandler({ hottok, ...sellerHandlers(log), ...(dedupe ? { dedupe } : {}) }),
  );
  app.get("/health", (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  createApp({ hottok: demoHottok(port) }).listen(port, () => {
    console.log(`Express: Hotmart webhooks on http://localhost:${port}/webhooks/hotmart`);
  });
}
