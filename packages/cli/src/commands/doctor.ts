import type { Command } from "commander";
import {
  APIConnectionError,
  APIError,
  Hotmart,
  PRODUCTION_URL,
  ResponseParseError,
  SANDBOX_URL,
} from "hotmart";
import {
  clientOptions,
  type GlobalOptions,
  loadedEnvFile,
  type ResolvedConfig,
  resolveConfig,
} from "../config";
import { CliError, EXIT } from "../exit";
import { err, type Io, out } from "../io";
import { proxyFor } from "../proxy";

/** What one probe saw: the HTTP status and the headers doctor reads. */
export interface Probe {
  status: number;
  date?: string | undefined;
  limit?: number | undefined;
  remaining?: number | undefined;
  reset?: number | undefined;
}

export interface Observations {
  config: ResolvedConfig;
  envFile: string | undefined;
  /** The token request, if one was made. */
  token?: Probe | undefined;
  /** One cheap API call (sales history, one row). */
  api?: Probe | undefined;
  /** The same call on the other environment (sandbox vs production), when the first was refused. */
  other?: Probe | undefined;
  /** A network failure, in words. */
  network?: string | undefined;
  /** Why a token response with a 2xx status gave no token (an HTML page, no access_token), in words. */
  tokenProblem?: string | undefined;
  /** The proxy the API's requests go through, in words (proxy.ts), when one does. */
  proxy?: string | undefined;
  /** Local clock at the time of the API answer (epoch ms). */
  localNow: number;
}

export interface Finding {
  level: "ok" | "warn" | "fail";
  text: string;
  fix?: string;
  exit?: number;
}

const SKEW_LIMIT_S = 30;

/** The diagnosis from what was observed: a pure function, so each rule is tested on its own. */
export function diagnose(o: Observations): Finding[] {
  const f: Finding[] = [];
  const c = o.config;
  const where = (k: keyof ResolvedConfig["sources"]) =>
    c.sources[k] === "flag" ? "flag" : c.sources[k] === "env" ? "environment or .env" : "unset";
  f.push({
    level: "ok",
    text: o.envFile ? `.env read from ${o.envFile}` : "no .env file read (none in this directory)",
  });
  if (c.clientId === undefined || c.clientSecret === undefined) {
    f.push({
      level: "fail",
      text: `credentials missing (client id: ${where("clientId")}, client secret: ${where("clientSecret")})`,
      fix: "set HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET (Hotmart > Tools > Developer credentials), in your shell or .env",
      exit: EXIT.AUTH,
    });
    return f;
  }
  f.push({
    level: "ok",
    text: `credentials set (client id from ${where("clientId")}, secret from ${where("clientSecret")})`,
  });
  if (c.basic !== undefined) {
    const expected = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64");
    if (c.basic.replace(/^\s*Basic\s+/i, "").trim() !== expected) {
      f.push({
        level: "warn",
        text: "HOTMART_BASIC does not match the client id and secret",
        fix: "copy the Basic value of the same credential, or unset HOTMART_BASIC (it is derived from id and secret)",
      });
    }
  }
  const target = c.baseURL ?? (c.sandbox ? SANDBOX_URL : PRODUCTION_URL);
  f.push({ level: "ok", text: `API: ${target}${c.sandbox ? " (sandbox)" : ""}` });
  if (o.proxy !== undefined) f.push({ level: "ok", text: `proxy: ${o.proxy}` });
  if (o.network !== undefined) {
    f.push({
      level: "fail",
      text: `network: ${o.network}`,
      fix:
        o.proxy !== undefined
          ? "check the proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), your connection or HOTMART_BASE_URL/HOTMART_AUTH_URL"
          : "check your connection, proxy (HTTPS_PROXY) or HOTMART_BASE_URL/HOTMART_AUTH_URL",
      exit: EXIT.NETWORK,
    });
    return f;
  }
  if (o.token && o.token.status !== 200) {
    f.push({
      level: "fail",
      text: `token request refused (${o.token.status})`,
      fix: "the client id or secret is wrong or revoked: copy them again from Hotmart > Tools > Developer credentials",
      exit: EXIT.AUTH,
    });
    return f;
  }
  if (o.token && o.tokenProblem !== undefined) {
    f.push({
      level: "fail",
      text: `the token URL answered ${o.token.status} without an access token: ${o.tokenProblem}`,
      fix: "unset HOTMART_AUTH_URL, or point it at Hotmart's token endpoint (a proxy or portal may be answering instead)",
      exit: EXIT.AUTH,
    });
    return f;
  }
  if (o.token) f.push({ level: "ok", text: "access token issued" });
  if (o.api) {
    if (o.api.status === 401 || o.api.status === 403) {
      if (o.other && o.other.status >= 200 && o.other.status < 300) {
        f.push({
          level: "fail",
          text: c.sandbox
            ? "these are production credentials, but the sandbox is selected"
            : "these are sandbox credentials, but production is selected",
          fix: c.sandbox
            ? "unset HOTMART_SANDBOX (or drop --sandbox)"
            : "set HOTMART_SANDBOX=true (or pass --sandbox)",
          exit: EXIT.AUTH,
        });
      } else {
        f.push({
          level: "fail",
          text: `the API refused the token (${o.api.status})`,
          fix: "check that the credential has API access and, for the sandbox, that HOTMART_SANDBOX=true",
          exit: EXIT.AUTH,
        });
      }
    } else if (o.api.status === 429) {
      f.push({
        level: "fail",
        text: "rate limited right now (429)",
        fix: "wait for the quota window to reset (about a minute)",
        exit: EXIT.RATE_LIMIT,
      });
    } else if (o.api.status >= 400) {
      f.push({
        level: "fail",
        text: `the API answered ${o.api.status}`,
        fix: "try again; if it persists, check Hotmart's status page",
        exit: EXIT.API,
      });
    } else {
      f.push({ level: "ok", text: `API call answered ${o.api.status}` });
    }
    const serverMs = o.api.date ? Date.parse(o.api.date) : Number.NaN;
    if (Number.isFinite(serverMs)) {
      const skew = Math.round((o.localNow - serverMs) / 1000);
      if (Math.abs(skew) > SKEW_LIMIT_S) {
        f.push({
          level: "warn",
          text: `your clock is ${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"} Hotmart's`,
          fix: "turn on automatic time sync (NTP): token expiry and date filters depend on it",
        });
      } else
        f.push({
          level: "ok",
          text: `clock within ${SKEW_LIMIT_S} s of the server's (${skew >= 0 ? "+" : ""}${skew} s)`,
        });
    } else f.push({ level: "warn", text: "the server sent no Date header: clock not checked" });
    if (o.api.limit !== undefined && o.api.remaining !== undefined) {
      const share = o.api.limit > 0 ? o.api.remaining / o.api.limit : 0;
      const reset = o.api.reset !== undefined ? `, resets in ${o.api.reset} s` : "";
      f.push(
        share < 0.1
          ? {
              level: "warn",
              text: `quota nearly spent: ${o.api.remaining} of ${o.api.limit} calls left${reset}`,
              fix: "another program is using the same credentials heavily; slow it down or wait",
            }
          : {
              level: "ok",
              text: `quota: ${o.api.remaining} of ${o.api.limit} calls left this window${reset}`,
            },
      );
    } else f.push({ level: "warn", text: "no RateLimit headers in the answer: quota headroom unknown" });
  }
  return f;
}

