// The binary stopped by a signal while a write is on the wire: it must not say a bare "Interrupted." as if
// nothing had happened. Real processes over loopback: the built binary and a server that takes the
// write and never answers.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, emptyDir, ensureBuilt, simEnv } from "./helpers";

beforeAll(() => {
  ensureBuilt();
});

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * Runs `args` against a server that answers the token request and holds every API request; once one
 * arrives, sends `signal` to the binary. Resolves with its exit code and stderr.
 */
async function interruptedAtServer(args: string[], signal: NodeJS.Signals) {
  let onRequest: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    onRequest = resolve;
  });
  server = createServer((req, res) => {
    if (req.url?.startsWith("/security/oauth/token")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: "token-abcdef", token_type: "bearer", expires_in: 3600 }));
      return;
    }
    onRequest();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const child = spawn(process.execPath, [BIN, ...args], {
    env: simEnv(undefined, {
      HOTMART_BASE_URL: url,
      HOTMART_CLIENT_ID: "id",
      HOTMART_CLIENT_SECRET: "secret",
    }),
    cwd: emptyDir(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  await arrived;
  child.kill(signal);
  return { code: await closed, stderr };
}

describe("a signal while a request is on the wire", () => {
  it("a write stopped after it was sent says its outcome is unknown, not a bare 'Interrupted.'", async () => {
    const { code, stderr } = await interruptedAtServer(
      ["coupons", "create", "1234567", "WELCOME10", "--discount", "0.1", "--yes"],
      "SIGTERM",
    );
    expect(code).toBe(143);
    expect(stderr).toContain("Interrupted");
    expect(stderr).toContain("Hotmart may have applied it");
  });

  it("a read stopped mid-request says only that it was interrupted", async () => {
    const { code, stderr } = await interruptedAtServer(["sales", "history", "--json"], "SIGINT");
    expect(code).toBe(130);
    expect(stderr.trim()).toBe("Interrupted.");
  });

  it("doctor stopped while its API call is on the wire says it was interrupted, not that the token had none", async () => {
    // The token was issued; the abort of the call after it is no fault of the token URL.
    const { code, stderr } = await interruptedAtServer(["doctor"], "SIGINT");
    expect(code).toBe(130);
    expect(stderr.trim()).toBe("Interrupted.");
  });
});
