/**
 * A real redis-server from the PATH on a free loopback port, for tests and the benchmark. Tests that need
 * it are skipped with a line saying how to install it when it is absent.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { stablePort } from "../../../scripts/lib/stable-port.mjs";

export const HAS_REDIS = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
export const INSTALL_HINT =
  "redis-server is not on the PATH: these tests are skipped. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) to run them.";

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop()): a Redis restart, with its data gone. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that accepts connections and answers nothing, like one stuck on a slow disk. */
  freeze(): void;
  thaw(): void;
}

/** `args`: more redis-server options, e.g. cluster mode. */
export async function startRedis(args: string[] = []): Promise<RedisServer> {
  // redis-server binds it after this returns, and again on a restart: a port no listen(0) can take.
  const port = await stablePort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...args],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child = proc;
      let out = "";
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
      proc.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${out}`));
      });
    });
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    freeze: () => void child?.kill("SIGSTOP"),
    thaw: () => void child?.kill("SIGCONT"),
    stop: () =>
      new Promise<void>((resolve) => {
        const proc = child;
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGKILL");
      }),
  };
}
