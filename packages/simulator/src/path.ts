/**
 * One spelling per path, decided once, before anything reads it: the log, the faults, the rate limit,
 * the bearer check and the router all see the same string, so `/sales/%68istory` cannot reach a
 * handler that the check thought was some other path. Each segment is percent-decoded and encoded
 * again as `encodeURIComponent` does (what the SDK sends, so the log shows a path as the SDK wrote
 * it); a `%2F` stays an encoded character inside its segment, never a separator.
 */
export function normalisePath(rawPath: string): string {
  return rawPath.split("/").map(canonicalSegment).join("/");
}

function canonicalSegment(segment: string): string {
  if (/^[\w.~!'()-]*$/.test(segment)) return segment;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Malformed escapes ("%zz", a lone surrogate) are taken literally: an unknown path, not a crash.
    decoded = segment;
  }
  // A literal "*" would read as a wildcard to Hono's router (it matched the middleware twice).
  return encodeURIComponent(decoded).replace(/\*/g, "%2A");
}

/** The request with its URL's path in canonical form (the same object when it already was). */
export function withCanonicalPath(request: Request, url: URL): { request: Request; url: URL } {
  const path = normalisePath(url.pathname);
  if (path === url.pathname) return { request, url };
  const canonical = new URL(url);
  canonical.pathname = path;
  // The body goes along: a write respelled (`/subscriptions/%43ODE`) is the same write.
  const { method, headers, body } = request;
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (body) Object.assign(init, { body, duplex: "half" });
  return { request: new Request(canonical, init), url: canonical };
}

/** HEAD is a GET without a body: the same route, the same bearer check, faults and counters. */
export function routeMethod(method: string): string {
  return method === "HEAD" ? "GET" : method;
}
