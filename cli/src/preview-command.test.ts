import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoverageJson } from './coverage-json.ts';
import type { DecisionJson } from './decision-json.ts';
import { run } from './main.ts';
import { captureIo } from './testing/capture-io.ts';
import { examplePath } from './testing/example-path.ts';

const ics = examplePath('storingsdienst.ics');
const csv = examplePath('contacts.csv');
const example = ['preview', '--ics', ics, '--contacts', csv];

const phones = { JD: '+31641238765', PK: '+31628741190', EM: '+31619624408', MK: '+31503112233' } as const;
const target = (key: keyof typeof phones) => ({ key, phone: phones[key] });

const preview = async (args: readonly string[], files: Readonly<Record<string, string>> = {}) => {
  const io = captureIo(files);
  const code = await run([...example, ...args], io);
  return { code, out: io.out(), err: io.err() };
};

const decisionAt = async (at: string, ...args: string[]): Promise<DecisionJson> => {
  const { code, out, err } = await preview(['--at', at, '--json', ...args]);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return JSON.parse(out) as DecisionJson;
};

const exampleReport = async (...args: string[]): Promise<CoverageJson> => {
  const { code, out, err } = await preview([
    '--from',
    '2027-03-22T00:00:00+01:00',
    '--days',
    '14',
    '--json',
    ...args,
  ]);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return JSON.parse(out) as CoverageJson;
};

describe('wygc preview --at --json', () => {
  it('rings the weekend shift during the weekend, until the next change', async () => {
    const decision = await decisionAt('2027-03-27T08:00:00+01:00');
    expect(decision).toEqual({
      at: '2027-03-27T08:00:00+01:00',
      timeZone: 'Europe/Amsterdam',
      reason: 'duty',
      fallbackUsed: false,
      attempts: [[target('JD')]],
      ringSeconds: 20,
      fallback: null,
      until: '2027-03-27T10:00:00+01:00',
      events: [
        {
          uid: 'weekend-jd@storingsdienst.example',
          start: '2027-03-26T17:00:00+01:00',
          end: '2027-03-29T08:00:00+02:00',
          subject: 'Weekenddienst JD',
        },
      ],
      unmatched: [],
    });
  });

  it('rings the override first and the weekend shift after it (layered), then the fallback', async () => {
    const decision = await decisionAt('2027-03-27T10:30:00+01:00', '--fallback', 'MK');
    expect(decision.attempts).toEqual([[target('PK')], [target('JD')], [target('MK')]]);
    expect(decision).toMatchObject({
      reason: 'duty',
      fallbackUsed: true,
      until: '2027-03-27T14:00:00+01:00',
    });
    expect(decision.events.map((event) => event.subject)).toEqual([
      'Storing PK (ruil met JD)',
      'Weekenddienst JD',
    ]);
  });

  it('rings only the later-starting event under --policy override', async () => {
    // The all-day event on Easter Sunday lies inside JD's weekend shift.
    expect((await decisionAt('2027-03-28T12:00:00+02:00')).attempts).toEqual([
      [target('EM')],
      [target('JD')],
    ]);
    const decision = await decisionAt('2027-03-28T12:00:00+02:00', '--policy', 'override');
    expect(decision.attempts).toEqual([[target('EM')]]);
  });

  it('rings JD and PK together for a JD+PK event', async () => {
    const decision = await decisionAt('2027-03-29T10:00:00+02:00');
    expect(decision.attempts).toEqual([[target('JD'), target('PK')]]);
  });

  it('ends the weekend shift after the DST change at 08:00 local time (+02:00)', async () => {
    const decision = await decisionAt('2027-03-29T07:30:00+02:00');
    expect(decision.attempts).toEqual([[target('JD')]]);
    expect(decision.until).toBe('2027-03-29T08:00:00+02:00');
  });

  it('refuses a call in a gap without fallback, and names the unmatched event that caused it', async () => {
    const decision = await decisionAt('2027-03-31T20:00:00+02:00');
    expect(decision).toMatchObject({ reason: 'none', fallbackUsed: false, attempts: [], fallback: null });
    expect(decision.until).toBe('2027-04-01T08:00:00+02:00');
    expect(decision.unmatched).toEqual([
      {
        uid: 'ruil-woensdag@storingsdienst.example',
        start: '2027-03-31T17:00:00+02:00',
        end: '2027-04-01T08:00:00+02:00',
        subject: 'Storing JDD',
        unmatchedTokens: ['Storing', 'JDD'],
      },
    ]);
  });

  it('rings only the fallback in a gap, as a contact key or as a bare phone number', async () => {
    const byKey = await decisionAt('2027-03-31T20:00:00+02:00', '--fallback', 'MK');
    expect(byKey).toMatchObject({ reason: 'fallback', fallbackUsed: true, attempts: [[target('MK')]] });
    const byNumber = await decisionAt('2027-03-31T20:00:00+02:00', '--fallback', '+31205550100');
    expect(byNumber.attempts).toEqual([[{ key: null, phone: '+31205550100' }]]);
    expect(byNumber.fallback).toEqual({ key: null, phone: '+31205550100' });
  });

  it('reads an instant without offset in the calendar zone, and --tz changes the zone shown', async () => {
    expect((await decisionAt('2027-03-27T10:30')).at).toBe('2027-03-27T10:30:00+01:00');
    const utc = await decisionAt('2027-03-27T09:30', '--tz', 'UTC');
    expect(utc.at).toBe('2027-03-27T09:30:00Z');
    expect(utc.attempts).toEqual([[target('PK')], [target('JD')]]);
  });

  it('answers for an instant years after the calendar started', async () => {
    // Mondays 17:00 to Tuesday 08:00 are PK's evening shift, every week.
    const decision = await decisionAt('2031-03-03T20:00:00+01:00');
    expect(decision.attempts).toEqual([[target('PK')]]);
    expect(decision.until).toBe('2031-03-04T08:00:00+01:00');
  });
});

