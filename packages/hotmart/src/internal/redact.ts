/**
 * Secret masking. Two layers, because either alone leaks:
 * - by key: any property named like a credential is masked whatever its value;
 * - by value: every secret the client knows (client secret, Basic value, issued access tokens,
 *   hottoks) is registered here and masked wherever it appears inside a string, so a secret that
 *   ends up in an unexpected place (a URL, an echoed body, a third-party error message) is still hidden.
 */

export const REDACTED = "[redacted]";
const MAX_SECRETS = 2000;

const SECRET_KEY =
  /^(authorization|proxy-authorization|client_secret|clientsecret|access_token|accesstoken|refresh_token|hottok|x-hotmart-hottok|basic|password|token)$/i;

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/\b(client_secret|access_token|hottok)=([^&\s"']+)/gi, `$1=${REDACTED}`],
  [/("(?:client_secret|access_token|hottok)"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`],
];

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a value that must never be printed. Very short values are ignored: masking "a" would garble every line. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < 4 || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    // Bounded: short-lived tokens keep coming in a long-running process. Oldest are dropped first.
    if (this.#secrets.size > MAX_SECRETS) {
      const oldest = this.#secrets.values().next().value;
      if (oldest !== undefined) this.#secrets.delete(oldest);
    }
  }

  string(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** Deep copy of `value` with secrets masked; cycles and depth are bounded so logging never throws. */
  value(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
    if (typeof value === "string") return this.string(value);
    if (value === null || typeof value !== "object") return value;
    if (depth > 8) return "[depth limit]";
    if (seen.has(value)) return "[circular]";
    seen.add(value);
    if (value instanceof Error) {
      return { name: value.name, message: this.string(value.message) };
    }
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1, seen));
    if (typeof Headers !== "undefined" && value instanceof Headers) {
      return this.value(Object.fromEntries(value.entries()), depth + 1, seen);
    }
    if (value instanceof URL) return this.url(value.toString());
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] =
        SECRET_KEY.test(key) && inner !== undefined && inner !== ""
          ? REDACTED
          : this.value(inner, depth + 1, seen);
    }
    return out;
  }

  /** A URL safe to print: secret query parameters masked, user info dropped. */
  url(raw: string): string {
    try {
      const url = new URL(raw);
      url.username = "";
      url.password = "";
      for (const key of [...url.searchParams.keys()]) {
        if (SECRET_KEY.test(key)) url.searchParams.set(key, REDACTED);
      }
      return this.string(url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
    } catch {
      return this.string(raw);
    }
  }
}

/** A process-wide redactor for code paths that run before a client exists (errors built from raw input). */
export const globalRedactor = new Redactor();
