import {
  createGoogleAuth,
  createGoogleCalendarAdapter,
  createGoogleNotificationHandler,
  createInProcessJobQueue,
  createSourceSync,
  type InProcessJobQueue,
  type SourceRef,
} from '@wygc/calendar-sync';
import { type GoogleCalendarFake, startGoogleCalendarFake } from '@wygc/calendar-sync/testing/google';
import {
  type CalendarSource,
  type PublishedTable,
  type PushChannel,
  resolve,
  type Store,
  type TenantStore,
} from '@wygc/routing-core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChannelSource } from './support/find-channel-source.ts';
import { nextPublishedTable } from './support/next-published-table.ts';
import { createSqliteTestStore } from './support/sqlite-test-store.ts';
import { startWebhookServer, type WebhookServer } from './support/start-webhook-server.ts';

type GoogleEventInput = Parameters<GoogleCalendarFake['calendars']['put']>[1];

const now = Date.parse('2027-03-25T12:00:00Z');
const tonight = '2027-03-25T22:00:00+01:00';
const logger = pino({ level: 'silent' });
const admin = { actor: 'admin:test' };
const calendarId = 'storingsdienst@group.calendar.google.com';
const oauthClient = { clientId: 'wygc-app.apps.googleusercontent.com', clientSecret: 'app-secret' };
const refreshToken = '1//refresh-token-of-the-planner';
const webhookPath = '/webhooks/google';

/** Thursday evening to Friday morning, Amsterdam wall-clock time, as a planner enters it. */
const tonightShift = (summary: string): GoogleEventInput => ({
  id: 'tonight',
  summary,
  start: { dateTime: '2027-03-25T17:00:00', timeZone: 'Europe/Amsterdam' },
  end: { dateTime: '2027-03-26T08:00:00', timeZone: 'Europe/Amsterdam' },
});

const whoRings = (table: PublishedTable, at: string): string[] =>
  resolve(table.table, Date.parse(at)).attempts.map((attempt) =>
    attempt.targets.map((target) => target.key).join('+'),
  );

/** Resolves when `release` is called: holds a sync back while a test delivers a burst. */
const createGate = () => {
  let release = () => {};
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { opened, release };
};

