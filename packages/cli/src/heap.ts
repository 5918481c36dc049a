import { setFlagsFromString } from "node:v8";

/** What the binary asks of V8: collect again once the old generation has grown by half of what was live. */
export const HEAP_GROWING_FLAG = "--heap-growing-percent=50";

/**
 * The `hotmart` binary streams far more through its heap than it ever holds: a 1,000,000-record export
 * moves 700 MB of JSON with about 9 MB live. With V8's defaults the old generation may grow to several
 * times what was live at the last full collection before the next one, and what lands there between
 * collections depends on the data: V8's JSON.parse interns string values of up to 9 or 10 characters
 * (a subscription's subscriber_code has 8) in the old generation. With two such codes in every record,
 * `hotmart export sales --format jsonl` of 1,000,000 records peaked at 151-156 MB over 6 runs, and at
 * 116-119 MB over 4 with this flag; sales with Hotmart's longer codes at 108-116 MB without it and
 * 107-109 MB with it (bench/export-memory.mjs with BENCH_CLI=1, and the same command run by hand).
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
  // V8 takes its flags with dashes or underscores.
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return false;
  try {
    setFlags(HEAP_GROWING_FLAG);
    return true;
  } catch {
    return false;
  }
}
