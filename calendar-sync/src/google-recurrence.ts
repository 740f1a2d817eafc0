import type { CalendarEvent, EventTime } from '@wygc/routing-core';
import ICAL from 'ical.js';
import { z } from 'zod';
import { SyncError } from './sync-error.ts';

export type Recurrence = NonNullable<CalendarEvent['recurrence']>;

/** ical.js's jCal form of one property: [name, parameters, value type, ...values]. */
const jcalPropertySchema = z.tuple([z.string(), z.record(z.string(), z.unknown()), z.string()], z.unknown());

const dateValueSchema = z.iso.date();
const dateTimeValueSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/);
/** A PERIOD is [start, end or duration]; only its start is an occurrence. */
const periodValueSchema = z.tuple([dateTimeValueSchema, z.string()]);

const unreadable = (): SyncError =>
  new SyncError('INVALID_RESPONSE', 'Google returned a recurrence line that cannot be read');

const parseLine = (line: string): z.infer<typeof jcalPropertySchema> => {
  let jcal: unknown;
  try {
    jcal = ICAL.parse.property(line);
  } catch {
    throw unreadable();
  }
  const result = jcalPropertySchema.safeParse(jcal);
  if (!result.success) throw unreadable();
  return result.data;
};

/** A value with "Z" is UTC; one with TZID is in that zone; a floating one is in the series' zone. */
const dateTimeOf = (value: string, tzid: unknown, seriesZone: string): EventTime => {
  if (value.endsWith('Z')) return { dateTime: value.slice(0, -1), timeZone: 'UTC' };
  return { dateTime: value, timeZone: typeof tzid === 'string' && tzid !== '' ? tzid : seriesZone };
};

const timesOf = (jcal: z.infer<typeof jcalPropertySchema>, seriesZone: string): EventTime[] => {
  const [, parameters, type, ...values] = jcal;
  const parsed = (schema: z.ZodType<string>, value: unknown): string => {
    const result = schema.safeParse(value);
    if (!result.success) throw unreadable();
    return result.data;
  };
  return values.map((value) => {
    if (type === 'date') return { date: parsed(dateValueSchema, value) };
    if (type === 'date-time')
      return dateTimeOf(parsed(dateTimeValueSchema, value), parameters.tzid, seriesZone);
    const period = periodValueSchema.safeParse(value);
    if (type === 'period' && period.success) return dateTimeOf(period.data[0], parameters.tzid, seriesZone);
    throw unreadable();
  });
};

const ruleOf = (jcal: z.infer<typeof jcalPropertySchema>): string => {
  try {
    return String(new ICAL.Property(jcal).getFirstValue());
  } catch {
    throw unreadable();
  }
};

const unsupported = (name: string): SyncError => {
  const shown = /^[a-z-]{1,20}$/.test(name) ? `a ${name.toUpperCase()}` : 'an unknown';
  return new SyncError(
    'INVALID_RESPONSE',
    `Google returned ${shown} recurrence line, which is not supported`,
  );
};

/**
 * Parses an event's `recurrence` lines (RRULE, RDATE, EXDATE; several comma-separated values, TZID,
 * VALUE=DATE or PERIOD) with ical.js. EXRULE cannot be represented, so it fails the sync loudly rather
 * than routing occurrences the calendar excludes.
 */
export const parseGoogleRecurrence = (lines: readonly string[], seriesZone: string): Recurrence => {
  const recurrence: Recurrence = { rrules: [], rdates: [], exdates: [] };
  for (const line of lines) {
    const jcal = parseLine(line);
    const name = jcal[0];
    if (name === 'rrule') recurrence.rrules.push(ruleOf(jcal));
    else if (name === 'rdate') recurrence.rdates.push(...timesOf(jcal, seriesZone));
    else if (name === 'exdate') recurrence.exdates.push(...timesOf(jcal, seriesZone));
    else throw unsupported(name);
  }
  return recurrence;
};
