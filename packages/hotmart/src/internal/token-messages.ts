/**
 * What a failed token request says. Imported by the token manager (auth.ts) when a token request fails,
 * so these sentences do not load with every client: the request had already failed and was being
 * awaited. It imports nothing: a lazy module that imported the error classes would move them into the
 * bundles of apps that only receive webhooks (CONTRIBUTING.md, Bundle size).
 */
export const timedOut = (timeoutMs: number, safeURL: string) =>
  `The token request timed out after ${timeoutMs} ms (POST ${safeURL})`;

/**
 * The codes of a certificate chain the runtime does not trust: most often a corporate proxy or an
 * antivirus that inspects TLS with its own CA. The token request is a client's first, so it says so.
 */
const UNTRUSTED_CERTIFICATE =
  /SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF|CERT_UNTRUSTED|UnknownIssuer/;

export const unreachable = (safeURL: string, cause: string) =>
  `The token request could not reach Hotmart (POST ${safeURL}): ${cause}` +
  (UNTRUSTED_CERTIFICATE.test(cause)
    ? ". The server's TLS certificate is not trusted: behind a proxy or antivirus that inspects TLS, " +
      "point NODE_EXTRA_CA_CERTS at its CA certificate (a PEM file) when starting Node"
    : "");

export const refused = (status: number, code: string) =>
  `Hotmart refused the credentials: token request answered ${status}${code}. ` +
  "Check HOTMART_CLIENT_ID, HOTMART_CLIENT_SECRET and HOTMART_BASIC (or the clientId, clientSecret and " +
  "basic options); sandbox credentials only work with sandbox: true";

export const NO_ACCESS_TOKEN =
  "The token response had no access_token; the auth URL may not be Hotmart's token endpoint";

export const unreadable = (status: number, bytes: number) =>
  `The token request answered ${status} with a body that is not JSON (${bytes} bytes); it may have been cut off`;

/** What a token request, or the wait for one, was doing when close() ended it. */
export const CLOSED_WHILE = {
  request: "during a token request",
  lock: "while it waited for another process's token request",
  retry: "while a token request was waiting to retry",
};

export const closed = (when: keyof typeof CLOSED_WHILE) => `The client was closed ${CLOSED_WHILE[when]}`;
