// Runs the shell blocks of the docs (sh, bash, shell, console) the way a reader pastes them into a
// terminal: bash -euo pipefail, one scratch folder per Markdown file (its blocks share it, in order, like
// one terminal session), the simulator's HOTMART_* variables in the environment and the workspaces'
// bins (`hotmart`, `hotmart-mcp`, `hotmart-simulator`) on the PATH, as after an install.
// What the marks of scripts/lib/md-blocks.mjs ask for is done here, plus two stand-ins that need no mark:
// - a port a block listens on (`--port 4242`) is replaced by a free one everywhere in the block
//   (`localhost:4242` too), so a busy port on the machine cannot fail the docs; one below the ephemeral
//   range (stable-port.mjs), so the suite's own connections cannot take it before the block binds it;
// - a `localhost:N` the block does not listen on is "your app": a loopback server that answers 200.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { stablePort } from "./stable-port.mjs";
import { workspaces } from "./workspaces.mjs";

const TIMEOUT_MS = 180_000;

const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;

/** What every block's script starts with: bash settings, `new_app`, the background helpers. */
const PRELUDE = readFileSync(new URL("./shell-prelude.sh", import.meta.url), "utf8");

/**
 * A directory of `hotmart`, `hotmart-mcp`... launchers for the built workspaces' bins. node_modules/.bin
 * is not enough: npm ci links a workspace's bin only if its target exists, and CI installs before it builds.
 */
export function makeBinDir(dir) {
  mkdirSync(dir, { recursive: true });
  for (const { dir: pkg, manifest } of workspaces()) {
    const bins = typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
    for (const [name, target] of Object.entries(bins)) {
      const file = path.join(dir, name);
      writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${path.join(pkg, target)}" "$@"\n`);
      chmodSync(file, 0o755);
    }
  }
  return dir;
}

/** A stand-in for "your app" on `localhost:N`: answers 200 to anything. */
async function standInApp() {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end("ok"));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const onPath = (name, PATH = "") =>
  PATH.split(path.delimiter).some((dir) => dir !== "" && existsSync(path.join(dir, name)));

const startsWithCommand = (line, prefix) => line === prefix || line.startsWith(`${prefix} `);

/**
 * The bash script for one block, and the lines it does not run (`{ line, reason }`). Marks match the
 * lines as the reader sees them; the `as` replacements and the port changes apply after.
 */
export function toScript(block, ports = new Map(), { hasJq = true } = {}) {
  const { marks } = block;
  let lines = block.code.split("\n");
  // A console block shows a session: `$ ` lines are commands, the others their output.
  if (block.lang === "console") lines = lines.map((l) => (l.startsWith("$ ") ? l.slice(2) : ""));
  const notRun = [];
  const body = lines.map((text, i) => {
    const command = text.trim();
    if (command === "" || command.startsWith("#")) return text;
    // .ci/run installs jq when it can; without it the line is reported, as the CLI's README test does.
    const skip =
      marks.skipLines.find(({ prefixes }) => prefixes.some((p) => startsWithCommand(command, p))) ??
      (!hasJq && /\|\s*jq\b/.test(command) ? { reason: "jq is not installed" } : undefined);
    if (skip) {
      notRun.push({ line: block.line + 1 + i, command, reason: skip.reason });
      return `: not run: ${quote(command)}`;
    }
    let out = text;
    for (const { from, to } of marks.replace) out = out.replaceAll(from, to);
    out = withSimulatorPort(out);
    for (const [from, to] of ports)
      out = out
        .replace(new RegExp(`--port ${from}\\b`, "g"), `--port ${to}`)
        .replace(new RegExp(`\\b(localhost|127\\.0\\.0\\.1):${from}\\b`, "g"), `$1:${to}`);
    const bg = marks.background.find(({ prefix }) => startsWithCommand(command, prefix));
    return bg ? `__bg ${quote(bg.ready)} ${out.trim()}` : out;
  });
  const commands = lines.filter((l) => l.trim() !== "" && !l.trim().startsWith("#")).length;
  return { script: `${PRELUDE}\n${body.join("\n")}\n`, notRun, runnable: commands - notRun.length };
}

