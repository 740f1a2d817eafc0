import { randomBytes } from 'node:crypto';
import type { calendar_v3 } from 'googleapis';
import { DateTime } from 'luxon';
import { parseInstanceId, seriesInstance } from './google-fake-instances.ts';
import { type GoogleFakeResponse, googleApiError } from './google-fake-responses.ts';

/** An event as a test writes it; times may be wall-clock with a timeZone, or carry an offset. */
export type GoogleFakeEventInput = calendar_v3.Schema$Event & { readonly id: string };

export interface GoogleFakeCalendarOptions {
  readonly summary?: string;
  readonly timeZone?: string;
}

/** What tests do to the calendars; every change is a new entry for incremental syncs. */
export interface GoogleFakeCalendars {
  create(calendarId: string, options?: GoogleFakeCalendarOptions): void;
  /** Inserts or updates an event. */
  put(calendarId: string, event: GoogleFakeEventInput): void;
  /** Deletes an event the way Google does: it stays, with status "cancelled", for incremental syncs. */
  remove(calendarId: string, eventId: string): void;
  /** The event as events.list would return it now. */
  get(calendarId: string, eventId: string): calendar_v3.Schema$Event | undefined;
}

export interface GoogleFakeCalendarServer extends GoogleFakeCalendars {
  has(calendarId: string): boolean;
  resourceIdOf(calendarId: string): string | undefined;
  /** GET calendars/{calendarId}. */
  getCalendar(calendarId: string): GoogleFakeResponse;
  /** GET calendars/{calendarId}/events/{eventId}. */
  getEvent(calendarId: string, eventId: string, query: URLSearchParams): GoogleFakeResponse;
  /** GET calendars/{calendarId}/events. */
  listEvents(calendarId: string, query: URLSearchParams): GoogleFakeResponse;
  /** Every sync token stops working: the next incremental sync gets 410. */
  invalidateSyncTokens(): void;
}

interface StoredEvent {
  readonly resource: calendar_v3.Schema$Event;
  readonly seq: number;
}

interface FakeCalendar {
  readonly id: string;
  readonly summary: string;
  readonly timeZone: string;
  /** Google's opaque id of the calendar's events collection, as watch channels report it. */
  readonly resourceId: string;
  readonly events: Map<string, StoredEvent>;
}

interface Listing {
  readonly calendarId: string;
  readonly ids: readonly string[];
  readonly offset: number;
  /** The change sequence the listing was taken at: its nextSyncToken resumes from here. */
  readonly seq: number;
  readonly syncToken: string | null;
  readonly showDeleted: string | null;
}

const defaultPageSize = 250;
const maxPageSize = 2500;
const standardParameters = ['alt', 'fields', 'key', 'prettyPrint', 'quotaUser', 'userIp'];
const listParameters = new Set([
  ...standardParameters,
  'maxResults',
  'pageToken',
  'syncToken',
  'showDeleted',
  'singleEvents',
]);
const getParameters = new Set([...standardParameters, 'alwaysIncludeEmail', 'maxAttendees']);
/** events.list reference, syncToken: "cannot be specified together with" these. */
const forbiddenWithSyncToken = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];

/** The partial response of `fields=a,b,c`; nested selectors are beyond what the fake needs. */
const selectFields = (resource: object, fields: string | null): GoogleFakeResponse => {
  if (fields === null) return { status: 200, body: resource };
  const names = fields.split(',').map((name) => name.trim());
  if (names.some((name) => !/^\w+$/.test(name)))
    return invalidParameter('The fake does not implement nested field selectors.');
  const picked = Object.entries(resource).filter(([name]) => names.includes(name));
  return { status: 200, body: Object.fromEntries(picked) };
};

const opaqueToken = (): string => randomBytes(18).toString('base64');

const invalidParameter = (message: string): GoogleFakeResponse => googleApiError(400, 'invalid', message);

const checkInput = (event: GoogleFakeEventInput): void => {
  const cancelledInstance = event.status === 'cancelled' && event.recurringEventId;
  if (!cancelledInstance && (!event.start || !event.end))
    throw new Error(`fake event ${event.id} needs start and end`);
  if (event.recurrence?.length && event.start?.dateTime && !event.start.timeZone) {
    throw new Error(`fake event ${event.id}: Google requires start.timeZone for recurring events`);
  }
  if (event.recurringEventId && !event.originalStartTime) {
    throw new Error(`fake event ${event.id}: an instance of a series needs originalStartTime`);
  }
};

/** Google writes dateTime values in the response's zone (the calendar's), with an offset. */
const renderTime = (
  time: calendar_v3.Schema$EventDateTime | undefined,
  zone: string,
): calendar_v3.Schema$EventDateTime | undefined => {
  if (!time?.dateTime) return time;
  const instant = DateTime.fromISO(time.dateTime, { zone: time.timeZone ?? zone });
  return { ...time, dateTime: instant.setZone(zone).toISO({ suppressMilliseconds: true }) };
};

