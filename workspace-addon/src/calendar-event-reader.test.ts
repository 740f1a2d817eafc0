import { describe, expect, it } from 'vitest';
import { createCalendarEventReader } from './calendar-event-reader.ts';

const input = {
  calendarId: 'team@group.calendar.google.com',
  eventId: 'abc_20270326T160000Z',
  userOAuthToken: 'ya29.user',
};

const answering = (status: number, body: unknown, seen: { url?: string; authorization?: string } = {}) =>
  createCalendarEventReader({
    rootUrl: 'https://calendar.example/',
    fetch: async (url, init) => {
      seen.url = String(url);
      seen.authorization = new Headers(init?.headers).get('authorization') ?? undefined;
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });

describe('calendar event reader', () => {
  it('calls events.get for the event with the user token, asking only for the fields it shows', async () => {
    const seen: { url?: string; authorization?: string } = {};
    const event = await answering(
      200,
      {
        id: input.eventId,
        status: 'confirmed',
        summary: 'JD',
        start: { dateTime: '2027-03-26T17:00:00+01:00' },
        end: { dateTime: '2027-03-29T08:00:00+02:00' },
      },
      seen,
    ).read(input);
    expect(seen).toEqual({
      url: 'https://calendar.example/calendar/v3/calendars/team%40group.calendar.google.com/events/abc_20270326T160000Z?fields=id%2Cstatus%2Csummary%2Cstart%2Cend',
      authorization: 'Bearer ya29.user',
    });
    expect(event).toEqual({
      id: input.eventId,
      status: 'confirmed',
      summary: 'JD',
      start: Date.parse('2027-03-26T16:00:00Z'),
      end: Date.parse('2027-03-29T06:00:00Z'),
      allDay: false,
    });
  });

  it('reads an all-day event as dates and an untitled one as an empty title', async () => {
    const event = await answering(200, {
      id: 'x',
      start: { date: '2027-03-27' },
      end: { date: '2027-03-28' },
    }).read(input);
    expect(event).toEqual({
      id: 'x',
      status: 'confirmed',
      summary: '',
      start: Date.parse('2027-03-27T00:00:00Z'),
      end: Date.parse('2027-03-28T00:00:00Z'),
      allDay: true,
    });
  });

  it.each([
    [401, 'forbidden'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [410, 'not-found'],
    [500, 'unavailable'],
    [503, 'unavailable'],
  ])('maps status %i to %s', async (status, failure) => {
    expect(await answering(status, { error: { code: status } }).read(input)).toBe(failure);
  });

  it('treats a body that is no event, and an unreachable API, as unavailable', async () => {
    expect(await answering(200, { kind: 'calendar#events' }).read(input)).toBe('unavailable');
    const offline = createCalendarEventReader({ rootUrl: 'http://127.0.0.1:9/' });
    expect(await offline.read(input)).toBe('unavailable');
  });
});
