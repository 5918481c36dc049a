import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors";
import { type AppEnv, errorResponse } from "../http";
import { type RateLimiter, rateLimitHeaders } from "../rate-limit";

/**
 * Hotmart's quota (src/rate-limit.ts): spends one call, or answers 429, and puts the quota headers
 * on every answer. `spend: false` only adds the headers: the token endpoint spends no API quota and
 * shows the API's, a simulator choice (Hotmart does not document how its token host limits, §4).
 */
export function rateLimit(limiter: RateLimiter, key: string, spend = true): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const taken = spend ? limiter.take(key) : { ...limiter.peek(key), allowed: true };
    if (!taken.allowed) {
      c.res = errorResponse(new ApiError(429), rateLimitHeaders(taken));
      return;
    }
    await next();
    for (const [name, value] of Object.entries(rateLimitHeaders(taken))) c.res.headers.set(name, value);
  };
}
