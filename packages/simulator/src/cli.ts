import { parseCliArgs, startFailureMessage, USAGE } from "./cli-args";
import { type Simulator, startSimulator } from "./simulator";

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
    "Environment for the SDK (paste into your shell or .env):",
    "",
    `HOTMART_BASE_URL=${env.HOTMART_BASE_URL}`,
    `HOTMART_AUTH_URL=${env.HOTMART_AUTH_URL}`,
    `HOTMART_CLIENT_ID=${env.HOTMART_CLIENT_ID}`,
    `HOTMART_CLIENT_SECRET=${env.HOTMART_CLIENT_SECRET}`,
    "",
    "Press Ctrl-C to stop.",
  ].join("\n");
}

async function main(): Promise<void> {
  let config: ReturnType<typeof parseCliArgs>;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  let sim: Simulator;
  try {
    sim = await startSimulator(config.options);
  } catch (error) {
    process.stderr.write(`${startFailureMessage(error, config.options)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${banner(sim)}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: closing the simulator...\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`hotmart-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
