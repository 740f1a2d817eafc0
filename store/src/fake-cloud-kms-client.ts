import { randomBytes } from 'node:crypto';
import { openAesGcm, sealAesGcm, toAesKey } from './aes-gcm.ts';
import type {
  CloudKmsClient,
  KmsCreateCryptoKeyRequest,
  KmsCryptoKey,
  KmsCryptoKeyVersion,
  KmsDecryptRequest,
  KmsDecryptResponse,
  KmsDestroyCryptoKeyVersionRequest,
  KmsEncryptRequest,
  KmsEncryptResponse,
  KmsListCryptoKeyVersionsRequest,
  KmsUpdateCryptoKeyVersionRequest,
} from './cloud-kms-keyring.ts';
import { crc32c } from './crc32c.ts';

/** Ways the fake misbehaves, each for the given number of calls, to exercise the integrity checks. */
export interface FakeCloudKmsFaults {
  /** Encrypt responses whose ciphertext no longer matches ciphertextCrc32c. */
  corruptCiphertext?: number;
  /** Encrypt responses that say the plaintext checksum did not arrive intact. */
  unverifiedPlaintext?: number;
  /** Decrypt responses whose plaintext no longer matches plaintextCrc32c. */
  corruptPlaintext?: number;
  /** Encrypt responses that name a version of another key. */
  wrongKeyVersion?: number;
}

export type FakeKeyVersionState = 'ENABLED' | 'DISABLED' | 'DESTROY_SCHEDULED' | 'DESTROYED';

export interface FakeCloudKmsClient extends CloudKmsClient {
  readonly encryptRequests: KmsEncryptRequest[];
  readonly decryptRequests: KmsDecryptRequest[];
  readonly createCryptoKeyRequests: KmsCreateCryptoKeyRequest[];
  readonly updateCryptoKeyVersionRequests: KmsUpdateCryptoKeyVersionRequest[];
  readonly destroyCryptoKeyVersionRequests: KmsDestroyCryptoKeyVersionRequest[];
  readonly faults: FakeCloudKmsFaults;
  /** Adds a new primary version to a CryptoKey, like KMS rotation; older ones keep decrypting. */
  rotate(cryptoKeyName: string): void;
  /** What became of each version of a CryptoKey, in version order; empty when the key does not exist. */
  states(cryptoKeyName: string): FakeKeyVersionState[];
  /** Lets the scheduled destructions happen now: the key material of those versions is gone. */
  passDestroyScheduledDuration(): void;
}

interface FakeVersion {
  state: FakeKeyVersionState;
  material: Buffer | undefined;
  destroyTime?: Date;
}

interface FakeKey {
  readonly versions: Map<number, FakeVersion>;
  primary: number;
}

const cryptoKeyIdPattern = /^[A-Za-z0-9_-]{1,63}$/;
const destroyScheduledDays = 30;

/**
 * An in-memory Cloud KMS key ring of symmetric CryptoKeys with the request/response shapes of
 * @google-cloud/kms v1: real AES-GCM, the tenant as AAD, CRC32C checks both ways, key version states
 * (only ENABLED versions encrypt or decrypt; destruction is scheduled first), and gRPC-style errors
 * with a numeric code. Enum values come back as names, as the real client decodes them.
 */
