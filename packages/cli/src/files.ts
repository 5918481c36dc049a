import { accessSync, constants, statSync } from "node:fs";
import { dirname } from "node:path";
import { usageError } from "./exit";

/**
 * Whether a file could be written where it goes (its folder exists and takes files), checked before the
 * first request: finding out after records were written (a checkpoint at Ctrl-C) would leave an export
 * that cannot be resumed, and a webhook saved at each delivery would fail each one. `what` starts the
 * message: `--checkpoint: cannot save`.
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
  if (code === "EFBIG") return "the file is past its size limit (ulimit -f, or the file system's)";
  return error instanceof Error ? error.message : String(error);
}
