import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { type ClientOptions, Hotmart } from "hotmart";
import { CliError, EXIT, usageError } from "./exit";

/** Options every command inherits from the root program. */
export interface GlobalOptions {
  clientId?: string;
  clientSecret?: string;
  basic?: string;
  sandbox?: boolean;
  baseUrl?: string;
  authUrl?: string;
  /** A path, or false after --no-dotenv. */
  dotenv?: string | false;
  json?: boolean;
  yes?: boolean;
  /** Seconds, as typed: --total-timeout. */
  totalTimeout?: string;
}

/** The longest a timer can wait, in whole seconds: the SDK refuses a totalTimeout past 2147483647 ms. */
const MAX_TIMEOUT_S = 2_147_483;

/**
 * `--total-timeout SECONDS`: how long one call may take, its retries and its waits for the rate limiter
 * included (the SDK's `totalTimeout`, 180 s by default). Undefined when not given.
 */
export function totalTimeoutMs(opts: GlobalOptions): number | undefined {
  const text = opts.totalTimeout?.trim();
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (text === "" || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_S) {
    throw usageError(
      `--total-timeout: "${opts.totalTimeout}" is not a number of seconds from 0.001 to ${MAX_TIMEOUT_S} (default 180)`,
    );
  }
  return Math.max(1, Math.round(seconds * 1000));
}

export type Env = Record<string, string | undefined>;

/**
 * Loads `.env` (or --dotenv FILE) into `env` without overriding what is already set: the shell wins over
 * the file, and flags win over both. Node's own loader where the runtime has one.
 */
export function loadEnvFile(file: string | false | undefined, env: Env = process.env): string | undefined {
  loadedEnvFile = undefined;
  if (file === false) return undefined;
  const path = resolve(file ?? ".env");
  if (!existsSync(path)) {
    if (file !== undefined) throw new CliError(`--dotenv ${file}: no such file`, EXIT.USAGE);
    return undefined;
  }
  const nodeLoads = env === process.env && typeof process.loadEnvFile === "function";
  if (file !== undefined) {
    // Compared as the loader below will read the file: Node's reader takes `"v"  # note` as v, where
    // ours kept the quotes and the comment, and refused the shell's own account as another.
    const text = readFileSync(path, "utf8");
    const entries =
      nodeLoads && typeof parseEnv === "function" ? Object.entries(parseEnv(text)) : parseDotenv(text);
    refuseOtherAccount(file, entries, env);
  }
  if (nodeLoads) process.loadEnvFile(path);
  else for (const [key, value] of parseDotenv(readFileSync(path, "utf8"))) env[key] ??= value;
  loadedEnvFile = path;
  return path;
}

/** What names the account a command runs against, and where its requests go. */
const ACCOUNT_KEYS = [
  "HOTMART_CLIENT_ID",
  "HOTMART_CLIENT_SECRET",
  "HOTMART_BASIC",
  "HOTMART_SANDBOX",
  "HOTMART_BASE_URL",
  "HOTMART_AUTH_URL",
];

/**
 * `--dotenv tenant-b.env` names an account's file on purpose; the shell's values still win over it, so
 * with another account's HOTMART_CLIENT_ID exported a command (a cancel, a refund) ran against that
 * account without a word. Refused instead, before any request.
 */
function refuseOtherAccount(file: string, entries: [string, string | undefined][], env: Env): void {
  for (const [key, value] of entries) {
    const current = env[key];
    if (!ACCOUNT_KEYS.includes(key) || !current || value === undefined || current === value) continue;
    // HOTMART_SANDBOX=1 in the shell and true in the file name the same environment.
    if (key === "HOTMART_SANDBOX" && sameBoolean(current, value)) continue;
    throw new CliError(
      `--dotenv ${file} sets ${key}, but the environment already holds another ${key}, which would win: the command would run on the environment's account. Unset it (unset ${key}) to use the file's, or leave out --dotenv`,
      EXIT.USAGE,
    );
  }
}

