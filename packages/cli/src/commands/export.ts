import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  type WriteStream,
  writeSync,
} from "node:fs";
import { resolve } from "node:path";
import type { Writable } from "node:stream";
import { type Command, Option } from "commander";
import {
  APIUserAbortError,
  type ExportCheckpoint,
  type ExportOptions,
  type ExportProgress,
  type ExportRunOptions,
  type Hotmart,
  HotmartInputError,
} from "hotmart";
import { type GlobalOptions, openSession, resolveConfig } from "../config";
import { brasiliaIso, type DateEdge, edgeOf, inBrasiliaTime } from "../dates";
import { CliError, EXIT, errorMessage, exitCodeOf, usageError } from "../exit";
import {
  chooseColumns,
  columnsFor,
  EXPORTS,
  type ExportName,
  type ExportResourceName,
  exportNameOf,
} from "../export/columns";
import { openOutputFile, watchWrites } from "../export/output-file";
import type { ExportFormat } from "../export/writer";
import { checkFolderOf, fileProblem } from "../files";
import { err, type Io } from "../io";
import { METHODS, type ParamSpec } from "../methods";
import { parseDate, parseNumber, parseValue } from "../values";

/** What the CLI keeps beside the SDK's checkpoint, so a resumed file keeps its format and columns. */
interface ExportMeta {
  cli: 1;
  name: ExportName;
  format: ExportFormat;
  excel: boolean;
  columns: string[];
  out: string | undefined;
  /** Records carry the `_status` of the walk that found them. */
  status: boolean;
  /** `--status` as given: "all", or its list in upper case (absent without it, and in older checkpoints). */
  statuses?: "all" | string[];
  /** The account exported, as {@link accountOf} names it (absent in checkpoints from before it was kept). */
  account?: string;
}

/**
 * The account a command runs on, as a digest of its client id (a checkpoint file need not name it; no
 * client id is the embedded simulator). Resumed with another account's credentials (another --dotenv, a
 * shell with another account exported), an export appended that account's records to this one's file,
 * following cursors this account never issued.
 */
function accountOf(globals: GlobalOptions): string {
  return createHash("sha256")
    .update(resolveConfig(globals).clientId ?? "")
    .digest("hex")
    .slice(0, 16);
}

/**
 * What a checkpoint file holds. `bytes`: the size of `--out` once the records the checkpoint counts were
 * in it (absent for a pipe or a device, and in checkpoints from before it was kept): `--resume` appends
 * to that file only while it is still that long. `running`: saved while the export went on (see
 * CHECKPOINT_EVERY_MS), so the file may have grown past `bytes` before the process was killed.
 */
type SavedExport = ExportMeta & { bytes?: number; running?: true; checkpoint: ExportCheckpoint };

/**
 * How often an export to a regular file saves its checkpoint while it runs, so that a `kill -9`, the
 * OOM killer or a crash (no chance to save on the way out) loses at most these few seconds of fetching.
 * Each save flushes the writer, waits for the disk and writes a small JSON file: at one every 5 s that
 * is well under a thousandth of the run, and fetching 5 s again on resume costs the user nothing worth
 * a shorter period.
 */
const CHECKPOINT_EVERY_MS = 5_000;

interface ExportFlags {
  from?: string;
  to?: string;
  status?: string;
  format?: string;
  out?: string;
  concurrency?: string;
  resume?: boolean;
  checkpoint?: string;
  columns?: string;
  excel?: boolean;
  listColumns?: boolean;
  productId?: string;
  eventId?: string;
  param?: string[];
  progress?: boolean;
  pageSize?: string;
}

/** --format, else what --excel or the file's extension says: CSV for a file, JSON Lines on a pipe. */
export function defaultFormat(
  format: string | undefined,
  excel: boolean | undefined,
  out: string | undefined,
  columns = false,
): ExportFormat {
  if (format !== undefined) return format as ExportFormat;
  if (excel) return "csv";
  const ext = /\.(csv|jsonl|ndjson|json)$/i.exec(out ?? "")?.[1]?.toLowerCase();
  if (ext === "json") return "json";
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  // Columns are a CSV choice: `--columns a,b` on stdout means a CSV of those columns.
  return out === undefined && !columns ? "jsonl" : "csv";
}

/**
 * `--out vendas.xlsx` would get CSV text under a spreadsheet's name, which Excel refuses to open ("the
 * file format or extension is not valid"): refused before anything is fetched, with the flag that makes
 * a file Excel opens. `--excel --out vendas.json` is refused too: it would be CSV under a JSON name.
 */
