import type { CalendarEvent } from './calendar-event.ts';
import type { CalendarProvider, CalendarSource, PushChannel } from './calendar-source.ts';
import type { Period } from './horizon.ts';
import type { ZoneDefinitions } from './time-zone.ts';

/** What changed in a calendar since the source's cursor. */
export interface CalendarChanges {
  readonly upserts: readonly { readonly externalId: string; readonly event: CalendarEvent }[];
  /** External ids of events that are gone (deleted, or cancelled series). */
  readonly deletes: readonly string[];
  /** True when this is a full listing: every stored event of the source not in `upserts` is gone. */
  readonly replaceAll: boolean;
  /** The cursor to store for the next fetch (syncToken, deltaLink, ETag, CTag/sync-token). */
  readonly cursor?: string;
  /** The calendar's own time zone and VTIMEZONEs, when the provider tells. */
  readonly timeZone?: string;
  readonly zones?: ZoneDefinitions;
}

export interface FetchOptions {
  /** Providers that list a window (Graph calendarView) use it; the others list everything. */
  readonly horizon: Period;
  readonly signal?: AbortSignal;
}

export interface PushOptions {
  /** The public HTTPS URL of our webhook for this provider. */
  readonly notificationUrl: string;
  /** Graph only: where lifecycle notifications go. */
  readonly lifecycleUrl?: string;
  /** Requested lifetime; providers may grant less, the channel says what was granted. */
  readonly ttlSeconds: number;
}

/**
 * The port every calendar provider adapter implements (DESIGN §5 "CalendarSource"): read the calendar's
 * description, fetch changes since a cursor, and manage push channels. Adapters are chosen by
 * provider name from a map; ICS and CalDAV have no push and are polled.
 */
export interface CalendarSourceAdapter {
  readonly provider: CalendarProvider;
  /** Checks access and returns the calendar's name and time zone, used when a source is connected. */
  describe(source: CalendarSource, signal?: AbortSignal): Promise<{ name: string; timeZone: string }>;
  /** With no cursor, or an expired one, returns a full listing (`replaceAll`). */
  fetchChanges(source: CalendarSource, options: FetchOptions): Promise<CalendarChanges>;
  startPush?(source: CalendarSource, options: PushOptions): Promise<PushChannel>;
  /** Extends a channel in place where the provider allows it (Graph); others get a new channel. */
  renewPush?(source: CalendarSource, ttlSeconds: number): Promise<PushChannel>;
  stopPush?(source: CalendarSource): Promise<void>;
}
