import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { CliError, EXIT, usageError } from "./exit";

/** What a command reads and writes: the process, or a test's streams. */
export interface Io {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean };
  /** Aborted on Ctrl-C: commands pass it to every request and stop their loops. */
  signal: AbortSignal;
  /**
   * Sets up the process's network once the .env file is read (the binary: the proxy the environment
   * names, proxy.ts). Absent where `run()` is called in a test's process, whose globals it would change.
   */
  routeRequests?: () => Promise<void>;
}

export const out = (io: Io, text: string) => io.stdout.write(text);
export const err = (io: Io, line: string) => io.stderr.write(`${line}\n`);

/**
 * Writes change data at Hotmart and cannot be undone: ask on a terminal, and refuse without `--yes`
 * when there is nobody to ask (a script must say it means it).
 */
export async function confirmWrite(io: Io, action: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    throw usageError(
      `${action} changes data at Hotmart: pass --yes to confirm (there is no terminal to ask on)`,
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question(`${action} changes data at Hotmart. Continue? [y/N] `, {
      signal: io.signal,
    });
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("Not confirmed: nothing was sent.", EXIT.USAGE);
  } catch (error) {
    if (io.signal.aborted) throw new CliError("Interrupted: nothing was sent.", EXIT.INTERRUPTED);
    throw error;
  } finally {
    rl.close();
  }
}
