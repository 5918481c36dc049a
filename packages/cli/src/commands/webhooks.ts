import { appendFileSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Command } from "commander";
import {
  constructEvent,
  HOTTOK_HEADER,
  isLegacyWebhook,
  type LegacyWebhook,
  parseWebhook,
  WEBHOOK_EVENT_NAMES,
  type WebhookEventName,
  type WebhookPayload,
  WebhookPayloadError,
  WebhookVerificationError,
} from "hotmart";
import type { GlobalOptions } from "../config";
import { brasiliaIso } from "../dates";
import { CliError, EXIT, usageError } from "../exit";
import { checkFolderOf } from "../files";
import { getPath } from "../flatten";
import { err, type Io, out } from "../io";
import { listenProblem } from "../ports";
import { parseHttpUrl, parseNumber, parsePort } from "../values";

/** Fields worth a glance in a delivery, per kind of event; the first present ones are shown. */
const SUMMARY_PATHS = [
  "data.purchase.transaction",
  "data.purchase.status",
  "data.product.name",
  "data.buyer.email",
  "data.purchase.price.value",
  "data.purchase.payment.type",
  "data.subscription.subscriber.code",
  "data.subscriber.code",
  "data.subscriber.email",
  "data.subscription.status",
  "data.user.email",
  "data.module.name",
  "data.cancellation_date",
  "data.date_next_charge",
];

export function summarize(payload: unknown): string[] {
  const lines: string[] = [];
  for (const path of SUMMARY_PATHS) {
    const value = getPath(payload, path);
    if (value === undefined || value === null || typeof value === "object") continue;
    // The dates (epoch ms once parsed) in Brasília time, as the rest of the CLI shows them to people.
    const shown = path.endsWith("_date") && typeof value === "number" ? brasiliaIso(value) : String(value);
    lines.push(`  ${path.slice(5).padEnd(32)} ${shown}`);
  }
  return lines;
}

/** The fields of a legacy (v1.0.0) postback worth a line each; never its hottok. */
function summarizeLegacy(payload: LegacyWebhook): string[] {
  const lines: string[] = [];
  for (const key of ["prod", "prod_name", "email", "name"] as const) {
    const value = payload[key];
    if (value !== undefined) lines.push(`  ${key.padEnd(32)} ${String(value)}`);
  }
  lines.push("  (Hotmart's old format: switch the webhook to version 2.0.0 for typed events)");
  return lines;
}

/**
 * A delivery as JSON for the terminal, its hottok masked: a v2 body may carry the account's hottok
 * (a shared secret), and a terminal's scrollback or a piped log is no place for it.
 */
export function printable(event: unknown, space?: number): string {
  return JSON.stringify(
    event,
    (key, value: unknown) => (/^(x-hotmart-)?hottok$/i.test(key) && value != null ? "[redacted]" : value),
    space,
  );
}

/**
 * A JSON body as a line of the `--save` file: byte for byte, but for its hottok fields, masked like the
 * terminal's (a file of captures gets copied and shared; the secret does not belong in it, and `replay
 * --hottok` sends the header that verifies). A hottok the plain pattern misses (a key written with
 * escapes) is caught by re-serialising the body.
 */
