import { randomBytes } from 'node:crypto';
import { createTimeZoneResolver, type Period } from '@wygc/routing-core';
import { type GraphFakeResponse, graphFakeError } from './graph-fake-response.ts';

export interface GraphFakeDateTime {
  /** Local time in `timeZone`, with or without Graph's fractional seconds. */
  readonly dateTime: string;
  /** An IANA or Windows zone name, or "UTC". */
  readonly timeZone: string;
}

/** An event as a test writes it; the fake fills in the rest of Graph's event resource. */
export interface GraphFakeEventInput {
  readonly id?: string;
  readonly subject?: string | null;
  readonly start: GraphFakeDateTime;
  readonly end: GraphFakeDateTime;
  readonly isAllDay?: boolean;
  readonly isCancelled?: boolean;
  readonly type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  readonly seriesMasterId?: string;
  /** For occurrences and exceptions: the original start, as an ISO instant. */
  readonly originalStart?: string;
  readonly showAs?: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  readonly response?: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
}

interface StoredEvent {
  readonly input: GraphFakeEventInput & { readonly id: string };
  readonly changedAt: number;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

interface FakeCalendar {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly events: Map<string, StoredEvent>;
  /** Deleted event ids and when they were deleted. */
  readonly removed: Map<string, number>;
}

type Entry =
  | { readonly kind: 'event'; readonly stored: StoredEvent }
  | { readonly kind: 'removed'; readonly id: string };

interface Round {
  readonly path: string;
  readonly window: Period;
  readonly entries: readonly Entry[];
  /** The change counter the round saw; its deltaLink returns what changed after it. */
  readonly seq: number;
}

interface DeltaToken {
  readonly path: string;
  readonly window: Period;
  readonly seq: number;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;

/** Local date-time fields as if they were UTC, the way routing-core's zones take wall time. */
const wallOf = (dateTime: string): number => {
  const match = localPattern.exec(dateTime);
  if (!match) throw new Error(`graph fake: "${dateTime}" is not a local date-time`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
};

/** Graph's own format: seconds plus seven fractional digits. */
const formatWall = (wall: number): string => `${new Date(wall).toISOString().slice(0, 19)}.0000000`;

const randomId = (): string => `AAMkAD${randomBytes(18).toString('base64url')}=`;

/**
 * The calendars of the fake with Graph's calendarView delta semantics: a round lists the window in
 * pages (nextLink with $skiptoken) and ends with a deltaLink ($deltatoken); a deltaLink returns the
 * events changed since its round, and `@removed` for those deleted or moved out of the window.
 * Without `Prefer: outlook.timezone` times are written in UTC, as Graph does.
 */
export const createGraphFakeCalendars = (options: {
  readonly baseUrl: () => string;
  readonly defaultPageSize: number;
}) => {
  const resolveZone = createTimeZoneResolver();
  const calendars = new Map<string, FakeCalendar>();
  const skipTokens = new Map<string, { readonly round: Round; readonly offset: number }>();
  const deltaTokens = new Map<string, DeltaToken>();
  let seq = 0;

  const instantOf = (time: GraphFakeDateTime): number =>
    resolveZone(time.timeZone).toInstant(wallOf(time.dateTime));

  const overlaps = (input: GraphFakeEventInput, window: Period): boolean =>
    instantOf(input.start) < window.end && instantOf(input.end) > window.start;

  const writeTime = (time: GraphFakeDateTime, allDay: boolean, zone: string): GraphFakeDateTime => {
    if (allDay) return { dateTime: formatWall(wallOf(time.dateTime)), timeZone: zone };
    return { dateTime: formatWall(resolveZone(zone).toWall(instantOf(time))), timeZone: zone };
  };

  const eventJson = (stored: StoredEvent, zone: string) => {
    const { input } = stored;
    const changeKey = `EZ9r3czxY0m2jz8c45czkw${String(stored.changedAt).padStart(6, 'A')}`;
    const allDay = input.isAllDay === true;
    return {
      '@odata.type': '#microsoft.graph.event',
      '@odata.etag': `W/"${changeKey}"`,
      id: input.id,
      createdDateTime: stored.createdAt,
      lastModifiedDateTime: stored.modifiedAt,
      changeKey,
      categories: [],
      transactionId: null,
      originalStartTimeZone: input.start.timeZone,
      originalEndTimeZone: input.end.timeZone,
      iCalUId: `040000008200E00074C5B7101A82E008${input.id.length.toString(16).padStart(8, '0')}`,
      reminderMinutesBeforeStart: 15,
      isReminderOn: !allDay,
      hasAttachments: false,
      subject: input.subject === undefined ? '' : input.subject,
      bodyPreview: '',
      importance: 'normal',
      sensitivity: 'normal',
      isAllDay: allDay,
      isCancelled: input.isCancelled === true,
      isOrganizer: true,
      responseRequested: true,
      seriesMasterId: input.seriesMasterId ?? null,
      showAs: input.showAs ?? 'busy',
      type: input.type ?? 'singleInstance',
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(input.id)}&exvsurl=1&path=/calendar/item`,
      onlineMeetingUrl: null,
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      allowNewTimeProposals: true,
      isDraft: false,
      hideAttendees: false,
      responseStatus: { response: input.response ?? 'organizer', time: '0001-01-01T00:00:00Z' },
      body: { contentType: 'html', content: '' },
      start: writeTime(input.start, allDay, zone),
      end: writeTime(input.end, allDay, zone),
      ...(input.originalStart ? { originalStart: input.originalStart } : {}),
      location: {
        displayName: '',
        locationType: 'default',
        uniqueIdType: 'unknown',
        address: {},
        coordinates: {},
      },
      locations: [],
      recurrence: null,
      attendees: [],
      onlineMeeting: null,
    };
  };

  const removedJson = (id: string) => ({
    '@odata.type': '#microsoft.graph.event',
    id,
    '@removed': { reason: 'deleted' },
  });

  const page = (round: Round, offset: number, pageSize: number, zone: string): GraphFakeResponse => {
    const slice = round.entries.slice(offset, offset + pageSize);
    const rest = offset + slice.length;
    const link = (param: string, token: string) =>
      `${options.baseUrl()}/${round.path}/calendarView/delta?${param}=${token}`;
    let next: Record<string, string>;
    if (rest < round.entries.length) {
      const token = randomBytes(16).toString('base64url');
      skipTokens.set(token, { round, offset: rest });
      next = { '@odata.nextLink': link('$skiptoken', token) };
    } else {
      const token = randomBytes(16).toString('base64url');
      deltaTokens.set(token, { path: round.path, window: round.window, seq: round.seq });
      next = { '@odata.deltaLink': link('$deltatoken', token) };
    }
    return {
      status: 200,
      headers: { 'preference-applied': `odata.maxpagesize=${pageSize}, outlook.timezone="${zone}"` },
      json: {
        '@odata.context': `${options.baseUrl()}/$metadata#Collection(event)`,
        ...next,
        value: slice.map((entry) =>
          entry.kind === 'event' ? eventJson(entry.stored, zone) : removedJson(entry.id),
        ),
      },
    };
  };

