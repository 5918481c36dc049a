import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, emptyDir, ensureBuilt, simEnv } from "./helpers";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux) {
  console.log(
    "skipping the terminal tests: tmux is not installed (apt-get install -y tmux, or brew install tmux)",
  );
}

describe.skipIf(!hasTmux)("on a real terminal (tmux): tables and confirmations", () => {
  let sim: Simulator;
  const socket = `hotmart-cli-tty-${process.pid}`;
  const t = (...args: string[]) => spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  const screen = () => t("capture-pane", "-p", "-t", "cli").stdout;

  beforeAll(async () => {
    ensureBuilt();
    sim = await startSimulator({ port: 0, seed: 42 });
  }, 120_000);
  afterAll(async () => {
    t("kill-server");
    await sim?.close();
  });

  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 3000; i++) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${screen()}`);
  }

  /** Runs the CLI in a fresh 120x30 terminal; resolves the exit code file's path. */
  function start(args: string): string {
    const dir = emptyDir();
    const env = Object.entries(simEnv(sim))
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    const cmd = `cd '${dir}' && env -i ${env} TERM=xterm-256color '${process.execPath}' '${BIN}' ${args}; echo EXIT=$? > '${dir}/exit'; sleep 600`;
    t("kill-session", "-t", "cli");
    expect(t("new-session", "-d", "-s", "cli", "-x", "120", "-y", "30", cmd).status).toBe(0);
    return join(dir, "exit");
  }

  const exitOf = (file: string) => readFileSync(file, "utf8").trim();
  // The shell creates the file before it writes the line: wait for the line, not for the file.
  const exited = (file: string) => existsSync(file) && exitOf(file).startsWith("EXIT=");

  it("prints an aligned table with readable dates, in Brasília time", async () => {
    const exit = start("subscriptions list --max-results 3 --columns subscriber_code,status,accession_date");
    await until(() => exited(exit), "the command to finish");
    expect(exitOf(exit)).toBe("EXIT=0");
    const lines = screen().split("\n");
    const header = lines.findIndex((l) => l.startsWith("subscriber_code  status"));
    expect(header).toBeGreaterThanOrEqual(0);
    expect(lines[header + 1]).toMatch(/^-{15} {2}-{6}/);
    expect(lines[header + 2]).toMatch(
      // Brasília time, with its offset, as Hotmart's panel shows it.
      /^[A-Z0-9]{8} +[A-Z_]+ +\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[23]:00$/,
    );
  });

  it("asks before a write: no sends nothing, yes does it", async () => {
    const sub = sim.data.subscriptions.find((s) => s.status === "ACTIVE" && !s.magic);
    if (!sub) throw new Error("no active subscription");
    let exit = start(`subscriptions cancel-single ${sub.subscriberCode}`);
    await until(() => screen().includes("changes data at Hotmart. Continue? [y/N]"), "the question");
    t("send-keys", "-t", "cli", "n", "Enter");
    await until(() => exited(exit), "the answer");
    expect(exitOf(exit)).toBe("EXIT=2");
    expect(screen()).toContain("Not confirmed: nothing was sent.");
    expect(sim.data.subscription(sub.subscriberCode)?.status).toBe("ACTIVE");

    exit = start(`subscriptions cancel-single ${sub.subscriberCode}`);
    await until(() => screen().includes("Continue? [y/N]"), "the question");
    t("send-keys", "-t", "cli", "y", "Enter");
    await until(() => exited(exit), "the write");
    expect(exitOf(exit)).toBe("EXIT=0");
    expect(sim.data.subscription(sub.subscriberCode)?.status).toMatch(/^CANCELLED/);
  }, 60_000);
});
