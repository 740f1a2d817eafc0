import { describe, expect, it } from 'vitest';
import { parseGoogleCredentials } from './google-credentials.ts';
import { isSyncError } from './sync-error.ts';

const errorOf = (credentials: unknown): unknown => {
  try {
    parseGoogleCredentials(credentials);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('parseGoogleCredentials', () => {
  it('accepts a refresh token and a delegation subject', () => {
    expect(parseGoogleCredentials({ type: 'oauth', refreshToken: '1//x', connectedAt: 1 })).toEqual({
      type: 'oauth',
      refreshToken: '1//x',
    });
    expect(parseGoogleCredentials({ type: 'delegation', subject: 'planner@example.com' })).toEqual({
      type: 'delegation',
      subject: 'planner@example.com',
    });
  });

  it('refuses other shapes with INVALID_CONFIG, without repeating their values', () => {
    for (const credentials of [
      undefined,
      {},
      { type: 'oauth', refreshToken: '' },
      { type: 'delegation', subject: 'planner' },
      { type: 'apikey', key: 'secret-key' },
    ]) {
      const error = errorOf(credentials);
      expect(isSyncError(error, 'INVALID_CONFIG')).toBe(true);
      expect(String((error as Error).message)).not.toMatch(/secret-key|planner/);
    }
  });
});