describe('wygc preview --from --days --json', () => {
  it('has the documented shape', async () => {
    const report = await exampleReport();
    expect(Object.keys(report)).toEqual([
      'calendar',
      'timeZone',
      'period',
      'overlapPolicy',
      'fallback',
      'slices',
      'gaps',
      'unmatched',
    ]);
    expect(report).toMatchObject({
      calendar: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
      period: { start: '2027-03-22T00:00:00+01:00', end: '2027-04-05T00:00:00+02:00' },
      overlapPolicy: 'layered',
      fallback: null,
    });
    expect(report.slices[0]).toEqual({
      start: '2027-03-22T00:00:00+01:00',
      end: '2027-03-22T08:00:00+01:00',
      attempts: [[{ key: 'TV', phone: '+31638175526' }]],
    });
  });

  it('shows the DST weekend: override, the 23-hour all-day event, and the end at 08:00+02:00', async () => {
    const { slices } = await exampleReport();
    const from = slices.findIndex((slice) => slice.start === '2027-03-26T17:00:00+01:00');
    expect(slices.slice(from, from + 6)).toEqual([
      { start: '2027-03-26T17:00:00+01:00', end: '2027-03-27T10:00:00+01:00', attempts: [[target('JD')]] },
      {
        start: '2027-03-27T10:00:00+01:00',
        end: '2027-03-27T14:00:00+01:00',
        attempts: [[target('PK')], [target('JD')]],
      },
      { start: '2027-03-27T14:00:00+01:00', end: '2027-03-28T00:00:00+01:00', attempts: [[target('JD')]] },
      {
        start: '2027-03-28T00:00:00+01:00',
        end: '2027-03-29T00:00:00+02:00',
        attempts: [[target('EM')], [target('JD')]],
      },
      { start: '2027-03-29T00:00:00+02:00', end: '2027-03-29T08:00:00+02:00', attempts: [[target('JD')]] },
      {
        start: '2027-03-29T08:00:00+02:00',
        end: '2027-03-29T17:00:00+02:00',
        attempts: [[target('JD'), target('PK')]],
      },
    ]);
  });

  it('lists the gaps left by the typo and by the moved evening shift, and the unmatched event', async () => {
    const report = await exampleReport();
    expect(report.gaps).toEqual([
      { start: '2027-03-31T17:00:00+02:00', end: '2027-04-01T08:00:00+02:00' },
      { start: '2027-04-01T17:00:00+02:00', end: '2027-04-01T19:00:00+02:00' },
    ]);
    expect(report.unmatched).toEqual([
      {
        uid: 'ruil-woensdag@storingsdienst.example',
        start: '2027-03-31T17:00:00+02:00',
        end: '2027-04-01T08:00:00+02:00',
        subject: 'Storing JDD',
        unmatchedTokens: ['Storing', 'JDD'],
      },
    ]);
  });

  it('keeps the fallback out of the slices and reports it separately', async () => {
    const report = await exampleReport('--fallback', 'MK');
    expect(report.fallback).toEqual(target('MK'));
    expect(report.slices.find((slice) => slice.start === '2027-03-27T10:00:00+01:00')?.attempts).toEqual([
      [target('PK')],
      [target('JD')],
    ]);
    expect(report.gaps).toHaveLength(2);
  });
});

