import { EXIT } from "./exit";
import { extensions } from "./extensions";
import { fileProblem } from "./files";
import { keepHeapTight } from "./heap";
import type { Io } from "./io";
import { run } from "./program";
import { useProxyFromEnv } from "./proxy";

// At start-up, before the first full collection: the binary is the process, so its GC settings are ours.
keepHeapTight();

const controller = new AbortController();
let interrupts = 0;
let terminated = false;
const stop = (code: number) => {
  interrupts += 1;
  // The first signal lets the command stop cleanly (an export saves its checkpoint); a second one quits.
  if (interrupts > 1) process.exit(code);
  controller.abort();
};
process.on("SIGINT", () => stop(EXIT.INTERRUPTED));
// A container or a CI timeout stops with SIGTERM: same clean stop, the shell's 128 + 15 as the code.
process.on("SIGTERM", () => {
  terminated = true;
  stop(143);
});

// A reader that went away (`hotmart export sales | head`) is not an error: stop quietly, like cat does.
// Any other failure (`> file` on a full disk, a drive gone) lost output: rethrown, it was a stack trace
// and exit 1, and a method whose last write failed exited 0. One line and the output exit code instead.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.OK);
  process.stderr.write(
    `Error: writing the output failed: ${fileProblem(error)}. What was written is incomplete: free space (or fix where stdout goes) and run the command again.\n`,
  );
  process.exit(EXIT.OUTPUT);
});

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
  routeRequests: () => useProxyFromEnv(process.env),
};

/** Exits once stdout and stderr are flushed: a pipe would otherwise lose the tail of the output. */
function exitAfterFlush(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

run(process.argv.slice(2), io, extensions).then(
  (code) => exitAfterFlush(terminated && code === EXIT.INTERRUPTED ? 143 : code),
  (error: unknown) => {
    process.stderr.write(`hotmart: ${error instanceof Error ? error.message : String(error)}\n`);
    exitAfterFlush(EXIT.API);
  },
);