  const initialEntries = (calendar: FakeCalendar, window: Period): Entry[] =>
    [...calendar.events.values()]
      .filter((stored) => overlaps(stored.input, window))
      .sort((a, b) => instantOf(a.input.start) - instantOf(b.input.start))
      .map((stored) => ({ kind: 'event', stored }));

  const changedEntries = (calendar: FakeCalendar, token: DeltaToken): Entry[] => {
    const changes: { at: number; entry: Entry }[] = [];
    for (const stored of calendar.events.values()) {
      if (stored.changedAt <= token.seq) continue;
      const inView = overlaps(stored.input, token.window);
      changes.push({
        at: stored.changedAt,
        entry: inView ? { kind: 'event', stored } : { kind: 'removed', id: stored.input.id },
      });
    }
    for (const [id, at] of calendar.removed) {
      if (at > token.seq) changes.push({ at, entry: { kind: 'removed', id } });
    }
    return changes.sort((a, b) => a.at - b.at).map((change) => change.entry);
  };

  const calendarOf = (path: string): FakeCalendar => {
    const calendar = calendars.get(path);
    if (!calendar) throw new Error(`graph fake: no calendar ${path}`);
    return calendar;
  };

  const windowOf = (query: URLSearchParams): Period | undefined => {
    const lower = new Map([...query].map(([key, value]) => [key.toLowerCase(), value]));
    const start = Date.parse(lower.get('startdatetime') ?? '');
    const end = Date.parse(lower.get('enddatetime') ?? '');
    return Number.isNaN(start) || Number.isNaN(end) || end < start ? undefined : { start, end };
  };

