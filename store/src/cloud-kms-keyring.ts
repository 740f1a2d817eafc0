import type { protos } from '@google-cloud/kms';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { crc32c } from './crc32c.ts';
import { assertWrappedBy, type Keyring, type KeyringContext, type WrappedKey } from './keyring.ts';
import { isStoreError, StoreError } from './store-error.ts';

export type KmsEncryptRequest = protos.google.cloud.kms.v1.IEncryptRequest;
export type KmsEncryptResponse = protos.google.cloud.kms.v1.IEncryptResponse;
export type KmsDecryptRequest = protos.google.cloud.kms.v1.IDecryptRequest;
export type KmsDecryptResponse = protos.google.cloud.kms.v1.IDecryptResponse;
export type KmsCreateCryptoKeyRequest = protos.google.cloud.kms.v1.ICreateCryptoKeyRequest;
export type KmsCryptoKey = protos.google.cloud.kms.v1.ICryptoKey;
export type KmsListCryptoKeyVersionsRequest = protos.google.cloud.kms.v1.IListCryptoKeyVersionsRequest;
export type KmsUpdateCryptoKeyVersionRequest = protos.google.cloud.kms.v1.IUpdateCryptoKeyVersionRequest;
export type KmsDestroyCryptoKeyVersionRequest = protos.google.cloud.kms.v1.IDestroyCryptoKeyVersionRequest;
export type KmsCryptoKeyVersion = protos.google.cloud.kms.v1.ICryptoKeyVersion;
type KmsInt64 = protos.google.protobuf.IInt64Value;
type KmsBytes = Uint8Array | string | null | undefined;

/**
 * The part of @google-cloud/kms's KeyManagementServiceClient this keyring uses; a real client
 * satisfies it as it is, and tests can pass a small fake.
 */
export interface CloudKmsClient {
  encrypt(request: KmsEncryptRequest): Promise<[KmsEncryptResponse, ...unknown[]]>;
  decrypt(request: KmsDecryptRequest): Promise<[KmsDecryptResponse, ...unknown[]]>;
  createCryptoKey(request: KmsCreateCryptoKeyRequest): Promise<[KmsCryptoKey, ...unknown[]]>;
  /** The real client pages through all versions itself (autoPaginate) when called like this. */
  listCryptoKeyVersions(
    request: KmsListCryptoKeyVersionsRequest,
  ): Promise<[KmsCryptoKeyVersion[], ...unknown[]]>;
  updateCryptoKeyVersion(
    request: KmsUpdateCryptoKeyVersionRequest,
  ): Promise<[KmsCryptoKeyVersion, ...unknown[]]>;
  destroyCryptoKeyVersion(
    request: KmsDestroyCryptoKeyVersionRequest,
  ): Promise<[KmsCryptoKeyVersion, ...unknown[]]>;
}

export interface CloudKmsKeyringOptions {
  readonly client: CloudKmsClient;
  /** The key ring that holds one CryptoKey per tenant: projects/P/locations/L/keyRings/R. */
  readonly keyRingName: string;
  /** Put before the tenant id to name its CryptoKey; default `tenant-`. */
  readonly keyIdPrefix?: string;
  /** Recorded in every WrappedKey; defaults to `cloud-kms:<keyRingName>/cryptoKeys/<keyIdPrefix>*`. */
  readonly id?: string;
  /** Calls per operation when a checksum shows corruption in transit, as Google advises; default 3. */
  readonly integrityAttempts?: number;
}

const keyRingNamePattern = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+$/;
// Cloud KMS CryptoKey ids: letters, digits, "-" and "_", at most 63 characters.
const cryptoKeyIdPattern = /^[A-Za-z0-9_-]{1,63}$/;
const grpcInvalidArgument = 3;
const grpcNotFound = 5;
const grpcAlreadyExists = 6;
const grpcFailedPrecondition = 9;

// The client decodes enums as their names; numbers are accepted too, as the types allow them.
const versionStateNames: Readonly<Record<number, string>> = {
  1: 'ENABLED',
  2: 'DISABLED',
  3: 'DESTROYED',
  4: 'DESTROY_SCHEDULED',
};
const destroyedStates: ReadonlySet<string> = new Set(['DESTROYED', 'DESTROY_SCHEDULED']);

