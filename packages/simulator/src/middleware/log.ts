import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http";
import type { SecretMask } from "../secrets";
import { type Observer, parseBodyForLog } from "../stats";
import { routeName } from "./route-name";

/**
 * First in the chain: lets the rest answer, then counts and logs what was answered. Every part of the
 * request a client chose freely (path, query, headers, body; Node refuses unknown methods) goes through the mask: a secret can be sent
 * anywhere, under any name.
 */
export function requestLog(observer: Observer, mask: SecretMask): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const at = Date.now();
    await next();
    const url = new URL(c.req.url);
    const bodyText = c.get("bodyText") ?? "";
    const fault = c.get("fault");
    observer.record(
      {
        method: c.req.method,
        path: mask.string(url.pathname),
        query: mask.params(url.searchParams),
        headers: mask.headers(c.req.raw.headers),
        body: parseBodyForLog(bodyText, c.req.header("content-type"), mask),
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
