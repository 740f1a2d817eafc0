import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from './calendar-event.ts';
import { type EventInstance, expandEvents } from './expand-events.ts';
import { period } from './horizon.ts';
import { parseIcs } from './parse-ics.ts';
import {
  amsterdam,
  customAmsterdamZone,
  horizon2027,
  hours,
  ics,
  local,
  newYork,
  routingErrorOf,
  timedEvent,
  vevent,
  wallClock,
} from './test-support.ts';

const expandIcs = (text: string, horizon = horizon2027): EventInstance[] => {
  const parsed = parseIcs(text);
  return expandEvents(parsed.events, { horizon, timeZone: parsed.timeZone, zones: parsed.zones });
};

const walls = (instances: readonly EventInstance[], zone = amsterdam): [string, string][] =>
  instances.map((i) => [wallClock(i.start, zone), wallClock(i.end, zone)]);

const weekendShift = (...extra: string[]) =>
  vevent(
    'weekend',
    'SUMMARY:Storing JD',
    'DTSTART;TZID=Europe/Amsterdam:20270319T170000',
    'DTEND;TZID=Europe/Amsterdam:20270322T080000',
    ...extra,
  );

describe('expandEvents: windows across DST', () => {
  it('keeps a weekly Friday 17:00 to Monday 08:00 shift at 17:00 and 08:00 local across both DST changes', () => {
    const instances = expandIcs(ics(...weekendShift('RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20271112T235959Z')));
    expect(instances).toHaveLength(35);
    for (const shift of instances) {
      expect(wallClock(shift.start).slice(11)).toBe('17:00');
      expect(wallClock(shift.end).slice(11)).toBe('08:00');
    }
    const byStart = new Map(instances.map((i) => [wallClock(i.start).slice(0, 10), i]));
    const length = (day: string) => hours((byStart.get(day)?.end ?? 0) - (byStart.get(day)?.start ?? 0));
    expect(length('2027-03-19')).toBe(63);
    expect(length('2027-03-26')).toBe(62);
    expect(length('2027-04-02')).toBe(63);
    expect(length('2027-10-22')).toBe(63);
    expect(length('2027-10-29')).toBe(64);
    expect(length('2027-11-05')).toBe(63);
    expect(byStart.get('2027-03-26')?.end).toBe(local('2027-03-29T08:00'));
    expect(byStart.get('2027-10-29')?.end).toBe(local('2027-11-01T08:00'));
  });

  it('makes an all-day event on 28 March 2027 23 hours and on 31 October 2027 25 hours', () => {
    const instances = expandIcs(
      ics(
        ...vevent('spring', 'SUMMARY:JD', 'DTSTART;VALUE=DATE:20270328', 'DTEND;VALUE=DATE:20270329'),
        ...vevent('autumn', 'SUMMARY:JD', 'DTSTART;VALUE=DATE:20271031'),
        ...vevent('normal', 'SUMMARY:JD', 'DTSTART;VALUE=DATE:20270401'),
      ),
    );
    expect(instances.map((i) => [i.id, i.allDay, hours(i.end - i.start)])).toEqual([
      ['spring', true, 23],
      ['normal', true, 24],
      ['autumn', true, 25],
    ]);
    expect(instances[0]?.start).toBe(local('2027-03-28T00:00'));
    expect(instances[0]?.end).toBe(local('2027-03-29T00:00'));
  });

  it('spans all-day events from midnight to midnight in the calendar zone', () => {
    const event: CalendarEvent = {
      uid: 'day',
      subject: 'JD',
      status: 'confirmed',
      start: { date: '2027-03-14' },
      end: { date: '2027-03-15' },
    };
    const [instance] = expandEvents([event], { horizon: horizon2027, timeZone: newYork });
    expect(instance?.start).toBe(local('2027-03-14T00:00', newYork));
    expect(hours((instance?.end ?? 0) - (instance?.start ?? 0))).toBe(23);
  });

  it('moves a daily 02:30 occurrence that falls in the spring-forward gap to 03:30, and keeps 02:30 after', () => {
    const instances = expandIcs(
      ics(
        ...vevent(
          'night',
          'SUMMARY:JD',
          'DTSTART;TZID=Europe/Amsterdam:20270327T023000',
          'DTEND;TZID=Europe/Amsterdam:20270327T040000',
          'RRULE:FREQ=DAILY;COUNT=3',
        ),
      ),
    );
    expect(walls(instances)).toEqual([
      ['2027-03-27T02:30', '2027-03-27T04:00'],
      ['2027-03-28T03:30', '2027-03-28T04:00'],
      ['2027-03-29T02:30', '2027-03-29T04:00'],
    ]);
  });

  it('keeps an elapsed span when start and end are in different zones', () => {
    const event: CalendarEvent = {
      uid: 'mixed',
      subject: 'JD',
      status: 'confirmed',
      start: { dateTime: '2027-03-26T17:00:00', timeZone: amsterdam },
      // 13:00 in New York is 17:00 UTC, one hour after the start, on both dates.
      end: { dateTime: '2027-03-26T13:00:00', timeZone: newYork },
      recurrence: { rrules: ['FREQ=WEEKLY;COUNT=2'], rdates: [], exdates: [] },
    };
    const instances = expandEvents([event], { horizon: horizon2027, timeZone: amsterdam });
    expect(walls(instances)).toEqual([
      ['2027-03-26T17:00', '2027-03-26T18:00'],
      ['2027-04-02T17:00', '2027-04-02T18:00'],
    ]);
  });
});