export const createFakeCloudKmsClient = (keyRingName: string): FakeCloudKmsClient => {
  const keys = new Map<string, FakeKey>();
  const faults: FakeCloudKmsFaults = {};
  const encryptRequests: KmsEncryptRequest[] = [];
  const decryptRequests: KmsDecryptRequest[] = [];
  const createCryptoKeyRequests: KmsCreateCryptoKeyRequest[] = [];
  const updateCryptoKeyVersionRequests: KmsUpdateCryptoKeyVersionRequest[] = [];
  const destroyCryptoKeyVersionRequests: KmsDestroyCryptoKeyVersionRequest[] = [];

  const takeFault = (name: keyof FakeCloudKmsFaults): boolean => {
    const remaining = faults[name] ?? 0;
    if (remaining > 0) faults[name] = remaining - 1;
    return remaining > 0;
  };

  const keyNamed = (name: string | null | undefined): FakeKey => {
    const key = keys.get(name ?? '');
    if (key) return key;
    throw grpcError(5, 'NOT_FOUND', `${name ?? ''} not found.`);
  };

  const versionNamed = (
    name: string | null | undefined,
  ): { keyName: string; version: FakeVersion; number: number } => {
    const match = /^(.+)\/cryptoKeyVersions\/([1-9][0-9]*)$/.exec(name ?? '');
    const keyName = match?.[1] ?? '';
    const number = Number(match?.[2]);
    const version = keys.get(keyName)?.versions.get(number);
    if (version) return { keyName, version, number };
    throw grpcError(5, 'NOT_FOUND', `${name ?? ''} not found.`);
  };

  const describe = (keyName: string, number: number, version: FakeVersion): KmsCryptoKeyVersion => ({
    name: `${keyName}/cryptoKeyVersions/${number}`,
    state: version.state,
    protectionLevel: 'SOFTWARE',
    algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION',
    destroyTime: version.destroyTime ? { seconds: Math.floor(version.destroyTime.getTime() / 1000) } : null,
  });

  const addVersion = (key: FakeKey): void => {
    const number = Math.max(0, ...key.versions.keys()) + 1;
    key.versions.set(number, { state: 'ENABLED', material: randomBytes(32) });
    key.primary = number;
  };

  const enabledMaterial = (keyName: string, number: number, version: FakeVersion): Buffer => {
    if (version.state === 'ENABLED' && version.material) return version.material;
    throw grpcError(
      9,
      'FAILED_PRECONDITION',
      `${keyName}/cryptoKeyVersions/${number} is not in state ENABLED, current state is ${version.state}.`,
    );
  };

  const encrypt = async (request: KmsEncryptRequest): Promise<[KmsEncryptResponse, undefined, undefined]> => {
    encryptRequests.push(request);
    const keyName = request.name ?? '';
    const key = keyNamed(keyName);
    const version = key.versions.get(key.primary);
    if (!version) throw grpcError(9, 'FAILED_PRECONDITION', `${keyName} has no primary version.`);
    const material = enabledMaterial(keyName, key.primary, version);
    const plaintext = bytesOf(request.plaintext);
    const aad = bytesOf(request.additionalAuthenticatedData);
    const sealed = sealAesGcm(toAesKey(material), plaintext, aad);
    const ciphertext = Buffer.concat([versionHeader(key.primary), sealed.iv, sealed.ciphertextAndTag]);
    const ciphertextCrc32c = crc32c(ciphertext);
    if (takeFault('corruptCiphertext')) flipLastBit(ciphertext);
    const otherKey = takeFault('wrongKeyVersion');
    const response: KmsEncryptResponse = {
      name: `${otherKey ? `${keyName}-other` : keyName}/cryptoKeyVersions/${key.primary}`,
      ciphertext,
      ciphertextCrc32c: { value: ciphertextCrc32c },
      verifiedPlaintextCrc32c:
        checksumMatches(plaintext, request.plaintextCrc32c?.value) && !takeFault('unverifiedPlaintext'),
      verifiedAdditionalAuthenticatedDataCrc32c: checksumMatches(
        aad,
        request.additionalAuthenticatedDataCrc32c?.value,
      ),
      protectionLevel: 'SOFTWARE',
    };
    return [response, undefined, undefined];
  };

  const decrypt = async (request: KmsDecryptRequest): Promise<[KmsDecryptResponse, undefined, undefined]> => {
    decryptRequests.push(request);
    const keyName = request.name ?? '';
    const key = keyNamed(keyName);
    const ciphertext = bytesOf(request.ciphertext);
    const aad = bytesOf(request.additionalAuthenticatedData);
    if (!checksumMatches(ciphertext, request.ciphertextCrc32c?.value)) {
      throw grpcError(3, 'INVALID_ARGUMENT', 'checksum mismatch');
    }
    const number = ciphertext.length >= 4 ? ciphertext.readUInt32BE(0) : 0;
    const version = key.versions.get(number);
    const material = version && enabledMaterial(keyName, number, version);
    const plaintext =
      material &&
      openAesGcm(
        toAesKey(material),
        { iv: ciphertext.subarray(4, 16), ciphertextAndTag: ciphertext.subarray(16) },
        aad,
      );
    if (!plaintext) throw grpcError(3, 'INVALID_ARGUMENT', 'Decryption failed: the ciphertext is invalid.');
    const plaintextCrc32c = crc32c(plaintext);
    if (takeFault('corruptPlaintext')) flipLastBit(plaintext);
    return [
      { plaintext, plaintextCrc32c: { value: String(plaintextCrc32c) }, usedPrimary: number === key.primary },
      undefined,
      undefined,
    ];
  };

  const createCryptoKey = async (
    request: KmsCreateCryptoKeyRequest,
  ): Promise<[KmsCryptoKey, undefined, undefined]> => {
    createCryptoKeyRequests.push(request);
    if (request.parent !== keyRingName) throw grpcError(5, 'NOT_FOUND', `${request.parent ?? ''} not found.`);
    const cryptoKeyId = request.cryptoKeyId ?? '';
    if (!cryptoKeyIdPattern.test(cryptoKeyId)) {
      throw grpcError(3, 'INVALID_ARGUMENT', `invalid crypto_key_id "${cryptoKeyId}".`);
    }
    if (request.cryptoKey?.purpose !== 'ENCRYPT_DECRYPT') {
      throw grpcError(3, 'INVALID_ARGUMENT', 'this fake only makes ENCRYPT_DECRYPT keys.');
    }
    const name = `${keyRingName}/cryptoKeys/${cryptoKeyId}`;
    if (keys.has(name)) throw grpcError(6, 'ALREADY_EXISTS', `${name} already exists.`);
    const key: FakeKey = { versions: new Map(), primary: 0 };
    if (request.skipInitialVersionCreation !== true) addVersion(key);
    keys.set(name, key);
    const primary = key.versions.get(key.primary);
    return [
      {
        name,
        purpose: 'ENCRYPT_DECRYPT',
        versionTemplate: request.cryptoKey.versionTemplate ?? null,
        primary: primary ? describe(name, key.primary, primary) : null,
      },
      undefined,
      undefined,
    ];
  };

  const listCryptoKeyVersions = async (
    request: KmsListCryptoKeyVersionsRequest,
  ): Promise<[KmsCryptoKeyVersion[], null, Record<string, never>]> => {
    const keyName = request.parent ?? '';
    const key = keyNamed(keyName);
    const versions = [...key.versions].map(([number, version]) => describe(keyName, number, version));
    return [versions, null, {}];
  };

  const updateCryptoKeyVersion = async (
    request: KmsUpdateCryptoKeyVersionRequest,
  ): Promise<[KmsCryptoKeyVersion, undefined, undefined]> => {
    updateCryptoKeyVersionRequests.push(request);
    const paths = request.updateMask?.paths ?? [];
    if (paths.length !== 1 || paths[0] !== 'state') {
      throw grpcError(3, 'INVALID_ARGUMENT', 'this fake only updates the state, named in updateMask.paths.');
    }
    const { keyName, version, number } = versionNamed(request.cryptoKeyVersion?.name);
    const wanted = request.cryptoKeyVersion?.state;
    if (wanted !== 'ENABLED' && wanted !== 'DISABLED') {
      throw grpcError(3, 'INVALID_ARGUMENT', 'the state can only be updated to ENABLED or DISABLED.');
    }
    // Like KMS: only ENABLED and DISABLED versions move between those two states.
    if (version.state !== 'ENABLED' && version.state !== 'DISABLED') {
      throw grpcError(9, 'FAILED_PRECONDITION', `the version is in state ${version.state}.`);
    }
    version.state = wanted;
    return [describe(keyName, number, version), undefined, undefined];
  };

  const destroyCryptoKeyVersion = async (
    request: KmsDestroyCryptoKeyVersionRequest,
  ): Promise<[KmsCryptoKeyVersion, undefined, undefined]> => {
    destroyCryptoKeyVersionRequests.push(request);
    const { keyName, version, number } = versionNamed(request.name);
    if (version.state !== 'ENABLED' && version.state !== 'DISABLED') {
      throw grpcError(9, 'FAILED_PRECONDITION', `the version is in state ${version.state}.`);
    }
    version.state = 'DESTROY_SCHEDULED';
    version.destroyTime = new Date(Date.now() + destroyScheduledDays * 24 * 60 * 60 * 1000);
    return [describe(keyName, number, version), undefined, undefined];
  };

  return {
    encrypt,
    decrypt,
    createCryptoKey,
    listCryptoKeyVersions,
    updateCryptoKeyVersion,
    destroyCryptoKeyVersion,
    encryptRequests,
    decryptRequests,
    createCryptoKeyRequests,
    updateCryptoKeyVersionRequests,
    destroyCryptoKeyVersionRequests,
    faults,
    rotate(cryptoKeyName: string) {
      addVersion(keyNamed(cryptoKeyName));
    },
    states(cryptoKeyName: string): FakeKeyVersionState[] {
      const key = keys.get(cryptoKeyName);
      return key ? [...key.versions.values()].map((version) => version.state) : [];
    },
    passDestroyScheduledDuration() {
      for (const key of keys.values()) {
        for (const version of key.versions.values()) {
          if (version.state !== 'DESTROY_SCHEDULED') continue;
          version.state = 'DESTROYED';
          version.material?.fill(0);
          version.material = undefined;
        }
      }
    },
  };
};

const versionHeader = (version: number): Buffer => {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(version);
  return header;
};

const flipLastBit = (bytes: Buffer): void => {
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
};

const bytesOf = (value: Uint8Array | string | null | undefined): Buffer =>
  typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.from(value ?? new Uint8Array());

const checksumMatches = (bytes: Uint8Array, checksum: unknown): boolean =>
  checksum !== undefined && checksum !== null && Number(checksum) === crc32c(bytes);

const grpcError = (code: number, status: string, detail: string): Error =>
  Object.assign(new Error(`${code} ${status}: ${detail}`), { code });
