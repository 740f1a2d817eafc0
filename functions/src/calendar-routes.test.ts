import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import {
  createCalDavAdapter,
  createGoogleAuth,
  createGoogleCalendarAdapter,
  createGraphCalendarAdapter,
  createGraphTokenProvider,
  createIcsUrlAdapter,
  createSourceSync,
  type SourceRef,
} from '@wygc/calendar-sync';
import { type GoogleCalendarFake, startGoogleCalendarFake } from '@wygc/calendar-sync/testing/google';
import { type GraphFake, startGraphFake } from '@wygc/calendar-sync/testing/graph';
import type { CalendarProvider, CalendarSourceAdapter } from '@wygc/routing-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarRoutes } from './calendar-routes.ts';
import { createOAuthStateTokens } from './oauth-state-tokens.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';
import { type IcsFeedServer, startIcsFeedServer } from './testing/ics-feed-server.ts';

const publicUrl = 'https://wygc.example.net';
const googleClient = { clientId: 'wygc-app.apps.googleusercontent.com', clientSecret: 'app-secret' };
const teamCalendar = 'team@group.calendar.google.com';
const workspaceUser = 'planner@contoso.example';
const graphCalendar = 'users/4f1c0d2e-0b7a-4d4e-9f57-2a8f6c0f7b11/calendar';
const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('calendars API', () => {
  let harness: ApiTestHarness;
  let feed: IcsFeedServer;
  let google: GoogleCalendarFake;
  let graph: GraphFake;
  let adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  const queued: SourceRef[] = [];
  const queuedFor = (tenantId: string) => queued.filter((job) => job.tenantId === tenantId);

  beforeAll(async () => {
    feed = await startIcsFeedServer({ authorization: basic('planner', 's3cret') });
    google = await startGoogleCalendarFake();
    const serviceAccount = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const clientEmail = 'wygc-sync@wygc-prod.iam.gserviceaccount.com';
    google.auth.addOAuthClient(googleClient);
    google.auth.addRefreshToken({
      refreshToken: '1//planner-consent',
      clientId: googleClient.clientId,
      user: workspaceUser,
    });
    google.auth.addServiceAccount({
      clientEmail,
      publicKey: serviceAccount.publicKey,
      delegatedSubjects: [workspaceUser],
    });
    google.calendars.create(teamCalendar, { summary: 'Storingsdienst Google', timeZone: 'Europe/Amsterdam' });
    graph = await startGraphFake();
    graph.calendars.create(graphCalendar, { name: 'Storingsdienst 365' });
    adapters = {
      ics: createIcsUrlAdapter({ allowHosts: ['127.0.0.1'] }),
      caldav: createCalDavAdapter({ allowHosts: ['127.0.0.1'] }),
      google: createGoogleCalendarAdapter({
        auth: createGoogleAuth({
          oauthClient: googleClient,
          serviceAccount: {
            clientEmail,
            privateKey: serviceAccount.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          },
          tokenUrl: google.tokenUrl,
        }),
        rootUrl: google.rootUrl,
      }),
      microsoft: createGraphCalendarAdapter({
        tokens: createGraphTokenProvider({
          clientId: graph.clientId,
          clientSecret: graph.clientSecret,
          authorityHost: graph.authorityHost,
          fetch: graph.fetch,
        }),
        baseUrl: graph.baseUrl,
        fetch: graph.fetch,
      }),
    };
    harness = await createApiTestHarness((api, { store, clock }) => {
      const logger = pino({ level: 'silent' });
      api.route(
        '/api/v1',
        createCalendarRoutes({
          store,
          adapters,
          queue: { enqueue: async (job) => void queued.push(job) },
          sync: createSourceSync({ store, adapters, logger, clock, backoff: { maxAttempts: 1 } }),
          oauthState: createOAuthStateTokens({ key: randomBytes(32), clock }),
          config: {
            publicUrl,
            google: { ...googleClient, serviceAccountKeyFile: '/etc/wygc/google-service-account.json' },
            microsoft: { clientId: graph.clientId, clientSecret: graph.clientSecret },
          },
          clock,
        }),
      );
    });
  });

  afterAll(async () => {
    await harness.close();
    await feed.close();
    await google.stop();
    await graph.stop();
  });

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });
  const storeOf = (tenant: TestTenant) => harness.store.forTenant(tenant.tenantId, { actor: 'system:test' });

  const connectIcs = async (tenant: TestTenant) => {
    const response = await harness.request
      .post('/api/v1/calendars')
      .set(as(tenant, 'admin'))
      .send({ provider: 'ics', url: feed.url, credentials: { username: 'planner', password: 's3cret' } });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  it('connects an ICS feed, shows it without its secrets and queues one first sync', async () => {
    const a = await harness.createTenant();
    const url = new URL(feed.url);
    url.username = 'planner';
    url.password = 's3cret';
    url.search = '?token=feed-secret';
    const created = await harness.request
      .post('/api/v1/calendars')
      .set(as(a, 'admin'))
      .send({ provider: 'ics', url: url.toString() });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      provider: 'ics',
      name: 'Storingsdienst',
      externalId: feed.url,
      timeZone: 'Europe/Amsterdam',
      channel: null,
      lastSync: null,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/s3cret|feed-secret|planner/);
    expect(queuedFor(a.tenantId)).toEqual([{ tenantId: a.tenantId, sourceId: created.body.id }]);
    expect(feed.requests.at(-1)?.headers.authorization).toBe(basic('planner', 's3cret'));

    const stored = await storeOf(a).sources.get(created.body.id);
    expect(stored?.credentials).toEqual({ username: 'planner', password: 's3cret' });
    expect(stored?.externalId).toBe(`${feed.url}?token=feed-secret`);

    const list = await harness.request.get('/api/v1/calendars').set(as(a, 'member'));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([created.body]);
    const one = await harness.request.get(`/api/v1/calendars/${created.body.id}`).set(as(a, 'member'));
    expect(one.body).toEqual(created.body);
  });

  it('refuses a calendar it cannot read, with the reason, and keeps nothing', async () => {
    const a = await harness.createTenant();
    const refused = await harness.request
      .post('/api/v1/calendars')
      .set(as(a, 'admin'))
      .send({ provider: 'ics', url: feed.url });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({
      code: 'BAD_REQUEST',
      message: 'The calendar could not be connected: ICS calendar: access was refused (401)',
    });
    feed.failWith(503);
    try {
      const down = await harness.request
        .post('/api/v1/calendars')
        .set(as(a, 'admin'))
        .send({ provider: 'ics', url: feed.url, credentials: { username: 'planner', password: 's3cret' } });
      expect(down.status).toBe(503);
      expect(down.body.error.message).toBe(
        'The calendar could not be reached: ICS calendar: the provider answered 503',
      );
    } finally {
      feed.failWith(undefined);
    }
    const caldav = await harness.request
      .post('/api/v1/calendars')
      .set(as(a, 'admin'))
      .send({ provider: 'caldav', url: feed.url, username: 'planner', password: 'wrong' });
    expect(caldav.status).toBe(400);
    expect(await storeOf(a).sources.list()).toEqual([]);
    expect(queuedFor(a.tenantId)).toEqual([]);
    const audit = await storeOf(a).audit.list();
    expect(
      audit.items.filter((entry) => entry.action === 'calendar-source.connect').map((entry) => entry.outcome),
    ).toEqual(['failure', 'failure', 'failure']);
  });

  it('validates the request before anything is stored or fetched', async () => {
    const a = await harness.createTenant();
    const fetchedBefore = feed.requests.length;
    for (const body of [
      { provider: 'ics', url: 'ftp://calendar.example.net/duty.ics' },
      { provider: 'ics', url: 'not a url' },
      { provider: 'ics', url: feed.url, credentials: { token: 'x' } },
      { provider: 'caldav', url: feed.url, username: 'planner' },
      { provider: 'exchange', url: feed.url },
      { provider: 'microsoft', entraTenantId: 'contoso', calendarPath: graphCalendar },
      { provider: 'microsoft', entraTenantId: graph.tenantId, calendarPath: 'users/../admin/calendar' },
      { provider: 'google', calendarId: teamCalendar, subject: 'not-an-email' },
      { provider: 'ics', url: feed.url, admin: true },
    ]) {
      const response = await harness.request.post('/api/v1/calendars').set(as(a, 'admin')).send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    const both = new URL(feed.url);
    both.username = 'planner';
    const twice = await harness.request
      .post('/api/v1/calendars')
      .set(as(a, 'admin'))
      .send({ provider: 'ics', url: both.toString(), credentials: { bearer: 'token' } });
    expect(twice.status).toBe(400);
    expect(feed.requests.length).toBe(fetchedBefore);
    expect(await storeOf(a).sources.list()).toEqual([]);
  });

  it('syncs now and answers with the report, also when the provider fails', async () => {
    const a = await harness.createTenant();
    const id = await connectIcs(a);
    const synced = await harness.request.post(`/api/v1/calendars/${id}/sync`).set(as(a, 'admin'));
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({
      tenantId: a.tenantId,
      sourceId: id,
      ok: true,
      upserted: 1,
      deleted: 0,
      replacedAll: true,
    });
    expect((await storeOf(a).events.list(id)).map((event) => event.externalId)).toHaveLength(1);
    const shown = await harness.request.get(`/api/v1/calendars/${id}`).set(as(a, 'member'));
    expect(shown.body.lastSync).toEqual({
      at: new Date(harness.now).toISOString(),
      ok: true,
      upserted: 1,
      deleted: 0,
    });

    feed.failWith(500);
    try {
      const failed = await harness.request.post(`/api/v1/calendars/${id}/sync`).set(as(a, 'admin'));
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({ ok: false, error: 'ICS calendar: the provider answered 500' });
    } finally {
      feed.failWith(undefined);
    }
    const after = await harness.request.get(`/api/v1/calendars/${id}`).set(as(a, 'member'));
    expect(after.body.lastSync).toMatchObject({
      ok: false,
      error: 'ICS calendar: the provider answered 500',
    });
    expect(await storeOf(a).events.list(id)).toHaveLength(1);
  });

  it('renames a calendar', async () => {
    const a = await harness.createTenant();
    const id = await connectIcs(a);
    const renamed = await harness.request
      .patch(`/api/v1/calendars/${id}`)
      .set(as(a, 'admin'))
      .send({ name: 'Nachtdienst' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Nachtdienst');
    const bad = await harness.request.patch(`/api/v1/calendars/${id}`).set(as(a, 'admin')).send({ name: '' });
    expect(bad.status).toBe(400);
    const extra = await harness.request
      .patch(`/api/v1/calendars/${id}`)
      .set(as(a, 'admin'))
      .send({ externalId: 'https://evil.example' });
    expect(extra.status).toBe(400);
    expect((await storeOf(a).sources.get(id))?.externalId).toBe(feed.url);
  });

  it('removes a calendar: its events go, numbers forget it and their tables are recompiled', async () => {
    const a = await harness.createTenant();
    const id = await connectIcs(a);
    const keep = await connectIcs(a);
    await harness.request.post(`/api/v1/calendars/${id}/sync`).set(as(a, 'admin'));
    const tenant = storeOf(a);
    await tenant.contacts.create({ key: 'JD', phone: '0612345678' });
    const number = await tenant.numbers.create({ did: '0501234567', name: 'Storing', sourceIds: [id, keep] });
    const deleted = await harness.request.delete(`/api/v1/calendars/${id}`).set(as(a, 'admin'));
    expect(deleted.status).toBe(204);
    expect((await harness.request.get(`/api/v1/calendars/${id}`).set(as(a, 'admin'))).status).toBe(404);
    expect(await tenant.events.list(id)).toEqual([]);
    expect((await tenant.numbers.get(number.id))?.sourceIds).toEqual([keep]);
    expect((await tenant.tables.get(number.id))?.version).toBe(1);
    expect((await tenant.sources.list()).map((source) => source.id)).toEqual([keep]);
  });

  it('stops the push channel of a removed calendar and never shows its id or secret', async () => {
    const a = await harness.createTenant();
    const tenant = storeOf(a);
    const source = await tenant.sources.create({
      provider: 'google',
      externalId: teamCalendar,
      name: 'Storingsdienst Google',
      timeZone: 'Europe/Amsterdam',
      credentials: { type: 'oauth', refreshToken: '1//planner-consent' },
    });
    const channel = await adapters.google?.startPush?.(source, {
      notificationUrl: 'http://127.0.0.1:9/webhooks/google',
      ttlSeconds: 3600,
    });
    if (!channel) throw new Error('no channel');
    await tenant.sources.update(source.id, { channel });
    const shown = await harness.request.get(`/api/v1/calendars/${source.id}`).set(as(a, 'member'));
    expect(shown.body.channel).toEqual({ expiresAt: new Date(channel.expiresAt).toISOString() });
    expect(JSON.stringify(shown.body)).not.toContain(channel.secret);
    expect(JSON.stringify(shown.body)).not.toContain(channel.id);
    expect(JSON.stringify(shown.body)).not.toContain('1//planner-consent');
    expect(google.watchChannels.map((c) => c.id)).toContain(channel.id);
    expect((await harness.request.delete(`/api/v1/calendars/${source.id}`).set(as(a, 'admin'))).status).toBe(
      204,
    );
    expect(google.watchChannels.map((c) => c.id)).not.toContain(channel.id);
  });

  it('connects a Google Workspace calendar by domain-wide delegation, only in a domain linked to the organisation', async () => {
    const a = await harness.createTenant();
    const b = await harness.createTenant();
    const connect = (tenant: typeof a, subject: string) =>
      harness.request
        .post('/api/v1/calendars')
        .set(as(tenant, 'admin'))
        .send({ provider: 'google', calendarId: teamCalendar, subject });
    const googleRequests = google.requests.length;
    const unlinked = await connect(a, workspaceUser);
    expect(unlinked.status).toBe(403);
    expect(unlinked.body.error.message).toContain('contoso.example is not linked to your organisation');
    expect(google.requests.length).toBe(googleRequests);

    await storeOf(a).updateTenant({
      settings: { googleWorkspaceDomains: ['Contoso.Example', 'elsewhere.example'] },
    });
    const created = await connect(a, workspaceUser);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      provider: 'google',
      name: 'Storingsdienst Google',
      externalId: teamCalendar,
    });
    expect((await storeOf(a).sources.get(created.body.id))?.credentials).toEqual({
      type: 'delegation',
      subject: workspaceUser,
    });
    // Linked here, but Google refuses: the domain never delegated to our service account.
    const notDelegated = await connect(a, 'someone@elsewhere.example');
    expect(notDelegated.status).toBe(400);
    expect(notDelegated.body.error.message).toMatch(/^The calendar could not be connected: /);
    expect(await storeOf(a).sources.list()).toHaveLength(1);

    // Another organisation cannot act as a user of a domain linked to the first.
    const before = google.requests.length;
    expect((await connect(b, workspaceUser)).status).toBe(403);
    expect(google.requests.length).toBe(before);
    expect(await storeOf(b).sources.list()).toEqual([]);
  });

  it('connects a Microsoft 365 calendar only for an Entra tenant the organisation is linked to', async () => {
    const a = await harness.createTenant();
    const body = { provider: 'microsoft', entraTenantId: graph.tenantId, calendarPath: graphCalendar };
    const unlinked = await harness.request.post('/api/v1/calendars').set(as(a, 'admin')).send(body);
    expect(unlinked.status).toBe(403);
    expect(graph.tokenRequests.filter((request) => request.tenantId === graph.tenantId)).toEqual([]);
    await storeOf(a).admins.update(a.adminIds.owner, {
      identities: { entra: { tid: graph.tenantId, oid: randomUUID() } },
    });

    const created = await harness.request.post('/api/v1/calendars').set(as(a, 'admin')).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      provider: 'microsoft',
      name: 'Storingsdienst 365',
      externalId: graphCalendar,
    });
    expect((await storeOf(a).sources.get(created.body.id))?.credentials).toEqual({
      tenantId: graph.tenantId,
    });
    expect(queuedFor(a.tenantId)).toEqual([{ tenantId: a.tenantId, sourceId: created.body.id }]);

    const missing = await harness.request
      .post('/api/v1/calendars')
      .set(as(a, 'admin'))
      .send({ ...body, calendarPath: 'users/4f1c0d2e-0b7a-4d4e-9f57-2a8f6c0f7b11/calendars/nope' });
    expect(missing.status).toBe(400);
    expect(await storeOf(a).sources.list()).toHaveLength(1);
  });

  it('starts the Google consent flow with a signed, short-lived state', async () => {
    const a = await harness.createTenant();
    const started = await harness.request
      .post('/api/v1/calendars/google/connect')
      .set(as(a, 'admin'))
      .send({ calendarId: teamCalendar });
    expect(started.status).toBe(200);
    const url = new URL(started.body.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: googleClient.clientId,
      redirect_uri: `${publicUrl}/oauth/google/callback`,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/calendar.readonly',
      access_type: 'offline',
      prompt: 'consent',
      state: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    const withoutBody = await harness.request.post('/api/v1/calendars/google/connect').set(as(a, 'admin'));
    expect(withoutBody.status).toBe(200);
    expect(
      (await harness.request.post('/api/v1/calendars/google/connect').set(as(a, 'member')).send({})).status,
    ).toBe(403);
  });

  it('starts the Microsoft admin consent', async () => {
    const a = await harness.createTenant();
    const started = await harness.request.post('/api/v1/calendars/microsoft/connect').set(as(a, 'owner'));
    expect(started.status).toBe(200);
    const url = new URL(started.body.adminConsentUrl);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://login.microsoftonline.com/organizations/v2.0/adminconsent',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: graph.clientId,
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: `${publicUrl}/oauth/microsoft/callback`,
      state: expect.any(String),
    });
  });

  it('lets members read but not change, and nobody without a session', async () => {
    const a = await harness.createTenant();
    const id = await connectIcs(a);
    expect((await harness.request.get('/api/v1/calendars').set(as(a, 'member'))).status).toBe(200);
    const attempts = [
      harness.request.post('/api/v1/calendars').set(as(a, 'member')).send({ provider: 'ics', url: feed.url }),
      harness.request.post(`/api/v1/calendars/${id}/sync`).set(as(a, 'member')),
      harness.request.patch(`/api/v1/calendars/${id}`).set(as(a, 'member')).send({ name: 'X' }),
      harness.request.delete(`/api/v1/calendars/${id}`).set(as(a, 'member')),
      harness.request.post('/api/v1/calendars/microsoft/connect').set(as(a, 'member')),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    expect((await harness.request.get('/api/v1/calendars')).status).toBe(401);
    expect((await harness.request.get(`/api/v1/calendars/${id}`)).status).toBe(401);
    expect((await storeOf(a).sources.get(id))?.name).toBe('Storingsdienst');
  });

  it("never shows, syncs or changes another organisation's calendar, whatever id is sent", async () => {
    const a = await harness.createTenant();
    const b = await harness.createTenant();
    const id = await connectIcs(a);
    const syncedBefore = feed.requests.length;
    const responses = [
      await harness.request.get(`/api/v1/calendars/${id}`).set(as(b, 'owner')),
      await harness.request.post(`/api/v1/calendars/${id}/sync`).set(as(b, 'owner')),
      await harness.request.patch(`/api/v1/calendars/${id}`).set(as(b, 'owner')).send({ name: 'Taken' }),
      await harness.request.delete(`/api/v1/calendars/${id}`).set(as(b, 'owner')),
    ];
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toMatch(/Storingsdienst|127\.0\.0\.1/);
    }
    expect((await harness.request.get('/api/v1/calendars').set(as(b, 'owner'))).body.items).toEqual([]);
    expect(feed.requests.length).toBe(syncedBefore);
    expect((await storeOf(a).sources.get(id))?.name).toBe('Storingsdienst');
  });
});
