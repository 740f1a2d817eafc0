import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddonApp } from './create-addon-app.ts';
import {
  type AddonTestHarness,
  baseUrl,
  calendarId,
  createAddonTestHarness,
  oauthClientId,
  serviceAccountEmail,
  testNow,
  users,
  webAdminUrl,
} from './testing/addon-test-harness.ts';

let harness: AddonTestHarness;

beforeAll(async () => {
  harness = await createAddonTestHarness();
});

afterAll(async () => {
  await harness.close();
});

const openEvent = { calendarId, id: 'shift-weekend' };

/** Nothing of tenant A's data may appear in a rejected answer. */
const expectNoData = (text: string) => {
  for (const secret of ['Storingsdienst', 'Jan de Vries', 'JD', '+31', 'Marie'])
    expect(text).not.toContain(secret);
};

describe('request authentication', () => {
  it('answers a request with valid tokens', async () => {
    const response = await harness.send({ endpoint: 'eventOpen', calendar: openEvent });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Jan de Vries');
  });

  it.each([
    ['no bearer token', { authorization: null }],
    ['a bearer token that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a basic authorization header', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('rejects %s with 401', async (_name, override) => {
    const response = await harness.send({ endpoint: 'eventOpen', calendar: openEvent, ...override });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'The request is not from Google.' },
    });
    expectNoData(response.text);
  });

  it('rejects a forged system token (signed by a key Google does not serve)', async () => {
    const token = await harness.systemToken('eventOpen', {}, { forged: true });
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: openEvent,
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expectNoData(response.text);
  });

  it('rejects an expired system token', async () => {
    const iat = Math.floor(testNow / 1000) - 7200;
    const token = await harness.systemToken('eventOpen', { iat, exp: iat + 3600 });
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: openEvent,
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expectNoData(response.text);
  });

  it('rejects a system token made for another endpoint URL', async () => {
    const token = await harness.systemToken('homepage');
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: openEvent,
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expectNoData(response.text);
  });

  it('rejects a system token of another issuer', async () => {
    const token = await harness.systemToken('eventOpen', { iss: 'https://evil.example' });
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: openEvent,
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
  });

  it('rejects a token of another service account with 403', async () => {
    const token = await harness.systemToken('eventOpen', {
      email: 'attacker@other-project.iam.gserviceaccount.com',
    });
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: openEvent,
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(403);
    expectNoData(response.text);
  });

  it('rejects the right service account when Google did not verify the email', async () => {
    const token = await harness.systemToken('eventOpen', { email_verified: false });
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: openEvent,
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(403);
  });

  it('rejects a user ID token used as the system token', async () => {
    const token = await harness.userToken('admin', { aud: 'https://wygc.example.com/addon/event-open' });
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: openEvent,
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(403);
  });

  it('rejects a missing user ID token', async () => {
    const response = await harness.send({ endpoint: 'eventOpen', calendar: openEvent, userIdToken: null });
    expect(response.status).toBe(401);
    expectNoData(response.text);
  });

  it('rejects a forged user ID token', async () => {
    const token = await harness.userToken('admin', {}, { forged: true });
    const response = await harness.send({ endpoint: 'eventOpen', calendar: openEvent, userIdToken: token });
    expect(response.status).toBe(401);
    expectNoData(response.text);
  });

  it('rejects an expired user ID token', async () => {
    const iat = Math.floor(testNow / 1000) - 7200;
    const token = await harness.userToken('admin', { iat, exp: iat + 3600 });
    const response = await harness.send({ endpoint: 'eventOpen', calendar: openEvent, userIdToken: token });
    expect(response.status).toBe(401);
  });

  it('rejects a user ID token for another OAuth client', async () => {
    const token = await harness.userToken('admin', { aud: 'another-app.apps.googleusercontent.com' });
    const response = await harness.send({ endpoint: 'eventOpen', calendar: openEvent, userIdToken: token });
    expect(response.status).toBe(401);
    expectNoData(response.text);
  });

  it('does not map a user whose email Google did not verify', async () => {
    const token = await harness.userToken('admin', { email_verified: false });
    const response = await harness.send({ endpoint: 'eventOpen', calendar: openEvent, userIdToken: token });
    expect(response.status).toBe(200);
    expect(response.text).toContain('No access');
    expectNoData(response.text);
  });

  it('answers 400 to a body that is not an event object, after checking the bearer token', async () => {
    const response = await harness.send({ endpoint: 'eventOpen', rawBody: '{"commonEventObject": "nope"}' });
    expect(response.status).toBe(400);
    const unauthenticated = await harness.send({
      endpoint: 'eventOpen',
      rawBody: 'garbage',
      authorization: null,
    });
    expect(unauthenticated.status).toBe(401);
  });

  it('answers 404 to unknown paths and to other methods', async () => {
    expect((await harness.request('/admin', { method: 'POST' })).status).toBe(404);
    expect((await harness.request('/homepage', { method: 'GET' })).status).toBe(404);
  });

  it("answers 503, not 401, when Google's certificates cannot be fetched", async () => {
    const app = createAddonApp({
      store: harness.store,
      config: {
        baseUrl,
        serviceAccountEmail,
        oauthClientId,
        webAdminUrl,
        jwksUrl: 'http://127.0.0.1:9/certs',
      },
      clock: () => testNow,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const body = JSON.stringify(await harness.eventObject({ calendar: openEvent }));
    const response = await app.request('/event-open', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await harness.systemToken('eventOpen')}`,
        'content-type': 'application/json',
      },
      body,
    });
    expect(response.status).toBe(503);
    expectNoData(await response.text());
  });

  it('answers as itself when the server mounts it at /addon', async () => {
    const server = new Hono();
    server.onError((_error, c) => c.text('server error page', 500));
    server.route(
      '/addon',
      createAddonApp({
        store: harness.store,
        config: {
          baseUrl,
          serviceAccountEmail,
          oauthClientId,
          webAdminUrl,
          jwksUrl: harness.identity.jwksUrl,
        },
        clock: () => testNow,
        logger: { info: () => {}, warn: () => {}, error: () => {} },
      }),
    );
    const post = async (authorization: string) =>
      server.request('/addon/homepage', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(await harness.eventObject({ user: 'stranger' })),
      });
    const rejected = await post('Bearer forged');
    expect(rejected.status).toBe(401);
    expect(await rejected.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const answered = await post(`Bearer ${await harness.systemToken('homepage')}`);
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('No access');
  });

  it('logs outcomes and failures without emails, subjects or tokens', async () => {
    await harness.send({ endpoint: 'eventOpen', calendar: openEvent });
    await harness.send({ endpoint: 'eventOpen', calendar: openEvent, authorization: 'Bearer nope' });
    const logged = JSON.stringify(harness.logs);
    expect(logged).toContain('"outcome":"event-matched"');
    expect(logged).toContain('"failure":"system-token-invalid"');
    for (const user of Object.values(users)) expect(logged).not.toContain(user.email);
    expect(logged).not.toContain('Jan de Vries');
    expect(logged).not.toContain('ya29.');
    expect(logged).not.toContain('eyJ');
  });
});
