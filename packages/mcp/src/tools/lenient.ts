import { z } from "zod";

/**
 * A response schema of `hotmart/schemas` as a tool's output schema: the same fields, types and
 * descriptions for the client to read, but every field may be absent or null and objects keep unknown
 * keys. The MCP SDK checks `structuredContent` against the output schema on the server, and clients
 * check it again, so one record that strays from the documented shape (a `warranty_expire_date: null`)
 * failed the whole call with "Output validation error", read as the caller's fault, and lost the good
 * records beside it. The SDK itself does not validate responses by default: the tools hand on what
 * Hotmart sent, as the SDK does.
 */
export function lenient(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  let out: z.ZodType;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "nonoptional":
      out = lenient(def.innerType as z.ZodType);
      break;
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      out = z.looseObject(
        Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, lenientField(field)])),
      );
      break;
    }
    case "array":
      out = z.array(lenient(def.element as z.ZodType).nullable());
      break;
    case "record":
      out = z.record(z.string(), lenient(def.valueType as z.ZodType).nullable());
      break;
    default:
      // Leaves keep their type (open enums already take any string).
      return schema;
  }
  const meta = z.globalRegistry.get(schema);
  return meta ? out.meta(meta) : out;
}

/** A field (or array element) that may be absent or null, as real records sometimes have it. */
function lenientField(schema: z.ZodType): z.ZodType {
  const inner = lenient(schema);
  return inner.nullable().optional();
}
