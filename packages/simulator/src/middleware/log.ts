import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http";
import { type Observer, parseBodyForLog, redactHeaders, redactQuery } from "../stats";
import { routeName } from "./route-name";

/** First in the chain: lets the rest answer, then counts and logs what was answered, secrets redacted. */
export function requestLog(observer: Observer): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const at = Date.now();
    await next();
    const url = new URL(c.req.url);
    const bodyText = c.get("bodyText") ?? "";
    const fault = c.get("fault");
    observer.record(
      {
        method: c.req.method,
        path: url.pathname,
        query: redactQuery(url.searchParams),
        headers: redactHeaders(c.req.raw.headers),
        body: parseBodyForLog(bodyText, c.req.header("content-type")),
        status: c.get("closed") ?? c.res.status,
        at,
        route: routeName(c),
        durationMs: Date.now() - at,
        ...(fault ? { fault } : {}),
      },
      bodyText.length,
    );
  };
}
