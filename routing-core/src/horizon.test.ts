import { describe, expect, it } from 'vitest';
import { defaultHorizonDays, horizonAround, overlaps, period } from './horizon.ts';
import { routingErrorOf } from './test-support.ts';

const day = 86_400_000;

describe('horizon', () => {
  it('spans one day back and 35 days ahead by default', () => {
    const now = Date.UTC(2027, 2, 26, 12);
    expect(defaultHorizonDays).toEqual({ before: 1, after: 35 });
    expect(horizonAround(now)).toEqual({ start: now - day, end: now + 35 * day });
    expect(horizonAround(now, { before: 0, after: 7 })).toEqual({ start: now, end: now + 7 * day });
  });

  it('accepts an empty period and refuses a reversed or infinite one', () => {
    expect(period(5, 5)).toEqual({ start: 5, end: 5 });
    routingErrorOf(() => period(6, 5), 'INVALID_ARGUMENT');
    routingErrorOf(() => period(0, Number.POSITIVE_INFINITY), 'INVALID_ARGUMENT');
    routingErrorOf(() => period(Number.NaN, 5), 'INVALID_ARGUMENT');
  });

  it('treats periods as half-open when testing overlap', () => {
    expect(overlaps(period(0, 10), period(9, 20))).toBe(true);
    expect(overlaps(period(0, 10), period(10, 20))).toBe(false);
    expect(overlaps(period(10, 20), period(0, 10))).toBe(false);
    expect(overlaps(period(0, 30), period(10, 20))).toBe(true);
  });
});
