import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Command } from "commander";
import {
  APIConnectionTimeoutError,
  AuthenticationError,
  Hotmart,
  HotmartInputError,
  RateLimitError,
} from "hotmart";
import { describe, expect, it, vi } from "vitest";
import { defaultFormat } from "../src/commands/export";
import { savable } from "../src/commands/webhooks";
import { parseDotenv, resolveConfig } from "../src/config";
import { CliError, EXIT, exitCodeOf } from "../src/exit";
import { columnsFromSchemas, EXPORTS, type ExportName } from "../src/export/columns";
import { DOCUMENTED_COLUMNS } from "../src/export/documented-columns";
import { ExportBar } from "../src/export/progress-bar";
import { csvCell, RecordWriter } from "../src/export/writer";
import { extensions } from "../src/extensions";
import { columnsOf, type FlatRow, flatten } from "../src/flatten";
import { HEAP_GROWING_FLAG, keepHeapTight } from "../src/heap";
import { METHODS } from "../src/methods";
import { renderRecord, renderTable, renderTsv } from "../src/output";
import { buildProgram } from "../src/program";
import { parseDate, parsePort, parseValue } from "../src/values";

const apiInit = (status: number) => ({
  status,
  headers: new Headers({ "retry-after": "7" }),
  body: { error: "x" },
  method: "GET",
  url: "https://example.test/",
});

