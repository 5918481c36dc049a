import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import type { TokenStore } from "./auth";
import type { SimContext } from "./context";
import { ApiError } from "./errors";
import type { FaultInjector } from "./faults";
import { type AppEnv, jsonResponse } from "./http";
import { bearerAuth } from "./middleware/auth";
import { bodyLimit } from "./middleware/body";
import { faultInjection } from "./middleware/faults";
import { requestLog } from "./middleware/log";
import { rateLimit } from "./middleware/rate-limit";
import { withCanonicalPath } from "./path";
import type { RateLimiter } from "./rate-limit";
import { CLUB_BASE, clubRoutes } from "./routes/club";
import { COUPONS_BASE, couponRoutes } from "./routes/coupons";
import { EVENTS_BASE, eventRoutes } from "./routes/events";
import { NEGOTIATION_BASE, negotiationRoutes } from "./routes/negotiation";
import { PRODUCTS_BASE, productRoutes } from "./routes/products";
import { SALES_BASE, salesRoutes } from "./routes/sales";
import { SUBSCRIPTIONS_BASE, subscriptionRoutes } from "./routes/subscriptions";
import type { SecretMask } from "./secrets";
import type { Sleepers } from "./sleep";
import type { Observer } from "./stats";

export interface AppOptions {
  ctx: SimContext;
  /** The token endpoint: logged and faulted, but it spends no API quota and needs no bearer token. */
  token: Hono<AppEnv>;
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
  /** Masks secrets in the log, in the error bodies that echo what a client sent, and on the console. */
  mask: SecretMask;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The API as one Hono app. Every request runs: log → body → faults → rate limit → bearer check →
 * the route of its API group (the token endpoint answers before the rate limit and the bearer
 * check). The path was normalised before Hono saw it (see `createFetch`), so the chain, the router
 * and the log all read the same path.
 */
export function createApi(options: AppOptions): Hono<AppEnv> {
  const { ctx, limiter, limitKey, mask } = options;
  // An error body can echo what the client sent (a parameter's value, the path): a secret sent there
  // by mistake must not come back in the answer, where the client's own error message would print it.
  const answer = (error: ApiError, headers: Record<string, string> = {}) =>
    jsonResponse(error.status, mask.value(error.body), { ...error.headers, ...headers });
  const api = new Hono<AppEnv>({ getPath: canonicalPath });
  api.use(requestLog(options.observer, mask));
  api.use(bodyLimit(options.maxBodyBytes));
  api.use(faultInjection({ ...options, quota: () => limiter?.peek(limitKey) }));
  if (limiter) api.use("/security/*", rateLimit(limiter, limitKey, false));
  api.route("/", options.token);
  if (limiter) api.use(rateLimit(limiter, limitKey));
  api.use(bearerAuth(options.tokens));
  api.route(SALES_BASE, salesRoutes(ctx));
  api.route(SUBSCRIPTIONS_BASE, subscriptionRoutes(ctx));
  api.route(NEGOTIATION_BASE, negotiationRoutes(ctx));
  api.route(PRODUCTS_BASE, productRoutes(ctx));
  api.route(COUPONS_BASE, couponRoutes(ctx));
  api.route(CLUB_BASE, clubRoutes(ctx));
  api.route(EVENTS_BASE, eventRoutes(ctx));

  api.notFound((c) => {
    const path = c.req.path;
    // A path some other method serves is 405 with Allow, as Hotmart's gateway answers.
    const allowed = METHODS.filter((m) =>
      api.router.match(m, path)[0].some(([[, route]]) => route.method !== "ALL"),
    );
    if (allowed.length > 0) {
      const error = new ApiError(
        405,
        "method_not_allowed",
        `Request method '${c.req.method}' not supported.`,
      );
      return answer(error, { Allow: allowed.join(", ") });
    }
    return answer(new ApiError(404, "not_found", `No resource at ${c.req.method} ${path}.`));
  });
  api.onError((error) => {
    if (error instanceof ApiError) return answer(error);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`[hotmart-simulator] handler error: ${mask.string(detail)}`);
    return answer(new ApiError(500));
  });
  return api;
}

/**
 * The path as `createFetch` made it canonical, read as it is. Hono's own getPath decodes it again,
 * and turns `%2A` back into a "*" that its router takes for a wildcard: `/%2A` then ran every
 * middleware twice, and the body was read twice (500). Path parameters are still decoded by Hono.
 */
function canonicalPath(request: Request): string {
  const { url } = request;
  const start = url.indexOf("/", url.indexOf("://") + 3);
  if (start === -1) return "/";
  const end = url.indexOf("?", start);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

/**
 * The server's entry: normalise the path once, before anything reads it, then hand the request to
 * the admin app (no auth, no faults, not logged) or to the API.
 */
export function createFetch(api: Hono<AppEnv>, admin: Hono<AppEnv>) {
  return (incoming: Request, env: HttpBindings): Response | Promise<Response> => {
    const { request, url } = withCanonicalPath(incoming, new URL(incoming.url));
    const path = url.pathname;
    const app = path === "/__admin" || path.startsWith("/__admin/") ? admin : api;
    return app.fetch(request, env);
  };
}
