import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import { routeMethod } from "../path";
import { noRoute } from "../stats";

/**
 * "METHOD /template" of the route Hono matched (the key of stats() and of fault routes), or one
 * "METHOD (no route)" bucket. Middleware are registered for method ALL; the first other match is the
 * handler that answers. HEAD is matched, named and counted as GET.
 */
export function routeName(c: Context): string {
  const method = routeMethod(c.req.method);
  const route = matchedRoutes(c).find((r) => r.method !== "ALL");
  return route ? `${method} ${route.path}` : noRoute(method);
}
