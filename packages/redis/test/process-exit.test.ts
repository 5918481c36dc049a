/**
 * A `limiter` the app passes in is the app's: client.close() leaves it open (other clients may use it,
 * made before or after). So a RedisRateLimiter nobody closes must not keep a process alive once its
 * waiting calls are gone (its loop sleeps until the next slot, up to a window), and must keep it alive
 * while a call waits. Run as real processes (test/fixtures/given-limiter.mjs, on the BUILT packages,
 * against a real redis-server): only a process's exit shows what holds it.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HAS_REDIS, INSTALL_HINT, type RedisServer, startRedis } from "./redis-server";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/given-limiter.mjs", import.meta.url));
const BUILT = ["hotmart", "simulator", "redis"].every((p) =>
  existsSync(`${root}packages/${p}/dist/index.js`),
);
if (!HAS_REDIS) console.log(INSTALL_HINT);
else if (!BUILT)
  console.log("process-exit tests skipped: they run the built packages; run `npm run build` first");
/** Far below the hour the limiter's loop would sleep, far above a start on a busy machine. */
const HANG_MS = 60_000;

let server: RedisServer | undefined;
let sim: Simulator | undefined;
beforeAll(async () => {
  if (!HAS_REDIS || !BUILT) return;
  [server, sim] = await Promise.all([startRedis(), startSimulator({ port: 0, seed: 6 })]);
});
afterAll(async () => {
  await Promise.all([sim?.close(), server?.stop()]);
});

/** Runs the fixture to its exit: its code and output, or "still running" when it had to be killed. */
function run(mode: "close" | "wait"): Promise<{ code: number | string; out: string }> {
  const simulator = sim as Simulator;
  const child = spawn(process.execPath, [FIXTURE, mode, String(server?.port), `exit-${mode}-${Date.now()}`], {
    env: {
      // The shell's own account (HOTMART_BASIC, HOTMART_SANDBOX...) left out: the simulator's only.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("HOTMART_"))),
      HOTMART_CLIENT_ID: simulator.credentials.clientId,
      HOTMART_CLIENT_SECRET: simulator.credentials.clientSecret,
      HOTMART_BASE_URL: simulator.url,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve) => {
    const guard = setTimeout(() => child.kill("SIGKILL"), HANG_MS);
    child.once("close", (code) => {
      clearTimeout(guard);
      resolve({ code: code ?? "still running: killed", out });
    });
  });
}

it.skipIf(!HAS_REDIS || !BUILT)(
  "a process whose client closed exits, though the RedisRateLimiter it gave the client is never closed",
  async () => {
    const { code, out } = await run("close");
    expect(out).toMatch(/waiting call: .*cancelled because the client was closed/);
    // Before: the limiter's loop slept on, up to the window (an hour here), and held the process.
    expect(code, out).toBe(0);
  },
  HANG_MS + 10_000,
);

it.skipIf(!HAS_REDIS || !BUILT)(
  "a call waiting for that limiter keeps the process alive until it is sent",
  async () => {
    const { code, out } = await run("wait");
    expect(out).toContain("waiting call: sent");
    expect(code, out).toBe(0);
  },
  HANG_MS + 10_000,
);
