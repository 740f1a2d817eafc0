import { generateKeyPairSync } from 'node:crypto';
import {
  type CalendarChanges,
  type CalendarSource,
  type CalendarSourceAdapter,
  calendarEventSchema,
  expandEvents,
  period,
} from '@wygc/routing-core';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { googleCalendarScope } from './google-auth.ts';
import { isSyncError, type SyncError, type SyncErrorCode } from './sync-error.ts';
import type { GoogleFakeRequest } from './testing/google-calendar-fake.ts';
import {
  type GoogleTestbed,
  shift,
  startGoogleTestbed,
  testCalendarId,
  testOAuthClient,
  testUser,
} from './testing/google-testbed.ts';

const amsterdam = 'Europe/Amsterdam';
const horizon = period(Date.parse('2027-03-01T00:00:00Z'), Date.parse('2027-05-01T00:00:00Z'));
const fetchOptions = { horizon };

let testbed: GoogleTestbed;
let adapter: CalendarSourceAdapter;

beforeEach(async () => {
  testbed = await startGoogleTestbed();
  adapter = testbed.adapter();
});

afterEach(async () => {
  await testbed.fake.stop();
});

const syncErrorOf = async (promise: Promise<unknown>): Promise<SyncError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSyncError(error)) throw new Error(`expected a SyncError, got ${String(error)}`);
  return error;
};

const expectSyncError = async (promise: Promise<unknown>, code: SyncErrorCode): Promise<SyncError> => {
  const error = await syncErrorOf(promise);
  expect(error.code).toBe(code);
  return error;
};

const expectValidEvents = (changes: CalendarChanges): void => {
  for (const { event } of changes.upserts) expect(calendarEventSchema.safeParse(event).success).toBe(true);
};

const byId = (changes: CalendarChanges) =>
  new Map(changes.upserts.map(({ externalId, event }) => [externalId, event]));

interface ListedPage {
  readonly nextPageToken?: string;
  readonly nextSyncToken?: string;
  readonly items?: readonly { readonly start?: unknown; readonly end?: unknown }[];
}

/** The events page the fake answered a recorded request with. */
const pageOf = (request: GoogleFakeRequest | undefined): ListedPage =>
  (request?.responseBody ?? {}) as ListedPage;