/** True when both are booleans parseBoolean reads alike; a bad one is reported where it is used. */
function sameBoolean(a: string, b: string): boolean {
  const read = (v: string) => (/^(1|true|yes|on)$/i.test(v) ? 1 : /^(0|false|no|off)$/i.test(v) ? 0 : -1);
  return read(a) !== -1 && read(a) === read(b);
}

/** The file the last loadEnvFile read, for `doctor`. */
export let loadedEnvFile: string | undefined;

/** A small dotenv reader for runtimes without process.loadEnvFile: KEY=value, quotes, comments, export. */
export function parseDotenv(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match?.[1]) continue;
    let value = match[2] ?? "";
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n");
    } else {
      value = value.replace(/\s+#.*$/, "");
    }
    out.push([match[1], value]);
  }
  return out;
}

export interface ResolvedConfig {
  clientId: string | undefined;
  clientSecret: string | undefined;
  basic: string | undefined;
  sandbox: boolean;
  baseURL: string | undefined;
  authURL: string | undefined;
  /** Where each value came from, for `doctor` (never the value of a secret). */
  sources: Record<
    "clientId" | "clientSecret" | "basic" | "sandbox" | "baseURL" | "authURL",
    "flag" | "env" | "unset"
  >;
}

function pick(
  flag: string | undefined,
  envValue: string | undefined,
): [string | undefined, "flag" | "env" | "unset"] {
  if (flag !== undefined && flag !== "") return [flag, "flag"];
  if (envValue !== undefined && envValue !== "") return [envValue, "env"];
  return [undefined, "unset"];
}

export function parseBoolean(name: string, value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new CliError(`${name} must be true or false (got ${JSON.stringify(value)})`, EXIT.USAGE);
}

/** Flags first, then the environment (which already holds .env). */
export function resolveConfig(opts: GlobalOptions, env: Env = process.env): ResolvedConfig {
  const [clientId, sId] = pick(opts.clientId, env.HOTMART_CLIENT_ID);
  const [clientSecret, sSecret] = pick(opts.clientSecret, env.HOTMART_CLIENT_SECRET);
  // HOTMART_BASIC is the Basic value of the environment's credential: with --client-id or --client-secret
  // (another account than the environment's) it was sent too, another account's secret to the token URL.
  const [basic, sBasic] = pick(
    opts.basic,
    sId === "flag" || sSecret === "flag" ? undefined : env.HOTMART_BASIC,
  );
  const [baseURL, sBase] = pick(opts.baseUrl, env.HOTMART_BASE_URL);
  const [authURL, sAuth] = pick(opts.authUrl, env.HOTMART_AUTH_URL);
  let sandbox = false;
  let sSandbox: "flag" | "env" | "unset" = "unset";
  if (opts.sandbox !== undefined) {
    sandbox = opts.sandbox;
    sSandbox = "flag";
  } else if (env.HOTMART_SANDBOX !== undefined && env.HOTMART_SANDBOX !== "") {
    sandbox = parseBoolean("HOTMART_SANDBOX", env.HOTMART_SANDBOX);
    sSandbox = "env";
  }
  return {
    clientId,
    clientSecret,
    basic,
    sandbox,
    baseURL,
    authURL,
    sources: {
      clientId: sId,
      clientSecret: sSecret,
      basic: sBasic,
      sandbox: sSandbox,
      baseURL: sBase,
      authURL: sAuth,
    },
  };
}

export const hasCredentials = (c: ResolvedConfig) => c.clientId !== undefined && c.clientSecret !== undefined;

export function clientOptions(config: ResolvedConfig, extra: ClientOptions = {}): ClientOptions {
  const options: ClientOptions = { ...extra, sandbox: config.sandbox };
  if (config.clientId !== undefined) options.clientId = config.clientId;
  if (config.clientSecret !== undefined) options.clientSecret = config.clientSecret;
  if (config.basic !== undefined) options.basic = config.basic;
  if (config.baseURL !== undefined) options.baseURL = config.baseURL;
  if (config.authURL !== undefined) options.authURL = config.authURL;
  return options;
}

