import {
  type CalendarEvent,
  calendarEventSchema,
  createTimeZoneResolver,
  expandEvents,
} from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { type GraphDeltaChange, graphDeltaItemSchema, mapGraphDeltaItem } from './graph-event-mapper.ts';
import { isSyncError } from './sync-error.ts';

const horizon = { start: Date.parse('2027-03-22T00:00:00Z'), end: Date.parse('2027-04-26T00:00:00Z') };

const map = (item: unknown): GraphDeltaChange =>
  mapGraphDeltaItem(graphDeltaItemSchema.parse(item), createTimeZoneResolver());

const graphEvent = (overrides: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.event',
  '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAAFXcvIQ=="',
  id: 'AAMkADshift=',
  subject: 'Storing JD',
  isAllDay: false,
  isCancelled: false,
  type: 'singleInstance',
  showAs: 'busy',
  responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
  start: { dateTime: '2027-03-26T17:00:00.0000000', timeZone: 'W. Europe Standard Time' },
  end: { dateTime: '2027-03-29T08:00:00.0000000', timeZone: 'W. Europe Standard Time' },
  organizer: { emailAddress: { name: 'Roster', address: 'roster@example.com' } },
  ...overrides,
});

const upserted = (change: GraphDeltaChange): CalendarEvent => {
  if (change.kind !== 'upsert') throw new Error(`expected an upsert, got ${change.kind}`);
  return calendarEventSchema.parse(change.event);
};

const isoSpan = (event: CalendarEvent, timeZone = 'Europe/Amsterdam') =>
  expandEvents([event], { horizon, timeZone }).map((i) => [
    new Date(i.start).toISOString(),
    new Date(i.end).toISOString(),
  ]);

describe('mapGraphDeltaItem', () => {
  it('maps a Windows time zone to its IANA zone and trims Graph’s seven fractional digits', () => {
    const event = upserted(map(graphEvent()));
    expect(event).toEqual({
      uid: 'AAMkADshift=',
      subject: 'Storing JD',
      status: 'confirmed',
      start: { dateTime: '2027-03-26T17:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2027-03-29T08:00:00', timeZone: 'Europe/Berlin' },
    });
  });

  it('keeps a Friday 17:00 to Monday 08:00 shift at 08:00 local across the 28 March 2027 DST change', () => {
    const event = upserted(map(graphEvent()));
    expect(isoSpan(event)).toEqual([['2027-03-26T16:00:00.000Z', '2027-03-29T06:00:00.000Z']]);
  });

  it('gives the same instants for the shift written in UTC, as Graph sends it without a Prefer header', () => {
    const event = upserted(
      map(
        graphEvent({
          start: { dateTime: '2027-03-26T16:00:00.0000000', timeZone: 'UTC' },
          end: { dateTime: '2027-03-29T06:00:00.0000000', timeZone: 'UTC' },
        }),
      ),
    );
    expect(event.start).toEqual({ dateTime: '2027-03-26T16:00:00', timeZone: 'UTC' });
    expect(isoSpan(event)).toEqual([['2027-03-26T16:00:00.000Z', '2027-03-29T06:00:00.000Z']]);
  });

  it('maps an all-day event to dates, spanning the 23-hour DST day in the calendar’s zone', () => {
    const event = upserted(
      map(
        graphEvent({
          isAllDay: true,
          start: { dateTime: '2027-03-28T00:00:00.0000000', timeZone: 'UTC' },
          end: { dateTime: '2027-03-29T00:00:00.0000000', timeZone: 'UTC' },
        }),
      ),
    );
    expect(event.start).toEqual({ date: '2027-03-28' });
    expect(event.end).toEqual({ date: '2027-03-29' });
    const [instance] = expandEvents([event], { horizon, timeZone: 'Europe/Amsterdam' });
    expect(instance?.allDay).toBe(true);
    expect(((instance?.end ?? 0) - (instance?.start ?? 0)) / 3_600_000).toBe(23);
  });

  it('adds seconds to a date-time written without them', () => {
    const event = upserted(map(graphEvent({ start: { dateTime: '2027-03-26T17:00', timeZone: 'UTC' } })));
    expect(event.start).toEqual({ dateTime: '2027-03-26T17:00:00', timeZone: 'UTC' });
  });

  it('turns @removed items, cancelled events and declined events into deletes', () => {
    expect(
      map({ '@odata.type': '#microsoft.graph.event', id: 'gone=', '@removed': { reason: 'deleted' } }),
    ).toEqual({
      kind: 'delete',
      id: 'gone=',
    });
    expect(map(graphEvent({ isCancelled: true }))).toEqual({ kind: 'delete', id: 'AAMkADshift=' });
    expect(map(graphEvent({ responseStatus: { response: 'declined' } }))).toEqual({
      kind: 'delete',
      id: 'AAMkADshift=',
    });
  });

  it('marks tentative events tentative and maps a missing subject to an empty one', () => {
    expect(upserted(map(graphEvent({ showAs: 'tentative' }))).status).toBe('tentative');
    expect(upserted(map(graphEvent({ responseStatus: { response: 'tentativelyAccepted' } }))).status).toBe(
      'tentative',
    );
    expect(upserted(map(graphEvent({ subject: null }))).subject).toBe('');
  });

  it('maps occurrences and exceptions as single events keyed by their own id, and ignores series masters', () => {
    const occurrence = upserted(
      map(graphEvent({ id: 'occ-1=', type: 'occurrence', seriesMasterId: 'master=' })),
    );
    expect(occurrence.uid).toBe('occ-1=');
    expect(occurrence.recurrence).toBeUndefined();
    expect(occurrence.recurrenceId).toBeUndefined();
    expect(map(graphEvent({ id: 'master=', type: 'seriesMaster' }))).toEqual({
      kind: 'ignore',
      id: 'master=',
    });
  });

  it('rejects an event in a time zone nobody knows, naming the zone but not the subject', () => {
    let caught: unknown;
    try {
      map(graphEvent({ start: { dateTime: '2027-03-26T17:00:00', timeZone: 'Customized Time Zone' } }));
    } catch (error) {
      caught = error;
    }
    expect(isSyncError(caught, 'INVALID_RESPONSE')).toBe(true);
    expect((caught as Error).message).toContain('Customized Time Zone');
    expect((caught as Error).message).not.toContain('Storing JD');
  });

  it('refuses items without the fields routing needs', () => {
    expect(graphDeltaItemSchema.safeParse({ id: 'x', subject: 'no times' }).success).toBe(false);
    expect(
      graphDeltaItemSchema.safeParse(graphEvent({ start: { dateTime: 'tomorrow', timeZone: 'UTC' } }))
        .success,
    ).toBe(false);
  });
});