describe('expandEvents: recurrence', () => {
  it('stops after COUNT occurrences, counting DTSTART', () => {
    const instances = expandIcs(ics(...weekendShift('RRULE:FREQ=WEEKLY;COUNT=3')));
    expect(instances.map((i) => wallClock(i.start))).toEqual([
      '2027-03-19T17:00',
      '2027-03-26T17:00',
      '2027-04-02T17:00',
    ]);
  });

  it('treats UNTIL in UTC as an instant and includes an occurrence starting exactly then', () => {
    // 2027-04-02 17:00 in Amsterdam is 15:00 UTC: one hour less would wrongly drop it.
    const inclusive = expandIcs(ics(...weekendShift('RRULE:FREQ=WEEKLY;UNTIL=20270402T150000Z')));
    expect(inclusive.map((i) => wallClock(i.start).slice(0, 10))).toEqual([
      '2027-03-19',
      '2027-03-26',
      '2027-04-02',
    ]);
    const exclusive = expandIcs(ics(...weekendShift('RRULE:FREQ=WEEKLY;UNTIL=20270402T145959Z')));
    expect(exclusive).toHaveLength(2);
  });

  it('treats UNTIL in UTC as an instant for a VTIMEZONE series on the DST day too', () => {
    const text = ics(
      ...customAmsterdamZone('Eigen zone'),
      ...vevent(
        'early',
        'SUMMARY:JD',
        'DTSTART;TZID=Eigen zone:20270326T030000',
        'DTEND;TZID=Eigen zone:20270326T050000',
        // 03:00 CEST on 28 March is 01:00 UTC: the third occurrence is the last one.
        'RRULE:FREQ=DAILY;UNTIL=20270328T010000Z',
      ),
    );
    expect(walls(expandIcs(text))).toEqual([
      ['2027-03-26T03:00', '2027-03-26T05:00'],
      ['2027-03-27T03:00', '2027-03-27T05:00'],
      ['2027-03-28T03:00', '2027-03-28T05:00'],
    ]);
  });

  it('removes an occurrence named by EXDATE, whatever zone it is written in', () => {
    const instances = expandIcs(
      ics(
        ...weekendShift(
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'EXDATE;TZID=Europe/Amsterdam:20270326T170000',
          'EXDATE:20270402T150000Z',
        ),
      ),
    );
    expect(instances.map((i) => wallClock(i.start).slice(0, 10))).toEqual(['2027-03-19', '2027-04-09']);
  });

  it('removes an all-day occurrence named by an EXDATE date', () => {
    const instances = expandIcs(
      ics(
        ...vevent(
          'days',
          'SUMMARY:JD',
          'DTSTART;VALUE=DATE:20270327',
          'RRULE:FREQ=DAILY;COUNT=3',
          'EXDATE;VALUE=DATE:20270328',
        ),
      ),
    );
    expect(instances.map((i) => [i.id, hours(i.end - i.start)])).toEqual([
      ['days/2027-03-27', 24],
      ['days/2027-03-29', 24],
    ]);
  });

  it('replaces a moved occurrence (RECURRENCE-ID) by the override, keeping the occurrence id', () => {
    const instances = expandIcs(
      ics(
        ...weekendShift('RRULE:FREQ=WEEKLY;COUNT=3'),
        ...vevent(
          'weekend',
          'SUMMARY:Storing PK',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270326T170000',
          'DTSTART;TZID=Europe/Amsterdam:20270326T200000',
          'DTEND;TZID=Europe/Amsterdam:20270329T090000',
        ),
      ),
    );
    expect(instances.map((i) => [i.id, i.subject, wallClock(i.start), wallClock(i.end)])).toEqual([
      ['weekend/2027-03-19T16:00:00.000Z', 'Storing JD', '2027-03-19T17:00', '2027-03-22T08:00'],
      ['weekend/2027-03-26T16:00:00.000Z', 'Storing PK', '2027-03-26T20:00', '2027-03-29T09:00'],
      ['weekend/2027-04-02T15:00:00.000Z', 'Storing JD', '2027-04-02T17:00', '2027-04-05T08:00'],
    ]);
  });

  it('matches a RECURRENCE-ID written in UTC to the occurrence it names', () => {
    const instances = expandIcs(
      ics(
        ...weekendShift('RRULE:FREQ=WEEKLY;COUNT=2'),
        ...vevent(
          'weekend',
          'SUMMARY:PK',
          'RECURRENCE-ID:20270326T160000Z',
          'DTSTART:20270327T090000Z',
          'DURATION:PT1H',
        ),
      ),
    );
    expect(instances.map((i) => i.subject)).toEqual(['Storing JD', 'PK']);
  });

  it('drops an occurrence cancelled by an override with STATUS:CANCELLED', () => {
    const instances = expandIcs(
      ics(
        ...weekendShift('RRULE:FREQ=WEEKLY;COUNT=3'),
        ...vevent(
          'weekend',
          'SUMMARY:Storing JD',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270326T170000',
          'DTSTART;TZID=Europe/Amsterdam:20270326T170000',
          'DTEND;TZID=Europe/Amsterdam:20270329T080000',
          'STATUS:CANCELLED',
        ),
      ),
    );
    expect(instances.map((i) => wallClock(i.start).slice(0, 10))).toEqual(['2027-03-19', '2027-04-02']);
  });

  it('adds an occurrence for an RDATE, keeping the series length', () => {
    const instances = expandIcs(
      ics(...weekendShift('RRULE:FREQ=WEEKLY;COUNT=2', 'RDATE;TZID=Europe/Amsterdam:20270408T170000')),
    );
    expect(walls(instances)).toEqual([
      ['2027-03-19T17:00', '2027-03-22T08:00'],
      ['2027-03-26T17:00', '2027-03-29T08:00'],
      ['2027-04-08T17:00', '2027-04-11T08:00'],
    ]);
  });

  it('starts an RDATE written in UTC at that instant', () => {
    const instances = expandIcs(ics(...weekendShift('RDATE:20270408T150000Z')));
    expect(walls(instances)[1]).toEqual(['2027-04-08T17:00', '2027-04-11T08:00']);
  });

  it('does not count an RDATE equal to a rule occurrence twice', () => {
    const instances = expandIcs(
      ics(...weekendShift('RRULE:FREQ=WEEKLY;COUNT=2', 'RDATE;TZID=Europe/Amsterdam:20270326T170000')),
    );
    expect(instances).toHaveLength(2);
  });

  it('routes nothing for a cancelled master, not even its overrides', () => {
    const instances = expandIcs(
      ics(
        ...weekendShift('RRULE:FREQ=WEEKLY;COUNT=3', 'STATUS:CANCELLED'),
        ...vevent(
          'weekend',
          'SUMMARY:PK',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270326T170000',
          'DTSTART;TZID=Europe/Amsterdam:20270326T200000',
          'DTEND;TZID=Europe/Amsterdam:20270329T080000',
        ),
        ...vevent('single', 'SUMMARY:JD', 'DTSTART:20270401T080000Z', 'DURATION:PT1H', 'STATUS:CANCELLED'),
      ),
    );
    expect(instances).toEqual([]);
  });

  it('routes tentative events like confirmed ones', () => {
    const event: CalendarEvent = {
      ...timedEvent('maybe', 'JD', '2027-04-01T08:00:00', '2027-04-01T09:00:00'),
      status: 'tentative',
    };
    expect(expandEvents([event], { horizon: horizon2027, timeZone: amsterdam }).map((i) => i.id)).toEqual([
      'maybe',
    ]);
  });

  it('expands an override whose master is not in the feed', () => {
    const instances = expandIcs(
      ics(
        ...vevent(
          'orphan',
          'SUMMARY:PK',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270326T170000',
          'DTSTART;TZID=Europe/Amsterdam:20270326T200000',
          'DURATION:PT2H',
        ),
      ),
    );
    expect(instances.map((i) => [i.id, wallClock(i.start)])).toEqual([
      ['orphan/2027-03-26T16:00:00.000Z', '2027-03-26T20:00'],
    ]);
  });

  it('refuses a series with more occurrences than allowed', () => {
    const event: CalendarEvent = {
      ...timedEvent('minutely', 'JD', '2027-03-01T00:00:00', '2027-03-01T00:00:30'),
      recurrence: { rrules: ['FREQ=MINUTELY'], rdates: [], exdates: [] },
    };
    routingErrorOf(
      () => expandEvents([event], { horizon: horizon2027, timeZone: amsterdam, maxOccurrences: 1000 }),
      'INVALID_RECURRENCE',
    );
  });

  it('refuses an unreadable rule and an RDATE of the wrong kind', () => {
    const base = timedEvent('bad', 'JD', '2027-03-01T08:00:00', '2027-03-01T09:00:00');
    routingErrorOf(
      () =>
        expandEvents(
          [{ ...base, recurrence: { rrules: ['FREQ=WEEKLY;COUNT=x'], rdates: [], exdates: [] } }],
          {
            horizon: horizon2027,
            timeZone: amsterdam,
          },
        ),
      'INVALID_RECURRENCE',
    );
    routingErrorOf(
      () =>
        expandEvents(
          [{ ...base, recurrence: { rrules: [], rdates: [{ date: '2027-03-05' }], exdates: [] } }],
          {
            horizon: horizon2027,
            timeZone: amsterdam,
          },
        ),
      'INVALID_RECURRENCE',
    );
  });
});

