import { createWriteStream, openSync, type WriteStream } from "node:fs";
import { usageError } from "../exit";
import { fileProblem } from "../files";

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
