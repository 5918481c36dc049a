import { useProxyFromEnv } from "hotmart-cli";
import { parseCliArgs, USAGE } from "./args";
import { startHttpServer } from "./http";
import { redact, registerSecret } from "./redact";
import { openBackend } from "./runtime";
import { createContext, createMcpServer, SERVER_VERSION } from "./server";
import { type StdioServer, stdioTransport } from "./stdio";

/**
 * How long a server whose stdin ended waits for the answers still running (a walk of every sale is long).
 * HOTMART_MCP_DRAIN_MS sets another wait, in milliseconds: for a script that will wait longer, and for
 * the test of what happens when the wait runs out. Read once, at start-up, and refused there when it is
 * no wait setTimeout can keep: Number("") is 0, so an empty value cut every answer off at once, and past
 * 2^31-1 ms (24.8 days) the timer fired after 1 ms, both saying the requests got no answer in time.
 */
const MAX_DRAIN_MS = 2 ** 31 - 1;
function drainMsOf(raw: string | undefined): number {
  // Unset or empty (a client's config with `"HOTMART_MCP_DRAIN_MS": ""`): the default.
  if (raw === undefined || raw.trim() === "") return 60_000;
  const ms = Number(raw);
  if (Number.isInteger(ms) && ms >= 0 && ms <= MAX_DRAIN_MS) return ms;
  throw new Error(
    `HOTMART_MCP_DRAIN_MS is "${raw}", not a whole number of milliseconds from 0 to ${MAX_DRAIN_MS} (24.8 days): set it to one (e.g. 600000 for 10 minutes), or unset it for the default 60000 (60 s)`,
  );
}

// stdout belongs to the MCP protocol on stdio: every human message goes to stderr.
const say = (text: string) => process.stderr.write(`${redact(text)}\n`);

async function main(): Promise<number> {
  let config: ReturnType<typeof parseCliArgs>;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    say(`hotmart-mcp: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (config.version) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return 0;
  }
  // HTTPS_PROXY, HTTP_PROXY and NO_PROXY, read as the hotmart binary reads them (loopback goes direct).
  try {
    await useProxyFromEnv(process.env);
  } catch (error) {
    say(`hotmart-mcp: ${(error as Error).message}`);
    return 2;
  }
  let drainMs: number;
  try {
    drainMs = drainMsOf(process.env.HOTMART_MCP_DRAIN_MS);
  } catch (error) {
    say(`hotmart-mcp: ${(error as Error).message}`);
    return 2;
  }
  const token = process.env.HOTMART_MCP_TOKEN || undefined;
  registerSecret(token);
  const backend = await openBackend({ simulator: config.simulator, seed: config.seed });
  const ctx = createContext({ client: backend.client, allowWrites: config.allowWrites, now: backend.now });
  const mode = `${config.simulator ? "simulator" : "Hotmart"}, writes ${config.allowWrites ? "ALLOWED (each confirmed)" : "off"}`;
  let stop: () => Promise<void>;
  let stdio: StdioServer | undefined;
  if (config.http) {
    const http = await startHttpServer(ctx, {
      host: config.host,
      port: config.port,
      token,
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
    });
    say(`hotmart-mcp listening on ${http.url} (${mode}${token ? ", bearer token required" : ""})`);
    stop = http.close;
  } else {
    const server = createMcpServer(ctx);
    stdio = stdioTransport();
    await server.connect(stdio);
    say(`hotmart-mcp on stdio (${mode})`);
    stop = () => server.close();
  }
  let code = 0;
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
    const transport = stdio;
    if (transport) {
      // The client ended our stdin: it sends nothing more, but the requests it sent are answered first
      // (a write already confirmed completes instead of being cut off mid-flight), for drainMs at most.
      // SIGTERM, which clients send when they will not wait, and a closed stdout stop at once.
      process.stdin.once("close", () => {
        const wait = drainMs;
        const timer = setTimeout(() => {
          // Said, and a failing exit code: a script that piped its requests in must not take the
          // missing answers for success. A write among them may have been sent.
          const n = transport.unanswered;
          say(
            `hotmart-mcp: input ended; ${n} request${n === 1 ? " was" : "s were"} still running after ${wait} ms and ` +
              "got no answer. A write among them may or may not have been applied: check with a read tool before " +
              "sending it again (HOTMART_MCP_DRAIN_MS sets a longer wait)",
          );
          code = 1;
          done();
        }, wait);
        void transport.idle().then(() => {
          clearTimeout(timer);
          done();
        });
      });
      process.stdout.once("error", done);
    }
  });
  await stop();
  await backend.close();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`hotmart-mcp: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
