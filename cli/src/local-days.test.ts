import { describe, expect, it } from 'vitest';
import { localDays } from './local-days.ts';

const hour = 3_600_000;

describe('localDays', () => {
  it('cuts at local midnights: the spring-forward day has 23 hours, the autumn one 25', () => {
    const spring = localDays(
      { start: Date.UTC(2027, 2, 26, 23), end: Date.UTC(2027, 2, 28, 22) },
      'Europe/Amsterdam',
    );
    expect(spring.map((day) => (day.nextMidnight - day.midnight) / hour)).toEqual([24, 23]);
    const autumn = localDays(
      { start: Date.UTC(2027, 9, 30, 22), end: Date.UTC(2027, 9, 31, 23) },
      'Europe/Amsterdam',
    );
    expect(autumn.map((day) => (day.nextMidnight - day.midnight) / hour)).toEqual([25]);
  });

  it('clips the first and last day to the period but keeps their midnights', () => {
    const days = localDays(
      { start: Date.UTC(2027, 2, 22, 9), end: Date.UTC(2027, 2, 23, 9) },
      'Europe/Amsterdam',
    );
    expect(days).toEqual([
      {
        midnight: Date.UTC(2027, 2, 21, 23),
        nextMidnight: Date.UTC(2027, 2, 22, 23),
        start: Date.UTC(2027, 2, 22, 9),
        end: Date.UTC(2027, 2, 22, 23),
      },
      {
        midnight: Date.UTC(2027, 2, 22, 23),
        nextMidnight: Date.UTC(2027, 2, 23, 23),
        start: Date.UTC(2027, 2, 22, 23),
        end: Date.UTC(2027, 2, 23, 9),
      },
    ]);
  });
});
