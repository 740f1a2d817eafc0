import { describe, expect, it } from 'vitest';
import { isStoreError, StoreError, storeErrorCodes } from './store-error.ts';

describe('StoreError', () => {
  it('carries a code, a message and the cause', () => {
    const cause = new Error('disk on fire');
    const error = new StoreError('UNAVAILABLE', 'database is unavailable', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StoreError');
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe('database is unavailable');
    expect(error.cause).toBe(cause);
  });

  it('has no cause property when none is given', () => {
    expect('cause' in new StoreError('NOT_FOUND', 'no such tenant')).toBe(false);
  });

  it('lists the codes the rest of the system relies on', () => {
    expect(storeErrorCodes).toEqual(
      expect.arrayContaining([
        'NOT_FOUND',
        'CONFLICT',
        'INVALID_INPUT',
        'DECRYPTION_FAILED',
        'KEY_UNAVAILABLE',
        'TENANT_TERMINATED',
        'UNAVAILABLE',
        'INTERNAL',
      ]),
    );
  });

  it('is recognised by isStoreError, optionally by code', () => {
    const error = new StoreError('CONFLICT', 'already exists');
    expect(isStoreError(error)).toBe(true);
    expect(isStoreError(error, 'CONFLICT')).toBe(true);
    expect(isStoreError(error, 'NOT_FOUND')).toBe(false);
    expect(isStoreError(new Error('plain'))).toBe(false);
  });
});
