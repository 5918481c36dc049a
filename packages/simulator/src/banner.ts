import type { Simulator } from "./simulator";

/** What `npx hotmart-simulator` prints once it listens: where it is, its credentials, the lines to paste. */
export function banner(sim: Simulator): string {
  const d = sim.data;
  const rows: [string, string][] = [
    ["API base URL", sim.url],
    ["Token URL", sim.authURL],
    ["Client ID", sim.credentials.clientId],
    ["Client secret", sim.credentials.clientSecret],
    ["Basic", sim.credentials.basic],
    ["Hottok", sim.hottok],
    ["Admin", `${sim.url}/__admin`],
  ];
  const chaos = sim.webhooks.chaos();
  if (chaos.duplicateRate > 0 || chaos.reorderWindowMs > 0) {
    rows.push([
      "Webhook chaos",
      `duplicates ${chaos.duplicateRate}, reorder window ${chaos.reorderWindowMs} ms`,
    ]);
  }
  const env = sim.env;
  return [
    `Hotmart simulator listening on ${sim.url} (seed ${sim.seed}: ${d.sales.length} sales, ${d.subscriptions.length} subscriptions, ${d.products.filter((p) => p.listed).length} products)`,
    "",
    ...rows.map(([k, v]) => `  ${k.padEnd(14)} ${v}`),
    "",
    // `export`: pasted as plain NAME=value lines they stay shell variables, and the program run next
    // fails with missing credentials.
    "Environment for the SDK (paste into your shell, or into .env without `export`):",
    "",
    `export HOTMART_BASE_URL=${env.HOTMART_BASE_URL}`,
    `export HOTMART_AUTH_URL=${env.HOTMART_AUTH_URL}`,
    `export HOTMART_CLIENT_ID=${env.HOTMART_CLIENT_ID}`,
    `export HOTMART_CLIENT_SECRET=${env.HOTMART_CLIENT_SECRET}`,
    // What `createWebhookHandler()` reads: without it, the app's webhook route refuses the deliveries
    // `--webhook` sends (and `hotmart webhooks trigger` sends no hottok).
    `export HOTMART_HOTTOK=${env.HOTMART_HOTTOK}`,
    "",
    "Press Ctrl-C to stop.",
  ].join("\n");
}
