import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GoogleCalendarFake, startGoogleCalendarFake } from './google-calendar-fake.ts';
import { shift } from './google-testbed.ts';

const calendarId = 'team@example.com';
const client = { clientId: 'app', clientSecret: 'app-secret' };
const clientFields = { client_id: client.clientId, client_secret: client.clientSecret };

let fake: GoogleCalendarFake;
let accessToken: string;

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const token = async (fields: Record<string, string>) => {
  const response = await fetch(fake.tokenUrl, form(fields));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const api = async (path: string, init: RequestInit = {}, bearer: string | undefined = accessToken) => {
  const response = await fetch(new URL(path, fake.rootUrl), {
    ...init,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': 'application/json' },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
};

const events = (query: string) =>
  api(`/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?${query}`);

const reasonOf = (body: { error?: { errors?: { reason?: string }[] } }) => body.error?.errors?.[0]?.reason;

beforeEach(async () => {
  fake = await startGoogleCalendarFake();
  fake.auth.addOAuthClient(client);
  fake.auth.addRefreshToken({
    refreshToken: 'refresh',
    clientId: client.clientId,
    user: 'planner@example.com',
  });
  fake.calendars.create(calendarId, { summary: 'Team', timeZone: 'Europe/Amsterdam' });
  const granted = await token({ grant_type: 'refresh_token', refresh_token: 'refresh', ...clientFields });
  accessToken = String(granted.body.access_token);
});

afterEach(async () => {
  await fake.stop();
});

describe('token endpoint', () => {
  it('issues a bearer token for a known refresh token', async () => {
    const granted = await token({ grant_type: 'refresh_token', refresh_token: 'refresh', ...clientFields });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    expect(String(granted.body.access_token)).toMatch(/^ya29\./);
  });

  it('answers invalid_grant to an unknown refresh token and invalid_client to an unknown client', async () => {
    await expect(
      token({ grant_type: 'refresh_token', refresh_token: 'other', ...clientFields }),
    ).resolves.toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    const wrongClient = await token({
      grant_type: 'refresh_token',
      refresh_token: 'refresh',
      client_id: 'app',
      client_secret: 'x',
    });
    expect(wrongClient).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('refuses an assertion it cannot verify', async () => {
    const refused = await token({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: 'a.b.c',
    });
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('calendar API', () => {
  it('answers 401 without or with an unknown bearer token', async () => {
    const missing = await api(`/calendar/v3/calendars/${calendarId}`, {}, '');
    expect(missing.status).toBe(401);
    expect(reasonOf(missing.body)).toBe('required');
    const unknown = await api(`/calendar/v3/calendars/${calendarId}`, {}, 'ya29.unknown');
    expect(unknown.status).toBe(401);
    expect(reasonOf(unknown.body)).toBe('authError');
  });

  it('lists events in the calendar zone with offsets, and hides deleted events but not cancelled instances', async () => {
    fake.calendars.put(calendarId, {
      ...shift('series', 'JD', '2027-03-19T17:00:00', '2027-03-22T08:00:00'),
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    fake.calendars.put(calendarId, {
      id: 'series_20270326T160000Z',
      status: 'cancelled',
      recurringEventId: 'series',
      originalStartTime: { dateTime: '2027-03-26T17:00:00', timeZone: 'Europe/Amsterdam' },
    });
    fake.calendars.put(calendarId, shift('gone', 'PK', '2027-03-23T08:00:00', '2027-03-23T17:00:00'));
    fake.calendars.remove(calendarId, 'gone');

    const { status, body } = await events('singleEvents=false');
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'calendar#events', summary: 'Team', timeZone: 'Europe/Amsterdam' });
    expect(body.items.map((item: { id: string }) => item.id)).toEqual(['series', 'series_20270326T160000Z']);
    expect(body.items[0].start).toEqual({
      dateTime: '2027-03-19T17:00:00+01:00',
      timeZone: 'Europe/Amsterdam',
    });
    expect(body.items[1]).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: 'series_20270326T160000Z',
      status: 'cancelled',
      recurringEventId: 'series',
      originalStartTime: { dateTime: '2027-03-26T17:00:00+01:00', timeZone: 'Europe/Amsterdam' },
    });
    const withDeleted = await events('showDeleted=true');
    expect(withDeleted.body.items).toHaveLength(3);
  });

  it('pages with maxResults and pageToken, and gives the sync token on the last page only', async () => {
    for (const id of ['a', 'b', 'c'])
      fake.calendars.put(calendarId, shift(id, id, '2027-03-22T08:00:00', '2027-03-22T09:00:00'));
    const first = await events('maxResults=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextSyncToken).toBeUndefined();
    const second = await events(`maxResults=2&pageToken=${encodeURIComponent(first.body.nextPageToken)}`);
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual(['c']);
    expect(second.body.nextPageToken).toBeUndefined();
    expect(second.body.nextSyncToken).toEqual(expect.any(String));
    const mismatched = await events(
      `maxResults=2&showDeleted=true&pageToken=${encodeURIComponent(first.body.nextPageToken)}`,
    );
    expect(mismatched.status).toBe(400);
  });

  it('returns changes since a sync token, deletions with only their id unless showDeleted', async () => {
    fake.calendars.put(calendarId, shift('a', 'JD', '2027-03-22T08:00:00', '2027-03-22T09:00:00'));
    fake.calendars.put(calendarId, shift('b', 'PK', '2027-03-22T08:00:00', '2027-03-22T09:00:00'));
    const full = await events('');
    fake.calendars.remove(calendarId, 'a');
    const syncToken = encodeURIComponent(full.body.nextSyncToken);

    const changes = await events(`syncToken=${syncToken}`);
    expect(changes.body.items).toEqual([
      { kind: 'calendar#event', etag: expect.any(String), id: 'a', status: 'cancelled' },
    ]);
    const detailed = await events(`syncToken=${syncToken}&showDeleted=true`);
    expect(detailed.body.items[0]).toMatchObject({ id: 'a', status: 'cancelled', summary: 'JD' });
    const none = await events(`syncToken=${encodeURIComponent(changes.body.nextSyncToken)}`);
    expect(none.body.items).toEqual([]);
  });

  it('answers 410 fullSyncRequired to an invalidated or unknown sync token', async () => {
    const full = await events('');
    fake.invalidateSyncTokens();
    for (const syncToken of [full.body.nextSyncToken, 'CPDAlvWDx70CEPDAlvWDx70CGAU=']) {
      const expired = await events(`syncToken=${encodeURIComponent(syncToken)}`);
      expect(expired.status).toBe(410);
      expect(expired.body).toEqual({
        error: {
          errors: [
            {
              domain: 'global',
              reason: 'fullSyncRequired',
              message: 'Sync token is no longer valid, a full sync is required.',
            },
          ],
          code: 410,
          message: 'Sync token is no longer valid, a full sync is required.',
        },
      });
    }
  });

  it('answers 400 to a sync token with a parameter it cannot be combined with, or with showDeleted=false', async () => {
    const full = await events('');
    const syncToken = encodeURIComponent(full.body.nextSyncToken);
    for (const extra of [
      'timeMin=2027-03-01T00:00:00Z',
      'q=JD',
      'orderBy=updated',
      'updatedMin=2027-03-01T00:00:00Z',
      'showDeleted=false',
    ]) {
      const refused = await events(`syncToken=${syncToken}&${extra}`);
      expect(refused.status).toBe(400);
    }
  });

  it('answers with a queued failure once, with Retry-After', async () => {
    fake.failNext({ status: 429, retryAfter: '30' });
    const throttled = await events('');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('30');
    expect(reasonOf(throttled.body)).toBe('rateLimitExceeded');
    expect((await events('')).status).toBe(200);
  });

  it('records requests with their principal and response', async () => {
    await events('maxResults=5');
    const recorded = fake.requests.at(-1);
    expect(recorded).toMatchObject({
      method: 'GET',
      path: `/calendar/v3/calendars/${calendarId}/events`,
      query: { maxResults: '5' },
      principal: 'planner@example.com',
      status: 200,
    });
  });
});

describe('events.get', () => {
  const get = (eventId: string, query = '') =>
    api(
      `/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events/${encodeURIComponent(eventId)}${query}`,
    );

  beforeEach(() => {
    fake.calendars.put(calendarId, {
      ...shift('weekly', 'JD', '2027-03-19T17:00:00', '2027-03-22T08:00:00'),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/Amsterdam:20270409T170000'],
    });
    fake.calendars.put(calendarId, {
      ...shift('weekly_20270416T150000Z', 'PK', '2027-04-16T18:00:00', '2027-04-19T08:00:00'),
      recurringEventId: 'weekly',
      originalStartTime: { dateTime: '2027-04-16T17:00:00', timeZone: 'Europe/Amsterdam' },
    });
    fake.calendars.put(calendarId, {
      id: 'holidays',
      summary: 'MK',
      start: { date: '2027-04-05' },
      end: { date: '2027-04-06' },
      recurrence: ['RRULE:FREQ=DAILY;UNTIL=20270407'],
    });
  });

  it('answers a stored event in the calendar zone, with only the fields asked for', async () => {
    const { status, body } = await get('weekly', '?fields=id,status,summary,start');
    expect(status).toBe(200);
    expect(body).toEqual({
      id: 'weekly',
      status: 'confirmed',
      summary: 'JD',
      start: { dateTime: '2027-03-19T17:00:00+01:00', timeZone: 'Europe/Amsterdam' },
    });
    const full = await get('weekly');
    expect(full.body).toMatchObject({ kind: 'calendar#event', recurrence: expect.any(Array) });
  });

  it('expands an instance of a series in wall-clock time across DST, as Google names instances', async () => {
    const { status, body } = await get('weekly_20270402T150000Z');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'weekly_20270402T150000Z',
      recurringEventId: 'weekly',
      summary: 'JD',
      originalStartTime: { dateTime: '2027-04-02T17:00:00+02:00', timeZone: 'Europe/Amsterdam' },
      start: { dateTime: '2027-04-02T17:00:00+02:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2027-04-05T08:00:00+02:00', timeZone: 'Europe/Amsterdam' },
    });
    expect(body.recurrence).toBeUndefined();
    const allDay = await get('holidays_20270407');
    expect(allDay.body).toMatchObject({ start: { date: '2027-04-07' }, end: { date: '2027-04-08' } });
  });

  it('answers a stored exception instead of the series, and 404 to starts the series does not produce', async () => {
    expect((await get('weekly_20270416T150000Z')).body).toMatchObject({ summary: 'PK' });
    // Excluded, off the rule's time, past COUNT, past UNTIL, and an all-day suffix on a timed series.
    for (const id of [
      'weekly_20270409T150000Z',
      'weekly_20270402T160000Z',
      'weekly_20270430T150000Z',
      'holidays_20270408',
      'weekly_20270402',
    ]) {
      const { status, body } = await get(id);
      expect({ id, status, reason: reasonOf(body) }).toEqual({ id, status: 404, reason: 'notFound' });
    }
  });

  it('answers a deleted event with status cancelled, 404 to an unknown event or calendar, 401 without a token', async () => {
    fake.calendars.put(calendarId, shift('gone', 'PK', '2027-03-23T08:00:00', '2027-03-23T17:00:00'));
    fake.calendars.remove(calendarId, 'gone');
    expect((await get('gone', '?fields=id,status')).body).toEqual({ id: 'gone', status: 'cancelled' });
    expect((await get('never')).status).toBe(404);
    const elsewhere = await api('/calendar/v3/calendars/nobody%40example.com/events/weekly');
    expect(elsewhere.status).toBe(404);
    const anonymous = await api(`/calendar/v3/calendars/${calendarId}/events/weekly`, {}, '');
    expect(anonymous.status).toBe(401);
  });

  it('answers 400 to a parameter it does not implement or a nested field selector', async () => {
    expect((await get('weekly', '?timeZone=UTC')).status).toBe(400);
    const nested = await get('weekly', '?fields=start(dateTime)');
    expect({ status: nested.status, reason: reasonOf(nested.body) }).toEqual({
      status: 400,
      reason: 'invalid',
    });
  });
});

describe('watch channels', () => {
  const watch = (body: unknown) =>
    api(`/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events/watch`, {
      method: 'POST',
      body: JSON.stringify(body),
    });

  it('creates a channel, refuses a duplicate id or a plain HTTP address, and stops it', async () => {
    const created = await watch({
      id: 'ch-1',
      type: 'web_hook',
      address: 'https://hooks.example.test/g',
      token: 't',
      params: { ttl: '60' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      kind: 'api#channel',
      id: 'ch-1',
      token: 't',
      resourceId: expect.any(String),
    });
    expect(Number(created.body.expiration)).toBeGreaterThan(Date.now());
    expect(
      (await watch({ id: 'ch-1', type: 'web_hook', address: 'https://hooks.example.test/g' })).status,
    ).toBe(400);
    expect(
      (await watch({ id: 'ch-2', type: 'web_hook', address: 'http://hooks.example.test/g' })).status,
    ).toBe(400);

    const stopBody = JSON.stringify({ id: 'ch-1', resourceId: created.body.resourceId });
    expect((await api('/calendar/v3/channels/stop', { method: 'POST', body: stopBody })).status).toBe(204);
    expect((await api('/calendar/v3/channels/stop', { method: 'POST', body: stopBody })).status).toBe(404);
    expect(fake.watchChannels).toEqual([]);
  });

  it("notifies a channel's address with Google's headers", async () => {
    const received: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      received.push(request.headers);
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const created = await watch({ id: 'ch-1', type: 'web_hook', address, token: 'secret' });
      await expect(fake.notify('ch-1', 'sync')).resolves.toEqual({ status: 204 });
      await fake.notify('ch-1', 'exists');
      expect(received[0]).toMatchObject({
        'x-goog-channel-id': 'ch-1',
        'x-goog-channel-token': 'secret',
        'x-goog-channel-expiration': new Date(Number(created.body.expiration)).toUTCString(),
        'x-goog-resource-id': created.body.resourceId,
        'x-goog-resource-uri': created.body.resourceUri,
        'x-goog-resource-state': 'sync',
        'x-goog-message-number': '1',
      });
      expect(received[1]).toMatchObject({ 'x-goog-resource-state': 'exists', 'x-goog-message-number': '2' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
