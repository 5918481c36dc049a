import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, isIPv4 } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { ToolContext } from "./context";
import { createMcpServer } from "./server";

export const MCP_PATH = "/mcp";

export interface HttpOptions {
  host?: string;
  port?: number;
  /** Bearer token clients must send. Required when `host` is not a loopback address, or writes are allowed. */
  token?: string | undefined;
  /** Extra `Origin` values to accept (browser-based clients). */
  allowedOrigins?: readonly string[];
  /** Extra `Host` header values to accept (a reverse proxy's name). */
  allowedHosts?: readonly string[];
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * An address in 127.0.0.0/8, "::1" or "localhost". Not any name that starts with "127.": a DNS-rebinding
 * page served as "127.0.0.1.attacker.example" sends that Host and Origin, and its owner's DNS points it here.
 */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || (isIPv4(host) && host.startsWith("127."));
}

/**
 * An allowed origin as browsers send it: `https://App.example.com/` is `https://app.example.com`. Kept
 * as given, a capital letter or a trailing slash made it match nothing, and the browser client was
 * refused with no hint why. Something that is not an origin is refused when the server starts.
 */
function originOf(value: string): string {
  let origin = "null";
  try {
    origin = new URL(value).origin;
  } catch {}
  if (origin === "null")
    throw new Error(
      `--allowed-origin "${value}" is not an origin: pass a scheme and a host (and a port if not the default), e.g. https://app.example.com`,
    );
  return origin;
}

/** The host part of a `Host` header or an origin's authority, without the port. */
function hostname(authority: string): string {
  if (authority.startsWith("[")) return authority.slice(1, authority.indexOf("]"));
  return authority.split(":")[0] ?? "";
}

export interface GateConfig {
  loopback: boolean;
  token: string | undefined;
  allowedOrigins: readonly string[];
  allowedHosts: readonly string[];
}

export type GateDecision =
  | { ok: true }
  | { ok: false; status: number; message: string; headers?: Record<string, string> };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a request may reach the MCP server. Host and Origin checks stop DNS rebinding (a web page whose
 * name now points at 127.0.0.1 still sends its own Host and Origin); the bearer token stops everyone else.
 * A pure function of the headers, so each rule is tested on its own.
 */
export function gate(headers: IncomingMessage["headers"], config: GateConfig): GateDecision {
  // Host names are case-insensitive (RFC 9110 §4.2.3): "LOCALHOST" is "localhost", and a foreign name in
  // any case is still foreign.
  const host = (headers.host ?? "").toLowerCase();
  if (config.loopback || config.allowedHosts.length > 0) {
    const name = hostname(host);
    const listed = (entry: string) => {
      const wanted = entry.toLowerCase();
      return wanted === host || wanted === name;
    };
    const allowed = (config.loopback && isLoopback(name)) || config.allowedHosts.some(listed);
    if (!allowed) return { ok: false, status: 403, message: "Forbidden: unexpected Host header" };
  }
  const origin = headers.origin;
  if (origin !== undefined && origin !== "null") {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return { ok: false, status: 403, message: "Forbidden: malformed Origin header" };
    }
    const originHost = parsed.hostname.replace(/^\[|\]$/g, "");
    // Compared as origins (scheme and host in lower case, default port dropped), as --allowed-origin is.
    const allowed =
      config.allowedOrigins.includes(parsed.origin) || (config.loopback && isLoopback(originHost));
    if (!allowed)
      return {
        ok: false,
        status: 403,
        message: "Forbidden: Origin not allowed (start the server with --allowed-origin to allow it)",
      };
  } else if (origin === "null") {
    return { ok: false, status: 403, message: "Forbidden: opaque Origin" };
  }
  if (config.token !== undefined) {
    const auth = headers.authorization ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(auth);
    if (!match || !sameSecret(match[1]?.trim() ?? "", config.token)) {
      return {
        ok: false,
        status: 401,
        message: "Unauthorized: send Authorization: Bearer <the token set in HOTMART_MCP_TOKEN>",
        headers: { "WWW-Authenticate": 'Bearer realm="hotmart-mcp"' },
      };
    }
  }
  return { ok: true };
}

export interface RunningHttpServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/** Node's "listen EADDRINUSE: address already in use 127.0.0.1:3333", said with what to do about it. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === "EADDRINUSE") {
    return new Error(
      `Port ${port} on ${host} is already in use (another hotmart-mcp?): pass --port with another port (--port 0 picks a free one), or stop the program holding it`,
    );
  }
  if (error.code === "EACCES") {
    return new Error(
      `Not allowed to listen on port ${port} of ${host} (ports below 1024 need privileges): pass --port with a port from 1024 up`,
    );
  }
  if (error.code === "EADDRNOTAVAIL") {
    return new Error(
      `${host} is not an address of this machine: pass --host with one of its addresses, e.g. 127.0.0.1`,
    );
  }
  return error;
}

/**
 * Streamable HTTP, stateless: every POST gets a fresh MCP server and transport over the one shared context
 * (one SDK client: one token and one quota for every session; one confirmation store).
 */
export async function startHttpServer(
  ctx: ToolContext,
  options: HttpOptions = {},
): Promise<RunningHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const loopback = isLoopback(host);
  const token = options.token === "" ? undefined : options.token;
  if (!loopback && token === undefined) {
    throw new Error(
      `Refusing to listen on ${host} without a bearer token: set HOTMART_MCP_TOKEN to a long random secret (e.g. openssl rand -hex 32), or bind to 127.0.0.1`,
    );
  }
  // Writes move a payments account's money: on loopback without a token, any process or user of the
  // machine could preview and confirm refunds and cancellations. Read-only loopback stays open.
  if (ctx.allowWrites && token === undefined) {
    throw new Error(
      'Refusing to serve the write tools (--allow-writes) over HTTP without a bearer token: any process or user that can reach the port could preview and confirm refunds, cancellations and coupon changes. Set HOTMART_MCP_TOKEN to a long random secret (e.g. export HOTMART_MCP_TOKEN=$(openssl rand -hex 32)) and have each client send the header "Authorization: Bearer <the value of HOTMART_MCP_TOKEN>"; or leave out --allow-writes (reads only), or use stdio (leave out --http)',
    );
  }
  if (token !== undefined && token.length < 16)
    throw new Error("HOTMART_MCP_TOKEN must be at least 16 characters");
  const config: GateConfig = {
    loopback,
    token,
    allowedOrigins: (options.allowedOrigins ?? []).map(originOf),
    allowedHosts: options.allowedHosts ?? [],
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== MCP_PATH) return refuse(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}`);
    const decision = gate(req.headers, config);
    if (!decision.ok) return refuse(res, decision.status, decision.message, decision.headers);
    // The same name, as the MCP SDK's request adapter (@hono/node-server) accepts it: it compares the
    // Host header with the URL it parses from it, which lowercases, and answered "Localhost:3333" 400.
    if (req.headers.host !== undefined) req.headers.host = req.headers.host.toLowerCase();
    if (req.method !== "POST") {
      return refuse(res, 405, "Method not allowed: this server is stateless, send JSON-RPC with POST", {
        Allow: "POST",
      });
    }
    const mcp = createMcpServer(ctx);
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void mcp.close();
    });
    mcp
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch(() => {
        if (!res.headersSent) refuse(res, 500, "Internal error");
      });
  });
  const port = options.port ?? 3333;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}${MCP_PATH}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
