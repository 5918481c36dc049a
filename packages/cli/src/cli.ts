import { fstatSync, writeSync } from "node:fs";
import { Writable } from "node:stream";
import { isatty } from "node:tty";
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

/** The first error writing stdout: kept here, as Node's stream state was seen without it at exit. */
let stdoutError: NodeJS.ErrnoException | undefined;

/**
 * stdout as the commands write it. To a file (`> sales.json`) or a device, Node writes each chunk with
 * one write(2): a short count on a disk that fills up was taken as done, the rest of the chunk (a list's
 * whole answer is one) dropped, and the command exited 0 with the file cut short; a failed last write was
 * lost too, its error left unreported at exit. Here the rest is written again, so the disk's error
 * (ENOSPC, EFBIG) comes out, and is kept. A terminal or a pipe keeps Node's own stream.
 */
function stdoutStream(): Io["stdout"] {
  let own = false;
  try {
    const stat = fstatSync(1);
    own = stat.isFile() || (stat.isCharacterDevice() && !isatty(1));
  } catch {
    // No stdout to look at: Node's own stream, as it is.
  }
  if (!own) return process.stdout;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        for (let at = 0; at < chunk.length; ) at += writeSync(1, chunk, at, chunk.length - at);
        done();
      } catch (error) {
        stdoutError ??= error as NodeJS.ErrnoException;
        done(error as Error);
      }
    },
  });
}
const stdout = stdoutStream();

// A reader that went away (`hotmart export sales | head`) is not an error: stop quietly, like cat does.
// Any other failure (`> file` on a full disk, a drive gone) lost output: rethrown, it was a stack trace
// and exit 1. One line and the output exit code instead.
function stdoutFailed(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(EXIT.OK);
  process.stderr.write(
    `Error: writing the output failed: ${fileProblem(error)}. What was written is incomplete: free space (or fix where stdout goes) and run the command again.\n`,
  );
  process.exit(EXIT.OUTPUT);
}
stdout.on("error", (error: NodeJS.ErrnoException) => {
  stdoutError ??= error;
  stdoutFailed(error);
});

const io: Io = {
  stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
  routeRequests: () => useProxyFromEnv(process.env),
};

/**
 * Exits once stdout and stderr are flushed: a pipe would otherwise lose the tail of the output. A last
 * write that failed is said here too: its "error" event may come only after this flush's callback.
 */
function exitAfterFlush(code: number): void {
  stdout.write("", () =>
    process.stderr.write("", () => {
      if (stdoutError) stdoutFailed(stdoutError);
      process.exit(code);
    }),
  );
}

run(process.argv.slice(2), io, extensions).then(
  (code) => exitAfterFlush(terminated && code === EXIT.INTERRUPTED ? 143 : code),
  (error: unknown) => {
    process.stderr.write(`hotmart: ${error instanceof Error ? error.message : String(error)}\n`);
    exitAfterFlush(EXIT.API);
  },
);
