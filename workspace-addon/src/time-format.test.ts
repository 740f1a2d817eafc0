import { describe, expect, it } from 'vitest';
import { createTimeFormat } from './time-format.ts';

describe('time format', () => {
  it('writes a period across the spring DST change in local wall-clock time', () => {
    const time = createTimeFormat('en', 'Europe/Amsterdam');
    const start = Date.parse('2027-03-26T16:00:00Z');
    const end = Date.parse('2027-03-29T06:00:00Z');
    expect(time.period(start, end)).toBe('Fri 26 Mar 17:00 – Mon 29 Mar 08:00');
  });

  it('writes one date for a period within a day, in Dutch', () => {
    const time = createTimeFormat('nl', 'Europe/Amsterdam');
    expect(time.period(Date.parse('2027-03-27T09:00:00Z'), Date.parse('2027-03-27T12:00:00Z'))).toBe(
      'za 27 mrt 10:00 – 13:00',
    );
  });

  it('writes all-day events as dates, the end being exclusive', () => {
    const time = createTimeFormat('en', 'America/New_York');
    expect(time.days(Date.parse('2027-03-27T00:00:00Z'), Date.parse('2027-03-28T00:00:00Z'))).toBe(
      'Sat 27 Mar',
    );
    expect(time.days(Date.parse('2027-03-27T00:00:00Z'), Date.parse('2027-03-30T00:00:00Z'))).toBe(
      'Sat 27 Mar – Mon 29 Mar',
    );
  });
});
