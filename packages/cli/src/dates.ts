/**
 * Dates as a Brazilian seller and Hotmart's own panel count them: in Brasília time. A sale at 22:30 on
 * 31 January in São Paulo (01:30 UTC on 1 February) is a January sale for the seller and in Hotmart's
 * reports, so `2025-01-31` as the end of a period must include it. The `hotmart` CLI and the MCP server
 * (`hotmart-cli/dates`) read and show dates through this one module, so the two never disagree.
 */

/**
 * Brasília's IANA zone. Not a fixed -03:00: Brazil kept daylight saving time until 2019 (-02:00, about
 * October/November to February), so midnight of 2015-01-10 there was 02:00 UTC, and an export of old
 * history needs the offset each instant had. Node ships full ICU (its time zone data) by default.
 */
export const BRASILIA_TIME_ZONE = "America/Sao_Paulo";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Brasília's offset since daylight saving time ended in February 2019. */
const STANDARD_OFFSET = -3 * HOUR;

/** Below this a date number can only be epoch seconds: 1e11 ms is 1973-03-03, 1e11 s is the year 5138. */
export const SECONDS_LIMIT = 1e11;

/** Whether a bare day stands for its first millisecond (a period's start) or its last (its end). */
export type DateEdge = "start" | "end";

/**
 * The edge a date param's name implies: Hotmart's upper bounds are the `end_*` params (`end_date`,
 * `end_accession_date`, `end_date_next_charge`...), so `end_date=2025-01-31` includes all of the 31st.
 */
export function edgeOf(name: string): DateEdge {
  return name.startsWith("end_") ? "end" : "start";
}

let wallFormat: Intl.DateTimeFormat | null | undefined;

