import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATA_NOTE } from "../src/render";
import { ANSWER_TOOLS, READ_TOOLS, WRITE_TOOLS } from "./names";

const read = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), "utf8");

function jsonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

describe.each(["README.md", "README-ptBR.md"])("%s", (file) => {
  const text = read(file);

  it("has client configs that parse, each naming the server the way its client expects", () => {
    const blocks = jsonBlocks(text);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) {
      const config = JSON.parse(block) as {
        mcpServers: Record<string, { command?: string; args?: string[]; url?: string }>;
      };
      const servers = Object.values(config.mcpServers);
      expect(servers.length).toBe(1);
      for (const s of servers) {
        if (s.url !== undefined) expect(new URL(s.url).pathname).toBe("/mcp");
        else {
          // Until the first release, from the clone: `npx -y hotmart-mcp` would fetch whatever holds
          // that name on npm and hand it HOTMART_CLIENT_SECRET.
          expect(s.command).toBe("node");
          expect(s.args?.[0]).toMatch(/\/hotmart-sdk\/packages\/mcp\/dist\/cli\.js$/);
        }
      }
    }
  });

  it("runs the server from the clone in every block, not through npx, until the package is published", () => {
    const blocks = [...text.matchAll(/```\w+\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    for (const block of blocks) expect(block).not.toMatch(/\bnpx\b/);
  });

  it("does not date the simulator's data: it runs on the wall clock", () => {
    expect(text).not.toMatch(/November 2026|novembro de 2026/);
  });

  it("covers Claude Desktop, Claude Code, Cursor and a generic HTTP client", () => {
    for (const heading of ["### Claude Desktop", "### Claude Code", "### Cursor"])
      expect(text).toContain(heading);
    expect(text).toMatch(/"url": "http:\/\/127\.0\.0\.1:3333\/mcp"/);
  });

  it("shows the first line of every tool's text as the server prints it", () => {
    expect(text).toContain(`\`\`\`text\n${DATA_NOTE}\n\`\`\``);
  });

  it("lists every tool", () => {
    for (const tool of [...ANSWER_TOOLS, ...READ_TOOLS, ...WRITE_TOOLS])
      expect(text).toContain(`| \`${tool}\` |`);
  });
});
