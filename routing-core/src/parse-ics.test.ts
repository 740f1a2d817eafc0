import { describe, expect, it } from 'vitest';
import { parseIcs } from './parse-ics.ts';
import { amsterdam, customAmsterdamZone, ics, routingErrorOf, vevent } from './test-support.ts';

// ics() puts BEGIN:VCALENDAR, VERSION and PRODID on lines 1-3: the first component line is line 4.

describe('parseIcs', () => {
  it('reads a timed event with its zone, subject and status', () => {
    const parsed = parseIcs(
      ics(
        ...vevent(
          'shift-1',
          'SUMMARY:Storing JD (mobiel)',
          'DTSTART;TZID=Europe/Amsterdam:20270326T170000',
          'DTEND;TZID=Europe/Amsterdam:20270329T080000',
          'STATUS:TENTATIVE',
        ),
      ),
    );
    expect(parsed.timeZone).toBe(amsterdam);
    expect(parsed.events).toEqual([
      {
        uid: 'shift-1',
        subject: 'Storing JD (mobiel)',
        status: 'tentative',
        start: { dateTime: '2027-03-26T17:00:00', timeZone: amsterdam },
        end: { dateTime: '2027-03-29T08:00:00', timeZone: amsterdam },
      },
    ]);
  });

  it('reads UTC times, cancelled status and the calendar name', () => {
    const parsed = parseIcs(
      ics(
        'X-WR-CALNAME:Storingsdienst',
        ...vevent(
          'u',
          'SUMMARY:JD',
          'DTSTART:20270326T160000Z',
          'DTEND:20270326T170000Z',
          'STATUS:CANCELLED',
        ),
      ),
    );
    expect(parsed.name).toBe('Storingsdienst');
    expect(parsed.events[0]).toMatchObject({
      status: 'cancelled',
      start: { dateTime: '2027-03-26T16:00:00', timeZone: 'UTC' },
    });
  });

  it('puts floating times in the calendar zone named by X-WR-TIMEZONE', () => {
    const parsed = parseIcs(
      ics(
        'X-WR-TIMEZONE:America/New_York',
        ...vevent('f', 'SUMMARY:JD', 'DTSTART:20270326T170000', 'DTEND:20270326T180000'),
      ),
    );
    expect(parsed.timeZone).toBe('America/New_York');
    expect(parsed.events[0]?.start).toEqual({
      dateTime: '2027-03-26T17:00:00',
      timeZone: 'America/New_York',
    });
  });

  it('puts floating times in the default zone when the file names none', () => {
    const text = ics(...vevent('f', 'SUMMARY:JD', 'DTSTART:20270326T170000'));
    expect(parseIcs(text).events[0]?.start).toEqual({ dateTime: '2027-03-26T17:00:00', timeZone: amsterdam });
    expect(parseIcs(text, { defaultTimeZone: 'Europe/Brussels' }).events[0]?.start).toEqual({
      dateTime: '2027-03-26T17:00:00',
      timeZone: 'Europe/Brussels',
    });
  });

  it('refuses an unknown default zone', () => {
    routingErrorOf(() => parseIcs(ics(), { defaultTimeZone: 'Nowhere/Special' }), 'UNKNOWN_TIME_ZONE');
  });

  it('reads all-day events, with the next day as default end', () => {
    const parsed = parseIcs(
      ics(
        ...vevent('a', 'SUMMARY:JD', 'DTSTART;VALUE=DATE:20270328', 'DTEND;VALUE=DATE:20270330'),
        ...vevent('b', 'SUMMARY:PK', 'DTSTART;VALUE=DATE:20271031'),
      ),
    );
    expect(parsed.events.map((e) => [e.start, e.end])).toEqual([
      [{ date: '2027-03-28' }, { date: '2027-03-30' }],
      [{ date: '2027-10-31' }, { date: '2027-11-01' }],
    ]);
  });

  it('takes the end from DURATION, and a timed event without end as zero-length', () => {
    const parsed = parseIcs(
      ics(
        ...vevent('d', 'SUMMARY:JD', 'DTSTART;TZID=Europe/Amsterdam:20270326T170000', 'DURATION:P2DT15H'),
        ...vevent('z', 'SUMMARY:PK', 'DTSTART;TZID=Europe/Amsterdam:20270326T170000'),
        ...vevent('w', 'SUMMARY:ÉB', 'DTSTART;VALUE=DATE:20270326', 'DURATION:P3D'),
      ),
    );
    expect(parsed.events.map((e) => e.end)).toEqual([
      { dateTime: '2027-03-29T08:00:00', timeZone: amsterdam },
      { dateTime: '2027-03-26T17:00:00', timeZone: amsterdam },
      { date: '2027-03-29' },
    ]);
  });

  it('reads RRULE, RDATE, EXDATE and RECURRENCE-ID', () => {
    const parsed = parseIcs(
      ics(
        ...vevent(
          'weekly',
          'SUMMARY:JD',
          'DTSTART;TZID=Europe/Amsterdam:20270305T170000',
          'DTEND;TZID=Europe/Amsterdam:20270308T080000',
          'RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=10',
          'EXDATE;TZID=Europe/Amsterdam:20270312T170000,20270319T170000',
          'RDATE:20270401T150000Z',
        ),
        ...vevent(
          'weekly',
          'SUMMARY:PK',
          'RECURRENCE-ID;TZID=Europe/Amsterdam:20270326T170000',
          'DTSTART;TZID=Europe/Amsterdam:20270326T180000',
          'DTEND;TZID=Europe/Amsterdam:20270329T080000',
        ),
      ),
    );
    expect(parsed.events[0]?.recurrence).toEqual({
      rrules: ['FREQ=WEEKLY;BYDAY=FR;COUNT=10'],
      rdates: [{ dateTime: '2027-04-01T15:00:00', timeZone: 'UTC' }],
      exdates: [
        { dateTime: '2027-03-12T17:00:00', timeZone: amsterdam },
        { dateTime: '2027-03-19T17:00:00', timeZone: amsterdam },
      ],
    });
    expect(parsed.events[1]?.recurrenceId).toEqual({ dateTime: '2027-03-26T17:00:00', timeZone: amsterdam });
    expect(parsed.events[1]?.recurrence).toBeUndefined();
  });

  it('unfolds folded lines and unescapes text', () => {
    const text = ics(
      'BEGIN:VEVENT',
      'UID:folded',
      'SUMMARY:Storing JD\\, PK\\; daarna \\',
      ' \\ ÉB',
      '\t(mobiel)',
      'DTSTART;TZID=Europe/Amsterdam:20270326T170000',
      'END:VEVENT',
    );
    expect(parseIcs(text).events[0]?.subject).toBe('Storing JD, PK; daarna \\ ÉB(mobiel)');
  });

  it('accepts LF line endings and blank lines', () => {
    const text = [
      'BEGIN:VCALENDAR',
      '',
      ...vevent('lf', 'SUMMARY:JD', 'DTSTART:20270326T170000Z'),
      'END:VCALENDAR',
      '',
    ].join('\n');
    expect(parseIcs(text).events).toHaveLength(1);
  });

  it('keeps VTIMEZONE definitions and accepts their custom TZID', () => {
    const parsed = parseIcs(
      ics(
        ...customAmsterdamZone('Amsterdam (eigen)'),
        ...vevent('c', 'SUMMARY:JD', 'DTSTART;TZID=Amsterdam (eigen):20270326T170000'),
      ),
    );
    expect(Object.keys(parsed.zones)).toEqual(['Amsterdam (eigen)']);
    expect(parsed.zones['Amsterdam (eigen)']).toContain('BEGIN:DAYLIGHT');
    expect(parsed.events[0]?.start).toEqual({
      dateTime: '2027-03-26T17:00:00',
      timeZone: 'Amsterdam (eigen)',
    });
  });

  it('accepts a Windows zone name as TZID', () => {
    const parsed = parseIcs(
      ics(...vevent('w', 'SUMMARY:JD', 'DTSTART;TZID="W. Europe Standard Time":20270326T170000')),
    );
    expect(parsed.events[0]?.start).toEqual({
      dateTime: '2027-03-26T17:00:00',
      timeZone: 'W. Europe Standard Time',
    });
  });

  it('ignores properties of nested components such as VALARM', () => {
    const parsed = parseIcs(
      ics(
        'BEGIN:VEVENT',
        'UID:alarm',
        'DTSTART:20270326T160000Z',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'SUMMARY:reminder',
        'TRIGGER:-PT15M',
        'END:VALARM',
        'SUMMARY:JD',
        'END:VEVENT',
      ),
    );
    expect(parsed.events[0]?.subject).toBe('JD');
  });
});

