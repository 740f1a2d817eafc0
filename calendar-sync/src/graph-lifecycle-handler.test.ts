import { describe, expect, it } from 'vitest';
import { createGraphLifecycleHandler, type GraphLifecycleTarget } from './graph-lifecycle-handler.ts';
import type { GraphSubscriptionRecord } from './graph-notification-batch.ts';
import type { GraphWebhookRequest } from './graph-webhook-exchange.ts';

const subscriptions: Readonly<Record<string, GraphSubscriptionRecord>> = {
  'sub-a': { tenantId: 'customer-1', sourceId: 'source-a', clientState: 'secret-a' },
  'sub-b': { tenantId: 'customer-2', sourceId: 'source-b', clientState: 'secret-b' },
};

const setup = () => {
  const calls: [string, GraphLifecycleTarget][] = [];
  const handler = createGraphLifecycleHandler({
    lookupSubscription: async (id) => subscriptions[id],
    onReauthorize: (target) => void calls.push(['reauthorize', target]),
    onRemoved: (target) => void calls.push(['removed', target]),
    onMissed: (target) => void calls.push(['missed', target]),
  });
  return { handler, calls };
};

const lifecycle = (
  subscriptionId: string,
  lifecycleEvent: string,
  clientState = `secret-${subscriptionId.slice(4)}`,
) => ({
  subscriptionId,
  subscriptionExpirationDateTime: '2027-03-25T10:00:00.0000000Z',
  tenantId: 'b0a6b7d2-5a7e-4f43-9c69-1a6b3e1f2c11',
  clientState,
  lifecycleEvent,
});

const post = (...notifications: Record<string, unknown>[]): GraphWebhookRequest => ({
  query: {},
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ value: notifications }),
});

const target = (subscriptionId: string, tenantId: string, sourceId: string): GraphLifecycleTarget => ({
  tenantId,
  sourceId,
  subscriptionId,
});

describe('createGraphLifecycleHandler', () => {
  it('echoes the validation token like the notification endpoint', async () => {
    const { handler, calls } = setup();
    const answer = await handler({ query: { validationToken: 'token 1' }, headers: {}, body: '' });
    expect(answer).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'token 1' });
    expect(calls).toEqual([]);
  });

  it('routes each lifecycle event to its callback, once per subscription and event', async () => {
    const { handler, calls } = setup();
    const answer = await handler(
      post(
        lifecycle('sub-a', 'reauthorizationRequired'),
        lifecycle('sub-a', 'reauthorizationRequired'),
        lifecycle('sub-b', 'subscriptionRemoved'),
        lifecycle('sub-a', 'missed'),
      ),
    );
    expect(answer).toEqual({ status: 202 });
    expect(calls).toEqual([
      ['reauthorize', target('sub-a', 'customer-1', 'source-a')],
      ['removed', target('sub-b', 'customer-2', 'source-b')],
      ['missed', target('sub-a', 'customer-1', 'source-a')],
    ]);
  });

  it('checks the clientState: wrong secrets and unknown subscriptions call nothing', async () => {
    const { handler, calls } = setup();
    expect(await handler(post(lifecycle('sub-a', 'subscriptionRemoved', 'secret-b')))).toEqual({
      status: 403,
    });
    expect(await handler(post(lifecycle('sub-x', 'missed', 'secret-a')))).toEqual({ status: 403 });
    expect(calls).toEqual([]);
  });

  it('acknowledges lifecycle events it does not know, and refuses malformed bodies', async () => {
    const { handler, calls } = setup();
    expect(await handler(post(lifecycle('sub-a', 'somethingNew')))).toEqual({ status: 202 });
    expect(await handler({ query: {}, headers: {}, body: '{"value":' })).toEqual({ status: 400 });
    expect(calls).toEqual([]);
  });
});
