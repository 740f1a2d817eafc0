import type { EventTime } from '@wygc/routing-core';
import { DateTime } from 'luxon';
import type { GoogleEventDateTime } from './google-api-schemas.ts';
import { SyncError } from './sync-error.ts';

/**
 * Google writes a dateTime as an instant with an offset (in the calendar's zone, not the event's) plus
 * the event's `timeZone`; routing-core wants the wall-clock time in the event's zone, so recurrences
 * keep their local times across DST. Without a `timeZone`, the calendar's zone applies.
 */
export const toEventTime = (time: GoogleEventDateTime, calendarZone: string): EventTime => {
  if (time.date !== undefined) return { date: time.date };
  const zone = time.timeZone ?? calendarZone;
  const local = DateTime.fromISO(time.dateTime ?? '', { zone });
  if (!local.isValid) {
    throw new SyncError(
      'INVALID_RESPONSE',
      'Google returned an event time that is not a date-time in a known time zone',
    );
  }
  return { dateTime: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: zone };
};
