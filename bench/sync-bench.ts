import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGoogleAuth,
  createGoogleCalendarAdapter,
  createGoogleNotificationHandler,
  createInProcessJobQueue,
  createSourceSync,
} from '@wygc/calendar-sync';
import { type GoogleCalendarFake, startGoogleCalendarFake } from '@wygc/calendar-sync/testing/google';
import { type PublishedTable, resolve } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createSqliteDriver, createStore } from '@wygc/store';
import { pino } from 'pino';
import type { BenchReport } from './bench-report.ts';
import { summarizeSamples } from './sample-summary.ts';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';

type GoogleEventInput = Parameters<GoogleCalendarFake['calendars']['put']>[1];

const now = Date.parse('2027-03-25T12:00:00Z');
const changes = 100;
const warmupChanges = 5;
const burstSize = 100;
const contactCount = 20;
const shiftDays = 36;
const overrideCount = 20;
const latencyTarget = { comparison: '<', value: 1_000 } as const;
const admin = { actor: 'system:bench' };
const calendarId = 'storingsdienst@group.calendar.google.com';
const oauthClient = { clientId: 'wygc-bench.apps.googleusercontent.com', clientSecret: 'bench-secret' };
const refreshToken = '1//refresh-token-of-the-bench';
const webhookPath = '/webhooks/google';
/** The event every change edits; it starts last of all events covering the probe, so it rings first. */
const changedId = 'tonight';
const probe = Date.parse('2027-03-25T21:45:00+01:00');

/** Nearest-rank percentile; sample-summary has median and p99, the target here is on p95. */
const percentile = (samples: Float64Array, fraction: number): number => {
  const sorted = Float64Array.from(samples).sort();
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN
  );
};

const keysOf = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i) + String.fromCharCode(90 - i));

const pad = (value: number) => String(value).padStart(2, '0');

