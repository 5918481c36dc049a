// The fenced code blocks of a Markdown file and the marks that tell scripts/docs-snippets.mjs how to run
// them. A mark is an HTML comment (invisible on GitHub and npm) on the lines just before the fence; a
// block may carry several, one per line:
//   <!-- not-runnable: why -->                      the block is not run
//   <!-- not-runnable "npm ci", "npm test": why -->  lines starting with those commands are not run
//   <!-- run: in clone -->                           shell: runs in the checkout, not in a scratch folder
//   <!-- run: background "hotmart simulator" until "Ctrl-C" -->
//                                                    shell: that command runs in the background until it
//                                                    prints the text; Ctrl-C stops it when the block ends
//   <!-- run: "/path/to/your-app" as "$(new_app)" -->  shell: text replaced before running (placeholders)
// CONTRIBUTING.md ("Code blocks in the docs") is the reader's version of this list.

/** Languages whose blocks run as modules (TypeScript is stripped first). */
export const MODULE_LANGS = new Set(["ts", "typescript", "js", "javascript", "mjs", "mts", "tsx"]);
/** Languages whose blocks run through bash; `console` blocks run only their `$ ` lines. */
export const SHELL_LANGS = new Set(["sh", "bash", "shell", "console", "zsh"]);

const COMMENT = /^\s*<!--\s*(.*?)\s*-->\s*$/;
const QUOTED = /"([^"]+)"/g;

/**
 * Reads the marks of one block from the comment lines above its fence (blank lines between allowed).
 * Unknown comments are ignored (they are prose for the maintainer); a malformed mark is an error,
 * so a typo cannot silently turn a check off.
 */
function parseMarks(comments, where) {
  const marks = { skipLines: [], background: [], replace: [] };
  for (const text of comments) {
    if (/^not-runnable\b/.test(text)) {
      const notRunnable = /^not-runnable((?:\s*,?\s*"[^"]+")*)\s*:\s*(.+)$/s.exec(text);
      if (!notRunnable)
        throw new Error(`${where}: write <!-- not-runnable: why --> or <!-- not-runnable "cmd": why -->`);
      const [, commands, reason] = notRunnable;
      const prefixes = [...commands.matchAll(QUOTED)].map((m) => m[1]);
      if (prefixes.length) marks.skipLines.push({ prefixes, reason });
      else marks.skip = reason;
      continue;
    }
    const run = /^run:\s*(.+)$/s.exec(text);
    if (!run) continue;
    // Clauses are separated by ";" outside quotes.
    for (const clause of (run[1].match(/(?:[^;"]|"[^"]*")+/g) ?? []).map((c) => c.trim()).filter(Boolean)) {
      const background = /^background\s+"([^"]+)"\s+until\s+"([^"]+)"$/.exec(clause);
      const replace = /^"([^"]+)"\s+as\s+"([^"]*)"$/.exec(clause);
      if (clause === "in clone") marks.inClone = true;
      else if (background) marks.background.push({ prefix: background[1], ready: background[2] });
      else if (replace) marks.replace.push({ from: replace[1], to: replace[2] });
      else throw new Error(`${where}: unknown run: clause "${clause}" (see CONTRIBUTING.md)`);
    }
  }
  return marks;
}

/** The fenced code blocks of one file: `{ file, line, lang, code, marks }`, `marks.skip` when not run. */
export function extractBlocks(file, text) {
  const lines = text.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !lines[i].startsWith(`${indent}${fence}`); i++)
      body.push(lines[i].slice(indent.length));
    const comments = [];
    for (let before = start - 1; before >= 0; before--) {
      if (lines[before].trim() === "") continue;
      const comment = COMMENT.exec(lines[before]);
      if (!comment) break;
      comments.unshift(comment[1]);
    }
    const where = `${file}:${start + 1}`;
    const marks = parseMarks(comments, where);
    blocks.push({ file, line: start + 1, lang: lang.toLowerCase(), code: body.join("\n"), marks });
  }
  return blocks;
}
