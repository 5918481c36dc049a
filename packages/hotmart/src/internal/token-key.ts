/**
 * The token store key of a credential. Imported by the token manager (auth.ts) on its first token(), so
 * the digest does not load with every client.
 *
 * It names the token URL, the client id and a SHA-256 digest of the secret and Basic value, never the
 * secret itself. Named by the client id alone, a store given to two clients on one id with different
 * secrets (a rotation, or a tenant of a multi-account app who typed another's id) served the right
 * secret's token to the wrong one, which then read that account's data.
 */
export async function tokenKey(o: {
  authURL: string;
  clientId: string;
  clientSecret: string;
  basic: string;
}): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${o.clientSecret}\n${o.basic}`),
  );
  return `hotmart-token:${o.authURL}:${o.clientId}:${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}
