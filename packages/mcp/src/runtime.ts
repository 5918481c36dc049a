import { Console } from "node:console";
import { Hotmart } from "hotmart";
import type { Simulator } from "hotmart-simulator";
import { registerSecret } from "./redact";

/**
 * Budget per Hotmart call, waits for retries included. An assistant waits on every tool call, and MCP clients
 * give up after about a minute: a 429 asking for a longer wait is reported (with its retry time) instead.
 */
export const CALL_BUDGET_MS = 25_000;

/**
 * The SDK's log (HOTMART_LOG) goes to stderr, every level: its default sink is `console`, whose info and
 * debug write to stdout, which on stdio is the protocol's, and a client cannot parse "[hotmart] → GET".
 */
const stderrLogger = new Console({ stdout: process.stderr, stderr: process.stderr });

export interface Backend {
  client: Hotmart;
  /** The clock the data lives in: the simulator's when simulated, else the wall clock. */
  now: () => number;
  simulator?: Simulator;
  close(): Promise<void>;
}

/** Whether the environment carries Hotmart credentials (the SDK reads the same variables). */
export function hasCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.HOTMART_CLIENT_ID && env.HOTMART_CLIENT_SECRET);
}

/** The one SDK client of this process: against Hotmart from the environment, or the embedded simulator. */
export async function openBackend(options: { simulator: boolean; seed?: number }): Promise<Backend> {
  if (options.simulator) {
    // Loaded here, not at start-up: a server against Hotmart itself (every assistant's launch) has no
    // use for the simulator and its fake-data library (0.59 to 0.52 CPU-s for the server's start here).
    const { startSimulator } = await import("hotmart-simulator");
    const simulator = await startSimulator({ port: 0, seed: options.seed ?? 42 });
    const client = new Hotmart({
      clientId: simulator.credentials.clientId,
      clientSecret: simulator.credentials.clientSecret,
      baseURL: simulator.url,
      authURL: simulator.authURL,
      totalTimeout: CALL_BUDGET_MS,
      logger: stderrLogger,
    });
    return {
      client,
      now: () => simulator.clock.now(),
      simulator,
      close: async () => {
        await client.close();
        await simulator.close();
      },
    };
  }
  if (!hasCredentials()) {
    throw new Error(
      "No Hotmart credentials: set HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET (Hotmart → Tools → Developer Credentials), or run with --simulator to try it on demo data",
    );
  }
  registerSecret(process.env.HOTMART_CLIENT_SECRET);
  registerSecret(process.env.HOTMART_BASIC);
  const client = new Hotmart({ totalTimeout: CALL_BUDGET_MS, logger: stderrLogger });
  return { client, now: Date.now, close: () => client.close() };
}
