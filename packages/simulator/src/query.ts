import { ApiError, badValue } from "./errors";

/**
 * Typed reads of query parameters. Hotmart rejects a value it cannot parse with 400
 * `invalid_value_parameter` (§5.2); unknown parameters are ignored, as Hotmart ignores them.
 */
export class Query {
  readonly params: URLSearchParams;

  constructor(params: URLSearchParams) {
    this.params = params;
  }

  has(name: string): boolean {
    const value = this.params.get(name);
    return value !== null && value !== "";
  }

  string(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === "" ? undefined : value;
  }

  /** Every value of a repeatable parameter (`plan=Gold&plan=Silver`). */
  strings(name: string): string[] {
    return this.params.getAll(name).filter((v) => v !== "");
  }

  int(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw badValue(name, value, "an integer");
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw badValue(name, value, "an integer");
    return n;
  }

  /** Epoch milliseconds. */
  date(name: string): number | undefined {
    const n = this.int(name);
    if (n !== undefined && n < 0) throw badValue(name, String(n), "epoch milliseconds");
    return n;
  }

  bool(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw badValue(name, value, "true or false");
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw badValue(name, value, allowed.join(", "));
    return value as T;
  }

  /**
   * A repeatable enum (`status=ACTIVE&status=DELAYED`). Several values repeat the key, as Hotmart
   * documents (§1.2); a comma list (`status=ACTIVE,DELAYED`) is one value it does not know, a 400 like
   * any unknown status: accepting it here would let code pass that reads nothing, or an error, from
   * Hotmart.
   */
  manyOf<T extends string>(name: string, allowed: readonly T[]): T[] {
    const values = this.strings(name);
    for (const value of values) {
      if (!(allowed as readonly string[]).includes(value)) throw badValue(name, value, allowed.join(", "));
    }
    return values as T[];
  }

  /** Club endpoints answer 422 when a required parameter is missing (§8.5). */
  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) {
      throw new ApiError(422, "invalid_parameter", `Required parameter '${name}' is not present.`);
    }
    return value;
  }
}

/** An inclusive [from, to] range; either end may be open. */
export function inRange(
  value: number | undefined,
  from: number | undefined,
  to: number | undefined,
): boolean {
  if (from === undefined && to === undefined) return true;
  if (value === undefined) return false;
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

export function containsText(haystack: string | undefined, needle: string): boolean {
  return haystack?.toLowerCase().includes(needle.toLowerCase()) ?? false;
}

export function sameText(a: string | undefined, b: string): boolean {
  // The length check first: it rejects almost every row of a 100 000-sale scan without lower-casing.
  return a !== undefined && a.length === b.length && (a === b || a.toLowerCase() === b.toLowerCase());
}
