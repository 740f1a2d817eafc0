import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphNotificationHandler } from '../graph-notification-handler.ts';
import { type GraphFake, startGraphFake } from './graph-fake.ts';
import { type GraphWebhookServer, startGraphWebhookServer } from './graph-webhook-server.ts';

let fake: GraphFake;
let webhooks: GraphWebhookServer;

beforeEach(async () => {
  fake = await startGraphFake({ validationTimeoutMs: 300 });
  webhooks = await startGraphWebhookServer({
    echo: createGraphNotificationHandler({
      lookupSubscription: async () => undefined,
      onChange: () => undefined,
    }),
    wrong: async () => ({ status: 200, contentType: 'text/plain', body: 'not the token' }),
    json: async (request) => ({
      status: 200,
      contentType: 'application/json',
      body: String(request.query.validationToken),
    }),
  });
});

afterEach(async () => {
  await webhooks.stop();
  await fake.stop();
});

const token = async () => {
  const response = await fake.fetch(`${fake.authorityHost}/${fake.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
};

describe('graph fake', () => {
  it('validates endpoints the way Graph does: token echoed as text/plain, within the timeout', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      expect(await fake.validateEndpoint(`${webhooks.url}/echo`)).toBe('validated');
      expect(await fake.validateEndpoint(`${webhooks.url}/wrong`)).toBe('mismatch');
      expect(await fake.validateEndpoint(`${webhooks.url}/json`)).toBe('failed');
      expect(await fake.validateEndpoint(`${webhooks.url}/missing`)).toBe('failed');
      const { port } = hanging.address() as AddressInfo;
      expect(await fake.validateEndpoint(`http://127.0.0.1:${port}/`)).toBe('timeout');
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('answers Graph calls without a valid bearer token with 401 InvalidAuthenticationToken', async () => {
    const response = await fake.fetch(`${fake.baseUrl}/subscriptions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });

  it('refuses subscriptions beyond the maximum lifetime, as Graph does', async () => {
    fake.calendars.create('users/u/calendar');
    const response = await fake.fetch(`${fake.baseUrl}/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        changeType: 'created,updated,deleted',
        notificationUrl: `${webhooks.url}/echo`,
        resource: 'users/u/calendar/events',
        expirationDateTime: new Date(Date.now() + 4231 * 60_000).toISOString(),
        clientState: 'x',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'InvalidRequest' } });
    expect(fake.subscriptions.size).toBe(0);
  });

  it('refuses the client-credentials grant with a wrong secret as invalid_client', async () => {
    const response = await fake.fetch(`${fake.authorityHost}/${fake.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: fake.clientId,
        client_secret: 'wrong',
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });
});
