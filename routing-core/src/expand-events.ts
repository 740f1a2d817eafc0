import ICAL from 'ical.js';
import { type CalendarEvent, type EventTime, isAllDay } from './calendar-event.ts';
import type { Period } from './horizon.ts';
import { RoutingError } from './routing-error.ts';
import {
  createTimeZoneResolver,
  type TimeZone,
  type TimeZoneResolver,
  type ZoneDefinitions,
} from './time-zone.ts';
import { parseLocalDate, parseLocalDateTime, type WallTime } from './wall-time.ts';

/** One occurrence of an event as instants; what routing works with. */
export interface EventInstance {
  /** Stable across syncs: the uid, plus the original start for an occurrence of a series. */
  readonly id: string;
  readonly uid: string;
  readonly subject: string;
  /** Epoch milliseconds; the instance covers [start, end). */
  readonly start: number;
  readonly end: number;
  readonly allDay: boolean;
}

export interface ExpandOptions {
  readonly horizon: Period;
  /** The calendar's time zone: all-day events span its local midnights. */
  readonly timeZone: string;
  readonly zones?: ZoneDefinitions;
  /** Guards against rules like FREQ=SECONDLY; a series with more occurrences is an error. */
  readonly maxOccurrences?: number;
}

const defaultMaxOccurrences = 200_000;

interface Anchor {
  /** Wall time in `zone` (for all-day values: local midnight). */
  readonly wall: WallTime;
  readonly zone: TimeZone;
  readonly allDay: boolean;
}

const anchorOf = (time: EventTime, calendarZone: TimeZone, resolveZone: TimeZoneResolver): Anchor =>
  isAllDay(time)
    ? { wall: parseLocalDate(time.date), zone: calendarZone, allDay: true }
    : { wall: parseLocalDateTime(time.dateTime), zone: resolveZone(time.timeZone), allDay: false };

const instantOf = (anchor: Anchor): number => anchor.zone.toInstant(anchor.wall);

/** Identifies an occurrence by its original start, the way RECURRENCE-ID and EXDATE refer to it. */
const occurrenceKey = (anchor: Anchor): string =>
  anchor.allDay ? `d${anchor.wall}` : `t${instantOf(anchor)}`;

const instanceSuffix = (anchor: Anchor): string => {
  const iso = new Date(anchor.allDay ? anchor.wall : instantOf(anchor)).toISOString();
  return anchor.allDay ? iso.slice(0, 10) : iso;
};

/** How an occurrence's end follows from its start: in wall-clock time unless start and end zones differ. */
type Span =
  | { readonly kind: 'wall'; readonly ms: number }
  | { readonly kind: 'absolute'; readonly ms: number };

const spanOf = (start: Anchor, end: Anchor): Span => {
  if (start.allDay !== end.allDay) {
    throw new RoutingError('INVALID_EVENT', 'start and end must both be dates or both be date-times');
  }
  if (start.allDay || start.zone === end.zone) return { kind: 'wall', ms: end.wall - start.wall };
  return { kind: 'absolute', ms: instantOf(end) - instantOf(start) };
};

const toWallIcalTime = (wall: WallTime, isDate: boolean): ICAL.Time => {
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

const wallOfIcalTime = (time: ICAL.Time): WallTime =>
  Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);

const parseRule = (rrule: string, uid: string): ICAL.Recur => {
  try {
    return ICAL.Recur.fromString(rrule.replace(/^RRULE:/i, ''));
  } catch (cause) {
    throw new RoutingError('INVALID_RECURRENCE', `event ${uid}: the recurrence rule cannot be read`, {
      cause,
    });
  }
};

/**
 * Iterates a rule in the series' wall-clock time, so that every occurrence keeps the local start time
 * across DST changes. A UNTIL in UTC is moved into the same wall-clock time first.
 */
function* ruleOccurrences(rrule: string, start: Anchor, uid: string, endInstant: number): Generator<Anchor> {
  const rule = parseRule(rrule, uid);
  if (rule.until && !rule.until.isDate && rule.until.zone === ICAL.Timezone.utcTimezone && !start.allDay) {
    const untilWall = start.zone.toWall(rule.until.toUnixTime() * 1000);
    rule.until = toWallIcalTime(untilWall, false);
  }
  const iterator = rule.iterator(toWallIcalTime(start.wall, start.allDay));
  for (let next = iterator.next(); next; next = iterator.next()) {
    const anchor: Anchor = { wall: wallOfIcalTime(next), zone: start.zone, allDay: start.allDay };
    if (instantOf(anchor) >= endInstant) return;
    yield anchor;
  }
}

