import { describe, expect, it } from 'vitest';
import { isCliError } from './cli-error.ts';
import { parsePreviewArgs } from './preview-args.ts';

const files = ['--ics', 'cal.ics', '--contacts', 'contacts.csv'];

const usageMessage = (argv: readonly string[]): string => {
  try {
    parsePreviewArgs(argv);
  } catch (error) {
    if (isCliError(error) && error.exitCode === 2) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
};

describe('parsePreviewArgs', () => {
  it('reads an --at preview with defaults', () => {
    const { window, ...rest } = parsePreviewArgs([...files, '--at', '2027-03-27T10:30:00+01:00']);
    expect(rest).toEqual({
      ics: 'cal.ics',
      contacts: 'contacts.csv',
      tz: undefined,
      policy: 'layered',
      fallback: undefined,
      json: false,
    });
    expect(window.kind === 'at' && window.at('UTC')).toBe(Date.UTC(2027, 2, 27, 9, 30));
  });

  it('reads a report with every option', () => {
    const argv = [...files, '--from', '2027-03-22', '--days', '14', '--tz', 'UTC', '--policy', 'override'];
    const args = parsePreviewArgs([...argv, '--fallback', ' MK ', '--json']);
    expect(args).toMatchObject({
      tz: 'UTC',
      policy: 'override',
      fallback: 'MK',
      json: true,
      window: { kind: 'report', days: 14 },
    });
    // Without an offset, --from is read in the zone the command passes: the calendar's or --tz.
    expect(args.window.kind === 'report' && args.window.from('Europe/Amsterdam')).toBe(
      Date.UTC(2027, 2, 21, 23),
    );
  });

  it('requires the input files', () => {
    expect(usageMessage(['--contacts', 'c.csv', '--at', '2027-03-27T10:30'])).toBe(
      '--ics <file> is required',
    );
    expect(usageMessage(['--ics', 'c.ics', '--at', '2027-03-27T10:30'])).toBe(
      '--contacts <file.csv> is required',
    );
  });

  it('wants exactly one of --at and --from with --days', () => {
    expect(usageMessage(files)).toBe('say when: --at <instant>, or --from <instant> --days <n>');
    expect(usageMessage([...files, '--at', '2027-03-27T10:30', '--from', '2027-03-27', '--days', '1'])).toBe(
      'use either --at, or --from with --days, not both',
    );
    expect(usageMessage([...files, '--from', '2027-03-27'])).toBe('--from needs --days <n>');
    expect(usageMessage([...files, '--days', '3'])).toBe('--days needs --from <instant>');
  });

  it.each([
    ['yesterday'],
    ['2027-03-27 10:30'],
    ['2027-02-30T10:00:00+01:00'],
    ['2027-W12-5'],
    ['2027-03-27T10:30:00+0100'],
  ])('rejects --at %s', (at) => {
    expect(usageMessage([...files, '--at', at])).toBe(
      '--at must be an ISO date-time such as 2027-03-26T17:00:00+01:00',
    );
  });

  it.each([['0'], ['367'], ['1.5'], ['-3'], ['two']])('rejects --days %s', (days) => {
    expect(usageMessage([...files, '--from', '2027-03-22', `--days=${days}`])).toBe(
      '--days must be a whole number from 1 to 366',
    );
  });

  it('rejects an unknown zone, policy or option, and a missing value', () => {
    const at = ['--at', '2027-03-27T10:30'];
    expect(usageMessage([...files, ...at, '--tz', 'Mars/Olympus'])).toBe(
      '--tz must be an IANA time zone such as Europe/Amsterdam',
    );
    expect(usageMessage([...files, ...at, '--policy', 'first'])).toBe('--policy must be layered or override');
    expect(usageMessage([...files, ...at, '--verbose'])).toBe("Unknown option '--verbose'");
    expect(usageMessage([...files, '--at'])).toBe("Option '--at <value>' argument missing");
    expect(usageMessage([...files, ...at, 'extra'])).toBe("Unexpected argument 'extra'");
  });
});
