/**
 * Secret masking. Two layers, because either alone leaks:
 * - by key: any property named like a credential is masked whatever its value;
 * - by value: every secret the client knows (client secret, Basic value, issued access tokens,
 *   hottoks) is registered here and masked wherever it appears inside a string, so a secret that
 *   ends up in an unexpected place (a URL, an echoed body, a third-party error message) is still hidden.
 */

export const REDACTED = "[redacted]";
/** Values that come and go (access tokens, hottoks) kept per scope; pinned secrets are never dropped. */
const MAX_TRANSIENT = 2000;

const SECRET_KEY =
  /^(authorization|proxy-authorization|client_secret|clientsecret|access_token|accesstoken|refresh_token|hottok|x-hotmart-hottok|basic|password|token)$/i;

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // A value already masked is left alone: the pattern would take the ")" or ":" that follows it too.
  [/\b(client_secret|access_token|hottok)=(?!\[redacted\])([^&\s"']+)/gi, `$1=${REDACTED}`],
  [/("(?:client_secret|access_token|hottok)"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`],
];

/**
 * A masking scope. Each client has its own (its credentials and tokens, for its whole life, whatever
 * other clients exist), whose parent is the process-wide scope (webhook secrets, and the patterns).
 * A client's scope is released with the client: cleared by close(), collected with it otherwise.
 */
export class Redactor {
  /** Secrets that live as long as the scope: a client's secret and Basic value. */
  readonly #pinned = new Set<string>();
  /** Secrets that keep coming in a long-running process (tokens): bounded, oldest dropped first. */
  readonly #transient = new Set<string>();
  readonly #parent: Redactor | undefined;

  constructor(parent?: Redactor) {
    this.#parent = parent;
  }

  /**
   * Registers a value that must never be printed. `pinned` values are kept until clear(); others are
   * bounded. Very short values are ignored: masking "a" would garble every line.
   */
  add(secret: string | undefined, pinned = false): void {
    if (!secret || secret.length < 4 || this.#pinned.has(secret)) return;
    if (pinned) {
      this.#transient.delete(secret);
      this.#pinned.add(secret);
      return;
    }
    if (this.#transient.has(secret)) return;
    this.#transient.add(secret);
    if (this.#transient.size > MAX_TRANSIENT) {
      const oldest = this.#transient.values().next().value;
      if (oldest !== undefined) this.#transient.delete(oldest);
    }
  }

  /** Number of values this scope (not its parent) masks. */
  get size(): number {
    return this.#pinned.size + this.#transient.size;
  }

  /** Forgets every value of this scope (the client was closed). */
  clear(): void {
    this.#pinned.clear();
    this.#transient.clear();
  }

  string(text: string): string {
    let out = text;
    for (const set of [this.#pinned, this.#transient]) {
      for (const secret of set) {
        if (out.includes(secret)) out = out.split(secret).join(REDACTED);
      }
    }
    if (this.#parent) return this.#parent.string(out);
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

/**
 * The process-wide scope: webhook secrets, and the parent of every client's scope. It never holds a
 * client's credentials, so any number of clients cannot push one client's secret out of it.
 */
export const globalRedactor = new Redactor();