describe('expandEvents: zones', () => {
  it('resolves a TZID given as a Windows zone name', () => {
    const instances = expandIcs(
      ics(
        ...vevent(
          'outlook',
          'SUMMARY:JD',
          'DTSTART;TZID=W. Europe Standard Time:20270326T170000',
          'DTEND;TZID=W. Europe Standard Time:20270329T080000',
        ),
      ),
    );
    expect(instances.map((i) => [i.start, i.end])).toEqual([
      [local('2027-03-26T17:00'), local('2027-03-29T08:00')],
    ]);
  });

  it('resolves a TZID defined only by a VTIMEZONE with a custom name', () => {
    const instances = expandIcs(
      ics(
        ...customAmsterdamZone('Amsterdam, Berlijn, Bern'),
        ...vevent(
          'custom',
          'SUMMARY:JD',
          'DTSTART;TZID=Amsterdam, Berlijn, Bern:20271022T170000',
          'DTEND;TZID=Amsterdam, Berlijn, Bern:20271025T080000',
          'RRULE:FREQ=WEEKLY;COUNT=2',
        ),
      ),
    );
    expect(instances.map((i) => [i.start, i.end])).toEqual([
      [local('2027-10-22T17:00'), local('2027-10-25T08:00')],
      [local('2027-10-29T17:00'), local('2027-11-01T08:00')],
    ]);
  });

  it('puts floating times in the calendar zone', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'X-WR-TIMEZONE:America/New_York',
      ...vevent('floating', 'SUMMARY:JD', 'DTSTART:20270312T170000', 'DTEND:20270315T080000'),
      'END:VCALENDAR',
    ].join('\r\n');
    const [instance] = expandIcs(text);
    expect(instance?.start).toBe(local('2027-03-12T17:00', newYork));
    expect(instance?.end).toBe(local('2027-03-15T08:00', newYork));
    expect(hours((instance?.end ?? 0) - (instance?.start ?? 0))).toBe(62);
  });

  it('refuses an unknown zone in a normalised event', () => {
    const event = timedEvent('x', 'JD', '2027-03-01T08:00:00', '2027-03-01T09:00:00', 'Mars/Olympus');
    routingErrorOf(
      () => expandEvents([event], { horizon: horizon2027, timeZone: amsterdam }),
      'UNKNOWN_TIME_ZONE',
    );
  });
});

