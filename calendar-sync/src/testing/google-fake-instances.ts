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

/** Wall-clock times are kept as epoch ms of the same digits in UTC, as routing-core does. */
const wallOf = (time: DateTime): number =>
  Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);

const icalWall = (wall: number, isDate: boolean): ICAL.Time => {
  const d = new Date(wall);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: isDate ? 0 : d.getUTCHours(),
    minute: isDate ? 0 : d.getUTCMinutes(),
    second: isDate ? 0 : d.getUTCSeconds(),
    isDate,
  });
};

const wallOfIcal = (time: ICAL.Time): number =>
  Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);

interface Series {
  readonly zone: string;
  readonly allDay: boolean;
  readonly startWall: number;
  /** An instant in the series zone, from a wall-clock time. */
  instantOf(wall: number): number;
}

/** RDATE and EXDATE values as instants (dates as UTC midnight), read with ical.js. */
const datesOf = (lines: readonly string[], name: 'RDATE' | 'EXDATE', series: Series): number[] =>
  lines
    .filter((line) => line.toUpperCase().startsWith(`${name}`))
    .flatMap((line) => {
      const property = ICAL.Property.fromString(line);
      const zone = property.getParameter('tzid');
      return property.getValues().flatMap((value) => {
        if (!(value instanceof ICAL.Time)) return [];
        const wall = wallOfIcal(value);
        if (series.allDay) return [wall];
        if (value.zone === ICAL.Timezone.utcTimezone) return [wall];
        const local = DateTime.fromMillis(wall, { zone: 'utc' }).setZone(
          typeof zone === 'string' ? zone : series.zone,
          { keepLocalTime: true },
        );
        return [local.toMillis()];
      });
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
        const until = DateTime.fromMillis(rule.until.toUnixTime() * 1000, { zone: series.zone });
        rule.until = icalWall(wallOf(until), false);
      }
      const iterator = rule.iterator(icalWall(series.startWall, series.allDay));
      for (let next = iterator.next(); next; next = iterator.next()) {
        const instant = series.instantOf(wallOfIcal(next));
        if (instant === target) return true;
        if (instant > target) return false;
      }
      return false;
    });

const seriesOf = (master: calendar_v3.Schema$Event, calendarZone: string): Series | undefined => {
  const start = master.start;
  if (start?.date) {
    const startWall = Date.parse(`${start.date}T00:00:00Z`);
    return { zone: 'UTC', allDay: true, startWall, instantOf: (wall) => wall };
  }
  if (!start?.dateTime) return undefined;
  const zone = start.timeZone ?? calendarZone;
  return {
    zone,
    allDay: false,
    startWall: wallOf(DateTime.fromISO(start.dateTime, { zone })),
    instantOf: (wall) =>
      DateTime.fromMillis(wall, { zone: 'utc' }).setZone(zone, { keepLocalTime: true }).toMillis(),
  };
};

const eventTime = (wall: number, series: Series): calendar_v3.Schema$EventDateTime => {
  const time = DateTime.fromMillis(wall, { zone: 'utc' });
  if (series.allDay) return { date: time.toISODate() };
  const local = time.setZone(series.zone, { keepLocalTime: true });
  return { dateTime: local.toISO({ suppressMilliseconds: true }), timeZone: series.zone };
};

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
    series.instantOf(series.startWall) === target ||
    datesOf(lines, 'RDATE', series).includes(target) ||
    ruleProduces(lines, series, target);
  if (!produced) return undefined;
  const endWall = master.end?.date
    ? Date.parse(`${master.end.date}T00:00:00Z`)
    : wallOf(DateTime.fromISO(master.end?.dateTime ?? '', { zone: series.zone }));
  const startWall = series.allDay ? target : wallOf(DateTime.fromMillis(target, { zone: series.zone }));
  const { recurrence: _recurrence, ...fields } = master;
  return {
    ...fields,
    id: id.eventId,
    recurringEventId: master.id ?? '',
    originalStartTime: eventTime(startWall, series),
    start: eventTime(startWall, series),
    end: eventTime(startWall + (endWall - series.startWall), series),
  };
};
