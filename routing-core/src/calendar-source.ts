import type { ZoneDefinitions } from './time-zone.ts';

export const calendarProviders = ['google', 'microsoft', 'ics', 'caldav'] as const;

/**
 * Sources we keep ourselves (e.g. the overrides people create with "take over") have an external id
 * with this prefix: they are never fetched from a provider, polled or pushed.
 */
export const internalSourcePrefix = 'wygc:';

export const isInternalSource = (source: { readonly externalId: string }): boolean =>
  source.externalId.startsWith(internalSourcePrefix);
export type CalendarProvider = (typeof calendarProviders)[number];

/** A provider's push channel (Google watch channel or Graph subscription). */
export interface PushChannel {
  readonly id: string;
  /** Per-channel secret the provider echoes back (Google token, Graph clientState); encrypted at rest. */
  readonly secret: string;
  readonly resourceId?: string;
  readonly expiresAt: number;
}

export interface SyncResult {
  readonly at: number;
  readonly ok: boolean;
  readonly upserted: number;
  readonly deleted: number;
  readonly error?: string;
}

/** A calendar that feeds routed numbers. Credentials and the channel secret are encrypted at rest. */
export interface CalendarSource {
  readonly id: string;
  readonly tenantId: string;
  readonly provider: CalendarProvider;
  /** Google calendar id, Graph user/calendar path, ICS URL or CalDAV collection URL. */
  readonly externalId: string;
  readonly name: string;
  readonly timeZone: string;
  /** VTIMEZONEs an ICS/CalDAV calendar defines, for its custom TZIDs. */
  readonly zones: ZoneDefinitions;
  /** Provider credentials as JSON (refresh token, client secret, basic auth); never logged. */
  readonly credentials: Readonly<Record<string, unknown>>;
  /** The provider's cursor: syncToken, deltaLink, ETag, CTag. */
  readonly cursor?: string;
  readonly channel?: PushChannel;
  readonly lastSync?: SyncResult;
  readonly createdAt: number;
}

export type NewCalendarSource = Pick<CalendarSource, 'provider' | 'externalId' | 'name' | 'timeZone'> &
  Partial<Pick<CalendarSource, 'credentials' | 'zones'>>;

export type CalendarSourcePatch = Partial<
  Pick<CalendarSource, 'name' | 'timeZone' | 'zones' | 'credentials' | 'cursor' | 'channel' | 'lastSync'>
> & { readonly clearCursor?: boolean; readonly clearChannel?: boolean };
