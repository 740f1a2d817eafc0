import { type DAVResponse, davRequest, propfind, syncCollection } from 'tsdav';
import { z } from 'zod';
import { createIcsHttpClient, type IcsHttpOptions } from './ics-http-client.ts';
import { SyncError, syncErrorFromStatus } from './sync-error.ts';

/** What a PROPFIND tells about a calendar collection. */
export interface CalDavCollection {
  readonly isCalendar: boolean;
  readonly displayName?: string;
  /** The CALDAV:calendar-timezone property: a VCALENDAR holding one VTIMEZONE. */
  readonly timeZoneIcs?: string;
  /** Present when the server supports sync-collection (RFC 6578 §4). */
  readonly syncToken?: string;
  readonly ctag?: string;
}

export type CalDavDelta =
  | { readonly valid: false }
  | { readonly valid: true; readonly changed: boolean; readonly syncToken: string };

export interface CalDavObject {
  readonly href: string;
  readonly calendarData: string;
}

export interface CalDavRequestContext {
  readonly authorization: string | undefined;
  readonly signal?: AbortSignal;
}

export interface CalDavClient {
  collection(url: URL, context: CalDavRequestContext): Promise<CalDavCollection>;
  /** sync-collection since a token; `valid: false` when the server no longer honours the token. */
  changesSince(url: URL, syncToken: string, context: CalDavRequestContext): Promise<CalDavDelta>;
  /** Every calendar object with a VEVENT (calendar-query). */
  listObjects(url: URL, context: CalDavRequestContext): Promise<CalDavObject[]>;
}

const what = 'CalDAV calendar';

// tsdav turns text that looks like a number or boolean into one, and empty elements into {}.
const davText = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const davData = z.union([davText, z.object({ _cdata: z.string() }).transform((value) => value._cdata)]);
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const collectionPropsSchema = z.object({
  displayname: optional(davText),
  resourcetype: optional(z.record(z.string(), z.unknown())),
  syncToken: optional(davText),
  getctag: optional(davText),
  calendarTimezone: optional(davData),
});

const objectSchema = z.object({ href: davText, props: z.object({ calendarData: davData }) });

const syncTokenSchema = z.object({ multistatus: z.object({ syncToken: davText }) });

const isMultistatus = (response: DAVResponse): boolean =>
  typeof response.raw === 'object' && response.raw !== null && 'multistatus' in response.raw;

/** A DAV request must come back as a multistatus; anything else is the status's error. */
const multistatus = (responses: readonly DAVResponse[]): readonly DAVResponse[] => {
  const first = responses[0];
  if (first && !isMultistatus(first)) {
    throw first.ok
      ? new SyncError('INVALID_RESPONSE', `${what}: the server did not answer as a CalDAV server`)
      : syncErrorFromStatus(first.status, what);
  }
  return responses;
};

const invalid = (error: z.ZodError) =>
  new SyncError(
    'INVALID_RESPONSE',
    `${what}: the server's answer lacks ${error.issues[0]?.path.join('.') || 'data'}`,
  );

/** Statuses the DAV layer must see itself: 403 and 409 also carry sync-collection preconditions. */
const davStatuses = new Set([403, 409]);

/** A listing holds every object of the collection, years of history included. */
const defaultCalDavMaxBytes = 20 * 1024 * 1024;

/**
 * CalDAV requests through tsdav, over the guarded ICS HTTP client (network policy, size and time
 * limits; 20 MB by default here). Answers are validated with zod: tsdav passes on whatever XML came.
 */
export const createCalDavClient = (options: IcsHttpOptions): CalDavClient => {
  const http = createIcsHttpClient({ ...options, maxBytes: options.maxBytes ?? defaultCalDavMaxBytes }, what);

  const fetchVia: typeof fetch = async (input, init = {}) => {
    const response = await http.request(new URL(input instanceof Request ? input.url : input), {
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers)),
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
      signal: init.signal ?? null,
    });
    if (response.status >= 400 && !davStatuses.has(response.status)) {
      throw syncErrorFromStatus(response.status, what, response.headers.get('retry-after'));
    }
    return new Response(response.text || null, { status: response.status, headers: response.headers });
  };

  const request = ({ authorization, signal }: CalDavRequestContext) => {
    const headers: Record<string, string> = authorization ? { authorization } : {};
    return { headers, fetch: fetchVia, fetchOptions: signal ? { signal } : {} };
  };

  return {
    collection: async (url, context) => {
      const responses = multistatus(
        await propfind({
          url: url.href,
          depth: '0',
          props: {
            'd:displayname': {},
            'd:resourcetype': {},
            'd:sync-token': {},
            'cs:getctag': {},
            'c:calendar-timezone': {},
          },
          ...request(context),
        }),
      );
      const parsed = collectionPropsSchema.safeParse(responses[0]?.props ?? {});
      if (!parsed.success) throw invalid(parsed.error);
      const { displayname, resourcetype, syncToken, getctag, calendarTimezone } = parsed.data;
      return {
        isCalendar: resourcetype?.calendar !== undefined,
        ...(displayname ? { displayName: displayname } : {}),
        ...(calendarTimezone ? { timeZoneIcs: calendarTimezone } : {}),
        ...(syncToken ? { syncToken } : {}),
        ...(getctag ? { ctag: getctag } : {}),
      };
    },

    changesSince: async (url, syncToken, context) => {
      const responses = await syncCollection({
        url: url.href,
        props: { 'd:getetag': {} },
        syncLevel: 1,
        syncToken,
        ...request(context),
      });
      const first = responses[0];
      if (
        first &&
        !isMultistatus(first) &&
        davStatuses.has(first.status) &&
        /valid-sync-token|supported-report/.test(String(first.raw))
      ) {
        return { valid: false };
      }
      const token = syncTokenSchema.safeParse(multistatus(responses)[0]?.raw);
      if (!token.success) throw invalid(token.error);
      // An empty multistatus comes back from tsdav as one entry without an href.
      return {
        valid: true,
        changed: responses.some((r) => r.href !== undefined),
        syncToken: token.data.multistatus.syncToken,
      };
    },

    listObjects: async (url, context) => {
      const { headers, ...rest } = request(context);
      const responses = multistatus(
        await davRequest({
          url: url.href,
          init: {
            method: 'REPORT',
            namespace: 'c',
            headers: { ...headers, depth: '1' },
            body: {
              'calendar-query': {
                _attributes: { 'xmlns:c': 'urn:ietf:params:xml:ns:caldav', 'xmlns:d': 'DAV:' },
                'd:prop': { 'd:getetag': {}, 'c:calendar-data': {} },
                filter: {
                  'comp-filter': {
                    _attributes: { name: 'VCALENDAR' },
                    'comp-filter': { _attributes: { name: 'VEVENT' } },
                  },
                },
              },
            },
          },
          ...rest,
        }),
      );
      return responses
        .filter((r) => r.href !== undefined)
        .map((r) => {
          const parsed = objectSchema.safeParse(r);
          if (!parsed.success) throw invalid(parsed.error);
          return { href: parsed.data.href, calendarData: parsed.data.props.calendarData };
        });
    },
  };
};
