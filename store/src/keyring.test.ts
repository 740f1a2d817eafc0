import { describe, expect, it } from 'vitest';
import { assertWrappedBy, parseWrappedKey } from './keyring.ts';
import { isStoreError } from './store-error.ts';

const wrapped = { keyringId: 'local-key-file', keyVersion: '1', ciphertext: 'abc' };

describe('parseWrappedKey', () => {
  it('accepts a wrapped key that went through JSON', () => {
    expect(parseWrappedKey(JSON.parse(JSON.stringify(wrapped)))).toEqual(wrapped);
  });

  it('refuses anything else with INVALID_INPUT naming the bad fields', () => {
    const attempt = () => parseWrappedKey({ keyringId: 'x', ciphertext: 3 });
    expect(attempt).toThrow(/keyVersion, ciphertext/);
    expect(() => parseWrappedKey({ ...wrapped, extra: true })).toThrow();
    try {
      attempt();
    } catch (error) {
      expect(isStoreError(error, 'INVALID_INPUT')).toBe(true);
    }
  });
});

describe('assertWrappedBy', () => {
  it('passes for the same keyring and names both keyrings otherwise', () => {
    expect(() => assertWrappedBy({ id: 'local-key-file' }, wrapped)).not.toThrow();
    expect(() => assertWrappedBy({ id: 'cloud-kms:k' }, wrapped)).toThrow(
      'data key was wrapped by keyring "local-key-file", not by "cloud-kms:k"',
    );
  });
});
