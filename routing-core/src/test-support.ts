import { DateTime } from 'luxon';
import { expect } from 'vitest';
import type { CalendarEvent } from './calendar-event.ts';
import { type CompileResult, compileRoutingTable } from './compile-routing-table.ts';
import { type Contact, parseContact } from './contact.ts';
import { type ContactDirectory, createContactDirectory } from './contact-directory.ts';
import type { EventInstance } from './expand-events.ts';
import { type Period, period } from './horizon.ts';
import type { NumberSettingsInput } from './number-settings.ts';
import { isRoutingError, type RoutingError, type RoutingErrorCode } from './routing-error.ts';

/** Test fixtures only: never exported from index.ts. */

export const amsterdam = 'Europe/Amsterdam';
export const newYork = 'America/New_York';

export const jd = parseContact({ key: 'JD', phone: '050 123 4567', description: 'Jan de Vries' });
export const pk = parseContact({ key: 'PK', phone: '06 1234 5678' });
export const eb = parseContact({ key: 'ÉB', phone: '+32 470 12 34 56' });
export const fb = parseContact({ key: 'FB', phone: '020 123 4567' });

export const allContacts: readonly Contact[] = [jd, pk, eb, fb];

export const directory = (
  contacts: readonly Contact[] = allContacts,
  caseSensitive = false,
): ContactDirectory => createContactDirectory(contacts, { caseSensitive });

/** Epoch ms of a local wall-clock time, e.g. local('2027-03-26T17:00'). */
export const local = (iso: string, zone: string = amsterdam): number => {
  const time = DateTime.fromISO(iso, { zone });
  if (!time.isValid) throw new Error(`bad test time ${iso}`);
  return time.toMillis();
};

/** The local wall-clock time of an instant, as "2027-03-29T08:00" (seconds only when not zero). */
export const wallClock = (instant: number, zone: string = amsterdam): string => {
  const time = DateTime.fromMillis(instant, { zone });
  return time.toFormat(time.second === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
};

export const hours = (ms: number): number => ms / 3_600_000;

export const minute = 60_000;
export const hour = 3_600_000;

/** A horizon wide enough for every fixed-date test: March to November 2027. */
export const horizon2027: Period = period(local('2027-03-01T00:00'), local('2027-12-01T00:00'));

/** A calendar file around the given component lines, CRLF-separated as RFC 5545 writes them. */
export const ics = (...lines: readonly string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//WYGC//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');

/** A VEVENT with a UID and the given property lines. */
export const vevent = (uid: string, ...lines: readonly string[]): string[] => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  ...lines,
  'END:VEVENT',
];

/** Europe/Amsterdam rules written as a VTIMEZONE with a made-up TZID, as some exporters do. */
export const customAmsterdamZone = (tzid: string): string[] => [
  'BEGIN:VTIMEZONE',
  `TZID:${tzid}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** A one-off timed event in Europe/Amsterdam. */
export const timedEvent = (
  uid: string,
  subject: string,
  start: string,
  end: string,
  zone = amsterdam,
): CalendarEvent => ({
  uid,
  subject,
  status: 'confirmed',
  start: { dateTime: start, timeZone: zone },
  end: { dateTime: end, timeZone: zone },
});

export const instance = (id: string, subject: string, start: number, end: number): EventInstance => ({
  id,
  uid: id,
  subject,
  start,
  end,
  allDay: false,
});

export const compile = (
  instances: readonly EventInstance[],
  settings: NumberSettingsInput = {},
  options: { contacts?: ContactDirectory; horizon?: Period } = {},
): CompileResult =>
  compileRoutingTable({
    instances,
    contacts: options.contacts ?? directory(),
    settings,
    horizon: options.horizon ?? horizon2027,
    timeZone: amsterdam,
    version: 7,
    compiledAt: local('2027-02-28T12:00'),
  });

/** The error `run` throws, checked to be a RoutingError with the code (and line) expected. */
export const routingErrorOf = (run: () => unknown, code: RoutingErrorCode, line?: number): RoutingError => {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  if (!isRoutingError(caught)) throw new Error(`expected a RoutingError ${code}, got ${String(caught)}`);
  expect(caught.code).toBe(code);
  if (line !== undefined) expect(caught.line).toBe(line);
  return caught;
};

/** Keys per group, e.g. [["JD", "PK"], ["ÉB"]], for readable expectations. */
export const keysOf = (
  groups: readonly (readonly { readonly key?: string; readonly phone: string }[])[],
): string[][] => groups.map((group) => group.map((target) => target.key ?? target.phone));
