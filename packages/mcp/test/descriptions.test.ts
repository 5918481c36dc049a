/**
 * Issue 12 item 7: a model picks the right tool from its description, in Portuguese or English. Each
 * description names what it answers in the seller's Portuguese words as well as in English, and points to
 * a neighbouring tool for the questions it does not answer.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, harness } from "./helpers";
import { ANSWER_TOOLS, READ_TOOLS, WRITE_TOOLS } from "./names";

/** The words a Brazilian seller uses (stems, accents as written). */
const PORTUGUESE =
  /\b(vend|compr|assinatur|assinant|alun|cupo|cupom|reembols|estorno|inadimpl|comiss|produto|aula|módulo|lote|ingresso|recorr|pagament|área de membros|faturamento|parcela|oferta|plano|negocia|cancel|reativ|vencimento|acesso|progresso|cobran|receita|juros|evento|dados|resumo)/i;

let h: Harness;
beforeAll(async () => {
  h = await harness({ allowWrites: true });
});
afterAll(() => h?.close());

it("every tool's description uses the seller's Portuguese words and says which neighbour to use instead", async () => {
  const { tools } = await h.mcp.listTools();
  const all = [...READ_TOOLS, ...ANSWER_TOOLS, ...WRITE_TOOLS];
  expect(tools.map((t) => t.name).sort()).toEqual([...all].sort());
  const missing: string[] = [];
  for (const tool of tools) {
    const text = `${tool.title ?? ""} ${tool.description ?? ""}`;
    if (!PORTUGUESE.test(text)) missing.push(`${tool.name}: no Portuguese words`);
    const neighbours = all.filter((n) => n !== tool.name && text.includes(n));
    if (neighbours.length === 0) missing.push(`${tool.name}: names no neighbouring tool`);
  }
  expect(missing).toEqual([]);
});

/**
 * A model fills in arguments from each property's description: a filter without one (offer_code,
 * plan_id, ticket_status, ...) says neither what it matches nor where its value comes from.
 */
it("every input property of every tool has a description", async () => {
  const { tools } = await h.mcp.listTools();
  const missing = tools.flatMap((tool) =>
    Object.entries(tool.inputSchema.properties ?? {})
      .filter(([, schema]) => typeof (schema as { description?: unknown }).description !== "string")
      .map(([name]) => `${tool.name}.${name}`),
  );
  expect(missing).toEqual([]);
});
