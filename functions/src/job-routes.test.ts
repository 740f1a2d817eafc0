import {
  createIcsUrlAdapter,
  createSourceSync,
  createSyncScheduler,
  recompileTenantTables,
  type SourceRef,
} from '@wygc/calendar-sync';
import {
  type BotReply,
  type ConversationRef,
  createDutyBot,
  createStoreConversationRegistry,
  createStoreNoticeLog,
} from '@wygc/teams-app';
import type { JWTPayload } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleIdTokenVerifier } from './auth/google-id-token-verifier.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from './auth/test-identity-provider.ts';
import { createJobRoutes } from './job-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';
import { type IcsFeedServer, startIcsFeedServer } from './testing/ics-feed-server.ts';

const jobsSecret = 'a-local-jobs-secret-of-at-least-32-characters';
const audience = 'https://wygc.example.net/jobs';
const scheduler = 'scheduler@wygc-prod.iam.gserviceaccount.com';
const dayMs = 86_400_000;

describe('job endpoints', () => {
  let harness: ApiTestHarness;
  let idp: TestIdentityProvider;
  let feed: IcsFeedServer;
  const queued: SourceRef[] = [];
  /** What the bot posted through its (fake) Bot Framework messenger. */
  const posted: { conversation: ConversationRef; reply: BotReply }[] = [];
  let routesWithoutBot: ReturnType<typeof createJobRoutes>;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    feed = await startIcsFeedServer();
    harness = await createApiTestHarness((api, { store, clock }) => {
      const logger = pino({ level: 'silent' });
      const adapters = { ics: createIcsUrlAdapter({ allowHosts: ['127.0.0.1'] }) };
      const queue = { enqueue: async (job: SourceRef) => void queued.push(job) };
      const deps = {
        store,
        sync: createSourceSync({ store, adapters, logger, clock }),
        scheduler: createSyncScheduler({ store, adapters, queue, logger, push: {}, clock }),
        clock,
        logger,
        auth: {
          jobsSecret,
          oidc: {
            verifier: createGoogleIdTokenVerifier({ jwksUrl: idp.jwksUrl, clock }),
            audience,
            serviceAccount: scheduler,
          },
        },
      };
      // The jobs function's own bot: it shares nothing with the bot function but the store.
      const bot = createDutyBot({
        store,
        clock,
        conversations: createStoreConversationRegistry({ store }),
        notices: createStoreNoticeLog({ store }),
        messenger: { send: async (conversation, reply) => void posted.push({ conversation, reply }) },
        takeOver: async () => {
          throw new Error('the jobs function takes nothing over');
        },
      });
      api.route('/', createJobRoutes({ ...deps, bot }));
      routesWithoutBot = createJobRoutes(deps);
    });
  });

  afterAll(async () => {
    await harness.close();
    await idp.close();
    await feed.close();
  });

  const secret = { 'X-Jobs-Secret': jobsSecret };
  const storeOf = (tenant: TestTenant) => harness.store.forTenant(tenant.tenantId, { actor: 'system:test' });

  const oidcToken = (overrides: JWTPayload = {}, options: { forged?: boolean } = {}) => {
    const now = Math.floor(harness.now / 1000);
    return idp.sign(
      {
        iss: 'https://accounts.google.com',
        aud: audience,
        sub: '104857600000000000001',
        email: scheduler,
        email_verified: true,
        iat: now - 10,
        exp: now + 3600,
        ...overrides,
      },
      options,
    );
  };

  const withCalendar = async () => {
    const tenant = await harness.createTenant();
    const source = await storeOf(tenant).sources.create({
      provider: 'ics',
      externalId: feed.url,
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
    });
    return { tenant, source };
  };

  it('runs nothing without the jobs secret or a valid scheduler token', async () => {
    const { tenant, source } = await withCalendar();
    const fetched = feed.requests.length;
    const attempts: Record<string, string>[] = [
      {},
      { 'X-Jobs-Secret': 'wrong' },
      { 'X-Jobs-Secret': `${jobsSecret}x` },
      { Authorization: 'Basic c2NoZWR1bGVyOnB3' },
      { Authorization: 'Bearer not-a-jwt' },
      { Authorization: `Bearer ${await oidcToken({ aud: 'https://wygc.example.net/other' })}` },
      { Authorization: `Bearer ${await oidcToken({ email: 'intruder@evil.iam.gserviceaccount.com' })}` },
      { Authorization: `Bearer ${await oidcToken({ email_verified: false })}` },
      { Authorization: `Bearer ${await oidcToken({ iss: 'https://accounts.example.com' })}` },
      { Authorization: `Bearer ${await oidcToken({ exp: Math.floor(harness.now / 1000) - 3600 })}` },
      { Authorization: `Bearer ${await oidcToken({}, { forged: true })}` },
    ];
    for (const headers of attempts) {
      for (const path of [
        '/jobs/sync',
        '/jobs/schedule',
        '/jobs/roll-horizon',
        '/jobs/purge',
        '/jobs/notify',
      ]) {
        const response = await harness.request
          .post(path)
          .set(headers)
          .send({ tenantId: tenant.tenantId, sourceId: source.id });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
    expect(feed.requests.length).toBe(fetched);
    expect(queued.filter((job) => job.tenantId === tenant.tenantId)).toEqual([]);
    expect((await storeOf(tenant).sources.get(source.id))?.lastSync).toBeUndefined();
  });

  it('accepts the local secret and the scheduler service account token', async () => {
    const viaSecret = await harness.request.post('/jobs/roll-horizon').set(secret);
    expect(viaSecret.status).toBe(200);
    const token = await oidcToken({ iss: 'accounts.google.com' });
    const viaOidc = await harness.request
      .post('/jobs/roll-horizon')
      .set({ Authorization: `Bearer ${token}` });
    expect(viaOidc.status).toBe(200);
    expect(viaOidc.body).toEqual({ tablesPublished: expect.any(Number), failures: 0 });
  });

  it('syncs the calendar a task names and reports the result', async () => {
    const { tenant, source } = await withCalendar();
    const response = await harness.request
      .post('/jobs/sync')
      .set(secret)
      .send({ tenantId: tenant.tenantId, sourceId: source.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      tenantId: tenant.tenantId,
      sourceId: source.id,
      ok: true,
      upserted: 1,
      deleted: 0,
    });
    expect(await storeOf(tenant).events.list(source.id)).toHaveLength(1);

    // A task for a calendar removed meanwhile is done, not retried.
    await storeOf(tenant).sources.remove(source.id);
    const gone = await harness.request
      .post('/jobs/sync')
      .set(secret)
      .send({ tenantId: tenant.tenantId, sourceId: source.id });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ ok: false, error: 'no such calendar' });
    const unknownTenant = await harness.request
      .post('/jobs/sync')
      .set(secret)
      .send({ tenantId: 'no-such-tenant', sourceId: source.id });
    expect(unknownTenant.status).toBe(200);
    expect(unknownTenant.body.ok).toBe(false);
  });

  it('refuses a malformed sync task', async () => {
    const { tenant, source } = await withCalendar();
    const fetched = feed.requests.length;
    for (const body of [
      {},
      { tenantId: tenant.tenantId },
      { tenantId: tenant.tenantId, sourceId: '' },
      { tenantId: tenant.tenantId, sourceId: source.id, extra: 1 },
    ]) {
      const response = await harness.request.post('/jobs/sync').set(secret).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    const notJson = await harness.request
      .post('/jobs/sync')
      .set(secret)
      .set('Content-Type', 'text/plain')
      .send('sync please');
    expect(notJson.status).toBe(400);
    expect(feed.requests.length).toBe(fetched);
  });

  it('queues the calendars that are due', async () => {
    const { tenant, source } = await withCalendar();
    const response = await harness.request.post('/jobs/schedule').set(secret);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ polled: expect.any(Number), channelsRenewed: 0, failures: 0 });
    expect(response.body.polled).toBeGreaterThanOrEqual(1);
    expect(queued.filter((job) => job.tenantId === tenant.tenantId)).toEqual([
      { tenantId: tenant.tenantId, sourceId: source.id },
    ]);
  });

  it('rolls every table forward', async () => {
    const { tenant, source } = await withCalendar();
    const number = await storeOf(tenant).numbers.create({
      did: '0501234567',
      name: 'Storing',
      sourceIds: [source.id],
    });
    const response = await harness.request.post('/jobs/roll-horizon').set(secret);
    expect(response.status).toBe(200);
    expect(response.body.tablesPublished).toBeGreaterThanOrEqual(1);
    expect((await storeOf(tenant).tables.get(number.id))?.table.horizon.start).toBe(harness.now - dayMs);
  });

  it('purges expired call records of every active tenant and skips terminated ones', async () => {
    const old = await harness.createTenant();
    const call = {
      callId: 'c-1',
      did: '+31501234567',
      caller: '+31612345678',
      tableVersion: 1,
      reason: 'fallback' as const,
      attempts: [],
      outcome: 'answered' as const,
    };
    await storeOf(old).calls.append([
      { ...call, startedAt: harness.now - 120 * dayMs, endedAt: harness.now - 120 * dayMs + 60_000 },
      { ...call, callId: 'c-2', startedAt: harness.now - dayMs, endedAt: harness.now - dayMs + 60_000 },
    ]);
    const ended = await harness.createTenant();
    await storeOf(ended).privacy.terminate();
    const active = (await harness.store.tenants.list()).filter((tenant) => tenant.status === 'active').length;

    const response = await harness.request.post('/jobs/purge').set(secret);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ tenants: active, callRecords: 1, auditEntries: 0, failures: 0 });
    expect((await storeOf(old).calls.list()).items.map((record) => record.callId)).toEqual(['c-2']);
  });

  describe('/jobs/notify', () => {
    const teamId = '19:storingsdienst@thread.tacv2';
    const teamReference = {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: teamId, conversationType: 'channel', tenantId: 'entra-tenant' },
    };

    /** A number whose calendar has nothing in it, and a team the bot function registered earlier. */
    const withUncoveredNumber = async () => {
      const { tenant, source } = await withCalendar();
      await storeOf(tenant).numbers.create({ did: '0507000000', name: 'Storing', sourceIds: [source.id] });
      await recompileTenantTables({ store: harness.store, tenantId: tenant.tenantId, now: harness.now });
      await createStoreConversationRegistry({ store: harness.store }).saveTeam({
        tenantId: tenant.tenantId,
        teamId,
        language: 'en',
        reference: teamReference,
      });
      return tenant;
    };

    it('sends the due notices to the conversations in the store, each once', async () => {
      const tenant = await withUncoveredNumber();
      for (const headers of [
        {},
        { 'X-Jobs-Secret': 'wrong' },
        { Authorization: `Bearer ${await oidcToken({}, { forged: true })}` },
      ]) {
        const refused = await harness.request.post('/jobs/notify').set(headers);
        expect(refused.status).toBe(401);
        expect(refused.body.error.code).toBe('UNAUTHENTICATED');
      }
      expect(posted).toEqual([]);

      const response = await harness.request
        .post('/jobs/notify')
        .set({ Authorization: `Bearer ${await oidcToken()}` });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ sent: 1, failed: 0 });
      expect(posted).toEqual([
        {
          conversation: teamReference,
          reply: { kind: 'text', text: expect.stringMatching(/^⚠ \*\*Storing\*\*: nobody is on duty /) },
        },
      ]);
      const audited = await storeOf(tenant).audit.list({ limit: 100 });
      expect(audited.items.filter((entry) => entry.action === 'bot-notice.send')).toHaveLength(1);

      const again = await harness.request.post('/jobs/notify').set(secret);
      expect(again.body).toEqual({ sent: 0, failed: 0 });
      expect(posted).toHaveLength(1);
    });

    it('says so, as JSON, where no bot is configured', async () => {
      const unauthenticated = await routesWithoutBot.request('/jobs/notify', { method: 'POST' });
      expect(unauthenticated.status).toBe(401);
      const response = await routesWithoutBot.request('/jobs/notify', { method: 'POST', headers: secret });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/^No Teams bot is configured here/) },
      });
    });
  });
});
