import {
  type CalendarEvent,
  type EventStatus,
  type EventTime,
  isRoutingError,
  type TimeZoneResolver,
} from '@wygc/routing-core';
import { z } from 'zod';
import { SyncError } from './sync-error.ts';

/** Graph writes local date-times with up to seven fractional digits: "2027-03-26T17:00:00.0000000". */
const graphDateTimeSchema = z.object({
  dateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/),
  timeZone: z.string().min(1),
});

/** The parts of a Graph event resource routing needs; everything else Graph sends is ignored. */
export const graphEventSchema = z.looseObject({
  id: z.string().min(1),
  subject: z.string().nullish(),
  start: graphDateTimeSchema,
  end: graphDateTimeSchema,
  isAllDay: z.boolean().nullish(),
  isCancelled: z.boolean().nullish(),
  type: z.enum(['singleInstance', 'occurrence', 'exception', 'seriesMaster']).nullish(),
  showAs: z.string().nullish(),
  responseStatus: z.looseObject({ response: z.string().nullish() }).nullish(),
});

/** What a delta round says about an event that left the view: deleted, or moved out of the window. */
export const graphRemovedItemSchema = z.looseObject({
  id: z.string().min(1),
  '@removed': z.looseObject({ reason: z.string().optional() }),
});

export const graphDeltaItemSchema = z.union([graphRemovedItemSchema, graphEventSchema]);

export type GraphDeltaItem = z.infer<typeof graphDeltaItemSchema>;

export type GraphDeltaChange =
  | { readonly kind: 'upsert'; readonly id: string; readonly event: CalendarEvent }
  | { readonly kind: 'delete'; readonly id: string }
  | { readonly kind: 'ignore'; readonly id: string };

const toLocalDateTime = (dateTime: string): string => {
  const seconds = dateTime.slice(0, 19);
  return seconds.length === 16 ? `${seconds}:00` : seconds;
};

const toEventTime = (
  time: z.infer<typeof graphDateTimeSchema>,
  allDay: boolean,
  resolveZone: TimeZoneResolver,
): EventTime => {
  if (allDay) return { date: time.dateTime.slice(0, 10) };
  try {
    // Stored as the IANA name, so nothing downstream has to know Windows zone names.
    return { dateTime: toLocalDateTime(time.dateTime), timeZone: resolveZone(time.timeZone).id };
  } catch (error) {
    if (!isRoutingError(error)) throw error;
    throw new SyncError('INVALID_RESPONSE', `an event uses an unknown time zone "${time.timeZone}"`, {
      cause: error,
    });
  }
};

const statusOf = (event: z.infer<typeof graphEventSchema>): EventStatus => {
  const response = event.responseStatus?.response;
  if (event.isCancelled || response === 'declined') return 'cancelled';
  return event.showAs === 'tentative' || response === 'tentativelyAccepted' ? 'tentative' : 'confirmed';
};

/**
 * One calendarView delta item to a change. calendarView items are already single occurrences (Graph
 * expands series), so each becomes a non-recurring event keyed by its own id; a series master, which a
 * calendar view should not contain, is ignored rather than expanded twice. Cancelled and declined
 * events do not route, so they become deletes.
 */
export const mapGraphDeltaItem = (item: GraphDeltaItem, resolveZone: TimeZoneResolver): GraphDeltaChange => {
  if ('@removed' in item) return { kind: 'delete', id: item.id };
  if (item.type === 'seriesMaster') return { kind: 'ignore', id: item.id };
  const status = statusOf(item);
  if (status === 'cancelled') return { kind: 'delete', id: item.id };
  const allDay = item.isAllDay === true;
  return {
    kind: 'upsert',
    id: item.id,
    event: {
      uid: item.id,
      subject: item.subject ?? '',
      status,
      start: toEventTime(item.start, allDay, resolveZone),
      end: toEventTime(item.end, allDay, resolveZone),
    },
  };
};
