import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createGoogleNotificationHandler,
  type GoogleCalendarChange,
  type GoogleChannelRegistration,
  type GoogleNotificationHandlerOptions,
  type IncomingHeaders,
} from './google-notification-handler.ts';
import { startGoogleTestbed } from './testing/google-testbed.ts';

const channel: GoogleChannelRegistration = {
  tenantId: 'tenant-1',
  sourceId: 'source-1',
  secret: 'c2VjcmV0LXRva2VuLW9mLXRoZS1jaGFubmVsLTEyMzQ',
  resourceId: 'ret08u3rv24htgh289g',
};

const headers = (overrides: Record<string, string | undefined> = {}): IncomingHeaders => ({
  'x-goog-channel-id': 'channel-1',
  'x-goog-channel-token': channel.secret,
  'x-goog-channel-expiration': 'Sat, 27 Mar 2027 12:00:00 GMT',
  'x-goog-resource-id': channel.resourceId,
  'x-goog-resource-uri':
    'https://www.googleapis.com/calendar/v3/calendars/team%40example.com/events?alt=json',
  'x-goog-resource-state': 'exists',
  'x-goog-message-number': '2',
  ...overrides,
});

const setup = (options: Partial<GoogleNotificationHandlerOptions> = {}) => {
  const onChange = vi.fn<(change: GoogleCalendarChange) => void>();
  const onError = vi.fn<(error: unknown) => void>();
  const lookupChannel = vi.fn(async (id: string) => (id === 'channel-1' ? channel : undefined));
  const handle = createGoogleNotificationHandler({
    lookupChannel,
    onChange,
    onError,
    clock: () => 1_800_000_000_000,
    ...options,
  });
  return { handle, onChange, onError, lookupChannel };
};