describe("the method table", () => {
  it("names a real SDK method on every row, once", async () => {
    const client = new Hotmart({ clientId: "id", clientSecret: "secret" });
    const seen = new Set<string>();
    for (const spec of METHODS) {
      const resource = client[spec.resource] as unknown as Record<string, unknown>;
      expect(typeof resource[spec.method], `${spec.resource}.${spec.method}`).toBe("function");
      const key = `${spec.resource} ${spec.method}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(spec.example.startsWith(`hotmart ${spec.resource} `)).toBe(true);
    }
    await client.close();
  });
});

/** SDK methods without a row of their own, and why. */
const NOT_IN_TABLE: Record<string, string> = {
  "club.users": "an alias of club.students",
  "club.findStudent": "internal (@internal), used by studentProgress and access.check",
  "access.check": "its own command: hotmart access check",
};

describe("the method table covers the SDK", () => {
  it("has a row for every public method of every resource", async () => {
    const client = new Hotmart({ clientId: "id", clientSecret: "secret" });
    const missing: string[] = [];
    for (const resource of [
      "sales",
      "subscriptions",
      "products",
      "coupons",
      "club",
      "events",
      "negotiation",
      "access",
    ]) {
      const object = (client as unknown as Record<string, object>)[resource] as Record<string, unknown>;
      const names = new Set<string>(Object.keys(object));
      for (let p = Object.getPrototypeOf(object); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
        for (const n of Object.getOwnPropertyNames(p)) names.add(n);
      }
      for (const name of names) {
        if (name === "constructor" || name.startsWith("_") || name.endsWith("Autopaginate")) continue;
        if (typeof object[name] !== "function") continue;
        const key = `${resource}.${name}`;
        if (key in NOT_IN_TABLE) continue;
        if (!METHODS.some((m) => m.resource === resource && m.method === name)) missing.push(key);
      }
    }
    await client.close();
    expect(missing).toEqual([]);
  });
});

describe("the binary's heap", () => {
  it("asks V8 to collect once the old generation grew by half, unless node was given its own value", () => {
    const set: string[] = [];
    expect(keepHeapTight([], (flags) => set.push(flags))).toBe(true);
    expect(set).toEqual(["--heap-growing-percent=50"]);
    expect(keepHeapTight(["--heap-growing-percent=20"], (flags) => set.push(flags))).toBe(false);
    expect(keepHeapTight(["--heap_growing_percent=20"], (flags) => set.push(flags))).toBe(false);
    expect(set).toHaveLength(1);
  });

  it("goes on with the runtime's defaults where the flag is refused", () => {
    const refuse = () => {
      throw new Error("unknown flag");
    };
    expect(keepHeapTight([], refuse)).toBe(false);
  });

  it("names a flag this Node knows", () => {
    // An unknown name would be ignored with a warning on stderr: the binary would print it on every run.
    const name = HEAP_GROWING_FLAG.slice(2).split("=")[0];
    const known = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
    expect(known).toContain(`--${name} `);
  });
});

describe("exit codes", () => {
  it("maps each failure to its documented code", () => {
    expect(exitCodeOf(new HotmartInputError("bad"))).toBe(EXIT.USAGE);
    expect(exitCodeOf(new AuthenticationError(apiInit(401)))).toBe(EXIT.AUTH);
    expect(exitCodeOf(new RateLimitError(apiInit(429)))).toBe(EXIT.RATE_LIMIT);
    expect(exitCodeOf(new APIConnectionTimeoutError("timed out", { outcomeUnknown: false }))).toBe(
      EXIT.NETWORK,
    );
    // A call the rate limiter held past its total timeout (the SDK's waitedFor): rate limited. One
    // that waited for a token that long is a network fault.
    const held = new APIConnectionTimeoutError("held", { outcomeUnknown: false, waitedFor: "rate-limiter" });
    expect(exitCodeOf(held)).toBe(EXIT.RATE_LIMIT);
    const token = new APIConnectionTimeoutError("token", { outcomeUnknown: false, waitedFor: "token" });
    expect(exitCodeOf(token)).toBe(EXIT.NETWORK);
    expect(exitCodeOf(new CliError("x", EXIT.INTERRUPTED))).toBe(130);
  });
});

describe("values and config", () => {
  it("parses dates strictly", () => {
    expect(parseDate("--from", "2025-01-31").toISOString()).toBe("2025-01-31T03:00:00.000Z");
    expect(parseDate("--from", "1735689600000").getTime()).toBe(1735689600000);
    expect(() => parseDate("--from", "2025-02-30")).toThrow(/not a date/);
    expect(() => parseDate("--from", "yesterday")).toThrow(/YYYY-MM-DD/);
  });

  it("a bare day is a whole day in Brasília time, as Hotmart's panel counts it, whatever the machine's zone", () => {
    const iso = (text: string, edge?: "start" | "end") => parseDate("--to", text, edge).toISOString();
    // 22:30 on 31 January in São Paulo is 01:30 UTC on 1 February: inside --to 2025-01-31.
    expect(iso("2025-01-31")).toBe("2025-01-31T03:00:00.000Z");
    expect(iso("2025-01-31", "end")).toBe("2025-02-01T02:59:59.999Z");
    // Daylight saving time until 2019 (-02:00 in the summers): midnight of 2015-01-10 was 02:00 UTC.
    expect(iso("2015-01-10")).toBe("2015-01-10T02:00:00.000Z");
    expect(iso("2015-01-10", "end")).toBe("2015-01-11T01:59:59.999Z");
    // The clocks went from 00:00 to 01:00 on 2018-11-04: its first instant was 01:00 -02:00.
    expect(iso("2018-11-04")).toBe("2018-11-04T03:00:00.000Z");
    expect(iso("2018-11-03", "end")).toBe("2018-11-04T02:59:59.999Z");
    // ... and from 00:00 back to 23:00 on 2019-02-16, a day of 25 hours.
    expect(iso("2019-02-16")).toBe("2019-02-16T02:00:00.000Z");
    expect(iso("2019-02-16", "end")).toBe("2019-02-17T02:59:59.999Z");
    // A date-time without an offset is Brasília time too, not the machine's; with Z or an offset, and
    // epoch ms, as given.
    vi.stubEnv("TZ", "Asia/Tokyo");
    try {
      expect(new Date(2025, 0, 31).getTimezoneOffset()).toBe(-540);
      expect(iso("2025-01-31T22:30")).toBe("2025-02-01T01:30:00.000Z");
      expect(iso("2015-01-10 00:30:00.25", "end")).toBe("2015-01-10T02:30:00.250Z");
      expect(iso("2025-01-31")).toBe("2025-01-31T03:00:00.000Z");
    } finally {
      vi.unstubAllEnvs();
    }
    expect(iso("2025-01-31T22:30:00Z", "end")).toBe("2025-01-31T22:30:00.000Z");
    expect(iso("2025-01-31T22:30:00+0100")).toBe("2025-01-31T21:30:00.000Z");
    expect(iso("2015-01-10T00:30:00-03:00")).toBe("2015-01-10T03:30:00.000Z");
    expect(parseDate("--to", "1738373400000", "end").getTime()).toBe(1738373400000);
  });

  it("a day or time that does not exist is refused before any request, in the flag's words", () => {
    expect(parseDate("--to", "2024-02-29", "end").toISOString()).toBe("2024-03-01T02:59:59.999Z");
    for (const bad of ["2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-04-31", "0099-01-01"]) {
      for (const edge of ["start", "end"] as const) {
        let error: unknown;
        try {
          parseDate("--to", bad, edge);
        } catch (e) {
          error = e;
        }
        expect(error, bad).toBeInstanceOf(CliError);
        expect((error as CliError).exitCode).toBe(EXIT.USAGE);
        expect((error as Error).message).toBe(
          `--to: "${bad}" is not a date; use YYYY-MM-DD (e.g. 2025-01-31), an ISO date-time (e.g. 2025-01-31T14:05:00Z) or epoch ms`,
        );
      }
    }
    for (const bad of ["2025-01-31T24:00", "2025-01-31T23:60", "2025-02-30T10:00", "2025-01-31T10:00+24:00"])
      expect(() => parseDate("--from", bad), bad).toThrow(`--from: "${bad}" is not a date`);
  });

  it("an --end-* flag's bare day is its last millisecond, any other date flag's its first", () => {
    const end = parseValue("--end-date", "date", "2025-01-31", undefined, "end") as Date;
    const start = parseValue("--start-date", "date", "2025-01-31") as Date;
    expect([start.toISOString(), end.toISOString()]).toEqual([
      "2025-01-31T03:00:00.000Z",
      "2025-02-01T02:59:59.999Z",
    ]);
  });

  it("a port is a whole number from 0 to 65535, or a usage error that says so (not Node's message, exit 1)", () => {
    expect(parsePort("--port", "0")).toBe(0);
    expect(parsePort("--port", " 4242 ")).toBe(4242);
    for (const bad of ["99999", "-1", "80.5", "http"]) {
      let error: unknown;
      try {
        parsePort("--port", bad);
      } catch (e) {
        error = e;
      }
      expect(exitCodeOf(error), bad).toBe(EXIT.USAGE);
      expect(String(error), bad).toMatch(/^CliError: --port: /);
    }
    expect(() => parsePort("--port", "99999")).toThrow(
      "--port: 99999 is not a port: use a whole number from 1 to 65535, or 0 for a free one",
    );
  });

  it("a documented value typed in another case is sent as documented; other values as typed", () => {
    const values = ["ACTIVE", "DELAYED", "CANCELLED_BY_CUSTOMER"];
    expect(parseValue("--status", "list", "active, Delayed,NEW_ONE", values)).toEqual([
      "ACTIVE",
      "DELAYED",
      "NEW_ONE",
    ]);
    expect(parseValue("--status", "string", "cancelled_by_customer", values)).toBe("CANCELLED_BY_CUSTOMER");
    expect(parseValue("--status", "string", "unknown", values)).toBe("unknown");
    expect(parseValue("--name", "string", "active")).toBe("active");
    // A list of documented values where the filter takes one is refused, not sent as "A,B" (a 400).
    expect(() =>
      parseValue("--transaction-status", "string", "APPROVED, refunded", ["APPROVED", "REFUNDED"]),
    ).toThrow(
      '--transaction-status takes one value, not a list ("APPROVED, refunded"): run the command once per value',
    );
    // A value that merely holds a comma, where no documented values are known, goes as typed.
    expect(parseValue("--buyer-name", "string", "Silva, Ana")).toBe("Silva, Ana");
  });

  it("reads .env lines and lets flags win over the environment", () => {
    expect(parseDotenv('# c\nexport A=1\nB="two words"\nC=x # note\n')).toEqual([
      ["A", "1"],
      ["B", "two words"],
      ["C", "x"],
    ]);
    const c = resolveConfig(
      { clientId: "flag" },
      { HOTMART_CLIENT_ID: "env", HOTMART_CLIENT_SECRET: "s", HOTMART_SANDBOX: "true" },
    );
    expect(c.clientId).toBe("flag");
    expect(c.sources.clientId).toBe("flag");
    expect(c.clientSecret).toBe("s");
    expect(c.sandbox).toBe(true);
  });
});

describe("output", () => {
  it("flattens nested records into dot paths, arrays as JSON", () => {
    expect(flatten({ a: { b: 1, c: { d: "x" } }, e: [1, 2], f: null })).toEqual({
      "a.b": 1,
      "a.c.d": "x",
      e: "[1,2]",
      f: null,
    });
  });

  it("an object empty in one row and filled in another is shown by its fields, where it first stood", () => {
    const rows = [
      flatten({ id: 1, tracking: {}, price: 9 }),
      flatten({ id: 2, tracking: { source: "vsl", sck: "a" }, price: 10 }),
    ];
    expect(columnsOf(rows)).toEqual(["id", "tracking.source", "tracking.sck", "price"]);
    expect(renderTsv(rows)).toBe("id\ttracking.source\ttracking.sck\tprice\n1\t\t\t9\n2\tvsl\ta\t10\n");
    // Alone, the empty object keeps its column, so the field is not hidden.
    expect(columnsOf([rows[0] as FlatRow])).toEqual(["id", "tracking", "price"]);
  });

  it("fits the table to the width and counts what it left out", () => {
    const rows = [{ a: "x".repeat(30), b: "y".repeat(30), c: "z".repeat(30) }];
    const table = renderTable(rows, undefined, 70);
    expect(table).toContain("(1 more column: use --json, or pipe for TSV)");
    expect(renderTsv([{ a: "t\tab", b: 1 }])).toBe("a\tb\nt ab\t1\n");
  });

  it("a terminal shows dates in Brasília time with their offset; TSV and JSON keep the API's epoch ms", () => {
    const january = Date.UTC(2025, 1, 1, 1, 30);
    const summer = Date.UTC(2015, 0, 10, 2, 30);
    const rows = [
      flatten({ purchase: { order_date: january } }),
      flatten({ purchase: { order_date: summer } }),
    ];
    expect(renderTable(rows)).toBe(
      "purchase.order_date\n-------------------\n2025-01-31T22:30:00-03:00\n2015-01-10T00:30:00-02:00\n",
    );
    expect(renderRecord({ order_date: january }, "table")).toBe("order_date  2025-01-31T22:30:00-03:00\n");
    expect(renderTsv(rows)).toBe(`purchase.order_date\n${january}\n${summer}\n`);
    expect(renderRecord({ order_date: january }, "tsv")).toBe(`order_date\t${january}\n`);
    expect(renderRecord({ order_date: january }, "json")).toContain(`"order_date": ${january}`);
  });

  it("a terminal shows every date field in Brasília time, the next charge too, as the Excel export does", () => {
    const next = Date.UTC(2026, 10, 1, 2, 30);
    const shown = "2026-10-31T23:30:00-03:00";
    const subscription = {
      date_next_charge: next,
      trial_info: { trial_end: next },
      recurrency: { scheduled_retry: next },
      last_update: next,
      subscriber_code: "CJERFXPD",
    };
    const table = renderTable([flatten(subscription)], undefined, 500);
    expect(table.split("\n")[2]?.split(/ +/)).toEqual([shown, shown, shown, shown, "CJERFXPD"]);
    expect(renderRecord({ date_next_charge: next }, "table")).toBe(`date_next_charge  ${shown}\n`);
    expect(renderRecord({ date_next_charge: next }, "tsv")).toBe(`date_next_charge\t${next}\n`);
    // A number under a name with no date in it stays a number.
    expect(renderRecord({ subscription_id: next, updates: next }, "table")).not.toContain(shown);
  });
});

describe("export flags", () => {
  it("picks the format from the flag, --excel or the file's extension", () => {
    expect(defaultFormat(undefined, undefined, undefined)).toBe("jsonl");
    expect(defaultFormat(undefined, undefined, "a.csv")).toBe("csv");
    expect(defaultFormat(undefined, undefined, "a.JSONL")).toBe("jsonl");
    expect(defaultFormat(undefined, undefined, "a.json")).toBe("json");
    expect(defaultFormat(undefined, undefined, "a.txt")).toBe("csv");
    expect(defaultFormat(undefined, true, undefined)).toBe("csv");
    // --columns is a CSV choice, unless the format or the file's extension says otherwise.
    expect(defaultFormat(undefined, undefined, undefined, true)).toBe("csv");
    expect(defaultFormat(undefined, undefined, "a.jsonl", true)).toBe("jsonl");
    expect(defaultFormat("json", undefined, "a.csv")).toBe("json");
  });

  it("--to a day includes the whole day", () => {
    expect(parseDate("--to", "2025-12-31", "end").toISOString()).toBe("2026-01-01T02:59:59.999Z");
    expect(parseDate("--to", "2025-12-31T10:00:00Z", "end").toISOString()).toBe("2025-12-31T10:00:00.000Z");
  });
});

describe("help", () => {
  it("every command's --help has an example", () => {
    let text = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    const io = { stdout: sink, stderr: sink, stdin: Readable.from([]), signal: new AbortController().signal };
    const program = buildProgram(io, extensions);
    const missing: string[] = [];
    const visit = (cmd: Command, path: string) => {
      text = "";
      cmd.outputHelp();
      if (!/Examples?:\n {2}\$ hotmart /.test(text)) missing.push(path || "hotmart");
      for (const sub of cmd.commands) visit(sub, `${path} ${sub.name()}`.trim());
    };
    visit(program, "");
    expect(missing).toEqual([]);
  });
});

describe("CSV cells", () => {
  it("plain CSV keeps the API's values; Excel gets decimal commas and readable date-times", () => {
    expect(csvCell(1793448000000, false, "purchase.order_date")).toBe("1793448000000");
    expect(csvCell(1793448000000, true, "purchase.order_date")).toBe("2026-10-31 09:00:00");
    expect(csvCell(9.98, true, "purchase.price.value")).toBe("9,98");
    expect(csvCell(9.98, false, "purchase.price.value")).toBe("9.98");
    expect(csvCell(1793448000000, true, "purchase.recurrency_number")).toBe("1793448000000");
    expect(csvCell(1793448000000, true, "date_next_charge")).toBe("2026-10-31 09:00:00");
    expect(csvCell(1793448000000, true, "trial_info.trial_end")).toBe("2026-10-31 09:00:00");
    expect(csvCell([{ a: 1 }], true, "users")).toBe('[{"a":1}]');
    expect(csvCell(undefined, true, "x")).toBe("");
  });

  it("Excel's date-times are Brasília wall time, with the offset each date had", () => {
    // 01:30 UTC on 1 February 2025 is 22:30 on 31 January in São Paulo: January, as Hotmart's panel says.
    expect(csvCell(Date.UTC(2025, 1, 1, 1, 30), true, "purchase.order_date")).toBe("2025-01-31 22:30:00");
    // A summer of daylight saving time (-02:00): 02:30 UTC was 00:30 on the 10th, not 23:30 on the 9th.
    expect(csvCell(Date.UTC(2015, 0, 10, 2, 30), true, "purchase.order_date")).toBe("2015-01-10 00:30:00");
    expect(csvCell(Date.UTC(2015, 0, 10, 2, 30), false, "purchase.order_date")).toBe(
      String(Date.UTC(2015, 0, 10, 2, 30)),
    );
  });

  it("Excel's dates ask Intl for the offset about twice a day they span, in any order", () => {
    // 1 000 sales 10 h 7 min apart (2015 to 2016, across two changes of the clocks), each in an hour of
    // its own, in a scrambled order, as the export's parallel shards interleave them. Cached by hour,
    // each date asked Intl twice (6 µs a call), a fifth of a large --excel export's CPU time.
    const first = Date.UTC(2015, 0, 3);
    const step = (10 * 60 + 7) * 60_000;
    const dates = Array.from({ length: 1000 }, (_, i) => first + ((i * 389) % 1000) * step);
    const days = new Set(dates.map((ms) => Math.floor(ms / 86_400_000))).size;
    const asked = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    try {
      const cells = dates.map((ms) => csvCell(ms, true, "purchase.order_date"));
      // Twice a day (its first and last millisecond), and once a date on a day the clocks changed.
      expect(asked.mock.calls.length).toBeLessThanOrEqual(2 * days + 10);
      const again = asked.mock.calls.length;
      expect(dates.map((ms) => csvCell(ms, true, "purchase.order_date"))).toEqual(cells);
      expect(asked.mock.calls.length - again).toBeLessThanOrEqual(10);
      // The same wall times as Intl names them, a summer's -02:00 included.
      const wall = new Intl.DateTimeFormat("sv-SE", {
        timeZone: "America/Sao_Paulo",
        dateStyle: "short",
        timeStyle: "medium",
      });
      expect(cells).toEqual(dates.map((ms) => wall.format(ms)));
    } finally {
      asked.mockRestore();
    }
  });

  it("Excel gets a text that would start a formula as text (a leading '); plain CSV keeps it as sent", () => {
    for (const text of ['=HYPERLINK("http://x","y")', "-cmd", "@SUM(A1)", "\tx", "＝1+1", "+", "=1+1"]) {
      expect(csvCell(text, true, "buyer.name")).toBe(`'${text}`);
      expect(csvCell(text, false, "buyer.name")).toBe(text);
    }
    expect(csvCell("Ana = Maria", true, "buyer.name")).toBe("Ana = Maria");
    expect(csvCell(-12.5, true, "purchase.price.value")).toBe("-12,5");
  });

  it('Excel gets a text that it would read as a number or a date as that text (="..."); plain CSV keeps it as sent', () => {
    for (const text of [
      "00446297100", // a CPF with its leading zeros
      "01310100", // a CEP
      "01310-100",
      "0123",
      "138354305308804635", // an 18-digit ticket code: Excel keeps 15 digits of a number
      "12345678901234567890",
      "12345e67", // an offer code Excel would read as 1,2345E+71
      "123E4567",
      "95993361649", // a phone
      "+5511999990000",
      "+55 11 91234-5678",
      "+34",
      "(31) 99999-0000",
      "-12",
      "01/02", // a date
      "2025-01-31",
      "12:30", // a time
      "1/2",
      "3-4",
      "1e5",
      "1.234,56",
      "50%",
    ]) {
      expect(csvCell(text, true, "participant.document")).toBe(`="${text}"`);
      expect(csvCell(text, false, "participant.document")).toBe(text);
    }
    // Texts Excel keeps as text anyway stay as they are.
    for (const text of ["HP17715690036014", "3bllbz5q", "WI2K8DZW", "Ana", "e", "", "2024-06-08T00:00:00Z"])
      expect(csvCell(text, true, "purchase.transaction")).toBe(text);
    // Numbers of the JSON stay numbers.
    expect(csvCell(7673728, true, "product.id")).toBe("7673728");
    expect(csvCell(479.04, true, "purchase.price.value")).toBe("479,04");
    // Past the 255 characters an Excel formula's text may hold, the value is left as it was.
    const long = "1".repeat(256);
    expect(csvCell(long, true, "x")).toBe(long);
  });

  it('Excel gets a date or a time written with letters as that text (="..."); plain CSV keeps it as sent', () => {
    for (const text of [
      "jan/25", // a month and a year: Excel shows 1 January 2025 as jan-25
      "JAN/25",
      "jan-25",
      "25-jan",
      "1-jan-2025",
      "Jan 25",
      "Jan 25, 2025",
      "January 2025",
      "mar/2025",
      "fev/25", // Portuguese months
      "set 1",
      "25/dez/2025",
      "3 de março",
      "25 de janeiro de 2025",
      "12:30 PM", // times with a.m. or p.m.
      "1:30p",
      "1 pm",
      "10:00 a.m.",
      "2025-01-31 10:00 AM",
      "jan 25 2025 10:00",
    ]) {
      expect(csvCell(text, true, "offer.name")).toBe(`="${text}"`);
      expect(csvCell(text, false, "offer.name")).toBe(text);
    }
    // Words Excel keeps as text: a month's name alone, a name with a number, a code.
    for (const text of [
      "jan",
      "Janeiro",
      "Ana 1",
      "Set de cursos",
      "Curso de março 2025",
      "3a",
      "Q1",
      "1st jan",
    ])
      expect(csvCell(text, true, "offer.name")).toBe(text);
  });
});

