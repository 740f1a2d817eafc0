import { describe, expect, it } from 'vitest';
import { calendarEventSchema, eventTimeSchema, isAllDay } from './calendar-event.ts';

const valid = {
  uid: 'shift-1',
  subject: 'Storing JD',
  status: 'confirmed',
  start: { dateTime: '2027-03-26T17:00:00', timeZone: 'Europe/Amsterdam' },
  end: { dateTime: '2027-03-29T08:00', timeZone: 'W. Europe Standard Time' },
  recurrence: { rrules: ['FREQ=WEEKLY;BYDAY=FR'], rdates: [{ date: '2027-04-08' }], exdates: [] },
};

describe('calendarEventSchema', () => {
  it('accepts a normalised event from any provider', () => {
    expect(calendarEventSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ['an unknown status', { ...valid, status: 'declined' }],
    ['an empty uid', { ...valid, uid: '' }],
    [
      'an offset in a local date-time',
      { ...valid, start: { dateTime: '2027-03-26T17:00:00+01:00', timeZone: 'UTC' } },
    ],
    ['a date-time without zone', { ...valid, start: { dateTime: '2027-03-26T17:00:00' } }],
    ['a date with a zone', { ...valid, start: { date: '2027-03-26', timeZone: 'UTC' } }],
    ['an impossible date', { ...valid, start: { date: '2027-02-30' } }],
    ['an unknown field', { ...valid, location: 'Groningen' }],
    ['an empty rule', { ...valid, recurrence: { rrules: [''], rdates: [], exdates: [] } }],
  ])('rejects %s', (_, input) => {
    expect(calendarEventSchema.safeParse(input).success).toBe(false);
  });
});

describe('isAllDay', () => {
  it('tells dates from date-times', () => {
    expect(isAllDay(eventTimeSchema.parse({ date: '2027-03-28' }))).toBe(true);
    expect(isAllDay(eventTimeSchema.parse({ dateTime: '2027-03-28T10:00', timeZone: 'UTC' }))).toBe(false);
  });
});
