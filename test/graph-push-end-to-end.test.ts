import {
  createGraphCalendarAdapter,
  createGraphLifecycleHandler,
  createGraphNotificationHandler,
  createGraphTokenProvider,
  createInProcessJobQueue,
  createSourceSync,
  type GraphCalendarAdapter,
  type GraphSubscriptionLookup,
  type InProcessJobQueue,
  type SourceRef,
} from '@wygc/calendar-sync';
import { type GraphFake, startGraphFake } from '@wygc/calendar-sync/testing/graph';
import {
  type CalendarSource,
  type PublishedTable,
  type PushChannel,
  type PushOptions,
  resolve,
  type Store,
  type TenantStore,
} from '@wygc/routing-core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChannelSource } from './support/find-channel-source.ts';
import { createTestStore } from './support/memory-store.ts';
import { nextPublishedTable } from './support/next-published-table.ts';
import { startWebhookServer, type WebhookServer } from './support/start-webhook-server.ts';

type GraphEventInput = Parameters<GraphFake['calendars']['put']>[1];

const now = Date.parse('2027-03-25T12:00:00Z');
const tonight = '2027-03-25T22:00:00+01:00';
const logger = pino({ level: 'silent' });
const admin = { actor: 'admin:test' };
const calendarPath = 'users/roster-user/calendars/AAMkADstoringsdienst=';
const notificationPath = '/webhooks/microsoft';
const lifecyclePath = '/webhooks/microsoft/lifecycle';

/** Thursday evening to Friday morning, as Outlook writes an Amsterdam event. */
const tonightShift = (subject: string): GraphEventInput => ({
  id: 'AAMkADtonight=',
  subject,
  start: { dateTime: '2027-03-25T17:00:00', timeZone: 'W. Europe Standard Time' },
  end: { dateTime: '2027-03-26T08:00:00', timeZone: 'W. Europe Standard Time' },
});

const whoRings = (table: PublishedTable | undefined, at: string): string[] | undefined =>
  table &&
  resolve(table.table, Date.parse(at)).attempts.map((attempt) =>
    attempt.targets.map((target) => target.key).join('+'),
  );

