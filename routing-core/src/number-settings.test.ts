import { describe, expect, it } from 'vitest';
import { parseContact } from './contact.ts';
import { parseNumberSettings, resolveFallback } from './number-settings.ts';
import { directory, fb, routingErrorOf } from './test-support.ts';

describe('parseNumberSettings', () => {
  it('applies the defaults', () => {
    expect(parseNumberSettings({})).toEqual({
      ringSeconds: 20,
      strategy: 'sequential',
      overlapPolicy: 'layered',
    });
  });

  it('keeps chosen values and trims the fallback', () => {
    expect(
      parseNumberSettings({
        fallback: ' FB ',
        ringSeconds: 45,
        strategy: 'simultaneous',
        overlapPolicy: 'override',
      }),
    ).toEqual({
      fallback: 'FB',
      ringSeconds: 45,
      strategy: 'simultaneous',
      overlapPolicy: 'override',
    });
  });

  it.each([
    [{ ringSeconds: 4 }, 'ringSeconds'],
    [{ ringSeconds: 301 }, 'ringSeconds'],
    [{ ringSeconds: 12.5 }, 'ringSeconds'],
    [{ strategy: 'random' }, 'strategy'],
    [{ overlapPolicy: 'newest' }, 'overlapPolicy'],
    [{ fallback: '  ' }, 'fallback'],
  ])('refuses %j naming the field', (input, field) => {
    expect(routingErrorOf(() => parseNumberSettings(input), 'INVALID_ARGUMENT').field).toBe(field);
  });
});

describe('resolveFallback', () => {
  it('has no fallback when none is set', () => {
    expect(resolveFallback(undefined, directory())).toBeNull();
    expect(resolveFallback(null, directory())).toBeNull();
  });

  it('prefers a contact key, matched like subjects', () => {
    expect(resolveFallback('fb', directory())).toEqual({ key: 'FB', phone: fb.phone });
    routingErrorOf(() => resolveFallback('fb', directory(undefined, true)), 'INVALID_FALLBACK');
  });

  it('treats a digits-only key as the contact, not as a number', () => {
    const emergency = parseContact({ key: '112', phone: '06 1234 9999' });
    expect(resolveFallback('112', directory([emergency]))).toEqual({ key: '112', phone: '+31612349999' });
  });

  it('accepts a phone number in any format', () => {
    expect(resolveFallback('+31 30 123 4567', directory())).toEqual({ phone: '+31301234567' });
    expect(resolveFallback('030-1234567', directory())).toEqual({ phone: '+31301234567' });
  });

  it('refuses an unknown key', () => {
    routingErrorOf(() => resolveFallback('XY', directory()), 'INVALID_FALLBACK');
  });
});