describe('createGoogleNotificationHandler', () => {
  it('queues one sync of the source for a change and answers 200', async () => {
    const { handle, onChange, lookupChannel } = setup();
    await expect(handle(headers())).resolves.toEqual({ status: 200 });
    expect(lookupChannel).toHaveBeenCalledWith('channel-1');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({
      tenantId: 'tenant-1',
      sourceId: 'source-1',
      receivedAt: 1_800_000_000_000,
    });
  });

  it('treats not_exists like exists', async () => {
    const { handle, onChange } = setup();
    await expect(handle(headers({ 'x-goog-resource-state': 'not_exists' }))).resolves.toEqual({
      status: 200,
    });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('only acknowledges the sync message of a new channel', async () => {
    const { handle, onChange } = setup();
    await expect(
      handle(headers({ 'x-goog-resource-state': 'sync', 'x-goog-message-number': '1' })),
    ).resolves.toEqual({
      status: 200,
    });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reads header names case-insensitively', async () => {
    const { handle, onChange } = setup();
    const mixed = Object.fromEntries(
      Object.entries(headers()).map(([name, value]) => [
        name.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase()),
        value,
      ]),
    );
    await expect(handle(mixed)).resolves.toEqual({ status: 200 });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('answers 401 to a wrong or missing token, without queueing', async () => {
    const { handle, onChange } = setup();
    await expect(handle(headers({ 'x-goog-channel-token': `${channel.secret}x` }))).resolves.toEqual({
      status: 401,
    });
    await expect(handle(headers({ 'x-goog-channel-token': 'short' }))).resolves.toEqual({ status: 401 });
    await expect(handle(headers({ 'x-goog-channel-token': undefined }))).resolves.toEqual({ status: 401 });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('answers 404 to an unknown channel or another resource, without queueing', async () => {
    const { handle, onChange } = setup();
    await expect(handle(headers({ 'x-goog-channel-id': 'channel-2' }))).resolves.toEqual({ status: 404 });
    await expect(handle(headers({ 'x-goog-resource-id': 'another-resource' }))).resolves.toEqual({
      status: 404,
    });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('accepts any resource id when the channel was stored without one', async () => {
    const { resourceId: _resourceId, ...withoutResource } = channel;
    const { handle, onChange } = setup({ lookupChannel: async () => withoutResource });
    await expect(handle(headers({ 'x-goog-resource-id': 'another-resource' }))).resolves.toEqual({
      status: 200,
    });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('answers 400 to missing or malformed headers, before looking anything up', async () => {
    const { handle, onChange, lookupChannel } = setup();
    for (const bad of [
      {},
      headers({ 'x-goog-channel-id': undefined }),
      headers({ 'x-goog-resource-id': undefined }),
      headers({ 'x-goog-resource-state': 'changed' }),
      headers({ 'x-goog-message-number': 'two' }),
      headers({ 'x-goog-channel-id': 'c'.repeat(65) }),
      { ...headers(), 'X-Goog-Channel-ID': 'channel-2' },
    ]) {
      await expect(handle(bad)).resolves.toEqual({ status: 400 });
    }
    await expect(handle({ ...headers(), 'x-goog-resource-state': ['exists', 'sync'] })).resolves.toEqual({
      status: 400,
    });
    expect(lookupChannel).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('answers 500 when the channel cannot be looked up or the sync cannot be queued, so Google retries', async () => {
    const failingLookup = setup({
      lookupChannel: async () => {
        throw new Error('store down');
      },
    });
    await expect(failingLookup.handle(headers())).resolves.toEqual({ status: 500 });
    expect(failingLookup.onError).toHaveBeenCalledTimes(1);

    const failingQueue = setup({
      onChange: () => {
        throw new Error('queue full');
      },
    });
    await expect(failingQueue.handle(headers())).resolves.toEqual({ status: 500 });
    expect(failingQueue.onError).toHaveBeenCalledTimes(1);
  });

  it('answers without waiting for the queued sync, and reports its failure', async () => {
    let fail: (error: Error) => void = () => {};
    const pending = new Promise<void>((_, reject) => {
      fail = reject;
    });
    const { handle, onError } = setup({ onChange: () => pending });
    await expect(handle(headers())).resolves.toEqual({ status: 200 });
    expect(onError).not.toHaveBeenCalled();
    fail(new Error('sync failed'));
    // Runs after the handler's own rejection handler, which was attached first.
    await pending.catch(() => undefined);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('notifications from the fake Google', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('accepts what Google sends for a channel the adapter created', async () => {
    const testbed = await startGoogleTestbed();
    const changes: GoogleCalendarChange[] = [];
    const registrations = new Map<string, GoogleChannelRegistration>();
    const handle = createGoogleNotificationHandler({
      lookupChannel: (id) => registrations.get(id),
      onChange: (change) => void changes.push(change),
    });
    server = createServer((request, response) => {
      void handle(request.headers).then(({ status }) => response.writeHead(status).end());
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const pushChannel = await testbed.adapter().startPush?.(testbed.source(), {
        notificationUrl: `http://127.0.0.1:${port}/webhooks/google`,
        ttlSeconds: 3600,
      });
      if (!pushChannel) throw new Error('the Google adapter supports push');
      registrations.set(pushChannel.id, {
        tenantId: 'tenant-1',
        sourceId: 'source-1',
        secret: pushChannel.secret,
        ...(pushChannel.resourceId !== undefined ? { resourceId: pushChannel.resourceId } : {}),
      });

      await expect(testbed.fake.notify(pushChannel.id, 'sync')).resolves.toEqual({ status: 200 });
      expect(changes).toEqual([]);
      await expect(testbed.fake.notify(pushChannel.id, 'exists')).resolves.toEqual({ status: 200 });
      expect(changes).toMatchObject([{ tenantId: 'tenant-1', sourceId: 'source-1' }]);

      registrations.delete(pushChannel.id);
      await expect(testbed.fake.notify(pushChannel.id, 'exists')).resolves.toEqual({ status: 404 });
      expect(changes).toHaveLength(1);
    } finally {
      await testbed.fake.stop();
    }
  });
});
