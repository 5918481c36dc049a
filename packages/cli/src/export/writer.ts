import type { EventEmitter } from "node:events";
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify";
import { brasiliaDateTime } from "../dates";
import { getPath } from "../flatten";
import { DATE_COLUMN } from "../output";

export type ExportFormat = "csv" | "jsonl" | "json";

export interface WriterOptions {
  format: ExportFormat;
  columns: readonly string[];
  /** Excel set to Portuguese: `;` between fields, decimal commas, a UTF-8 BOM. */
  excel: boolean;
  /** Appending to a file an earlier run started: no header, no BOM, no opening bracket. */
  append: boolean;
  /** Records already in the file (a JSON array needs a comma before the next one). */
  written: number;
}

/**
 * What Excel reads as the start of a formula (OWASP's CSV injection list, full-width forms included). A
 * buyer can name themselves `=HYPERLINK(...)`; in the Excel flavour such a text gets a leading `'`, which
 * Excel reads as "text" (a phone `+55...` is written as a text below, without the `'`). Plain CSV keeps
 * every value as the API sent it.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text Excel would read as a number, a date or a time, and change: a CPF or a CEP that starts with 0
 * loses it, an 18-digit ticket code keeps 15 digits (1,38354305308805E+17), an offer code such as
 * `12345e67` becomes 1,2345E+71, `01/02` a date. So: digits, with only the characters numbers, dates, times
 * and phones are written with. One of those Excel would have kept as text anyway costs only the wrapping.
 */
const NUMBER_LIKE = /^(?=.*\d)[\d .,:/()%+\-eE]+$/;

/** A month's name, English or Portuguese, in full or in its first three letters, as Excel reads them. */
const MONTH =
  "jan(?:uary|eiro)?|fe[bv](?:ruary|ereiro)?|mar(?:ch|[çc]o)?|a[bp]r(?:il)?|ma(?:y|io?)|" +
  "ju[nl](?:[ey]|ho)?|a(?:ug|go)(?:ust|sto)?|se[pt](?:t|tember|embro)?|o[cu]t(?:ober|ubro)?|" +
  "nov(?:ember|embro)?|de[cz](?:ember|embro)?";
/** A time of day, 12:30, 12:30:45.5, with a.m. or p.m. after it or not (`12:30 PM`, `1:30p`, `1 pm`). */
const CLOCK = "\\d{1,2}(?:(?::\\d{2}){1,2}(?:[.,]\\d+)?\\s*(?:[ap]\\.?m?\\.?)?|\\s*[ap]\\.?m\\.?)";

/**
 * A date or a time that NUMBER_LIKE leaves out, because it has letters: a month's name with a day or a
 * year (`jan/25`, `25-jan`, `1-jan-2025`, `Jan 25, 2025`, `mar/2025`, `25 de março`), a time with a.m.
 * or p.m. (`12:30 PM`), or a date with such a time (`2025-01-31 10:00 AM`). Excel or LibreOffice turn
 * those into a date serial (`jan/25` into 1 January 2025, shown as `jan-25`), as they do `01/02`.
 */
const DATE_LIKE = new RegExp(
  `^(?=.*\\d)(?:(?:\\d{1,4}[\\s/.,-]+(?:de\\s+)?)?(?:${MONTH})\\.?(?:[\\s/.,-]+(?:de\\s+)?\\d{1,4}){0,2}(?:\\s+${CLOCK})?|(?:[\\d/.-]+\\s+)?${CLOCK})$`,
  "i",
);

/**
 * The Excel flavour writes such a text as the formula `="0123"`, whose value is the text itself: Excel
 * shows exactly 0123 in any locale (the formula has no function name nor separator), and so does
 * LibreOffice with "Evaluate formulas" ticked in its import dialog (without it, the cell shows
 * `="0123"`: every digit still there). A leading `'` or tab is no such thing: the `'` may show in
 * Excel's cell, and LibreOffice keeps either in the text. NUMBER_LIKE holds no `"`, so the formula is one
 * string literal, with nothing to run (DATE_LIKE neither). A formula's text holds at most 255 characters.
 */
const asExcelText = (text: string) =>
  text.length <= 255 && (NUMBER_LIKE.test(text) || DATE_LIKE.test(text)) ? `="${text}"` : undefined;

/**
 * A record's value for one CSV column: objects and arrays as JSON, numbers per flavour. Plain CSV keeps
 * the API's values (epoch ms); the Excel flavour shows dates as Brasília date-times, decimals with commas,
 * and texts as texts.
 */
export function csvCell(value: unknown, excel: boolean, column = ""): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!excel) return String(value);
    if (DATE_COLUMN.test(column) && Number.isInteger(value) && value > 1e11 && value < 1e13)
      // As Excel reads a date-time in any locale, in Brasília time as Hotmart's panel shows it (a sale at
      // 22:30 on 31 January in São Paulo is on the 31st there, not on 1 February as in UTC).
      return brasiliaDateTime(value);
    return String(value).replace(".", ",");
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") {
    if (!excel) return value;
    return asExcelText(value) ?? (FORMULA_START.test(value) ? `'${value}` : value);
  }
  if (Array.isArray(value) && value.length === 0) return "";
  return JSON.stringify(value);
}

