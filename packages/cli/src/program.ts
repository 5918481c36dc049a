import { Command, CommanderError, Option } from "commander";
import { methodCommands } from "./commands/methods";
import { type GlobalOptions, loadEnvFile } from "./config";
import { CliError, EXIT, EXIT_CODES_HELP, errorMessage, exitCodeOf } from "./exit";
import { err, type Io } from "./io";

export const VERSION = "0.1.0";

const ROOT_HELP = `
Configuration (flags win over the environment, the environment over .env):
  HOTMART_CLIENT_ID, HOTMART_CLIENT_SECRET   your credentials (Hotmart > Tools > Developer credentials)
  HOTMART_BASIC                              the ready-made Basic value (optional)
  HOTMART_SANDBOX=true                       use the sandbox
  HOTMART_BASE_URL, HOTMART_AUTH_URL         another API origin, e.g. a local simulator
  HOTMART_HOTTOK                             your webhook hottok (webhooks trigger/listen)
  Without credentials, API commands answer from the embedded simulator (sample data);
  writes only on a terminal (from a script they exit 3).

Examples:
  $ hotmart sales history --buyer-email anajulia.moraes@example.org --transaction-status REFUNDED
  $ hotmart subscriptions list --status ACTIVE --all --json
  $ hotmart subscriptions cancel CJERFXPD --yes
  $ hotmart export sales --from 2025-01-01 --to 2025-12-31 --status all --out sales.csv
  $ hotmart webhooks trigger PURCHASE_APPROVED --to http://localhost:3000/hotmart
  $ hotmart doctor

Output: a table on a terminal, tab-separated values when piped, JSON with --json.

${EXIT_CODES_HELP}
`;

export type Extension = (program: Command, io: Io) => void;

/** The whole command tree; extensions add the commands that live in their own modules. */
export function buildProgram(io: Io, extensions: readonly Extension[] = []): Command {
  const program = new Command("hotmart")
    .description(
      "The Hotmart API from the command line: exports, every API method, webhooks, a local simulator",
    )
    .version(VERSION, "-v, --version")
    .option("--client-id <id>", "client id (HOTMART_CLIENT_ID)")
    .option("--client-secret <secret>", "client secret (HOTMART_CLIENT_SECRET)")
    .option("--basic <basic>", "Basic value (HOTMART_BASIC)")
    .addOption(new Option("--sandbox", "use the sandbox (HOTMART_SANDBOX)"))
    .addOption(new Option("--no-sandbox").hideHelp())
    .option("--base-url <url>", "API origin (HOTMART_BASE_URL)")
    .option("--auth-url <url>", "token endpoint (HOTMART_AUTH_URL)")
    // Not --env-file: Node reads that flag from anywhere on its command line, the script's own
    // arguments too, and exits 9 ("node: FILE: not found") before the CLI starts when the file is missing.
    .option("--dotenv <file>", "read this file instead of ./.env")
    .option("--no-dotenv", "do not read ./.env")
    .option("--json", "JSON output, for scripts")
    .option(
      "--total-timeout <seconds>",
      "how long one request may take, retries and waits for the rate limiter included (default 180)",
    )
    .addHelpText("after", ROOT_HELP)
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .hook("preAction", async (self) => {
      loadEnvFile((self.opts() as GlobalOptions).dotenv);
      await io.routeRequests?.();
    });
  for (const cmd of methodCommands(io)) program.addCommand(cmd);
  for (const extend of extensions) extend(program, io);
  // Every subcommand reports usage errors through the same streams and exit path.
  const configure = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    cmd.showHelpAfterError("(add --help for usage)");
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  return program;
}

/**
 * What a command stopped by Ctrl-C or SIGTERM says. A write stopped after it went out may have been
 * applied (the SDK's `outcomeUnknown`): a bare "Interrupted." would read as "nothing happened", and the
 * user would send it again.
 */
function interrupted(error: unknown): string {
  return (error as { outcomeUnknown?: unknown } | null)?.outcomeUnknown === true
    ? "Interrupted after the write was sent: Hotmart may have applied it (the outcome is unknown). Check its effect before sending it again."
    : "Interrupted.";
}

/** Parses and runs; resolves to the exit code (never throws). */
export async function run(
  argv: readonly string[],
  io: Io,
  extensions: readonly Extension[] = [],
): Promise<number> {
  const program = buildProgram(io, extensions);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.OK;
      // A group without its subcommand prints its help: not an error a script should fail on... but it is usage.
      if (error.code === "commander.help") return EXIT.OK;
      return EXIT.USAGE;
    }
    const own = error instanceof CliError ? error : undefined;
    const code = own ? own.exitCode : io.signal.aborted ? EXIT.INTERRUPTED : exitCodeOf(error);
    if (code === EXIT.INTERRUPTED) err(io, own ? own.message : interrupted(error));
    else err(io, `Error: ${errorMessage(error)}`);
    return code;
  }
}
