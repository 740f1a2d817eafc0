import { z } from 'zod';

/** The open event as the Calendar API returns it to the user; the add-on event object carries no title. */
export interface OpenEvent {
  readonly id: string;
  readonly status: string;
  readonly summary: string;
  /** Epoch ms, or undefined when the API sent no time. */
  readonly start?: number;
  readonly end?: number;
  readonly allDay: boolean;
}

/** `forbidden`: the user's token was refused or lacks the scope; `not-found`: no such event for this user. */
export type EventReadFailure = 'forbidden' | 'not-found' | 'unavailable';

export interface CalendarEventReader {
  read(input: {
    calendarId: string;
    eventId: string;
    userOAuthToken: string;
  }): Promise<OpenEvent | EventReadFailure>;
}

const eventTimeSchema = z.looseObject({ date: z.string().optional(), dateTime: z.string().optional() });

// Only the fields asked for with `fields=`; everything else the API may add is ignored.
const eventResourceSchema = z.looseObject({
  id: z.string(),
  status: z.string().default('confirmed'),
  summary: z.string().default(''),
  start: eventTimeSchema.optional(),
  end: eventTimeSchema.optional(),
});

/** The API writes dateTime with an offset, and all-day dates as YYYY-MM-DD (read as UTC midnight). */
const instantOf = (time: z.output<typeof eventTimeSchema> | undefined): number | undefined => {
  const text = time?.dateTime ?? time?.date;
  if (text === undefined) return undefined;
  const instant = Date.parse(time?.dateTime ? text : `${text}T00:00:00Z`);
  return Number.isNaN(instant) ? undefined : instant;
};

/**
 * Reads one event with the user's own OAuth token (events.get). The add-on reads only what the user can
 * see in Calendar anyway, and asks for the few fields it shows.
 */
export const createCalendarEventReader = (deps: {
  readonly rootUrl: string;
  readonly fetch?: typeof fetch;
}): CalendarEventReader => {
  const fetcher = deps.fetch ?? fetch;
  return {
    read: async ({ calendarId, eventId, userOAuthToken }) => {
      const url = new URL(
        `calendar/v3/calendars/${encodeURIComponent(calendarId)}/events/${encodeURIComponent(eventId)}`,
        deps.rootUrl,
      );
      url.searchParams.set('fields', 'id,status,summary,start,end');
      let response: Response;
      try {
        response = await fetcher(url, {
          headers: { authorization: `Bearer ${userOAuthToken}`, accept: 'application/json' },
          signal: AbortSignal.timeout(10_000),
        });
      } catch {
        return 'unavailable';
      }
      if (response.status === 401 || response.status === 403) return 'forbidden';
      if (response.status === 404 || response.status === 410) return 'not-found';
      if (!response.ok) return 'unavailable';
      const parsed = eventResourceSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) return 'unavailable';
      const { id, status, summary, start, end } = parsed.data;
      const startAt = instantOf(start);
      const endAt = instantOf(end);
      return {
        id,
        status,
        summary,
        ...(startAt === undefined ? {} : { start: startAt }),
        ...(endAt === undefined ? {} : { end: endAt }),
        allDay: start?.date !== undefined && start.dateTime === undefined,
      };
    },
  };
};
