/** Nested records as flat rows: `{ buyer: { email } }` becomes the column `buyer.email`. */

export type Cell = string | number | boolean | null | undefined;
export type FlatRow = Record<string, Cell>;

/** Objects are walked into dot paths; arrays stay one cell (JSON), so a row keeps a fixed width. */
export function flatten(value: unknown, prefix = "", out: FlatRow = {}): FlatRow {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    out[prefix || "value"] = cellOf(value);
    return out;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 && prefix) out[prefix] = undefined;
  for (const [key, child] of entries) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child !== null && typeof child === "object" && !Array.isArray(child)) flatten(child, path, out);
    else out[path] = cellOf(child);
  }
  return out;
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return value;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.length === 0) return "";
  return JSON.stringify(value);
}

/**
 * The union of the rows' columns, in the order they first appear. An object that was empty in one row
 * (`tracking: {}`, a column of its own) and has fields in another (`tracking.source`) is shown by those
 * fields, where the empty one stood: an always-blank `tracking` column beside them would say nothing.
 */
export function columnsOf(rows: readonly FlatRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  const all = [...seen];
  const children = (parent: string) => all.filter((key) => key.startsWith(`${parent}.`));
  const out = new Set<string>();
  for (const key of all) {
    const fields = children(key);
    if (fields.length === 0) out.add(key);
    else for (const field of fields) out.add(field);
  }
  return [...out];
}

/** Reads a dot path from a nested record (for `--columns` on records that were not flattened). */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
