import { createHmac, hkdfSync, type KeyObject } from 'node:crypto';
import { aesKeyLength, associatedData, openAesGcm, sealAesGcm, toAesKey } from './aes-gcm.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { StoreError } from './store-error.ts';

/** Encrypts the PII fields of one tenant (DESIGN §3) with that tenant's data key. */
export interface TenantCipher {
  readonly tenantId: string;
  /** `v1.<iv>.<ciphertext+tag>`, base64url; a fresh IV every call, so equal values encrypt differently. */
  encrypt(field: string, plaintext: string): string;
  /** Throws StoreError DECRYPTION_FAILED for another tenant, another field or any change to the value. */
  decrypt(field: string, ciphertext: string): string;
  /** Deterministic keyed digest of the normalised value, for equality lookups without decrypting. */
  blindIndex(field: string, value: string): string;
}

export type BlindIndexNormaliser = (value: string) => string;

export interface TenantCipherOptions {
  readonly tenantId: string;
  /** The tenant's 32-byte data key. */
  readonly dataKey: Uint8Array;
  /** Per field; fields without one are indexed exactly as given (after Unicode NFC). */
  readonly normalisers?: Readonly<Record<string, BlindIndexNormaliser>>;
}

/** Addresses are compared case-insensitively in practice, so the index must be too. */
export const normaliseEmail: BlindIndexNormaliser = (value) => value.trim().normalize('NFC').toLowerCase();

export const defaultBlindIndexNormalisers: Readonly<Record<string, BlindIndexNormaliser>> = {
  email: normaliseEmail,
};

const formatVersion = 'v1';
// Distinct HKDF labels give independent keys, so the deterministic index reveals nothing about the
// encryption key and the other way round.
const encryptionKeyLabel = 'wygc/tenant-cipher/v1/field-encryption';
const blindIndexKeyLabel = 'wygc/tenant-cipher/v1/blind-index';
const fieldPurpose = 'wygc/field/v1';

export const createTenantCipher = (options: TenantCipherOptions): TenantCipher => {
  const { tenantId } = options;
  assertDataKey(options.dataKey);
  const encryptionKey = toAesKey(deriveKey(options.dataKey, encryptionKeyLabel));
  const blindIndexKey = deriveKey(options.dataKey, blindIndexKeyLabel);
  const normalisers = options.normalisers ?? defaultBlindIndexNormalisers;
  const fieldData = (field: string): Buffer => associatedData([fieldPurpose, tenantId, field]);

  return {
    tenantId,
    encrypt(field: string, plaintext: string): string {
      const { iv, ciphertextAndTag } = sealAesGcm(
        encryptionKey,
        Buffer.from(plaintext, 'utf8'),
        fieldData(field),
      );
      return [formatVersion, encodeBase64Url(iv), encodeBase64Url(ciphertextAndTag)].join('.');
    },
    decrypt(field: string, ciphertext: string): string {
      const plaintext = openEncoded(encryptionKey, ciphertext, fieldData(field));
      if (plaintext) return plaintext.toString('utf8');
      throw new StoreError('DECRYPTION_FAILED', `field "${field}" does not decrypt for tenant ${tenantId}`);
    },
    blindIndex(field: string, value: string): string {
      const normalise = normalisers[field] ?? ((text: string) => text.normalize('NFC'));
      return createHmac('sha256', blindIndexKey)
        .update(associatedData([field, normalise(value)]))
        .digest('base64url');
    },
  };
};

const assertDataKey = (dataKey: Uint8Array): void => {
  if (dataKey.byteLength === aesKeyLength) return;
  throw new StoreError(
    'INVALID_INPUT',
    `a tenant data key is ${aesKeyLength} bytes, not ${dataKey.byteLength}`,
  );
};

// The data key is uniformly random, so HKDF needs no salt; the label alone separates the keys.
const deriveKey = (dataKey: Uint8Array, label: string): Buffer =>
  Buffer.from(hkdfSync('sha256', dataKey, new Uint8Array(), label, aesKeyLength));

const openEncoded = (key: KeyObject, encoded: string, aad: Buffer): Buffer | undefined => {
  const [version, ivText, sealedText, ...rest] = encoded.split('.');
  if (version !== formatVersion || ivText === undefined || sealedText === undefined || rest.length > 0) {
    return undefined;
  }
  const iv = decodeBase64Url(ivText);
  const ciphertextAndTag = decodeBase64Url(sealedText);
  return iv && ciphertextAndTag && openAesGcm(key, { iv, ciphertextAndTag }, aad);
};