/** Writes records in the chosen format, with backpressure, to a file or stdout. */
export class RecordWriter {
  readonly #out: Writable;
  readonly #options: WriterOptions;
  #csv: ReturnType<typeof stringify> | undefined;
  /**
   * The output's error, once it failed. Every wait checks it and listens for it: once the output fails,
   * the CSV stream it was piped from is unpiped and would never drain nor end, and a wait begun after the
   * error would never see it.
   */
  #error: { reason: unknown } | undefined;
  #count: number;
  /**
   * Records this run wrote. The opening `[` waits for the first (or a complete end), and a run that
   * fails before it writes nothing: a lone `[` on stdout is no JSON, a header alone reads as "found nothing".
   */
  #wrote = 0;

  constructor(out: Writable, options: WriterOptions) {
    this.#out = out;
    this.#options = options;
    this.#count = options.written;
    // Kept for the waits; an error while nothing waits is the stream owner's to report.
    out.once("error", (reason) => {
      this.#error = { reason };
    });
    if (options.format === "csv") this.#csv = this.#stringifier(!options.append);
  }

  /** A CSV stringifier piped to the output; `first`: it starts the file (header, and BOM for Excel). */
  #stringifier(first: boolean): ReturnType<typeof stringify> {
    const { excel, columns } = this.#options;
    const csv = stringify({
      delimiter: excel ? ";" : ",",
      bom: excel && first,
      header: first,
      columns: [...columns],
      record_delimiter: excel ? "windows" : "unix",
    });
    csv.pipe(this.#out, { end: false });
    return csv;
  }

  /**
   * Resolves once every record written so far is in the output's hands (a file's descriptor has them),
   * for a checkpoint that counts them. The file is then as `finish(false)` leaves it (a JSON array not
   * closed), which is what a resume appends to. The CSV stringifier holds records until its consumer
   * reads them, so it is ended, as `finish` does, and a new one without header nor BOM takes the next
   * records, as a resumed export's would. Costly enough to call every few seconds, not every record.
   */
  async flush(): Promise<void> {
    if (this.#csv) {
      const done = this.#until(this.#csv, "end");
      this.#csv.end();
      await done;
      this.#csv = this.#stringifier(false);
    }
    if (this.#error) throw this.#error.reason;
    // Writes complete in order: the callback of an empty one comes once every write before it is done.
    await new Promise<void>((resolve, reject) =>
      this.#out.write("", (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Resolves when the record is buffered (waits for drain when the consumer is slow). */
  async write(record: unknown): Promise<void> {
    const { format, columns, excel } = this.#options;
    let ok: boolean;
    this.#wrote += 1;
    if (format === "csv" && this.#csv) {
      ok = this.#csv.write(columns.map((c) => csvCell(getPath(record, c), excel, c)));
      if (!ok) await this.#until(this.#csv, "drain");
      return;
    }
    const line = JSON.stringify(record);
    const open = format === "json" && !this.#options.append && this.#wrote === 1 ? "[\n" : "";
    if (format === "json") ok = this.#out.write(`${open}${this.#count > 0 ? ",\n" : ""}${line}`);
    else ok = this.#out.write(`${line}\n`);
    this.#count += 1;
    if (!ok) await this.#until(this.#out, "drain");
  }

  /**
   * Waits for `event` on `emitter`, or rejects with its error or the output's. Every listener goes when
   * one comes: a wait is made every few kilobytes, and racing each against one long-lived promise of the
   * output's error (as this did) left a reaction on that promise per wait, for the whole export: heap
   * that grew by 15 MB over a million records and never came back.
   */
  #until(emitter: EventEmitter, event: string): Promise<void> {
    if (this.#error) return Promise.reject(this.#error.reason);
    const sources = emitter === this.#out ? [emitter] : [emitter, this.#out];
    return new Promise<void>((resolve, reject) => {
      const settle = (reason?: unknown) => {
        emitter.off(event, done);
        for (const source of sources) source.off("error", fail);
        if (reason === undefined) resolve();
        else reject(reason);
      };
      const done = () => settle();
      const fail = (reason: unknown) => settle(reason ?? new Error(`the ${event} wait failed`));
      emitter.once(event, done);
      for (const source of sources) source.once("error", fail);
    });
  }

  /** Flushes everything written so far; `complete` also closes a JSON array. */
  async finish(complete: boolean): Promise<void> {
    if (!complete && this.#wrote === 0) {
      // Ended, the stringifier would write the header (and BOM) after all.
      this.#csv?.unpipe(this.#out);
      this.#csv?.destroy();
      return;
    }
    if (this.#csv) {
      const done = this.#until(this.#csv, "end");
      this.#csv.end();
      await done;
    }
    if (complete && this.#options.format === "json")
      this.#out.write(this.#count > 0 ? "\n]\n" : this.#options.append ? "]\n" : "[\n]\n");
  }
}