describe("the record writer", () => {
  /** A full garbage collection: the heap that is left is what something still holds. */
  function collect(): () => void {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  }

  /** A file that takes one chunk at a time, a turn later: every write waits for `drain`. */
  const slowOutput = () =>
    new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        setImmediate(callback);
      },
    });

  it("waiting for drain holds nothing once it is over: the heap after 40,000 waits is what it was", async () => {
    const gc = collect();
    const writer = new RecordWriter(slowOutput(), {
      format: "jsonl",
      columns: ["id"],
      excel: false,
      append: false,
      written: 0,
    });
    // Warm up, so what the first writes load and compile is not counted.
    for (let i = 0; i < 2_000; i++) await writer.write({ id: i });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40_000; i++) await writer.write({ id: i });
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Racing each wait against one promise of the output's error kept about 350 bytes a wait (14 MB
    // here, 15 MB over a million records exported to a file); without that, the heap moves by a few KB.
    expect(grown).toBeLessThan(2 * 1024 * 1024);
    await writer.finish(true);
  });

  it("a failed output rejects the wait in progress and every later one, with its error", async () => {
    const out = slowOutput();
    const writer = new RecordWriter(out, {
      format: "jsonl",
      columns: [],
      excel: false,
      append: false,
      written: 0,
    });
    const waiting = writer.write({ id: 1 });
    out.destroy(new Error("ENOSPC: no space left on device"));
    await expect(waiting).rejects.toThrow("ENOSPC");
    await expect(writer.write({ id: 2 })).rejects.toThrow("ENOSPC");
  });
});

