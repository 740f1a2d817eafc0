import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatLater, formatSpan } from './human-time.ts';

const zone = 'Europe/Amsterdam';
const at = (iso: string): number => Date.parse(iso);

describe('human-time', () => {
  it('writes a date and time the way the roster is read', () => {
    expect(formatDateTime(at('2027-03-27T10:30:00+01:00'), zone)).toBe('Sat 27 Mar 2027 10:30');
  });

  it('writes spans within a day, across days, and a whole DST day', () => {
    expect(formatSpan(at('2027-03-27T10:00:00+01:00'), at('2027-03-27T14:00:00+01:00'), zone)).toBe(
      'Sat 27 Mar 10:00–14:00',
    );
    expect(formatSpan(at('2027-03-26T17:00:00+01:00'), at('2027-03-29T08:00:00+02:00'), zone)).toBe(
      'Fri 26 Mar 17:00 – Mon 29 Mar 08:00',
    );
    expect(formatSpan(at('2027-03-28T00:00:00+01:00'), at('2027-03-29T00:00:00+02:00'), zone)).toBe(
      'Sun 28 Mar, all day',
    );
  });

  it('says a later time briefly on the same day, with the day otherwise', () => {
    const from = at('2027-03-27T10:30:00+01:00');
    expect(formatLater(from, at('2027-03-27T14:00:00+01:00'), zone)).toBe('14:00');
    expect(formatLater(from, at('2027-03-29T08:00:00+02:00'), zone)).toBe('Mon 29 Mar 08:00');
  });

  it('writes durations in days, hours and minutes', () => {
    expect(formatDuration(15 * 3_600_000)).toBe('15 h');
    expect(formatDuration(150 * 60_000)).toBe('2 h 30 min');
    expect(formatDuration(30 * 3_600_000)).toBe('1 d 6 h');
    expect(formatDuration(0)).toBe('0 min');
  });
});
