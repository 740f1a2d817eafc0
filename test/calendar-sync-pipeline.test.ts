import {
  createCloudTasksJobQueue,
  createInProcessJobQueue,
  createSourceSync,
  createSyncScheduler,
  SyncError,
} from '@wygc/calendar-sync';
import {
  type CalendarChanges,
  type CalendarEvent,
  type CalendarSource,
  type CalendarSourceAdapter,
  resolve,
  type Store,
  type TenantStore,
} from '@wygc/routing-core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore } from './support/memory-store.ts';

const now = Date.parse('2027-03-25T12:00:00Z');
const logger = pino({ level: 'silent' });
const admin = { actor: 'admin:test' };

const shift = (uid: string, subject: string, start: string, end: string): CalendarEvent => ({
  uid,
  subject,
  status: 'confirmed',
  start: { dateTime: start, timeZone: 'Europe/Amsterdam' },
  end: { dateTime: end, timeZone: 'Europe/Amsterdam' },
});

/** A provider in memory: a full listing first, then the changes queued since the last fetch. */
const createFakeProvider = () => {
  const events = new Map<string, CalendarEvent>();
  let pending: { upserts: Map<string, CalendarEvent>; deletes: Set<string> } = {
    upserts: new Map(),
    deletes: new Set(),
  };
  let failures: SyncError[] = [];
  let fetches = 0;
  let gate: Promise<void> = Promise.resolve();
  let channels = 0;
  const adapter: CalendarSourceAdapter = {
    provider: 'google',
    describe: async () => ({ name: 'Fake', timeZone: 'Europe/Amsterdam' }),
    async fetchChanges(source: CalendarSource): Promise<CalendarChanges> {
      fetches++;
      await gate;
      const failure = failures.shift();
      if (failure) throw failure;
      const changes = source.cursor
        ? {
            upserts: [...pending.upserts].map(([externalId, event]) => ({ externalId, event })),
            deletes: [...pending.deletes],
            replaceAll: false,
          }
        : {
            upserts: [...events].map(([externalId, event]) => ({ externalId, event })),
            deletes: [],
            replaceAll: true,
          };
      pending = { upserts: new Map(), deletes: new Set() };
      return { ...changes, cursor: `cursor-${fetches}` };
    },
    async startPush() {
      channels++;
      return {
        id: `channel-${channels}`,
        secret: 'a-secret-of-sixteen-chars',
        expiresAt: now + 7 * 86_400_000,
      };
    },
  };
  return {
    adapter,
    put(id: string, event: CalendarEvent) {
      events.set(id, event);
      pending.upserts.set(id, event);
    },
    remove(id: string) {
      events.delete(id);
      pending.deletes.add(id);
    },
    failWith(...errors: SyncError[]) {
      failures = errors;
    },
    /** Holds fetches until the returned function is called, as a slow provider would. */
    hold(): () => void {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    get fetches() {
      return fetches;
    },
  };
};

describe('calendar sync pipeline', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let tenant: TenantStore;
  let source: CalendarSource;
  let numberId: string;
  let provider: ReturnType<typeof createFakeProvider>;
  let sleeps: number[];

  beforeEach(async () => {
    ({ store, cleanup } = await createTestStore(() => now));
    const created = await store.tenants.create({ name: 'Storingsdienst' }, admin);
    tenant = store.forTenant(created.id, admin);
    await tenant.contacts.create({ key: 'JD', phone: '0612345678' });
    await tenant.contacts.create({ key: 'PK', phone: '0501234567' });
    source = await tenant.sources.create({
      provider: 'google',
      externalId: 'primary',
      name: 'Storing',
      timeZone: 'Europe/Amsterdam',
    });
    numberId = (
      await tenant.numbers.create({
        did: '+31507000000',
        name: 'Storing',
        sourceIds: [source.id],
        fallback: 'PK',
      })
    ).id;
    provider = createFakeProvider();
    sleeps = [];
  });

  afterEach(() => cleanup());

  const sync = () =>
    createSourceSync({
      store,
      adapters: { google: provider.adapter },
      logger,
      clock: () => now,
      backoff: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, maxAttempts: 3 },
    });

  const whoRings = async (at: string) => {
    const published = await tenant.tables.get(numberId);
    if (!published) return undefined;
    return resolve(published.table, Date.parse(at)).attempts.map((a) =>
      a.targets.map((t) => t.key).join('+'),
    );
  };

  it('stores the events, publishes the table and records the result on the source', async () => {
    provider.put('w1', shift('w1', 'Storing JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'));
    const report = await sync()({ tenantId: tenant.tenantId, sourceId: source.id });
    expect(report).toMatchObject({
      ok: true,
      upserted: 1,
      deleted: 0,
      replacedAll: true,
      published: { [numberId]: 1 },
    });
    expect(await whoRings('2027-03-27T12:00:00+01:00')).toEqual(['JD', 'PK']);
    const updated = await tenant.sources.get(source.id);
    expect(updated?.cursor).toBe('cursor-1');
    expect(updated?.lastSync).toMatchObject({ ok: true, upserted: 1, deleted: 0 });
  });

  it('applies incremental changes and deletions', async () => {
    provider.put('w1', shift('w1', 'Storing JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'));
    await sync()({ tenantId: tenant.tenantId, sourceId: source.id });
    provider.remove('w1');
    provider.put('w2', shift('w2', 'PK+JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'));
    const report = await sync()({ tenantId: tenant.tenantId, sourceId: source.id });
    expect(report).toMatchObject({
      ok: true,
      upserted: 1,
      deleted: 1,
      replacedAll: false,
      published: { [numberId]: 2 },
    });
    expect(await whoRings('2027-03-27T12:00:00+01:00')).toEqual(['PK+JD']);
  });

  it('retries throttling with Retry-After, then succeeds', async () => {
    provider.put('w1', shift('w1', 'JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'));
    provider.failWith(
      new SyncError('RATE_LIMITED', 'slow down', { retryAfterMs: 7000 }),
      new SyncError('PROVIDER_UNAVAILABLE', 'down'),
    );
    const report = await sync()({ tenantId: tenant.tenantId, sourceId: source.id });
    expect(report.ok).toBe(true);
    expect(sleeps[0]).toBe(7000);
    expect(sleeps[1]).toBe(500);
  });

  it('keeps the last good table and records the error when the provider keeps failing', async () => {
    provider.put('w1', shift('w1', 'JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'));
    await sync()({ tenantId: tenant.tenantId, sourceId: source.id });
    provider.failWith(
      ...Array.from({ length: 3 }, () => new SyncError('PROVIDER_UNAVAILABLE', 'the provider answered 503')),
    );
    const report = await sync()({ tenantId: tenant.tenantId, sourceId: source.id });
    expect(report).toMatchObject({ ok: false, error: 'the provider answered 503' });
    expect((await tenant.tables.get(numberId))?.version).toBe(1);
    expect(await whoRings('2027-03-27T12:00:00+01:00')).toEqual(['JD', 'PK']);
    expect((await tenant.sources.get(source.id))?.lastSync).toMatchObject({
      ok: false,
      error: 'the provider answered 503',
    });
  });

  it('turns a burst of 100 notifications into at most two syncs', async () => {
    provider.put('w1', shift('w1', 'JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'));
    const queue = createInProcessJobQueue({ sync: sync() });
    // The burst arrives while the first sync is still fetching, as it does when a provider is slow.
    const release = provider.hold();
    for (let i = 0; i < 100; i++) await queue.enqueue({ tenantId: tenant.tenantId, sourceId: source.id });
    release();
    await queue.idle();
    expect(provider.fetches).toBe(2);
    expect(await whoRings('2027-03-27T12:00:00+01:00')).toEqual(['JD', 'PK']);
  });

  it('two sources feeding one number both land when synced at the same time', async () => {
    const second = await tenant.sources.create({
      provider: 'google',
      externalId: 'second',
      name: 'Tweede',
      timeZone: 'Europe/Amsterdam',
    });
    await tenant.numbers.update(numberId, { sourceIds: [source.id, second.id] });
    provider.put('w1', shift('w1', 'JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'));
    const run = sync();
    const reports = await Promise.all([
      run({ tenantId: tenant.tenantId, sourceId: source.id }),
      run({ tenantId: tenant.tenantId, sourceId: second.id }),
    ]);
    expect(reports.every((r) => r.ok)).toBe(true);
    expect((await tenant.tables.get(numberId))?.version).toBe(2);
    expect((await tenant.events.list()).map((e) => e.sourceId).sort()).toEqual([source.id, second.id].sort());
  });

  it('the scheduler creates missing channels, polls calendars that cannot push, and rolls the horizon', async () => {
    const ics = await tenant.sources.create({
      provider: 'ics',
      externalId: 'https://example.invalid/a.ics',
      name: 'ICS',
      timeZone: 'Europe/Amsterdam',
    });
    const enqueued: string[] = [];
    const icsAdapter: CalendarSourceAdapter = { ...provider.adapter, provider: 'ics' };
    const scheduler = createSyncScheduler({
      store,
      adapters: { google: provider.adapter, ics: icsAdapter },
      queue: { enqueue: async (job) => void enqueued.push(job.sourceId) },
      logger,
      push: { google: 'https://wygc.example/webhooks/google' },
      clock: () => now,
    });
    const report = await scheduler.runDue();
    expect(report).toEqual({ polled: 1, channelsRenewed: 1, failures: 0 });
    expect(enqueued.sort()).toEqual([source.id, ics.id].sort());
    expect((await tenant.sources.get(source.id))?.channel?.id).toBe('channel-1');
    const again = await scheduler.runDue();
    expect(again.channelsRenewed).toBe(0);
    const rolled = await scheduler.rollHorizon();
    expect(rolled).toEqual({ tablesPublished: 1, failures: 0 });
  });
});

