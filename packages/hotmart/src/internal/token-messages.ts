/**
 * What a failed token request is and says. Imported by the token manager (auth.ts) when a token request
 * fails, so the sorting of its failures and these sentences do not load with every client: the request
 * had already failed and was being awaited. It imports nothing: the error classes, the retryable statuses
 * and the cause helpers are handed over by auth.ts. Imported here, they would
 * move into the bundles of apps that only receive webhooks (an app bundler emits this chunk there too,
 * and what it shares with the handler joins the handler's up-front chunk; CONTRIBUTING.md, Bundle size).
 */
import type {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  HotmartError,
  ResponseParseError,
} from "../core/errors";
import type { describeCause, sanitizeCause } from "./auth";
import type { AttemptOutcome } from "./http";
import type { Redactor } from "./redact";
import type { Outcome } from "./retry";

/** What auth.ts hands over, in this order (an array: its minified form is the shortest). */
export type TokenFailureKit = readonly [
  typeof APIConnectionTimeoutError,
  typeof APIConnectionError,
  typeof APIError,
  typeof AuthenticationError,
  typeof ResponseParseError,
  /** The statuses a token request is retried on (retry.ts). */
  ReadonlySet<number>,
  typeof describeCause,
  typeof sanitizeCause,
];

/**
 * The codes of a certificate chain the runtime does not trust: most often a corporate proxy or an
 * antivirus that inspects TLS with its own CA. The token request is a client's first, so it says so.
 */
const UNTRUSTED_CERTIFICATE =
  /SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF|CERT_UNTRUSTED|UnknownIssuer/;

/** What a token request, or the wait for one, was doing when close() ended it. */
export const CLOSED_WHILE = {
  request: "during a token request",
  lock: "while it waited for another process's token request",
  retry: "while a token request was waiting to retry",
};

export const closed = (when: keyof typeof CLOSED_WHILE) => `The client was closed ${CLOSED_WHILE[when]}`;

/**
 * A token request that did not bring a token: the outcome decide() retries on (a timeout, a network
 * fault, a retryable status, an unreadable body) with its error, or a throw where retrying cannot help
 * (credentials refused, a token URL that is not Hotmart's).
 */
export function tokenFailure(
  result: Exclude<AttemptOutcome, { kind: "aborted" }>,
  body: unknown,
  safeURL: string,
  timeoutMs: number,
  redactor: Redactor,
  kit: TokenFailureKit,
): { outcome: Outcome; error: HotmartError } {
  const [
    APIConnectionTimeoutError,
    APIConnectionError,
    APIError,
    AuthenticationError,
    ResponseParseError,
    RETRYABLE_STATUS,
    describeCause,
    sanitizeCause,
  ] = kit;
  // The caller never sent its own request: whatever failed here, its write was not applied.
  const known = { outcomeUnknown: false, redactor } as const;
  if (result.kind === "timeout") {
    const error = new APIConnectionTimeoutError(
      `The token request timed out after ${timeoutMs} ms (POST ${safeURL})`,
      known,
    );
    return { outcome: { kind: "timeout" }, error };
  }
  if (result.kind === "network") {
    const cause = sanitizeCause(result.error, redactor);
    const reason = describeCause(result.error);
    const message =
      `The token request could not reach Hotmart (POST ${safeURL}): ${reason}` +
      (UNTRUSTED_CERTIFICATE.test(reason)
        ? ". The server's TLS certificate is not trusted: behind a proxy or antivirus that inspects TLS, " +
          "point NODE_EXTRA_CA_CERTS at its CA certificate (a PEM file) when starting Node"
        : "");
    const error = new APIConnectionError(message, { ...known, cause });
    return { outcome: { kind: "network", error: result.error }, error };
  }
  const { response } = result;
  const init = {
    status: response.status,
    headers: response.headers,
    body,
    method: "POST",
    url: safeURL,
    ...known,
  };
  if (!response.ok) {
    const outcome: Outcome = { kind: "status", status: response.status, headers: response.headers };
    if (RETRYABLE_STATUS.has(response.status)) return { outcome, error: APIError.from(init) };
    // A redirect is not followed (auth.ts): the credentials go to the URL the client was given, or
    // nowhere. Not a refusal of the credentials either; the URL is what to fix. (A browser's fetch
    // reports a redirect it did not follow as status 0, "opaqueredirect".)
    if ((response.status >= 300 && response.status < 400) || response.type === "opaqueredirect") {
      const location = response.headers.get("location");
      throw new AuthenticationError({
        ...init,
        message:
          `The token request answered ${response.status}, a redirect${location ? ` to ${redactor.url(location)}` : ""}, ` +
          "which the SDK does not follow: the token endpoint does not redirect. Set authURL (HOTMART_AUTH_URL) " +
          "to the token endpoint itself, or leave it out for Hotmart's",
      });
    }
    const code = typeof body === "object" && body && "error" in body ? ` (${String(body.error)})` : "";
    throw new AuthenticationError({
      ...init,
      message:
        `Hotmart refused the credentials: token request answered ${response.status}${code}. ` +
        "Check HOTMART_CLIENT_ID, HOTMART_CLIENT_SECRET and HOTMART_BASIC (or the clientId, clientSecret and " +
        "basic options); sandbox credentials only work with sandbox: true",
    });
  }
  // A 2xx body that is empty, or JSON cut off mid-way, is a transport fault, retried like an API
  // response's; an HTML or text page, or JSON without an access_token, is a token URL that is not
  // Hotmart's, and says so at once.
  if (body === undefined || (typeof body === "string" && /^\s*[[{]/.test(result.text))) {
    const message = `The token request answered ${response.status} with a body that is not JSON (${result.text.length} bytes); it may have been cut off`;
    const error = new ResponseParseError(message, {
      status: response.status,
      contentType: response.headers.get("content-type") ?? undefined,
      // Not even a snippet: a token response cut off may hold part of a token the redactor never saw.
      body: "",
      ...known,
    });
    return { outcome: { kind: "unreadable" }, error };
  }
  throw new AuthenticationError({
    ...init,
    body: redactor.value(body),
    message: "The token response had no access_token; the auth URL may not be Hotmart's token endpoint",
  });
}