/**
 * Wraps data keys with Cloud KMS symmetric encryption, each tenant under a CryptoKey of its own
 * (`<keyRingName>/cryptoKeys/<keyIdPrefix><tenantId>`, created on the tenant's first wrap), so that
 * destroying that key shreds the tenant's data, backups included. The tenant id is also the
 * additional authenticated data. Every request carries CRC32C checksums and every response is checked
 * against them (cloud.google.com/kms/docs/data-integrity-guidelines).
 *
 * Besides encrypt and decrypt (cloudkms.cryptoKeyVersions.useToEncrypt / useToDecrypt) the caller
 * needs cloudkms.cryptoKeys.create, cloudkms.cryptoKeyVersions.list, .update and .destroy on the key
 * ring.
 */
export const createCloudKmsKeyring = (options: CloudKmsKeyringOptions): Keyring => {
  const { client, keyRingName } = options;
  const keyIdPrefix = options.keyIdPrefix ?? 'tenant-';
  if (!keyRingNamePattern.test(keyRingName)) {
    throw new StoreError('INVALID_INPUT', `"${keyRingName}" is not a Cloud KMS KeyRing resource name`);
  }
  if (!/^[A-Za-z0-9_-]{0,62}$/.test(keyIdPrefix)) {
    throw new StoreError(
      'INVALID_INPUT',
      `key id prefix "${keyIdPrefix}" may only hold letters, digits, "-" and "_", at most 62 of them`,
    );
  }
  const id = options.id ?? `cloud-kms:${keyRingName}/cryptoKeys/${keyIdPrefix}*`;
  const attempts = Math.max(1, options.integrityAttempts ?? 3);

  const tenantKey = (context: KeyringContext): { readonly cryptoKeyId: string; readonly name: string } => {
    const cryptoKeyId = `${keyIdPrefix}${context.tenantId}`;
    if (context.tenantId === '' || !cryptoKeyIdPattern.test(cryptoKeyId)) {
      throw new StoreError(
        'INVALID_INPUT',
        `tenant id "${context.tenantId}" does not make a Cloud KMS key id: after the prefix ` +
          `"${keyIdPrefix}" only letters, digits, "-" and "_" fit, ${63 - keyIdPrefix.length} at most`,
      );
    }
    return { cryptoKeyId, name: `${keyRingName}/cryptoKeys/${cryptoKeyId}` };
  };

  const encryptOnce = async (
    keyName: string,
    dataKey: Uint8Array,
    aad: Buffer,
  ): Promise<WrappedKey | undefined> => {
    const [response] = await client.encrypt({
      name: keyName,
      plaintext: dataKey,
      plaintextCrc32c: { value: crc32c(dataKey) },
      additionalAuthenticatedData: aad,
      additionalAuthenticatedDataCrc32c: { value: crc32c(aad) },
    });
    const ciphertext = verifiedEncryptCiphertext(response);
    if (!ciphertext) return undefined;
    const keyVersion = usedKeyVersion(response.name, `${keyName}/cryptoKeyVersions/`);
    return { keyringId: id, keyVersion, ciphertext };
  };

  const decryptOnce = async (
    keyName: string,
    ciphertext: Buffer,
    aad: Buffer,
  ): Promise<Uint8Array | undefined> => {
    const [response] = await client.decrypt({
      name: keyName,
      ciphertext,
      ciphertextCrc32c: { value: crc32c(ciphertext) },
      additionalAuthenticatedData: aad,
      additionalAuthenticatedDataCrc32c: { value: crc32c(aad) },
    });
    return verifiedBytes(response.plaintext, response.plaintextCrc32c);
  };

  /** The key's versions, or undefined when the key does not exist. */
  const listVersions = async (
    keyName: string,
    tenantId: string,
  ): Promise<KmsCryptoKeyVersion[] | undefined> => {
    try {
      const [versions] = await client.listCryptoKeyVersions({ parent: keyName });
      return versions;
    } catch (error) {
      if (grpcCode(error) === grpcNotFound) return undefined;
      throw new StoreError(
        'KEY_UNAVAILABLE',
        `Cloud KMS could not list the key versions of tenant ${tenantId}`,
        {
          cause: error,
        },
      );
    }
  };

  const isDestroyed = async (keyName: string, tenantId: string): Promise<boolean> => {
    const versions = await listVersions(keyName, tenantId).catch(() => undefined);
    return versions !== undefined && versions.length > 0 && versions.every(isDestroyedVersion);
  };

  const createKey = async (key: { readonly cryptoKeyId: string }, tenantId: string): Promise<void> => {
    try {
      await client.createCryptoKey({
        parent: keyRingName,
        cryptoKeyId: key.cryptoKeyId,
        cryptoKey: {
          purpose: 'ENCRYPT_DECRYPT',
          versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: 'SOFTWARE' },
        },
      });
    } catch (error) {
      // Another instance created it between our NOT_FOUND and this call.
      if (grpcCode(error) === grpcAlreadyExists) return;
      throw new StoreError('KEY_UNAVAILABLE', `Cloud KMS could not create the key of tenant ${tenantId}`, {
        cause: error,
      });
    }
  };

  /** Turns what the client threw into the StoreError the port promises. */
  const failure = async (
    operation: 'wrap' | 'unwrap',
    error: unknown,
    keyName: string,
    tenantId: string,
  ): Promise<StoreError> => {
    if (isStoreError(error)) return error;
    const code = grpcCode(error);
    const call = operation === 'wrap' ? 'encrypt' : 'decrypt';
    // On decrypt, KMS answers INVALID_ARGUMENT when ciphertext or AAD (the tenant) do not match.
    if (operation === 'unwrap' && code === grpcInvalidArgument) {
      return new StoreError('DECRYPTION_FAILED', 'Cloud KMS refused to decrypt the wrapped data key', {
        cause: error,
      });
    }
    // FAILED_PRECONDITION: the version is not enabled. Only a destroyed key gets the clear message;
    // a version disabled by hand may be enabled again.
    if (code === grpcFailedPrecondition && (await isDestroyed(keyName, tenantId))) {
      return new StoreError(
        'KEY_UNAVAILABLE',
        operation === 'wrap'
          ? `tenant key destroyed: tenant ${tenantId} was terminated and never gets a new key`
          : `tenant key destroyed: the data key of tenant ${tenantId} can no longer be unwrapped`,
        { cause: error },
      );
    }
    if (code === grpcNotFound) {
      return new StoreError('KEY_UNAVAILABLE', `Cloud KMS has no key for tenant ${tenantId}`, {
        cause: error,
      });
    }
    return new StoreError('KEY_UNAVAILABLE', `Cloud KMS ${call} failed`, { cause: error });
  };

  const wrap = async (dataKey: Uint8Array, context: KeyringContext): Promise<WrappedKey> => {
    const key = tenantKey(context);
    const aad = tenantAad(context);
    const encrypt = () =>
      withIntegrityRetries('encrypt', attempts, () => encryptOnce(key.name, dataKey, aad));
    try {
      return await encrypt();
    } catch (error) {
      if (grpcCode(error) !== grpcNotFound || isStoreError(error)) {
        throw await failure('wrap', error, key.name, context.tenantId);
      }
    }
    // Encrypting first keeps the common case at one call; only a tenant's first wrap creates its key.
    await createKey(key, context.tenantId);
    try {
      return await encrypt();
    } catch (error) {
      throw await failure('wrap', error, key.name, context.tenantId);
    }
  };

  /**
   * Disables every version of the tenant's key, which makes it unusable at once, then schedules each
   * for destruction. Cloud KMS keeps scheduled material for the key's destroy-scheduled duration
   * (30 days by default) before it is gone for good; until then RestoreCryptoKeyVersion could bring
   * it back, after that nothing can, and every backup of the tenant is unreadable. The CryptoKey
   * itself cannot be deleted in Cloud KMS; with all versions destroyed it is the tombstone that makes
   * a later wrap refuse. A tenant without a key gets one created and destroyed, for the same reason.
   */
  const destroy = async (context: KeyringContext): Promise<void> => {
    const key = tenantKey(context);
    const { tenantId } = context;
    let versions = await listVersions(key.name, tenantId);
    if (!versions) {
      await createKey(key, tenantId);
      versions = (await listVersions(key.name, tenantId)) ?? [];
    }
    for (const version of versions) {
      if (stateOf(version) !== 'ENABLED') continue;
      await tolerateStateChange(tenantId, 'disable', () =>
        client.updateCryptoKeyVersion({
          cryptoKeyVersion: { name: version.name ?? null, state: 'DISABLED' },
          updateMask: { paths: ['state'] },
        }),
      );
    }
    for (const version of versions) {
      if (isDestroyedVersion(version)) continue;
      await tolerateStateChange(tenantId, 'destroy', () =>
        client.destroyCryptoKeyVersion({ name: version.name ?? null }),
      );
    }
    // Checked afterwards rather than trusted: versions may have changed state while this ran.
    const after = (await listVersions(key.name, tenantId)) ?? [];
    if (!after.every(isDestroyedVersion)) {
      throw new StoreError(
        'KEY_UNAVAILABLE',
        `Cloud KMS did not destroy every key version of tenant ${tenantId}; destroy again`,
      );
    }
  };

  return {
    id,
    wrap,

    async unwrap(wrapped: WrappedKey, context: KeyringContext): Promise<Uint8Array> {
      assertWrappedBy({ id }, wrapped);
      const key = tenantKey(context);
      const ciphertext = decodeBase64Url(wrapped.ciphertext);
      if (!ciphertext) throw new StoreError('DECRYPTION_FAILED', 'wrapped data key is not base64url');
      const aad = tenantAad(context);
      try {
        return await withIntegrityRetries('decrypt', attempts, () => decryptOnce(key.name, ciphertext, aad));
      } catch (error) {
        throw await failure('unwrap', error, key.name, context.tenantId);
      }
    },

    destroy,
  };
};

