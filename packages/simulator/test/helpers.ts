import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Simulator, type SimulatorOptions, startSimulator } from "hotmart-simulator";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
export type Json = any;

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type QueryInit = Record<string, QueryValue>;

export interface Reply<T = Json> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export function buildURL(base: string, path: string, query: QueryInit = {}): string {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** A started simulator plus a bearer token and small fetch helpers. */
export class Api {
  constructor(
    readonly sim: Simulator,
    public token: string,
  ) {}

  static async start(options: SimulatorOptions = {}): Promise<Api> {
    const sim = await startSimulator(options);
    return new Api(sim, await fetchToken(sim));
  }

  async request<T = Json>(
    method: string,
    path: string,
    options: { query?: QueryInit; body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.auth !== false) headers.Authorization ??= `Bearer ${this.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await fetch(buildURL(this.sim.url, path, options.query), {
      method,
      headers,
      body: body ?? null,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed as T };
  }

  get<T = Json>(path: string, query: QueryInit = {}): Promise<Reply<T>> {
    return this.request<T>("GET", path, { query });
  }

  post<T = Json>(path: string, body?: unknown, query: QueryInit = {}): Promise<Reply<T>> {
    return this.request<T>("POST", path, { body, query });
  }

  /** Follows next_page_token to the end and returns every item plus what the pages said. */
  async walk<T = Json>(
    path: string,
    query: QueryInit = {},
  ): Promise<{ items: T[]; pages: Reply[]; total?: number }> {
    const items: T[] = [];
    const pages: Reply[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10_000; i++) {
      const reply = await this.get(path, token ? { ...query, page_token: token } : query);
      if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
      pages.push(reply);
      items.push(...reply.body.items);
      token = reply.body.page_info.next_page_token;
      if (!token) break;
    }
    const total = pages[0]?.body.page_info.total_results;
    return total === undefined ? { items, pages } : { items, pages, total };
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}

export async function fetchToken(sim: Simulator): Promise<string> {
  const url = buildURL(sim.authURL, sim.authURL, {
    grant_type: "client_credentials",
    client_id: sim.credentials.clientId,
    client_secret: sim.credentials.clientSecret,
  });
  const response = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Basic ${sim.credentials.basic}` },
  });
  if (response.status !== 200)
    throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: Json;
  status: number;
}

/** A webhook receiver on loopback. `respond` picks the status for the n-th request (0-based). */
export class Receiver {
  readonly received: Received[] = [];
  respond: (n: number, body: Json) => number = () => 200;
  #server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const body = text ? JSON.parse(text) : undefined;
        const status = this.respond(this.received.length, body);
        this.received.push({ headers: req.headers, body, status });
        res.writeHead(status, { "Content-Type": "text/plain" }).end(status < 300 ? "ok" : "fail");
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`;
    return this;
  }

  clear(): void {
    this.received.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#server) return resolve();
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}

/** Polls `check` (for things driven by real time: token expiry, rate-limit windows). */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const SALES = "/payments/api/v1/sales";
export const SUBS = "/payments/api/v1/subscriptions";
