import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSigningKeys } from './signing-keys.ts';

describe('deriveSigningKeys', () => {
  it('derives one distinct 32-byte key per purpose, the same every time', () => {
    const secret = randomBytes(32);
    const keys = deriveSigningKeys(secret);
    const all = Object.values(keys).map((key) => Buffer.from(key).toString('hex'));
    expect(all).toHaveLength(4);
    expect(new Set([...all, Buffer.from(secret).toString('hex')]).size).toBe(5);
    for (const key of Object.values(keys)) expect(key.byteLength).toBe(32);
    expect(deriveSigningKeys(Uint8Array.from(secret))).toEqual(keys);
  });

  it('refuses a short secret', () => {
    expect(() => deriveSigningKeys(new Uint8Array(16))).toThrow(/at least 32 bytes/);
  });
});