describe('wygc preview, human output', () => {
  it('says who rings at an instant in one line, then lists the numbers formatted', async () => {
    const { code, out } = await preview(['--at', '2027-03-27T10:30:00+01:00', '--fallback', 'MK']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      'Sat 27 Mar 2027 10:30 (Europe/Amsterdam): ring PK, then JD, then fallback MK (until 14:00)',
    );
    expect(lines[1]).toMatch(/^ {2}1 {2}PK {2}Pieter Kramer +06 28741190$/);
    expect(lines[3]).toMatch(/^ {2}3 {2}MK {2}Meldkamer Groningen \(kantoor\) +050 311 2233 {2}fallback$/);
    expect(out).not.toContain('+316');
  });

  it('explains a refused call by the unmatched event and suggests the key meant', async () => {
    const { out } = await preview(['--at', '2027-03-31T20:00:00+02:00']);
    expect(out).toBe(
      'Wed 31 Mar 2027 20:00 (Europe/Amsterdam): nobody is on duty and there is no fallback: the call is refused ' +
        '(until Thu 1 Apr 08:00)\n' +
        'Rings nobody: "Storing JDD" (Wed 31 Mar 17:00 – Thu 1 Apr 08:00): no contact key among Storing, JDD ' +
        '(JDD: did you mean JD?)\n',
    );
  });

  it('prints the report day by day with gaps, unmatched events and contacts', async () => {
    const { code, out, err } = await preview(['--from', '2027-03-22T00:00:00+01:00', '--days', '14']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(
      'Sat 27 Mar 2027\n  00:00–10:00  JD       Jan de Vries\n  10:00–14:00  PK → JD  Pieter Kramer → Jan de Vries\n',
    );
    expect(out).toContain(
      'Sun 28 Mar 2027 (23 hours: clocks go forward)\n  00:00–24:00  EM → JD  Eva Mulder → Jan de Vries\n',
    );
    expect(out).toContain('  17:00–24:00  GAP      nobody on duty, calls are refused\n');
    expect(out).toContain(
      'GAPS: nobody on duty, calls are refused\n  Wed 31 Mar 17:00 – Thu 1 Apr 08:00  15 h\n  Thu 1 Apr 17:00–19:00               2 h\n',
    );
    expect(out).toMatch(
      /UNMATCHED: events that ring nobody\n {2}Wed 31 Mar 17:00 – Thu 1 Apr 08:00 {2}"Storing JDD" {2}.*JDD: did you mean JD\?/,
    );
    expect(out).toMatch(/CONTACTS\n {2}JD {2}Jan de Vries +06 41238765\n/);
    expect(out).not.toMatch(/\+31/);
  });
});

describe('wygc preview, bad input', () => {
  const icsLines = readFileSync(ics, 'utf8').split('\r\n');
  const withLine = (match: string, replacement: string) => {
    const index = icsLines.indexOf(match);
    expect(index).toBeGreaterThan(0);
    return {
      text: icsLines.map((line, i) => (i === index ? replacement : line)).join('\r\n'),
      line: index + 1,
    };
  };
  const contactsCsv = (rows: string) => `key,phone,description\r\n${rows}`;

  const failure = async (args: readonly string[], files: Readonly<Record<string, string>> = {}) => {
    const io = captureIo(files);
    const code = await run(['preview', ...args], io);
    expect(io.out()).toBe('');
    return { code, err: io.err() };
  };

  const at = ['--at', '2027-03-27T10:30:00+01:00'];

  it('names a file that cannot be read', async () => {
    const { code, err } = await failure(['--ics', 'missing.ics', '--contacts', csv, ...at]);
    expect({ code, err }).toEqual({ code: 1, err: 'missing.ics: cannot read the file: no such file\n' });
  });

  it('names the file and line of a malformed ICS line', async () => {
    const { text, line } = withLine('SUMMARY:Storing JDD', 'SUMMARY Storing JDD');
    const { code, err } = await failure(['--ics', 'storingsdienst.ics', '--contacts', csv, ...at], {
      'storingsdienst.ics': text,
    });
    expect({ code, err }).toEqual({
      code: 1,
      err: `storingsdienst.ics:${line}: this line is not an iCalendar property\n`,
    });
  });

  it('names the line of an impossible date in the ICS', async () => {
    const { text, line } = withLine(
      'DTSTART;TZID=Europe/Amsterdam:20270327T100000',
      'DTSTART;TZID=Europe/Amsterdam:20270230T100000',
    );
    const { code, err } = await failure(['--ics', 'cal.ics', '--contacts', csv, ...at], { 'cal.ics': text });
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^cal\\.ics:${line}: DTSTART: .*not a valid local date or time\\n$`));
  });

  it.each([
    [
      'a bad row',
      'JD,0641238765,Jan\r\nPK,0628741190,Pieter,extra\r\n',
      'contacts.csv:3: expected 3 cells: key,phone,description, found 4',
    ],
    [
      'a duplicate key',
      'JD,0641238765,Jan\r\nPK,0628741190,\r\nSB,0655302147,\r\nJD,0619624408,\r\n',
      'contacts.csv:5: duplicate key JD (first on line 2)',
    ],
    [
      'an invalid phone',
      'JD,0641238765,Jan\r\nPK,0628741190,\r\nSB,06 5530,Sanne\r\n',
      'contacts.csv:4: contact SB: phone is not a valid phone number',
    ],
  ])('names the CSV line of %s', async (_case, rows, message) => {
    const { code, err } = await failure(['--ics', ics, '--contacts', 'contacts.csv', ...at], {
      'contacts.csv': contactsCsv(rows),
    });
    expect({ code, err }).toEqual({ code: 1, err: `${message}\n` });
  });

  it('rejects a CSV with the wrong header', async () => {
    const { code, err } = await failure(['--ics', ics, '--contacts', 'team.csv', ...at], {
      'team.csv': 'naam,telefoon,omschrijving\nJD,0641238765,Jan\n',
    });
    expect({ code, err }).toEqual({
      code: 1,
      err: 'team.csv:1: the first line must be the header key,phone,description\n',
    });
  });

  it.each([
    [
      'a bad --at',
      [...example.slice(1), '--at', '27-03-2027 10:30'],
      '--at must be an ISO date-time such as 2027-03-26T17:00:00+01:00',
    ],
    [
      'both --at and --from',
      [...example.slice(1), ...at, '--from', '2027-03-22', '--days', '7'],
      'use either --at, or --from with --days, not both',
    ],
    ['neither --at nor --from', example.slice(1), 'say when: --at <instant>, or --from <instant> --days <n>'],
    [
      'an unknown --fallback',
      [...example.slice(1), ...at, '--fallback', 'XY'],
      `--fallback is neither a key in ${csv} nor a valid phone number`,
    ],
  ])('exits 2 on %s, with the message and a usage line', async (_case, args, message) => {
    const { code, err } = await failure(args);
    expect(code).toBe(2);
    const lines = err.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`wygc preview: ${message}`);
    expect(lines[1]).toMatch(
      /^usage: wygc preview --ics <file> --contacts <file\.csv> \(--at <instant> \| --from/,
    );
    expect(lines[2]).toBe('');
  });
});
