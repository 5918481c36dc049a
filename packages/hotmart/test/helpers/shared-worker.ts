/**
 * The setup file of the test files that share their worker (vitest.config.ts, project "shared"): Vitest
 * runs it again before each such file.
 *
 * - Timeouts: the SLOW files (they wait on child processes and real time) get the longer bounds, the
 *   others the configured ones, set here for each file since the worker's settings outlive the file.
 * - No trace: the next file in the worker starts from the process this one leaves. A file may change
 *   the environment or turn on fake timers, as long as it puts them back (vi.unstubAllEnvs, a finally
 *   block, vi.useRealTimers); one that leaves either behind fails here, by name, and the worker is put
 *   back, so the trace never reaches whichever file runs next.
 */
import { afterAll, expect, inject, vi } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The source of vitest.config.ts's SLOW pattern. */
    slowFiles: string;
    slowTimeoutMs: number;
  }
}

vi.resetConfig();
if (new RegExp(inject("slowFiles")).test(expect.getState().testPath ?? "")) {
  vi.setConfig({ testTimeout: inject("slowTimeoutMs"), hookTimeout: inject("slowTimeoutMs") });
}

// The environment as the file found it.
const env = process.env;
const saved: Record<string, string | undefined> = { ...process.env };

afterAll(() => {
  const traces: string[] = [];
  if (vi.isFakeTimers()) {
    vi.useRealTimers();
    traces.push("fake timers left on");
  }
  if (process.env !== env) {
    process.env = env;
    traces.push("process.env replaced by another object (restore its keys instead)");
  }
  const changed = [...new Set([...Object.keys(saved), ...Object.keys(process.env)])].filter(
    (key) => process.env[key] !== saved[key],
  );
  for (const key of changed) {
    const value = saved[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  if (changed.length > 0) traces.push(`environment variables changed: ${changed.join(", ")}`);
  if (traces.length > 0)
    throw new Error(`this file shares its worker and left a trace in the process: ${traces.join("; ")}`);
});