  return {
    create: (path: string, details: { readonly tenantId: string; readonly name?: string }): void => {
      calendars.set(path, {
        id: randomId(),
        tenantId: details.tenantId,
        name: details.name ?? 'Calendar',
        events: new Map(),
        removed: new Map(),
      });
    },
    /** Creates or replaces an event (a new change for delta rounds); returns its id. */
    put: (path: string, input: GraphFakeEventInput): string => {
      const calendar = calendarOf(path);
      const id = input.id ?? randomId();
      const now = new Date().toISOString();
      const createdAt = calendar.events.get(id)?.createdAt ?? now;
      calendar.events.set(id, { input: { ...input, id }, changedAt: ++seq, createdAt, modifiedAt: now });
      calendar.removed.delete(id);
      return id;
    },
    remove: (path: string, id: string): void => {
      const calendar = calendarOf(path);
      if (calendar.events.delete(id)) calendar.removed.set(id, ++seq);
    },
    list: (path: string): readonly GraphFakeEventInput[] =>
      [...calendarOf(path).events.values()].map((s) => s.input),
    /** Makes every delta and skip token unknown, as when Graph drops old sync state. */
    expireTokens: (): void => {
      skipTokens.clear();
      deltaTokens.clear();
    },
    find: (path: string, tenantId: string) => {
      const calendar = calendars.get(path);
      return calendar && calendar.tenantId === tenantId ? calendar : undefined;
    },
    calendarJson: (calendar: FakeCalendar) => ({
      '@odata.context': `${options.baseUrl()}/$metadata#users('x')/calendars/$entity`,
      id: calendar.id,
      name: calendar.name,
      color: 'auto',
      hexColor: '',
      isDefaultCalendar: false,
      changeKey: 'fJKVL07sbkmIfHqjbDnRgQAAAAACMQ==',
      canShare: true,
      canViewPrivateItems: true,
      canEdit: true,
      allowedOnlineMeetingProviders: ['teamsForBusiness'],
      defaultOnlineMeetingProvider: 'teamsForBusiness',
      isTallyingResponses: true,
      isRemovable: false,
    }),
    /** GET {calendar}/calendarView/delta with a window, a $skiptoken or a $deltatoken. */
    delta: (
      path: string,
      query: URLSearchParams,
      pageSize: number | undefined,
      zone: string,
    ): GraphFakeResponse => {
      const size = pageSize ?? options.defaultPageSize;
      const skipToken = query.get('$skiptoken');
      const deltaToken = query.get('$deltatoken');
      const stale = () =>
        graphFakeError(410, 'syncStateNotFound', 'The sync state generation is not found.', {
          location: `${options.baseUrl()}/${path}/calendarView/delta?$deltatoken=`,
        });
      if (skipToken !== null) {
        const state = skipTokens.get(skipToken);
        if (!state || state.round.path !== path) return stale();
        return page(state.round, state.offset, size, zone);
      }
      if (deltaToken !== null) {
        const token = deltaTokens.get(deltaToken);
        if (!token || token.path !== path) return stale();
        const round: Round = {
          path,
          window: token.window,
          entries: changedEntries(calendarOf(path), token),
          seq,
        };
        return page(round, 0, size, zone);
      }
      const window = windowOf(query);
      if (!window) {
        return graphFakeError(
          400,
          'ErrorInvalidParameter',
          'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
        );
      }
      return page({ path, window, entries: initialEntries(calendarOf(path), window), seq }, 0, size, zone);
    },
  };
};

export type GraphFakeCalendars = ReturnType<typeof createGraphFakeCalendars>;
