import { execFile, spawn as spawnProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConnectProxy } from "../../hotmart/test/helpers/connect-proxy";
import { DATA_NOTE } from "../src/render";
import { bundleCli } from "./bundle";
import { argumentsFor, call, mcpClient, OUTPUT_SCHEMAS, ok, text } from "./helpers";
import { ANSWER_TOOLS, READ_TOOLS, WRITE_TOOLS } from "./names";

let cli: string;
const clients: Client[] = [];

beforeAll(async () => {
  cli = await bundleCli();
}, 60_000);
afterAll(async () => {
  for (const c of clients) await c.close();
});

/** The real binary over stdio, spawned by the MCP SDK's own client, against the embedded simulator. */
async function spawn(args: string[]): Promise<Client> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "" };
  const client = mcpClient("stdio-test");
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [cli, ...args], env, stderr: "ignore" }),
  );
  clients.push(client);
  return client;
}

describe("stdio transport", () => {
  // One read-only server for the two cases that only read: a server start (the binary and its
  // simulator's data) is most of a case's CPU time, and reads change nothing the other case looks at.
  let readOnly: Promise<Client> | undefined;
  const readOnlyServer = () => {
    readOnly ??= spawn(["--simulator"]);
    return readOnly;
  };

  it("serves the simulator read-only by default: every read and answer tool, no write tool", async () => {
    const mcp = await readOnlyServer();
    const names = (await mcp.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual([...READ_TOOLS, ...ANSWER_TOOLS].sort());
    const report = ok<{ totals: unknown[] }>(
      await call(mcp, "sales_report", { start_date: "2026-10-01", end_date: "2026-10-31" }),
    );
    expect(report.totals.length).toBeGreaterThan(0);
  });

  it("calls every read and answer tool over stdio, each structured result matching its outputSchema", async () => {
    const mcp = await readOnlyServer();
    // The same seed gives the same data: a local copy of the server's simulator picks valid arguments.
    const local = await startSimulator({ port: 0, seed: 42, rateLimit: false });
    const args = argumentsFor(local);
    await local.close();
    const { tools } = await mcp.listTools();
    for (const tool of tools) {
      const result = await call(mcp, tool.name, args[tool.name] ?? {});
      expect(result.isError, `${tool.name}: ${text(result)}`).toBeFalsy();
      const check = OUTPUT_SCHEMAS.getValidator(tool.outputSchema as never)(result.structuredContent);
      expect(check.valid, `${tool.name}: ${check.errorMessage}`).toBe(true);
    }
  }, 60_000);

  it("adds the write tools with --allow-writes, and a write still needs its confirmation", async () => {
    const mcp = await spawn(["--simulator", "--allow-writes"]);
    const names = (await mcp.listTools()).tools.map((t) => t.name);
    for (const w of WRITE_TOOLS) expect(names).toContain(w);
    const page = ok<{ items: { purchase: { transaction: string; status: string } }[] }>(
      await call(mcp, "sales_history", { limit: 1 }),
    );
    const tx = page.items[0]?.purchase.transaction;
    const preview = await call(mcp, "sale_refund", { transaction: tx });
    const [note, summary] = text(preview).split("\n");
    expect(note).toBe(DATA_NOTE);
    expect(summary).toMatch(/^PREVIEW — nothing has changed yet/);
    const after = ok<{ items: { purchase: { status: string } }[] }>(
      await call(mcp, "sales_history", { transaction: tx }),
    );
    expect(after.items[0]?.purchase.status).toBe(page.items[0]?.purchase.status);
  });
});

describe("stdout carries only the protocol", () => {
  it("with HOTMART_LOG=debug every stdout line is JSON-RPC; the SDK's log goes to stderr", async () => {
    const child = spawnProcess(process.execPath, [cli, "--simulator"], {
      env: { PATH: process.env.PATH ?? "", HOTMART_LOG: "debug" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    // A line that is not JSON, and JSON that is not a JSON-RPC message: each gets JSON-RPC's answer
    // (-32700, -32600; id null), where the MCP SDK alone would drop it and leave the client waiting.
    child.stdin.write("this is not json\n");
    send({ jsonrpc: "2.0", id: 7 });
    // Written by hand, as any client would: initialize, then one call that makes the SDK log.
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    });
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "products_list", arguments: { limit: 1 } },
    });
    await new Promise<void>((resolve) => {
      child.stdout.on("data", () => {
        if (stdout.includes('"id":2')) resolve();
      });
    });
    child.stdin.end();
    await new Promise((resolve) => child.once("exit", resolve));
    const lines = stdout.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const replies = lines.map(
      (line) => JSON.parse(line) as { id: unknown; error?: { code: number; message: string } },
    );
    expect(replies.slice(0, 2).map((r) => [r.id, r.error?.code])).toEqual([
      [null, -32700],
      [null, -32600],
    ]);
    expect(replies[0]?.error?.message).toMatch(/not JSON/);
    expect(replies.slice(2).map((r) => r.id)).toEqual([1, 2]);
    expect(stderr).toMatch(/\[hotmart\] .*GET .*\/products/);
  });
});

