import { describe, expect, it, vi } from 'vitest';
import type { GraphSubscriptionRecord } from './graph-notification-batch.ts';
import { createGraphNotificationHandler, type GraphSourceRef } from './graph-notification-handler.ts';
import type { GraphWebhookRequest } from './graph-webhook-exchange.ts';

const subscriptions: Readonly<Record<string, GraphSubscriptionRecord>> = {
  'sub-a': { tenantId: 'customer-1', sourceId: 'source-a', clientState: 'secret-a' },
  'sub-a2': { tenantId: 'customer-1', sourceId: 'source-a', clientState: 'secret-a2' },
  'sub-b': { tenantId: 'customer-2', sourceId: 'source-b', clientState: 'secret-b' },
};

const setup = (onChange: (source: GraphSourceRef) => void | Promise<void> = () => undefined) => {
  const lookupSubscription = vi.fn(async (id: string) => subscriptions[id]);
  const changed: GraphSourceRef[] = [];
  const errors: unknown[] = [];
  const handler = createGraphNotificationHandler({
    lookupSubscription,
    onChange: (source) => {
      changed.push(source);
      return onChange(source);
    },
    onError: (error) => errors.push(error),
  });
  return { handler, lookupSubscription, changed, errors };
};

/** The query the HTTP layer hands over: decoded by URLSearchParams, as Graph's encoded token arrives. */
const requestWithQuery = (rawQuery: string, body = ''): GraphWebhookRequest => ({
  query: Object.fromEntries(new URLSearchParams(rawQuery)),
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

const notificationRequest = (...notifications: Record<string, unknown>[]): GraphWebhookRequest => ({
  query: {},
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ value: notifications }),
});

const notification = (subscriptionId: string, clientState: string | null, eventId = 'AAMkADe1=') => ({
  subscriptionId,
  subscriptionExpirationDateTime: '2027-03-25T10:00:00.0000000Z',
  changeType: 'updated',
  resource: `Users/roster-user/Events/${eventId}`,
  resourceData: {
    '@odata.type': '#Microsoft.Graph.Event',
    '@odata.id': `Users/roster-user/Events/${eventId}`,
    '@odata.etag': 'W/"DwAAABYAAAB7DuQyHb5TRq9wZgRZ8PDSAAAIFjNq"',
    id: eventId,
  },
  clientState,
  tenantId: 'b0a6b7d2-5a7e-4f43-9c69-1a6b3e1f2c11',
});

describe('createGraphNotificationHandler: validation requests', () => {
  it('echoes the URL-decoded validation token as text/plain, with an empty body', async () => {
    const { handler, lookupSubscription } = setup();
    const answer = await handler(
      requestWithQuery(
        'validationToken=Validation%3A+Testing+client+application+reachability+for+subscription+Request-Id%3A+4b2a1c3e-0000-4000-8000-000000000001',
      ),
    );
    expect(answer).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'Validation: Testing client application reachability for subscription Request-Id: 4b2a1c3e-0000-4000-8000-000000000001',
    });
    expect(lookupSubscription).not.toHaveBeenCalled();
  });

  it('answers the validation token before reading a body, however broken the body is', async () => {
    const { handler } = setup();
    expect((await handler(requestWithQuery('validationToken=abc', '{not json'))).body).toBe('abc');
  });

  it('refuses tokens that are too long, contain control characters or markup, or come twice', async () => {
    const { handler } = setup();
    for (const query of [
      `validationToken=${'a'.repeat(1025)}`,
      'validationToken=abc%0D%0ASet-Cookie%3A+x',
      'validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'validationToken=',
    ]) {
      expect((await handler(requestWithQuery(query))).status).toBe(400);
    }
    const twice: GraphWebhookRequest = { query: { validationToken: ['a', 'b'] }, headers: {}, body: '' };
    expect((await handler(twice)).status).toBe(400);
  });
});

describe('createGraphNotificationHandler: change notifications', () => {
  it('accepts valid notifications with 202 and marks each source changed once', async () => {
    const { handler, changed } = setup();
    const answer = await handler(
      notificationRequest(
        notification('sub-a', 'secret-a', 'e1='),
        notification('sub-a', 'secret-a', 'e2='),
        notification('sub-a2', 'secret-a2', 'e3='),
        notification('sub-b', 'secret-b'),
      ),
    );
    expect(answer).toEqual({ status: 202 });
    expect(changed).toEqual([
      { tenantId: 'customer-1', sourceId: 'source-a' },
      { tenantId: 'customer-2', sourceId: 'source-b' },
    ]);
  });

  it('ignores notifications with a wrong, missing or differently sized clientState, or an unknown subscription', async () => {
    const { handler, changed } = setup();
    const answer = await handler(
      notificationRequest(
        notification('sub-a', 'secret-b'),
        notification('sub-a', null),
        notification('sub-a', 'secret-a-but-longer'),
        notification('sub-unknown', 'secret-a'),
        notification('sub-b', 'secret-b'),
      ),
    );
    expect(answer).toEqual({ status: 202 });
    expect(changed).toEqual([{ tenantId: 'customer-2', sourceId: 'source-b' }]);
  });

  it('answers 403 and calls nothing when no notification passes validation', async () => {
    const { handler, changed } = setup();
    expect(await handler(notificationRequest(notification('sub-a', 'guessed')))).toEqual({ status: 403 });
    expect(await handler(notificationRequest(notification('sub-unknown', 'secret-a')))).toEqual({
      status: 403,
    });
    expect(changed).toEqual([]);
  });

  it('answers 400 to a malformed body without looking anything up', async () => {
    const { handler, lookupSubscription, changed } = setup();
    for (const body of [
      '{not json',
      '',
      '{"value":[]}',
      '{"value":[{"clientState":"secret-a"}]}',
      '[]',
      'null',
    ]) {
      expect(await handler({ query: {}, headers: {}, body })).toEqual({ status: 400 });
    }
    expect(lookupSubscription).not.toHaveBeenCalled();
    expect(changed).toEqual([]);
  });

  it('answers without waiting for onChange, and reports its failure to onError', async () => {
    const never = setup(() => new Promise<void>(() => undefined));
    expect(await never.handler(notificationRequest(notification('sub-a', 'secret-a')))).toEqual({
      status: 202,
    });

    const failing = setup(async () => {
      throw new Error('queue unavailable');
    });
    expect(await failing.handler(notificationRequest(notification('sub-a', 'secret-a')))).toEqual({
      status: 202,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(failing.errors).toEqual([new Error('queue unavailable')]);
  });
});
