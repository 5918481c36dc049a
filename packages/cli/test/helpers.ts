import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Simulator } from "hotmart-simulator";
import type { Io } from "../src/io";

const root = fileURLToPath(new URL("../../..", import.meta.url));
/** The real built binary: these tests run what users run. */
export const BIN = join(root, "packages/cli/dist/cli.js");

/** Builds the three packages once when the binary is missing (`npm test` builds before testing). */
export function ensureBuilt(): void {
  const built = [
    BIN,
    join(root, "packages/hotmart/dist/index.js"),
    join(root, "packages/simulator/dist/index.js"),
  ];
  if (built.every((f) => existsSync(f))) return;
  execFileSync("npm", ["run", "build", "-w", "hotmart", "-w", "hotmart-simulator", "-w", "hotmart-cli"], {
    cwd: root,
    stdio: "ignore",
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment that points the CLI at `sim`, and nothing else from this machine's HOTMART_*. */
export function simEnv(sim: Simulator | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" };
  if (sim) Object.assign(env, sim.env);
  return { ...env, ...extra };
}

/** An empty directory as the working directory, so no stray .env is read. */
export const emptyDir = () => mkdtempSync(join(tmpdir(), "hotmart-cli-"));

export function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: options.env ?? simEnv(undefined),
      cwd: options.cwd ?? emptyDir(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // A bound for a hung binary, not a speed check: on a starved machine (2 cores, load 20) a command
    // that had printed its answer was still short of its exit after 15 s.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hotmart ${args.join(" ")} did not finish\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/**
 * The same command as `runCli`, through the CLI's own `run()` in this process: no Node start or module
 * load per command (half a second of CPU each, seconds on a busy machine). For the many cases about
 * what a command does; `runCli` keeps proving the binary itself (its exit codes, signals, a terminal).
 * Like the binary, it sees only `env`'s HOTMART_* variables and runs in `cwd` (by default an empty
 * directory: no stray .env); both are put back after. The process has one environment and one working
 * directory, so calls take turns: one that starts while another runs (concurrent tests of a file) waits
 * for it to end.
 */
export function runCliInProcess(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  const turn = inProcessTurn.then(() => runInProcess(args, options));
  // The next call waits for this one's end, passed or failed.
  inProcessTurn = turn.then(
    () => undefined,
    () => undefined,
  );
  return turn;
}

/** The end of the last runCliInProcess call started: the next one starts after it. */
let inProcessTurn: Promise<void> = Promise.resolve();

async function runInProcess(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string },
): Promise<CliResult> {
  // Loaded on first use: the files that only spawn the binary do not compile the CLI's sources.
  const [{ run }, { extensions }] = await Promise.all([
    import("../src/program"),
    import("../src/extensions"),
  ]);
  const out = { stdout: "", stderr: "" };
  const sink = (key: keyof typeof out) =>
    new Writable({
      write(chunk, _encoding, done) {
        out[key] += String(chunk);
        done();
      },
    });
  const io: Io = {
    stdout: sink("stdout"),
    stderr: sink("stderr"),
    stdin: Readable.from(options.input ? [options.input] : []),
    signal: new AbortController().signal,
  };
  const saved = Object.entries(process.env).filter(([key]) => key.startsWith("HOTMART_"));
  const cwd = process.cwd();
  for (const [key] of saved) delete process.env[key];
  for (const [key, value] of Object.entries(options.env ?? {}))
    if (key.startsWith("HOTMART_") && value !== undefined) process.env[key] = value;
  process.chdir(options.cwd ?? emptyDir());
  try {
    const code = await run(args, io, extensions);
    return { code, ...out };
  } finally {
    process.chdir(cwd);
    for (const key of Object.keys(process.env)) if (key.startsWith("HOTMART_")) delete process.env[key];
    Object.assign(process.env, Object.fromEntries(saved));
  }
}
