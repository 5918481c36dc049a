import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type ClientOptions, Hotmart } from "hotmart";

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** performance.now() when the request line arrived. */
  at: number;
}

// Handlers may return anything (e.g. the result of res.end()); it is ignored.
export type Handler = (req: SeenRequest, res: ServerResponse) => unknown;

export interface ScriptedServer {
  url: string;
  authURL: string;
  /** API requests (token requests excluded). */
  requests: SeenRequest[];
  tokenRequests: SeenRequest[];
  /** Replaces how API requests are answered. */
  handle(handler: Handler): void;
  /** Replaces how token requests are answered. */
  handleToken(handler: Handler): void;
  close(): Promise<void>;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

/**
 * A tiny loopback HTTP server whose answers each test scripts. The token endpoint issues
 * `token-1`, `token-2`, ... so tests can see which token a request carried.
 */
export async function startScriptedServer(handler?: Handler): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const tokenRequests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let apiHandler: Handler = handler ?? ((_req, res) => json(res, 200, { ok: true }));
  let tokenHandler: Handler = (_req, res) =>
    json(res, 200, {
      access_token: `token-${tokenRequests.length}`,
      token_type: "bearer",
      expires_in: 172799,
      scope: "read write",
      jti: `jti-${tokenRequests.length}`,
    });

  const server = createServer(async (req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? "/";
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      path: url.split("?")[0] ?? url,
      url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      at,
    };
    try {
      if (seen.path === "/security/oauth/token") {
        tokenRequests.push(seen);
        await tokenHandler(seen, res);
      } else {
        requests.push(seen);
        await apiHandler(seen, res);
      }
    } catch (error) {
      if (!res.headersSent)
        json(res, 500, { error: "test_handler_failed", error_description: String(error) });
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    authURL: `${url}/security/oauth/token`,
    requests,
    tokenRequests,
    handle(next) {
      apiHandler = next;
    },
    handleToken(next) {
      tokenHandler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A fetch that records when the SDK called it, then sends for real (through `send`, global fetch by default). */
export function recordingFetch(send: typeof fetch = fetch): {
  fetch: typeof fetch;
  calls: Array<{ url: string; method: string; at: number }>;
} {
  const calls: Array<{ url: string; method: string; at: number }> = [];
  return {
    calls,
    fetch: (input, init) => {
      calls.push({ url: String(input), method: init?.method ?? "GET", at: performance.now() });
      return send(input, init);
    },
  };
}

/** A client of `server` (its API and its token endpoint), with `extra` options. */
export function scriptedClient(server: ScriptedServer, extra: Partial<ClientOptions> = {}): Hotmart {
  return new Hotmart({
    clientId: "id",
    clientSecret: "secret",
    baseURL: server.url,
    authURL: server.authURL,
    ...extra,
  });
}
