import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { fieldError } from './field-error.ts';

const badRequest = (message: string) => new ApiError(400, 'BAD_REQUEST', message);

describe('fieldError', () => {
  it('finds the field named first in the message', () => {
    expect(
      fieldError(badRequest('fallback: neither a contact key nor a valid phone number.'), 'fallback'),
    ).toBe('neither a contact key nor a valid phone number.');
  });

  it('finds the field named deeper in the message', () => {
    const error = badRequest('contact: contact ZZ: phone is not a valid phone number');
    expect(fieldError(error, 'phone')).toBe('phone is not a valid phone number');
    expect(fieldError(error, 'key')).toBeUndefined();
  });

  it('reads each of several problems', () => {
    expect(fieldError(badRequest('name: Too small; ringSeconds: Too big'), 'ringSeconds')).toBe('Too big');
  });

  it('finds a nested field by its path', () => {
    const error = badRequest('settings.ringSeconds: Too small: expected number to be >=5');
    expect(fieldError(error, 'settings.ringSeconds')).toBe('Too small: expected number to be >=5');
    expect(fieldError(error, 'settings.cdrRetentionDays')).toBeUndefined();
  });

  it('is about validation only', () => {
    expect(fieldError(new ApiError(409, 'CONFLICT', 'key: taken'), 'key')).toBeUndefined();
    expect(fieldError(new Error('phone: x'), 'phone')).toBeUndefined();
  });
});
