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

const dayMs = 86_400_000;

/**
 * Luxon is exact but slow (~10 µs a conversion). Offsets only change on a handful of days a year, so
 * each day whose offset is the same at both ends is answered from a cache; the other days go to luxon.
 */
const createIanaZone = (id: string): TimeZone => {
  const offsetAt = (instant: number): number => DateTime.fromMillis(instant, { zone: id }).offset * 60_000;
  const exactInstant = (wall: WallTime): number => {
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
  };
  /** Per day (wall days for toInstant, UTC days for toWall): the offset, or null when it changes that day. */
  const wallDays = new Map<number, number | null>();
  const utcDays = new Map<number, number | null>();
  const steadyOffset = (cache: Map<number, number | null>, day: number, offsetOf: (ms: number) => number) => {
    let offset = cache.get(day);
    if (offset === undefined) {
      const start = offsetOf(day * dayMs);
      offset = start === offsetOf((day + 1) * dayMs) ? start : null;
      cache.set(day, offset);
    }
    return offset;
  };
  return {
    id,
    toInstant: (wall) => {
      const offset = steadyOffset(wallDays, Math.floor(wall / dayMs), (w) => w - exactInstant(w));
      return offset === null ? exactInstant(wall) : wall - offset;
    },
    toWall: (instant) => {
      const offset = steadyOffset(utcDays, Math.floor(instant / dayMs), offsetAt);
      return instant + (offset ?? offsetAt(instant));
    },
  };
};

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
  const offsetAt = (wall: WallTime): number => zone.utcOffset(toIcalTime(wall, zone)) * 1000;
  // ical.js looks offsets up by local time only (its convertToZone is an hour off just after a change),
  // so an instant is converted by trying the offset of its first guess too, keeping the one that holds.
  const toWall = (instant: number): WallTime => {
    const guess = instant + offsetAt(instant);
    if (guess - offsetAt(guess) === instant) return guess;
    const retry = instant + offsetAt(guess);
    return retry - offsetAt(retry) === instant ? retry : guess;
  };
  return {
    id,
    toInstant: (wall) => {
      const instant = wall - offsetAt(wall);
      // No instant has a wall time inside a spring-forward gap: move forward by the gap, as IANA zones do.
      return instant + (wall - toWall(instant));
    },
    toWall,
  };
};

/** IANA zones depend only on their name, so their offset caches are shared by every resolver. */
const ianaZones = new Map<string, TimeZone>();
const ianaZone = (id: string): TimeZone => {
  let zone = ianaZones.get(id);
  if (!zone) {
    zone = createIanaZone(id);
    ianaZones.set(id, zone);
  }
  return zone;
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
    if (id === 'UTC' || id === 'Z') return ianaZone('UTC');
    if (isIanaTimeZone(id)) return ianaZone(id);
    const fromWindows = findIana(id)?.[0];
    if (fromWindows && isIanaTimeZone(fromWindows)) return ianaZone(fromWindows);
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