/**
 * What a block runs, without its comments: two blocks with the same key run the same commands (the
 * English and pt-BR versions of a block usually differ only in their comments).
 */
export function commandsKey(block) {
  const { script, notRun } = toScript(block);
  const commands = script
    .slice(PRELUDE.length)
    .split("\n")
    .filter((l) => !l.startsWith(": not run: "))
    .map((l) => l.replace(/(^|\s)#\s.*$/, "").trim())
    .filter(Boolean);
  return { key: `${block.marks.inClone ? "in clone\n" : ""}${commands.join("\n")}`, notRun };
}

/**
 * A simulator started without `--port` listens on its default, 8787: the port is written out so that it
 * is replaced like any other (a developer who runs `hotmart simulator` in another terminal, as the
 * README says, must not fail the docs). Its own line only: portsOf reads the whole block, where a
 * `--port` on a later line (`hotmart webhooks listen --port 4242`) is another program's.
 */
const SIMULATOR_WITHOUT_PORT =
  /^([ \t]*(?:hotmart simulator|hotmart-simulator|npx hotmart-simulator))(?![^#\n]*--port)/gm;
const withSimulatorPort = (code) => code.replace(SIMULATOR_WITHOUT_PORT, "$1 --port 8787");

/** The ports a block names: those it listens on (`--port N`), and the others (`localhost:N`, an app). */
export function portsOf(block) {
  const code = withSimulatorPort(block);
  const own = new Set([...code.matchAll(/--port (\d+)/g)].map((m) => m[1]).filter((p) => p !== "0"));
  const app = new Set(
    [...code.matchAll(/\b(?:localhost|127\.0\.0\.1):(\d+)/g)].map((m) => m[1]).filter((p) => !own.has(p)),
  );
  return { own, app };
}

/**
 * Runs one shell block with bash in `cwd` and `env`. Resolves `{ ok, output, notRun }`; output is
 * stdout and stderr interleaved, as a terminal shows them. A block whose output shows one of `secrets`
 * (the simulator's client secret: a command must never print the credential it was given) fails, and
 * the secret is masked in the output it reports.
 */
export async function runShellBlock(block, { cwd, scratch, env, root, secrets = [] }) {
  const { own, app } = portsOf(block.code);
  const ports = new Map();
  for (const p of own) ports.set(p, await stablePort());
  const apps = [];
  for (const p of app) {
    const server = await standInApp();
    apps.push(server);
    ports.set(p, server.address().port);
  }
  const { script, notRun, runnable } = toScript(block, ports, { hasJq: onPath("jq", env.PATH) });
  if (runnable === 0) {
    for (const server of apps) server.close();
    return { ok: true, output: "", notRun, nothingRun: true };
  }
  const file = path.join(scratch, `${block.file.replace(/[^\w]+/g, "_")}_${block.line}.sh`);
  writeFileSync(file, script);
  const pidFile = path.join(scratch, ".background-pids");
  writeFileSync(pidFile, "");
  const child = spawn("bash", [file], {
    cwd,
    env: { ...env, SCRATCH: scratch, CLONE: root },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // bash and what it runs in the foreground share its group; background commands have their own.
    const pids = existsSync(pidFile) ? readFileSync(pidFile, "utf8").split("\n").filter(Boolean) : [];
    for (const pid of [child.pid, ...pids]) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
    }
  }, TIMEOUT_MS);
  const code = await new Promise((resolve) => child.on("close", (c) => resolve(c)));
  clearTimeout(timer);
  for (const server of apps) server.close();
  if (timedOut) output += `\nstill running after ${TIMEOUT_MS / 1000} s: stopped`;
  const leaked = secrets.filter((secret) => secret && output.includes(secret));
  for (const secret of leaked) output = output.replaceAll(secret, "[the secret]");
  if (leaked.length) output += "\nthe block printed a credential (shown above as [the secret])";
  return { ok: code === 0 && !timedOut && !leaked.length, output, notRun, script: file };
}
