import { createHash } from 'node:crypto';
import type { CalendarChanges, CalendarSource, CalendarSourceAdapter } from '@wygc/routing-core';
import { z } from 'zod';
import { icsAuthorization } from './ics-credentials.ts';
import { createIcsHttpClient, type IcsHttpOptions, type IcsHttpResponse } from './ics-http-client.ts';
import { readIcsJsonCursor } from './ics-json-cursor.ts';
import { icsParseCalendar } from './ics-parse-calendar.ts';
import { icsUpserts } from './ics-upserts.ts';
import { SyncError, syncErrorFromStatus } from './sync-error.ts';

export type IcsUrlAdapterOptions = IcsHttpOptions;

const what = 'ICS calendar';

/** The stored cursor: the feed's validators, and a hash for feeds that send none. */
const icsCursorSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  sha256: z.string().optional(),
});

type IcsCursor = z.infer<typeof icsCursorSchema>;

const writeCursor = (response: IcsHttpResponse, sha256: string): string => {
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  const cursor: IcsCursor = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), sha256 };
  return JSON.stringify(cursor);
};

/** webcal:// is a hint to open a calendar app; the feed itself is served over HTTPS. */
const feedUrl = (externalId: string): URL => {
  const rewritten = externalId.trim().replace(/^webcals?:\/\//i, 'https://');
  if (!URL.canParse(rewritten)) throw new SyncError('INVALID_CONFIG', 'the calendar URL is not a valid URL');
  return new URL(rewritten);
};

const unchanged = (cursor: string | undefined): CalendarChanges => ({
  upserts: [],
  deletes: [],
  replaceAll: false,
  ...(cursor === undefined ? {} : { cursor }),
});

/**
 * Polls an ICS feed (provider "ics") with a conditional GET. A feed has no deltas, so every changed
 * download is a full listing (`replaceAll`); 304, or the same bytes again, is "no changes".
 */
export const createIcsUrlAdapter = (options: IcsUrlAdapterOptions = {}): CalendarSourceAdapter => {
  const http = createIcsHttpClient(options, what);

  const download = async (source: CalendarSource, cursor: IcsCursor, signal?: AbortSignal) => {
    const authorization = icsAuthorization(source.credentials);
    const response = await http.request(feedUrl(source.externalId), {
      headers: {
        accept: 'text/calendar, */*;q=0.1',
        ...(authorization ? { authorization } : {}),
        ...(cursor.etag ? { 'if-none-match': cursor.etag } : {}),
        ...(cursor.lastModified ? { 'if-modified-since': cursor.lastModified } : {}),
      },
      signal: signal ?? null,
    });
    if (response.status !== 200 && response.status !== 304) {
      throw syncErrorFromStatus(response.status, what, response.headers.get('retry-after'));
    }
    return response;
  };

  return {
    provider: 'ics',

    describe: async (source, signal) => {
      const response = await download(source, {}, signal);
      const parsed = icsParseCalendar(response.text, source.timeZone, what);
      return {
        name: parsed.name ?? (source.name || feedUrl(source.externalId).hostname),
        timeZone: parsed.timeZone,
      };
    },

    fetchChanges: async (source, { signal }) => {
      const previous = readIcsJsonCursor(icsCursorSchema, source.cursor);
      const response = await download(source, previous, signal);
      if (response.status === 304) return unchanged(source.cursor);
      const sha256 = createHash('sha256').update(response.text).digest('base64url');
      const cursor = writeCursor(response, sha256);
      if (sha256 === previous.sha256) return unchanged(cursor);
      const parsed = icsParseCalendar(response.text, source.timeZone, what);
      return {
        upserts: icsUpserts(parsed.events),
        deletes: [],
        replaceAll: true,
        cursor,
        timeZone: parsed.timeZone,
        zones: parsed.zones,
      };
    },
  };
};