const stateOf = (version: KmsCryptoKeyVersion): string => {
  const { state } = version;
  if (typeof state === 'number') return versionStateNames[state] ?? String(state);
  return state ?? '';
};

const isDestroyedVersion = (version: KmsCryptoKeyVersion): boolean => destroyedStates.has(stateOf(version));

// FAILED_PRECONDITION here means the version left the state this saw, e.g. because a concurrent
// destroy got there first; the check at the end tells whether it matters.
const tolerateStateChange = async (
  tenantId: string,
  action: string,
  call: () => Promise<unknown>,
): Promise<void> => {
  try {
    await call();
  } catch (error) {
    if (grpcCode(error) === grpcFailedPrecondition) return;
    throw new StoreError(
      'KEY_UNAVAILABLE',
      `Cloud KMS could not ${action} a key version of tenant ${tenantId}`,
      {
        cause: error,
      },
    );
  }
};

const tenantAad = (context: KeyringContext): Buffer => Buffer.from(context.tenantId, 'utf8');

/** Undefined means "corrupted in transit": the caller discards the response and may try again. */
const verifiedEncryptCiphertext = (response: KmsEncryptResponse): string | undefined => {
  if (response.verifiedPlaintextCrc32c !== true) return undefined;
  if (response.verifiedAdditionalAuthenticatedDataCrc32c !== true) return undefined;
  const ciphertext = verifiedBytes(response.ciphertext, response.ciphertextCrc32c);
  return ciphertext && encodeBase64Url(ciphertext);
};

