import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';

export const aesKeyLength = 32;
export const gcmIvLength = 12;
export const gcmTagLength = 16;

export interface GcmSealed {
  readonly iv: Buffer;
  /** The ciphertext with the 16-byte authentication tag appended. */
  readonly ciphertextAndTag: Buffer;
}

export const toAesKey = (bytes: Uint8Array): KeyObject => {
  if (bytes.byteLength !== aesKeyLength) throw new RangeError(`AES-256 keys are ${aesKeyLength} bytes`);
  return createSecretKey(bytes);
};

/**
 * Length-prefixes every part so that no two different lists encode to the same bytes
 * (tenant "a" + field "bc" must not authenticate as tenant "ab" + field "c").
 */
export const associatedData = (parts: readonly string[]): Buffer =>
  Buffer.concat(
    parts.flatMap((part) => {
      const bytes = Buffer.from(part, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.byteLength);
      return [length, bytes];
    }),
  );

/** A random IV per call: with 96-bit random IVs one key stays safe for about 2^32 values. */
export const sealAesGcm = (key: KeyObject, plaintext: Uint8Array, aad: Uint8Array): GcmSealed => {
  const iv = randomBytes(gcmIvLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: gcmTagLength });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertextAndTag: Buffer.concat([ciphertext, cipher.getAuthTag()]) };
};

/** The plaintext, or undefined when the key, IV, associated data or ciphertext do not match. */
export const openAesGcm = (key: KeyObject, sealed: GcmSealed, aad: Uint8Array): Buffer | undefined => {
  const { iv, ciphertextAndTag } = sealed;
  if (iv.byteLength !== gcmIvLength || ciphertextAndTag.byteLength < gcmTagLength) return undefined;
  const tagStart = ciphertextAndTag.byteLength - gcmTagLength;
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: gcmTagLength });
  decipher.setAAD(aad);
  decipher.setAuthTag(ciphertextAndTag.subarray(tagStart));
  const plaintext = decipher.update(ciphertextAndTag.subarray(0, tagStart));
  try {
    return Buffer.concat([plaintext, decipher.final()]);
  } catch {
    plaintext.fill(0);
    return undefined;
  }
};
