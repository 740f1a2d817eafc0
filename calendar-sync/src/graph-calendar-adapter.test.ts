import { type CalendarChanges, type CalendarSource, expandEvents, type Period } from '@wygc/routing-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphCalendarAdapter, type GraphCalendarAdapterConfig } from './graph-calendar-adapter.ts';
import { parseGraphDeltaCursor } from './graph-delta-cursor.ts';
import { createGraphLifecycleHandler } from './graph-lifecycle-handler.ts';
import type { GraphSubscriptionRecord } from './graph-notification-batch.ts';
import { createGraphNotificationHandler, type GraphSourceRef } from './graph-notification-handler.ts';
import { createGraphTokenProvider } from './graph-token-provider.ts';
import { isSyncError, type SyncError } from './sync-error.ts';
import { type GraphFake, startGraphFake } from './testing/graph-fake.ts';
import type { GraphFakeEventInput } from './testing/graph-fake-calendars.ts';
import { type GraphWebhookServer, startGraphWebhookServer } from './testing/graph-webhook-server.ts';

const day = 86_400_000;
const calendarPath = 'users/roster-user/calendars/AAMkADstoringsdienst=';
const horizon: Period = {
  start: Date.parse('2027-03-22T00:00:00Z'),
  end: Date.parse('2027-04-26T00:00:00Z'),
};

let fake: GraphFake;

beforeEach(async () => {
  fake = await startGraphFake();
  fake.calendars.create(calendarPath, { name: 'Storingsdienst' });
});

afterEach(async () => {
  await fake.stop();
});

const adapter = (config: Partial<GraphCalendarAdapterConfig> = {}) =>
  createGraphCalendarAdapter({
    tokens: createGraphTokenProvider({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      authorityHost: fake.authorityHost,
      fetch: fake.fetch,
    }),
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    ...config,
  });

const source = (overrides: Partial<CalendarSource> = {}): CalendarSource => ({
  id: 'source-1',
  tenantId: 'customer-1',
  provider: 'microsoft',
  externalId: calendarPath,
  name: 'Storingsdienst',
  timeZone: 'Europe/Amsterdam',
  zones: {},
  credentials: { tenantId: fake.tenantId },
  createdAt: 0,
  ...overrides,
});

const timed = (
  id: string,
  subject: string,
  start: string,
  end: string,
  timeZone = 'W. Europe Standard Time',
) =>
  ({
    id,
    subject,
    start: { dateTime: start, timeZone },
    end: { dateTime: end, timeZone },
  }) satisfies GraphFakeEventInput;

const put = (...events: GraphFakeEventInput[]) => {
  for (const event of events) fake.calendars.put(calendarPath, event);
};

const subjects = (changes: CalendarChanges) => changes.upserts.map((u) => u.event.subject).sort();

const deltaRequests = () => fake.requests.filter((r) => r.url.includes('/calendarView/delta'));

const failure = async (run: Promise<unknown>): Promise<SyncError> => {
  try {
    await run;
  } catch (error) {
    if (isSyncError(error)) return error;
    throw error;
  }
  throw new Error('expected a SyncError');
};

const fiveShifts = () =>
  put(
    timed('e1=', 'JD', '2027-03-22T08:00:00', '2027-03-22T17:00:00'),
    timed('e2=', 'PK', '2027-03-23T08:00:00', '2027-03-23T17:00:00'),
    timed('e3=', 'EB', '2027-03-24T08:00:00', '2027-03-24T17:00:00'),
    timed('e4=', 'FB', '2027-03-25T08:00:00', '2027-03-25T17:00:00'),
    timed('e5=', 'JD+PK', '2027-03-26T17:00:00', '2027-03-29T08:00:00'),
    timed('old=', 'Long gone', '2027-01-04T08:00:00', '2027-01-04T17:00:00'),
  );

