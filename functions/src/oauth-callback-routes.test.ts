import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGoogleAuth, createGoogleCalendarAdapter, type SourceRef } from '@wygc/calendar-sync';
import { type GoogleCalendarFake, startGoogleCalendarFake } from '@wygc/calendar-sync/testing/google';
import type { CalendarProvider, CalendarSourceAdapter } from '@wygc/routing-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarRoutes } from './calendar-routes.ts';
import { createOAuthCallbackRoutes } from './oauth-callback-routes.ts';
import { createOAuthStateTokens } from './oauth-state-tokens.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

const publicUrl = 'https://wygc.example.net';
const googleClient = { clientId: 'wygc-app.apps.googleusercontent.com', clientSecret: 'app-secret' };
const teamCalendar = 'team@group.calendar.google.com';
const calendarScope = 'https://www.googleapis.com/auth/calendar.readonly';

interface IssuedCode {
  readonly refreshToken: string;
  readonly scope: string;
}

/**
 * Google's token endpoint for grant_type=authorization_code, as documented: a form POST with code,
 * redirect_uri, client_id and client_secret; each code works once. The Google fake only does the
 * refresh-token and JWT grants, so the code exchange is served here.
 */
const startTokenEndpoint = async () => {
  const codes = new Map<string, IssuedCode>();
  const requests: Record<string, string>[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push(form);
      const send = (status: number, json: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (form.client_id !== googleClient.clientId || form.client_secret !== googleClient.clientSecret) {
        return send(401, { error: 'invalid_client', error_description: 'Unauthorized' });
      }
      if (form.grant_type !== 'authorization_code') return send(400, { error: 'unsupported_grant_type' });
      const issued = form.code === undefined ? undefined : codes.get(form.code);
      if (!issued || form.redirect_uri !== `${publicUrl}/oauth/google/callback`) {
        return send(400, { error: 'invalid_grant', error_description: 'Bad Request' });
      }
      codes.delete(form.code as string);
      send(200, {
        access_token: `ya29.${randomBytes(12).toString('base64url')}`,
        expires_in: 3599,
        refresh_token: issued.refreshToken,
        scope: issued.scope,
        token_type: 'Bearer',
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    requests,
    /** A code Google would hand the browser after consent. */
    issue: (issued: IssuedCode): string => {
      const code = `4/0A${randomBytes(12).toString('base64url')}`;
      codes.set(code, issued);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('OAuth connect callbacks', () => {
  let harness: ApiTestHarness;
  let google: GoogleCalendarFake;
  let tokens: Awaited<ReturnType<typeof startTokenEndpoint>>;
  const queued: SourceRef[] = [];

  beforeAll(async () => {
    google = await startGoogleCalendarFake();
    google.auth.addOAuthClient(googleClient);
    google.calendars.create(teamCalendar, { summary: 'Storingsdienst Google', timeZone: 'Europe/Amsterdam' });
    tokens = await startTokenEndpoint();
    const adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>> = {
      google: createGoogleCalendarAdapter({
        auth: createGoogleAuth({ oauthClient: googleClient, tokenUrl: google.tokenUrl }),
        rootUrl: google.rootUrl,
      }),
      microsoft: {
        provider: 'microsoft',
        describe: async () => ({ name: 'x', timeZone: 'UTC' }),
        fetchChanges: async () => ({ upserts: [], deletes: [], replaceAll: true }),
      },
    };
    harness = await createApiTestHarness((api, { store, clock }) => {
      const oauthState = createOAuthStateTokens({ key: randomBytes(32), clock });
      const queue = { enqueue: async (job: SourceRef) => void queued.push(job) };
      const config = {
        publicUrl,
        google: { ...googleClient, serviceAccountKeyFile: undefined },
        microsoft: { clientId: randomUUID(), clientSecret: 'ms-secret' },
      };
      const sync = async () => {
        throw new Error('not used');
      };
      api.route('/api/v1', createCalendarRoutes({ store, adapters, queue, sync, oauthState, config, clock }));
      api.route(
        '/',
        createOAuthCallbackRoutes({
          store,
          adapters,
          queue,
          oauthState,
          config,
          googleTokenUrl: tokens.url,
          logger: pino({ level: 'silent' }),
          trustProxy: false,
        }),
      );
    });
  });

  afterAll(async () => {
    await harness.close();
    await google.stop();
    await tokens.close();
  });

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });
  const storeOf = (tenant: TestTenant) => harness.store.forTenant(tenant.tenantId, { actor: 'system:test' });

  /** The app route the browser is sent back to, and its parameters. */
  const outcome = (response: { status: number; headers: Record<string, string> }) => {
    expect(response.status).toBe(302);
    const location = response.headers.location ?? '';
    const prefix = `${publicUrl}/#/calendars?`;
    expect(location.startsWith(prefix)).toBe(true);
    return Object.fromEntries(new URLSearchParams(location.slice(prefix.length)));
  };

  const googleState = async (
    tenant: TestTenant,
    role: 'owner' | 'admin' = 'admin',
    calendarId = teamCalendar,
  ) => {
    const started = await harness.request
      .post('/api/v1/calendars/google/connect')
      .set(as(tenant, role))
      .send({ calendarId });
    expect(started.status).toBe(200);
    return new URL(started.body.authorizationUrl).searchParams.get('state') as string;
  };

  const microsoftState = async (tenant: TestTenant) => {
    const started = await harness.request
      .post('/api/v1/calendars/microsoft/connect')
      .set(as(tenant, 'admin'));
    return new URL(started.body.adminConsentUrl).searchParams.get('state') as string;
  };

  const googleCallback = (query: Record<string, string>) =>
    harness.request.get(`/oauth/google/callback?${new URLSearchParams(query).toString()}`);

  it('connects the consented Google calendar, keeps the refresh token encrypted and queues its sync', async () => {
    const a = await harness.createTenant();
    const state = await googleState(a);
    const code = tokens.issue({ refreshToken: '1//0g-planner-offline', scope: `openid ${calendarScope}` });
    google.auth.addRefreshToken({
      refreshToken: '1//0g-planner-offline',
      clientId: googleClient.clientId,
      user: 'planner@contoso.example',
    });

    const response = await googleCallback({ code, state, scope: calendarScope });
    const { connected } = outcome(response);
    expect(connected).toEqual(expect.any(String));
    expect(response.headers.location).not.toContain('1//0g');
    expect(tokens.requests.at(-1)).toEqual({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${publicUrl}/oauth/google/callback`,
      client_id: googleClient.clientId,
      client_secret: googleClient.clientSecret,
    });
    const source = await storeOf(a).sources.get(connected as string);
    expect(source).toMatchObject({
      provider: 'google',
      externalId: teamCalendar,
      name: 'Storingsdienst Google',
      timeZone: 'Europe/Amsterdam',
      credentials: { type: 'oauth', refreshToken: '1//0g-planner-offline' },
    });
    expect(queued.filter((job) => job.tenantId === a.tenantId)).toEqual([
      { tenantId: a.tenantId, sourceId: connected },
    ]);
    const audit = (await storeOf(a).audit.list()).items.find(
      (entry) => entry.action === 'calendar-source.connect',
    );
    expect(audit).toMatchObject({
      actor: `admin:${a.adminIds.admin}`,
      outcome: 'success',
      target: { id: connected },
    });

    // A state works once: a replayed callback URL connects nothing.
    const replay = await googleCallback({
      code: tokens.issue({ refreshToken: '1//other', scope: calendarScope }),
      state,
    });
    expect(outcome(replay)).toEqual({ error: 'invalid_state' });
    expect(await storeOf(a).sources.list()).toHaveLength(1);
  });

  it('stores nothing when consent is denied, the state is bad, old or for another flow', async () => {
    const a = await harness.createTenant();
    const exchangesBefore = tokens.requests.length;
    const denied = await googleCallback({ error: 'access_denied', state: await googleState(a) });
    expect(outcome(denied)).toEqual({ error: 'access_denied' });
    const odd = await googleCallback({ error: '<script>alert(1)</script>', state: await googleState(a) });
    expect(outcome(odd)).toEqual({ error: 'consent_failed' });

    const code = tokens.issue({ refreshToken: '1//never-stored', scope: calendarScope });
    const state = await googleState(a);
    const [header, payload, signature] = state.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, tid: 'another-tenant' })).toString('base64url')}.${signature}`;
    expect(outcome(await googleCallback({ code, state: forged }))).toEqual({ error: 'invalid_state' });
    expect(outcome(await googleCallback({ code, state: await microsoftState(a) }))).toEqual({
      error: 'invalid_state',
    });
    expect(outcome(await googleCallback({ code, state: a.tokens.admin }))).toEqual({
      error: 'invalid_state',
    });
    expect(outcome(await googleCallback({ code }))).toEqual({ error: 'invalid_request' });

    const old = await googleState(a);
    harness.now += 11 * 60_000;
    try {
      expect(outcome(await googleCallback({ code, state: old }))).toEqual({ error: 'invalid_state' });
    } finally {
      harness.now -= 11 * 60_000;
    }
    expect(tokens.requests.length).toBe(exchangesBefore);
    expect(await storeOf(a).sources.list()).toEqual([]);
  });

  it('refuses an admin who lost the role while on the consent page', async () => {
    const a = await harness.createTenant();
    const state = await googleState(a);
    await storeOf(a).admins.update(a.adminIds.admin, { role: 'member' });
    const code = tokens.issue({ refreshToken: '1//demoted', scope: calendarScope });
    expect(outcome(await googleCallback({ code, state }))).toEqual({ error: 'forbidden' });
    expect(await storeOf(a).sources.list()).toEqual([]);
  });

  it('stores nothing when the code exchange fails, the scope was not granted or the calendar cannot be read', async () => {
    const a = await harness.createTenant();
    expect(outcome(await googleCallback({ code: '4/0Aunknown', state: await googleState(a) }))).toEqual({
      error: 'exchange_failed',
    });

    const withoutCalendar = tokens.issue({ refreshToken: '1//no-scope', scope: 'openid email' });
    expect(outcome(await googleCallback({ code: withoutCalendar, state: await googleState(a) }))).toEqual({
      error: 'scope_missing',
    });

    google.auth.addRefreshToken({
      refreshToken: '1//wrong-calendar',
      clientId: googleClient.clientId,
      user: 'planner@contoso.example',
    });
    const code = tokens.issue({ refreshToken: '1//wrong-calendar', scope: calendarScope });
    const state = await googleState(a, 'owner', 'nobody@group.calendar.google.com');
    expect(outcome(await googleCallback({ code, state }))).toEqual({ error: 'calendar_unreachable' });
    expect(await storeOf(a).sources.list()).toEqual([]);
    expect(queued.filter((job) => job.tenantId === a.tenantId)).toEqual([]);
  });

  it('sends the admin back with the Entra tenant that gave admin consent', async () => {
    const a = await harness.createTenant();
    const entraTenant = randomUUID();
    const callback = (query: Record<string, string>) =>
      harness.request.get(`/oauth/microsoft/callback?${new URLSearchParams(query).toString()}`);

    const ok = await callback({
      tenant: entraTenant.toUpperCase(),
      admin_consent: 'True',
      state: await microsoftState(a),
    });
    expect(outcome(ok)).toEqual({ microsoftTenant: entraTenant, state: 'ok' });
    const audit = (await storeOf(a).audit.list()).items.find(
      (entry) => entry.action === 'calendar-source.admin-consent',
    );
    expect(audit).toMatchObject({ actor: `admin:${a.adminIds.admin}`, outcome: 'success' });

    const denied = await callback({
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined to consent.',
      state: await microsoftState(a),
    });
    expect(outcome(denied)).toEqual({ error: 'access_denied' });
    expect(outcome(await callback({ tenant: entraTenant, state: await microsoftState(a) }))).toEqual({
      error: 'consent_failed',
    });
    expect(
      outcome(
        await callback({ tenant: 'contoso.example', admin_consent: 'True', state: await microsoftState(a) }),
      ),
    ).toEqual({
      error: 'consent_failed',
    });
    expect(
      outcome(await callback({ tenant: entraTenant, admin_consent: 'True', state: await googleState(a) })),
    ).toEqual({
      error: 'invalid_state',
    });
    expect(await storeOf(a).sources.list()).toEqual([]);
  });
});
