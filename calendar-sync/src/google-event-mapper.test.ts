import { calendarEventSchema } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import type { GoogleEvent } from './google-api-schemas.ts';
import { mapGoogleEvents } from './google-event-mapper.ts';
import { isSyncError } from './sync-error.ts';

const amsterdam = 'Europe/Amsterdam';

const timed = (id: string, extra: Partial<GoogleEvent> = {}): GoogleEvent => ({
  id,
  status: 'confirmed',
  summary: 'JD',
  start: { dateTime: '2027-03-26T17:00:00+01:00', timeZone: amsterdam },
  end: { dateTime: '2027-03-26T23:00:00+01:00', timeZone: amsterdam },
  ...extra,
});

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isSyncError(error) ? error.code : 'not a SyncError';
  }
  return undefined;
};

describe('mapGoogleEvents', () => {
  it('deletes cancelled single events and series by id', () => {
    const changes = mapGoogleEvents(
      [
        { id: 'deleted', status: 'cancelled' },
        timed('series', { status: 'cancelled', recurrence: ['RRULE:FREQ=DAILY'] }),
      ],
      amsterdam,
    );
    expect(changes).toEqual({ upserts: [], deletes: ['deleted', 'series'] });
  });

  it('keeps a cancelled instance with only its series fields as a cancelled event', () => {
    const changes = mapGoogleEvents(
      [
        {
          id: 'series_20270327',
          status: 'cancelled',
          recurringEventId: 'series',
          originalStartTime: { date: '2027-03-27' },
        },
      ],
      amsterdam,
    );
    expect(changes.upserts).toEqual([
      {
        externalId: 'series_20270327',
        event: {
          uid: 'series',
          recurrenceId: { date: '2027-03-27' },
          subject: '',
          status: 'cancelled',
          start: { date: '2027-03-27' },
          end: { date: '2027-03-27' },
        },
      },
    ]);
    expect(calendarEventSchema.safeParse(changes.upserts[0]?.event).success).toBe(true);
  });

  it('skips working-location, out-of-office and other non-default event types', () => {
    const changes = mapGoogleEvents(
      [
        timed('office', { eventType: 'workingLocation' }),
        timed('away', { eventType: 'outOfOffice' }),
        timed('away-cancelled', { eventType: 'outOfOffice', status: 'cancelled' }),
        timed('focus', { eventType: 'focusTime' }),
        timed('shift', { eventType: 'default' }),
      ],
      amsterdam,
    );
    expect(changes.upserts.map((u) => u.externalId)).toEqual(['shift']);
    expect(changes.deletes).toEqual([]);
  });

  it('marks an event its organizer declined as cancelled, and keeps tentative events tentative', () => {
    const changes = mapGoogleEvents(
      [
        timed('declined', {
          attendees: [
            { email: 'planner@example.com', organizer: true, responseStatus: 'declined' },
            { email: 'jan@example.com', responseStatus: 'accepted' },
          ],
        }),
        timed('guest-declined', { attendees: [{ email: 'jan@example.com', responseStatus: 'declined' }] }),
        timed('maybe', { status: 'tentative' }),
      ],
      amsterdam,
    );
    expect(changes.upserts.map((u) => [u.externalId, u.event.status])).toEqual([
      ['declined', 'cancelled'],
      ['guest-declined', 'confirmed'],
      ['maybe', 'tentative'],
    ]);
  });

  it('names a moved instance after its series, with its original start as recurrenceId', () => {
    const changes = mapGoogleEvents(
      [
        timed('series_20270326T160000Z', {
          recurringEventId: 'series',
          originalStartTime: { dateTime: '2027-03-26T17:00:00+01:00', timeZone: amsterdam },
          start: { dateTime: '2027-03-26T18:00:00+01:00', timeZone: amsterdam },
        }),
      ],
      amsterdam,
    );
    expect(changes.upserts[0]?.event).toMatchObject({
      uid: 'series',
      recurrenceId: { dateTime: '2027-03-26T17:00:00', timeZone: amsterdam },
      start: { dateTime: '2027-03-26T18:00:00', timeZone: amsterdam },
    });
  });

  it('reads floating recurrence values in the zone of the series start', () => {
    const changes = mapGoogleEvents(
      [
        timed('ny', {
          start: { dateTime: '2027-03-26T14:00:00+01:00', timeZone: 'America/New_York' },
          end: { dateTime: '2027-03-26T22:00:00+01:00', timeZone: 'America/New_York' },
          recurrence: ['RRULE:FREQ=WEEKLY', 'EXDATE:20270402T090000'],
        }),
      ],
      amsterdam,
    );
    expect(changes.upserts[0]?.event.recurrence?.exdates).toEqual([
      { dateTime: '2027-04-02T09:00:00', timeZone: 'America/New_York' },
    ]);
  });

  it('refuses an active event without start, or an instance without originalStartTime, with INVALID_RESPONSE', () => {
    const { start: _start, ...noStart } = timed('no-start');
    expect(codeOf(() => mapGoogleEvents([noStart], amsterdam))).toBe('INVALID_RESPONSE');
    expect(codeOf(() => mapGoogleEvents([timed('orphan', { recurringEventId: 'series' })], amsterdam))).toBe(
      'INVALID_RESPONSE',
    );
  });
});
