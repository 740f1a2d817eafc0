import type { CalendarEvent, EventTime } from '@wygc/routing-core';

export interface IcsUpsert {
  readonly externalId: string;
  readonly event: CalendarEvent;
}

const timeKey = (time: EventTime): string =>
  'date' in time ? time.date : time.timeZone === 'UTC' ? `${time.dateTime}Z` : time.dateTime;

/**
 * External ids for events from iCalendar text: the UID, plus "|" and the RECURRENCE-ID for a moved or
 * cancelled instance, since a series and its overrides share the UID. `prefix` scopes the ids (CalDAV
 * uses the object's href). Feeds that repeat a UID without a RECURRENCE-ID exist; the repeats get
 * "~2", "~3"... in file order, so every event still routes.
 */
export const icsUpserts = (events: readonly CalendarEvent[], prefix = ''): IcsUpsert[] => {
  const used = new Set<string>();
  return events.map((event) => {
    const base = `${prefix}${event.uid}${event.recurrenceId ? `|${timeKey(event.recurrenceId)}` : ''}`;
    let externalId = base;
    for (let n = 2; used.has(externalId); n++) externalId = `${base}~${n}`;
    used.add(externalId);
    return { externalId, event };
  });
};
