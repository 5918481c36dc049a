/**
 * Secret masking for everything the simulator records or echoes (the request log, error bodies, the
 * console). Two layers, as the SDK's own redactor has, because either alone leaks:
 * - by key: a query, form or JSON field named like a credential is masked whatever its value, at any
 *   depth;
 * - by value: the secrets the simulator knows (the client secret, the Basic value, the hottoks) and
 *   anything shaped like a credential (the access tokens it issues, "Bearer …", "Basic …") are masked
 *   wherever they appear inside a string, so a secret sent under an unusual key, nested in a body or
 *   put in a path is still hidden.
 */

export const REDACTED = "[redacted]";

/** The SDK's list (packages/hotmart/src/internal/redact.ts): the same names are masked on both sides. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|client_secret|clientsecret|access_token|accesstoken|refresh_token|hottok|x-hotmart-hottok|basic|password|token)$/i;

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // The tokens the simulator issues, as Hotmart's: a compact JWT ("eyJ" is `{"` in base64url), from the
  // start of a word. Without the lookbehind every "eyJ" inside a run was a start, each scanning the rest
  // of the run for its dot: a 450 kB body of "eyJeyJ..." held the simulator's one thread for a minute.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, REDACTED],
  [/\b(Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Raw text the log could not parse (a body nested too deep, a form sent without its content type).
  [/\b(client_secret|access_token|refresh_token|hottok)=(?!\[redacted\])([^&\s"']+)/gi, `$1=${REDACTED}`],
  [
    /("(?:client_secret|access_token|refresh_token|hottok)"\s*:\s*")(?!\[redacted\])[^"]*(")/gi,
    `$1${REDACTED}$2`,
  ],
];

/** Shorter values are not masked by value: masking "a" everywhere would garble every entry. */
const MIN_SECRET_LENGTH = 4;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class SecretMask {
  readonly #known = new Set<string>();
  /** One pattern for every known value, longest first: one pass masks them all and nothing twice. */
  #pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /**
   * Masks `secret` from now on: as sent, as a path or a query encodes it (a path is logged as sent,
   * and so is a body that is neither JSON nor declared a form), and as a form decodes a "+" sent unencoded.
   */
  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.#known.has(secret)) return;
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      secret.replaceAll("+", " "),
    ];
    for (const form of forms) this.#known.add(form);
    const sorted = [...this.#known].sort((a, b) => b.length - a.length);
    this.#pattern = new RegExp(sorted.map(escapeRegExp).join("|"), "g");
  }

  string(text: string): string {
    let out = this.#pattern ? text.replace(this.#pattern, REDACTED) : text;
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /**
   * A copy of parsed JSON with secrets masked: fields named like a credential at any depth, and known
   * values inside every string. Keys are kept as sent, for the reader.
   */
  value(value: unknown): unknown {
    if (typeof value === "string") return this.string(value);
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // defineProperty: a "__proto__" key the client sent stays a plain field of the copy.
      Object.defineProperty(out, key, {
        value: SECRET_KEY.test(key) && inner !== null && inner !== "" ? REDACTED : this.value(inner),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /** Query or form parameters: repeated keys become arrays. */
  params(params: URLSearchParams): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key).map((v) => (SECRET_KEY.test(key) ? REDACTED : this.string(v)));
      out[key] = values.length === 1 ? (values[0] as string) : values;
    }
    return out;
  }

  /**
   * Lower-case names. Authorization keeps only its scheme ("Bearer [redacted]", for the reader); a
   * value with no scheme ("eyJ..." alone, a client that forgot "Bearer ") is the credential itself.
   */
  headers(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (name === "authorization" || name === "proxy-authorization") {
        const scheme = /^(\S+)\s+\S/.exec(value.trim())?.[1];
        out[name] = scheme === undefined ? REDACTED : `${this.string(scheme)} ${REDACTED}`;
      } else if (name === "x-hotmart-hottok") out[name] = REDACTED;
      else out[name] = this.string(value);
    });
    return out;
  }
}
