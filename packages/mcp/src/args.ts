import { parseArgs } from "node:util";

export const USAGE = `Usage: hotmart-mcp [options]

Your Hotmart account as MCP tools for AI assistants. Reads by default; writes only with --allow-writes,
and even then each one is previewed and needs a one-time confirmation.

Credentials come from the environment, as the hotmart SDK reads them:
  HOTMART_CLIENT_ID, HOTMART_CLIENT_SECRET (HOTMART_BASIC, HOTMART_SANDBOX=true optional)

Options:
  --simulator             Serve the embedded Hotmart simulator (demo data, no credentials needed)
  --seed <n>              Simulator data seed (default 42)
  --allow-writes          Expose the write tools (refund, cancel, reactivate, due day, coupons, negotiation)
  --http                  Streamable HTTP instead of stdio
  --host <addr>           HTTP bind address (default 127.0.0.1); any other needs HOTMART_MCP_TOKEN
  --port <n>              HTTP port (default 3333; 0 = any free port)
  --allowed-origin <o>    Accept this Origin (browser clients), repeatable
  --allowed-host <h>      Accept this Host header (behind a proxy), repeatable
  -v, --version           Print the version
  -h, --help              Show this help

HTTP clients authenticate with "Authorization: Bearer $HOTMART_MCP_TOKEN" whenever that variable is set.
--http with --allow-writes needs it, on loopback too: export HOTMART_MCP_TOKEN=$(openssl rand -hex 32)
`;

export interface CliConfig {
  help: boolean;
  version: boolean;
  simulator: boolean;
  seed: number;
  allowWrites: boolean;
  http: boolean;
  host: string;
  port: number;
  allowedOrigins: string[];
  allowedHosts: string[];
}

function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new Error(`--${name} must be an integer from 0 to ${max}, got "${value}"`);
  return Number(value);
}

/** Command-line arguments as a config; throws an Error with a readable message on bad input. */
export function parseCliArgs(argv: readonly string[]): CliConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      simulator: { type: "boolean" },
      seed: { type: "string" },
      "allow-writes": { type: "boolean" },
      http: { type: "boolean" },
      host: { type: "string" },
      port: { type: "string" },
      "allowed-origin": { type: "string", multiple: true },
      "allowed-host": { type: "string", multiple: true },
      version: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    },
  });
  const http = values.http ?? false;
  // A flag of a mode not asked for would be ignored without a word: `--seed 7` on real credentials, or
  // `--allowed-origin` on stdio, reads as set and is not.
  const httpOnly = ["host", "port", "allowed-origin", "allowed-host"] as const;
  const stray = httpOnly.filter((name) => values[name] !== undefined);
  if (!http && stray.length > 0) {
    const flags = stray.map((name) => `--${name}`).join(" and ");
    throw new Error(`${flags} ${stray.length > 1 ? "apply" : "applies"} to --http only: add --http`);
  }
  if (!values.simulator && values.seed !== undefined) {
    throw new Error("--seed applies to --simulator only: add --simulator, or leave --seed out");
  }
  return {
    help: values.help ?? false,
    version: values.version ?? false,
    simulator: values.simulator ?? false,
    seed: integer("seed", values.seed, 42),
    allowWrites: values["allow-writes"] ?? false,
    http,
    host: values.host ?? "127.0.0.1",
    port: integer("port", values.port, 3333, 65535),
    allowedOrigins: values["allowed-origin"] ?? [],
    allowedHosts: values["allowed-host"] ?? [],
  };
}
