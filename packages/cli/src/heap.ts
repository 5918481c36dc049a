import { setFlagsFromString } from "node:v8";

/** What the binary asks of V8: collect again once the old generation has grown by half of what was live. */
export const HEAP_GROWING_FLAG = "--heap-growing-percent=50";

/**
 * The `hotmart` binary streams far more through its heap than it ever holds: a 1,000,000-record export
 * moves 660 MB of JSON with about 9 MB live. With V8's defaults the old generation may grow to several
 * times what was live at the last full collection before the next one, and that growth, not the export,
 * set the process's peak: 151-154 MB over 3 runs of `hotmart export sales --format jsonl` (bench/
 * export-memory.mjs with BENCH_CLI=1), against 118-119 MB with this flag, at the same CPU and wall time.
 *
 * V8 reads the flag each time it sets the next limit, so setting it at start-up takes effect (checked on
 * Node 20, 22 and 24). A value the user gave node on its own command line is left alone; a runtime whose
 * node:v8 refuses the flag goes on with its defaults. The library cannot do this for an app: a process's
 * GC settings are the app's to choose (the README says how).
 */
export function keepHeapTight(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) return false;
  try {
    setFlags(HEAP_GROWING_FLAG);
    return true;
  } catch {
    return false;
  }
}