export const createGoogleFakeCalendars = (clock: () => number): GoogleFakeCalendarServer => {
  const calendars = new Map<string, FakeCalendar>();
  const syncTokens = new Map<string, { readonly calendarId: string; readonly seq: number }>();
  const pageTokens = new Map<string, Listing>();
  let seq = 0;

  const calendarOf = (calendarId: string): FakeCalendar => {
    const calendar = calendars.get(calendarId);
    if (!calendar) throw new Error(`fake calendar ${calendarId} was not created`);
    return calendar;
  };

  const store = (calendar: FakeCalendar, resource: calendar_v3.Schema$Event): void => {
    seq += 1;
    const id = resource.id ?? '';
    calendar.events.set(id, {
      resource: { ...resource, etag: `"${seq}"`, updated: new Date(clock()).toISOString() },
      seq,
    });
  };

  /** Cancelled instances carry only what Google promises; so do deletions in a sync without showDeleted. */
  const render = (calendar: FakeCalendar, resource: calendar_v3.Schema$Event, details: boolean) => {
    const { kind, etag, id, status, recurringEventId, originalStartTime } = resource;
    if (status === 'cancelled' && recurringEventId) {
      return {
        kind,
        etag,
        id,
        status,
        recurringEventId,
        originalStartTime: renderTime(originalStartTime, calendar.timeZone),
      };
    }
    if (status === 'cancelled' && !details) return { kind, etag, id, status };
    return {
      ...resource,
      start: renderTime(resource.start, calendar.timeZone),
      end: renderTime(resource.end, calendar.timeZone),
      ...(originalStartTime ? { originalStartTime: renderTime(originalStartTime, calendar.timeZone) } : {}),
    };
  };

  /** A stored event (deleted ones too), or an instance of a stored series that no exception replaced. */
  const eventOf = (calendar: FakeCalendar, eventId: string): calendar_v3.Schema$Event | undefined => {
    const stored = calendar.events.get(eventId);
    if (stored) return stored.resource;
    const instance = parseInstanceId(eventId);
    const master = instance && calendar.events.get(instance.seriesId)?.resource;
    if (!instance || !master || master.status === 'cancelled') return undefined;
    return seriesInstance(master, instance, calendar.timeZone);
  };

  /** A full listing hides deleted events but keeps cancelled instances of live series. */
  const visible = (
    calendar: FakeCalendar,
    resource: calendar_v3.Schema$Event,
    showDeleted: boolean,
  ): boolean => {
    if (showDeleted || resource.status !== 'cancelled') return true;
    const master = resource.recurringEventId ? calendar.events.get(resource.recurringEventId) : undefined;
    return master !== undefined && master.resource.status !== 'cancelled';
  };

  const startListing = (calendar: FakeCalendar, query: URLSearchParams): Listing | GoogleFakeResponse => {
    const syncToken = query.get('syncToken');
    const showDeleted = query.get('showDeleted');
    const base = { calendarId: calendar.id, offset: 0, seq, syncToken, showDeleted };
    if (syncToken === null) {
      const ids = [...calendar.events.values()]
        .filter((stored) => visible(calendar, stored.resource, showDeleted === 'true'))
        .map((stored) => stored.resource.id ?? '');
      return { ...base, ids };
    }
    const since = syncTokens.get(syncToken);
    if (since?.calendarId !== calendar.id) {
      return googleApiError(
        410,
        'fullSyncRequired',
        'Sync token is no longer valid, a full sync is required.',
      );
    }
    const changed = [...calendar.events.values()].filter((stored) => stored.seq > since.seq);
    return { ...base, ids: changed.sort((a, b) => a.seq - b.seq).map((stored) => stored.resource.id ?? '') };
  };

  const checkListQuery = (query: URLSearchParams): GoogleFakeResponse | undefined => {
    if (query.has('syncToken')) {
      const forbidden = forbiddenWithSyncToken.find((name) => query.has(name));
      if (forbidden) return invalidParameter(`Sync token cannot be combined with ${forbidden}.`);
      if (query.get('showDeleted') === 'false')
        return invalidParameter('showDeleted cannot be false with a sync token.');
    }
    const unsupported = [...query.keys()].find((name) => !listParameters.has(name));
    if (unsupported) return invalidParameter(`The fake does not implement the parameter ${unsupported}.`);
    if (query.get('singleEvents') === 'true')
      return invalidParameter('The fake does not implement singleEvents=true.');
    return undefined;
  };

  const pageSizeOf = (query: URLSearchParams): number | undefined => {
    const value = query.get('maxResults');
    if (value === null) return defaultPageSize;
    const size = Number(value);
    return Number.isInteger(size) && size > 0 ? Math.min(size, maxPageSize) : undefined;
  };

  /** Page tokens belong to one listing and must come with the same syncToken and showDeleted. */
  const resumeListing = (
    calendarId: string,
    query: URLSearchParams,
    pageToken: string,
  ): Listing | undefined => {
    const listing = pageTokens.get(pageToken);
    const same =
      listing?.calendarId === calendarId &&
      listing.syncToken === query.get('syncToken') &&
      listing.showDeleted === query.get('showDeleted');
    return same ? listing : undefined;
  };

  const page = (calendar: FakeCalendar, listing: Listing, size: number): GoogleFakeResponse => {
    const ids = listing.ids.slice(listing.offset, listing.offset + size);
    const details = listing.syncToken === null || listing.showDeleted === 'true';
    const items = ids.flatMap((id) => {
      const stored = calendar.events.get(id);
      return stored ? [render(calendar, stored.resource, details)] : [];
    });
    const rest = listing.offset + size < listing.ids.length;
    const token = opaqueToken();
    if (rest) pageTokens.set(token, { ...listing, offset: listing.offset + size });
    else syncTokens.set(token, { calendarId: calendar.id, seq: listing.seq });
    return {
      status: 200,
      body: {
        kind: 'calendar#events',
        etag: `"${seq}"`,
        summary: calendar.summary,
        description: '',
        updated: new Date(clock()).toISOString(),
        timeZone: calendar.timeZone,
        accessRole: 'owner',
        defaultReminders: [],
        ...(rest ? { nextPageToken: token } : { nextSyncToken: token }),
        items,
      },
    };
  };

  const notFound = (): GoogleFakeResponse => googleApiError(404, 'notFound', 'Not Found');

  return {
    create: (calendarId, options = {}) => {
      calendars.set(calendarId, {
        id: calendarId,
        summary: options.summary ?? calendarId,
        timeZone: options.timeZone ?? 'Europe/Amsterdam',
        resourceId: randomBytes(20).toString('base64url'),
        events: new Map(),
      });
    },
    put: (calendarId, event) => {
      checkInput(event);
      const calendar = calendarOf(calendarId);
      const previous = calendar.events.get(event.id)?.resource;
      const created = previous?.created ?? new Date(clock()).toISOString();
      const iCalUID = `${event.recurringEventId ?? event.id}@google.com`;
      store(calendar, {
        kind: 'calendar#event',
        status: 'confirmed',
        htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(event.id).toString('base64url')}`,
        created,
        creator: { email: calendarId, self: true },
        organizer: { email: calendarId, self: true },
        iCalUID,
        sequence: 0,
        reminders: { useDefault: true },
        eventType: 'default',
        ...event,
      });
    },
    remove: (calendarId, eventId) => {
      const calendar = calendarOf(calendarId);
      const stored = calendar.events.get(eventId);
      if (!stored) throw new Error(`fake event ${eventId} does not exist`);
      store(calendar, { ...stored.resource, status: 'cancelled' });
    },
    get: (calendarId, eventId) => {
      const calendar = calendarOf(calendarId);
      const stored = calendar.events.get(eventId);
      return stored ? render(calendar, stored.resource, true) : undefined;
    },
    has: (calendarId) => calendars.has(calendarId),
    resourceIdOf: (calendarId) => calendars.get(calendarId)?.resourceId,
    getCalendar: (calendarId) => {
      const calendar = calendars.get(calendarId);
      if (!calendar) return notFound();
      const { id, summary, timeZone } = calendar;
      return {
        status: 200,
        body: {
          kind: 'calendar#calendar',
          etag: `"${seq}"`,
          id,
          summary,
          timeZone,
          conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
        },
      };
    },
    getEvent: (calendarId, eventId, query) => {
      const calendar = calendars.get(calendarId);
      if (!calendar) return notFound();
      const unsupported = [...query.keys()].find((name) => !getParameters.has(name));
      if (unsupported) return invalidParameter(`The fake does not implement the parameter ${unsupported}.`);
      const found = eventOf(calendar, eventId);
      if (!found) return notFound();
      return selectFields(render(calendar, found, true), query.get('fields'));
    },
    listEvents: (calendarId, query) => {
      const calendar = calendars.get(calendarId);
      if (!calendar) return notFound();
      const refused = checkListQuery(query);
      if (refused) return refused;
      const size = pageSizeOf(query);
      if (size === undefined) return invalidParameter('Invalid value for: maxResults');
      const pageToken = query.get('pageToken');
      const listing =
        pageToken === null ? startListing(calendar, query) : resumeListing(calendarId, query, pageToken);
      if (listing === undefined) return invalidParameter('Invalid page token value.');
      return 'ids' in listing ? page(calendar, listing, size) : listing;
    },
    invalidateSyncTokens: () => syncTokens.clear(),
  };
};
