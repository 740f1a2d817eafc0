import type { CalendarChanges, CalendarEvent, EventTime } from '@wygc/routing-core';
import type { GoogleEvent, GoogleEventDateTime } from './google-api-schemas.ts';
import { toEventTime } from './google-event-time.ts';
import { parseGoogleRecurrence } from './google-recurrence.ts';
import { SyncError } from './sync-error.ts';

export type GoogleEventChanges = Pick<CalendarChanges, 'upserts' | 'deletes'>;

type Mapped = { readonly upsert: CalendarEvent } | { readonly delete: string } | undefined;

const incomplete = (field: string): SyncError =>
  new SyncError('INVALID_RESPONSE', `Google returned an event without ${field}`);

const required = (time: GoogleEventDateTime | undefined, field: string): GoogleEventDateTime => {
  if (time === undefined) throw incomplete(field);
  return time;
};

/** Working-location, out-of-office, focus-time, birthday and Gmail events are not duty shifts. */
const isDutyType = (event: GoogleEvent): boolean =>
  event.eventType === undefined || event.eventType === 'default';

/** DESIGN §4: an event its organizer declined does not route, like a cancelled one. */
const organizerDeclined = (event: GoogleEvent): boolean =>
  event.attendees?.some(
    (attendee) => attendee.organizer === true && attendee.responseStatus === 'declined',
  ) ?? false;

/**
 * A cancelled instance of a series must be kept: it removes that one occurrence. Google only promises
 * its id, recurringEventId and originalStartTime, so a missing start and end fall back to the original start.
 */
const cancelledInstance = (event: GoogleEvent, seriesId: string, calendarZone: string): CalendarEvent => {
  const recurrenceId = toEventTime(required(event.originalStartTime, 'originalStartTime'), calendarZone);
  const start: EventTime = event.start ? toEventTime(event.start, calendarZone) : recurrenceId;
  return {
    uid: seriesId,
    recurrenceId,
    subject: event.summary ?? '',
    status: 'cancelled',
    start,
    end: event.end ? toEventTime(event.end, calendarZone) : start,
  };
};

const activeEvent = (event: GoogleEvent, calendarZone: string): CalendarEvent => {
  const start = required(event.start, 'start');
  const base = {
    subject: event.summary ?? '',
    status: organizerDeclined(event) ? ('cancelled' as const) : (event.status ?? 'confirmed'),
    start: toEventTime(start, calendarZone),
    end: toEventTime(required(event.end, 'end'), calendarZone),
  };
  if (event.recurringEventId !== undefined) {
    const original = required(event.originalStartTime, 'originalStartTime');
    return { uid: event.recurringEventId, recurrenceId: toEventTime(original, calendarZone), ...base };
  }
  if (!event.recurrence?.length) return { uid: event.id, ...base };
  // Google expands a series in its start's zone, so floating RDATE/EXDATE values are read there too.
  return {
    uid: event.id,
    ...base,
    recurrence: parseGoogleRecurrence(event.recurrence, start.timeZone ?? calendarZone),
  };
};

const mapEvent = (event: GoogleEvent, calendarZone: string): Mapped => {
  if (!isDutyType(event)) return undefined;
  if (event.status !== 'cancelled') return { upsert: activeEvent(event, calendarZone) };
  if (event.recurringEventId !== undefined) {
    return { upsert: cancelledInstance(event, event.recurringEventId, calendarZone) };
  }
  return { delete: event.id };
};

/**
 * Google events as routing-core events, keyed by Google event id: masters (with their recurrence) and
 * single events by their own id, changed or cancelled instances under their series' id with the
 * original start as recurrenceId. A cancelled single event or series is a delete. Events of a type
 * other than "default" are skipped; a cancelled one then carries that type too, or only its id, in
 * which case the delete of an id never stored is harmless.
 */
export const mapGoogleEvents = (events: readonly GoogleEvent[], calendarZone: string): GoogleEventChanges => {
  const upserts: { externalId: string; event: CalendarEvent }[] = [];
  const deletes: string[] = [];
  for (const event of events) {
    const mapped = mapEvent(event, calendarZone);
    if (mapped === undefined) continue;
    if ('upsert' in mapped) upserts.push({ externalId: event.id, event: mapped.upsert });
    else deletes.push(mapped.delete);
  }
  return { upserts, deletes };
};
