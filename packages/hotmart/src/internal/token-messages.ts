/**
 * What a failed token request says. Imported by the token manager (auth.ts) when a token request fails,
 * so these sentences do not load with every client: the request had already failed and was being
 * awaited. It imports nothing: a lazy module that imported the error classes would move them into the
 * bundles of apps that only receive webhooks (CONTRIBUTING.md, Bundle size).
 */
export const timedOut = (timeoutMs: number, safeURL: string) =>
  `The token request timed out after ${timeoutMs} ms (POST ${safeURL})`;

export const unreachable = (safeURL: string, cause: string) =>
  `The token request could not reach Hotmart (POST ${safeURL}): ${cause}`;

export const refused = (status: number, code: string) =>
  `Hotmart refused the credentials: token request answered ${status}${code}. ` +
  "Check HOTMART_CLIENT_ID, HOTMART_CLIENT_SECRET and HOTMART_BASIC (or the clientId, clientSecret and " +
  "basic options); sandbox credentials only work with sandbox: true";

export const NO_ACCESS_TOKEN =
  "The token response had no access_token; the auth URL may not be Hotmart's token endpoint";
