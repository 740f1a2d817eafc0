import type { CalendarEvent } from './calendar-event.ts';

/** A calendar event as last synced from a source; its subject is encrypted at rest. */
export interface DutyEvent {
  readonly tenantId: string;
  readonly sourceId: string;
  /** The provider's id for this event (series or single instance); unique within the source. */
  readonly externalId: string;
  readonly event: CalendarEvent;
  readonly updatedAt: number;
}

export interface DutyEventChanges {
  readonly upserts: readonly { readonly externalId: string; readonly event: CalendarEvent }[];
  readonly deletes: readonly string[];
  /** A full resync replaces every event of the source. */
  readonly replaceAll?: boolean;
}