describe('Cloud Tasks job queue', () => {
  it('names tasks per source and time window, so a burst becomes one task', async () => {
    const names: string[] = [];
    let clock = 10_000;
    const queue = createCloudTasksJobQueue({
      client: {
        async createTask(request) {
          if (names.includes(request.task.name)) throw Object.assign(new Error('exists'), { code: 6 });
          names.push(request.task.name);
          // Runs at the end of its 2-second window, so later notifications in the window join it.
          expect((request.task.scheduleTime.seconds * 1000) % 2000).toBe(0);
          expect(request.task.scheduleTime.seconds * 1000).toBeGreaterThan(clock);
          expect(request.task.httpRequest.oidcToken.audience).toBe('https://jobs.example/jobs/sync');
          expect(JSON.parse(Buffer.from(request.task.httpRequest.body, 'base64').toString())).toEqual({
            tenantId: 't1',
            sourceId: 's1',
          });
          return [{}];
        },
      },
      queuePath: 'projects/p/locations/europe-west4/queues/sync',
      targetUrl: 'https://jobs.example/jobs/sync',
      serviceAccountEmail: 'jobs@p.iam.gserviceaccount.com',
      clock: () => clock,
    });
    for (let i = 0; i < 10; i++) await queue.enqueue({ tenantId: 't1', sourceId: 's1' });
    clock += 5_000;
    await queue.enqueue({ tenantId: 't1', sourceId: 's1' });
    expect(names).toEqual([
      'projects/p/locations/europe-west4/queues/sync/tasks/sync-t1-s1-5',
      'projects/p/locations/europe-west4/queues/sync/tasks/sync-t1-s1-7',
    ]);
    const failing = createCloudTasksJobQueue({
      client: {
        createTask: async () => Promise.reject(Object.assign(new Error('unavailable'), { code: 14 })),
      },
      queuePath: 'q',
      targetUrl: 'https://jobs.example/jobs/sync',
      serviceAccountEmail: 'x@y',
    });
    await expect(failing.enqueue({ tenantId: 't', sourceId: 's' })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
  });
});