const wall = (day: number, hour: number): { dateTime: string; timeZone: string } => {
  const date = new Date(Date.UTC(2027, 2, 24 + day, hour));
  const text = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:00:00`;
  return { dateTime: text, timeZone: 'Europe/Amsterdam' };
};

/** Five shifts a day over the default horizon, plus one-hour overrides: about 200 events. */
const roster = (random: SeededRandom, keys: readonly string[]): GoogleEventInput[] => {
  const bounds = [0, 8, 12, 17, 20, 24];
  const subject = () => {
    const a = random.pick(keys);
    const b = random.pick(keys.filter((key) => key !== a));
    const style = random.next();
    return style < 0.6 ? `Storing ${a}` : style < 0.8 ? `${a}+${b}` : `${a}, ${b}`;
  };
  const events: GoogleEventInput[] = [];
  for (let day = 0; day < shiftDays; day++) {
    for (let shift = 0; shift + 1 < bounds.length; shift++) {
      events.push({
        id: `shift-${day}-${shift}`,
        summary: subject(),
        start: wall(day, bounds[shift] ?? 0),
        end: wall(day, bounds[shift + 1] ?? 24),
      });
    }
  }
  for (let i = 0; i < overrideCount; i++) {
    const day = random.below(shiftDays);
    const hour = random.below(23);
    events.push({
      id: `override-${i}`,
      summary: random.pick(keys),
      start: wall(day, hour),
      end: wall(day, hour + 1),
    });
  }
  return events;
};

const tonightShift = (key: string): GoogleEventInput => ({
  id: changedId,
  summary: `Storing ${key}`,
  start: { dateTime: '2027-03-25T21:30:00', timeZone: 'Europe/Amsterdam' },
  end: { dateTime: '2027-03-26T08:00:00', timeZone: 'Europe/Amsterdam' },
});

const listRequests = (fake: GoogleCalendarFake) =>
  fake.requests.filter((request) => request.path === `/calendar/v3/calendars/${calendarId}/events`);

const firstKey = (table: PublishedTable): string | undefined =>
  resolve(table.table, probe).attempts[0]?.targets[0]?.key;

/**
 * Google push to published routing table, through everything the product runs: the Google fake
 * notifies a loopback webhook (createGoogleNotificationHandler with the channel looked up in the
 * store), the in-process queue runs the sync (events.list with the sync token over HTTP, recompile,
 * encrypted commit to SQLite), and the store's table feed announces the new version. Timed from the
 * moment the webhook receives the request to the moment the watcher hears the new table.
 */
export const runSyncBench = async (report: BenchReport): Promise<void> => {
  const random = createSeededRandom(2027);
  const keys = keysOf(contactCount);
  const dir = await mkdtemp(join(tmpdir(), 'wygc-sync-bench-'));
  const store = createStore({
    driver: createSqliteDriver({ path: join(dir, 'wygc.sqlite') }),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(7),
    clock: () => now,
  });
  const fake = await startGoogleCalendarFake({ clock: () => now });
  let stopServer = async () => {};
  try {
    fake.auth.addOAuthClient(oauthClient);
    fake.auth.addRefreshToken({ refreshToken, clientId: oauthClient.clientId, user: 'planner@example.com' });
    fake.calendars.create(calendarId, { summary: 'Storingsdienst', timeZone: 'Europe/Amsterdam' });
    const events = [...roster(random, keys), tonightShift(keys[0] ?? 'AZ')];
    for (const event of events) fake.calendars.put(calendarId, event);

    const tenant = store.forTenant((await store.tenants.create({ name: 'Bench' }, admin)).id, admin);
    for (const [index, key] of keys.entries())
      await tenant.contacts.create({ key, phone: `0612${String(345_000 + index)}` });
    const source = await tenant.sources.create({
      provider: 'google',
      externalId: calendarId,
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
      credentials: { type: 'oauth', refreshToken },
    });
    const number = await tenant.numbers.create({
      did: '+31507000000',
      name: 'Bench',
      sourceIds: [source.id],
    });

    const adapter = createGoogleCalendarAdapter({
      auth: createGoogleAuth({ oauthClient, tokenUrl: fake.tokenUrl }),
      rootUrl: fake.rootUrl,
    });
    const sync = createSourceSync({
      store,
      adapters: { google: adapter },
      logger: pino({ level: 'silent' }),
      clock: () => now,
    });
    const queue = createInProcessJobQueue({ sync });
    const handle = createGoogleNotificationHandler({
      lookupChannel: async (channelId) => {
        const ref = await store.lookups.sourceByChannel(channelId);
        const found =
          ref && (await store.forTenant(ref.tenantId, { actor: 'system:webhook' }).sources.get(ref.sourceId));
        const channel = found?.channel;
        if (!ref || channel?.id !== channelId) return undefined;
        return {
          ...ref,
          secret: channel.secret,
          ...(channel.resourceId !== undefined ? { resourceId: channel.resourceId } : {}),
        };
      },
      onChange: ({ tenantId, sourceId }) => queue.enqueue({ tenantId, sourceId }),
    });

    let receivedAt = 0;
    const answerTimes: number[] = [];
    const server = createServer((request, response) => {
      const received = performance.now();
      receivedAt = received;
      request.resume();
      handle(request.headers).then(
        ({ status }) => {
          response.writeHead(status).end();
          answerTimes.push(performance.now() - received);
        },
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    stopServer = async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    };
    const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${webhookPath}`;

    const fullSyncStart = performance.now();
    await queue.enqueue({ tenantId: tenant.tenantId, sourceId: source.id });
    await queue.idle();
    const fullSync = performance.now() - fullSyncStart;
    if (!adapter.startPush) throw new Error('the Google adapter cannot push');
    const channel = await adapter.startPush(source, { notificationUrl: webhookUrl, ttlSeconds: 86_400 });
    await tenant.sources.update(source.id, { channel });

    let waiting: ((table: PublishedTable, at: number) => void) | undefined;
    const stopWatch = store.routingTables.watch((change) => {
      if (change.type === 'published' && change.numberId === number.id) waiting?.(change, performance.now());
    });

    const cycle = async (index: number): Promise<{ latency: number; table: PublishedTable }> => {
      const key = keys[index % keys.length] ?? 'AZ';
      fake.calendars.put(calendarId, tonightShift(key));
      const published = new Promise<{ table: PublishedTable; at: number }>((done) => {
        waiting = (table, at) => done({ table, at });
      });
      const { status } = await fake.notify(channel.id, 'exists');
      if (status !== 200) throw new Error(`the webhook answered ${status}`);
      const { table, at } = await published;
      if (firstKey(table) !== key)
        throw new Error(`change ${index}: the new table rings ${firstKey(table)}, not ${key}`);
      return { latency: at - receivedAt, table };
    };

    for (let i = 0; i < warmupChanges; i++) await cycle(i + 1);
    answerTimes.length = 0;
    const latencies = new Float64Array(changes);
    let last: PublishedTable | undefined;
    const loopStart = performance.now();
    for (let i = 0; i < changes; i++) {
      const { latency, table } = await cycle(i + 1 + warmupChanges);
      latencies[i] = latency;
      last = table;
    }
    const loopSeconds = (performance.now() - loopStart) / 1000;
    stopWatch();
    await queue.idle();

    // A burst as Google sends it after a bulk edit: 100 notifications at once, answered as they come.
    fake.calendars.put(calendarId, tonightShift(keys[1] ?? 'BY'));
    const listsBefore = listRequests(fake).length;
    const burstStart = performance.now();
    const burst = await Promise.all(
      Array.from({ length: burstSize }, () => fake.notify(channel.id, 'exists')),
    );
    const burstAnswered = performance.now() - burstStart;
    await queue.idle();
    if (burst.some(({ status }) => status !== 200)) throw new Error('the webhook refused part of the burst');
    const burstSyncs = listRequests(fake).length - listsBefore;

    const summary = summarizeSamples(latencies);
    const detail = `${changes} sequential changes; ${events.length} events, ${contactCount} contacts, ${last?.table.slices.length ?? 0} slices; SQLite`;
    report.figure({
      name: 'Google push to table published: median',
      value: summary.median,
      unit: 'ms',
      detail,
    });
    report.figure({
      name: 'Google push to table published: p95',
      value: percentile(latencies, 0.95),
      unit: 'ms',
      target: latencyTarget,
    });
    report.figure({ name: 'Google push to table published: max', value: summary.max, unit: 'ms' });
    report.figure({
      name: 'sequential push-to-publish syncs',
      value: Math.round((changes / loopSeconds) * 10) / 10,
      unit: '/s',
      detail: 'one change, one notification, one sync and one publish at a time',
    });
    report.figure({
      name: 'webhook answer (channel lookup): median',
      value: summarizeSamples(Float64Array.from(answerTimes)).median,
      unit: 'ms',
      detail: 'from request received to 200 sent',
    });
    report.figure({
      name: `syncs for a burst of ${burstSize} notifications`,
      value: burstSyncs,
      unit: '',
      detail: `all answered in ${Math.round(burstAnswered)} ms; the queue coalesces what arrives while a sync runs`,
    });
    report.figure({
      name: 'first full sync of the calendar',
      value: fullSync,
      unit: 'ms',
      detail: `${events.length} events, token fetch included`,
    });
  } finally {
    await stopServer();
    await fake.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
};
