import type { MiddlewareHandler } from "hono";
import type { TokenStore } from "../auth";
import type { AppEnv } from "../http";

/**
 * The bearer check, for every path it is mounted on, routed or not: an unknown API path is 401
 * without a token (and 404 only with one), so no spelling of a path can skip it.
 */
export function bearerAuth(tokens: TokenStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Throws the 401 Hotmart answers; the app's onError turns it into the response.
    tokens.authenticate(c.req.header("authorization"));
    await next();
  };
}
