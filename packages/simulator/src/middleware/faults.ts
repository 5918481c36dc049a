import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "../errors";
import type { FaultInjector } from "../faults";
import { type AppEnv, errorResponse, JSON_TYPE, jsonResponse } from "../http";
import { routeMethod } from "../path";
import { DEFAULT_LIMIT, DEFAULT_WINDOW_MS, type RateLimitState, rateLimitHeaders } from "../rate-limit";
import type { Sleepers } from "../sleep";
import { routeName } from "./route-name";

export interface FaultOptions {
  faults: FaultInjector;
  sleepers: Sleepers;
  /** The simulator-wide extra latency. */
  latencyMs: () => number;
  /** The quota as it stands, for the headers of the answers a fault makes up. */
  quota: () => RateLimitState | undefined;
}

/** Replaces the answer outright: Hono's setter would otherwise merge the old answer's headers in. */
function replace(c: Context<AppEnv>, response: Response): void {
  c.res = undefined;
  c.res = response;
}

/** Closes the connection without an answer; works on the Node socket, which a Response cannot do. */
function close(c: Context<AppEnv>, how: "reset" | "dropped"): Response {
  c.env.incoming.socket?.destroy();
  c.set("closed", how);
  replace(c, RESPONSE_ALREADY_SENT);
  return RESPONSE_ALREADY_SENT;
}

function withQuota(response: Response, quota: RateLimitState | undefined): Response {
  if (quota) for (const [k, v] of Object.entries(rateLimitHeaders(quota))) response.headers.set(k, v);
  return response;
}

/**
 * The faults tests asked for (src/faults.ts): latency, and the kinds that answer instead of the
 * route run before the rest of the chain; the kinds that spoil an answer (truncate, empty, drop)
 * run after the route has applied the request.
 */
export function faultInjection(options: FaultOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { delayMs, fault } = options.faults.pick(routeMethod(c.req.method), c.req.path, routeName(c));
    await options.sleepers.sleep(delayMs + options.latencyMs());
    if (delayMs > 0) c.set("fault", "latency");
    const kind = fault?.kind;
    if (kind) c.set("fault", kind);

    if (kind === "reset") return close(c, "reset");
    if (kind === "status")
      return withQuota(errorResponse(new ApiError(fault?.status ?? 500)), options.quota());
    if (kind === "rate-limit") {
      // Pretends the quota is spent without spending it: the next requests answer normally. The headers
      // are the API quota's or, with no quota (rateLimit: false), those of Hotmart's default window just
      // opened (reset 60 s). On the token endpoint too: the simulator's choice, as Hotmart does not
      // document whether or how its token host limits (§4), and the SDK waits that reset before it asks
      // for a token again (the README's Faults section says so).
      const quota = {
        ...(options.quota() ?? { limit: DEFAULT_LIMIT, resetMs: DEFAULT_WINDOW_MS }),
        remaining: 0,
      };
      return withQuota(errorResponse(new ApiError(429)), quota);
    }

    await next();

    if (kind === "drop-response") close(c, "dropped");
    else if (kind === "truncate") {
      const text = await c.res.text();
      c.res = new Response(text.slice(0, Math.floor(text.length / 2)), {
        status: 200,
        headers: { "Content-Type": JSON_TYPE },
      });
    } else if (kind === "empty") {
      await c.res.arrayBuffer();
      c.res = jsonResponse(200, undefined, { "Content-Type": JSON_TYPE });
    }
  };
}
