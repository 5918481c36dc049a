import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The examples are real programs: each runs here as its own `node` process, importing the BUILT
 * packages (as a user would), against a simulator on loopback. `npm test` builds before it tests.
 */
const run = promisify(execFile);
const root = join(import.meta.dirname, "../../../..");
const built =
  existsSync(join(root, "packages/hotmart/dist/index.js")) &&
  existsSync(join(root, "packages/simulator/dist/index.js"));

/** The environment a user would have: no inherited HOTMART_* variables, only what we pass. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("HOTMART_")));
  return { ...clean, ...extra };
}

describe.runIf(built)("examples run against the simulator", () => {
  let sim: Simulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 7, scale: { sales: 1200 } });
    dir = mkdtempSync(join(tmpdir(), "hotmart-examples-"));
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("demo.mjs (npm start) tours the embedded simulator with no credentials", async () => {
    const { stdout } = await run("node", ["examples/demo.mjs"], { cwd: root, env: env(), timeout: 60_000 });
    expect(stdout).toContain("touring the embedded simulator");
    expect(stdout).toMatch(/before: HP\w+ is APPROVED/);
    expect(stdout).toMatch(/after: {2}HP\w+ is REFUNDED/);
    expect(stdout).toContain("HotmartInputError (nothing was sent)");
    expect(stdout).toContain("NotFoundError: status 404");
    expect(stdout).toContain("Token requests made: 1");
    // stdout is a pipe here, not a terminal: no colour codes.
    expect(stdout).not.toContain("\x1b[");
  });

  it("demo.mjs with credentials but no reachable Hotmart says so in one line, without a stack", async () => {
    // A loopback port that resets every connection at once, like an unreachable network. It stays ours
    // while the demo runs: a port closed to be "free" was taken by another process on a busy machine,
    // and the demo reached that instead.
    const server = createServer();
    server.on("connection", (socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const failure = await run("node", ["examples/demo.mjs"], {
      cwd: root,
      env: env({
        HOTMART_CLIENT_ID: "id",
        HOTMART_CLIENT_SECRET: "secret-value-never-printed",
        HOTMART_BASE_URL: base,
        HOTMART_AUTH_URL: `${base}/security/oauth/token`,
        NO_COLOR: "1",
      }),
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    await new Promise((resolve) => server.close(resolve));
    expect(failure?.code).toBe(1);
    const lines = failure?.stderr.trim().split("\n") ?? [];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Could not reach Hotmart \(.*\)\. Check the network/);
    expect(failure?.stderr).not.toContain("secret-value-never-printed");
    expect(failure?.stdout).not.toContain("\x1b[");
  });

  it("quick-start.mjs reads with credentials from the environment", async () => {
    const { stdout } = await run("node", ["examples/quick-start.mjs"], {
      cwd: root,
      env: env(sim.env),
      timeout: 60_000,
    });
    expect(stdout).toMatch(/first page: \d+ sales of \d+/);
    expect(stdout).toMatch(/approved in BRL over the last year: \d+\.\d\d/);
  });

  it("export-sales-csv.mjs writes one CSV row per sale", async () => {
    const out = join(dir, "sales.csv");
    const { stdout } = await run("node", ["examples/export-sales-csv.mjs", out], {
      cwd: root,
      env: env(sim.env),
      timeout: 60_000,
    });
    const lines = readFileSync(out, "utf8").trim().split("\n");
    const expected = sim.data.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE").length;
    expect(lines[0]).toContain("transaction,status,order_date");
    expect(lines).toHaveLength(expected + 1);
    expect(stdout).toContain(`${expected} sales written`);
  });
});

it.skipIf(built)("examples need the build: run `npm run build` (npm test does) first", () => {
  throw new Error("packages are not built; `npm test` builds them before running the examples");
});