describe('Microsoft Graph push, end to end', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let tenant: TenantStore;
  let source: CalendarSource;
  let ref: SourceRef;
  let numberId: string;
  let fake: GraphFake;
  let adapter: GraphCalendarAdapter;
  let server: WebhookServer;
  let queue: InProcessJobQueue;
  let channel: PushChannel;
  let pushOptions: PushOptions;

  const deltaRequests = () => fake.requests.filter((request) => request.url.includes('/calendarView/delta'));

  const currentTable = () => tenant.tables.get(numberId);

  const storedSource = async (): Promise<CalendarSource> => {
    const stored = await tenant.sources.get(source.id);
    if (!stored) throw new Error('the source is gone');
    return stored;
  };

  beforeEach(async () => {
    fake = await startGraphFake({ now: () => now });
    fake.calendars.create(calendarPath, { name: 'Storingsdienst' });
    fake.calendars.put(calendarPath, tonightShift('Storing JD'));

    ({ store, cleanup } = await createTestStore(() => now));
    tenant = store.forTenant((await store.tenants.create({ name: 'Storingsdienst' }, admin)).id, admin);
    await tenant.contacts.create({ key: 'JD', phone: '0612345678' });
    await tenant.contacts.create({ key: 'PK', phone: '0501234567' });
    source = await tenant.sources.create({
      provider: 'microsoft',
      externalId: calendarPath,
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
      credentials: { tenantId: fake.tenantId },
    });
    ref = { tenantId: tenant.tenantId, sourceId: source.id };
    numberId = (await tenant.numbers.create({ did: '+31507000000', name: 'Storing', sourceIds: [source.id] }))
      .id;

    adapter = createGraphCalendarAdapter({
      tokens: createGraphTokenProvider({
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        authorityHost: fake.authorityHost,
        fetch: fake.fetch,
      }),
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      now: () => now,
    });
    const sync = createSourceSync({ store, adapters: { microsoft: adapter }, logger, clock: () => now });
    queue = createInProcessJobQueue({ sync });

    const lookupSubscription: GraphSubscriptionLookup = async (subscriptionId) => {
      const found = await findChannelSource(store, subscriptionId);
      return (
        found && { tenantId: found.tenantId, sourceId: found.sourceId, clientState: found.channel.secret }
      );
    };
    const resync = ({ tenantId, sourceId }: SourceRef) => queue.enqueue({ tenantId, sourceId });
    server = await startWebhookServer({
      [notificationPath]: createGraphNotificationHandler({ lookupSubscription, onChange: resync }),
      [lifecyclePath]: createGraphLifecycleHandler({
        lookupSubscription,
        onReauthorize: async () => {
          await tenant.sources.update(source.id, {
            channel: await adapter.renewPush(await storedSource(), 3600),
          });
        },
        onRemoved: async (target) => {
          const renewed = await adapter.startPush(await storedSource(), pushOptions);
          await tenant.sources.update(source.id, { channel: renewed });
          await resync(target);
        },
        onMissed: resync,
      }),
    });
    pushOptions = {
      notificationUrl: `${server.url}${notificationPath}`,
      lifecycleUrl: `${server.url}${lifecyclePath}`,
      ttlSeconds: 3600,
    };

    // The source is connected: a first full sync, then a subscription on our webhooks.
    await queue.enqueue(ref);
    await queue.idle();
    channel = await adapter.startPush(source, pushOptions);
    await tenant.sources.update(source.id, { channel });
  });

  afterEach(async () => {
    await queue.idle();
    await server.stop();
    await fake.stop();
    await cleanup();
  });

  it('creates the subscription only after both webhooks answered Graph’s validation request', async () => {
    expect(server.received.map(({ path, query, body, status }) => ({ path, query, body, status }))).toEqual([
      { path: notificationPath, query: { validationToken: expect.any(String) }, body: '', status: 200 },
      { path: lifecyclePath, query: { validationToken: expect.any(String) }, body: '', status: 200 },
    ]);
    expect(fake.subscriptions.get(channel.id)).toMatchObject({
      resource: `${calendarPath}/events`,
      notificationUrl: pushOptions.notificationUrl,
      lifecycleNotificationUrl: pushOptions.lifecycleUrl,
      clientState: channel.secret,
    });
    expect(await store.lookups.sourceByChannel(channel.id)).toEqual(ref);
    const published = await currentTable();
    expect(published?.version).toBe(1);
    expect(whoRings(published, tonight)).toEqual(['JD']);
  });

  it('a changed event, notified by Graph, publishes a new table that rings the new person', async () => {
    fake.calendars.put(calendarPath, tonightShift('Storing PK'));
    const next = nextPublishedTable(store, numberId, 1);

    const delivery = await fake.sendNotification(channel.id, { eventId: 'AAMkADtonight=' });
    expect(delivery.status).toBe(202);
    const published = await next;

    expect(published.version).toBe(2);
    expect(whoRings(published, tonight)).toEqual(['PK']);
    // Incremental: the sync after the notification followed the stored deltaLink.
    expect(deltaRequests().map((request) => request.url.includes('$deltatoken='))).toEqual([false, true]);
  });

  it('notifications that fail the clientState check, or name no known subscription, sync nothing', async () => {
    fake.calendars.put(calendarPath, tonightShift('Storing PK'));
    const post = async (body: string) => {
      const response = await fetch(pushOptions.notificationUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.body?.cancel();
      return response.status;
    };

    const forged = await fake.sendNotification(channel.id, { clientState: 'guessed-client-state' });
    const unknown = await post(
      JSON.stringify({ value: [{ subscriptionId: 'no-such-subscription', clientState: channel.secret }] }),
    );
    const malformed = await post('{"value": "not a list"}');
    const lifecycle = await fake.sendLifecycle(channel.id, 'missed', { clientState: 'guessed-client-state' });
    await queue.idle();

    expect([forged.status, unknown, malformed, lifecycle.status]).toEqual([403, 403, 400, 403]);
    expect(deltaRequests()).toHaveLength(1);
    const unchanged = await currentTable();
    expect(unchanged?.version).toBe(1);
    expect(whoRings(unchanged, tonight)).toEqual(['JD']);
  });

  it('a missed lifecycle event resyncs the changes whose notifications were lost', async () => {
    // The change happens, but Graph never delivers its notification.
    fake.calendars.put(calendarPath, tonightShift('Storing PK'));
    const next = nextPublishedTable(store, numberId, 1);

    const delivery = await fake.sendLifecycle(channel.id, 'missed');
    expect(delivery.status).toBe(202);
    const published = await next;

    expect(whoRings(published, tonight)).toEqual(['PK']);
    expect(deltaRequests()).toHaveLength(2);
  });

  it('a removed subscription is recreated, and the calendar resynced', async () => {
    fake.calendars.put(calendarPath, tonightShift('Storing PK'));
    const next = nextPublishedTable(store, numberId, 1);

    expect((await fake.sendLifecycle(channel.id, 'subscriptionRemoved')).status).toBe(202);
    const published = await next;

    expect(whoRings(published, tonight)).toEqual(['PK']);
    const renewed = (await storedSource()).channel;
    expect(renewed?.id).not.toBe(channel.id);
    expect(fake.subscriptions.has(channel.id)).toBe(false);
    expect(renewed && fake.subscriptions.get(renewed.id)?.clientState).toBe(renewed?.secret);
    expect(renewed && (await store.lookups.sourceByChannel(renewed.id))).toEqual(ref);
    expect(await store.lookups.sourceByChannel(channel.id)).toBeUndefined();
  });
});
