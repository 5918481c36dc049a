import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { ApiError } from "./errors";
import { Query } from "./query";
import { applySelect } from "./select";

/** Node bindings plus the request body, which the pipeline has already read to log it. */
export type Bindings = HttpBindings & { bodyText: string };
export type AppEnv = { Bindings: Bindings };

export interface ApiRequest {
  method: string;
  path: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: Query;
  headers: Headers;
  bodyText: string;
  /** The JSON body; undefined when there is none; 400 when it is not JSON. */
  json(): unknown;
}

export interface ApiResult {
  status?: number;
  /** Serialized as JSON; undefined means an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest) => ApiResult | Promise<ApiResult>;

export interface RouteMeta {
  /** Needs a bearer token. */
  auth: boolean;
  /** Counts against the rate limit. */
  limited: boolean;
}

export interface RouteDef extends RouteMeta {
  method: string;
  /** Hono pattern, e.g. "/payments/api/v1/sales/:transaction_code/refund". */
  path: string;
  /** "METHOD path": the key of stats() and of fault routes. */
  name: string;
  regex: RegExp;
}

const JSON_TYPE = "application/json;charset=UTF-8";

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": JSON_TYPE, ...headers } });
}

export function errorResponse(error: ApiError, headers: Record<string, string> = {}): Response {
  return jsonResponse(error.status, error.body, { ...error.headers, ...headers });
}

export function parseJsonBody(text: string, contentType: string | null): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (contentType && !contentType.toLowerCase().includes("json")) {
      throw new ApiError(
        400,
        "invalid_value_headers",
        `Content-Type '${contentType}' is not supported: send application/json.`,
      );
    }
    throw new ApiError(400, "invalid_parameter", "The request body is not valid JSON.");
  }
}

/** Registers handlers on Hono and keeps a table of the routes so the pipeline can name and guard them. */
export class Router {
  readonly app = new Hono<AppEnv>();
  readonly routes: RouteDef[] = [];

  on(method: string, path: string, handler: Handler, meta: Partial<RouteMeta> = {}): void {
    const regex = new RegExp(
      `^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z_]+/g, "[^/]+")}$`,
    );
    this.routes.push({
      method,
      path,
      name: `${method} ${path}`,
      regex,
      auth: meta.auth ?? true,
      limited: meta.limited ?? true,
    });
    this.app.on(method, path, async (c) => {
      const url = new URL(c.req.url);
      const query = new Query(url.searchParams);
      const bodyText = c.env.bodyText;
      const req: ApiRequest = {
        method,
        path: url.pathname,
        params: c.req.param() as Record<string, string>,
        query,
        headers: c.req.raw.headers,
        bodyText,
        json: () => parseJsonBody(bodyText, c.req.header("content-type") ?? null),
      };
      try {
        const result = await handler(req);
        const body = applySelect(result.body, query.string("select"));
        return jsonResponse(result.status ?? 200, body, result.headers);
      } catch (error) {
        if (error instanceof ApiError) return errorResponse(error);
        throw error;
      }
    });
  }

  get(path: string, handler: Handler, meta?: Partial<RouteMeta>): void {
    this.on("GET", path, handler, meta);
  }
  post(path: string, handler: Handler, meta?: Partial<RouteMeta>): void {
    this.on("POST", path, handler, meta);
  }
  put(path: string, handler: Handler, meta?: Partial<RouteMeta>): void {
    this.on("PUT", path, handler, meta);
  }
  patch(path: string, handler: Handler, meta?: Partial<RouteMeta>): void {
    this.on("PATCH", path, handler, meta);
  }
  delete(path: string, handler: Handler, meta?: Partial<RouteMeta>): void {
    this.on("DELETE", path, handler, meta);
  }

  match(method: string, path: string): RouteDef | undefined {
    // Literal routes are registered before parametrised siblings, as Hono would pick them.
    return this.routes.find((r) => r.method === method && r.regex.test(path));
  }

  methodsFor(path: string): string[] {
    return [...new Set(this.routes.filter((r) => r.regex.test(path)).map((r) => r.method))];
  }
}