export function savable(raw: string): string {
  const masked = raw.replace(/("hottok"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"[redacted]"');
  const value: unknown = JSON.parse(masked);
  const line = printable(value) === JSON.stringify(value) ? masked : printable(value);
  return line.replace(/\r?\n/g, " ");
}

function resolveHottok(flag: string | undefined): string | undefined {
  const value = flag ?? process.env.HOTMART_HOTTOK;
  return value === "" ? undefined : value;
}

interface Sent {
  event: string;
  id: string | undefined;
  status: number;
  ok: boolean;
  ms: number;
  body: string;
}

/** POSTs one envelope the way Hotmart does: JSON, X-HOTMART-HOTTOK, Hotmart's user agent. */
async function deliver(url: string, envelope: unknown, hottok: string | undefined, io: Io): Promise<Sent> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "Hotmart-Webhook/2.0.0 (hotmart-cli)",
  };
  if (hottok !== undefined) headers[HOTTOK_HEADER] = hottok;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(envelope),
      signal: io.signal,
    });
  } catch (error) {
    if (io.signal.aborted) throw new CliError("Interrupted.", EXIT.INTERRUPTED);
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError(`Could not reach ${url}: ${cause}. Is your server running?`, EXIT.NETWORK);
  }
  const body = await response.text();
  return {
    event: String(getPath(envelope, "event") ?? "?"),
    id: getPath(envelope, "id") as string | undefined,
    status: response.status,
    ok: response.ok,
    ms: Math.round(performance.now() - started),
    body,
  };
}

function report(sent: Sent, url: string, json: boolean | undefined, io: Io): void {
  if (json) {
    out(io, `${JSON.stringify(sent)}\n`);
    return;
  }
  err(io, `-> POST ${url}  ${sent.event} (id ${sent.id ?? "none"})`);
  err(io, `<- ${sent.status} in ${sent.ms} ms`);
  if (sent.body) out(io, `${sent.body.length > 2000 ? `${sent.body.slice(0, 2000)}…` : sent.body}\n`);
}

/**
 * JSON (one envelope or an array) or JSON Lines, as `webhooks listen --save` writes them. Every entry is
 * checked before the first is sent, so a file that is not what it should be sends nothing rather than
 * part of it: a line that is not JSON is named by its number, and so is an entry that is not a Hotmart
 * payload, which any receiver would refuse anyway.
 */
export function readEnvelopes(file: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw usageError(`${file}: cannot read the file`);
  }
  let entries: Array<{ where: string; value: unknown }>;
  try {
    const value: unknown = JSON.parse(text);
    entries = (Array.isArray(value) ? value : [value]).map((v, i) => ({
      where: Array.isArray(value) ? `entry ${i + 1}` : "the payload",
      value: v,
    }));
  } catch {
    entries = [];
    const lines = text.split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
      if (line.trim() === "") continue;
      try {
        entries.push({ where: `line ${i + 1}`, value: JSON.parse(line) as unknown });
      } catch {
        throw usageError(
          `${file}, line ${i + 1}: not JSON (the file must be JSON or JSON Lines of webhook payloads); nothing was sent`,
        );
      }
    }
  }
  if (entries.length === 0) throw usageError(`${file}: no payloads in the file; nothing was sent`);
  for (const { where, value } of entries) {
    try {
      // What the SDK's handler takes (a v2 envelope, or a v1 postback as JSON): anything else would be
      // refused by the receiver too.
      parseWebhook(JSON.stringify(value), { contentType: "application/json" });
    } catch (error) {
      if (!(error instanceof WebhookPayloadError)) throw error;
      throw usageError(
        `${file}, ${where}: not a Hotmart webhook payload (${error.message}); nothing was sent`,
      );
    }
  }
  return entries.map((e) => e.value);
}

/**
 * The body, up to `limit` bytes. Past it the rest is not read: the 413 then closes the connection
 * (`Connection: close`), so the sender reads the answer instead of a reset from a destroyed socket.
 */
function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off("data", onData);
      req.pause();
      reject(new WebhookPayloadError("The body is larger than 1 MB", "too_large"));
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The first line printed for a delivery: its event (or, for a v1 postback, its status) and its id. */
function headline(event: WebhookPayload): string {
  if (isLegacyWebhook(event))
    return `legacy v1 postback ${event.status ?? "(no status)"}  ${event.transaction ?? "no transaction"}`;
  return `${event.event}  ${(event as { id?: string }).id ?? "no id"}`;
}