function refuseSpreadsheetFile(out: string | undefined, excel: boolean | undefined): void {
  const ext = /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i.exec(out ?? "")?.[0];
  if (out !== undefined && ext !== undefined)
    throw usageError(
      `--out ${out}: hotmart export writes CSV, JSON Lines or JSON, not ${ext} files; ` +
        `for Excel use --excel --out ${out.slice(0, -ext.length)}.csv (it opens in Excel as a sheet)`,
    );
  // --excel decides the format before the extension does: a .json name would hold CSV text.
  const json = /\.(json|jsonl|ndjson)$/i.exec(out ?? "")?.[0];
  if (excel && out !== undefined && json !== undefined)
    throw usageError(
      `--out ${out}: --excel writes CSV, not JSON; use --excel --out ${out.slice(0, -json.length)}.csv`,
    );
}

/** The SDK's option names, as this command's flags, for its messages. */
const FLAG_OF_OPTION: Record<string, string> = {
  statuses: "--status",
  concurrency: "--concurrency",
  pageSize: "--page-size",
  eventId: "--event-id",
  from: "--from",
  to: "--to",
};

/** The SDK refuses bad options up front; `run()` throws at once, and a resumed plan on the first iteration. */
function startExport(
  client: Hotmart,
  resource: ExportResourceName,
  options: ExportOptions,
  checkpointFile: string,
) {
  try {
    // Built from flags, so typed loosely: run() checks them (statuses, eventId) and throws, by name.
    return client.export.run(resource, options as ExportRunOptions<typeof resource>);
  } catch (error) {
    throw error instanceof HotmartInputError ? refusal(error, checkpointFile) : error;
  }
}

/**
 * An SDK refusal in the CLI's words: its messages name the SDK's options, these name the flags, and a
 * checkpoint it refuses by its file.
 */
function refusal(error: HotmartInputError, checkpointFile: string): Error {
  const damaged = /^resume is not a usable export checkpoint (\(.*\)):/s.exec(error.message)?.[1];
  if (damaged !== undefined) {
    return usageError(
      `--resume: ${checkpointFile} is not a usable checkpoint ${damaged}; was it edited? ` +
        "Export again without --resume (to a new --out file)",
    );
  }
  if (/ has no transaction_status filter/.test(error.message)) {
    return usageError(
      "--status: this list has no transaction status to walk; leave --status out (filter it with --param, e.g. --param status=ACTIVE for subscriptions)",
    );
  }
  const [, option = "", rest = ""] = /^(\w+)(.*)$/s.exec(error.message) ?? [];
  const flag = Object.hasOwn(FLAG_OF_OPTION, option) ? FLAG_OF_OPTION[option] : undefined;
  if (flag === undefined) return error;
  // "statuses: X is not..." reads "--status: X is not..."; "from (…) is after to (…)" names both flags,
  // and its instants, which the SDK says in UTC, in Brasília time, as the flags read them.
  return usageError(`${flag}${inBrasiliaTime(rest.replace(/ is after to \(/, " is after --to ("))}`);
}

function checkpointPath(flags: ExportFlags, name: ExportName): string {
  return (
    flags.checkpoint ??
    (flags.out ? `${flags.out}.checkpoint.json` : `hotmart-export-${name}.checkpoint.json`)
  );
}

/**
 * Written to a temporary file first, so a crash mid-write never leaves half a checkpoint; synced before
 * the rename, so a machine that goes down just after it does not leave an empty one in its place.
 */
