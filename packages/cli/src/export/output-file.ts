import { accessSync, constants, createWriteStream, openSync, statSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import { usageError } from "../exit";

/**
 * The export's `--out` file, opened synchronously before the first request: a path that cannot be
 * written (a missing folder, no permission) is a usage error then, with nothing sent, instead of an
 * unhandled stream error once records arrive. `append` for a resumed export.
 */
export function openOutputFile(file: string, append: boolean): WriteStream {
  let fd: number;
  try {
    fd = openSync(file, append ? "a" : "w");
  } catch (error) {
    throw usageError(`--out: cannot write ${file}: ${fileProblem(error)}`);
  }
  return createWriteStream(file, { fd });
}

/**
 * Watches a file stream for a write error (a full disk, a removed drive): the first one is kept and
 * `stop` is aborted, so the export stops fetching. Without a listener the error would end the process
 * with a stack trace and no word on what was written. Returns the error, once there is one.
 */
export function watchWrites(stream: WriteStream, stop: AbortController): () => Error | undefined {
  let first: Error | undefined;
  stream.on("error", (error) => {
    first ??= error;
    stop.abort(error);
  });
  return () => first;
}

/**
 * Whether a file could be written where it goes (its folder exists and takes files), checked before the
 * first request: finding out after records were written (a checkpoint at Ctrl-C) would leave an export
 * that cannot be resumed. `what` starts the message: `--checkpoint: cannot save`.
 */
export function checkFolderOf(path: string, what: string): void {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw usageError(
      `${what} ${path}: ${code === "ENOTDIR" ? `${folder} is not a folder` : fileProblem(error)}`,
    );
  }
}

/** What went wrong with a file, in words; the system's own message for the rare cases. */
export function fileProblem(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "ENOENT") return "its folder does not exist";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a folder";
  if (code === "ENOSPC") return "the disk is full";
  return error instanceof Error ? error.message : String(error);
}
