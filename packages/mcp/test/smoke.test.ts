import { afterAll, beforeAll, expect, it } from "vitest";
import { call, type Harness, harness, ok, text } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness({ allowWrites: true });
});
afterAll(() => h?.close());

it("lists and calls", async () => {
  const { tools } = await h.mcp.listTools();
  console.log(tools.map((t) => t.name).join(" "));
  const r = await call(h.mcp, "sales_history", { limit: 3 });
  console.log(text(r));
  const rep = await call(h.mcp, "sales_report", { start_date: "2026-10-01", end_date: "2026-10-31" });
  console.log(text(rep));
  expect(ok(rep)).toBeTruthy();
});
