import type { calendar_v3 } from 'googleapis';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';

/** Google's instance ids: the series id, then the original start in UTC, or its date for all-day series. */
const instanceIdPattern = /^(.+)_(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/;

export interface InstanceId {
  readonly eventId: string;
  readonly seriesId: string;
  /** The original start: a UTC instant for timed series, a date (at UTC midnight) for all-day ones. */
  readonly originalStart: number;
  readonly allDay: boolean;
}

export const parseInstanceId = (eventId: string): InstanceId | undefined => {
  const match = instanceIdPattern.exec(eventId);
  if (!match) return undefined;
  const [, seriesId = '', year, month, day, hour, minute, second] = match;
  const originalStart = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
  );
  return { eventId, seriesId, originalStart, allDay: hour === undefined };
};

/** All-day series are computed in UTC, where a date's midnight is the instant the instance id names. */
interface Series {
  readonly zone: string;
  readonly allDay: boolean;
  readonly start: DateTime;
}

const localText = "yyyy-MM-dd'T'HH:mm:ss";

/** The series' wall-clock time as ical.js iterates it: floating, so that DST never moves a start. */
const toIcal = (time: DateTime, allDay: boolean): ICAL.Time =>
  allDay
    ? ICAL.Time.fromDateString(time.toISODate() ?? '')
    : ICAL.Time.fromDateTimeString(time.toFormat(localText));

/** An ical.js time in the series zone; a UTC one (a "Z" value) stays the instant it is. */
const fromIcal = (time: ICAL.Time, zone: string): DateTime =>
  time.zone === ICAL.Timezone.utcTimezone
    ? DateTime.fromISO(`${time.toString()}Z`).setZone(zone)
    : DateTime.fromISO(time.toString(), { zone });

/** RDATE and EXDATE values as instants, read with ical.js. */
const datesOf = (lines: readonly string[], name: 'RDATE' | 'EXDATE', series: Series): number[] =>
  lines
    .filter((line) => line.toUpperCase().startsWith(name))
    .flatMap((line) => {
      const property = ICAL.Property.fromString(line);
      const tzid = property.getParameter('tzid');
      const zone = typeof tzid === 'string' && !series.allDay ? tzid : series.zone;
      return property
        .getValues()
        .flatMap((value) => (value instanceof ICAL.Time ? [fromIcal(value, zone).toMillis()] : []));
    });

/** Whether the series' RRULE lines produce an occurrence at exactly this instant, in wall-clock time. */
const ruleProduces = (lines: readonly string[], series: Series, target: number): boolean =>
  lines
    .filter((line) => line.toUpperCase().startsWith('RRULE:'))
    .some((line) => {
      const rule = ICAL.Recur.fromString(line.slice('RRULE:'.length));
      if (
        rule.until &&
        !rule.until.isDate &&
        rule.until.zone === ICAL.Timezone.utcTimezone &&
        !series.allDay
      ) {
        rule.until = toIcal(fromIcal(rule.until, series.zone), false);
      }
      const iterator = rule.iterator(toIcal(series.start, series.allDay));
      for (let next = iterator.next(); next; next = iterator.next()) {
        const instant = fromIcal(next, series.zone).toMillis();
        if (instant === target) return true;
        if (instant > target) return false;
      }
      return false;
    });

const seriesOf = (master: calendar_v3.Schema$Event, calendarZone: string): Series | undefined => {
  if (master.start?.date)
    return { zone: 'UTC', allDay: true, start: DateTime.fromISO(master.start.date, { zone: 'UTC' }) };
  if (!master.start?.dateTime) return undefined;
  const zone = master.start.timeZone ?? calendarZone;
  return { zone, allDay: false, start: DateTime.fromISO(master.start.dateTime, { zone }) };
};

const endOf = (master: calendar_v3.Schema$Event, series: Series): DateTime =>
  master.end?.date
    ? DateTime.fromISO(master.end.date, { zone: 'UTC' })
    : DateTime.fromISO(master.end?.dateTime ?? '', { zone: series.zone });

const eventTime = (time: DateTime, series: Series): calendar_v3.Schema$EventDateTime =>
  series.allDay
    ? { date: time.toISODate() }
    : { dateTime: time.toISO({ suppressMilliseconds: true }), timeZone: series.zone };

/**
 * The instance of a recurring series that events.get returns for an instance id no exception was
 * stored for: the series' fields at the original start, the same wall-clock length, no recurrence.
 * Undefined when the series does not produce that start (not in its RRULE or RDATE, or excluded).
 */
export const seriesInstance = (
  master: calendar_v3.Schema$Event,
  id: InstanceId,
  calendarZone: string,
): calendar_v3.Schema$Event | undefined => {
  const lines = master.recurrence ?? [];
  const series = seriesOf(master, calendarZone);
  if (!series || series.allDay !== id.allDay || lines.length === 0) return undefined;
  const target = id.originalStart;
  if (datesOf(lines, 'EXDATE', series).includes(target)) return undefined;
  const produced =
    series.start.toMillis() === target ||
    datesOf(lines, 'RDATE', series).includes(target) ||
    ruleProduces(lines, series, target);
  if (!produced) return undefined;
  const start = DateTime.fromMillis(target, { zone: series.zone });
  // The same wall-clock length as the series, as routing-core expands it.
  const wall = (time: DateTime) => time.setZone('UTC', { keepLocalTime: true });
  const length = wall(endOf(master, series)).diff(wall(series.start));
  const end = wall(start).plus(length).setZone(series.zone, { keepLocalTime: true });
  const { recurrence: _recurrence, ...fields } = master;
  return {
    ...fields,
    id: id.eventId,
    recurringEventId: master.id ?? '',
    originalStartTime: eventTime(start, series),
    start: eventTime(start, series),
    end: eventTime(end, series),
  };
};
