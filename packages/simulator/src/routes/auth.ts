import { Hono } from "hono";
import { type Credentials, grantToken, type TokenStore } from "../auth";
import { type AppEnv, handle } from "../http";
import type { Observer } from "../stats";

/** The token host's path (§2.2). It is served from the same origin as the API. */
export const TOKEN_PATH = "/security/oauth/token";

export function tokenRoutes(credentials: Credentials, tokens: TokenStore, observer: Observer): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(
    TOKEN_PATH,
    handle((req) => {
      const type = req.headers.get("content-type") ?? "";
      const form = type.includes("application/x-www-form-urlencoded")
        ? new URLSearchParams(req.bodyText)
        : new URLSearchParams();
      const token = grantToken(
        { authorization: req.headers.get("authorization") ?? undefined, query: req.query.params, form },
        credentials,
        tokens,
      );
      observer.tokenGrant();
      return { body: token, headers: { "Cache-Control": "no-store", Pragma: "no-cache" } };
    }),
  );
  return app;
}
