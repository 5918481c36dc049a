import { CliError, EXIT } from "./exit";

/**
 * A port the CLI could not listen on (`simulator`, `webhooks listen`), in words that say what to do;
 * undefined for any other error. Node's own message ("listen EADDRINUSE: address already in use") names
 * the cause but not the flag that fixes it.
 */
export function listenProblem(error: unknown, host: string, port: number): CliError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${host}:${port}`;
  if (code === "EADDRINUSE") {
    return new CliError(
      `Port ${where} is in use (another simulator or listener?): stop it, pick another with --port, or use --port 0 for any free port`,
      EXIT.USAGE,
    );
  }
  if (code === "EACCES") {
    return new CliError(
      `No permission to listen on ${where}: use a port above 1023, or --port 0 for any free port`,
      EXIT.USAGE,
    );
  }
  return undefined;
}
