/** Durations in milliseconds, declared once for the data generators, the state layer and the shapes. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Brasília time (UTC-3, no daylight saving since 2019): Hotmart's dates without a zone are in it. */
export const BRT_OFFSET = 3 * HOUR;
/**
 * No record is dated before this: Hotmart began selling in 2011, and the SDK's export starts at 2010 by
 * default, so a history that reached further back would be left out of it.
 */
export const HISTORY_START = Date.UTC(2011, 0, 1);
