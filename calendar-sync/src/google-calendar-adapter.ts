import { randomBytes, randomUUID } from 'node:crypto';
import type {
  CalendarChanges,
  CalendarSource,
  CalendarSourceAdapter,
  FetchOptions,
  PushChannel,
  PushOptions,
} from '@wygc/routing-core';
import { type calendar_v3, google } from 'googleapis';
import type { z } from 'zod';
import {
  type GoogleEvent,
  googleCalendarSchema,
  googleChannelSchema,
  googleEventsPageSchema,
} from './google-api-schemas.ts';
import type { GoogleAuth } from './google-auth.ts';
import { mapGoogleEvents } from './google-event-mapper.ts';
import { googleSyncError } from './google-sync-error.ts';
import { SyncError } from './sync-error.ts';

export interface GoogleCalendarAdapterConfig {
  readonly auth: GoogleAuth;
  /** The API's root URL, "https://www.googleapis.com/" unless set (tests point it at the fake). */
  readonly rootUrl?: string;
  /** Events per events.list page; Google's default is 250, its maximum 2500. */
  readonly maxResults?: number;
}

const defaultMaxResults = 250;

/** The token Google echoes in X-Goog-Channel-Token: 32 random bytes, base64url. */
const newChannelSecret = (): string => randomBytes(32).toString('base64url');

const parseResponse = <T>(schema: z.ZodType<T>, data: unknown, what: string): T => {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(
    0,
    5,
  );
  throw new SyncError('INVALID_RESPONSE', `${what}: unexpected response (${fields.join(', ')})`);
};

interface Listing {
  readonly items: readonly GoogleEvent[];
  readonly cursor: string | undefined;
  readonly timeZone: string | undefined;
}

/**
 * Calendar source adapter for Google Calendar (DESIGN §5). Lists masters and exceptions
 * (`singleEvents: false`; routing-core expands series) and syncs incrementally with sync tokens.
 * Errors become SyncErrors without retries: backing off is the pipeline's job (retryWithBackoff), so
 * the googleapis client's own retries are switched off.
 */
export const createGoogleCalendarAdapter = (config: GoogleCalendarAdapterConfig): CalendarSourceAdapter => {
  const maxResults = config.maxResults ?? defaultMaxResults;

  const calendarFor = (source: CalendarSource): calendar_v3.Calendar =>
    google.calendar({
      version: 'v3',
      auth: config.auth.clientFor(source),
      retry: false,
      ...(config.rootUrl !== undefined ? { rootUrl: config.rootUrl } : {}),
    });

  /** A refused access token is not reused: the next call gets a fresh client and token. */
  const call = async <T>(
    what: string,
    source: CalendarSource,
    signal: AbortSignal | undefined,
    request: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const mapped = googleSyncError(error, what);
      if (mapped.code === 'AUTH_FAILED') config.auth.forget(source.id);
      throw mapped;
    }
  };

  /** Follows nextPageToken to the last page, whose nextSyncToken is the next cursor. */
  const listAll = async (
    source: CalendarSource,
    syncToken: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Listing> => {
    const calendar = calendarFor(source);
    const what = 'Google events.list';
    const items: GoogleEvent[] = [];
    let timeZone: string | undefined;
    let pageToken: string | undefined;
    for (;;) {
      const params: calendar_v3.Params$Resource$Events$List = {
        calendarId: source.externalId,
        singleEvents: false,
        maxResults,
        // Deleted events always come with a sync token; asking for them also brings their details.
        ...(syncToken !== undefined ? { syncToken, showDeleted: true } : {}),
        ...(pageToken !== undefined ? { pageToken } : {}),
      };
      const response = await call(what, source, signal, () => calendar.events.list(params, { signal }));
      const page = parseResponse(googleEventsPageSchema, response.data, what);
      items.push(...page.items);
      timeZone ??= page.timeZone;
      if (page.nextPageToken === undefined) return { items, cursor: page.nextSyncToken, timeZone };
      pageToken = page.nextPageToken;
    }
  };

  const changesOf = (source: CalendarSource, listing: Listing, replaceAll: boolean): CalendarChanges => {
    const timeZone = listing.timeZone ?? source.timeZone;
    return {
      ...mapGoogleEvents(listing.items, timeZone),
      replaceAll,
      ...(listing.cursor !== undefined ? { cursor: listing.cursor } : {}),
      timeZone,
    };
  };

  /** 410 GONE (fullSyncRequired) means the sync token expired: start over with a full listing. */
  const fetchChanges = async (source: CalendarSource, options: FetchOptions): Promise<CalendarChanges> => {
    if (source.cursor !== undefined) {
      try {
        return changesOf(source, await listAll(source, source.cursor, options.signal), false);
      } catch (error) {
        if (!(error instanceof SyncError && error.status === 410)) throw error;
      }
    }
    return changesOf(source, await listAll(source, undefined, options.signal), true);
  };

  const describe = async (source: CalendarSource, signal?: AbortSignal) => {
    const what = 'Google calendars.get';
    const calendar = calendarFor(source);
    const response = await call(what, source, signal, () =>
      calendar.calendars.get({ calendarId: source.externalId }, { signal }),
    );
    const { summary, timeZone } = parseResponse(googleCalendarSchema, response.data, what);
    return { name: summary, timeZone };
  };

  const startPush = async (source: CalendarSource, options: PushOptions): Promise<PushChannel> => {
    const what = 'Google events.watch';
    const id = randomUUID();
    const secret = newChannelSecret();
    const calendar = calendarFor(source);
    const response = await call(what, source, undefined, () =>
      calendar.events.watch({
        calendarId: source.externalId,
        requestBody: {
          id,
          type: 'web_hook',
          address: options.notificationUrl,
          token: secret,
          params: { ttl: String(options.ttlSeconds) },
        },
      }),
    );
    const channel = parseResponse(googleChannelSchema, response.data, what);
    if (channel.id !== id) throw new SyncError('INVALID_RESPONSE', `${what}: the channel id was not echoed`);
    return { id, secret, resourceId: channel.resourceId, expiresAt: Number(channel.expiration) };
  };

  /**
   * A channel Google no longer knows (expired, or stopped before) counts as stopped. Without a resource
   * id nothing can be stopped (Google requires it); such a channel simply runs out.
   */
  const stopPush = async (source: CalendarSource): Promise<void> => {
    const { channel } = source;
    if (channel?.resourceId === undefined) return;
    const { id, resourceId } = channel;
    const calendar = calendarFor(source);
    try {
      await call('Google channels.stop', source, undefined, () =>
        calendar.channels.stop({ requestBody: { id, resourceId } }),
      );
    } catch (error) {
      if (!(error instanceof SyncError && error.code === 'NOT_FOUND')) throw error;
    }
  };

  return { provider: 'google', describe, fetchChanges, startPush, stopPush };
};
