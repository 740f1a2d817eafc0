import { describe, expect, it } from 'vitest';
import { formatIsoInstant, parseIsoInstant } from './iso-instant.ts';

const zone = 'Europe/Amsterdam';

describe('parseIsoInstant', () => {
  it('takes the offset written in the text, whatever the zone', () => {
    expect(parseIsoInstant('2027-03-27T10:30:00+01:00')?.('UTC')).toBe(Date.UTC(2027, 2, 27, 9, 30));
    expect(parseIsoInstant('2027-03-27T09:30Z')?.(zone)).toBe(Date.UTC(2027, 2, 27, 9, 30));
  });

  it('reads a time without offset as wall-clock time in the zone given, on either side of DST', () => {
    expect(parseIsoInstant('2027-03-27T10:30')?.(zone)).toBe(Date.UTC(2027, 2, 27, 9, 30));
    expect(parseIsoInstant('2027-03-29T08:00:00')?.(zone)).toBe(Date.UTC(2027, 2, 29, 6, 0));
    expect(parseIsoInstant('2027-03-22')?.(zone)).toBe(Date.UTC(2027, 2, 21, 23, 0));
  });

  it('moves a time inside the spring-forward gap forward, as calendar apps do', () => {
    expect(parseIsoInstant('2027-03-28T02:30')?.(zone)).toBe(Date.UTC(2027, 2, 28, 1, 30));
  });

  it('refuses what is not an ISO date-time', () => {
    for (const text of [
      '',
      'now',
      '2027-13-01',
      '2027-02-29T10:00',
      '2027-03-27T25:00',
      '2027-086',
      '27-03-2027',
    ]) {
      expect(parseIsoInstant(text)).toBeUndefined();
    }
  });
});

describe('formatIsoInstant', () => {
  it('writes the offset the zone has at that instant', () => {
    expect(formatIsoInstant(Date.UTC(2027, 2, 26, 16, 0), zone)).toBe('2027-03-26T17:00:00+01:00');
    expect(formatIsoInstant(Date.UTC(2027, 2, 29, 6, 0), zone)).toBe('2027-03-29T08:00:00+02:00');
    expect(formatIsoInstant(Date.UTC(2027, 2, 29, 6, 0), 'UTC')).toBe('2027-03-29T06:00:00Z');
  });
});
