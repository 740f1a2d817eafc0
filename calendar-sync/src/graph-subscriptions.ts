import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { CalendarSource, PushChannel, PushOptions } from '@wygc/routing-core';
import { z } from 'zod';
import { type GraphClient, type GraphResponse, graphErrorCode, graphResponseError } from './graph-client.ts';
import { parseGraphSource } from './graph-source.ts';
import { SyncError } from './sync-error.ts';

export interface GraphSubscriptionsConfig {
  readonly client: GraphClient;
  /** Graph's maximum subscription lifetime for Outlook events; it has changed before, hence configuration. */
  readonly maxLifetimeMinutes?: number;
  readonly now?: () => number;
  readonly randomBytes?: (size: number) => Buffer;
}

export const defaultMaxSubscriptionMinutes = 4230;

/** Asked-for expiries stay this far below the maximum, so clock skew never makes Graph refuse one. */
const lifetimeMarginMinutes = 15;
const minuteMs = 60_000;

const subscriptionSchema = z.looseObject({
  id: z.string().min(1),
  expirationDateTime: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time'),
});

const isSuccess = (response: GraphResponse) => response.status >= 200 && response.status <= 299;

const parseSubscription = (response: GraphResponse, what: string) => {
  const parsed = subscriptionSchema.safeParse(response.body);
  if (!parsed.success) {
    throw new SyncError('INVALID_RESPONSE', `${what}: Microsoft Graph sent an unexpected subscription`, {
      cause: parsed.error,
    });
  }
  return { id: parsed.data.id, expiresAt: Date.parse(parsed.data.expirationDateTime) };
};

/** Graph subscriptions on a calendar's events: created, renewed and deleted by the adapter. */
export const createGraphSubscriptions = (config: GraphSubscriptionsConfig) => {
  const { client } = config;
  const now = config.now ?? Date.now;
  const randomBytes = config.randomBytes ?? cryptoRandomBytes;
  const maxLifetimeMs =
    ((config.maxLifetimeMinutes ?? defaultMaxSubscriptionMinutes) - lifetimeMarginMinutes) * minuteMs;

  const expirationFor = (ttlSeconds: number): string => {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
      throw new SyncError('INVALID_CONFIG', 'Microsoft subscription: the lifetime must be positive');
    }
    return new Date(now() + Math.min(ttlSeconds * 1000, maxLifetimeMs)).toISOString();
  };

  const channelOf = (source: CalendarSource): PushChannel => {
    if (!source.channel) throw new SyncError('NOT_FOUND', 'Microsoft subscription: the source has none');
    return source.channel;
  };

  return {
    start: async (source: CalendarSource, options: PushOptions): Promise<PushChannel> => {
      const { tenantId, path } = parseGraphSource(source);
      // 32 random bytes: 43 characters, well inside Graph's 128-character limit for clientState.
      const clientState = randomBytes(32).toString('base64url');
      const response = await client.send({
        tenantId,
        method: 'POST',
        target: 'subscriptions',
        what: 'create subscription',
        body: {
          changeType: 'created,updated,deleted',
          notificationUrl: options.notificationUrl,
          ...(options.lifecycleUrl ? { lifecycleNotificationUrl: options.lifecycleUrl } : {}),
          resource: `${path}/events`,
          expirationDateTime: expirationFor(options.ttlSeconds),
          clientState,
        },
      });
      if (response.status === 400) {
        // Graph refuses a subscription whose endpoints fail its validation request, among other mistakes.
        const code = graphErrorCode(response.body) ?? 'unknown';
        throw new SyncError('INVALID_CONFIG', `Microsoft Graph refused the subscription (${code})`, {
          status: 400,
        });
      }
      if (!isSuccess(response)) throw graphResponseError(response, 'create subscription');
      const subscription = parseSubscription(response, 'create subscription');
      return { id: subscription.id, secret: clientState, expiresAt: subscription.expiresAt };
    },

    renew: async (source: CalendarSource, ttlSeconds: number): Promise<PushChannel> => {
      const { tenantId } = parseGraphSource(source);
      const channel = channelOf(source);
      const response = await client.send({
        tenantId,
        method: 'PATCH',
        target: `subscriptions/${encodeURIComponent(channel.id)}`,
        what: 'renew subscription',
        body: { expirationDateTime: expirationFor(ttlSeconds) },
      });
      if (!isSuccess(response)) throw graphResponseError(response, 'renew subscription');
      return { ...channel, expiresAt: parseSubscription(response, 'renew subscription').expiresAt };
    },

    stop: async (source: CalendarSource): Promise<void> => {
      if (!source.channel) return;
      const { tenantId } = parseGraphSource(source);
      const response = await client.send({
        tenantId,
        method: 'DELETE',
        target: `subscriptions/${encodeURIComponent(source.channel.id)}`,
        what: 'delete subscription',
      });
      // Already gone (expired or removed by Graph) is what we wanted.
      if (!isSuccess(response) && response.status !== 404)
        throw graphResponseError(response, 'delete subscription');
    },
  };
};