describe('graph calendar adapter: fetchChanges', () => {
  it('lists the horizon in pages on the first sync and keeps the deltaLink with its window as cursor', async () => {
    fiveShifts();
    const changes = await adapter({ maxPageSize: 2 }).fetchChanges(source(), { horizon });

    expect(changes.replaceAll).toBe(true);
    expect(subjects(changes)).toEqual(['EB', 'FB', 'JD', 'JD+PK', 'PK']);
    expect(changes.deletes).toEqual([]);
    const requests = deltaRequests();
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.headers.prefer === 'odata.maxpagesize=2')).toBe(true);
    expect(requests.every((r) => r.headers.authorization?.startsWith('Bearer '))).toBe(true);
    const first = new URL(requests[0]?.url ?? '', fake.baseUrl).searchParams;
    expect(first.get('startDateTime')).toBe('2027-03-22T00:00:00.000Z');
    expect(first.get('endDateTime')).toBe('2027-04-27T00:00:00.000Z');
    expect(requests[1]?.url).toContain('$skiptoken=');
    const cursor = parseGraphDeltaCursor(changes.cursor);
    expect(cursor?.deltaLink).toContain(`${fake.baseUrl}/${calendarPath}/calendarView/delta?$deltatoken=`);
    expect(cursor?.window).toEqual({ start: horizon.start, end: horizon.end + day });
  });

  it('returns only what changed since the cursor: created, updated, deleted, cancelled and moved out', async () => {
    fiveShifts();
    const graph = adapter();
    const first = await graph.fetchChanges(source(), { horizon });
    put(
      timed('e6=', 'New shift', '2027-04-02T17:00:00', '2027-04-05T08:00:00'),
      timed('e2=', 'PK renamed', '2027-03-23T08:00:00', '2027-03-23T18:00:00'),
      { ...timed('e3=', 'EB', '2027-03-24T08:00:00', '2027-03-24T17:00:00'), isCancelled: true },
      timed('e4=', 'FB', '2028-01-03T08:00:00', '2028-01-03T17:00:00'),
    );
    fake.calendars.remove(calendarPath, 'e1=');
    const requestsBefore = fake.requests.length;

    const changes = await graph.fetchChanges(source({ cursor: first.cursor }), { horizon });

    expect(changes.replaceAll).toBe(false);
    expect(changes.upserts.map((u) => [u.externalId, u.event.subject])).toEqual([
      ['e6=', 'New shift'],
      ['e2=', 'PK renamed'],
    ]);
    expect([...changes.deletes].sort()).toEqual(['e1=', 'e3=', 'e4=']);
    const incremental = fake.requests
      .slice(requestsBefore)
      .filter((r) => r.url.includes('/calendarView/delta'));
    expect(incremental).toHaveLength(1);
    expect(incremental[0]?.url).toContain('$deltatoken=');
    expect(incremental[0]?.url).not.toContain('startDateTime');
    expect(parseGraphDeltaCursor(changes.cursor)?.deltaLink).not.toBe(
      parseGraphDeltaCursor(first.cursor)?.deltaLink,
    );
  });

  it('starts a full listing with replaceAll when Graph no longer knows the delta token (410 Gone)', async () => {
    fiveShifts();
    const graph = adapter();
    const first = await graph.fetchChanges(source(), { horizon });
    fake.calendars.remove(calendarPath, 'e5=');
    fake.expireDeltaTokens();

    const changes = await graph.fetchChanges(source({ cursor: first.cursor }), { horizon });

    expect(changes.replaceAll).toBe(true);
    expect(subjects(changes)).toEqual(['EB', 'FB', 'JD', 'PK']);
    const requests = deltaRequests().slice(-2);
    expect(requests[0]?.url).toContain('$deltatoken=');
    expect(requests[1]?.url).toContain('startDateTime=');
  });

  it('also resyncs on a resyncRequired error code', async () => {
    fiveShifts();
    const graph = adapter();
    const first = await graph.fetchChanges(source(), { horizon });
    fake.failNext({ status: 400, body: { error: { code: 'resyncRequired', message: 'Resync required.' } } });

    const changes = await graph.fetchChanges(source({ cursor: first.cursor }), { horizon });

    expect(changes.replaceAll).toBe(true);
    expect(changes.upserts).toHaveLength(5);
  });

  it('re-baselines when the horizon has moved by more than a day, and not before', async () => {
    fiveShifts();
    const graph = adapter();
    const first = await graph.fetchChanges(source(), { horizon });
    const later = (ms: number): Period => ({ start: horizon.start + ms, end: horizon.end + ms });

    const sameWindow = await graph.fetchChanges(source({ cursor: first.cursor }), {
      horizon: later(20 * 3_600_000),
    });
    expect(sameWindow.replaceAll).toBe(false);
    expect(sameWindow.upserts).toEqual([]);

    const moved = await graph.fetchChanges(source({ cursor: sameWindow.cursor }), {
      horizon: later(2 * day),
    });
    expect(moved.replaceAll).toBe(true);
    expect(subjects(moved)).toEqual(['EB', 'FB', 'JD+PK']);
    const rebaseline = new URL(deltaRequests().at(-1)?.url ?? '', fake.baseUrl).searchParams;
    expect(rebaseline.get('startDateTime')).toBe('2027-03-24T00:00:00.000Z');
    expect(parseGraphDeltaCursor(moved.cursor)?.window.start).toBe(horizon.start + 2 * day);
  });

  it('maps an all-day event and a Windows-zone shift so they expand right across 28 March 2027', async () => {
    put(
      {
        id: 'allday=',
        subject: 'JD',
        isAllDay: true,
        start: { dateTime: '2027-03-28T00:00:00.0000000', timeZone: 'W. Europe Standard Time' },
        end: { dateTime: '2027-03-29T00:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      },
      timed('weekend=', 'PK', '2027-03-26T17:00:00', '2027-03-29T08:00:00'),
    );
    const changes = await adapter().fetchChanges(source(), { horizon });

    const byId = new Map(changes.upserts.map((u) => [u.externalId, u.event]));
    expect(byId.get('allday=')?.start).toEqual({ date: '2027-03-28' });
    expect(byId.get('allday=')?.end).toEqual({ date: '2027-03-29' });
    // No Prefer: outlook.timezone, so Graph writes the shift in UTC.
    expect(byId.get('weekend=')?.start).toEqual({ dateTime: '2027-03-26T16:00:00', timeZone: 'UTC' });
    const instances = expandEvents(
      changes.upserts.map((u) => u.event),
      { horizon, timeZone: 'Europe/Amsterdam' },
    );
    const spans = instances.map((i) => [
      i.uid,
      new Date(i.start).toISOString(),
      (i.end - i.start) / 3_600_000,
    ]);
    expect(spans).toEqual([
      ['weekend=', '2027-03-26T16:00:00.000Z', 62],
      ['allday=', '2027-03-27T23:00:00.000Z', 23],
    ]);
  });

  it('reports throttling with the Retry-After delay and an outage as retryable', async () => {
    fake.failNext({ status: 429, retryAfter: 7 });
    const throttled = await failure(adapter().fetchChanges(source(), { horizon }));
    expect(throttled.code).toBe('RATE_LIMITED');
    expect(throttled.retryAfterMs).toBe(7000);

    fake.failNext({ status: 503, retryAfter: 30 });
    const unavailable = await failure(adapter().fetchChanges(source(), { horizon }));
    expect(unavailable.code).toBe('PROVIDER_UNAVAILABLE');
    expect(unavailable.retryAfterMs).toBe(30_000);
    expect(unavailable.retryable).toBe(true);
  });

  it('reports a refused token as AUTH_FAILED and an unknown calendar as NOT_FOUND', async () => {
    const graph = adapter();
    await graph.fetchChanges(source(), { horizon });
    fake.revokeTokens();
    const refused = await failure(graph.fetchChanges(source(), { horizon }));
    expect(refused.code).toBe('AUTH_FAILED');
    expect(refused.status).toBe(401);

    const missing = await failure(
      adapter().fetchChanges(source({ externalId: 'users/roster-user/calendars/nope=' }), { horizon }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('never follows a link outside the Graph API root with the bearer token', async () => {
    fake.failNext({
      status: 200,
      body: { value: [], '@odata.nextLink': 'https://graph.example.org/v1.0/steal' },
    });
    const error = await failure(adapter().fetchChanges(source(), { horizon }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(deltaRequests()).toHaveLength(1);
  });

  it('refuses a source whose credentials or calendar path are not usable, before any request', async () => {
    const noTenant = await failure(adapter().fetchChanges(source({ credentials: {} }), { horizon }));
    expect(noTenant.code).toBe('INVALID_CONFIG');
    const badPath = await failure(
      adapter().fetchChanges(source({ externalId: 'users/../subscriptions' }), { horizon }),
    );
    expect(badPath.code).toBe('INVALID_CONFIG');
    expect(fake.requests).toEqual([]);
  });
});

describe('graph calendar adapter: describe', () => {
  it('reads the calendar name and falls back to Europe/Amsterdam without mailbox settings access', async () => {
    expect(await adapter().describe(source())).toEqual({
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('uses the mailbox time zone, written as a Windows name, when it can be read', async () => {
    fake.setMailboxTimeZone('roster-user', 'Pacific Standard Time');
    expect(await adapter().describe(source())).toEqual({
      name: 'Storingsdienst',
      timeZone: 'America/Los_Angeles',
    });
  });
});

describe('graph calendar adapter: subscriptions', () => {
  let webhooks: GraphWebhookServer;
  const known = new Map<string, GraphSubscriptionRecord>();
  const changed: GraphSourceRef[] = [];
  const removed: string[] = [];

  beforeEach(async () => {
    known.clear();
    changed.length = 0;
    removed.length = 0;
    const lookupSubscription = async (id: string) => known.get(id);
    webhooks = await startGraphWebhookServer({
      notifications: createGraphNotificationHandler({
        lookupSubscription,
        onChange: (ref) => void changed.push(ref),
      }),
      lifecycle: createGraphLifecycleHandler({
        lookupSubscription,
        onReauthorize: () => undefined,
        onRemoved: (target) => void removed.push(target.subscriptionId),
        onMissed: () => undefined,
      }),
      silent: async () => ({ status: 200, contentType: 'text/plain', body: '' }),
    });
  });

  afterEach(async () => {
    await webhooks.stop();
  });

  const pushOptions = (ttlSeconds = 3 * 86_400) => ({
    notificationUrl: `${webhooks.url}/notifications`,
    lifecycleUrl: `${webhooks.url}/lifecycle`,
    ttlSeconds,
  });

  it('creates a subscription on the calendar’s events once Graph has validated both endpoints', async () => {
    const clock = Date.now();
    const channel = await adapter({ now: () => clock }).startPush(source(), pushOptions());

    const subscription = fake.subscriptions.get(channel.id);
    expect(subscription).toMatchObject({
      resource: `${calendarPath}/events`,
      changeType: 'created,updated,deleted',
      notificationUrl: `${webhooks.url}/notifications`,
      lifecycleNotificationUrl: `${webhooks.url}/lifecycle`,
      clientState: channel.secret,
    });
    expect(channel.secret).toMatch(/^[\w-]{43}$/);
    // Three days asked for: capped at 4230 minutes less the 15-minute margin.
    expect(channel.expiresAt).toBe(clock + (4230 - 15) * 60_000);
  });

  it('delivers a change notification to onChange, and ignores one with the wrong clientState', async () => {
    const channel = await adapter().startPush(source(), pushOptions());
    known.set(channel.id, { tenantId: 'customer-1', sourceId: 'source-1', clientState: channel.secret });

    const delivered = await fake.sendNotification(channel.id, { changeType: 'created', eventId: 'e1=' });
    expect(delivered.status).toBe(202);
    // The handler calls onChange before it answers, without waiting for it.
    expect(changed).toEqual([{ tenantId: 'customer-1', sourceId: 'source-1' }]);

    const forged = await fake.sendNotification(channel.id, { clientState: 'guessed' });
    expect(forged.status).toBe(403);
    expect(changed).toHaveLength(1);
  });

  it('routes a subscriptionRemoved lifecycle event to onRemoved', async () => {
    const channel = await adapter().startPush(source(), pushOptions());
    known.set(channel.id, { tenantId: 'customer-1', sourceId: 'source-1', clientState: channel.secret });
    expect((await fake.sendLifecycle(channel.id, 'subscriptionRemoved')).status).toBe(202);
    expect(removed).toEqual([channel.id]);
    expect(fake.subscriptions.has(channel.id)).toBe(false);
  });

  it('is refused when the notification endpoint does not echo the validation token', async () => {
    const error = await failure(
      adapter().startPush(source(), { ...pushOptions(), notificationUrl: `${webhooks.url}/silent` }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('ValidationError');
    expect(fake.subscriptions.size).toBe(0);
  });

  it('renews a subscription with PATCH and deletes it with DELETE', async () => {
    let clock = Date.now();
    const graph = adapter({ now: () => clock });
    const channel = await graph.startPush(source(), pushOptions(3600));
    expect(channel.expiresAt).toBe(clock + 3600_000);

    clock += 1800_000;
    const renewed = await graph.renewPush(source({ channel }), 7200);
    expect(renewed).toEqual({ ...channel, expiresAt: clock + 7200_000 });
    expect(fake.subscriptions.get(channel.id)?.expirationDateTime).toBe(clock + 7200_000);
    expect(fake.requests.at(-1)?.method).toBe('PATCH');

    await graph.stopPush(source({ channel: renewed }));
    expect(fake.subscriptions.size).toBe(0);
    // Deleting a subscription Graph already dropped is not an error.
    await graph.stopPush(source({ channel: renewed }));
    expect((await failure(graph.renewPush(source({ channel: renewed }), 3600))).code).toBe('NOT_FOUND');
  });
});