/**
 * Which credentials are missing, and why the embedded simulator does not answer instead: the SDK's own
 * message would name its constructor's options, and the README promises exit code 3 for this.
 */
export function missingCredentials(config: ResolvedConfig): string {
  const missing = [
    config.clientId === undefined ? ["HOTMART_CLIENT_ID", "--client-id"] : undefined,
    config.clientSecret === undefined ? ["HOTMART_CLIENT_SECRET", "--client-secret"] : undefined,
  ].filter((pair) => pair !== undefined);
  const names = missing.map(([name]) => name).join(" and ");
  const flags = missing.map(([, flag]) => flag).join(" and ");
  const where = `${missing.length > 1 ? "are" : "is"} not set: set ${missing.length > 1 ? "them" : "it"} in the environment or .env, or pass ${flags}`;
  const from = (source: "flag" | "env" | "unset", flag: string, env: string) =>
    source === "flag" ? flag : env;
  let why = "";
  if (config.baseURL !== undefined) {
    why = ` (${from(config.sources.baseURL, "--base-url", "HOTMART_BASE_URL")} is set, so the embedded simulator does not answer: use the credentials of the API at ${config.baseURL}; \`hotmart simulator\` prints its own)`;
  } else if (config.sandbox) {
    why = ` (${from(config.sources.sandbox, "--sandbox", "HOTMART_SANDBOX")} is set: use your sandbox credentials, Hotmart > Tools > Developer credentials)`;
  }
  return `Credentials missing: ${names} ${where}${why}`;
}

/**
 * A write with no credentials would go to the embedded simulator's sample data. On a terminal the
 * notice on stderr is read; from a script or a cron job whose environment lost its credentials, the
 * write would "succeed" (exit 0) and nothing would have changed at Hotmart: refused there, exit 3.
 */
export function refuseSampleWrite(opts: GlobalOptions, interactive: boolean): void {
  const config = resolveConfig(opts);
  if (interactive || hasCredentials(config)) return;
  const partial = config.clientId !== undefined || config.clientSecret !== undefined;
  // With a base URL, the sandbox or half the credentials, openSession says what is missing.
  if (config.baseURL !== undefined || config.sandbox || partial) return;
  throw new CliError(
    "Credentials missing: HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET are not set, so this write would go to the embedded simulator's sample data, not your Hotmart account; outside a terminal that is refused. Set them in the environment or .env (or pass --client-id and --client-secret); to try writes on sample data, run `hotmart simulator` and export the lines it prints",
    EXIT.AUTH,
  );
}

/** The client a command uses, and what to close when it is done. */
export interface Session {
  client: Hotmart;
  close(): Promise<void>;
}

/**
 * A client from the configuration. With no credentials and no base URL, the embedded simulator (sample
 * data) answers instead, as the design promises for a first try; stderr says so.
 */
export async function openSession(
  opts: GlobalOptions,
  extra: ClientOptions = {},
  notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<Session> {
  const config = resolveConfig(opts);
  const totalTimeout = totalTimeoutMs(opts);
  if (totalTimeout !== undefined) extra = { ...extra, totalTimeout };
  if (!hasCredentials(config)) {
    const partial = config.clientId !== undefined || config.clientSecret !== undefined;
    if (config.baseURL !== undefined || config.sandbox || partial)
      throw new CliError(missingCredentials(config), EXIT.AUTH);
    const { startSimulator } = await import("hotmart-simulator");
    const sim = await startSimulator({ port: 0 });
    notice(
      "note: no HOTMART_CLIENT_ID/HOTMART_CLIENT_SECRET set: answering from the embedded simulator (sample data). Set your credentials (env or .env) to use your Hotmart account.",
    );
    const client = new Hotmart({
      ...extra,
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      baseURL: sim.url,
      authURL: sim.authURL,
    });
    return {
      client,
      close: async () => {
        await client.close();
        await sim.close();
      },
    };
  }
  const client = new Hotmart(clientOptions(config, extra));
  return { client, close: () => client.close() };
}
