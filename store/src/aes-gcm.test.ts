import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { associatedData, openAesGcm, sealAesGcm, toAesKey } from './aes-gcm.ts';

const key = toAesKey(randomBytes(32));
const aad = associatedData(['purpose', 'tenant-1']);
const plaintext = Buffer.from('secret value');

describe('aes-gcm', () => {
  it('opens what it sealed', () => {
    expect(openAesGcm(key, sealAesGcm(key, plaintext, aad), aad)).toEqual(plaintext);
  });

  it('returns undefined for another key, other associated data or a flipped bit', () => {
    const sealed = sealAesGcm(key, plaintext, aad);
    expect(openAesGcm(toAesKey(randomBytes(32)), sealed, aad)).toBeUndefined();
    expect(openAesGcm(key, sealed, associatedData(['purpose', 'tenant-2']))).toBeUndefined();
    const flipped = Buffer.from(sealed.ciphertextAndTag);
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(openAesGcm(key, { iv: sealed.iv, ciphertextAndTag: flipped }, aad)).toBeUndefined();
  });

  it('returns undefined for a truncated value', () => {
    const sealed = sealAesGcm(key, plaintext, aad);
    expect(
      openAesGcm(key, { iv: sealed.iv, ciphertextAndTag: sealed.ciphertextAndTag.subarray(0, 15) }, aad),
    ).toBe(undefined);
    expect(
      openAesGcm(key, { iv: sealed.iv.subarray(1), ciphertextAndTag: sealed.ciphertextAndTag }, aad),
    ).toBe(undefined);
  });

  it('encodes associated data without ambiguity between parts', () => {
    expect(associatedData(['a', 'bc'])).not.toEqual(associatedData(['ab', 'c']));
    expect(associatedData(['a', ''])).not.toEqual(associatedData(['a']));
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => toAesKey(randomBytes(16))).toThrow(RangeError);
  });
});