describe("the documented CSV columns", () => {
  it("are the schemas': the table an export reads is what the response schemas give, export by export", async () => {
    const fromSchemas: Record<string, string[]> = {};
    for (const name of Object.keys(EXPORTS) as ExportName[])
      fromSchemas[name] = await columnsFromSchemas(name);
    if (process.env.UPDATE_COLUMNS === "1") {
      const file = new URL("../src/export/documented-columns.ts", import.meta.url);
      const head = (await import("node:fs")).readFileSync(file, "utf8").split("export const")[0];
      writeFileSync(
        file,
        `${head}export const DOCUMENTED_COLUMNS: Record<ExportName, readonly string[]> = ${JSON.stringify(fromSchemas, null, 2)};\n`,
      );
    }
    // On a difference: UPDATE_COLUMNS=1 npx vitest run packages/cli/test/units.test.ts, then npm run format.
    expect(DOCUMENTED_COLUMNS).toEqual(fromSchemas);
    expect(Object.keys(DOCUMENTED_COLUMNS).sort()).toEqual(Object.keys(EXPORTS).sort());
  });
});

describe("webhooks listen --save: savable", () => {
  it("masks every hottok field, keeps the rest byte for byte, and catches a key written with escapes", () => {
    const raw =
      '{"event":"SWITCH_PLAN",  "hottok" : "s3cr\\"et", "data":{"n":12345678901234567890,"HOTTOK":"x"}}';
    expect(savable(raw)).toBe(
      '{"event":"SWITCH_PLAN",  "hottok" : "[redacted]", "data":{"n":12345678901234567890,"HOTTOK":"[redacted]"}}',
    );
    const escaped = savable('{"event":"E","hott\\u006fk":"s3cret"}');
    expect(escaped).not.toContain("s3cret");
    expect(JSON.parse(escaped)).toEqual({ event: "E", hottok: "[redacted]" });
    expect(savable('{"event":"E",\n"id":"1"}')).toBe('{"event":"E", "id":"1"}');
  });
});

