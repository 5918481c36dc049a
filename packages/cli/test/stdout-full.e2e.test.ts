// The binary's stdout on a full disk (`hotmart sales history > /mnt/full/sales.tsv`): the output is lost,
// and the command must say so on one line with an exit code a script can see, not a stack trace nor a 0.
// /dev/full fails every write with ENOSPC, as a full disk does; the embedded simulator answers.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, statSync } from "node:fs";
import { join } from "node:path";
import { startSimulator } from "hotmart-simulator";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, emptyDir, ensureBuilt, simEnv } from "./helpers";

beforeAll(() => {
  ensureBuilt();
});

/** Runs the binary with its stdout on /dev/full; resolves with its exit code and stderr. */
function toFullDisk(
  args: string[],
  env = simEnv(undefined),
): Promise<{ code: number | null; stderr: string }> {
  const full = openSync("/dev/full", "w");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      cwd: emptyDir(),
      stdio: ["ignore", full, "pipe"],
    });
    closeSync(full);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // A bound for a hung binary, not a speed check.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hotmart ${args.join(" ")} did not finish\nstderr: ${stderr}`));
    }, 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe.skipIf(!existsSync("/dev/full"))("stdout on a full disk", () => {
  it("a method against a running simulator: exit 6, not 0 (the failed write was not seen at exit)", async () => {
    // The command ends at once after its one write: the embedded simulator's close gave Node the time to
    // report the error, and a running simulator's account did not.
    const sim = await startSimulator({ port: 0 });
    try {
      const { code, stderr } = await toFullDisk(["sales", "history"], simEnv(sim));
      expect(code).toBe(6);
      expect(stderr).toContain("Error: writing the output failed: the disk is full.");
    } finally {
      await sim.close();
    }
  }, 60_000);

  it.each([
    ["a method's TSV", ["sales", "history"]],
    ["a method's JSON", ["sales", "history", "--json"]],
    ["an export's JSON Lines", ["export", "sales"]],
    ["an export's CSV", ["export", "sales", "--format", "csv"]],
  ])(
    "%s: exit 6 and one line that says the output is incomplete, no stack trace",
    async (_what, args) => {
      const { code, stderr } = await toFullDisk(args);
      expect(code).toBe(6);
      // Besides the simulator's note and a list's "More results" hint: one line, the error.
      const errors = stderr.split("\n").filter((l) => /error/i.test(l));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^Error: writing the output failed: the disk is full\./);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stderr).not.toContain("Exported");
    },
    60_000,
  );
});

/**
 * Runs the binary with stdout to a file under a file size limit (`ulimit -f`): a write that crosses it
 * writes what fits and returns a short count, as one that fills a disk does; the next one fails (EFBIG).
 */
function toLimitedFile(args: string[]): Promise<{ code: number | null; stderr: string; size: number }> {
  const file = join(emptyDir(), "out");
  const script = `ulimit -f 16 && exec "$0" "$@" > "${file}"`;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", script, process.execPath, BIN, ...args], {
      env: simEnv(undefined),
      cwd: emptyDir(),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hotmart ${args.join(" ")} did not finish\nstderr: ${stderr}`));
    }, 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, size: statSync(file).size });
    });
  });
}

describe.skipIf(process.platform === "win32")("stdout to a file that stops taking bytes midway", () => {
  it.each([
    // One write of the whole answer, hundreds of kilobytes: Node took its short count as success.
    ["a method's JSON, in one write", ["sales", "history", "--all", "--json"]],
    ["an export's JSON Lines", ["export", "sales"]],
  ])(
    "%s: exit 6, not 0 with the file cut short",
    async (_what, args) => {
      const { code, stderr, size } = await toLimitedFile(args);
      expect(size).toBeGreaterThan(0);
      expect(code).toBe(6);
      const errors = stderr.split("\n").filter((l) => /error/i.test(l));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^Error: writing the output failed: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
