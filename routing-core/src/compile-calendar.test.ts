import { describe, expect, it } from 'vitest';
import { compileCalendar } from './compile-calendar.ts';
import { period } from './horizon.ts';
import { parseIcs } from './parse-ics.ts';
import { resolve } from './resolve-decision.ts';
import { customAmsterdamZone, directory, ics, keysOf, local, vevent } from './test-support.ts';

const roster = ics(
  ...customAmsterdamZone('Storingsdienst tijd'),
  ...vevent(
    'weekend',
    'SUMMARY:Storing JD (mobiel)',
    'DTSTART;TZID=Storingsdienst tijd:20270319T170000',
    'DTEND;TZID=Storingsdienst tijd:20270322T080000',
    'RRULE:FREQ=WEEKLY;BYDAY=FR',
  ),
  ...vevent(
    'weekend',
    'SUMMARY:Storing PK',
    'RECURRENCE-ID;TZID=Storingsdienst tijd:20270402T170000',
    'DTSTART;TZID=Storingsdienst tijd:20270402T170000',
    'DTEND;TZID=Storingsdienst tijd:20270405T080000',
  ),
  ...vevent(
    'dentist',
    'SUMMARY:ÉB+JD',
    'DTSTART;TZID=W. Europe Standard Time:20270327T100000',
    'DURATION:PT2H',
  ),
  ...vevent('typo', 'SUMMARY:Storing JDD', 'DTSTART;VALUE=DATE:20270330'),
);

const compileRoster = () => {
  const parsed = parseIcs(roster);
  return compileCalendar({
    events: parsed.events,
    timeZone: parsed.timeZone,
    zones: parsed.zones,
    contacts: directory(),
    settings: { fallback: 'FB' },
    horizon: period(local('2027-03-22T00:00'), local('2027-04-12T00:00')),
    version: 3,
    compiledAt: local('2027-03-22T00:00'),
  });
};

describe('compileCalendar', () => {
  it('routes a roster from ICS text across the spring DST change', () => {
    const { table } = compileRoster();
    const who = (iso: string) => keysOf(resolve(table, local(iso)).attempts.map((a) => a.targets));
    expect(who('2027-03-26T16:59')).toEqual([['FB']]);
    expect(who('2027-03-26T17:00')).toEqual([['JD'], ['FB']]);
    expect(who('2027-03-27T11:00')).toEqual([['ÉB', 'JD'], ['FB']]);
    expect(who('2027-03-29T07:59')).toEqual([['JD'], ['FB']]);
    expect(who('2027-03-29T08:00')).toEqual([['FB']]);
    expect(who('2027-04-03T12:00')).toEqual([['PK'], ['FB']]);
    expect(who('2027-04-09T17:00')).toEqual([['JD'], ['FB']]);
    expect(table.version).toBe(3);
  });

  it('reports the unmatched all-day event', () => {
    const { unmatched } = compileRoster();
    expect(unmatched.map((u) => [u.id, u.subject, u.unmatchedTokens, u.start, u.end])).toEqual([
      ['typo', 'Storing JDD', ['Storing', 'JDD'], local('2027-03-30T00:00'), local('2027-03-31T00:00')],
    ]);
  });
});
