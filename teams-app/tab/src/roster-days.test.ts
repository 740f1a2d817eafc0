import { describe, expect, it } from 'vitest';
import type { Coverage } from './api-schemas.ts';
import { attemptsLabel } from './attempts-label.ts';
import { rosterDays } from './roster-days.ts';

const jd = { key: 'JD', phone: '+31641238765' };
const em = { key: 'EM', phone: '+31619624408' };

const report = (overrides: Partial<Coverage>): Coverage => ({
  numberId: 'n1',
  did: '+31507000000',
  timeZone: 'Europe/Amsterdam',
  version: 1,
  from: '2027-03-27T00:00:00+01:00',
  to: '2027-03-30T00:00:00+02:00',
  clipped: false,
  fallback: null,
  slices: [],
  gaps: [],
  unmatched: [],
  ...overrides,
});

describe('rosterDays', () => {
  it('cuts the period into calendar days of the zone, 23 hours on the day clocks go forward', () => {
    const days = rosterDays(report({}));
    expect(days.map((day) => [day.start, day.end])).toEqual([
      ['2027-03-27T00:00:00+01:00', '2027-03-28T00:00:00+01:00'],
      ['2027-03-28T00:00:00+01:00', '2027-03-29T00:00:00+02:00'],
      ['2027-03-29T00:00:00+02:00', '2027-03-30T00:00:00+02:00'],
    ]);
  });

  it('places a shift over several days on each, in percent of that day', () => {
    const days = rosterDays(
      report({
        slices: [{ start: '2027-03-27T18:00:00+01:00', end: '2027-03-29T06:00:00+02:00', attempts: [[jd]] }],
      }),
    );
    expect(days[0]?.duty[0]).toMatchObject({ left: 75, width: 25 });
    // Sunday has 23 hours: the shift covers all of it.
    expect(days[1]?.duty[0]).toMatchObject({ left: 0, width: 100 });
    expect(days[2]?.duty[0]).toMatchObject({ left: 0, width: 25 });
    expect(days[2]?.duty[0]?.start).toBe('2027-03-27T18:00:00+01:00');
  });

  it('measures hours on a 23-hour day by the real clock', () => {
    // 03:00 CEST on Sunday 28 March is 2 real hours after midnight (02:00 CET does not exist).
    const days = rosterDays(
      report({ gaps: [{ start: '2027-03-28T03:00:00+02:00', end: '2027-03-28T05:00:00+02:00' }] }),
    );
    const gap = days[1]?.gaps[0];
    expect(gap?.left).toBeCloseTo((2 / 23) * 100, 6);
    expect(gap?.width).toBeCloseTo((2 / 23) * 100, 6);
  });

  it('keeps unmatched events with their subject and tokens', () => {
    const days = rosterDays(
      report({
        unmatched: [
          {
            uid: 'u1',
            subject: '<b>Storing JDD</b>',
            unmatchedTokens: ['Storing', 'JDD'],
            start: '2027-03-29T17:00:00+02:00',
            end: '2027-03-30T08:00:00+02:00',
          },
        ],
      }),
    );
    expect(days[2]?.unmatched).toEqual([
      expect.objectContaining({
        subject: '<b>Storing JDD</b>',
        unmatchedTokens: ['Storing', 'JDD'],
        width: (7 / 24) * 100,
      }),
    ]);
  });
});

describe('attemptsLabel', () => {
  it('writes groups in order and people who ring together with +', () => {
    expect(attemptsLabel([[em], [jd]])).toBe('EM → JD');
    expect(attemptsLabel([[jd, em]])).toBe('JD + EM');
    expect(attemptsLabel([[{ key: null, phone: '+31503112233' }]])).toBe('+31503112233');
  });
});
