import { parseArgs } from "node:util";
import type { SimulatorOptions } from "./simulator";

export const USAGE = `Usage: hotmart-simulator [options]

A local, stateful Hotmart API (sales, subscriptions, products, coupons, Club, events,
negotiation, OAuth, webhooks) with deterministic data.

Options:
  --port <n>                  Port to listen on (default 8787; 0 = any free port)
  --host <addr>               Address to bind (default 127.0.0.1)
  --seed <n>                  Data seed (default 42): same seed, same data
  --sales <n>                 Number of sales to generate (default 500)
  --rate-limit <n|off>        Calls per minute (default 500; "off" disables it)
  --token-ttl <seconds>       Access token lifetime (default 172799)
  --webhook <url>             POST webhook events to this URL (repeatable)
  --webhook-retry-delay <ms>  Wait between webhook re-sends (default 10000)
  --webhook-duplicates <rate> Chaos: re-send this share (0..1) of events after a 2xx
  --webhook-reorder <ms>      Chaos: hold each delivery a random 0..ms so events arrive out of order
  --latency <ms>              Extra latency on every API response (default 0)
  --now <date|ms>             Pin the simulated clock (2026-11-01T12:00:00Z: an ISO date, or a
                              date-time with Z or an offset, or epoch ms; default: the wall
                              clock). Same seed + same --now = the same data, on any machine
  --max-body-bytes <n>        Refuse larger request bodies with 413 (default 1048576)
  -h, --help                  Show this help
`;

export interface CliConfig {
  help: boolean;
  options: SimulatorOptions;
}

function integer(name: string, value: string | undefined, min = 0, max?: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || (max !== undefined && Number(value) > max))
    throw new Error(
      `--${name} must be an integer ${max === undefined ? `>= ${min}` : `from ${min} to ${max}`}, got "${value}"`,
    );
  return Number(value);
}

function rate(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !(n >= 0 && n <= 1))
    throw new Error(`--${name} must be a number between 0 and 1, got "${value}"`);
  return n;
}

/** Turns command-line arguments into simulator options; throws an Error with a readable message. */
export function parseCliArgs(argv: readonly string[]): CliConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      sales: { type: "string" },
      "rate-limit": { type: "string" },
      "token-ttl": { type: "string" },
      webhook: { type: "string", multiple: true },
      "webhook-retry-delay": { type: "string" },
      "webhook-duplicates": { type: "string" },
      "webhook-reorder": { type: "string" },
      latency: { type: "string" },
      now: { type: "string" },
      "max-body-bytes": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const options: SimulatorOptions = { port: integer("port", values.port, 0, 65535) ?? 8787 };
  if (values.host !== undefined) options.host = values.host;
  const seed = integer("seed", values.seed);
  if (seed !== undefined) options.seed = seed;
  const sales = integer("sales", values.sales);
  if (sales !== undefined) options.scale = { sales };
  const rateLimit = values["rate-limit"];
  if (rateLimit === "off" || rateLimit === "false") options.rateLimit = false;
  else {
    const limit = integer("rate-limit", rateLimit, 1);
    if (limit !== undefined) options.rateLimit = { limit };
  }
  const ttl = integer("token-ttl", values["token-ttl"], 1);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  if (values.webhook) {
    for (const url of values.webhook) {
      if (!URL.canParse(url)) throw new Error(`--webhook must be a URL, got "${url}"`);
    }
    options.webhooks = values.webhook.map((url) => ({ url }));
  }
  const retryDelay = integer("webhook-retry-delay", values["webhook-retry-delay"]);
  if (retryDelay !== undefined) options.webhookRetry = { delayMs: retryDelay };
  const duplicateRate = rate("webhook-duplicates", values["webhook-duplicates"]);
  const reorderWindowMs = integer("webhook-reorder", values["webhook-reorder"]);
  if (duplicateRate !== undefined || reorderWindowMs !== undefined) {
    options.webhookChaos = {
      ...(duplicateRate !== undefined ? { duplicateRate } : {}),
      ...(reorderWindowMs !== undefined ? { reorderWindowMs } : {}),
    };
  }
  const latency = integer("latency", values.latency);
  if (latency !== undefined) options.latencyMs = latency;
  if (values.now !== undefined) {
    options.now = parseNow(values.now);
  }
  const maxBody = integer("max-body-bytes", values["max-body-bytes"], 1);
  if (maxBody !== undefined) options.maxBodyBytes = maxBody;
  return { help: values.help ?? false, options };
}

/** `2026-11-01`: a day, read as its midnight UTC (as `Date.parse` reads it). */
const NOW_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO date-time: seconds and fractions optional, the zone (`Z` or an offset) read apart. */
const NOW_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `--now` as epoch ms. Only forms every machine reads alike: `Date.parse` alone read a date-time without
 * an offset (`2026-11-01T12:00`) in the machine's time zone, so the same seed and the same `--now` gave
 * other data in São Paulo than on a UTC server (the clock 3 h apart), and it rolled `2026-02-30` over to
 * 2 March and read `01/11/2026` as 11 January.
 */
function parseNow(text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const forms =
    "an ISO date (2026-11-01, midnight UTC), an ISO date-time with Z or an offset (2026-11-01T12:00:00Z, " +
    "2026-11-01T09:00:00-03:00) or epoch ms";
  const dayOnly = NOW_DAY.exec(t);
  const match = dayOnly ?? NOW_DATE_TIME.exec(t);
  if (!match) throw new Error(`--now must be ${forms}, got "${text}"`);
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "", zone] = match;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const exists = day.getUTCMonth() === Number(mo) - 1 && day.getUTCDate() === Number(d);
  if (!exists || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new Error(`--now "${text}" is not a date and time that exists: pass ${forms}`);
  }
  if (!dayOnly && zone === undefined) {
    throw new Error(
      `--now "${text}" has no time zone, so it would pin another instant on each machine: add Z for UTC ` +
        `(${t}Z) or an offset, such as Brasília's (${t}-03:00)`,
    );
  }
  const offset = zone === undefined || /^z$/i.test(zone) ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const now = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${fraction.slice(1, 4).padEnd(3, "0")}${offset}`);
  // An offset no zone has (+99:00, -03:75) reads as NaN, which the simulator refused as "option now must
  // be a finite number, got null", naming neither the flag nor what to pass.
  if (Number.isNaN(now)) throw new Error(`--now "${text}" has an offset no time zone has: pass ${forms}`);
  return now;
}

/** What the CLI prints when the simulator cannot start: the cause, and what to do about it. */
export function startFailureMessage(error: unknown, options: SimulatorOptions): string {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${options.host ?? "127.0.0.1"}:${options.port ?? 8787}`;
  if (code === "EADDRINUSE") {
    return `hotmart-simulator: ${where} is already in use (another simulator?). Stop it, choose a port with --port <n>, or use --port 0 for any free port.`;
  }
  if (code === "EACCES") {
    return `hotmart-simulator: no permission to listen on ${where}. Use a port above 1023, or --port 0 for any free port.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith("hotmart-simulator:") ? message : `hotmart-simulator: ${message}`;
}
