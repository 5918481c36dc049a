import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The `hotmart ...` lines of the sh blocks of the CLI's READMEs and of the repository's run in the docs
 * runner (`npm run test:docs`, scripts/docs-snippets.mjs), as a reader pastes them: in order, in one
 * scratch folder per README, against a simulator with the CLI's default seed; each block must exit 0
 * and must not print the simulator's client secret. Running them here too cost tens of seconds of Node
 * starts for the same assertions, so this file only checks what keeps that true: every section still
 * shows its commands, and none of them is marked not to run, except the one another test covers.
 */
/** Each README with `hotmart` commands (relative to packages/cli), and how many it shows at least. */
const README_FILES: [string, number][] = [
  ["README.md", 18],
  ["README-ptBR.md", 18],
  ["../../README.md", 9],
  ["../../README-ptBR.md", 9],
];
/** Lines that cannot run on their own, each with the test that covers it instead. */
const COVERED_ELSEWHERE: [RegExp, string][] = [
  [/--resume\b/, "needs an interrupted export: export.e2e.test.ts (Ctrl-C, then --resume)"],
];

interface ShBlock {
  /** The `hotmart` lines, each with its line number; trailing `# comments` dropped. */
  commands: { line: number; command: string }[];
  /** The `<!-- ... -->` marks on the lines just before the fence (the docs runner reads them). */
  marks: string[];
}

/** The sh blocks that show `hotmart` commands. */
export function readmeBlocks(markdown: string): ShBlock[] {
  const lines = markdown.split("\n");
  const blocks: ShBlock[] = [];
  let current: ShBlock | undefined;
  lines.forEach((text, i) => {
    const fence = /^```(\w*)/.exec(text);
    if (fence) {
      if (current) {
        if (current.commands.length) blocks.push(current);
        current = undefined;
      } else if (fence[1] === "sh") {
        const marks: string[] = [];
        for (let before = i - 1; before >= 0; before--) {
          const line = lines[before]?.trim() ?? "";
          if (line === "") continue;
          const mark = /^<!--\s*(.*?)\s*-->$/.exec(line);
          if (!mark?.[1]) break;
          marks.unshift(mark[1]);
        }
        current = { commands: [], marks };
      }
      return;
    }
    if (!current) return;
    const command = text.replace(/\s+#\s.*$/, "").trim();
    if (command.startsWith("hotmart ")) current.commands.push({ line: i + 1, command });
  });
  return blocks;
}

/** The command prefixes a `not-runnable` mark names (none: the whole block is not run). */
const notRunnable = (mark: string): string[] | undefined => {
  const m = /^not-runnable((?:\s*,?\s*"[^"]+")*)\s*:/.exec(mark);
  return m ? [...(m[1] ?? "").matchAll(/"([^"]+)"/g)].map((q) => q[1] ?? "") : undefined;
};

/** The commands of `blocks` a `not-runnable` mark keeps from running, but those COVERED_ELSEWHERE. */
function markedNotRunnable(file: string, blocks: ShBlock[]): string[] {
  const skipped: string[] = [];
  for (const { commands, marks } of blocks) {
    const prefixes = marks.map(notRunnable).filter((p) => p !== undefined);
    for (const { line, command } of commands) {
      const marked = prefixes.some((p) => p.length === 0 || p.some((prefix) => command.startsWith(prefix)));
      if (marked && !COVERED_ELSEWHERE.some(([re]) => re.test(command)))
        skipped.push(`${file}:${line}: ${command}`);
    }
  }
  return skipped;
}

it("a mark that keeps a command from running is found", () => {
  const markdown = [
    '<!-- not-runnable "hotmart doctor": why -->',
    "```sh",
    "hotmart doctor",
    "hotmart products list",
    "```",
    "<!-- not-runnable: why -->",
    "```sh",
    "hotmart sales history   # all of them",
    "```",
  ].join("\n");
  expect(markedNotRunnable("x.md", readmeBlocks(markdown))).toEqual([
    "x.md:3: hotmart doctor",
    "x.md:8: hotmart sales history",
  ]);
});

describe.each(README_FILES)("packages/cli/%s: every command runs in the docs runner", (file, atLeast) => {
  const blocks = readmeBlocks(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));
  const commands = blocks.flatMap((b) => b.commands);

  it("shows the commands of every section", () => {
    expect(commands.length).toBeGreaterThanOrEqual(atLeast);
  });

  it("marks none of them not-runnable but the lines another test covers", () => {
    expect(markedNotRunnable(file, blocks)).toEqual([]);
  });
});

describe("the docs runner's ports (scripts/lib/shell-blocks.mjs)", () => {
  it("a simulator started without --port listens on 8787, replaced, though a later line of the block names a --port", async () => {
    // A path in a variable: the runner is plain JavaScript, without declarations.
    const runner = "../../../scripts/lib/shell-blocks.mjs";
    const { portsOf } = (await import(runner)) as {
      portsOf(code: string): { own: Set<string>; app: Set<string> };
    };
    // Without a comment between them, the simulator's line read the listener's --port as its own, and
    // the block's simulator bound the real 8787: a simulator left running there failed the docs.
    expect(portsOf("hotmart simulator &\nhotmart webhooks listen --port 4242").own).toEqual(
      new Set(["8787", "4242"]),
    );
    expect(portsOf("hotmart simulator --port 9000 &\nhotmart doctor").own).toEqual(new Set(["9000"]));
  });
});
