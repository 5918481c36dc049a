import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { columnsFor } from "../src/export/columns";
import { BIN, emptyDir, ensureBuilt, runCli, runCliInProcess, simEnv } from "./helpers";

let sim: Simulator;
/** Same data, 100 ms a request: an interrupted export is surely still running when Ctrl-C arrives. */
let slow: Simulator;
const FROM = "2024-01-01";
const TO = "2026-12-31";

beforeAll(async () => {
  ensureBuilt();
  // No quota: these runs send a few hundred small pages on purpose.
  sim = await startSimulator({ port: 0, seed: 7, scale: { sales: 3000 }, rateLimit: false });
  slow = await startSimulator({ port: 0, seed: 7, scale: { sales: 3000 }, rateLimit: false, latencyMs: 100 });
}, 120_000);
afterAll(async () => {
  await sim?.close();
  await slow?.close();
});

/** Sales the API returns for the range without a status filter: APPROVED and COMPLETE. */
function expectedDefault(): string[] {
  // Whole days in Brasília time (-03:00 since 2019), as the flags read them.
  const from = Date.parse(`${FROM}T00:00:00-03:00`);
  const to = Date.parse(`${TO}T23:59:59.999-03:00`);
  return sim.data.sales
    .filter(
      (s) => (s.status === "APPROVED" || s.status === "COMPLETE") && s.orderDate >= from && s.orderDate <= to,
    )
    .map((s) => s.transaction)
    .sort();
}

/** `hotmart export sales --status all` over [from, to] as JSON Lines: the records, each tagged. */
async function exportEveryStatus(from: string, to: string) {
  const r = await runCliInProcess(
    ["export", "sales", "--from", from, "--to", to, "--status", "all", "--format", "jsonl"],
    { env: simEnv(sim) },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { purchase: { transaction: string; status: string }; _status: string });
}

function csvTransactions(csv: string, header = true): string[] {
  const lines = csv.trim().split("\n");
  const cols = (header ? lines[0] : "")?.split(",") ?? [];
  const at = header ? cols.indexOf("purchase.transaction") : 7;
  // Transactions (HP + digits) never hold commas or quotes; their column index is fixed by the header.
  return (header ? lines.slice(1) : lines).map((l) => {
    const m = l.match(/(?:^|,)(HP\d+)(?:,|$)/);
    return m?.[1] ?? `bad line ${at}: ${l}`;
  });
}

/**
 * The built binary exporting to `s.csv` in a new folder against the slow simulator, 20 records a page,
 * 2 at a time (`prepare` readies the folder first); `stop(signal)` sends the signal once some records
 * are on disk (polling the file, not a clock) and resolves the exit code.
 */
function slowExport(extra: string[] = [], prepare?: (dir: string) => void) {
  const dir = emptyDir();
  prepare?.(dir);
  const args = ["export", "sales", "--from", FROM, "--to", TO, "--out", "s.csv", "--page-size", "20"];
  const child = spawn(process.execPath, [BIN, ...args, "--concurrency", "2", ...extra], {
    cwd: dir,
    env: simEnv(slow),
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const file = join(dir, "s.csv");
  const exited = new Promise<number | null>((r) => child.on("exit", r));
  // A failed assertion ends the test before stop(): the export must not outlive it.
  onTestFinished(() => {
    child.kill();
  });
  const stop = async (signal: NodeJS.Signals, beforeSignal?: () => void) => {
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(file) && readFileSync(file, "utf8").split("\n").length > 60) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
      // An export that ended before writing that much is not waited for: the test reads its exit code.
      void exited.then(() => {
        clearInterval(poll);
        resolve();
      });
    });
    beforeSignal?.();
    child.kill(signal);
    return exited;
  };
  return { dir, file, stop, stderr: () => stderr };
}

/**
 * The binary writes a file, and stops on Ctrl-C, SIGTERM and in a terminal; the other cases (formats,
 * statuses, usage errors) run the same code in this process (`runCliInProcess`: no Node start each).
 */