const num = (h: Headers, name: string) => {
  const v = h.get(name);
  return v === null || v.trim() === "" || !Number.isFinite(Number(v)) ? undefined : Number(v);
};

/** Runs the SDK with a fetch that records each answer's status and headers. */
async function observe(config: ResolvedConfig, signal: AbortSignal): Promise<Omit<Observations, "envFile">> {
  const o: Omit<Observations, "envFile"> = { config, localNow: Date.now() };
  if (config.clientId === undefined || config.clientSecret === undefined) return o;
  const authURL = config.authURL;
  const recordingFetch =
    (sink: "api" | "other"): typeof fetch =>
    async (input, init) => {
      const response = await fetch(input, init);
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const probe: Probe = {
        status: response.status,
        date: response.headers.get("date") ?? undefined,
        limit: num(response.headers, "ratelimit-limit"),
        remaining: num(response.headers, "ratelimit-remaining"),
        reset: num(response.headers, "ratelimit-reset"),
      };
      const isToken = authURL !== undefined ? url.startsWith(authURL) : url.includes("/security/oauth/token");
      if (isToken) o.token = probe;
      else {
        o[sink] = probe;
        o.localNow = Date.now();
      }
      return response;
    };
  const attempt = async (sink: "api" | "other", sandbox: boolean) => {
    const client = new Hotmart(
      clientOptions({ ...config, sandbox }, { fetch: recordingFetch(sink), maxRetries: 0, rateLimit: false }),
    );
    try {
      await client.sales.history({ max_results: 1 }, { signal });
    } finally {
      await client.close();
    }
  };
  try {
    await attempt("api", config.sandbox);
  } catch (error) {
    if (error instanceof APIConnectionError) o.network = error.message;
    // The token request answered 2xx and the API was never called: the answer held no token. Only the
    // errors such an answer gives: a Ctrl-C while the API call is on the wire (APIUserAbortError) is
    // rethrown, so the command says it was interrupted rather than blaming the token URL.
    else if (
      o.token &&
      o.token.status < 300 &&
      o.api === undefined &&
      (error instanceof APIError || error instanceof ResponseParseError)
    )
      o.tokenProblem = error.message;
    else if (!(error instanceof APIError)) throw error;
  }
  const refused = o.api && (o.api.status === 401 || o.api.status === 403);
  if (refused && config.baseURL === undefined) {
    await attempt("other", !config.sandbox).catch(() => undefined);
  }
  return o;
}

export function doctorCommand(program: Command, io: Io): void {
  program
    .command("doctor")
    .description("check credentials, token, sandbox/production, clock and quota, and say what to fix")
    .addHelpText(
      "after",
      "\nExamples:\n  $ hotmart doctor\n  $ hotmart doctor --sandbox\n  $ hotmart doctor --json\n",
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      const config = resolveConfig(globals);
      const observed = await observe(config, io.signal);
      const target = config.baseURL ?? (config.sandbox ? SANDBOX_URL : PRODUCTION_URL);
      const findings = diagnose({
        ...observed,
        envFile: loadedEnvFile,
        proxy: proxyFor(target, process.env),
      });
      if (globals.json) out(io, `${JSON.stringify(findings, null, 2)}\n`);
      else {
        for (const finding of findings) {
          const mark = finding.level === "ok" ? "ok  " : finding.level === "warn" ? "warn" : "FAIL";
          out(io, `${mark}  ${finding.text}\n`);
          if (finding.fix) out(io, `      fix: ${finding.fix}\n`);
        }
      }
      const failed = findings.find((x) => x.level === "fail");
      if (failed) {
        if (!globals.json) err(io, "");
        throw new CliError(`doctor found a problem: ${failed.text}`, failed.exit ?? EXIT.API);
      }
      if (!globals.json) out(io, "\nAll good.\n");
    });
}
