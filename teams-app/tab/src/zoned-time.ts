import { DateTime } from 'luxon';

// Times are shown and entered in the organisation's time zone (the calendar's), not the browser's: a
// duty "until 08:00" must read 08:00 for an administrator abroad too.

/** An instant as the API wants it: ISO 8601 with seconds and the zone's offset. */
export const toApiInstant = (dateTime: DateTime): string =>
  dateTime.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';

/** A datetime-local value ("2027-03-27T10:30") read in `zone`; undefined when it is not a time. */
export const wallTimeToInstant = (wallTime: string, zone: string): string | undefined => {
  const parsed = DateTime.fromISO(wallTime, { zone });
  return parsed.isValid ? toApiInstant(parsed) : undefined;
};

/** The start of a calendar day ("2027-03-26") in `zone`. */
export const startOfDayInstant = (date: string, zone: string): string | undefined => {
  const parsed = DateTime.fromISO(date, { zone });
  return parsed.isValid ? toApiInstant(parsed.startOf('day')) : undefined;
};

/** A datetime-local value for an instant, in `zone`. */
export const toWallTime = (instant: number | string, zone: string): string =>
  (typeof instant === 'number'
    ? DateTime.fromMillis(instant, { zone })
    : DateTime.fromISO(instant, { zone })
  ).toFormat("yyyy-MM-dd'T'HH:mm");

/** The calendar date ("2027-03-26") of an instant in `zone`. */
export const toDate = (instant: number | string, zone: string): string =>
  (typeof instant === 'number'
    ? DateTime.fromMillis(instant, { zone })
    : DateTime.fromISO(instant, { zone })
  ).toISODate() ?? '';

export const toMillis = (instant: string): number => DateTime.fromISO(instant, { setZone: true }).toMillis();
