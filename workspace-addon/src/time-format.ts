import { DateTime } from 'luxon';
import type { Language } from './language.ts';

export interface TimeFormat {
  readonly timeZone: string;
  /** "Fri 26 Mar 17:00" / "vr 26 mrt 17:00". */
  instant(at: number): string;
  /** "Fri 26 Mar 17:00 – 19:00", or both dates when the period spans days. */
  period(start: number, end: number): string;
  /** All-day events: dates only; `end` is exclusive, as calendars store it. */
  days(start: number, end: number): string;
}

const dayMs = 86_400_000;

/**
 * Times in the user's time zone (from the event object) or else the organisation's, in the card's
 * language; luxon does the zone arithmetic, so DST days come out right.
 */
export const createTimeFormat = (language: Language, timeZone: string): TimeFormat => {
  const at = (instant: number, zone = timeZone) =>
    DateTime.fromMillis(instant, { zone }).setLocale(language === 'nl' ? 'nl' : 'en-GB');
  const dateTime = (instant: number) => at(instant).toFormat('ccc d LLL HH:mm');
  return {
    timeZone,
    instant: dateTime,
    period: (start, end) => {
      const sameDay = at(start).hasSame(at(end), 'day');
      return `${dateTime(start)} – ${sameDay ? at(end).toFormat('HH:mm') : dateTime(end)}`;
    },
    days: (start, end) => {
      // All-day dates carry no zone: they were read as UTC midnight, so they are shown in UTC.
      const first = at(start, 'UTC').toFormat('ccc d LLL');
      const last = at(Math.max(start, end - dayMs), 'UTC').toFormat('ccc d LLL');
      return first === last ? first : `${first} – ${last}`;
    },
  };
};