describe("the progress bar", () => {
  const progress = (records: number, estimatedTotal: number | undefined) => ({
    shardsPlanned: 17,
    shardsDone: 2,
    probes: 0,
    pages: 3,
    records,
    estimatedTotal,
    ratePerSecond: 800,
    etaSeconds: undefined,
    rateLimited: 0,
    retries: 0,
    elapsedMs: 1000,
    heldBytes: 0,
  });
  const render = (...steps: Array<ReturnType<typeof progress> | "done">) => {
    let text = "";
    const stream = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    }) as Writable & { isTTY: boolean; columns: number; cursorTo: () => boolean; clearLine: () => boolean };
    Object.assign(stream, { isTTY: true, columns: 150, cursorTo: () => true, clearLine: () => true });
    const bar = new ExportBar(stream);
    let last: ReturnType<typeof progress> | undefined;
    for (const p of steps) {
      if (p !== "done") last = p;
      bar.update(last ?? progress(0, undefined), p === "done");
    }
    bar.stop();
    return text;
  };

  it("says the total is not known yet instead of 100% of the records so far", () => {
    // Before the first pages have counted every range, it read "100% | 899/899 records" with 4 % done.
    const unknown = render(progress(899, undefined));
    expect(unknown).not.toMatch(/100%/);
    expect(unknown).toContain("899/? records");
    expect(render(progress(899, undefined), progress(5000, 20000))).toContain("25% | 5000/20000 records");
  });

  it("once the export is done, its last frame says 100% of the records, for a list without a count too", () => {
    // The frame left on the screen after "Exported 211 records" read "?% | 211/? records" for
    // subscription transactions (Hotmart sends no count), as if the export had not finished.
    const frames = render(progress(150, undefined), progress(211, undefined), "done")
      .split(/\r|\n|\[1G/)
      .filter((frame) => frame.includes("records"));
    expect(frames.at(-1)).toContain("100% | 211/211 records");
    expect(frames.at(-1)).toContain("ETA 0:00");
    // A counted list whose records fell short of the count (some were deleted meanwhile): all done too.
    expect(render(progress(480, 500), "done")).toContain("100% | 480/480 records");
    expect(render(progress(0, undefined), "done")).toContain("100% | 0/0 records");
  });
});
