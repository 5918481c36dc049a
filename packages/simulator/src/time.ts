/** Durations in milliseconds, declared once for the data generators, the state layer and the shapes. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Brasília time (UTC-3, no daylight saving since 2019): Hotmart's dates without a zone are in it. */
export const BRT_OFFSET = 3 * HOUR;
