import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  createGoogleAuth,
  createGoogleCalendarAdapter,
  createGraphCalendarAdapter,
  createGraphTokenProvider,
  type SourceRef,
} from '@wygc/calendar-sync';
import { type GoogleCalendarFake, startGoogleCalendarFake } from '@wygc/calendar-sync/testing/google';
import { type GraphFake, startGraphFake } from '@wygc/calendar-sync/testing/graph';
import type {
  CalendarProvider,
  CalendarSource,
  CalendarSourceAdapter,
  PushChannel,
  TenantStore,
} from '@wygc/routing-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEnv } from './api-env.ts';
import { type ApiTestHarness, createApiTestHarness } from './testing/api-test-harness.ts';
import { createWebhookRoutes } from './webhook-routes.ts';

const googleClient = { clientId: 'wygc-app.apps.googleusercontent.com', clientSecret: 'app-secret' };
const teamCalendar = 'team@group.calendar.google.com';
const graphCalendar = 'users/4f1c0d2e-0b7a-4d4e-9f57-2a8f6c0f7b11/calendar';

describe('calendar webhooks', () => {
  let harness: ApiTestHarness;
  let server: Server;
  let base: string;
  let google: GoogleCalendarFake;
  let graph: GraphFake;
  let adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  let tenant: TenantStore;
  const push: { google?: string; microsoft?: string; microsoftLifecycle?: string } = {};
  const queued: SourceRef[] = [];
  const queuedFor = (sourceId: string) => queued.filter((job) => job.sourceId === sourceId);

  beforeAll(async () => {
    google = await startGoogleCalendarFake();
    google.auth.addOAuthClient(googleClient);
    google.auth.addRefreshToken({
      refreshToken: '1//planner',
      clientId: googleClient.clientId,
      user: 'planner@contoso.example',
    });
    google.calendars.create(teamCalendar, { summary: 'Storingsdienst', timeZone: 'Europe/Amsterdam' });
    graph = await startGraphFake();
    graph.calendars.create(graphCalendar, { name: 'Storingsdienst 365' });
    adapters = {
      google: createGoogleCalendarAdapter({
        auth: createGoogleAuth({ oauthClient: googleClient, tokenUrl: google.tokenUrl }),
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
    let app: OpenAPIHono<ApiEnv> | undefined;
    harness = await createApiTestHarness((api, { store, clock }) => {
      app = api;
      api.route(
        '/',
        createWebhookRoutes({
          store,
          adapters,
          // A sync that never finishes: every answer below proves the webhook does not wait for it.
          queue: {
            enqueue: (job) => {
              queued.push(job);
              return new Promise<void>(() => {});
            },
          },
          push,
          logger: pino({ level: 'silent' }),
          clock,
        }),
      );
    });
    // Google and Graph deliver to a real address, so the same app also listens on 127.0.0.1.
    server = createServer(getRequestListener((app as OpenAPIHono<ApiEnv>).fetch));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    push.google = `${base}/webhooks/google`;
    push.microsoft = `${base}/webhooks/graph`;
    push.microsoftLifecycle = `${base}/webhooks/graph/lifecycle`;
    const created = await harness.createTenant();
    tenant = harness.store.forTenant(created.tenantId, { actor: 'system:test' });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await harness.close();
    await google.stop();
    await graph.stop();
  });

  const watched = async (
    provider: 'google' | 'microsoft',
  ): Promise<{ source: CalendarSource; channel: PushChannel }> => {
    const source = await tenant.sources.create(
      provider === 'google'
        ? {
            provider,
            externalId: teamCalendar,
            name: 'Storingsdienst',
            timeZone: 'Europe/Amsterdam',
            credentials: { type: 'oauth', refreshToken: '1//planner' },
          }
        : {
            provider,
            externalId: graphCalendar,
            name: 'Storingsdienst 365',
            timeZone: 'Europe/Amsterdam',
            credentials: { tenantId: graph.tenantId },
          },
    );
    const channel = await adapters[provider]?.startPush?.(source, {
      notificationUrl: (provider === 'google' ? push.google : push.microsoft) as string,
      ...(provider === 'microsoft' ? { lifecycleUrl: push.microsoftLifecycle as string } : {}),
      ttlSeconds: 3600,
    });
    if (!channel) throw new Error('no channel');
    return { source: await tenant.sources.update(source.id, { channel }), channel };
  };

  describe('Google', () => {
    const headersFor = (channel: PushChannel, overrides: Record<string, string> = {}) => ({
      'X-Goog-Channel-ID': channel.id,
      'X-Goog-Channel-Token': channel.secret,
      'X-Goog-Channel-Expiration': new Date(channel.expiresAt).toUTCString(),
      'X-Goog-Resource-ID': channel.resourceId ?? '',
      'X-Goog-Resource-URI': `${google.rootUrl}calendar/v3/calendars/${encodeURIComponent(teamCalendar)}/events?alt=json`,
      'X-Goog-Resource-State': 'exists',
      'X-Goog-Message-Number': '7',
      ...overrides,
    });

    it('queues one sync per change notification and only acknowledges the sync message', async () => {
      const { source, channel } = await watched('google');
      expect(await google.notify(channel.id, 'sync')).toEqual({ status: 200 });
      expect(queuedFor(source.id)).toEqual([]);
      expect(await google.notify(channel.id, 'exists')).toEqual({ status: 200 });
      expect(queuedFor(source.id)).toEqual([{ tenantId: tenant.tenantId, sourceId: source.id }]);
    });

    it('reads the channel owner once for a burst, and again after a minute', async () => {
      const { source, channel } = await watched('google');
      const sourceReads = async () =>
        (await tenant.audit.list({})).items.filter(
          (entry) => entry.action === 'calendar-source.read' && entry.target.id === source.id,
        ).length;
      const before = await sourceReads();
      for (let message = 0; message < 5; message++)
        expect(await google.notify(channel.id, 'exists')).toEqual({ status: 200 });
      expect(queuedFor(source.id)).toHaveLength(5);
      expect(await sourceReads()).toBe(before + 1);
      harness.now += 60_000;
      await google.notify(channel.id, 'exists');
      expect(await sourceReads()).toBe(before + 2);
    });

    it('refuses wrong tokens, unknown channels, other resources and malformed headers, queueing nothing', async () => {
      const { source, channel } = await watched('google');
      const post = (headers: Record<string, string>) => harness.request.post('/webhooks/google').set(headers);
      expect((await post(headersFor(channel, { 'X-Goog-Channel-Token': 'guessed' }))).status).toBe(401);
      const { 'X-Goog-Channel-Token': _token, ...withoutToken } = headersFor(channel);
      expect((await post(withoutToken)).status).toBe(401);
      expect(
        (await post(headersFor(channel, { 'X-Goog-Channel-ID': 'c0ffee00-0000-4000-8000-000000000000' })))
          .status,
      ).toBe(404);
      expect((await post(headersFor(channel, { 'X-Goog-Resource-ID': 'another-calendar' }))).status).toBe(
        404,
      );
      expect((await post(headersFor(channel, { 'X-Goog-Resource-State': 'changed' }))).status).toBe(400);
      expect((await post(headersFor(channel, { 'X-Goog-Message-Number': 'one' }))).status).toBe(400);
      expect((await harness.request.post('/webhooks/google')).status).toBe(400);
      expect(queuedFor(source.id)).toEqual([]);

      // Once the source has a new channel, the old one's notifications belong to nobody: at the latest
      // when the owner it verified a moment ago is no longer remembered.
      await tenant.sources.update(source.id, { channel: { ...channel, id: `${channel.id}-new` } });
      harness.now += 60_000;
      expect((await post(headersFor(channel))).status).toBe(404);
      expect(queuedFor(source.id)).toEqual([]);
    });
  });

  describe('Microsoft Graph', () => {
    it('answers the validation request with the token, whatever the body', async () => {
      const token = 'Validation: Testing client application reachability for subscription Request-Id: 7f5a';
      for (const path of ['/webhooks/graph', '/webhooks/graph/lifecycle']) {
        const url = `${path}?validationToken=${encodeURIComponent(token)}`;
        const empty = await harness.request.post(url).set('Content-Type', 'text/plain; charset=utf-8');
        expect(empty.status).toBe(200);
        expect(empty.headers['content-type']).toMatch(/^text\/plain/);
        expect(empty.text).toBe(token);
        const json = await harness.request.post(url).set('Content-Type', 'application/json');
        expect(json.status).toBe(200);
        expect(json.text).toBe(token);
        // Nothing but the query is read: not even a body that is not what its type says.
        const junk = await fetch(`${base}${url}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{not json',
        });
        expect(junk.status).toBe(200);
        expect(await junk.text()).toBe(token);
      }
      const markup = await harness.request.post('/webhooks/graph?validationToken=%3Cscript%3E');
      expect(markup.status).toBe(400);
      expect(markup.text).not.toContain('<script>');
      expect(await graph.validateEndpoint(push.microsoft as string)).toBe('validated');
    });

    it('queues one sync for a valid notification and refuses everything else', async () => {
      const { source, channel } = await watched('microsoft');
      expect(await graph.sendNotification(channel.id)).toEqual({ status: 202, body: '' });
      expect(queuedFor(source.id)).toEqual([{ tenantId: tenant.tenantId, sourceId: source.id }]);

      expect((await graph.sendNotification(channel.id, { clientState: 'guessed' })).status).toBe(403);
      const post = (body: string) =>
        harness.request.post('/webhooks/graph').set('Content-Type', 'application/json').send(body);
      expect(
        (
          await post(
            '{"value": [{"subscriptionId": "00000000-0000-4000-8000-000000000000", "clientState": "x"}]}',
          )
        ).status,
      ).toBe(403);
      expect((await post('{"value": []}')).status).toBe(400);
      expect((await post('not json')).status).toBe(400);
      expect((await post(JSON.stringify({ value: [{ clientState: channel.secret }] }))).status).toBe(400);
      expect(queuedFor(source.id)).toHaveLength(1);
    });

    it('renews a subscription that needs reauthorization', async () => {
      const { source, channel } = await watched('microsoft');
      expect((await graph.sendLifecycle(channel.id, 'reauthorizationRequired')).status).toBe(202);
      await vi.waitFor(async () => {
        const renewed = (await tenant.sources.get(source.id))?.channel;
        expect(renewed?.id).toBe(channel.id);
        expect(renewed?.expiresAt).toBeGreaterThan(channel.expiresAt);
      });
      expect(graph.subscriptions.get(channel.id)?.expirationDateTime).toBe(
        (await tenant.sources.get(source.id))?.channel?.expiresAt,
      );
      expect(queuedFor(source.id)).toEqual([]);
    });

    it('recreates a removed subscription and resyncs what was missed', async () => {
      const { source, channel } = await watched('microsoft');
      expect((await graph.sendLifecycle(channel.id, 'subscriptionRemoved')).status).toBe(202);
      await vi.waitFor(() => expect(queuedFor(source.id)).toHaveLength(1));
      const replacement = (await tenant.sources.get(source.id))?.channel;
      expect(replacement?.id).not.toBe(channel.id);
      expect(graph.subscriptions.get(replacement?.id ?? '')?.clientState).toBe(replacement?.secret);
      expect(graph.subscriptions.has(channel.id)).toBe(false);
      expect((await graph.sendNotification(replacement?.id ?? '')).status).toBe(202);
      expect(queuedFor(source.id)).toHaveLength(2);
    });

    it('resyncs after missed notifications, and ignores lifecycle events with a wrong clientState', async () => {
      const { source, channel } = await watched('microsoft');
      expect((await graph.sendLifecycle(channel.id, 'missed', { clientState: 'guessed' })).status).toBe(403);
      expect(queuedFor(source.id)).toEqual([]);
      expect((await graph.sendLifecycle(channel.id, 'missed')).status).toBe(202);
      expect(queuedFor(source.id)).toEqual([{ tenantId: tenant.tenantId, sourceId: source.id }]);
      expect((await tenant.sources.get(source.id))?.channel).toEqual(channel);
    });
  });
});
