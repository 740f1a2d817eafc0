import { describe, expect, it } from 'vitest';
import { parseGoogleRecurrence } from './google-recurrence.ts';
import { isSyncError } from './sync-error.ts';

const amsterdam = 'Europe/Amsterdam';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isSyncError(error) ? error.code : 'not a SyncError';
  }
  return undefined;
};

describe('parseGoogleRecurrence', () => {
  it('reads RRULE values without their prefix', () => {
    expect(parseGoogleRecurrence(['RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20270430T215959Z'], amsterdam)).toEqual({
      rrules: ['FREQ=WEEKLY;BYDAY=FR;UNTIL=20270430T215959Z'],
      rdates: [],
      exdates: [],
    });
  });

  it('reads several comma-separated EXDATE values with a TZID', () => {
    const { exdates } = parseGoogleRecurrence(
      ['EXDATE;TZID=America/New_York:20270402T090000,20270409T090000'],
      amsterdam,
    );
    expect(exdates).toEqual([
      { dateTime: '2027-04-02T09:00:00', timeZone: 'America/New_York' },
      { dateTime: '2027-04-09T09:00:00', timeZone: 'America/New_York' },
    ]);
  });

  it('reads VALUE=DATE values as dates', () => {
    const { exdates, rdates } = parseGoogleRecurrence(
      ['EXDATE;VALUE=DATE:20270402,20270409', 'RDATE;VALUE=DATE:20270331'],
      amsterdam,
    );
    expect(exdates).toEqual([{ date: '2027-04-02' }, { date: '2027-04-09' }]);
    expect(rdates).toEqual([{ date: '2027-03-31' }]);
  });

  it('reads UTC values as UTC and floating values in the series zone', () => {
    const { exdates } = parseGoogleRecurrence(
      ['EXDATE:20270402T150000Z', 'EXDATE:20270409T170000'],
      amsterdam,
    );
    expect(exdates).toEqual([
      { dateTime: '2027-04-02T15:00:00', timeZone: 'UTC' },
      { dateTime: '2027-04-09T17:00:00', timeZone: amsterdam },
    ]);
  });

  it('takes the start of an RDATE period', () => {
    const { rdates } = parseGoogleRecurrence(['RDATE;VALUE=PERIOD:20270331T150000Z/PT8H'], amsterdam);
    expect(rdates).toEqual([{ dateTime: '2027-03-31T15:00:00', timeZone: 'UTC' }]);
  });

  it('refuses EXRULE, unknown lines and values that are not dates with INVALID_RESPONSE', () => {
    expect(codeOf(() => parseGoogleRecurrence(['EXRULE:FREQ=DAILY'], amsterdam))).toBe('INVALID_RESPONSE');
    expect(codeOf(() => parseGoogleRecurrence(['no recurrence here'], amsterdam))).toBe('INVALID_RESPONSE');
    expect(codeOf(() => parseGoogleRecurrence(['EXDATE;TZID=Europe/Amsterdam:friday'], amsterdam))).toBe(
      'INVALID_RESPONSE',
    );
    expect(codeOf(() => parseGoogleRecurrence(['EXDATE;VALUE=DATE:20270230'], amsterdam))).toBe(
      'INVALID_RESPONSE',
    );
  });
});
