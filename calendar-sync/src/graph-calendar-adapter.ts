import {
  type CalendarSource,
  type CalendarSourceAdapter,
  createTimeZoneResolver,
  isRoutingError,
  type PushChannel,
  type PushOptions,
} from '@wygc/routing-core';
import { z } from 'zod';
import { createGraphClient, type GraphClient } from './graph-client.ts';
import { createGraphDeltaSync } from './graph-delta-sync.ts';
import { parseGraphSource } from './graph-source.ts';
import { createGraphSubscriptions } from './graph-subscriptions.ts';
import type { GraphTokenProvider } from './graph-token-provider.ts';
import { isSyncError } from './sync-error.ts';

export interface GraphCalendarAdapterConfig {
  readonly tokens: GraphTokenProvider;
  /** Default https://graph.microsoft.com/v1.0. */
  readonly baseUrl?: string;
  readonly maxPageSize?: number;
  /** How far the horizon may move before the calendar view is listed afresh (default one day). */
  readonly rebaselineAfterMs?: number;
  /** Graph's maximum subscription lifetime for events (default 4230 minutes). */
  readonly maxSubscriptionMinutes?: number;
  /** Used when the mailbox's own time zone cannot be read (default Europe/Amsterdam). */
  readonly defaultTimeZone?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** The port plus what the daily scheduler needs: renewing a subscription in place. */
export interface GraphCalendarAdapter extends CalendarSourceAdapter {
  startPush(source: CalendarSource, options: PushOptions): Promise<PushChannel>;
  renewPush(source: CalendarSource, ttlSeconds: number): Promise<PushChannel>;
  stopPush(source: CalendarSource): Promise<void>;
}

const calendarSchema = z.looseObject({ name: z.string() });
const mailboxTimeZoneSchema = z.looseObject({ value: z.string().min(1) });

/**
 * The mailbox's time zone needs MailboxSettings.Read, which the app may not have been granted beside
 * Calendars.Read; without it (or with a zone nobody knows) the configured default applies.
 */
const readMailboxTimeZone = async (
  client: GraphClient,
  tenantId: string,
  userId: string,
  signal: AbortSignal | undefined,
): Promise<string | undefined> => {
  try {
    const setting = await client.request(
      {
        tenantId,
        method: 'GET',
        target: `users/${userId}/mailboxSettings/timeZone`,
        signal,
        what: 'mailbox time zone',
      },
      mailboxTimeZoneSchema,
    );
    return createTimeZoneResolver()(setting.value).id;
  } catch (error) {
    if (isSyncError(error, 'AUTH_FAILED') || isSyncError(error, 'NOT_FOUND') || isRoutingError(error))
      return undefined;
    throw error;
  }
};

/** Microsoft 365 calendars through Microsoft Graph (DESIGN §5), app-only with the customer's tenant. */
export const createGraphCalendarAdapter = (config: GraphCalendarAdapterConfig): GraphCalendarAdapter => {
  const client = createGraphClient(config);
  const deltaSync = createGraphDeltaSync({
    client,
    maxPageSize: config.maxPageSize,
    rebaselineAfterMs: config.rebaselineAfterMs,
  });
  const subscriptions = createGraphSubscriptions({
    client,
    maxLifetimeMinutes: config.maxSubscriptionMinutes,
    now: config.now,
  });
  const defaultTimeZone = config.defaultTimeZone ?? 'Europe/Amsterdam';

  return {
    provider: 'microsoft',
    describe: async (source, signal) => {
      const { tenantId, path, userId } = parseGraphSource(source);
      const calendar = await client.request(
        { tenantId, method: 'GET', target: path, signal, what: 'read calendar' },
        calendarSchema,
      );
      const timeZone = (await readMailboxTimeZone(client, tenantId, userId, signal)) ?? defaultTimeZone;
      return { name: calendar.name, timeZone };
    },
    fetchChanges: deltaSync.fetchChanges,
    startPush: subscriptions.start,
    renewPush: subscriptions.renew,
    stopPush: subscriptions.stop,
  };
};