describe('parseIcs errors', () => {
  it('names the line of a malformed content line', () => {
    const text = ics(...vevent('x', 'THIS IS NOT A PROPERTY', 'DTSTART:20270326T170000'));
    routingErrorOf(() => parseIcs(text), 'INVALID_ICS', 6);
  });

  it('names the first physical line of a folded malformed line, and counts lines after folds', () => {
    const folded = ics(
      'BEGIN:VEVENT',
      'UID:x',
      'SUMMARY:a long',
      '  subject',
      'DTSTART:2027',
      ' 0230T100000',
      'END:VEVENT',
    );
    routingErrorOf(() => parseIcs(folded), 'INVALID_ICS', 8);
  });

  it('names the line of an END without BEGIN', () => {
    routingErrorOf(() => parseIcs(ics('END:VEVENT')), 'INVALID_ICS', 4);
  });

  it('names the line of an END that closes the wrong component', () => {
    routingErrorOf(
      () => parseIcs(ics('BEGIN:VEVENT', 'UID:x', 'DTSTART:20270326T170000', 'END:VTODO')),
      'INVALID_ICS',
      7,
    );
  });

  it('names the BEGIN that is never closed', () => {
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:20270326T170000'].join(
      '\r\n',
    );
    routingErrorOf(() => parseIcs(text), 'INVALID_ICS', 3);
  });

  it('refuses text that is not a calendar', () => {
    routingErrorOf(() => parseIcs(''), 'INVALID_ICS', 1);
    routingErrorOf(() => parseIcs('BEGIN:VCARD\r\nEND:VCARD'), 'INVALID_ICS', 1);
    routingErrorOf(() => parseIcs('SUMMARY:JD'), 'INVALID_ICS', 1);
  });

  it('names the BEGIN of a VEVENT without DTSTART', () => {
    const text = ics(...vevent('ok', 'DTSTART:20270326T170000Z'), ...vevent('x', 'SUMMARY:JD'));
    routingErrorOf(() => parseIcs(text), 'INVALID_ICS', 8);
  });

  it('names the line of an impossible date or date-time', () => {
    routingErrorOf(() => parseIcs(ics(...vevent('x', 'DTSTART;VALUE=DATE:20270230'))), 'INVALID_ICS', 6);
    routingErrorOf(
      () => parseIcs(ics(...vevent('x', 'DTSTART:20270326T170000', 'DTEND:20270230T100000'))),
      'INVALID_ICS',
      7,
    );
  });

  it.each([
    'RRULE:FREQ=SOMETIMES;COUNT=3',
    'RRULE:COUNT=3',
    'RRULE:FREQ=WEEKLY;COUNT=x',
    'RRULE:FREQ=WEEKLY;BYDAY=XX',
  ])('names the line of the bad rule %j', (rule) => {
    routingErrorOf(() => parseIcs(ics(...vevent('x', 'DTSTART:20270326T170000', rule))), 'INVALID_ICS', 7);
  });

  it('names the line of a TZID that no VTIMEZONE, IANA or Windows zone defines', () => {
    const error = routingErrorOf(
      () => parseIcs(ics(...vevent('x', 'SUMMARY:JD', 'DTSTART;TZID=Mars/Olympus:20270326T170000'))),
      'INVALID_ICS',
      7,
    );
    expect(error.message).toContain('Mars/Olympus');
  });

  it('names the line of a bad DURATION', () => {
    routingErrorOf(
      () => parseIcs(ics(...vevent('x', 'DTSTART:20270326T170000', 'DURATION:2 hours'))),
      'INVALID_ICS',
      7,
    );
    routingErrorOf(
      () => parseIcs(ics(...vevent('x', 'DTSTART:20270326T170000', 'DURATION:-PT1H'))),
      'INVALID_ICS',
      7,
    );
  });

  it('refuses a date start with a date-time end', () => {
    routingErrorOf(
      () => parseIcs(ics(...vevent('x', 'DTSTART;VALUE=DATE:20270326', 'DTEND:20270327T100000'))),
      'INVALID_ICS',
      4,
    );
  });

  it('never puts the subject in an error message', () => {
    const error = routingErrorOf(
      () => parseIcs(ics(...vevent('x', 'SUMMARY:Geheim JD', 'DTSTART;VALUE=DATE:20270230'))),
      'INVALID_ICS',
    );
    expect(error.message).not.toContain('Geheim');
  });
});
