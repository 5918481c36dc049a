import { HotmartInputError } from "hotmart";
import { type DateEdge, parseBrasiliaDate, SECONDS_LIMIT } from "hotmart-cli/dates";

// One reading of dates for the CLI and this server (hotmart-cli/dates): a seller who says "October"
// means Brazilian days, Hotmart's panel counts them so, and `hotmart export --to` must agree with a tool.
export {
  brasiliaDay as dayBrt,
  brasiliaIso as isoBrt,
  fromBrasiliaWall,
  inBrasiliaTime,
  SECONDS_LIMIT,
  toBrasiliaWall,
} from "hotmart-cli/dates";

function secondsMessage(field: string, value: number): string {
  return `${field} looks like epoch seconds (${value}): pass epoch milliseconds (${value * 1000}) or an ISO date like "2026-10-01"`;
}

/**
 * A tool's date argument (ISO string or epoch ms) as epoch ms. A bare `YYYY-MM-DD` is the start of that
 * day in Brasília time, or its last millisecond when `edge` is "end" (so an end date includes its day).
 * Only ISO forms are read: `Date.parse` alone takes "01/10/2026" (a Brazilian 1 October) as 10 January,
 * rolls "2026-02-30" over to 2 March, and reads a date-time without an offset in the server's time zone.
 */
export function toEpochMs(field: string, value: string | number, edge: DateEdge = "start"): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) {
      throw new HotmartInputError(`${field} must be an ISO date like "2026-10-01" or epoch milliseconds`);
    }
    // Refused here, in the tool's words, as the SDK refuses it: otherwise coupon_create previewed a 1970
    // window for 1790000000 and handed a token whose confirmation the SDK then refused, and list tools
    // answered with the SDK's advice to pass `new Date(...)`, which a tool call cannot.
    if (value > 0 && value < SECONDS_LIMIT) throw new HotmartInputError(secondsMessage(field, value));
    return Math.trunc(value);
  }
  const text = value.trim();
  if (/^\d{12,14}$/.test(text)) return Number(text);
  const ms = parseBrasiliaDate(text, edge);
  if (!Number.isFinite(ms)) {
    throw new HotmartInputError(
      `${field} must be an ISO date like "2026-10-01" (year-month-day, a real calendar day) or "2026-10-01T14:30:00-03:00", or epoch milliseconds (got ${JSON.stringify(value)}); write 01/10/2026 as "2026-10-01"`,
    );
  }
  return ms;
}