export function webhooksCommand(program: Command, io: Io): void {
  const webhooks = new Command("webhooks")
    .description(
      "webhooks for local development: trigger sample events, replay saved ones, listen and verify",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ hotmart webhooks listen --port 4242 --hottok my-hottok\n  $ hotmart webhooks trigger PURCHASE_APPROVED --to http://localhost:4242/\n  $ hotmart webhooks replay deliveries.jsonl --to http://localhost:3000/hotmart\n",
    );

  webhooks
    .command("trigger")
    .description("send a realistic sample of an event to your endpoint (the simulator's payload builder)")
    .argument("<event>", `one of ${WEBHOOK_EVENT_NAMES.join(", ")}`)
    .option("--to <url>", "your webhook endpoint (not needed with --print)")
    .option("--hottok <hottok>", "sent as X-HOTMART-HOTTOK (default HOTMART_HOTTOK)")
    .option("--seed <n>", "dataset seed of the sample (ids match a simulator started with it)", "42")
    .option("--print", "print the payload instead of sending it")
    .addHelpText(
      "after",
      "\nExamples:\n  $ hotmart webhooks trigger PURCHASE_APPROVED --to http://localhost:3000/hotmart --hottok my-hottok\n  $ hotmart webhooks trigger SUBSCRIPTION_CANCELLATION --print > cancel.json\n",
    )
    .action(
      async (
        event: string,
        opts: { to?: string; hottok?: string; seed: string; print?: boolean },
        cmd: Command,
      ) => {
        const name = event.toUpperCase();
        if (!(WEBHOOK_EVENT_NAMES as readonly string[]).includes(name)) {
          throw usageError(`Unknown event "${event}"; use one of ${WEBHOOK_EVENT_NAMES.join(", ")}`);
        }
        const hottok = resolveHottok(opts.hottok);
        // Loaded on use: the simulator (and its faker data) would slow every other command's start.
        const { sampleWebhook } = await import("hotmart-simulator");
        const envelope = sampleWebhook(name as WebhookEventName, {
          seed: parseNumber("--seed", opts.seed),
          ...(hottok !== undefined ? { hottok } : {}),
        });
        if (opts.print) {
          out(io, `${printable(envelope, 2)}\n`);
          return;
        }
        if (opts.to === undefined)
          throw usageError("required option '--to <url>' not specified (or --print to see the payload)");
        const url = parseHttpUrl("--to", opts.to);
        if (hottok === undefined)
          err(io, "note: no --hottok or HOTMART_HOTTOK: sending without X-HOTMART-HOTTOK.");
        const sent = await deliver(url, envelope, hottok, io);
        report(sent, url, (cmd.optsWithGlobals() as GlobalOptions).json, io);
        if (!sent.ok)
          throw new CliError(
            `Your endpoint answered ${sent.status}: Hotmart would re-send this event.`,
            EXIT.API,
          );
      },
    );

  webhooks
    .command("replay")
    .description("send saved payloads (JSON, a JSON array or JSON Lines) to your endpoint, in order")
    .argument("<file>", "the payload file (e.g. from `webhooks listen --save`)")
    .requiredOption("--to <url>", "your webhook endpoint")
    .option("--hottok <hottok>", "sent as X-HOTMART-HOTTOK (default HOTMART_HOTTOK)")
    .addHelpText(
      "after",
      "\nExample:\n  $ hotmart webhooks replay deliveries.jsonl --to http://localhost:3000/hotmart\n",
    )
    .action(async (file: string, opts: { to: string; hottok?: string }, cmd: Command) => {
      const url = parseHttpUrl("--to", opts.to);
      const envelopes = readEnvelopes(file);
      const hottok = resolveHottok(opts.hottok);
      let failed = 0;
      for (const envelope of envelopes) {
        const sent = await deliver(url, envelope, hottok, io);
        report(sent, url, (cmd.optsWithGlobals() as GlobalOptions).json, io);
        if (!sent.ok) failed += 1;
      }
      if (failed > 0)
        throw new CliError(`${failed} of ${envelopes.length} deliveries were not answered 2xx.`, EXIT.API);
    });

  webhooks
    .command("listen")
    .description("receive webhooks on a local port, verify the hottok and pretty-print each delivery")
    .option("--port <port>", "port to listen on", "4242")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--hottok <hottok>", "verify deliveries against it (default HOTMART_HOTTOK)")
    .option(
      "--save <file>",
      "append each verified delivery to this JSON Lines file, hottoks masked (replay it with --hottok)",
    )
    .option("--full", "print each payload in full")
    .addHelpText(
      "after",
      "\nExamples:\n  $ hotmart webhooks listen --port 4242 --hottok my-hottok\n  $ hotmart webhooks listen --save deliveries.jsonl --json | jq .event\n\nStop with Ctrl-C (exit code 0).\n",
    )
    .action(
      async (
        opts: { port: string; host: string; hottok?: string; save?: string; full?: boolean },
        cmd: Command,
      ) => {
        const json = (cmd.optsWithGlobals() as GlobalOptions).json;
        const hottok = resolveHottok(opts.hottok);
        const port = parsePort("--port", opts.port);
        if (opts.save) checkFolderOf(opts.save, "--save: cannot write");
        const server = createServer((req, res) => {
          void (async () => {
            const at = brasiliaIso(Date.now());
            if (req.method !== "POST") {
              res.writeHead(405, { Allow: "POST" }).end();
              return;
            }
            try {
              const raw = await readBody(req);
              // Legacy (v1.0.0) form posts are shown too, as createWebhookHandler accepts them by default.
              const event = constructEvent(raw, req.headers, hottok ?? false, { legacy: true });
              // Saved before the 200: once the sender has its answer, the delivery is in the file.
              // A v1 form post is saved as a JSON object of its fields, a line `replay` can send again.
              if (opts.save) {
                const line = isLegacyWebhook(event) ? printable(event.fields) : savable(raw);
                appendFileSync(opts.save, `${line}\n`);
              }
              res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}');
              if (json) {
                out(io, `${printable(event)}\n`);
                return;
              }
              const check = hottok === undefined ? "not verified" : "hottok verified";
              out(io, `${at}  ${headline(event)}  (${check})\n`);
              for (const line of isLegacyWebhook(event) ? summarizeLegacy(event) : summarize(event))
                out(io, `${line}\n`);
              if (opts.full) out(io, `${printable(event, 2)}\n`);
            } catch (error) {
              const status =
                error instanceof WebhookVerificationError || error instanceof WebhookPayloadError
                  ? error.status
                  : 500;
              res
                .writeHead(status, {
                  "Content-Type": "application/json",
                  // The rest of a body past the limit was not read: it must not stay on the connection.
                  ...(status === 413 ? { Connection: "close" } : {}),
                })
                .end(JSON.stringify({ error: status }));
              err(
                io,
                `${at}  rejected with ${status}: ${error instanceof Error ? error.message : String(error)}`,
              );
            }
          })();
        });
        await new Promise<void>((resolve, reject) => {
          server.once("error", (e) => reject(listenProblem(e, opts.host, port) ?? e));
          server.listen(port, opts.host, resolve);
        });
        const address = server.address() as AddressInfo;
        err(io, `Listening for Hotmart webhooks on http://${opts.host}:${address.port}/ (any path).`);
        err(
          io,
          hottok === undefined
            ? "warning: no --hottok or HOTMART_HOTTOK: deliveries are accepted without verification."
            : "Deliveries without the right X-HOTMART-HOTTOK are answered 401.",
        );
        err(io, "Press Ctrl-C to stop.");
        await new Promise<void>((resolve) => {
          if (io.signal.aborted) resolve();
          io.signal.addEventListener("abort", () => resolve(), { once: true });
        });
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        err(io, "Stopped.");
      },
    );

  program.addCommand(webhooks);
}
