/**
 * Custom Response (§6): `select=a,b.c` keeps only those dot paths. On paginated endpoints the paths
 * are relative to each item and `page_info` is kept; arrays apply the rest of the path to every
 * element; when no path matches anything the answer is `{}`.
 */
type PathTree = Map<string, PathTree | true>;

export function parseSelect(select: string): PathTree {
  const root: PathTree = new Map();
  for (const path of select.split(",")) {
    const segments = path
      .trim()
      .split(".")
      .filter((s) => s !== "");
    let node = root;
    for (const [i, segment] of segments.entries()) {
      const existing = node.get(segment);
      if (existing === true) break;
      if (i === segments.length - 1) {
        node.set(segment, true);
        break;
      }
      const child: PathTree = existing ?? new Map();
      node.set(segment, child);
      node = child;
    }
  }
  return root;
}

interface Projected {
  value: unknown;
  matched: boolean;
}

function project(value: unknown, tree: PathTree): Projected {
  if (Array.isArray(value)) {
    let matched = false;
    const out = value.map((element) => {
      const p = project(element, tree);
      matched ||= p.matched;
      return p.value;
    });
    return { value: out, matched };
  }
  if (typeof value !== "object" || value === null) return { value, matched: false };
  const out: Record<string, unknown> = {};
  let matched = false;
  for (const [key, child] of Object.entries(value)) {
    const sub = tree.get(key);
    if (sub === undefined) continue;
    if (sub === true) {
      out[key] = child;
      matched = true;
      continue;
    }
    if (typeof child !== "object" || child === null) continue;
    const p = project(child, sub);
    if (p.matched) {
      out[key] = p.value;
      matched = true;
    }
  }
  return { value: out, matched };
}

function isPage(body: unknown): body is { items: unknown[]; page_info: unknown } {
  return (
    typeof body === "object" &&
    body !== null &&
    Array.isArray((body as { items?: unknown }).items) &&
    "page_info" in body
  );
}

export function applySelect(body: unknown, select: string | undefined): unknown {
  if (select === undefined || select.trim() === "" || body === undefined) return body;
  const tree = parseSelect(select);
  if (tree.size === 0) return body;
  if (isPage(body)) {
    if (body.items.length === 0) return body;
    const p = project(body.items, tree);
    return p.matched ? { items: p.value, page_info: body.page_info } : {};
  }
  if (Array.isArray(body) && body.length === 0) return body;
  if (typeof body === "object" && body !== null && !Array.isArray(body) && Object.keys(body).length === 0)
    return body;
  const p = project(body, tree);
  return p.matched ? p.value : {};
}
