import { afterAll, beforeAll, expect, it } from "vitest";
import { call, type Harness, harness, text } from "./helpers";
import { READ_TOOLS } from "./names";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h?.close());

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}

/** A plausible value for a property of a tool's input schema. */
function sample(name: string, schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf)
    return name.includes("date") || name === "last_update"
      ? "2026-10-01"
      : sample(name, schema.anyOf[0] ?? {});
  switch (schema.type) {
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [sample(name, schema.items ?? {})];
    default:
      return name.includes("email") ? "someone@example.com" : "x";
  }
}

it("every filter of every read tool is a parameter the SDK accepts (the schemas mirror the SDK's params)", async () => {
  const { tools } = await h.mcp.listTools();
  for (const tool of tools.filter((t) => READ_TOOLS.includes(t.name))) {
    const props = (tool.inputSchema as JsonSchema).properties ?? {};
    const args = Object.fromEntries(
      Object.entries(props)
        .filter(([k]) => k !== "cursor")
        .map(([k, v]) => [k, sample(k, v)]),
    );
    const result = await call(h.mcp, tool.name, args);
    // Hotmart (the simulator) may refuse made-up values; the SDK's own input checks must not.
    expect(text(result), tool.name).not.toMatch(/^Invalid input/);
    expect(text(result), tool.name).not.toMatch(/Input validation error/);
  }
});