const wall = (instant: number): string =>
  DateTime.fromMillis(instant, { zone: amsterdam }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('fetchChanges: full sync', () => {
  it('follows every page and keeps the nextSyncToken of the last page as the cursor', async () => {
    const { fake, source, listRequests } = testbed;
    for (const day of ['19', '20', '21', '22', '23']) {
      fake.calendars.put(
        testCalendarId,
        shift(`shift${day}`, 'JD', `2027-03-${day}T17:00:00`, `2027-03-${day}T23:00:00`),
      );
    }
    const changes = await testbed.adapter({ maxResults: 2 }).fetchChanges(source(), fetchOptions);

    const requests = listRequests();
    expect(requests.map((r) => r.query)).toEqual([
      { singleEvents: 'false', maxResults: '2' },
      {
        singleEvents: 'false',
        maxResults: '2',
        pageToken: pageOf(requests[0]).nextPageToken,
      },
      {
        singleEvents: 'false',
        maxResults: '2',
        pageToken: pageOf(requests[1]).nextPageToken,
      },
    ]);
    const lastPage = pageOf(requests[2]);
    expect(lastPage.nextPageToken).toBeUndefined();
    expect(changes.cursor).toBe(lastPage.nextSyncToken);
    expect(changes.replaceAll).toBe(true);
    expect(changes.deletes).toEqual([]);
    expect(changes.timeZone).toBe(amsterdam);
    expect(changes.upserts.map((u) => u.externalId)).toEqual([
      'shift19',
      'shift20',
      'shift21',
      'shift22',
      'shift23',
    ]);
    expectValidEvents(changes);
  });

  it('turns the offset Google writes into wall-clock time in the event zone', async () => {
    const { fake, source, listRequests } = testbed;
    fake.calendars.put(
      testCalendarId,
      shift('friday', 'Storing JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'),
    );
    const changes = await adapter.fetchChanges(source(), fetchOptions);

    const item = pageOf(listRequests()[0]).items?.[0];
    expect(item?.start).toEqual({ dateTime: '2027-03-26T17:00:00+01:00', timeZone: amsterdam });
    expect(item?.end).toEqual({ dateTime: '2027-03-29T08:00:00+02:00', timeZone: amsterdam });
    expect(byId(changes).get('friday')).toEqual({
      uid: 'friday',
      subject: 'Storing JD',
      status: 'confirmed',
      start: { dateTime: '2027-03-26T17:00:00', timeZone: amsterdam },
      end: { dateTime: '2027-03-29T08:00:00', timeZone: amsterdam },
    });
  });

  it("reads an event in another zone in that zone, and one without a zone in the calendar's zone", async () => {
    const { fake, source } = testbed;
    fake.calendars.put(testCalendarId, {
      id: 'newyork',
      summary: 'PK',
      start: { dateTime: '2027-03-26T09:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2027-03-26T17:00:00', timeZone: 'America/New_York' },
    });
    fake.calendars.put(testCalendarId, {
      id: 'nozone',
      summary: 'FB',
      start: { dateTime: '2027-03-26T16:00:00Z' },
      end: { dateTime: '2027-03-26T20:00:00Z' },
    });
    const events = byId(await adapter.fetchChanges(source(), fetchOptions));

    expect(fake.calendars.get(testCalendarId, 'newyork')?.start?.dateTime).toBe('2027-03-26T14:00:00+01:00');
    expect(events.get('newyork')?.start).toEqual({
      dateTime: '2027-03-26T09:00:00',
      timeZone: 'America/New_York',
    });
    expect(events.get('nozone')?.start).toEqual({ dateTime: '2027-03-26T17:00:00', timeZone: amsterdam });
    expect(events.get('nozone')?.end).toEqual({ dateTime: '2027-03-26T21:00:00', timeZone: amsterdam });
  });

  it('maps all-day events to dates, which span 23 hours on 28 March 2027', async () => {
    const { fake, source } = testbed;
    fake.calendars.put(testCalendarId, {
      id: 'sunday',
      summary: 'EB',
      start: { date: '2027-03-28' },
      end: { date: '2027-03-29' },
    });
    const changes = await adapter.fetchChanges(source(), fetchOptions);

    const sunday = byId(changes).get('sunday');
    expect(sunday).toEqual({
      uid: 'sunday',
      subject: 'EB',
      status: 'confirmed',
      start: { date: '2027-03-28' },
      end: { date: '2027-03-29' },
    });
    const [instance] = expandEvents(sunday ? [sunday] : [], { horizon, timeZone: amsterdam });
    expect(instance && (instance.end - instance.start) / 3_600_000).toBe(23);
    expect(instance?.allDay).toBe(true);
  });
});

describe('fetchChanges: recurring events', () => {
  const putWeekendSeries = () => {
    const { fake } = testbed;
    fake.calendars.put(testCalendarId, {
      ...shift('weekend', 'Storing JD', '2027-03-19T17:00:00', '2027-03-22T08:00:00'),
      recurrence: [
        'RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20270430T215959Z',
        'EXDATE;TZID=Europe/Amsterdam:20270402T170000,20270423T170000',
        'RDATE;TZID=Europe/Amsterdam:20270331T170000',
      ],
    });
    fake.calendars.put(testCalendarId, {
      ...shift('weekend_20270409T150000Z', 'Storing PK', '2027-04-09T18:00:00', '2027-04-12T08:00:00'),
      recurringEventId: 'weekend',
      originalStartTime: { dateTime: '2027-04-09T17:00:00', timeZone: amsterdam },
    });
    fake.calendars.put(testCalendarId, {
      id: 'weekend_20270416T150000Z',
      status: 'cancelled',
      recurringEventId: 'weekend',
      originalStartTime: { dateTime: '2027-04-16T17:00:00', timeZone: amsterdam },
    });
  };

  it('maps the series, a moved instance and a cancelled instance (upserted, not deleted)', async () => {
    putWeekendSeries();
    const changes = await adapter.fetchChanges(testbed.source(), fetchOptions);
    const events = byId(changes);

    expect(events.get('weekend')).toEqual({
      uid: 'weekend',
      subject: 'Storing JD',
      status: 'confirmed',
      start: { dateTime: '2027-03-19T17:00:00', timeZone: amsterdam },
      end: { dateTime: '2027-03-22T08:00:00', timeZone: amsterdam },
      recurrence: {
        rrules: ['FREQ=WEEKLY;BYDAY=FR;UNTIL=20270430T215959Z'],
        rdates: [{ dateTime: '2027-03-31T17:00:00', timeZone: amsterdam }],
        exdates: [
          { dateTime: '2027-04-02T17:00:00', timeZone: amsterdam },
          { dateTime: '2027-04-23T17:00:00', timeZone: amsterdam },
        ],
      },
    });
    expect(events.get('weekend_20270409T150000Z')).toEqual({
      uid: 'weekend',
      recurrenceId: { dateTime: '2027-04-09T17:00:00', timeZone: amsterdam },
      subject: 'Storing PK',
      status: 'confirmed',
      start: { dateTime: '2027-04-09T18:00:00', timeZone: amsterdam },
      end: { dateTime: '2027-04-12T08:00:00', timeZone: amsterdam },
    });
    const cancelledAt = { dateTime: '2027-04-16T17:00:00', timeZone: amsterdam };
    expect(events.get('weekend_20270416T150000Z')).toEqual({
      uid: 'weekend',
      recurrenceId: cancelledAt,
      subject: '',
      status: 'cancelled',
      start: cancelledAt,
      end: cancelledAt,
    });
    expect(changes.deletes).toEqual([]);
    expectValidEvents(changes);
  });

  it('expands to the expected instances across the DST change of 28 March 2027', async () => {
    putWeekendSeries();
    const changes = await adapter.fetchChanges(testbed.source(), fetchOptions);
    const instances = expandEvents(
      changes.upserts.map((u) => u.event),
      {
        horizon: period(Date.parse('2027-03-18T23:00:00Z'), Date.parse('2027-04-25T22:00:00Z')),
        timeZone: amsterdam,
      },
    );

    expect(instances.map((i) => [wall(i.start), wall(i.end), i.subject])).toEqual([
      ['2027-03-19T17:00', '2027-03-22T08:00', 'Storing JD'],
      ['2027-03-26T17:00', '2027-03-29T08:00', 'Storing JD'],
      ['2027-03-31T17:00', '2027-04-03T08:00', 'Storing JD'],
      ['2027-04-09T18:00', '2027-04-12T08:00', 'Storing PK'],
    ]);
    const hours = instances.map((i) => (i.end - i.start) / 3_600_000);
    expect(hours).toEqual([63, 62, 63, 62]);
  });
});

describe('fetchChanges: incremental sync', () => {
  it('returns a changed, a deleted and a new event since the cursor', async () => {
    const { fake, source, listRequests } = testbed;
    fake.calendars.put(testCalendarId, shift('monday', 'JD', '2027-03-22T08:00:00', '2027-03-22T17:00:00'));
    fake.calendars.put(testCalendarId, shift('tuesday', 'PK', '2027-03-23T08:00:00', '2027-03-23T17:00:00'));
    fake.calendars.put(
      testCalendarId,
      shift('wednesday', 'FB', '2027-03-24T08:00:00', '2027-03-24T17:00:00'),
    );
    const first = await adapter.fetchChanges(source(), fetchOptions);

    fake.calendars.put(
      testCalendarId,
      shift('monday', 'JD+PK', '2027-03-22T08:00:00', '2027-03-22T18:00:00'),
    );
    fake.calendars.remove(testCalendarId, 'tuesday');
    fake.calendars.put(testCalendarId, shift('thursday', 'EB', '2027-03-25T08:00:00', '2027-03-25T17:00:00'));
    const second = await adapter.fetchChanges(source({ cursor: first.cursor }), fetchOptions);

    expect(listRequests()[1]?.query).toEqual({
      singleEvents: 'false',
      maxResults: '250',
      syncToken: first.cursor,
      showDeleted: 'true',
    });
    expect(second.replaceAll).toBe(false);
    expect(second.deletes).toEqual(['tuesday']);
    expect(second.upserts.map((u) => [u.externalId, u.event.subject])).toEqual([
      ['monday', 'JD+PK'],
      ['thursday', 'EB'],
    ]);
    expect(second.cursor).toBeDefined();
    expect(second.cursor).not.toBe(first.cursor);
    expectValidEvents(second);

    const third = await adapter.fetchChanges(source({ cursor: second.cursor }), fetchOptions);
    expect(third).toMatchObject({ upserts: [], deletes: [], replaceAll: false });
  });

  it('cancelling a whole series deletes it', async () => {
    const { fake, source } = testbed;
    fake.calendars.put(testCalendarId, {
      ...shift('series', 'JD', '2027-03-19T17:00:00', '2027-03-22T08:00:00'),
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    const first = await adapter.fetchChanges(source(), fetchOptions);
    fake.calendars.remove(testCalendarId, 'series');
    const second = await adapter.fetchChanges(source({ cursor: first.cursor }), fetchOptions);
    expect(second).toMatchObject({ upserts: [], deletes: ['series'] });
  });

  it('starts over with a full listing (replaceAll) when Google answers 410 GONE', async () => {
    const { fake, source, listRequests } = testbed;
    fake.calendars.put(testCalendarId, shift('monday', 'JD', '2027-03-22T08:00:00', '2027-03-22T17:00:00'));
    const first = await adapter.fetchChanges(source(), fetchOptions);
    fake.invalidateSyncTokens();
    fake.calendars.put(testCalendarId, shift('tuesday', 'PK', '2027-03-23T08:00:00', '2027-03-23T17:00:00'));

    const second = await adapter.fetchChanges(source({ cursor: first.cursor }), fetchOptions);

    const [, expired, full] = listRequests();
    expect(expired?.status).toBe(410);
    expect(expired?.responseBody).toEqual({
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
    expect(full?.query).toEqual({ singleEvents: 'false', maxResults: '250' });
    expect(second.replaceAll).toBe(true);
    expect(second.upserts.map((u) => u.externalId)).toEqual(['monday', 'tuesday']);
    const third = await adapter.fetchChanges(source({ cursor: second.cursor }), fetchOptions);
    expect(third.replaceAll).toBe(false);
  });
});

describe('fetchChanges: errors', () => {
  it('maps 429 with Retry-After to RATE_LIMITED with retryAfterMs, without retrying', async () => {
    testbed.fake.failNext({ status: 429, retryAfter: '7' });
    const error = await expectSyncError(adapter.fetchChanges(testbed.source(), fetchOptions), 'RATE_LIMITED');
    expect(error.retryAfterMs).toBe(7000);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(testbed.listRequests()).toHaveLength(1);
  });

  it('maps 403 rateLimitExceeded to RATE_LIMITED, and another 403 to AUTH_FAILED', async () => {
    testbed.fake.failNext({ status: 403, retryAfter: '2' });
    const throttled = await expectSyncError(
      adapter.fetchChanges(testbed.source(), fetchOptions),
      'RATE_LIMITED',
    );
    expect(throttled).toMatchObject({ status: 403, retryAfterMs: 2000 });
    expect(throttled.message).toContain('rateLimitExceeded');

    testbed.fake.failNext({
      status: 403,
      body: {
        error: {
          errors: [{ domain: 'global', reason: 'forbidden', message: 'Forbidden' }],
          code: 403,
          message: 'Forbidden',
        },
      },
    });
    await expectSyncError(adapter.fetchChanges(testbed.source(), fetchOptions), 'AUTH_FAILED');
  });

  it('maps 500 to PROVIDER_UNAVAILABLE, without retrying', async () => {
    testbed.fake.failNext({ status: 500 });
    const error = await expectSyncError(
      adapter.fetchChanges(testbed.source(), fetchOptions),
      'PROVIDER_UNAVAILABLE',
    );
    expect(error.status).toBe(500);
    expect(testbed.listRequests()).toHaveLength(1);
  });

  it('maps an unknown calendar to NOT_FOUND', async () => {
    await expectSyncError(
      adapter.fetchChanges(testbed.source({ externalId: 'gone@example.com' }), fetchOptions),
      'NOT_FOUND',
    );
  });

  it('rejects a payload that is not an events page with INVALID_RESPONSE', async () => {
    testbed.fake.failNext({
      status: 200,
      body: { kind: 'calendar#events', items: 'none', nextSyncToken: 'x' },
    });
    const error = await expectSyncError(
      adapter.fetchChanges(testbed.source(), fetchOptions),
      'INVALID_RESPONSE',
    );
    expect(error.message).toContain('items');
  });

  it('rejects an unreadable recurrence with INVALID_RESPONSE', async () => {
    testbed.fake.calendars.put(testCalendarId, {
      ...shift('broken', 'JD', '2027-03-19T17:00:00', '2027-03-22T08:00:00'),
      recurrence: ['EXDATE;TZID=Europe/Amsterdam:soon'],
    });
    await expectSyncError(adapter.fetchChanges(testbed.source(), fetchOptions), 'INVALID_RESPONSE');
  });

  it('maps a refresh token Google no longer accepts to AUTH_FAILED, without calling the API', async () => {
    const error = await expectSyncError(
      adapter.fetchChanges(
        testbed.source({ credentials: { type: 'oauth', refreshToken: 'revoked' } }),
        fetchOptions,
      ),
      'AUTH_FAILED',
    );
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toContain('revoked');
    expect(testbed.listRequests()).toHaveLength(0);
  });

  it('maps a refused access token to AUTH_FAILED, and gets a new one on the next call', async () => {
    await adapter.fetchChanges(testbed.source(), fetchOptions);
    testbed.fake.auth.revokeAccessTokens();
    const refused = await expectSyncError(
      adapter.fetchChanges(testbed.source(), fetchOptions),
      'AUTH_FAILED',
    );
    expect(refused.status).toBe(401);
    await expect(adapter.fetchChanges(testbed.source(), fetchOptions)).resolves.toMatchObject({
      replaceAll: true,
    });
  });

  it('rejects credentials that are incomplete or need an unconfigured client with INVALID_CONFIG', async () => {
    const attempts: Readonly<Record<string, unknown>>[] = [
      { type: 'oauth' },
      { type: 'delegation', subject: 'not an address' },
      { type: 'delegation', subject: testUser },
      { refreshToken: 'no type' },
    ];
    for (const credentials of attempts) {
      await expectSyncError(
        adapter.fetchChanges(testbed.source({ credentials }), fetchOptions),
        'INVALID_CONFIG',
      );
    }
    expect(testbed.fake.requests).toHaveLength(0);
  });

  it('gives up with the reason of an aborted signal', async () => {
    const controller = new AbortController();
    const reason = new Error('the sync was cancelled');
    controller.abort(reason);
    await expect(adapter.fetchChanges(testbed.source(), { horizon, signal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(testbed.listRequests()).toHaveLength(0);
  });

  it('maps an unreachable Google to PROVIDER_UNAVAILABLE', async () => {
    await testbed.fake.stop();
    await expectSyncError(adapter.fetchChanges(testbed.source(), fetchOptions), 'PROVIDER_UNAVAILABLE');
    testbed = await startGoogleTestbed();
  });
});

describe('domain-wide delegation', () => {
  const serviceAccount = 'calendar-sync@wygc.iam.gserviceaccount.com';
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const delegated = (subject: string): CalendarSource =>
    testbed.source({ credentials: { type: 'delegation', subject } });

  beforeEach(() => {
    testbed.fake.auth.addServiceAccount({
      clientEmail: serviceAccount,
      publicKey: keys.publicKey,
      delegatedSubjects: [testUser],
    });
    adapter = testbed.adapter({ auth: { serviceAccount: { clientEmail: serviceAccount, privateKey } } });
  });

  it('gets a token for the user with a signed JWT and lists the calendar as that user', async () => {
    testbed.fake.calendars.put(
      testCalendarId,
      shift('monday', 'JD', '2027-03-22T08:00:00', '2027-03-22T17:00:00'),
    );
    const changes = await adapter.fetchChanges(delegated(testUser), fetchOptions);
    expect(changes.upserts.map((u) => u.externalId)).toEqual(['monday']);

    const tokenRequest = testbed.fake.requests.find((r) => r.path === '/token');
    const body = tokenRequest?.body as { grant_type: string; assertion: string };
    expect(body.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = JSON.parse(Buffer.from(body.assertion.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({
      iss: serviceAccount,
      sub: testUser,
      scope: googleCalendarScope,
      aud: 'https://oauth2.googleapis.com/token',
    });
    expect(testbed.listRequests()[0]?.principal).toBe(testUser);
  });

  it('maps a user the account may not impersonate to AUTH_FAILED', async () => {
    const error = await expectSyncError(
      adapter.fetchChanges(delegated('someone@example.com'), fetchOptions),
      'AUTH_FAILED',
    );
    expect(error.message).toContain('unauthorized_client');
    expect(error.message).not.toContain('someone');
  });
});

describe('describe', () => {
  it("returns the calendar's name and time zone", async () => {
    await expect(adapter.describe(testbed.source())).resolves.toEqual({
      name: 'Storingsdienst',
      timeZone: amsterdam,
    });
    expect(testbed.fake.requests.at(-1)?.path).toBe(`/calendar/v3/calendars/${testCalendarId}`);
    expect(testbed.fake.requests.at(-1)?.principal).toBe(testUser);
  });

  it('maps an unknown calendar to NOT_FOUND', async () => {
    await expectSyncError(
      adapter.describe(testbed.source({ externalId: 'unknown@example.com' })),
      'NOT_FOUND',
    );
  });
});

describe('push channels', () => {
  const now = Date.parse('2027-03-20T12:00:00Z');
  const pushOptions = { notificationUrl: 'https://hooks.example.test/google', ttlSeconds: 3600 };

  beforeEach(async () => {
    await testbed.fake.stop();
    testbed = await startGoogleTestbed({ clock: () => now });
    adapter = testbed.adapter();
  });

  it('watches the events with a fresh channel id and secret, and stops the channel again', async () => {
    const channel = await adapter.startPush?.(testbed.source(), pushOptions);
    if (!channel) throw new Error('the Google adapter supports push');

    expect(channel.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(channel.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(channel.expiresAt).toBe(now + 3_600_000);
    const watch = testbed.fake.requests.find((r) => r.path.endsWith('/events/watch'));
    expect(watch?.path).toBe(`/calendar/v3/calendars/${testCalendarId}/events/watch`);
    expect(watch?.body).toEqual({
      id: channel.id,
      type: 'web_hook',
      address: pushOptions.notificationUrl,
      token: channel.secret,
      params: { ttl: '3600' },
    });
    const [watched] = testbed.fake.watchChannels;
    expect(channel.resourceId).toBe(watched?.resourceId);

    await adapter.stopPush?.(testbed.source({ channel }));
    const stop = testbed.fake.requests.at(-1);
    expect(stop?.method).toBe('POST');
    expect(stop?.path).toBe('/calendar/v3/channels/stop');
    expect(stop?.body).toEqual({ id: channel.id, resourceId: channel.resourceId });
    expect(stop?.status).toBe(204);
    expect(testbed.fake.watchChannels).toEqual([]);
  });

  it('makes a new id and secret for every channel', async () => {
    const first = await adapter.startPush?.(testbed.source(), pushOptions);
    const second = await adapter.startPush?.(testbed.source(), pushOptions);
    expect(second?.id).not.toBe(first?.id);
    expect(second?.secret).not.toBe(first?.secret);
  });

  it('counts a channel Google no longer knows as stopped', async () => {
    const channel = { id: 'old-channel', secret: 's', resourceId: 'r', expiresAt: now };
    await expect(adapter.stopPush?.(testbed.source({ channel }))).resolves.toBeUndefined();
    expect(testbed.fake.requests.at(-1)?.status).toBe(404);
  });

  it('maps a refused watch to a SyncError', async () => {
    await expectSyncError(
      adapter.startPush?.(testbed.source(), {
        ...pushOptions,
        notificationUrl: 'http://hooks.example.test/google',
      }) ?? Promise.resolve(),
      'INVALID_RESPONSE',
    );
  });

  it('rejects a key that cannot be read with INVALID_CONFIG when the adapter is made', () => {
    expect(() =>
      testbed.adapter({
        auth: { oauthClient: testOAuthClient, serviceAccount: { clientEmail: 'x', privateKey: 'nope' } },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