describe('expandEvents: horizon', () => {
  const horizon = period(local('2027-04-01T00:00'), local('2027-04-08T00:00'));

  it('keeps instances overlapping the horizon, including one that started before it', () => {
    const instances = expandIcs(
      ics(...weekendShift('RRULE:FREQ=WEEKLY;COUNT=10', 'RDATE;TZID=Europe/Amsterdam:20270330T080000')),
      horizon,
    );
    expect(walls(instances)).toEqual([
      ['2027-03-30T08:00', '2027-04-01T23:00'],
      ['2027-04-02T17:00', '2027-04-05T08:00'],
    ]);
  });

  it('drops an instance that ends exactly when the horizon starts or starts when it ends', () => {
    const events = [
      timedEvent('before', 'JD', '2027-03-31T20:00:00', '2027-04-01T00:00:00'),
      timedEvent('after', 'JD', '2027-04-08T00:00:00', '2027-04-08T01:00:00'),
      timedEvent('inside', 'JD', '2027-04-07T23:00:00', '2027-04-08T01:00:00'),
    ];
    expect(expandEvents(events, { horizon, timeZone: amsterdam }).map((i) => i.id)).toEqual(['inside']);
  });

  it('keeps a zero-length instance inside the horizon, for the unmatched report', () => {
    const events = [timedEvent('point', 'JD', '2027-04-02T10:00:00', '2027-04-02T10:00:00')];
    const [instance] = expandEvents(events, { horizon, timeZone: amsterdam });
    expect(instance?.end).toBe(instance?.start);
  });

  it('returns instances sorted by start, then end, then id', () => {
    const events = [
      timedEvent('c', 'JD', '2027-04-02T10:00:00', '2027-04-02T12:00:00'),
      timedEvent('b', 'JD', '2027-04-02T10:00:00', '2027-04-02T11:00:00'),
      timedEvent('a', 'JD', '2027-04-02T10:00:00', '2027-04-02T12:00:00'),
      timedEvent('z', 'JD', '2027-04-01T10:00:00', '2027-04-01T12:00:00'),
    ];
    expect(expandEvents(events, { horizon, timeZone: amsterdam }).map((i) => i.id)).toEqual([
      'z',
      'b',
      'a',
      'c',
    ]);
  });
});