/**
 * The binary on stdio, fed initialize and these tool calls (ids 2, 3, ...) all at once, then the end of
 * its input, as `printf ... | hotmart-mcp` does; its exit code, stdout and stderr.
 */
async function pipeCalls(
  args: string[],
  env: Record<string, string>,
  calls: { name: string; arguments: Record<string, unknown> }[],
) {
  const child = spawnProcess(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const lines = [
    {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "pipe", version: "1" } },
    },
    { jsonrpc: "2.0", method: "notifications/initialized" },
    ...calls.map((params, i) => ({ jsonrpc: "2.0", id: i + 2, method: "tools/call", params })),
  ];
  child.stdin.end(lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
  return { code: await exited, stdout, stderr };
}

describe("end of input", () => {
  it("a client that ends stdin right after its requests still gets every answer, then the server exits", async () => {
    // All at once and end of input: before, the server shut down at end of input and the calls still
    // running (each waits on Hotmart) were never answered.
    const { code, stdout } = await pipeCalls(["--simulator", "--allow-writes"], {}, [
      { name: "products_list", arguments: { limit: 1 } },
      { name: "sale_refund", arguments: { transaction: "HP00000000000000" } },
    ]);
    expect(code).toBe(0);
    const replies = stdout
      .split("\n")
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as { id: number; result?: { isError?: boolean; content?: { text: string }[] } },
      );
    expect(replies.map((r) => r.id).sort()).toEqual([1, 2, 3]);
    expect(replies.find((r) => r.id === 2)?.result?.isError).toBeFalsy();
    expect(replies.find((r) => r.id === 3)?.result?.content?.[0]?.text).toMatch(/Not found: no sale/);
  });
});

describe("HOTMART_MCP_DRAIN_MS", () => {
  /** A Hotmart that mints tokens and answers every other request 400 after `holdMs`. */
  async function slowHotmart(holdMs: number) {
    const server = createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.url?.startsWith("/security/oauth/token"))
        return send(200, { access_token: "t", token_type: "bearer", expires_in: 3600 });
      setTimeout(() => send(400, { error: "invalid_parameter" }), holdMs);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    };
    return { url, close };
  }

  /** The binary on stdio, fed one tools/call and the end of its input; its exit code, stdout and stderr. */
  function pipeOneCall(url: string, drain: string) {
    const env = {
      HOTMART_CLIENT_ID: "id",
      HOTMART_CLIENT_SECRET: "secret-for-the-drain-test",
      HOTMART_BASE_URL: url,
      HOTMART_AUTH_URL: `${url}/security/oauth/token`,
      HOTMART_MCP_DRAIN_MS: drain,
    };
    return pipeCalls([], env, [{ name: "products_list", arguments: { limit: 1 } }]);
  }

  it("a request still running when the wait runs out is said on stderr, and the exit code is 1", async () => {
    // Before, it exited 0 with nothing said, and a script that piped its requests in took the missing
    // answer for success.
    const hotmart = await slowHotmart(60_000);
    try {
      const { code, stdout, stderr } = await pipeOneCall(hotmart.url, "300");
      expect(code).toBe(1);
      expect(stderr).toMatch(/input ended; 1 request was still running after 300 ms and got no answer/);
      expect(stderr).not.toContain("secret-for-the-drain-test");
      expect(stdout).not.toMatch(/"id":2/);
    } finally {
      await hotmart.close();
    }
  }, 60_000);

  it("set empty, it is the default wait, not none", async () => {
    // Before, Number("") made it 0 ms: the answer, on its way, was cut off and the exit code was 1.
    const hotmart = await slowHotmart(500);
    try {
      const { code, stdout, stderr } = await pipeOneCall(hotmart.url, "");
      expect(stderr).not.toMatch(/got no answer/);
      expect(code).toBe(0);
      expect(stdout).toMatch(/"id":2/);
    } finally {
      await hotmart.close();
    }
  }, 60_000);

  it.each(["3000000000", "60s", "-1", "1.5"])(
    "%s is refused at start-up, saying what to set, before any request",
    async (value) => {
      // Before, 3000000000 (past setTimeout's 24.8 days) fired after 1 ms and said the request was
      // still running "after 3000000000 ms"; the others were taken as no wait or the default in silence.
      const hotmart = await slowHotmart(60_000);
      try {
        const { code, stdout, stderr } = await pipeOneCall(hotmart.url, value);
        expect(code).toBe(2);
        expect(stderr).toContain(`HOTMART_MCP_DRAIN_MS is "${value}", not a whole number of milliseconds`);
        expect(stderr).toMatch(/unset it for the default 60000/);
        expect(stderr).not.toMatch(/got no answer/);
        expect(stdout).toBe("");
      } finally {
        await hotmart.close();
      }
    },
    60_000,
  );
});

