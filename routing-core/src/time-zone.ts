import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { RoutingError } from './routing-error.ts';
import type { WallTime } from './wall-time.ts';

/** Converts between wall-clock time in one zone and instants (epoch milliseconds). */
export interface TimeZone {
  readonly id: string;
  /** A wall time inside a DST gap moves forward by the gap, as calendar apps do. */
  toInstant(wall: WallTime): number;
  toWall(instant: number): WallTime;
}

/** VTIMEZONE definitions from an ICS file, by TZID, as the ICS text of each VTIMEZONE component. */
export type ZoneDefinitions = Readonly<Record<string, string>>;

const createIanaZone = (id: string): TimeZone => ({
  id,
  toInstant: (wall) => {
    const d = new Date(wall);
    return DateTime.fromObject(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        millisecond: d.getUTCMilliseconds(),
      },
      { zone: id },
    ).toMillis();
  },
  toWall: (instant) => instant + DateTime.fromMillis(instant, { zone: id }).offset * 60_000,
});

const createVtimezoneZone = (id: string, definition: string): TimeZone => {
  let zone: ICAL.Timezone;
  try {
    zone = new ICAL.Timezone({ component: new ICAL.Component(ICAL.parse(definition)), tzid: id });
  } catch (cause) {
    throw new RoutingError('UNKNOWN_TIME_ZONE', `the VTIMEZONE for ${id} cannot be read`, { cause });
  }
  const toIcalTime = (ms: number, tz: ICAL.Timezone): ICAL.Time => {
    const d = new Date(ms);
    return ICAL.Time.fromData(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        isDate: false,
      },
      tz,
    );
  };
  return {
    id,
    toInstant: (wall) => wall - zone.utcOffset(toIcalTime(wall, zone)) * 1000,
    toWall: (instant) => {
      const local = toIcalTime(instant, ICAL.Timezone.utcTimezone).convertToZone(zone);
      return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    },
  };
};

export type TimeZoneResolver = (id: string) => TimeZone;

export const isIanaTimeZone = (id: string): boolean => IANAZone.isValidZone(id);

/**
 * Resolves a TZID the way DESIGN.md §4 orders it: the calendar's own VTIMEZONE first, then an IANA
 * name, then a Windows zone name ("W. Europe Standard Time", as Outlook and Graph write them).
 */
export const createTimeZoneResolver = (definitions: ZoneDefinitions = {}): TimeZoneResolver => {
  const cache = new Map<string, TimeZone>();
  const build = (id: string): TimeZone => {
    const definition = definitions[id];
    if (definition !== undefined) return createVtimezoneZone(id, definition);
    if (id === 'UTC' || id === 'Z') return createIanaZone('UTC');
    if (isIanaTimeZone(id)) return createIanaZone(id);
    const fromWindows = findIana(id)?.[0];
    if (fromWindows && isIanaTimeZone(fromWindows)) return createIanaZone(fromWindows);
    throw new RoutingError('UNKNOWN_TIME_ZONE', `unknown time zone "${id}"`);
  };
  return (id: string): TimeZone => {
    let zone = cache.get(id);
    if (!zone) {
      zone = build(id);
      cache.set(id, zone);
    }
    return zone;
  };
};
