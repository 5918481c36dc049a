/**
 * Hotmart webhooks as a Next.js route handler: save as `app/api/hotmart/route.js` (with handlers.mjs
 * beside it) and set HOTMART_HOTTOK in the environment. Hotmart posts to https://<your host>/api/hotmart.
 *
 * The handler only uses web standards, so `runtime = "edge"` works too.
 */
import { createWebhookHandler } from "hotmart";
import { sellerHandlers } from "./handlers.mjs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Created on the first request, not at import: `next build` imports route modules without the runtime
// environment. With several instances (serverless), pass a shared `dedupe` store (Redis, a SQL table).
let handler;

export async function POST(request) {
  handler ??= createWebhookHandler({ hottok: process.env.HOTMART_HOTTOK, ...sellerHandlers() });
  return handler(request);
}
