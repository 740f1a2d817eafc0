import { describe, expect, it } from 'vitest';
import { icsAuthorization } from './ics-credentials.ts';

describe('icsAuthorization', () => {
  it('builds basic and bearer headers, and none without credentials', () => {
    expect(icsAuthorization({ username: 'jan', password: 'gé:heim' })).toBe(
      `Basic ${Buffer.from('jan:gé:heim', 'utf8').toString('base64')}`,
    );
    expect(icsAuthorization({ bearer: 'abc' })).toBe('Bearer abc');
    expect(icsAuthorization({})).toBeUndefined();
  });

  it('refuses other shapes without repeating their values', () => {
    for (const credentials of [
      { username: 'jan' },
      { password: 'hunter2' },
      { bearer: '' },
      'hunter2',
      null,
    ]) {
      expect(() => icsAuthorization(credentials)).toThrow(
        expect.objectContaining({ code: 'INVALID_CONFIG' }),
      );
      expect(() => icsAuthorization(credentials)).not.toThrow(/hunter2/);
    }
  });
});