describe("hotmart export (built binary, simulator)", () => {
  it("writes the documented columns and every record once", async () => {
    const dir = emptyDir();
    const r = await runCli(["export", "sales", "--from", FROM, "--to", TO, "--out", "sales.csv"], {
      env: simEnv(sim),
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Exported \d+ records to sales\.csv/);
    const csv = readFileSync(join(dir, "sales.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe((await columnsFor("sales")).join(","));
    const got = csvTransactions(csv);
    expect(got.length).toBe(new Set(got).size);
    expect([...got].sort()).toEqual(expectedDefault());
    const listed = await runCliInProcess(["export", "sales", "--list-columns"]);
    expect(listed.stdout.trim().split("\n")).toEqual(await columnsFor("sales"));
  });

  it("--status all walks every status and tags each record", async () => {
    const rows = await exportEveryStatus(FROM, TO);
    const from = Date.parse(`${FROM}T00:00:00-03:00`);
    const to = Date.parse(`${TO}T23:59:59.999-03:00`);
    const all = sim.data.sales.filter((s) => s.orderDate >= from && s.orderDate <= to);
    expect(rows.length).toBe(all.length);
    expect(new Set(rows.map((x) => x.purchase.transaction)).size).toBe(all.length);
    for (const row of rows) expect(row._status).toBe(row.purchase.status);
  });

  it("sales-price-details --status all walks every status too, the 3 its documentation leaves out included", async () => {
    const r = await runCliInProcess(
      ["export", "sales-price-details", "--from", FROM, "--to", TO, "--status", "all", "--format", "jsonl"],
      { env: simEnv(sim) },
    );
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { transaction: string; _status: string });
    const from = Date.parse(`${FROM}T00:00:00-03:00`);
    const to = Date.parse(`${TO}T23:59:59.999-03:00`);
    const all = sim.data.sales.filter((s) => s.orderDate >= from && s.orderDate <= to);
    expect(rows.map((x) => x.transaction).sort()).toEqual(all.map((s) => s.transaction).sort());
    expect(rows.some((x) => x._status === "NO_FUNDS")).toBe(true);
  });

  it("--out *.json writes one JSON array", async () => {
    const dir = emptyDir();
    const r = await runCliInProcess(["export", "sales", "--from", FROM, "--to", TO, "--out", "s.json"], {
      env: simEnv(sim),
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(readFileSync(join(dir, "s.json"), "utf8")) as {
      purchase: { transaction: string };
    }[];
    expect(rows.map((x) => x.purchase.transaction).sort()).toEqual(expectedDefault());
  });

  it("--excel: BOM, semicolons, decimal commas", async () => {
    const dir = emptyDir();
    const r = await runCliInProcess(
      [
        "export",
        "sales",
        "--from",
        FROM,
        "--to",
        TO,
        "--excel",
        "--out",
        "vendas.csv",
        "--columns",
        "purchase.transaction,purchase.price.value",
      ],
      { env: simEnv(sim), cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, "vendas.csv"), "utf8");
    expect(text.startsWith("\uFEFFpurchase.transaction;purchase.price.value\r\n")).toBe(true);
    const priced = text
      .split("\r\n")
      .slice(1)
      .filter((l) => /;\d+,\d+$/.test(l));
    expect(priced.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/;\d+\.\d+\r\n/);
  });

  it("--excel: every date column is a date-time, date_next_charge, trial_end and scheduled_retry too", async () => {
    const dir = emptyDir();
    const r = await runCliInProcess(
      ["export", "subscription-transactions", "--from", FROM, "--to", TO, "--excel", "--out", "t.csv"],
      { env: simEnv(sim), cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    const [header = "", ...rows] = readFileSync(join(dir, "t.csv"), "utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    const columns = header.split(";");
    // Epoch ms left in a cell: an accountant's spreadsheet shows 1796684669650, not a date.
    const epochs = new Set<string>();
    for (const row of rows) {
      // These columns never hold a ';' nor a quote: splitting the line is enough.
      row.split(";").forEach((cell, i) => {
        if (/^\d{12,13}$/.test(cell)) epochs.add(columns[i] ?? String(i));
      });
    }
    expect([...epochs]).toEqual([]);
    expect(rows.some((row) => /;\d{4}-\d\d-\d\d \d\d:\d\d:\d\d;/.test(row))).toBe(true);
  });

  it("--excel: codes Excel would read as numbers (CPF, phone, ticket code) are text; numbers stay numbers", async () => {
    const event = sim.data.events.find((e) => e.tickets.length > 0);
    if (!event) throw new Error("the simulator's dataset has no event with tickets");
    const dir = emptyDir();
    const exported = async (args: string[]) => {
      const r = await runCliInProcess(
        ["export", "event-tickets", "--event-id", String(event.product.id), ...args],
        { env: simEnv(sim), cwd: dir },
      );
      expect(r.code, r.stderr).toBe(0);
    };
    await exported(["--excel", "--out", "t.csv"]);
    await exported(["--out", "t.jsonl"]);
    const records = readFileSync(join(dir, "t.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as {
            participant: { document: string; phone: string };
            eticket: { id: number; ticket_qr_code: string };
          },
      );
    const [header = [], ...rows] = parseCsv(
      readFileSync(join(dir, "t.csv"), "utf8").replace(/^\uFEFF/, ""),
      ";",
    );
    const cell = (row: string[], column: string) => row[header.indexOf(column)];
    expect(rows).toHaveLength(records.length);
    // The data has what Excel would change: a CPF that starts with 0 and 18-digit ticket codes.
    expect(records.some((r) => r.participant.document.startsWith("0"))).toBe(true);
    expect(records.every((r) => r.eticket.ticket_qr_code.length > 15)).toBe(true);
    rows.forEach((row, i) => {
      const record = records[i];
      if (!record) throw new Error(`row ${i} has no record`);
      // ="..." is text in Excel: the exact characters, never 446297100 nor 1,38354305308805E+17.
      expect(cell(row, "participant.document")).toBe(`="${record.participant.document}"`);
      expect(cell(row, "participant.phone")).toBe(`="${record.participant.phone}"`);
      expect(cell(row, "eticket.ticket_qr_code")).toBe(`="${record.eticket.ticket_qr_code}"`);
      // A number of the JSON is a number for Excel.
      expect(cell(row, "eticket.id")).toBe(String(record.eticket.id));
      expect(cell(row, "product.id")).toBe(String(event.product.id));
    });
  });

  it("Ctrl-C saves the checkpoint and exits 130; --resume completes with every record once", async () => {
    const { dir, file, stop, stderr: output } = slowExport();
    const code = await stop("SIGINT");
    const stderr = output();
    expect(code).toBe(130);
    expect(stderr).toMatch(/Interrupted after \d+ records; checkpoint saved to s\.csv\.checkpoint\.json/);
    expect(stderr).toContain("Resume with: hotmart export sales --resume --out s.csv");
    expect(existsSync(join(dir, "s.csv.checkpoint.json"))).toBe(true);
    const left = readFileSync(file);
    const checkpointText = readFileSync(join(dir, "s.csv.checkpoint.json"), "utf8");

    // The same export again without --resume would overwrite the file the checkpoint counts: refused,
    // and both are left as they were.
    const before = sim.requestLog.length;
    const again = await runCliInProcess(["export", "sales", "--from", FROM, "--to", TO, "--out", "s.csv"], {
      env: simEnv(sim),
      cwd: dir,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      "Error: s.csv.checkpoint.json holds the checkpoint of an interrupted export (to s.csv): pass --resume to continue it, or delete s.csv.checkpoint.json to start over",
    );
    expect(readFileSync(file).equals(left)).toBe(true);
    expect(readFileSync(join(dir, "s.csv.checkpoint.json"), "utf8")).toBe(checkpointText);
    // A resume appends only to the file the interrupted run left: missing or of another length, it is
    // refused (the rest alone would be a CSV without its header and first records).
    const resumeOnly = async () =>
      runCliInProcess(["export", "sales", "--resume", "--out", "s.csv"], { env: simEnv(sim), cwd: dir });
    rmSync(file);
    const missing = await resumeOnly();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /Error: --resume: s\.csv is missing, but the interrupted export wrote \d+ records to it; resuming would write only the rest\. Put the file back, or to start over, delete s\.csv\.checkpoint\.json and export again without --resume/,
    );
    expect(existsSync(file)).toBe(false);
    writeFileSync(file, left.subarray(0, left.length - 10));
    const truncated = await resumeOnly();
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toContain(
      `Error: --resume: s.csv is ${left.length - 10} bytes, but the interrupted export left it at ${left.length} bytes`,
    );
    writeFileSync(file, left);
    // Flags that differ from the checkpoint's are refused by name, not ignored (the records would go
    // elsewhere, in another format, than asked).
    const differ = await runCliInProcess(
      [
        "export",
        "sales",
        "--resume",
        "--out",
        "s.csv",
        "--format",
        "jsonl",
        "--status",
        "all",
        "--from",
        "2025-01-01",
      ],
      { env: simEnv(sim), cwd: dir },
    );
    expect(differ.code).toBe(2);
    expect(differ.stderr).toContain(
      "Error: --resume: flags differ from the interrupted export in s.csv.checkpoint.json: --format jsonl (the interrupted export's: csv); --from 2025-01-01 (the interrupted export's: 2024-01-01T00:00:00-03:00); --status all (the interrupted export's: no --status). A resumed export takes them from its checkpoint: leave them out, or delete s.csv.checkpoint.json and export again without --resume",
    );
    // The same checkpoint as if its records had gone to stdout: an --out now would not be where the
    // first records are.
    const toStdout = JSON.parse(checkpointText) as Record<string, unknown>;
    delete toStdout.out;
    delete toStdout.bytes;
    writeFileSync(join(dir, "stdout.checkpoint.json"), JSON.stringify(toStdout));
    const elsewhere = await runCliInProcess(
      ["export", "sales", "--resume", "--checkpoint", "stdout.checkpoint.json", "--out", "rest.jsonl"],
      { env: simEnv(sim), cwd: dir },
    );
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(
      "Error: --resume: a flag differs from the interrupted export in stdout.checkpoint.json: --out rest.jsonl (the interrupted export's: stdout).",
    );
    expect(existsSync(join(dir, "rest.jsonl"))).toBe(false);
    expect(elsewhere.stdout).toBe("");
    expect(sim.requestLog.length).toBe(before);
    expect(readFileSync(file).equals(left)).toBe(true);
    // A checkpoint of an older hotmart, which read a bare day as a UTC day: the same --from and --to
    // differ by three hours, and the message says why instead of naming two unrelated instants.
    const older = JSON.parse(checkpointText) as { checkpoint: { from: number; to: number } };
    older.checkpoint.from = Date.UTC(2024, 0, 1);
    older.checkpoint.to = Date.UTC(2027, 0, 1) - 1;
    writeFileSync(join(dir, "older.checkpoint.json"), JSON.stringify(older));
    const sameFlags = await runCliInProcess(
      ["export", "sales", "--resume", "--checkpoint", "older.checkpoint.json", "--from", FROM, "--to", TO],
      { env: simEnv(sim), cwd: dir },
    );
    expect(sameFlags.code).toBe(2);
    expect(sameFlags.stderr).toContain(
      "--from 2024-01-01 (the interrupted export's: 2023-12-31T21:00:00-03:00, 2024-01-01 as a UTC day, as hotmart read days before it read them in Brasília time); --to 2026-12-31 (the interrupted export's: 2026-12-31T20:59:59-03:00, 2026-12-31 as a UTC day, as hotmart read days before it read them in Brasília time). A resumed export takes them from its checkpoint: leave them out",
    );
    expect(sim.requestLog.length).toBe(before);

    // Flags that say what the checkpoint says are accepted.
    const resumed = await runCliInProcess(
      [
        "export",
        "sales",
        "--resume",
        "--out",
        "./s.csv",
        "--format",
        "csv",
        "--from",
        FROM,
        "--to",
        TO,
        "--page-size",
        "20",
      ],
      { env: simEnv(sim), cwd: dir },
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(existsSync(join(dir, "s.csv.checkpoint.json"))).toBe(false);
    const csv = readFileSync(file, "utf8");
    expect(csv.split("\n").filter((l) => l.startsWith("product.id,")).length).toBe(1);
    const got = csvTransactions(csv);
    expect(got.length).toBe(new Set(got).size);
    expect([...got].sort()).toEqual(expectedDefault());
  }, 60_000);

  it("SIGTERM stops as cleanly as Ctrl-C, with exit code 143", async () => {
    const { dir, stop } = slowExport();
    expect(await stop("SIGTERM")).toBe(143);
    expect(existsSync(join(dir, "s.csv.checkpoint.json"))).toBe(true);
  }, 60_000);

  // The three formats side by side: each waits most of its time for the export's first save, 5 s of
  // real time in (CHECKPOINT_EVERY_MS), and needs nothing of the others (its own folder, process and
  // files; runCliInProcess takes its turn). One after the other they were 22 s of the file's 40.
  it.concurrent.for([
    ["csv", "s.csv"],
    ["jsonl", "s.jsonl"],
    ["json", "s.json"],
  ] as const)(
    "kill -9 mid-export (%s): the checkpoint saved while running resumes with every record once",
    { timeout: 120_000 },
    async ([format, name], { expect, onTestFinished }) => {
      const dir = emptyDir();
      const cp = join(dir, `${name}.checkpoint.json`);
      const file = join(dir, name);
      const range = ["--from", FROM, "--to", TO];
      // 10 records a request, one at a time, 100 ms each: a run of several times the 5 s between saves.
      const args = ["export", "sales", ...range, "--out", name, "--page-size", "10", "--concurrency", "1"];
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: simEnv(slow), stdio: "ignore" });
      onTestFinished(() => {
        child.kill("SIGKILL");
      });
      const exited = new Promise<number | null>((r) => child.on("exit", r));
      let ended = false;
      void exited.then(() => {
        ended = true;
      });
      // Polled, not timed: a checkpoint saved while running, and records written after it (the kill then
      // leaves the file longer than the checkpoint says), or the export's end (old code: no checkpoint).
      const saved = await new Promise<{ bytes: number; running?: boolean } | undefined>((resolve) => {
        const poll = setInterval(() => {
          if (ended) {
            clearInterval(poll);
            resolve(undefined);
            return;
          }
          if (!existsSync(cp)) return;
          const text = readFileSync(cp, "utf8");
          const checkpoint = JSON.parse(text) as { bytes: number; running?: boolean };
          if (statSync(file).size > checkpoint.bytes) {
            clearInterval(poll);
            child.kill("SIGKILL");
            resolve(checkpoint);
          }
        }, 20);
      });
      expect(saved, "the export ended without saving a checkpoint while it ran").toBeDefined();
      expect(await exited).toBe(null);
      expect(saved?.running).toBe(true);
      const killedAt = statSync(file).size;

      if (format === "csv") {
        // The same checkpoint from a clean stop does not say the file may be longer: refused, as before.
        const clean = JSON.parse(readFileSync(cp, "utf8")) as Record<string, unknown>;
        delete clean.running;
        writeFileSync(join(dir, "clean.json"), JSON.stringify(clean));
        const refused = await runCliInProcess(["export", "sales", "--resume", "--checkpoint", "clean.json"], {
          env: simEnv(sim),
          cwd: dir,
        });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(
          `--resume: s.csv is ${killedAt} bytes, but the interrupted export left it at`,
        );
        expect(statSync(file).size).toBe(killedAt);
      }

      const resumed = await runCliInProcess(["export", "sales", "--resume", "--out", name], {
        env: simEnv(sim),
        cwd: dir,
      });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(
        `${name}: dropped ${killedAt - (saved?.bytes ?? 0)} bytes written after the last checkpoint; those records are fetched again.`,
      );
      expect(existsSync(cp)).toBe(false);

      // The same range exported in one go: the same records, each once (shards may come in another order;
      // the slow simulator's recent dates are drawn from its own start, so records compare by transaction).
      const plain = await runCliInProcess(["export", "sales", ...range, "--out", `plain-${name}`], {
        env: simEnv(sim),
        cwd: dir,
      });
      expect(plain.code, plain.stderr).toBe(0);
      const transactions = (text: string): string[] => {
        if (format === "csv") return csvTransactions(text);
        const rows = (
          format === "json"
            ? JSON.parse(text)
            : text
                .trimEnd()
                .split("\n")
                .map((l) => JSON.parse(l))
        ) as { purchase: { transaction: string } }[];
        return rows.map((r) => r.purchase.transaction);
      };
      const got = readFileSync(file, "utf8");
      const want = readFileSync(join(dir, `plain-${name}`), "utf8");
      if (format === "csv") expect(got.split("\n")[0]).toBe(want.split("\n")[0]);
      const ids = transactions(got);
      expect(ids.length).toBe(new Set(ids).size);
      expect([...ids].sort()).toEqual(transactions(want).sort());
      expect([...ids].sort()).toEqual(expectedDefault());
    },
  );

  it("a checkpoint that cannot be saved when stopped says the export cannot be resumed, with exit 6", async () => {
    const {
      dir,
      stop,
      stderr: output,
    } = slowExport(["--checkpoint", join("cp", "s.json")], (folder) => mkdirSync(join(folder, "cp")));
    // The folder was there when the export started (it is checked before the first request) and is
    // gone when the checkpoint is saved: a disk that filled up, as far as the CLI can tell.
    expect(await stop("SIGTERM", () => rmSync(join(dir, "cp"), { recursive: true }))).toBe(6);
    const stderr = output();
    expect(stderr).toMatch(
      /Stopped after \d+ records, but the checkpoint could not be saved to cp\/s\.json: its folder does not exist\. This export cannot be resumed: run it again without --resume\./,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("an --out that cannot be opened is refused before any request, and an existing file is kept when an option is refused", async () => {
    const dir = emptyDir();
    const before = sim.requestLog.length;
    const missing = await runCliInProcess(
      ["export", "sales", "--out", join(dir, "no-such-folder", "s.csv")],
      {
        env: simEnv(sim),
      },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `--out: cannot write ${join(dir, "no-such-folder", "s.csv")}: its folder does not exist`,
    );
    const folder = await runCliInProcess(["export", "sales", "--out", dir], { env: simEnv(sim) });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("it is a folder");
    const checkpoint = await runCliInProcess(
      ["export", "sales", "--out", "s.csv", "--checkpoint", join("no-such-folder", "s.json")],
      { env: simEnv(sim), cwd: dir },
    );
    expect(checkpoint.code).toBe(2);
    expect(checkpoint.stderr).toContain(
      "--checkpoint: cannot save no-such-folder/s.json: its folder does not exist",
    );
    expect(existsSync(join(dir, "s.csv"))).toBe(false);
    writeFileSync(join(dir, "kept.csv"), "an earlier export\n");
    const refused = await runCliInProcess(["export", "sales", "--status", "NOPE", "--out", "kept.csv"], {
      env: simEnv(sim),
      cwd: dir,
    });
    expect(refused.code).toBe(2);
    expect(readFileSync(join(dir, "kept.csv"), "utf8")).toBe("an earlier export\n");
    expect(sim.requestLog.length).toBe(before);
  });

  it.runIf(existsSync("/dev/full"))(
    "a file that fails mid-export (a full disk) stops it with exit 6, says the file is incomplete, and leaves no checkpoint to resume from",
    async () => {
      const dir = emptyDir();
      const checkpoint = join(dir, "full.checkpoint.json");
      const r = await runCliInProcess(
        ["export", "sales", "--from", FROM, "--to", TO, "--out", "/dev/full", "--checkpoint", checkpoint],
        { env: simEnv(sim) },
      );
      expect(r.code, r.stderr).toBe(6);
      expect(r.stderr).toContain(
        "Writing /dev/full failed: the disk is full. The file is incomplete: fix that and export again (without --resume).",
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(checkpoint)).toBe(false);
    },
  );

  it.runIf(existsSync("/dev/stdout") && spawnSync("bash", ["-c", "true"]).status === 0)(
    "--out /dev/stdout into a pipe whose reader went away (| head -1) ends quietly with 0, as stdout does",
    async () => {
      const dir = emptyDir();
      const args = [
        "export",
        "sales",
        "--from",
        FROM,
        "--to",
        TO,
        "--out",
        "/dev/stdout",
        "--format",
        "jsonl",
      ];
      const more = ["--checkpoint", "cp.json", "--page-size", "20", "--concurrency", "2"];
      // A shell pipe, as a user types it (Node's own stdio pipes are sockets, which /dev/stdout cannot
      // open); the export's exit code and stderr are what the shell reports of it.
      const script = '"$0" "$@" 2>err.txt | head -1 >/dev/null; echo "$PIPESTATUS" >code.txt';
      const child = spawn("bash", ["-c", script, process.execPath, BIN, ...args, ...more], {
        cwd: dir,
        env: simEnv(slow),
      });
      onTestFinished(() => {
        child.kill();
      });
      expect(await new Promise<number | null>((r) => child.on("exit", r))).toBe(0);
      expect(readFileSync(join(dir, "err.txt"), "utf8")).toBe("");
      expect(readFileSync(join(dir, "code.txt"), "utf8").trim()).toBe("0");
      expect(existsSync(join(dir, "cp.json"))).toBe(false);
    },
    60_000,
  );

  it("usage errors exit 2 before any request", async () => {
    const before = sim.requestLog.length;
    expect((await runCliInProcess(["export", "nothing"], { env: simEnv(sim) })).code).toBe(2);
    // A name every object inherits is refused by name too, not passed on as `undefined`.
    const inherited = await runCliInProcess(["export", "constructor"], { env: simEnv(sim) });
    expect(inherited.code).toBe(2);
    expect(inherited.stderr).toContain('Unknown export "constructor"');
    expect(
      (await runCliInProcess(["export", "sales", "--from", "2025-31-01"], { env: simEnv(sim) })).code,
    ).toBe(2);
    expect((await runCliInProcess(["export", "sales", "--resume"], { env: simEnv(sim) })).code).toBe(2);
    expect(
      (await runCliInProcess(["export", "sales", "--concurrency", "0"], { env: simEnv(sim) })).code,
    ).toBe(2);
    // The SDK's refusals name the flags, not the SDK's option names.
    const flagOf = async (...args: string[]) =>
      (await runCliInProcess(["export", ...args], { env: simEnv(sim) })).stderr;
    expect(await flagOf("sales", "--page-size", "0")).toContain("Error: --page-size must be a whole number");
    expect(await flagOf("sales", "--from", "2026-01-01", "--to", "2025-01-01")).toContain(
      "Error: --from (2026-01-01T00:00:00-03:00) is after --to (2025-01-01T23:59:59-03:00)",
    );
    expect(await flagOf("event-tickets")).toContain("Error: --event-id is required");
    // A misspelled status is refused before the first walk, not by Hotmart's 400 after the walks
    // before it were written (a resume would meet it again).
    const dir = emptyDir();
    const status = await runCliInProcess(
      ["export", "sales", "--status", "APPROVED,APROVED", "--out", "s.csv"],
      {
        env: simEnv(sim),
        cwd: dir,
      },
    );
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--status: "APROVED" is not a transaction_status sales.history takes');
    expect(existsSync(join(dir, "s.csv"))).toBe(false);
    /** `export sales ... --out file` is a usage error that says `message`, and writes no file. */
    const refusedOut = async (flags: string[], file: string, message: string) => {
      const r = await runCliInProcess(["export", "sales", ...flags, "--out", file], {
        env: simEnv(sim),
        cwd: dir,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(existsSync(join(dir, file))).toBe(false);
    };
    // A spreadsheet's name would hold CSV text that Excel refuses to open; --excel makes a file it opens.
    await refusedOut(
      [],
      "vendas.xlsx",
      "Error: --out vendas.xlsx: hotmart export writes CSV, JSON Lines or JSON, not .xlsx files; for Excel use --excel --out vendas.csv",
    );
    // --excel writes CSV: under a .json name it would be a CSV that every JSON reader refuses.
    await refusedOut(
      ["--excel"],
      "vendas.json",
      "Error: --out vendas.json: --excel writes CSV, not JSON; use --excel --out vendas.csv",
    );
    // A list without transaction statuses: the message names the flag, not the SDK's option.
    expect(await flagOf("subscriptions", "--status", "all")).toContain(
      "Error: --status: this list has no transaction status to walk; leave --status out",
    );
    // A hand-edited checkpoint is refused by its file's name before any request, and the file it
    // resumes is left as it was.
    const shards = [
      { id: 0, status: "PAID", from: Date.UTC(2024, 0), to: Date.UTC(2025, 0) - 1, skip: 0, done: false },
      { id: 1, status: "PAID", from: Date.UTC(2025, 0), to: Date.UTC(2026, 0) - 1, skip: 0, done: false },
    ];
    const checkpoint = { version: 1, resource: "sales.history", params: {}, from: Date.UTC(2024, 0) };
    const edited = {
      ...checkpoint,
      to: Date.UTC(2026, 0) - 1,
      sendFrom: true,
      statuses: ["PAID"],
      pageSize: 500,
    };
    writeFileSync(join(dir, "s.csv"), "product.id\n");
    writeFileSync(
      join(dir, "s.csv.checkpoint.json"),
      JSON.stringify({
        cli: 1,
        name: "sales",
        format: "csv",
        excel: false,
        columns: ["product.id"],
        out: "s.csv",
        status: false,
        checkpoint: { ...edited, shards, nextId: 2, records: 0 },
      }),
    );
    const damaged = await runCliInProcess(["export", "sales", "--resume", "--out", "s.csv"], {
      env: simEnv(sim),
      cwd: dir,
    });
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain(
      'Error: --resume: s.csv.checkpoint.json is not a usable checkpoint (status "PAID" is not a transaction_status sales.history takes',
    );
    expect(damaged.stderr).toContain("Export again without --resume");
    expect(readFileSync(join(dir, "s.csv"), "utf8")).toBe("product.id\n");
    expect(existsSync(join(dir, "s.csv.checkpoint.json"))).toBe(true);
    // A column that is not documented would be an empty column in every row.
    const column = await runCliInProcess(["export", "sales", "--columns", "purchase.transaction,email"], {
      env: simEnv(sim),
    });
    expect(column.code).toBe(2);
    expect(column.stderr).toContain('"email" is not a column of sales; did you mean buyer.email');
    expect(column.stderr).toContain("--list-columns");
    // --columns picks CSV columns: JSON Lines would silently ignore it.
    const jsonl = await runCliInProcess(
      ["export", "sales", "--format", "jsonl", "--columns", "buyer.email"],
      {
        env: simEnv(sim),
      },
    );
    expect(jsonl.code).toBe(2);
    expect(jsonl.stderr).toContain("--columns chooses CSV columns");
    // A param the export sets itself names the flag to use instead.
    const param = await runCliInProcess(["export", "sales", "--param", "transaction_status=REFUNDED"], {
      env: simEnv(sim),
    });
    expect(param.code).toBe(2);
    expect(param.stderr).toContain("--param transaction_status: the export sets it itself; use --status");
    expect(sim.requestLog.length).toBe(before);
  });

  it("--checkpoint naming the --out file is refused before any request, the file kept", async () => {
    const dir = emptyDir();
    const before = sim.requestLog.length;
    writeFileSync(join(dir, "s.csv"), "an earlier export\n");
    for (const args of [
      ["--out", "s.csv", "--checkpoint", "s.csv"],
      ["--out", "s.csv", "--checkpoint", join(dir, "s.csv")],
      // A checkpoint "s" is written to "s.tmp" first, then renamed: that would overwrite the records too.
      ["--out", "s.tmp", "--checkpoint", "s"],
      ["--resume", "--out", "s.csv", "--checkpoint", "./s.csv"],
    ]) {
      const r = await runCliInProcess(["export", "sales", ...args], { env: simEnv(sim), cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(
        /Error: --checkpoint \S+ is the --out file s\.(csv|tmp): the checkpoint would overwrite the records/,
      );
    }
    expect(readFileSync(join(dir, "s.csv"), "utf8")).toBe("an earlier export\n");
    expect(sim.requestLog.length).toBe(before);
  });

  it("a quota that stays spent past --total-timeout is exit 4 (rate limited), not 5, and names the flag", async () => {
    // Every sales request answers 429 with the quota reset a minute away: the client's limiter holds
    // the retries back until the call's total timeout, 1 s here, runs out.
    const fault = sim.faults.add({ route: "/payments", kind: "rate-limit" });
    onTestFinished(() => {
      sim.faults.remove(fault.id);
    });
    const r = await runCliInProcess(["export", "sales", "--total-timeout", "1", "--concurrency", "2"], {
      env: simEnv(sim),
    });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain("while waiting for the rate limiter");
    expect(r.stderr).toContain("Raise --total-timeout (seconds, default 180) to wait longer for the quota");
    const bad = await runCliInProcess(["export", "sales", "--total-timeout", "0"], { env: simEnv(sim) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--total-timeout: "0" is not a number of seconds');
  });

  it("date flags take only the documented forms, and a date-time with an offset as written", async () => {
    const before = sim.requestLog.length;
    // Read month first (01/02 as January 2), in local time and not inclusive (2025-1-31), and days that
    // do not exist: refused, in every date flag, the end ones too.
    for (const bad of [
      "01/02/2025",
      "2025-1-31",
      "31-01-2025",
      "2025-01-31T24:00Z",
      "2025-02-30T10:00Z",
      "2025-02-29",
      "2025-13-01",
    ]) {
      for (const args of [
        ["export", "sales", "--from", bad],
        ["export", "sales", "--to", bad],
        ["sales", "history", "--start-date", bad],
        ["sales", "history", "--end-date", bad],
        ["subscriptions", "list", "--end-date-next-charge", bad],
        ["export", "subscriptions", "--param", `end_date_next_charge=${bad}`],
      ]) {
        const r = await runCliInProcess(args, { env: simEnv(sim) });
        expect(r.code, args.join(" ")).toBe(2);
        const flag = args[2] === "--param" ? "--param end_date_next_charge" : args[2];
        expect(r.stderr).toContain(`${flag}: "${bad}" is not a date; use YYYY-MM-DD (e.g. 2025-01-31)`);
      }
    }
    expect(sim.requestLog.length).toBe(before);
    // Late on January 31 in São Paulo is February 1 in UTC: the instant written, not refused.
    const from = "2025-01-31T21:00:00-03:00";
    const to = "2025-03-31T20:59:59.999-03:00";
    const got = (await exportEveryStatus(from, to)).map((row) => row.purchase.transaction);
    const expected = sim.data.sales
      .filter((x) => x.orderDate >= Date.parse(from) && x.orderDate <= Date.parse(to))
      .map((x) => x.transaction);
    expect(expected.length).toBeGreaterThan(0);
    expect(got.sort()).toEqual(expected.sort());
  });

  it("--param takes a date param as its flag would: epoch ms as digits, epoch seconds refused in the same words", async () => {
    const before = sim.requestLog.length;
    for (const [value, says] of [
      [
        "1735689600",
        "Error: --param date_next_charge looks like epoch seconds (1735689600): Hotmart takes epoch milliseconds, e.g. 1735689600000",
      ],
      [
        "01/02/2025",
        `Error: --param date_next_charge: "01/02/2025" is not a date; use YYYY-MM-DD (e.g. 2025-01-31)`,
      ],
    ] as const) {
      const r = await runCliInProcess(["export", "subscriptions", "--param", `date_next_charge=${value}`], {
        env: simEnv(sim),
      });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(says);
    }
    expect(sim.requestLog.length).toBe(before);
    // Digits are epoch ms; YYYY-MM-DD is that day from 00:00 in Brasília: both reach Hotmart as epoch ms.
    const charges = sim.data.subscriptions.map((x) => x.dateNextCharge).filter((ms) => ms > 0);
    const day = new Date(charges.sort((a, b) => a - b)[Math.floor(charges.length / 2)] as number)
      .toISOString()
      .slice(0, 10);
    const ms = Date.parse(`${day}T00:00:00-03:00`);
    for (const value of [String(ms), day]) {
      const start = sim.requestLog.length;
      const r = await runCliInProcess(
        ["export", "subscriptions", "--param", `date_next_charge=${value}`, "--format", "jsonl"],
        { env: simEnv(sim) },
      );
      expect(r.code, r.stderr).toBe(0);
      const records = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { date_next_charge: number });
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expect(record.date_next_charge).toBeGreaterThanOrEqual(ms);
      const sent = sim.requestLog.slice(start).filter((e) => e.path.includes("/subscriptions"));
      expect(sent.length).toBeGreaterThan(0);
      for (const e of sent) expect(e.query.date_next_charge).toBe(String(ms));
    }
  });

  it("a fresh export that fails before its first record leaves no file behind", async () => {
    const dir = emptyDir();
    // A misspelled filter is only caught on the first page (the SDK's checks), after the file was opened.
    const r = await runCliInProcess(["export", "sales", "--param", "buyer_emial=x", "--out", "e.csv"], {
      env: simEnv(sim),
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("did you mean `buyer_email`");
    expect(existsSync(join(dir, "e.csv"))).toBe(false);
    expect(existsSync(join(dir, "e.csv.checkpoint.json"))).toBe(false);
  });
});

describe("dates are Brasília's, as Hotmart's panel counts them (the CLI, the simulator)", () => {
  let dated: Simulator;
  /** Sales made by the simulator at the instants the tests name (UTC), by name. */
  const sale: Record<string, string> = {};

  beforeAll(async () => {
    // Generated history ends in 2014, so the days below hold only the sales made here, at set instants.
    dated = await startSimulator({
      port: 0,
      seed: 7,
      scale: { sales: 50 },
      rateLimit: false,
      now: Date.UTC(2014, 0, 1),
    });
    const at = (name: string, iso: string) => {
      dated.clock.set(Date.parse(iso));
      sale[name] = dated.purchase().transaction;
    };
    at("summer09_2330", "2015-01-10T01:30:00Z"); // 23:30 on the 9th in Brasília, daylight saving time (-02:00)
    at("summer10_0030", "2015-01-10T02:30:00Z"); // 00:30 on the 10th
    at("summer10_2330", "2015-01-11T01:30:00Z"); // 23:30 on the 10th
    at("summer11_0030", "2015-01-11T02:30:00Z"); // 00:30 on the 11th
    at("jan30_2330", "2025-01-31T02:30:00Z"); // 23:30 on 30 January in Brasília (-03:00)
    at("jan31_2230", "2025-02-01T01:30:00Z"); // 22:30 on 31 January: January for the seller
  }, 120_000);
  afterAll(async () => {
    await dated?.close();
  });

  async function exported(args: string[]): Promise<string[]> {
    const r = await runCliInProcess(["export", "sales", ...args, "--format", "jsonl"], {
      env: simEnv(dated),
    });
    expect(r.code, r.stderr).toBe(0);
    return r.stdout
      .trim()
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => (JSON.parse(l) as { purchase: { transaction: string } }).purchase.transaction)
      .sort();
  }

  it("--to 2025-01-31 includes a sale at 22:30 that evening in Brasília (01:30 UTC on 1 February)", async () => {
    expect(await exported(["--from", "2025-01-31", "--to", "2025-01-31"])).toEqual([sale.jan31_2230]);
    expect(await exported(["--from", "2025-01-01", "--to", "2025-01-31"])).toEqual(
      [sale.jan30_2330, sale.jan31_2230].sort(),
    );
    // A date-time without an offset is Brasília time too; with one, the instant as written.
    expect(await exported(["--from", "2025-01-31T22:00", "--to", "2025-01-31T23:00"])).toEqual([
      sale.jan31_2230,
    ]);
    expect(await exported(["--from", "2025-02-01T01:00:00Z", "--to", "2025-02-01T02:00:00Z"])).toEqual([
      sale.jan31_2230,
    ]);
    // The method commands read their date flags alike: --end-date includes its whole day.
    const r = await runCliInProcess(
      ["sales", "history", "--start-date", "2025-01-31", "--end-date", "2025-01-31", "--all", "--json"],
      { env: simEnv(dated) },
    );
    expect(r.code, r.stderr).toBe(0);
    const listed = (JSON.parse(r.stdout) as { purchase: { transaction: string } }[]).map(
      (x) => x.purchase.transaction,
    );
    expect(listed).toEqual([sale.jan31_2230]);
  });

  it("a day of daylight saving time (2015-01-10, -02:00) is that day's 24 hours at -02:00", async () => {
    expect(await exported(["--from", "2015-01-10", "--to", "2015-01-10"])).toEqual(
      [sale.summer10_0030, sale.summer10_2330].sort(),
    );
  });

  it("--excel shows each date in Brasília wall time, with the offset it had", async () => {
    const dir = emptyDir();
    const columns = "purchase.transaction,purchase.order_date";
    const args = `export sales --from 2015-01-01 --to 2025-12-31 --excel --out vendas.csv --columns ${columns}`;
    const r = await runCliInProcess(args.split(" "), { env: simEnv(dated), cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(join(dir, "vendas.csv"), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(rows[0]).toBe("purchase.transaction;purchase.order_date");
    // The dataset's few fixed sales (the sandbox's) fall in these years too: only the ones made here.
    const ours = new Set(Object.values(sale));
    expect(rows.filter((row) => ours.has(row.split(";")[0] ?? "")).sort()).toEqual(
      [
        `${sale.summer09_2330};2015-01-09 23:30:00`,
        `${sale.summer10_0030};2015-01-10 00:30:00`,
        `${sale.summer10_2330};2015-01-10 23:30:00`,
        `${sale.summer11_0030};2015-01-11 00:30:00`,
        `${sale.jan30_2330};2025-01-30 23:30:00`,
        `${sale.jan31_2230};2025-01-31 22:30:00`,
      ].sort(),
    );
  });
});

const tmux = spawnSync("tmux", ["-V"], { encoding: "utf8" });
const hasTmux = tmux.status === 0;
if (!hasTmux) {
  console.log(
    "skipping the pseudo-terminal test: tmux is not installed (apt-get install -y tmux, or brew install tmux)",
  );
}

describe.skipIf(!hasTmux)("hotmart export in a real terminal (tmux)", () => {
  const socket = `hotmart-cli-test-${process.pid}`;
  const t = (...args: string[]) => spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  afterAll(() => {
    t("kill-server");
  });

  async function until(check: () => boolean, what: string, limit = 3000): Promise<void> {
    // Bounded by iterations, not wall-clock assertions: a busy machine only makes it slower.
    for (let i = 0; i < limit; i++) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${t("capture-pane", "-p", "-t", "cli").stdout}`);
  }

  it("renders the progress bar; Ctrl-C then --resume completes with every record once", async () => {
    const dir = emptyDir();
    const env = Object.entries(simEnv(slow))
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    const cmd = (extra: string) =>
      `cd '${dir}' && env -i ${env} TERM=xterm-256color '${process.execPath}' '${BIN}' export sales --from ${FROM} --to ${TO} --out s.csv ${extra}; echo EXIT=$? > '${dir}/exit'; sleep 600`;
    expect(
      t("new-session", "-d", "-s", "cli", "-x", "150", "-y", "20", cmd("--page-size 20 --concurrency 2"))
        .status,
    ).toBe(0);
    const screen = () => t("capture-pane", "-p", "-t", "cli").stdout;
    await until(
      () => /\d+% \| \d+\/\d+ records \| \d+\/s \| ETA [\d:-]+ \| 429s 0/.test(screen()),
      "the progress bar",
    );
    await until(
      () =>
        existsSync(join(dir, "s.csv")) && readFileSync(join(dir, "s.csv"), "utf8").split("\n").length > 60,
      "some records",
    );
    t("send-keys", "-t", "cli", "C-c");
    // The shell creates the file before it writes the line: wait for the line, not for the file.
    await until(
      () => existsSync(join(dir, "exit")) && readFileSync(join(dir, "exit"), "utf8").includes("EXIT="),
      "the export to stop",
    );
    expect(readFileSync(join(dir, "exit"), "utf8").trim()).toBe("EXIT=130");
    expect(screen()).toMatch(/Resume with: hotmart export sales --resume --out s\.csv/);
    t("kill-session", "-t", "cli");

    const resumed = await runCliInProcess(["export", "sales", "--resume", "--out", "s.csv"], {
      env: simEnv(sim),
      cwd: dir,
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    const got = csvTransactions(readFileSync(join(dir, "s.csv"), "utf8"));
    expect(got.length).toBe(new Set(got).size);
    expect([...got].sort()).toEqual(expectedDefault());
  }, 90_000);
});

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold the delimiter, line breaks and `""`. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
