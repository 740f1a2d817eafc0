import { z } from 'zod';

/**
 * The parts of Calendar API v3 responses the adapter reads. Only used fields are checked; the rest
 * passes through untouched, so new fields from Google never break a sync.
 */

/** EventDateTime: `date` for all-day values, else `dateTime` (RFC 3339, with offset) and maybe `timeZone`. */
export const googleEventDateTimeSchema = z
  .object({
    date: z.iso.date().optional(),
    dateTime: z.iso.datetime({ offset: true, local: true }).optional(),
    timeZone: z.string().min(1).optional(),
  })
  .loose()
  .refine(
    (time) => (time.date === undefined) !== (time.dateTime === undefined),
    'expected either date or dateTime',
  );

export type GoogleEventDateTime = z.infer<typeof googleEventDateTimeSchema>;

const attendeeSchema = z
  .object({ organizer: z.boolean().optional(), responseStatus: z.string().optional() })
  .loose();

/** Cancelled events may carry nothing but `id` (and, for a cancelled instance, the series fields). */
export const googleEventSchema = z
  .object({
    id: z.string().min(1),
    status: z.enum(['confirmed', 'tentative', 'cancelled']).optional(),
    eventType: z.string().optional(),
    summary: z.string().optional(),
    start: googleEventDateTimeSchema.optional(),
    end: googleEventDateTimeSchema.optional(),
    recurrence: z.array(z.string()).optional(),
    recurringEventId: z.string().min(1).optional(),
    originalStartTime: googleEventDateTimeSchema.optional(),
    attendees: z.array(attendeeSchema).optional(),
  })
  .loose();

export type GoogleEvent = z.infer<typeof googleEventSchema>;

/** One page of events.list: every page but the last has nextPageToken, the last has nextSyncToken. */
export const googleEventsPageSchema = z
  .object({
    items: z.array(googleEventSchema).default([]),
    nextPageToken: z.string().min(1).optional(),
    nextSyncToken: z.string().min(1).optional(),
    timeZone: z.string().min(1).optional(),
  })
  .loose()
  .refine(
    (page) => (page.nextPageToken === undefined) !== (page.nextSyncToken === undefined),
    'expected either nextPageToken or nextSyncToken',
  );

/** calendars.get. */
export const googleCalendarSchema = z.object({ summary: z.string(), timeZone: z.string().min(1) }).loose();

/** events.watch: `expiration` is epoch milliseconds as a string. */
export const googleChannelSchema = z
  .object({
    id: z.string().min(1),
    resourceId: z.string().min(1),
    expiration: z.string().regex(/^\d+$/),
  })
  .loose();
