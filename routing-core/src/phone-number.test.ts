import { describe, expect, it } from 'vitest';
import { type E164, formatPhoneNumber, isE164, toE164 } from './phone-number.ts';
import { routingErrorOf } from './test-support.ts';

describe('toE164', () => {
  it.each([
    ['050 123 4567', '+31501234567'],
    ['050-1234567', '+31501234567'],
    ['0031 50 123 4567', '+31501234567'],
    ['+31 (0)50 123 4567', '+31501234567'],
    ['+31501234567', '+31501234567'],
    ['06-12345678', '+31612345678'],
    ['06 1234 5678', '+31612345678'],
    ['020 123 4567', '+31201234567'],
    ['  0800 0123  ', '+318000123'],
  ])('reads the Dutch number %j as %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    ['+32 2 511 11 11', '+3225111111'],
    ['0032 470 12 34 56', '+32470123456'],
    ['+49 30 12345678', '+493012345678'],
    ['+49 151 23456789', '+4915123456789'],
  ])('reads the foreign number %j as %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it('reads national numbers in another default region', () => {
    expect(toE164('030 12345678', 'DE')).toBe('+493012345678');
  });

  it.each([
    '',
    '   ',
    'abc',
    '12345',
    '0612',
    '+31 50 12',
    '+31 6 1234 5678 9',
    '+999 123',
    '+32 9 123 45 67',
  ])('refuses %j without echoing it', (input) => {
    const error = routingErrorOf(() => toE164(input), 'INVALID_PHONE_NUMBER');
    const digits = input.replace(/\D/g, '');
    if (digits.length > 0) expect(error.message.replace(/\D/g, '')).not.toContain(digits);
    expect(error.message).not.toContain(input.trim() || '\u0000');
  });
});

describe('isE164', () => {
  it('accepts exactly what toE164 returns', () => {
    expect(isE164('+31501234567')).toBe(true);
    expect(isE164('+4915123456789')).toBe(true);
  });

  it.each(['0501234567', '+31 50 123 4567', '+310501234567', '+3150123', 'JD'])('rejects %j', (value) => {
    expect(isE164(value)).toBe(false);
  });
});

describe('formatPhoneNumber', () => {
  it('shows home numbers in national form and others internationally', () => {
    expect(formatPhoneNumber('+31501234567' as E164)).toBe('050 123 4567');
    expect(formatPhoneNumber('+32470123456' as E164)).toBe('+32 470 12 34 56');
    expect(formatPhoneNumber('+32470123456' as E164, 'BE')).toBe('0470 12 34 56');
  });
});
