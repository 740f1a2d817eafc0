import type { CalendarEvent } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { icsUpserts } from './ics-upserts.ts';

const event = (uid: string, recurrenceId?: CalendarEvent['recurrenceId']): CalendarEvent => ({
  uid,
  ...(recurrenceId ? { recurrenceId } : {}),
  subject: 'JD',
  status: 'confirmed',
  start: { date: '2027-03-27' },
  end: { date: '2027-03-28' },
});

describe('icsUpserts', () => {
  it('gives a series, its overrides and repeated UIDs distinct ids', () => {
    const ids = icsUpserts([
      event('a'),
      event('a', { dateTime: '2027-04-02T17:00:00', timeZone: 'Europe/Amsterdam' }),
      event('a', { dateTime: '2027-04-09T15:00:00', timeZone: 'UTC' }),
      event('a', { date: '2027-04-16' }),
      event('a'),
      event('a'),
    ]).map((u) => u.externalId);
    expect(ids).toEqual([
      'a',
      'a|2027-04-02T17:00:00',
      'a|2027-04-09T15:00:00Z',
      'a|2027-04-16',
      'a~2',
      'a~3',
    ]);
  });

  it('scopes the ids with a prefix', () => {
    expect(icsUpserts([event('a')], '/cal/a.ics#')[0]?.externalId).toBe('/cal/a.ics#a');
  });
});
