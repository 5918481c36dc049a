import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener, type HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Hono } from "hono";
import type { TokenStore } from "./auth";
import { readBody } from "./body";
import { ApiError } from "./errors";
import type { FaultInjector, FaultKind } from "./faults";
import { routeMethod, withCanonicalPath } from "./path";
import { type RateLimiter, type RateLimitState, rateLimitHeaders } from "./rate-limit";
import { type AppEnv, errorResponse, jsonResponse, type Router } from "./router";
import type { Sleepers } from "./sleep";
import { noRoute, type Observer, parseBodyForLog, redactHeaders, redactQuery } from "./stats";

export interface PipelineOptions {
  router: Router;
  admin: Hono<AppEnv>;
  faults: FaultInjector;
  limiter: RateLimiter | undefined;
  /** The quota key: Hotmart counts per application, and a simulator serves one. */
  limitKey: string;
  tokens: TokenStore;
  observer: Observer;
  latencyMs: () => number;
  /** Woken on close, so sleeping requests finish. */
  sleepers: Sleepers;
  /** Larger request bodies are refused with 413 before they are read in full. */
  maxBodyBytes: number;
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Every API request goes through here: log, faults, latency, rate limit, bearer check, the route
 * handler, then the response-side faults. Admin routes skip all of it. Working on the Node objects
 * (not only on Request/Response) is what lets a fault close the connection without an answer.
 */
export function createPipeline(options: PipelineOptions) {
  const { router, faults, limiter, tokens, observer } = options;

  router.app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const allowed = router.methodsFor(path);
    if (allowed.length > 0) {
      return errorResponse(
        new ApiError(405, "method_not_allowed", `Request method '${c.req.method}' not supported.`),
        {
          Allow: allowed.join(", "),
        },
      );
    }
    return errorResponse(new ApiError(404, "not_found", `No resource at ${c.req.method} ${path}.`));
  });
  router.app.onError((error) => {
    console.error("[hotmart-simulator] handler error:", error);
    return errorResponse(new ApiError(500));
  });

  return async (incoming: Request, env: HttpBindings): Promise<Response> => {
    const method = incoming.method;
    const at = Date.now();
    const read = await readBody(incoming, options.maxBodyBytes);
    const bodyText = read.ok ? read.text : "";
    const { request, url } = withCanonicalPath(incoming, new URL(incoming.url));
    const path = url.pathname;
    const admin = path === "/__admin" || path.startsWith("/__admin/");
    const route = admin ? undefined : router.match(routeMethod(method), path);
    // Unknown paths share one key per method: a scan of random paths must not grow the stats without bound.
    const routeName = route?.name ?? noRoute(routeMethod(method));
    const record = (status: number | "reset" | "dropped", fault?: FaultKind) =>
      observer.record(
        {
          method,
          path,
          query: redactQuery(url.searchParams),
          headers: redactHeaders(request.headers),
          body: parseBodyForLog(bodyText, request.headers.get("content-type") ?? undefined),
          status,
          at,
          route: routeName,
          durationMs: Date.now() - at,
          ...(fault ? { fault } : {}),
        },
        bodyText.length,
      );
    const destroy = (status: "reset" | "dropped", kind: FaultKind) => {
      env.incoming.socket?.destroy();
      record(status, kind);
      return RESPONSE_ALREADY_SENT;
    };
    const finish = (response: Response, quota: RateLimitState | undefined, fault?: FaultKind) => {
      if (quota) withHeaders(response, rateLimitHeaders(quota));
      record(response.status, fault);
      return response;
    };

    if (!read.ok) {
      const limit = options.maxBodyBytes;
      const error = new ApiError(
        413,
        "request_entity_too_large",
        `The request body is larger than ${limit} bytes.`,
      );
      const response = errorResponse(error, { Connection: "close" });
      return admin ? response : finish(response, limiter?.peek(options.limitKey));
    }
    if (admin) return options.admin.fetch(request, { ...env, bodyText });

    const { delayMs, fault } = faults.pick(routeMethod(method), path, routeName);
    await options.sleepers.sleep(delayMs + options.latencyMs());
    const latency = delayMs > 0 ? "latency" : undefined;

    if (fault?.kind === "reset") return destroy("reset", "reset");
    if (fault?.kind === "status") {
      const status = fault.status ?? 500;
      return finish(errorResponse(new ApiError(status)), limiter?.peek(options.limitKey), "status");
    }
    if (fault?.kind === "rate-limit") {
      // Pretends the quota is spent without spending it: the next requests answer normally.
      const quota = { ...(limiter?.peek(options.limitKey) ?? { limit: 500, resetMs: 60_000 }), remaining: 0 };
      return finish(errorResponse(new ApiError(429)), quota, "rate-limit");
    }

    let quota: RateLimitState | undefined;
    if (limiter) {
      if (route?.limited === false) quota = limiter.peek(options.limitKey);
      else {
        const taken = limiter.take(options.limitKey);
        quota = taken;
        if (!taken.allowed) return finish(errorResponse(new ApiError(429)), quota, latency);
      }
    }
    // Every API path needs a bearer token, matched or not: an unknown path is 401 without one, 404 with one.
    if (route?.auth !== false) {
      try {
        tokens.authenticate(request.headers.get("authorization") ?? undefined);
      } catch (error) {
        if (error instanceof ApiError) return finish(errorResponse(error), quota, latency);
        throw error;
      }
    }

    let response: Response;
    try {
      response = await router.app.fetch(request, { ...env, bodyText });
    } catch (error) {
      console.error("[hotmart-simulator] pipeline error:", error);
      response = errorResponse(new ApiError(500));
    }

    if (fault?.kind === "drop-response") return destroy("dropped", "drop-response");
    if (fault?.kind === "truncate") {
      const text = await response.text();
      const cut = text.slice(0, Math.floor(text.length / 2));
      return finish(
        new Response(cut, { status: 200, headers: { "Content-Type": "application/json;charset=UTF-8" } }),
        quota,
        "truncate",
      );
    }
    if (fault?.kind === "empty") {
      await response.arrayBuffer();
      return finish(
        jsonResponse(200, undefined, { "Content-Type": "application/json;charset=UTF-8" }),
        quota,
        "empty",
      );
    }
    return finish(response, quota, latency);
  };
}

export interface Listening {
  server: Server;
  host: string;
  port: number;
}

export async function listen(
  handler: (request: Request, env: HttpBindings) => Promise<Response>,
  port: number,
  host: string,
): Promise<Listening> {
  const listener = getRequestListener((request, env) => handler(request, env as HttpBindings), {
    // Do not replace the process's global Request/Response: the simulator often runs inside a user's test process.
    overrideGlobalObjects: false,
  });
  const server = createServer((req, res) => {
    void listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { server, host, port: address.port };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
