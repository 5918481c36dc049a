/**
 * Your business logic: what to do with each Hotmart event. Shared by the four server examples
 * (Express, Hono, Next.js, Cloudflare Workers); each just mounts it on its framework.
 *
 * Here it only prints the decision. In a real system, grant or revoke access in your database, keyed on
 * `event.data.purchase.transaction` (purchases) or the subscriber code (subscriptions), and never let
 * a stored status regress: Hotmart re-sends and reorders deliveries.
 */
import { accessDecision, paymentKind, purchaseKind, webhookSubscriberCode } from "hotmart";

/** `on` / `onUnhandled` options for `createWebhookHandler`, logging through `log`. */
export function sellerHandlers(log = console.log) {
  const decide = (event) => {
    const decision = accessDecision(event);
    const until = decision.until === undefined ? "" : ` until ${new Date(decision.until).toISOString()}`;
    const who = event.data.buyer?.email ?? webhookSubscriberCode(event) ?? "?";
    log(`[hotmart] ${event.event} ${event.id} (${who}): ${decision.action}${until}. ${decision.reason}`);
  };
  return {
    on: {
      PURCHASE_APPROVED: (event) => {
        log(
          `[hotmart] ${purchaseKind(event)} paid by ${paymentKind(event)}: ${event.data.purchase.transaction}`,
        );
        decide(event);
      },
      PURCHASE_COMPLETE: decide,
      PURCHASE_REFUNDED: decide,
      PURCHASE_CHARGEBACK: decide,
      PURCHASE_CANCELED: decide,
      PURCHASE_EXPIRED: decide,
      PURCHASE_DELAYED: decide,
      SUBSCRIPTION_CANCELLATION: decide,
      SWITCH_PLAN: decide,
    },
    // Everything else (cart abandonment, Club progress, ...) is acknowledged with 200 so Hotmart stops re-sending.
    onUnhandled: (payload) => log(`[hotmart] ignored ${payload.event ?? "legacy postback"}`),
  };
}

/** For `node examples/webhooks/<server>.mjs` without HOTMART_HOTTOK: a one-off secret, printed with a curl to try. */
export function demoHottok(port) {
  const configured = process.env.HOTMART_HOTTOK;
  if (configured) return configured;
  const hottok = `demo-${crypto.randomUUID()}`;
  console.log(`HOTMART_HOTTOK is not set: using a one-off hottok for this run. Try:
  curl -i -X POST http://localhost:${port}/webhooks/hotmart \\
    -H 'content-type: application/json' -H 'x-hotmart-hottok: ${hottok}' \\
    -d '{"id":"demo-1","creation_date":${Date.now()},"event":"PURCHASE_APPROVED","version":"2.0.0","data":{"buyer":{"email":"demo@example.com"},"purchase":{"transaction":"HP0000000001","status":"APPROVED","payment":{"type":"PIX"}}}}'`);
  return hottok;
}
