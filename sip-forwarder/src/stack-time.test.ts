import { describe, expect, it } from 'vitest';
import { parseStackTime, stackTimeDifference } from './stack-time.ts';

describe('parseStackTime', () => {
  it('reads drachtio-server time stamps to the millisecond', () => {
    expect(parseStackTime('00:00:01.500000')).toBe(1500);
    expect(parseStackTime('10:42:07.123456')).toBe(((10 * 60 + 42) * 60 + 7) * 1000 + 123);
    expect(parseStackTime('10:42:07')).toBe(((10 * 60 + 42) * 60 + 7) * 1000);
  });

  it('refuses anything else', () => {
    expect(parseStackTime(undefined)).toBeUndefined();
    expect(parseStackTime('yesterday')).toBeUndefined();
  });

  it('measures across midnight', () => {
    const before = parseStackTime('23:59:59.000000') ?? 0;
    const after = parseStackTime('00:00:02.000000') ?? 0;
    expect(stackTimeDifference(before, after)).toBe(3000);
  });
});
