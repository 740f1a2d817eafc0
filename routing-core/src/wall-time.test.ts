import { describe, expect, it } from 'vitest';
import { routingErrorOf } from './test-support.ts';
import { formatLocalDate, formatLocalDateTime, parseLocalDate, parseLocalDateTime } from './wall-time.ts';

describe('wall time', () => {
  it('reads local date-times with and without seconds', () => {
    expect(parseLocalDateTime('2027-03-26T17:00:00')).toBe(Date.UTC(2027, 2, 26, 17));
    expect(parseLocalDateTime('2027-03-26T17:00')).toBe(Date.UTC(2027, 2, 26, 17));
    expect(formatLocalDateTime(parseLocalDateTime('2027-03-28T02:30'))).toBe('2027-03-28T02:30:00');
  });

  it('reads dates as their midnight', () => {
    expect(parseLocalDate('2027-03-28')).toBe(Date.UTC(2027, 2, 28));
    expect(formatLocalDate(parseLocalDate('2027-10-31'))).toBe('2027-10-31');
  });

  it('counts wall-clock days as 24 hours, also on DST days', () => {
    expect(parseLocalDate('2027-03-29') - parseLocalDate('2027-03-28')).toBe(86_400_000);
  });

  it.each([
    '2027-02-30T10:00:00',
    '2027-13-01T10:00:00',
    '2027-03-26T24:00:00',
    '2027-03-26T17:60',
    '2027-03-26 17:00',
  ])('rejects the date-time %j', (input) => {
    routingErrorOf(() => parseLocalDateTime(input), 'INVALID_EVENT');
  });

  it.each(['2027-02-30', '2026-02-29', '2027-3-1', '20270301'])('rejects the date %j', (input) => {
    routingErrorOf(() => parseLocalDate(input), 'INVALID_EVENT');
  });

  it('accepts 29 February in a leap year', () => {
    expect(formatLocalDate(parseLocalDate('2028-02-29'))).toBe('2028-02-29');
  });
});
