import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, simEnv } from "./helpers";

/**
 * Every `hotmart ...` line of the sh blocks of the CLI's READMEs and of the repository's runs as a reader
 * would paste it: through a shell (pipes and redirections included), in order, in one scratch folder per
 * README, against a simulator with the CLI's default seed (42, its data reset for each README), so the
 * ids it shows must exist there. Two stand-ins, and only these:
 * - `localhost:3000` is "your app": a loopback server that answers 200;
 * - the commands that run until Ctrl-C (`webhooks listen`, `simulator`) get `--port 0` (in place of
 *   theirs, or added), and later lines reach them on the port they print; they are stopped with Ctrl-C
 *   at the end and must exit 0.
 */
/** Each README with `hotmart` commands (relative to packages/cli), and how many it shows at least. */
const README_FILES: [string, number][] = [
  ["README.md", 18],
  ["README-ptBR.md", 18],
  ["../../README.md", 9],
  ["../../README-ptBR.md", 9],
];
/** Lines that cannot run on their own here, each with the test that covers it instead. */
const COVERED_ELSEWHERE: [RegExp, string][] = [
  [/--resume\b/, "needs an interrupted export: export.e2e.test.ts (Ctrl-C, then --resume)"],
];
const LONG_RUNNING = /^hotmart (webhooks listen|simulator)\b/;
const hasJq = (process.env.PATH ?? "")
  .split(delimiter)
  .some((dir) => dir !== "" && existsSync(join(dir, "jq")));

/** The `hotmart` lines of the sh blocks, each with its line number; trailing `# comments` dropped. */
export function readmeCommands(markdown: string): { line: number; command: string }[] {
  const commands: { line: number; command: string }[] = [];
  let inSh = false;
  markdown.split("\n").forEach((text, i) => {
    const fence = /^```(\w*)/.exec(text);
    if (fence) {
      inSh = !inSh && fence[1] === "sh";
      return;
    }
    if (!inSh) return;
    const command = text.replace(/\s+#\s.*$/, "").trim();
    if (command.startsWith("hotmart ")) commands.push({ line: i + 1, command });
  });
  return commands;
}

let sim: Simulator;
let app: Server;
let appOrigin: string;
let bin: string;

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({ port: 0, seed: 42 });
  app = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end("ok"));
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  appOrigin = `127.0.0.1:${(app.address() as AddressInfo).port}`;
  // `hotmart` on the PATH is the built CLI, as after `npm install -g hotmart-cli`.
  bin = mkdtempSync(join(tmpdir(), "hotmart-bin-"));
  writeFileSync(join(bin, "hotmart"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, "hotmart"), 0o755);
}, 120_000);
afterAll(async () => {
  await sim?.close();
  app?.close();
});

describe.each(README_FILES)("packages/cli/%s: every command runs as shown", (file, atLeast) => {
  const commands = readmeCommands(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));

  it("shows the commands of every section", () => {
    expect(commands.length).toBeGreaterThanOrEqual(atLeast);
  });

  it("each exits 0 against the simulator, and none prints a credential", async () => {
    sim.resetData(); // a README's cancel must not meet the previous README's
    const cwd = mkdtempSync(join(tmpdir(), "hotmart-readme-"));
    const env = simEnv(sim, { PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` });
    const hosts = new Map<string, string>([["localhost:3000", appOrigin]]);
    const running: { command: string; child: ReturnType<typeof spawn>; output: () => string }[] = [];
    const ran: string[] = [];
    try {
      for (const { line, command: shown } of commands) {
        const where = `${file}:${line}: ${shown}`;
        if (COVERED_ELSEWHERE.some(([re]) => re.test(shown))) continue;
        if (shown.includes("| jq") && !hasJq) {
          console.log(`skipped (jq is not installed): ${where}`);
          continue;
        }
        let command = shown;
        for (const [from, to] of hosts) command = command.replaceAll(from, to);
        if (LONG_RUNNING.test(command)) {
          const port = /--port (\d+)/.exec(command)?.[1];
          command = port ? command.replace(/--port \d+/, "--port 0") : `${command} --port 0`;
          const child = spawn("sh", ["-c", `exec ${command}`], { cwd, env });
          let output = "";
          child.stdout.on("data", (d: Buffer) => {
            output += d.toString();
          });
          child.stderr.on("data", (d: Buffer) => {
            output += d.toString();
          });
          const actual = await new Promise<string>((resolve, reject) => {
            const seen = () => {
              if (!output.includes("Ctrl-C")) return;
              const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
              if (m?.[1]) resolve(m[1]);
            };
            child.stdout.on("data", seen);
            child.stderr.on("data", seen);
            child.on("exit", (code) =>
              reject(new Error(`${where} exited ${code} before listening:\n${output}`)),
            );
          });
          if (port) hosts.set(`localhost:${port}`, `127.0.0.1:${actual}`);
          running.push({ command: where, child, output: () => output });
          ran.push(shown);
          continue;
        }
        const result = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
          const child = spawn("sh", ["-c", command], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
          let output = "";
          child.stdout.on("data", (d: Buffer) => {
            output += d.toString();
          });
          child.stderr.on("data", (d: Buffer) => {
            output += d.toString();
          });
          child.on("error", reject);
          child.on("close", (code) => resolve({ code, output }));
        });
        expect(result.code, `${where}\n${result.output}`).toBe(0);
        expect(result.output, where).not.toContain(sim.credentials.clientSecret);
        ran.push(shown);
      }
    } finally {
      for (const { command, child, output } of running) {
        const closed = new Promise<number | null>((r) => child.on("close", r));
        child.kill("SIGINT");
        expect(await closed, `${command}\n${output()}`).toBe(0);
      }
    }
    expect(ran.length).toBeGreaterThanOrEqual(commands.length - 3);
  }, 120_000);
});
