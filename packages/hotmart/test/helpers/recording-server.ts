/**
 * A tiny scripted Hotmart on loopback: it answers the token endpoint, records every API request exactly
 * as it arrived (method, raw path, raw query, headers, body) and answers each route with a canned reply.
 * Unrouted requests get 404 `not_found`.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TOKEN_PATH = "/security/oauth/token";

export const TOKEN_RESPONSE = {
  access_token: "eyJ0eXAi.fictional.token",
  token_type: "bearer",
  expires_in: 172799,
  scope: "read write",
  jti: "0b7c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3",
} as const;

export interface RecordedRequest {
  method: string;
  /** The path as it arrived on the wire, still percent-encoded. */
  path: string;
  /** The raw query string, without `?` ("" when there is none). */
  query: string;
  /** The query, parsed (repeated keys kept: use getAll). */
  searchParams: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body text ("" when there is none). */
  rawBody: string;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  body: unknown;
}

export interface Reply {
  status?: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (wins over `body`), e.g. "" for an empty body. */
  raw?: string;
  headers?: Record<string, string>;
}

export type Handler = Reply | ((request: RecordedRequest) => Reply);

interface Route {
  method: string;
  path: string | RegExp;
  handler: Handler;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every API request, in order (token requests excluded). */
  readonly requests: RecordedRequest[];
  readonly tokenRequests: RecordedRequest[];
  /** Adds a route; a later route for the same method and path wins. `path` is matched on the raw path. */
  on(method: string, path: string | RegExp, handler: Handler): RecordingServer;
  /** The only API request recorded; fails when there were none or several. */
  only(): RecordedRequest;
  /** Forgets recorded requests and routes. */
  reset(): void;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const tokenRequests: RecordedRequest[] = [];
  let routes: Route[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = req.url ?? "/";
      const q = raw.indexOf("?");
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = rawBody === "" ? undefined : JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: q === -1 ? raw : raw.slice(0, q),
        query: q === -1 ? "" : raw.slice(q + 1),
        searchParams: new URLSearchParams(q === -1 ? "" : raw.slice(q + 1)),
        headers: req.headers,
        rawBody,
        body,
      };
      if (recorded.method === "POST" && recorded.path === TOKEN_PATH) {
        tokenRequests.push(recorded);
        return send(res, { body: TOKEN_RESPONSE });
      }
      requests.push(recorded);
      const route = [...routes]
        .reverse()
        .find(
          (r) =>
            r.method === recorded.method &&
            (typeof r.path === "string" ? r.path === recorded.path : r.path.test(recorded.path)),
        );
      if (!route) {
        return send(res, {
          status: 404,
          body: { error: "not_found", error_description: `No route for ${recorded.method} ${recorded.path}` },
        });
      }
      try {
        send(res, typeof route.handler === "function" ? route.handler(recorded) : route.handler);
      } catch (error) {
        send(res, {
          status: 500,
          body: { error: "internal_server_error", error_description: String(error) },
        });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const api: RecordingServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    tokenRequests,
    on(method, path, handler) {
      routes.push({ method, path, handler });
      return api;
    },
    only() {
      if (requests.length !== 1) {
        throw new Error(
          `Expected exactly one API request, got ${requests.length}: ${requests.map((r) => `${r.method} ${r.path}`).join(", ")}`,
        );
      }
      return requests[0] as RecordedRequest;
    },
    reset() {
      requests.length = 0;
      tokenRequests.length = 0;
      routes = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
  return api;
}

function send(res: ServerResponse, reply: Reply): void {
  const text = reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
  res.writeHead(reply.status ?? 200, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  res.end(text);
}