/** The zone's formatter, made once (making one costs far more than using it); null without tz data. */
function formatter(): Intl.DateTimeFormat | null {
  if (wallFormat === undefined) {
    try {
      wallFormat = new Intl.DateTimeFormat("en-US", {
        timeZone: BRASILIA_TIME_ZONE,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      // A runtime built without ICU's time zone data refuses the zone (RangeError). The fixed offset is
      // right for every date since February 2019; only older summers would read an hour off.
      wallFormat = null;
    }
  }
  return wallFormat;
}

/** The offset (wall time minus UTC, in ms) at an instant, asked of Intl. */
function exactOffset(ms: number): number {
  const format = formatter();
  if (format === null) return STANDARD_OFFSET;
  const f: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) if (part.type !== "literal") f[part.type] = Number(part.value);
  // `% 24`: an engine that still writes midnight as hour 24 despite h23.
  const wall = Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day, (f.hour ?? 0) % 24, f.minute, f.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Offsets by UTC day, NaN for a day in which the clocks changed. An --excel export formats a few dates a
 * record and Intl costs some 6 µs a call: cached by UTC hour, 300 000 sales spread over 16 years (most
 * in an hour of their own) asked Intl twice for nearly every date, a fifth of the export's CPU time.
 * By day, 16 years are 5 844 entries, each asked for twice once.
 */
const offsets = new Map<number, number>();
/** 179 years of days: any export's dates stay cached, in a few MB at most. */
const MAX_CACHED_DAYS = 65_536;

/** Brasília's offset from UTC at an instant, in ms: -3 h, or -2 h in a summer of daylight saving time. */
export function brasiliaOffset(ms: number): number {
  const day = Math.floor(ms / DAY);
  let offset = offsets.get(day);
  if (offset === undefined) {
    // The clocks never changed twice in a day: the same offset at both ends holds all day.
    const first = exactOffset(day * DAY);
    offset = exactOffset(day * DAY + DAY - 1) === first ? first : Number.NaN;
    if (offsets.size >= MAX_CACHED_DAYS) offsets.clear();
    offsets.set(day, offset);
  }
  // On the day of a change (two or so a year until 2019), each instant is asked for.
  return Number.isNaN(offset) ? exactOffset(ms) : offset;
}

/** An instant as its Brasília wall time, in epoch form: read its fields with the Date's UTC getters. */
export function toBrasiliaWall(ms: number): number {
  return ms + brasiliaOffset(ms);
}

/**
 * The instant a Brasília wall time names (its fields as an epoch, `Date.UTC(...)`). A time the clocks
 * skipped (00:00 to 00:59 on the first day of a summer) is read with the offset before the change, so
 * the first instant of that day is 01:00; a time the clocks went through twice (23:00 to 23:59 on the
 * last day of a summer) is the first of the two.
 */
export function fromBrasiliaWall(wall: number): number {
  const before = brasiliaOffset(wall - DAY);
  const after = brasiliaOffset(wall + DAY);
  const early = wall - before;
  const late = wall - after;
  const earlyFits = brasiliaOffset(early) === before;
  const lateFits = brasiliaOffset(late) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (lateFits) return late;
  return early;
}

/** `2025-01-31`: the documented day, nothing looser (`2025-1-31`, `01/02/2025`). */
const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO 8601 date-time: `2025-01-31T14:05`, seconds and fractions optional, `Z` or an offset optional. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?$/i;

/** Whether year, month and day name a day of the calendar (not 2025-02-30, not month 13). */
function isDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date-time's epoch ms, or NaN when a field is out of range; without an offset, Brasília time. */
function dateTimeMs(match: RegExpExecArray): number {
  const [, y = "", mo = "", d = "", h = "", mi = "", sec = "00", fraction = "", zone, zh = "00", zm = "00"] =
    match;
  if (!isDay(Number(y), Number(mo), Number(d))) return Number.NaN;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59 || Number(zh) > 23 || Number(zm) > 59)
    return Number.NaN;
  const millis = Number(fraction.slice(1, 4).padEnd(3, "0"));
  // Like a bare day, a time without an offset is the seller's, whatever the machine's zone.
  if (zone === undefined)
    return fromBrasiliaWall(
      Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), millis),
    );
  // Written as the one form every runtime reads alike: `T`, seconds, milliseconds, `+03:00`.
  const offset = /^z$/i.test(zone) ? "Z" : `${zone[0]}${zh}:${zm}`;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}.${String(millis).padStart(3, "0")}${offset}`);
}

/**
 * An ISO date or date-time as epoch ms, read as a Brazilian seller means it. `2025-01-31` is that whole
 * day in Brasília time: its first millisecond, or its last with `edge` "end" (an end date includes its
 * day; a day of 23 or 25 hours included). A date-time with `Z` or an offset is that instant; one without
 * is Brasília wall time. NaN for anything else: another form (`01/02/2025` would be read month first,
 * `2025-1-31` in the machine's zone), or a day or time that does not exist (`2025-02-30`, `24:00`).
 * Epoch ms are the caller's to accept, each in its own words.
 */
export function parseBrasiliaDate(text: string, edge: DateEdge = "start"): number {
  const t = text.trim();
  const day = DAY_ONLY.exec(t);
  if (day) {
    const [year, month, date] = [day[1], day[2], day[3]].map(Number) as [number, number, number];
    if (!isDay(year, month, date)) return Number.NaN;
    // The end of a day is the start of the next one, less 1 ms: the 25-hour last day of a summer too.
    return edge === "end"
      ? fromBrasiliaWall(Date.UTC(year, month - 1, date + 1)) - 1
      : fromBrasiliaWall(Date.UTC(year, month - 1, date));
  }
  const time = DATE_TIME.exec(t);
  return time ? dateTimeMs(time) : Number.NaN;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The largest epoch ms a Date holds. */
const MAX_DATE_MS = 8.64e15;

const isDate = (ms: number | null | undefined): ms is number =>
  typeof ms === "number" && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS;

/**
 * Epoch ms as Brasília's ISO date-time with the offset it had, to the second:
 * `2025-01-31T22:30:00-03:00`, `2015-01-10T00:30:00-02:00`. "" for what is no date.
 */
export function brasiliaIso(ms: number | null | undefined): string {
  if (!isDate(ms)) return "";
  const offset = brasiliaOffset(ms);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  return `${wall}${offset < 0 ? "-" : "+"}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** An instant as the SDK writes it in a message: `new Date(ms).toISOString()`. */
const UTC_INSTANT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\b/g;

/**
 * A message's UTC instants in Brasília time, as the dates it is about were given: the SDK refuses
 * `--start-date 2025-02-01 --end-date 2025-01-31` saying "start_date (2025-02-01T03:00:00.000Z) is after
 * end_date (2025-02-01T02:59:59.999Z)", which names 1 February for the day the user typed as the 31st.
 * It reads "(2025-02-01T00:00:00-03:00) ... (2025-01-31T23:59:59-03:00)".
 */
export function inBrasiliaTime(message: string): string {
  return message.replace(UTC_INSTANT, (iso) => brasiliaIso(Date.parse(iso)) || iso);
}

/** The Brasília day of an instant: `2025-01-31` for 01:30 UTC on 1 February 2025. "" for no date. */
export function brasiliaDay(ms: number | null | undefined): string {
  return brasiliaIso(ms).slice(0, 10);
}

/** Brasília wall time for a person's eyes: `2025-01-31 22:30:00` (what Excel reads as a date-time). */
export function brasiliaDateTime(ms: number | null | undefined): string {
  if (!isDate(ms)) return "";
  return new Date(ms + brasiliaOffset(ms)).toISOString().slice(0, 19).replace("T", " ");
}
