import { EXIT } from "./exit";
import { extensions } from "./extensions";
import type { Io } from "./io";
import { run } from "./program";

const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts += 1;
  // The first Ctrl-C lets the command stop cleanly (an export saves its checkpoint); a second one quits.
  if (interrupts > 1) process.exit(EXIT.INTERRUPTED);
  controller.abort();
});

// A reader that went away (`hotmart export sales | head`) is not an error: stop quietly, like cat does.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.OK);
  throw error;
});

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
};

/** Exits once stdout and stderr are flushed: a pipe would otherwise lose the tail of the output. */
function exitAfterFlush(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

run(process.argv.slice(2), io, extensions).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`hotmart: ${error instanceof Error ? error.message : String(error)}\n`);
  exitAfterFlush(EXIT.API);
});