describe('Google push, end to end', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let tenant: TenantStore;
  let source: CalendarSource;
  let ref: SourceRef;
  let numberId: string;
  let fake: GoogleCalendarFake;
  let server: WebhookServer;
  let queue: InProcessJobQueue;
  let channel: PushChannel;
  /** Every sync waits for this first; open unless a test closes it. */
  let gate: Promise<void>;

  const listRequests = () =>
    fake.requests.filter((request) => request.path === `/calendar/v3/calendars/${calendarId}/events`);

  const currentVersion = async () => (await tenant.tables.get(numberId))?.version;

  beforeEach(async () => {
    fake = await startGoogleCalendarFake({ clock: () => now });
    fake.auth.addOAuthClient(oauthClient);
    fake.auth.addRefreshToken({ refreshToken, clientId: oauthClient.clientId, user: 'planner@example.com' });
    fake.calendars.create(calendarId, { summary: 'Storingsdienst', timeZone: 'Europe/Amsterdam' });
    fake.calendars.put(calendarId, tonightShift('Storing JD'));

    ({ store, cleanup } = await createSqliteTestStore(() => now));
    tenant = store.forTenant((await store.tenants.create({ name: 'Storingsdienst' }, admin)).id, admin);
    await tenant.contacts.create({ key: 'JD', phone: '0612345678' });
    await tenant.contacts.create({ key: 'PK', phone: '0501234567' });
    source = await tenant.sources.create({
      provider: 'google',
      externalId: calendarId,
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
      credentials: { type: 'oauth', refreshToken },
    });
    ref = { tenantId: tenant.tenantId, sourceId: source.id };
    numberId = (await tenant.numbers.create({ did: '+31507000000', name: 'Storing', sourceIds: [source.id] }))
      .id;

    const adapter = createGoogleCalendarAdapter({
      auth: createGoogleAuth({ oauthClient, tokenUrl: fake.tokenUrl }),
      rootUrl: fake.rootUrl,
    });
    const sync = createSourceSync({ store, adapters: { google: adapter }, logger, clock: () => now });
    gate = Promise.resolve();
    queue = createInProcessJobQueue({ sync: (job) => gate.then(() => sync(job)) });
    const handle = createGoogleNotificationHandler({
      lookupChannel: async (channelId) => {
        const found = await findChannelSource(store, channelId);
        if (!found) return undefined;
        const { resourceId } = found.channel;
        return {
          tenantId: found.tenantId,
          sourceId: found.sourceId,
          secret: found.channel.secret,
          ...(resourceId !== undefined ? { resourceId } : {}),
        };
      },
      onChange: ({ tenantId, sourceId }) => queue.enqueue({ tenantId, sourceId }),
      onError: () => {},
    });
    server = await startWebhookServer({ [webhookPath]: (request) => handle(request.headers) });

    // The source is connected: a first full sync, then a watch channel on our webhook.
    await queue.enqueue(ref);
    await queue.idle();
    if (!adapter.startPush) throw new Error('the Google adapter cannot push');
    channel = await adapter.startPush(source, {
      notificationUrl: `${server.url}${webhookPath}`,
      ttlSeconds: 3600,
    });
    await tenant.sources.update(source.id, { channel });
  });

  afterEach(async () => {
    await queue.idle();
    await server.stop();
    await fake.stop();
    await cleanup();
  });

  it('starts from a full sync and a watch channel addressed to the webhook', async () => {
    const published = await tenant.tables.get(numberId);
    expect(published?.version).toBe(1);
    expect(published && whoRings(published, tonight)).toEqual(['JD']);
    expect(listRequests()).toHaveLength(1);
    expect(fake.watchChannels).toEqual([
      expect.objectContaining({
        id: channel.id,
        calendarId,
        address: `${server.url}${webhookPath}`,
        token: channel.secret,
        resourceId: channel.resourceId,
      }),
    ]);
    expect(await store.lookups.sourceByChannel(channel.id)).toEqual(ref);
  });

  it('a changed event, notified by Google, publishes a new table that rings the new person', async () => {
    fake.calendars.put(calendarId, tonightShift('Storing PK'));
    const next = nextPublishedTable(store, numberId, 1);

    expect(await fake.notify(channel.id, 'exists')).toEqual({ status: 200 });
    const published = await next;

    expect(published.version).toBe(2);
    expect(whoRings(published, tonight)).toEqual(['PK']);
    expect(resolve(published.table, Date.parse(tonight)).version).toBe(2);
    // Incremental: the sync after the notification resumed from the stored sync token.
    const [first, second] = listRequests();
    expect(first?.query.syncToken).toBeUndefined();
    expect(second?.query.syncToken).toEqual(expect.any(String));
    expect(second?.query.syncToken).toBe(
      (first?.responseBody as { nextSyncToken?: string } | undefined)?.nextSyncToken,
    );
    await queue.idle();
    expect(await tenant.sources.get(source.id)).toMatchObject({
      lastSync: { ok: true, upserted: 1, deleted: 0 },
      channel: { id: channel.id },
    });
  });

  it('a deleted event stops routing after the notification', async () => {
    fake.calendars.remove(calendarId, 'tonight');
    const next = nextPublishedTable(store, numberId, 1);

    expect(await fake.notify(channel.id, 'exists')).toEqual({ status: 200 });
    const published = await next;

    expect(whoRings(published, tonight)).toEqual([]);
    expect(resolve(published.table, Date.parse(tonight)).reason).toBe('none');
    expect(await tenant.events.list(source.id)).toEqual([]);
  });

  it('acknowledges the sync message of a new channel without syncing', async () => {
    fake.calendars.put(calendarId, tonightShift('Storing PK'));

    expect(await fake.notify(channel.id, 'sync')).toEqual({ status: 200 });
    await queue.idle();

    expect(listRequests()).toHaveLength(1);
    expect(await currentVersion()).toBe(1);
  });

  it('forged notifications are refused with 400/401/404 and sync nothing', async () => {
    fake.calendars.put(calendarId, tonightShift('Storing PK'));
    const watched = fake.watchChannels.find((candidate) => candidate.id === channel.id);
    if (!watched) throw new Error('the fake holds no channel');
    const genuine: Record<string, string> = {
      'X-Goog-Channel-ID': watched.id,
      'X-Goog-Channel-Token': channel.secret,
      'X-Goog-Channel-Expiration': new Date(watched.expiration).toUTCString(),
      'X-Goog-Resource-ID': watched.resourceId,
      'X-Goog-Resource-URI': watched.resourceUri,
      'X-Goog-Resource-State': 'exists',
      'X-Goog-Message-Number': '7',
    };
    const without = (name: string) =>
      Object.fromEntries(Object.entries(genuine).filter(([header]) => header !== name));
    const forgeries: { what: string; headers: Record<string, string>; status: number }[] = [
      { what: 'wrong token', headers: { ...genuine, 'X-Goog-Channel-Token': 'guessed' }, status: 401 },
      { what: 'no token', headers: without('X-Goog-Channel-Token'), status: 401 },
      {
        what: 'unknown channel',
        headers: { ...genuine, 'X-Goog-Channel-ID': 'a-channel-nobody-created' },
        status: 404,
      },
      {
        what: 'another resource',
        headers: { ...genuine, 'X-Goog-Resource-ID': 'some-other-calendar' },
        status: 404,
      },
      { what: 'no resource state', headers: without('X-Goog-Resource-State'), status: 400 },
      { what: 'no channel id', headers: without('X-Goog-Channel-ID'), status: 400 },
      { what: 'no headers at all', headers: {}, status: 400 },
    ];

    const answered: { what: string; status: number }[] = [];
    for (const { what, headers } of forgeries) {
      const response = await fetch(`${server.url}${webhookPath}`, { method: 'POST', headers });
      await response.body?.cancel();
      answered.push({ what, status: response.status });
    }
    await queue.idle();

    expect(answered).toEqual(forgeries.map(({ what, status }) => ({ what, status })));
    expect(listRequests()).toHaveLength(1);
    expect(await currentVersion()).toBe(1);
    const unchanged = await tenant.tables.get(numberId);
    expect(unchanged && whoRings(unchanged, tonight)).toEqual(['JD']);

    // The same change does land once Google itself notifies it.
    const next = nextPublishedTable(store, numberId, 1);
    expect(await fake.notify(channel.id, 'exists')).toEqual({ status: 200 });
    expect(whoRings(await next, tonight)).toEqual(['PK']);
  });

  it('a burst of 100 notifications during a sync causes at most two syncs', async () => {
    fake.calendars.put(calendarId, tonightShift('Storing PK'));
    // The burst arrives while a sync runs: the first sync is held until every notification is answered,
    // so the outcome does not depend on how fast this machine syncs.
    const held = createGate();
    gate = held.opened;
    const before = listRequests().length;

    const answers = await Promise.all(Array.from({ length: 100 }, () => fake.notify(channel.id, 'exists')));
    held.release();
    await queue.idle();

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const syncs = listRequests().length - before;
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThanOrEqual(2);
    const published = await tenant.tables.get(numberId);
    expect(published && whoRings(published, tonight)).toEqual(['PK']);
  });
});