function saveCheckpoint(path: string, saved: SavedExport): void {
  const fd = openSync(`${path}.tmp`, "w");
  try {
    writeSync(fd, `${JSON.stringify(saved)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
}

/** Waits until the data written to a file is on the disk, not only in the kernel's cache. */
function syncData(file: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    // Set from the start (the file is opened with its descriptor), though @types/node leaves it out.
    const { fd } = file as unknown as { fd?: unknown };
    if (typeof fd !== "number") return resolve();
    fdatasync(fd, (error) => (error ? reject(error) : resolve()));
  });
}

function loadCheckpoint(path: string): SavedExport {
  if (!existsSync(path)) {
    throw usageError(
      `--resume: no checkpoint at ${path} (pass --checkpoint FILE, or the same --out as the interrupted run)`,
    );
  }
  try {
    const saved = JSON.parse(readFileSync(path, "utf8")) as SavedExport;
    if (saved.cli !== 1 || typeof saved.checkpoint !== "object") throw new Error("not a checkpoint");
    return saved;
  } catch {
    throw usageError(`--resume: ${path} is not a hotmart export checkpoint`);
  }
}

/** The size of a regular file; undefined for a pipe, a device (/dev/stdout) or a missing file. */
function regularFileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two paths name one file: the same path once resolved, or links to one file. */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.isFile() && x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * The checkpoint (or the temporary file it is written through) in the place of `--out` would overwrite
 * the records, and be deleted with them once the export ends.
 */
function refuseCheckpointOnOut(path: string, out: string | undefined): void {
  if (out === undefined || !(sameFile(path, out) || sameFile(`${path}.tmp`, out))) return;
  throw usageError(
    `--checkpoint ${path} is the --out file ${out}: the checkpoint would overwrite the records. ` +
      `Leave --checkpoint out (it goes to ${out}.checkpoint.json) or give it another file`,
  );
}

/**
 * A fresh export would overwrite the file an interrupted one left, and its checkpoint would then point
 * past the start of the new file (a resume would append to a file missing its first records).
 */
function refuseOverInterrupted(path: string, out: string | undefined): void {
  if (!existsSync(path)) return;
  throw usageError(
    `${path} holds the checkpoint of an interrupted export${out ? ` (to ${out})` : ""}: ` +
      `pass --resume to continue it, or delete ${path} to start over`,
  );
}

/**
 * The file a resume appends to must be the one the interrupted run left: missing, the rest would be
 * written alone (a CSV without its header or first records); of another length, it was changed since.
 * Longer than a checkpoint saved while running says is what a killed export leaves (the records written
 * after that save): the file is cut back to it, and those records are fetched again.
 */
function checkResumedFile(saved: SavedExport, path: string, io: Io): void {
  const { out, bytes } = saved;
  if (out === undefined) return;
  const records = saved.checkpoint.records;
  const startOver = `to start over, delete ${path} and export again without --resume`;
  if (!existsSync(out)) {
    throw usageError(
      `--resume: ${out} is missing, but the interrupted export wrote ${records} records to it; ` +
        `resuming would write only the rest. Put the file back, or ${startOver}`,
    );
  }
  const size = regularFileSize(out);
  if (saved.running && bytes !== undefined && size !== undefined && size > bytes) {
    truncateSync(out, bytes);
    err(
      io,
      `${out}: dropped ${size - bytes} bytes written after the last checkpoint; those records are fetched again.`,
    );
    return;
  }
  if (bytes !== undefined && size !== undefined && size !== bytes) {
    throw usageError(
      `--resume: ${out} is ${size} bytes, but the interrupted export left it at ${bytes} bytes ` +
        `(${records} records): it was changed since, and resuming would not complete it. Put the file back as it was, or ${startOver}`,
    );
  }
}

/** `--status` as the export takes it: "all", or a list in upper case. */
function statusListOf(flag: string): "all" | string[] {
  return flag.trim().toLowerCase() === "all" ? "all" : flag.split(",").map((s) => s.trim().toUpperCase());
}

/** A status list as the SDK walks it: one spelling of UNDER_ANALYSIS, no repeats, in order. */
function walks(list: readonly (string | null)[]): string {
  const names = list.map((s) => (s === "UNDER_ANALYSIS" ? "UNDER_ANALISYS" : s)).filter((s) => s !== "");
  return [...new Set(names)].sort().join(",");
}

/**
 * The flags of a `--resume` that say something else than the checkpoint, each with what the interrupted
 * export had: a resumed export takes its whole plan and output from the checkpoint, and one of these
 * ignored would write what was not asked for (records to stdout instead of `--out`, another format).
 * A flag that says the same is accepted; `--concurrency` and `--no-progress` are the resume's own.
 */
function conflictsWithCheckpoint(name: ExportName, flags: ExportFlags, saved: SavedExport): string[] {
  const { checkpoint } = saved;
  const out: string[] = [];
  const differs = (given: string, had: string) => out.push(`${given} (the interrupted export's: ${had})`);
  if (flags.out !== undefined && (saved.out === undefined || resolve(flags.out) !== resolve(saved.out)))
    differs(`--out ${flags.out}`, saved.out ?? "stdout");
  if (flags.format !== undefined && flags.format !== saved.format)
    differs(`--format ${flags.format}`, saved.format);
  if (flags.excel === true && !saved.excel) differs("--excel", "plain CSV");
  if (flags.columns !== undefined) {
    const documented = [...columnsFor(name)];
    const chosen = chooseColumns(name, flags.columns, documented, saved.status);
    const columns = saved.status && !chosen.includes("_status") ? [...chosen, "_status"] : chosen;
    if (columns.join(",") !== saved.columns.join(","))
      differs(`--columns ${flags.columns}`, saved.columns.join(","));
  }
  if (flags.from !== undefined && parseDate("--from", flags.from).getTime() !== checkpoint.from)
    differs(`--from ${flags.from}`, savedDate(flags.from, checkpoint.from, "start"));
  if (flags.to !== undefined && parseDate("--to", flags.to, "end").getTime() !== checkpoint.to)
    differs(`--to ${flags.to}`, savedDate(flags.to, checkpoint.to, "end"));
  if (flags.status !== undefined) {
    const given = statusListOf(flags.status);
    // "all" is the list of the resource's statuses, which the checkpoint holds walked, not named.
    const same = !saved.status
      ? false
      : given === "all"
        ? saved.statuses === undefined || saved.statuses === "all"
        : walks(given) === walks(checkpoint.statuses);
    if (!same) {
      const had = !saved.status
        ? "no --status"
        : saved.statuses === "all"
          ? "all"
          : checkpoint.statuses.join(",");
      differs(`--status ${flags.status}`, had);
    }
  }
  const dates = dateParamsOf(name);
  for (const [key, value] of Object.entries(parseParams(flags, name))) {
    const had = checkpoint.params[key];
    // A date param that an older CLI saved as typed ("2025-01-01") is the same date as its ISO form.
    const sameDate = typeof value === "string" && Date.parse(String(had)) === Date.parse(value);
    if (had === undefined || (String(had) !== String(value) && !(dates.has(key) && sameDate))) {
      const given =
        key === "product_id" && flags.productId !== undefined
          ? `--product-id ${flags.productId}`
          : `--param ${key}=${String(value)}`;
      differs(given, had === undefined ? `no ${key}` : `${key}=${String(had)}`);
    }
  }
  if (flags.eventId !== undefined && flags.eventId !== String(checkpoint.eventId))
    differs(
      `--event-id ${flags.eventId}`,
      checkpoint.eventId === undefined ? "none" : String(checkpoint.eventId),
    );
  if (flags.pageSize !== undefined && parseNumber("--page-size", flags.pageSize) !== checkpoint.pageSize)
    differs(`--page-size ${flags.pageSize}`, String(checkpoint.pageSize));
  return out;
}

/**
 * A checkpoint's date as a conflict names it, in Brasília time. Before dates became Brasília's, a bare
 * day was a UTC day: an export of `--from 2024-01-01` started then and resumed with the same flag
 * differs by three hours, which the message says, so that the same command reads as what it is.
 */
function savedDate(flag: string, saved: number, edge: DateEdge): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(flag.trim());
  const utc = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : Number.NaN;
  const older = (edge === "end" ? utc + 86_400_000 - 1 : utc) === saved;
  return older
    ? `${brasiliaIso(saved)}, ${flag.trim()} as a UTC day, as hotmart read days before it read them in Brasília time`
    : brasiliaIso(saved);
}

/** The list params of an export's list (subscriptions' `status`, `plan`), by name, from the same table. */
function listParamsOf(name: ExportName): Map<string, ParamSpec> {
  const [resource, method] = EXPORTS[name].resource.split(".");
  const spec = METHODS.find((m) => m.resource === resource && m.method === method);
  return new Map(
    (spec?.params ?? []).filter((p) => p.type === "list" || p.type === "numbers").map((p) => [p.name, p]),
  );
}

/** The date params of an export's list (`date_next_charge`, ...), from the CLI's table of SDK methods. */
function dateParamsOf(name: ExportName): Set<string> {
  const [resource, method] = EXPORTS[name].resource.split(".");
  const spec = METHODS.find((m) => m.resource === resource && m.method === method);
  return new Set((spec?.params ?? []).filter((p) => p.type === "date").map((p) => p.name));
}

/**
 * `--param key=value` as the SDK's params. A date param is read as its flag would be (`YYYY-MM-DD`, a
 * Brasília day, its last millisecond for an `end_*` param; an ISO date-time or epoch ms; bare digits
 * that look like epoch seconds refused in the same words) and handed on as an ISO date-time: the SDK
 * takes it as that date whatever the year, and the checkpoint keeps it as the same text.
 */
function parseParams(flags: ExportFlags, name: ExportName): Record<string, unknown> {
  const dates = dateParamsOf(name);
  const lists = listParamsOf(name);
  const params: Record<string, unknown> = {};
  // A filter Hotmart repeats for several values (subscriptions' status, plan): read as its list flag is
  // (commas split it, `\,` is a comma of a plan name, a documented value in any case), and the --param
  // given again adds to it. Handed on as one string, a comma list was refused by the SDK with advice
  // the CLI cannot follow, and a second --param replaced the first: part of the data read as all of it.
  const listed = new Map<string, unknown[]>();
  if (flags.productId !== undefined) params.product_id = parseNumber("--product-id", flags.productId);
  for (const pair of flags.param ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0)
      throw usageError(`--param "${pair}": use key=value, e.g. --param buyer_email=ana@example.com`);
    const key = pair.slice(0, eq);
    const flag = Object.hasOwn(SET_BY_FLAGS, key) ? SET_BY_FLAGS[key] : undefined;
    if (flag) throw usageError(`--param ${key}: the export sets it itself; use ${flag}`);
    const value = pair.slice(eq + 1);
    const list = lists.get(key);
    if (list) {
      const values = [
        ...(listed.get(key) ?? []),
        ...(parseValue(`--param ${key}`, list.type, value, list.values) as unknown[]),
      ];
      listed.set(key, values);
      // One value stays one string, as it was sent and saved in checkpoints before.
      params[key] = values.length === 1 ? values[0] : values;
      continue;
    }
    params[key] = dates.has(key) ? parseDate(`--param ${key}`, value, edgeOf(key)).toISOString() : value;
  }
  return params;
}

/** Params every walk sets itself (the SDK refuses them too, in its own words), and the flag to use. */
const SET_BY_FLAGS: Record<string, string> = {
  transaction_status: "--status",
  max_results: "--page-size",
  page_token: "--resume",
  start_date: "--from and --to",
  end_date: "--from and --to",
  accession_date: "--from and --to",
  end_accession_date: "--from and --to",
  transaction_date: "--from and --to",
  end_transaction_date: "--from and --to",
  last_update: "--from",
};

function resumeCommand(name: string, flags: ExportFlags, out: string | undefined): string {
  const parts = ["hotmart export", name, "--resume"];
  if (flags.checkpoint) parts.push("--checkpoint", flags.checkpoint);
  if (out) parts.push("--out", out);
  // Records went to stdout: the rest must be appended to wherever the first part went.
  else parts.push(">> the-same-file");
  return parts.join(" ");
}

/** Whether a write failed because the reader of a pipe, a socket or a terminal (`/dev/stdout`) went away. */
function readerGone(error: Error, file: string): boolean {
  if ((error as NodeJS.ErrnoException).code !== "EPIPE") return false;
  try {
    const stat = statSync(file);
    return stat.isFIFO() || stat.isCharacterDevice() || stat.isSocket();
  } catch {
    return false;
  }
}

/** Ends a stream, rejecting when the last write or the close fails. */
function endStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function runExport(nameArg: string, flags: ExportFlags, globals: GlobalOptions, io: Io): Promise<void> {
  const name = exportNameOf(nameArg);
  if (!name) throw usageError(`Unknown export "${nameArg}": use one of ${Object.keys(EXPORTS).join(", ")}`);
  if (flags.listColumns) {
    io.stdout.write(`${columnsFor(name).join("\n")}\n`);
    return;
  }
  const path = checkpointPath(flags, name);
  refuseCheckpointOnOut(path, flags.out);
  let meta: ExportMeta;
  /** Set for a new export; a resumed one takes everything from its checkpoint. */
  let fresh: ExportOptions | undefined;
  let resumeFrom: ExportCheckpoint | undefined;
  // Unset, the SDK's own default applies (client.export's `concurrency`), so the two never disagree.
  const concurrency =
    flags.concurrency === undefined ? undefined : parseNumber("--concurrency", flags.concurrency);
  if (flags.resume) {
    const loaded = loadCheckpoint(path);
    const { checkpoint, bytes: _bytes, running: _running, ...savedMeta } = loaded;
    meta = savedMeta;
    resumeFrom = checkpoint;
    const saved = meta;
    if (saved.name !== name) throw usageError(`--resume: ${path} is an export of ${saved.name}, not ${name}`);
    if (saved.account !== undefined && saved.account !== accountOf(globals))
      throw usageError(
        `--resume: ${path} is an export of another Hotmart account (another client id): resumed on this one, ` +
          "its records would be appended to that account's. Resume it with the credentials it ran with, " +
          "or export again without --resume to another --out file",
      );
    const conflicts = conflictsWithCheckpoint(name, flags, loaded);
    if (conflicts.length > 0) {
      throw usageError(
        `--resume: ${conflicts.length === 1 ? "a flag differs" : "flags differ"} from the interrupted export in ${path}: ` +
          `${conflicts.join("; ")}. A resumed export takes them from its checkpoint: leave them out, ` +
          `or delete ${path} and export again without --resume`,
      );
    }
    refuseCheckpointOnOut(path, saved.out);
    checkResumedFile(loaded, path, io);
  } else {
    refuseOverInterrupted(path, flags.out);
    refuseSpreadsheetFile(flags.out, flags.excel);
    const format = defaultFormat(flags.format, flags.excel, flags.out, flags.columns !== undefined);
    if (!["csv", "jsonl", "json"].includes(format))
      throw usageError(`--format must be csv, jsonl or json (got ${flags.format})`);
    if (flags.excel && format !== "csv")
      throw usageError("--excel is a CSV flavour: use it with --format csv");
    if (flags.columns !== undefined && format !== "csv")
      throw usageError(
        `--columns chooses CSV columns; ${format} has whole records: use --format csv, or pick fields from the JSON (e.g. with jq)`,
      );
    const documented = [...columnsFor(name)];
    const columns =
      flags.columns === undefined
        ? documented
        : chooseColumns(name, flags.columns, documented, flags.status !== undefined);
    const statusList = flags.status === undefined ? undefined : statusListOf(flags.status);
    const options: ExportOptions = { params: parseParams(flags, name), concurrency };
    if (flags.from !== undefined) options.from = parseDate("--from", flags.from);
    if (flags.to !== undefined) options.to = parseDate("--to", flags.to, "end");
    if (statusList !== undefined) options.statuses = statusList;
    if (flags.eventId !== undefined) options.eventId = flags.eventId;
    if (flags.pageSize !== undefined) options.pageSize = parseNumber("--page-size", flags.pageSize);
    fresh = options;
    meta = {
      cli: 1,
      name,
      format,
      excel: Boolean(flags.excel),
      columns:
        statusList !== undefined && format === "csv" && !columns.includes("_status")
          ? [...columns, "_status"]
          : columns,
      out: flags.out,
      status: statusList !== undefined,
      ...(statusList === undefined ? {} : { statuses: statusList }),
      account: accountOf(globals),
    };
  }
  const saved = meta;
  if (saved.out) checkFolderOf(saved.out, "--out: cannot write");
  checkFolderOf(path, "--checkpoint: cannot save");
  const session = await openSession(globals, { maxRetries: 5 });
  // Aborted when the output file fails, so the export stops fetching what it cannot write.
  const writeFailed = new AbortController();
  const signal = AbortSignal.any([io.signal, writeFailed.signal]);
  const runOptions: ExportOptions = fresh
    ? { ...fresh, signal }
    : { resume: resumeFrom, concurrency, signal };
  // The bar only on a terminal, and not over records printed to that same terminal.
  const showBar =
    flags.progress !== false && io.stderr.isTTY === true && (meta.out !== undefined || !io.stdout.isTTY);
  // Imported here, by the export alone: loading cli-progress and csv-stringify was about a fifth of the
  // start-up every other command paid (the binary is split into chunks, tsup.config.ts).
  const [{ ExportBar }, { RecordWriter }] = await Promise.all([
    import("../export/progress-bar"),
    import("../export/writer"),
  ]);
  const bar = showBar ? new ExportBar(io.stderr) : undefined;
  let last: ExportProgress | undefined;
  runOptions.onProgress = (event) => {
    last = event.progress;
    bar?.update(event.progress, event.type === "done");
  };
  const run = startExport(session.client, EXPORTS[name].resource, runOptions, path);
  const written = resumeFrom?.records ?? 0;
  const append = !fresh;
  let out: Writable = io.stdout;
  let writeError: () => Error | undefined = () => undefined;
  /** The --out file when it is a regular one: it gets checkpoints while the export runs. */
  let regular: WriteStream | undefined;
  if (saved.out) {
    // After the run's options were checked (a refused option leaves an existing file as it was), before
    // its first request.
    try {
      const file = openOutputFile(saved.out, append);
      writeError = watchWrites(file, writeFailed);
      out = file;
      // Not a pipe nor a device: what was handed to one cannot be cut back on resume.
      if (regularFileSize(saved.out) !== undefined) regular = file;
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  const writer = new RecordWriter(out, {
    format: saved.format,
    columns: saved.columns,
    excel: saved.excel,
    append,
    written,
  });
  let failure: unknown;
  let nextSave = Date.now() + CHECKPOINT_EVERY_MS;
  let saveWarned = false;
  try {
    for await (const { record, status } of run) {
      const row = saved.status ? { ...(record as object), _status: status } : record;
      await writer.write(row);
      if (regular === undefined || saved.out === undefined || Date.now() < nextSave) continue;
      // Every record the checkpoint counts must be in the file, and its size is then what a resume
      // appends to; records written after this may be lost to a kill, and are cut off on resume.
      await writer.flush();
      await syncData(regular);
      const bytes = regularFileSize(saved.out);
      try {
        if (bytes !== undefined)
          saveCheckpoint(path, { ...meta, bytes, running: true, checkpoint: run.checkpoint() });
      } catch (error) {
        // The export itself is fine: it goes on, and a clean stop tries to save again.
        if (!saveWarned)
          err(io, `Warning: could not save the checkpoint to ${path}: ${fileProblem(error)}; going on.`);
        saveWarned = true;
      }
      nextSave = Date.now() + CHECKPOINT_EVERY_MS;
    }
  } catch (error) {
    failure = error;
  }
  bar?.stop();
  if (writeError() === undefined) {
    try {
      await writer.finish(failure === undefined);
      if (out !== io.stdout) await endStream(out);
    } catch (error) {
      // The last flush failed: the stream's listener has the error too when it was the file's.
      if (writeError() === undefined) failure ??= error;
    }
  }
  await session.close();
  const unwritten = writeError();
  if (unwritten !== undefined) {
    out.destroy();
    // `--out /dev/stdout | head`: the reader went away, which is not an error; stop quietly, as the
    // export does on stdout itself (cli.ts), and leave any checkpoint as it was.
    if (saved.out !== undefined && readerGone(unwritten, saved.out)) return;
    // A checkpoint counts the records handed to the file, and some of them never reached it: resuming
    // from one would skip them. The file is left for the user to look at, and called what it is.
    rmSync(path, { force: true });
    throw new CliError(
      `Writing ${saved.out} failed: ${fileProblem(unwritten)}. The file is incomplete: fix that and export again (without --resume).`,
      EXIT.OUTPUT,
    );
  }
  if (failure === undefined) {
    rmSync(path, { force: true });
    const p = last ?? run.progress();
    err(
      io,
      `Exported ${p.records} records${saved.out ? ` to ${saved.out}` : ""} (${Math.round(p.elapsedMs / 100) / 10} s, ${p.rateLimited} responses 429).`,
    );
    return;
  }
  const records = run.checkpoint().records;
  if (failure instanceof HotmartInputError && records === written) {
    // Refused before the first request (a damaged checkpoint): nothing was fetched or written, and the
    // checkpoint file stays as it was for the user to look at.
    if (fresh && saved.out) rmSync(saved.out, { force: true });
    throw refusal(failure, path);
  }
  if (records === 0) {
    // Nothing was written: a checkpoint would only repeat the flags, and a new file holding a header
    // alone would read as an export that found nothing.
    if (fresh && saved.out) rmSync(saved.out, { force: true });
    if (failure instanceof APIUserAbortError || io.signal.aborted)
      throw new CliError("Interrupted: nothing exported.", EXIT.INTERRUPTED);
    throw failure;
  }
  try {
    const bytes = saved.out === undefined ? undefined : regularFileSize(saved.out);
    saveCheckpoint(path, {
      ...meta,
      ...(bytes === undefined ? {} : { bytes }),
      checkpoint: run.checkpoint(),
    });
  } catch (error) {
    // Checked writable before the first request; a disk that filled up since is what is left.
    throw new CliError(
      `${failure instanceof APIUserAbortError || io.signal.aborted ? "Interrupted" : errorMessage(failure)}\n` +
        `Stopped after ${records} records, but the checkpoint could not be saved to ${path}: ${fileProblem(error)}. ` +
        "This export cannot be resumed: run it again without --resume.",
      EXIT.OUTPUT,
    );
  }
  const how = `Resume with: ${resumeCommand(name, flags, meta.out)}`;
  if (failure instanceof APIUserAbortError || io.signal.aborted) {
    throw new CliError(
      `Interrupted after ${records} records; checkpoint saved to ${path}.\n${how}`,
      EXIT.INTERRUPTED,
    );
  }
  throw new CliError(
    `${errorMessage(failure)}\nStopped after ${records} records; checkpoint saved to ${path}.\n${how}`,
    exitCodeOf(failure),
  );
}

export function exportCommand(program: Command, io: Io): void {
  const list = Object.entries(EXPORTS)
    .map(([n, s]) => `  ${n.padEnd(26)} ${s.resource}`)
    .join("\n");
  program
    .command("export")
    .description(
      "export every record of a list over a date range: fast (parallel), resumable, CSV/JSON Lines/JSON",
    )
    .argument("<resource>", "what to export (see below)")
    .option(
      "--from <date>",
      "first day (YYYY-MM-DD: from its 00:00 in Brasília time), an ISO date-time (no offset: Brasília) or epoch ms (default 2010-01-01)",
    )
    .option(
      "--to <date>",
      "last day (YYYY-MM-DD, inclusive: the whole day in Brasília time), an ISO date-time (no offset: Brasília) or epoch ms (default now)",
    )
    .option(
      "--status <all|A,B>",
      "transaction statuses to walk: all, or a list (default: APPROVED and COMPLETE)",
    )
    .addOption(
      new Option(
        "--format <format>",
        "csv, jsonl or json (default: JSON Lines on stdout, CSV with --columns or --excel; for --out, from the extension, else csv)",
      ).choices(["csv", "jsonl", "json"]),
    )
    .option("--out <file>", "write to a file (default stdout)")
    .option(
      "--columns <a,b>",
      "CSV columns as dot paths (default: every documented column; see --list-columns)",
    )
    .option(
      "--excel",
      "CSV for Excel in Portuguese: semicolons, decimal commas, dates in Brasília time, codes as text, UTF-8 BOM",
    )
    .option("--concurrency <n>", "requests in flight (the rate limiter still paces them; default 16)")
    .option("--resume", "continue an interrupted export from its checkpoint")
    .option("--checkpoint <file>", "checkpoint file (default <out>.checkpoint.json)")
    .option("--product-id <id>", "only this product")
    .option("--event-id <id>", "the event, for event-tickets")
    .option(
      "--param <key=value>",
      "any other filter of the list (repeatable); a date takes the --from forms, e.g. date_next_charge=2025-01-31",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option("--list-columns", "print the CSV columns of the resource and exit")
    .option("--no-progress", "no progress bar even on a terminal")
    .option("--page-size <n>", "records per request (default and maximum: the endpoint's, 500)")
    .addHelpText(
      "after",
      `
Resources:
${list}

Columns: every field of the API's documented response, nested fields flattened by dot path
(purchase.price.value), arrays as one JSON cell; with --status, a last column _status says which
status walk found the record. The list does not depend on the data: the header is the same every run.

Dates are Brasília's, as Hotmart's panel counts days: --to 2025-01-31 includes a sale at 22:30 that
evening in São Paulo (01:30 UTC on 1 February), and --excel shows its date as 2025-01-31 22:30:00.
Other formats keep Hotmart's epoch milliseconds.

Ctrl-C stops cleanly: the checkpoint is saved and the command to resume is printed (exit code 130).
To a file (--out) the checkpoint is also saved every 5 s while it runs, so an export killed outright
(kill -9, out of memory) resumes too: --resume cuts off what was written after that save.

Examples:
  $ hotmart export sales --from 2025-01-01 --to 2025-12-31 --status all --out sales-2025.csv
  $ hotmart export sales --from 2025-01-01 --excel --out vendas.csv
  $ hotmart export subscriptions --format jsonl | jq .subscriber.email
  $ hotmart export sales --out sales-2025.csv --resume
  $ hotmart export sales --list-columns
`,
    )
    .action(async (resource: string, flags: ExportFlags, cmd: Command) => {
      await runExport(resource, flags, cmd.optsWithGlobals() as GlobalOptions, io);
    });
}
