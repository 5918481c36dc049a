import { z } from "zod";

/**
 * A response schema of `hotmart/schemas` as a tool's output schema: the same fields, types and
 * descriptions for the client to read, but any field may be absent, null or of another type, and
 * objects keep unknown keys. The MCP SDK checks `structuredContent` against the output schema on the
 * server, and clients check it again, so one record that strayed from the documented shape (a
 * `warranty_expire_date: null`, a price `"97.00"`, an ISO date where epoch milliseconds are documented,
 * `buyer: "Ana"`) failed the whole call with "Output validation error", read as the caller's fault, and
 * lost the good records beside it. The SDK itself does not validate responses by default: the tools
 * hand on what Hotmart sent, as the SDK does.
 *
 * Each field renders in `tools/list` as `{"anyOf": [<documented type>, {}], "description": …}`:
 * the documented type first, for the client to read, then "anything" for the data that drifts.
 */
export function lenient(schema: z.ZodType): z.ZodType {
  const out = documented(schema);
  const meta = metaOf(schema);
  return meta ? out.meta(meta) : out;
}

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The wrappers a response schema may put around the documented type (the field's `anyOf` takes absence). */
const WRAPPERS = new Set(["optional", "nullable", "default", "nonoptional"]);

/**
 * The documented type with lenient fields, without the description (the field that holds it carries it,
 * once, outside its `anyOf`).
 */
function documented(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  // A documented null stays in the documented type; absence and the other wrappers are the field's.
  if (def.type === "nullable") return documented(def.innerType as z.ZodType).nullable();
  if (WRAPPERS.has(def.type)) return documented(def.innerType as z.ZodType);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      return z.looseObject(
        Object.fromEntries(
          Object.entries(shape).map(([key, field]) => [key, lenientField(field).optional()]),
        ),
      );
    }
    case "array":
      return z.array(lenientField(def.element as z.ZodType));
    case "record":
      return z.record(z.string(), lenientField(def.valueType as z.ZodType));
    default:
      // A leaf: the same type (open enums already take any string), a copy without its description.
      return schema.clone();
  }
}

/** The description and other metadata of a schema and of the wrappers around it, the outer ones last. */
function metaOf(schema: z.ZodType): Record<string, unknown> | undefined {
  const def = defOf(schema);
  const inner = WRAPPERS.has(def.type) ? metaOf(def.innerType as z.ZodType) : undefined;
  const own = z.globalRegistry.get(schema);
  return inner || own ? { ...inner, ...own } : undefined;
}

/** A field, array element or record value: the documented type, or anything Hotmart sends instead (null too). */
function lenientField(schema: z.ZodType): z.ZodType {
  const field = z.union([documented(schema), z.unknown()]);
  const meta = metaOf(schema);
  return meta ? field.meta(meta) : field;
}
