import { DateTime } from 'luxon';

/** Date, or date and time with an optional offset; luxon alone would also take week and ordinal dates. */
const isoPattern = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** An instant as typed: fixed when it has an offset, else wall-clock time in the zone given later. */
export type InstantInZone = (zone: string) => number;

/**
 * Reads an ISO 8601 instant such as 2027-03-26T17:00:00+01:00, or undefined when it is none. Without
 * an offset it is wall-clock time in the zone (a time inside a DST gap moves forward); a bare date is
 * that day's midnight. The zone comes later because the calendar's own zone is the default.
 */
export const parseIsoInstant = (text: string): InstantInZone | undefined => {
  if (!isoPattern.test(text) || !DateTime.fromISO(text, { zone: 'UTC' }).isValid) return undefined;
  return (zone) => DateTime.fromISO(text, { zone }).toMillis();
};

/** The instant as a luxon value in `zone`, for formatting and calendar arithmetic. */
export const inZone = (instant: number, zone: string): DateTime<true> => {
  const value = DateTime.fromMillis(instant, { zone, locale: 'en-GB' });
  if (!value.isValid) throw new RangeError(`cannot show instant ${instant} in zone ${zone}`);
  return value;
};

/** "2027-03-26T17:00:00+01:00": the offset is the one `zone` has at that instant. */
export const formatIsoInstant = (instant: number, zone: string): string =>
  inZone(instant, zone).toISO({ suppressMilliseconds: true });
