import { describe, expect, it } from 'vitest';
import { createCoverageReport } from './coverage-report.ts';
import { period } from './horizon.ts';
import { compile, fb, hour, instance, keysOf, local } from './test-support.ts';

const horizon = period(local('2027-03-22T00:00'), local('2027-04-05T00:00'));
const monday = instance('monday', 'JD', local('2027-03-22T08:00'), local('2027-03-22T17:00'));
const tuesday = instance('tuesday', 'PK', local('2027-03-23T08:00'), local('2027-03-23T17:00'));
const typo = instance('typo', 'Storing JDD', local('2027-03-24T08:00'), local('2027-03-24T17:00'));
const lateTypo = instance('late-typo', 'XY', local('2027-04-01T08:00'), local('2027-04-01T17:00'));
const compiled = compile([monday, tuesday, typo, lateTypo], { fallback: 'FB' }, { horizon });

describe('createCoverageReport', () => {
  it('lists slices clipped to the period and the gaps between them', () => {
    const requested = period(local('2027-03-22T12:00'), local('2027-03-23T12:00'));
    const report = createCoverageReport(compiled.table, { period: requested, unmatched: compiled.unmatched });
    expect(report.period).toEqual(requested);
    expect(report.clipped).toBe(false);
    expect(report.slices.map((s) => [s.start, s.end, keysOf(s.groups), s.events])).toEqual([
      [requested.start, monday.end, [['JD']], ['monday']],
      [tuesday.start, requested.end, [['PK']], ['tuesday']],
    ]);
    expect(report.gaps).toEqual([{ start: monday.end, end: tuesday.start }]);
    expect(report.unmatched).toEqual([]);
  });

  it('reports gaps at the edges of the period and a period without any duty as one gap', () => {
    const requested = period(local('2027-03-22T06:00'), local('2027-03-22T20:00'));
    const report = createCoverageReport(compiled.table, { period: requested });
    expect(report.gaps).toEqual([
      { start: requested.start, end: monday.start },
      { start: monday.end, end: requested.end },
    ]);
    const quiet = period(local('2027-03-28T00:00'), local('2027-03-29T00:00'));
    expect(createCoverageReport(compiled.table, { period: quiet }).gaps).toEqual([quiet]);
  });

  it('lists unmatched events in the period with their subject and unmatched tokens', () => {
    const requested = period(local('2027-03-24T16:00'), local('2027-03-31T00:00'));
    const report = createCoverageReport(compiled.table, { period: requested, unmatched: compiled.unmatched });
    expect(report.unmatched).toEqual([
      {
        id: 'typo',
        uid: 'typo',
        start: typo.start,
        end: typo.end,
        subject: 'Storing JDD',
        unmatchedTokens: ['Storing', 'JDD'],
      },
    ]);
  });

  it('leaves out unmatched events that only touch the period edge', () => {
    const requested = period(typo.end, typo.end + hour);
    expect(
      createCoverageReport(compiled.table, { period: requested, unmatched: compiled.unmatched }).unmatched,
    ).toEqual([]);
  });

  it('clips a period beyond the horizon and says so', () => {
    const requested = period(local('2027-03-20T00:00'), local('2027-04-10T00:00'));
    const report = createCoverageReport(compiled.table, { period: requested, unmatched: compiled.unmatched });
    expect(report.clipped).toBe(true);
    expect(report.period).toEqual(horizon);
    expect(report.gaps.at(-1)).toEqual({ start: tuesday.end, end: horizon.end });
    expect(report.unmatched.map((u) => u.id)).toEqual(['typo', 'late-typo']);
  });

  it('reports an empty, clipped period when the request lies outside the horizon', () => {
    const requested = period(local('2027-05-01T00:00'), local('2027-05-02T00:00'));
    const report = createCoverageReport(compiled.table, { period: requested, unmatched: compiled.unmatched });
    expect(report).toMatchObject({ clipped: true, slices: [], gaps: [], unmatched: [] });
    expect(report.period.end - report.period.start).toBe(0);
  });

  it('carries the fallback, zone and version of the table', () => {
    const report = createCoverageReport(compiled.table, { period: horizon });
    expect(report).toMatchObject({
      fallback: { key: 'FB', phone: fb.phone },
      timeZone: 'Europe/Amsterdam',
      version: 7,
    });
  });
});
