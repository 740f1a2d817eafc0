import { describe, expect, it } from 'vitest';
import { createCallerNumber } from './caller-number.ts';
import { FakeRequest } from './fake-drachtio.ts';

describe('createCallerNumber', () => {
  it('gives the presented number in E.164, "anonymous" when withheld and "unknown" when invalid', () => {
    const callerOf = createCallerNumber('NL');
    expect(callerOf(new FakeRequest({ from: '<sip:0201234567@sbc>;tag=1' }))).toBe('+31201234567');
    expect(callerOf(new FakeRequest({ from: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1' }))).toBe(
      'anonymous',
    );
    expect(callerOf(new FakeRequest({ from: '<sip:+3100@sbc>;tag=1' }))).toBe('unknown');
  });

  it('answers a returning caller the same way', () => {
    const callerOf = createCallerNumber('NL');
    const first = callerOf(new FakeRequest({ from: '<sip:020-123 4567@sbc>;tag=1' }));
    const again = callerOf(new FakeRequest({ from: '<sip:020-123 4567@sbc>;tag=2' }));
    const invalid = [1, 2].map(() => callerOf(new FakeRequest({ from: '<sip:+3100@sbc>;tag=1' })));
    expect([first, again, ...invalid]).toEqual(['+31201234567', '+31201234567', 'unknown', 'unknown']);
  });
});
