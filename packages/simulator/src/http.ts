import type { HttpBindings } from "@hono/node-server";
import type { Context, Handler as HonoHandler } from "hono";
import { ApiError } from "./errors";
import type { FaultKind } from "./faults";
import { Query } from "./query";
import { applySelect } from "./select";

/** What the middleware chain hands along: the body the log read, and what a fault did to the request. */
export interface AppVariables {
  /** The request body as text ("" without one), read once, under the size cap, by the log middleware. */
  bodyText: string;
  /** The fault applied to this request, for the log. */
  fault: FaultKind | undefined;
  /** Set when a fault closed the connection instead of answering. */
  closed: "reset" | "dropped" | undefined;
}

/** Node bindings (the socket, for the reset and drop faults) and the chain's variables. */
export type AppEnv = { Bindings: HttpBindings; Variables: AppVariables };

/** A route handler's view of a request: parsed query, decoded params, the body read once. */
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

/** The content type of every JSON answer, as Hotmart sends it. */
export const JSON_TYPE = "application/json;charset=UTF-8";

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

function apiRequest(c: Context<AppEnv>): ApiRequest {
  const url = new URL(c.req.url);
  const bodyText = c.get("bodyText") ?? "";
  return {
    method: c.req.method,
    path: url.pathname,
    params: c.req.param() as Record<string, string>,
    query: new Query(url.searchParams),
    headers: c.req.raw.headers,
    bodyText,
    json: () => parseJsonBody(bodyText, c.req.header("content-type") ?? null),
  };
}

/**
 * A Hono handler from a Hotmart-shaped one: the handler gets the parsed request and returns the
 * JSON to send; `select` (Hotmart's field projection) is applied here, once for every route. An
 * ApiError thrown inside reaches the app's onError, which answers Hotmart's error body.
 */
export function handle(handler: Handler): HonoHandler<AppEnv> {
  return async (c) => {
    const req = apiRequest(c);
    const result = await handler(req);
    const body = applySelect(result.body, req.query.string("select"));
    return jsonResponse(result.status ?? 200, body, result.headers);
  };
}