describe("behind a proxy", () => {
  it("sends through the proxy HTTPS_PROXY/HTTP_PROXY name; a SOCKS proxy is refused at start-up", async () => {
    // The API is at "hotmart.test", a host only the proxy knows (it connects there to 127.0.0.1): a
    // request that went around it could not succeed.
    const proxy = await startConnectProxy({ "hotmart.test": "127.0.0.1" });
    const { tunnels, url: proxyURL } = proxy;
    const sim = await startSimulator({ port: 0, seed: 42 });
    const api = `http://hotmart.test:${new URL(sim.url).port}`;
    const env = {
      PATH: process.env.PATH ?? "",
      ...sim.env,
      HOTMART_BASE_URL: api,
      HOTMART_AUTH_URL: `${api}/security/oauth/token`,
    };
    try {
      const client = mcpClient("proxy-test");
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [cli],
          env: { ...env, HTTP_PROXY: proxyURL },
          stderr: "ignore",
        }),
      );
      clients.push(client);
      const result = await client.callTool({ name: "products_list", arguments: { limit: 1 } });
      expect(result.isError).toBeFalsy();
      expect(new Set(tunnels)).toEqual(new Set([`hotmart.test:${new URL(sim.url).port}`]));

      const run = promisify(execFile);
      const refused = await run(process.execPath, [cli], {
        env: { ...env, HTTPS_PROXY: "socks5://127.0.0.1:1080" },
      }).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 2 });
      expect((refused as { stderr: string }).stderr).toMatch(
        /HTTPS_PROXY=socks5:\/\/127\.0\.0\.1:1080: only HTTP and HTTPS/,
      );
    } finally {
      await proxy.close();
      await sim.close();
    }
  });
});

describe("startup", () => {
  it("--http --allow-writes without HOTMART_MCP_TOKEN refuses to start and says how to set one", async () => {
    const run = promisify(execFile);
    const args = [cli, "--simulator", "--http", "--port", "0", "--allow-writes"];
    // The timeout only ends a server that started anyway (the bug), so the test fails instead of hanging.
    const env = { PATH: process.env.PATH ?? "" };
    const failure = await run(process.execPath, args, { env, timeout: 30_000 }).catch((e: unknown) => e);
    const { code, stderr, stdout } = failure as { code: number; stderr: string; stdout: string };
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^hotmart-mcp: Refusing to serve the write tools \(--allow-writes\) over HTTP/);
    expect(stderr).toContain("export HOTMART_MCP_TOKEN=$(openssl rand -hex 32)");
    expect(stderr).toContain('"Authorization: Bearer <the value of HOTMART_MCP_TOKEN>"');
    expect(stderr).not.toContain("listening on");

    // With the token set it starts, and the token is not printed.
    const secret = "writes-token-0123456789abcdef";
    const child = spawnProcess(process.execPath, args, {
      env: { PATH: process.env.PATH ?? "", HOTMART_MCP_TOKEN: secret },
    });
    let said = "";
    child.stderr.on("data", (c) => {
      said += c;
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise<void>((resolve) => {
      child.stderr.on("data", () => {
        if (said.includes("listening on")) resolve();
      });
    });
    child.kill("SIGTERM");
    await exited;
    expect(said).toMatch(/writes ALLOWED \(each confirmed\), bearer token required/);
    expect(said).not.toContain(secret);
  });

  it("without credentials and without --simulator, says what to set and exits", async () => {
    const run = promisify(execFile);
    const failure = await run(process.execPath, [cli], { env: { PATH: process.env.PATH ?? "" } }).catch(
      (e: unknown) => e,
    );
    const { code, stderr, stdout } = failure as { code: number; stderr: string; stdout: string };
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /No Hotmart credentials: set HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET .* or run with --simulator/,
    );
  });
});