interface Series {
  master?: CalendarEvent;
  overrides: CalendarEvent[];
}

const groupByUid = (events: readonly CalendarEvent[]): Map<string, Series> => {
  const byUid = new Map<string, Series>();
  for (const event of events) {
    let series = byUid.get(event.uid);
    if (!series) {
      series = { overrides: [] };
      byUid.set(event.uid, series);
    }
    if (event.recurrenceId) series.overrides.push(event);
    else series.master = event;
  }
  return byUid;
};

/**
 * Expands normalised events into instances that overlap the horizon: RRULE (with ical.js), RDATE,
 * EXDATE, moved and cancelled occurrences. Cancelled events and occurrences produce nothing.
 */
export const expandEvents = (events: readonly CalendarEvent[], options: ExpandOptions): EventInstance[] => {
  const resolveZone = createTimeZoneResolver(options.zones);
  const calendarZone = resolveZone(options.timeZone);
  const { horizon } = options;
  const maxOccurrences = options.maxOccurrences ?? defaultMaxOccurrences;
  const instances: EventInstance[] = [];

  const emit = (event: CalendarEvent, id: string, start: Anchor, span: Span) => {
    const startInstant = instantOf(start);
    const endInstant =
      span.kind === 'wall' ? instantOf({ ...start, wall: start.wall + span.ms }) : startInstant + span.ms;
    const touchesHorizon =
      startInstant < horizon.end && (endInstant > horizon.start || startInstant >= horizon.start);
    if (!touchesHorizon) return;
    instances.push({
      id,
      uid: event.uid,
      subject: event.subject,
      start: startInstant,
      end: Math.max(startInstant, endInstant),
      allDay: start.allDay,
    });
  };

  const single = (event: CalendarEvent, id: string) => {
    const start = anchorOf(event.start, calendarZone, resolveZone);
    emit(event, id, start, spanOf(start, anchorOf(event.end, calendarZone, resolveZone)));
  };

  for (const [uid, series] of groupByUid(events)) {
    const { master } = series;
    if (master?.status === 'cancelled') continue;
    const overridden = new Set<string>();
    for (const override of series.overrides) {
      const original = anchorOf(override.recurrenceId as EventTime, calendarZone, resolveZone);
      overridden.add(occurrenceKey(original));
      if (override.status !== 'cancelled') single(override, `${uid}/${instanceSuffix(original)}`);
    }
    if (!master) continue;
    if (!master.recurrence) {
      single(master, uid);
      continue;
    }

    const start = anchorOf(master.start, calendarZone, resolveZone);
    const span = spanOf(start, anchorOf(master.end, calendarZone, resolveZone));
    const excluded = new Set(
      master.recurrence.exdates.map((time) => occurrenceKey(anchorOf(time, calendarZone, resolveZone))),
    );
    const occurrences = new Map<string, Anchor>();
    const add = (anchor: Anchor) => {
      const key = occurrenceKey(anchor);
      if (!excluded.has(key) && !overridden.has(key)) occurrences.set(key, anchor);
    };
    add(start);
    for (const rrule of master.recurrence.rrules) {
      let count = 0;
      for (const anchor of ruleOccurrences(rrule, start, uid, horizon.end)) {
        if (++count > maxOccurrences) {
          throw new RoutingError(
            'INVALID_RECURRENCE',
            `event ${uid}: the recurrence rule has too many occurrences`,
          );
        }
        add(anchor);
      }
    }
    for (const rdate of master.recurrence.rdates) {
      const extra = anchorOf(rdate, calendarZone, resolveZone);
      if (extra.allDay !== start.allDay) {
        throw new RoutingError(
          'INVALID_RECURRENCE',
          `event ${uid}: an RDATE must be of the same kind as the start`,
        );
      }
      // An RDATE written in another zone starts an occurrence at that instant, in the series' zone.
      add(start.allDay ? extra : { ...start, wall: start.zone.toWall(instantOf(extra)) });
    }
    for (const anchor of occurrences.values()) {
      emit(master, `${uid}/${instanceSuffix(anchor)}`, anchor, span);
    }
  }
  return instances.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
};
