import {
  type CalendarChanges,
  type CalendarSource,
  type CalendarSourceAdapter,
  isIanaTimeZone,
  parseIcs,
  type ZoneDefinitions,
} from '@wygc/routing-core';
import { z } from 'zod';
import { type CalDavCollection, type CalDavRequestContext, createCalDavClient } from './caldav-client.ts';
import { icsAuthorization } from './ics-credentials.ts';
import type { IcsHttpOptions } from './ics-http-client.ts';
import { readIcsJsonCursor } from './ics-json-cursor.ts';
import { icsParseCalendar } from './ics-parse-calendar.ts';
import { icsUpserts } from './ics-upserts.ts';
import { SyncError } from './sync-error.ts';

export type CalDavAdapterOptions = IcsHttpOptions;

/** The stored cursor: the collection's sync token (RFC 6578), else its CTag. */
const calDavCursorSchema = z.object({ syncToken: z.string().optional(), ctag: z.string().optional() });

type CalDavCursor = z.infer<typeof calDavCursorSchema>;

const writeCursor = ({ syncToken, ctag }: CalDavCursor): string | undefined =>
  syncToken || ctag
    ? JSON.stringify({ ...(syncToken ? { syncToken } : {}), ...(ctag ? { ctag } : {}) })
    : undefined;

const unchanged = (cursor: string | undefined): CalendarChanges => ({
  upserts: [],
  deletes: [],
  replaceAll: false,
  ...(cursor === undefined ? {} : { cursor }),
});

const collectionUrl = (externalId: string): URL => {
  if (!URL.canParse(externalId))
    throw new SyncError('INVALID_CONFIG', 'the CalDAV calendar URL is not a valid URL');
  return new URL(externalId);
};

const requireCalendar = (collection: CalDavCollection): void => {
  if (!collection.isCalendar) {
    throw new SyncError(
      'INVALID_CONFIG',
      'the URL is not a CalDAV calendar collection; use the URL of one calendar',
    );
  }
};

/**
 * The collection's calendar-timezone as the calendar's zone, when it names an IANA zone. The property
 * is optional metadata: one that cannot be read leaves floating times in the source's own zone.
 */
const calendarZoneOf = (collection: CalDavCollection): { timeZone?: string; zones: ZoneDefinitions } => {
  if (!collection.timeZoneIcs) return { zones: {} };
  try {
    const { zones } = parseIcs(collection.timeZoneIcs);
    const tzid = Object.keys(zones)[0];
    return { ...(tzid && isIanaTimeZone(tzid) ? { timeZone: tzid } : {}), zones };
  } catch {
    return { zones: {} };
  }
};

/**
 * Syncs one CalDAV calendar collection (provider "caldav"; the source's externalId is the collection
 * URL). sync-collection (RFC 6578), or the CTag where the server has no sync tokens, only tells
 * WHETHER anything changed; a change is answered with a full listing (`replaceAll`). Why: all VEVENTs
 * of one calendar object share its href, and a removed href does not say which of our event ids it
 * held, so exact deletes would need ids the port does not keep. The cost is one calendar-query of the
 * whole collection per change, which is small for duty rosters; a server with neither sync tokens nor
 * CTags gets that listing on every poll.
 */
export const createCalDavAdapter = (options: CalDavAdapterOptions = {}): CalendarSourceAdapter => {
  const client = createCalDavClient(options);

  const contextOf = (source: CalendarSource, signal: AbortSignal | undefined): CalDavRequestContext => ({
    authorization: icsAuthorization(source.credentials),
    ...(signal ? { signal } : {}),
  });

  const fullListing = async (
    url: URL,
    source: CalendarSource,
    context: CalDavRequestContext,
    known?: CalDavCollection,
  ): Promise<CalendarChanges> => {
    // The token is read before the listing: a change in between shows up again next time, never lost.
    const collection = known ?? (await client.collection(url, context));
    requireCalendar(collection);
    const objects = await client.listObjects(url, context);
    const calendarZone = calendarZoneOf(collection);
    const defaultTimeZone = calendarZone.timeZone ?? source.timeZone;
    const zones: Record<string, string> = { ...calendarZone.zones };
    const upserts = objects.flatMap((object) => {
      const parsed = icsParseCalendar(object.calendarData, defaultTimeZone, 'a CalDAV calendar object');
      Object.assign(zones, parsed.zones);
      return icsUpserts(parsed.events, `${object.href}#`);
    });
    const cursor = writeCursor({
      ...(collection.syncToken ? { syncToken: collection.syncToken } : {}),
      ...(collection.ctag ? { ctag: collection.ctag } : {}),
    });
    return {
      upserts,
      deletes: [],
      replaceAll: true,
      ...(cursor === undefined ? {} : { cursor }),
      ...(calendarZone.timeZone ? { timeZone: calendarZone.timeZone } : {}),
      zones,
    };
  };

  return {
    provider: 'caldav',

    describe: async (source, signal) => {
      const url = collectionUrl(source.externalId);
      const collection = await client.collection(url, contextOf(source, signal));
      requireCalendar(collection);
      return {
        name: collection.displayName ?? (source.name || url.hostname),
        timeZone: calendarZoneOf(collection).timeZone ?? source.timeZone,
      };
    },

    fetchChanges: async (source, { signal }) => {
      const url = collectionUrl(source.externalId);
      const context = contextOf(source, signal);
      const cursor = readIcsJsonCursor(calDavCursorSchema, source.cursor);
      if (cursor.syncToken) {
        const delta = await client.changesSince(url, cursor.syncToken, context);
        if (!delta.valid || delta.changed) return fullListing(url, source, context);
        return unchanged(
          delta.syncToken === cursor.syncToken
            ? source.cursor
            : writeCursor({ ...cursor, syncToken: delta.syncToken }),
        );
      }
      if (cursor.ctag) {
        const collection = await client.collection(url, context);
        if (collection.ctag === cursor.ctag) return unchanged(source.cursor);
        return fullListing(url, source, context, collection);
      }
      return fullListing(url, source, context);
    },
  };
};