const verifiedBytes = (value: KmsBytes, checksum: KmsInt64 | null | undefined): Uint8Array | undefined => {
  const bytes = toBytes(value);
  const expected = toSafeInteger(checksum?.value);
  return bytes && expected !== undefined && crc32c(bytes) === expected ? bytes : undefined;
};

// Google asks callers to check that the intended key did the encryption.
const usedKeyVersion = (name: string | null | undefined, versionPrefix: string): string => {
  const version = name?.startsWith(versionPrefix) ? name.slice(versionPrefix.length) : '';
  if (/^[^/]+$/.test(version)) return version;
  throw new StoreError(
    'KEY_UNAVAILABLE',
    `Cloud KMS encrypted with "${name ?? ''}", not a version of the key`,
  );
};

// gRPC returns bytes as Buffers; the JSON form of protobuf spells them in base64.
const toBytes = (value: KmsBytes): Uint8Array | undefined => {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
};

// Int64 values may arrive as number, decimal string or Long.
const toSafeInteger = (value: KmsInt64['value']): number | undefined => {
  if (value === null || value === undefined) return undefined;
  const number = Number(typeof value === 'object' ? value.toString() : value);
  return Number.isSafeInteger(number) ? number : undefined;
};

const withIntegrityRetries = async <T>(
  operation: string,
  attempts: number,
  once: () => Promise<T | undefined>,
): Promise<T> => {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const result = await once();
    if (result !== undefined) return result;
  }
  throw new StoreError(
    'KEY_UNAVAILABLE',
    `Cloud KMS ${operation} failed its CRC32C integrity check ${attempts} times; data corrupted in transit`,
  );
};

const grpcCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
