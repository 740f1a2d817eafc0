import { z } from 'zod';

/**
 * A start or end as calendars write it. `date` is an all-day value (the calendar's time zone applies);
 * `dateTime` is wall-clock time in `timeZone` (an IANA or Windows name, a TZID with a VTIMEZONE, or
 * "UTC"). Instants are computed only when expanding, so recurrences keep their wall-clock times.
 */
export const eventTimeSchema = z.union([
  z.object({ date: z.iso.date() }).strict(),
  z
    .object({
      dateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'expected YYYY-MM-DDTHH:mm:ss'),
      timeZone: z.string().min(1),
    })
    .strict(),
]);

export type EventTime = z.infer<typeof eventTimeSchema>;

export const eventStatusSchema = z.enum(['confirmed', 'tentative', 'cancelled']);

export type EventStatus = z.infer<typeof eventStatusSchema>;

/**
 * One calendar event, normalised from any provider. A recurring series has `recurrence`; a changed or
 * cancelled instance of a series is its own event with the series' `uid` and the `recurrenceId` (the
 * instance's original start). Times follow RFC 5545: `end` is exclusive, all-day `end` is the day after.
 */
export const calendarEventSchema = z
  .object({
    uid: z.string().min(1),
    recurrenceId: eventTimeSchema.optional(),
    subject: z.string(),
    status: eventStatusSchema,
    start: eventTimeSchema,
    end: eventTimeSchema,
    recurrence: z
      .object({
        /** RRULE values without the "RRULE:" prefix, e.g. "FREQ=WEEKLY;BYDAY=FR". */
        rrules: z.array(z.string().min(1)),
        rdates: z.array(eventTimeSchema),
        exdates: z.array(eventTimeSchema),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CalendarEvent = z.infer<typeof calendarEventSchema>;

export const isAllDay = (time: EventTime): time is { date: string } => 'date' in time;
