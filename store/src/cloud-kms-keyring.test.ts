import { randomBytes } from 'node:crypto';
import type { KeyManagementServiceClient } from '@google-cloud/kms';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type CloudKmsClient, createCloudKmsKeyring } from './cloud-kms-keyring.ts';
import { crc32c } from './crc32c.ts';
import { createFakeCloudKmsClient } from './fake-cloud-kms-client.ts';
import { StoreError } from './store-error.ts';

const keyRingName = 'projects/wygc-prod/locations/europe-west4/keyRings/tenants';
const keyOf = (tenantId: string) => `${keyRingName}/cryptoKeys/tenant-${tenantId}`;
const tenant = { tenantId: 'a' };
const tenantB = { tenantId: 'b' };

const setup = (integrityAttempts?: number) => {
  const client = createFakeCloudKmsClient(keyRingName);
  const keyring = createCloudKmsKeyring({
    client,
    keyRingName,
    ...(integrityAttempts === undefined ? {} : { integrityAttempts }),
  });
  return { client, keyring };
};

const rejection = async (promise: Promise<unknown>): Promise<StoreError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof StoreError) return error;
  throw new Error(`expected a StoreError, got ${String(error)}`);
};

const failing = (error: Error): CloudKmsClient => ({
  encrypt: () => Promise.reject(error),
  decrypt: () => Promise.reject(error),
  createCryptoKey: () => Promise.reject(error),
  listCryptoKeyVersions: () => Promise.reject(error),
  updateCryptoKeyVersion: () => Promise.reject(error),
  destroyCryptoKeyVersion: () => Promise.reject(error),
});

describe('createCloudKmsKeyring', () => {
  it('accepts the real KeyManagementServiceClient as its client', () => {
    expectTypeOf<KeyManagementServiceClient>().toExtend<CloudKmsClient>();
  });

  it('refuses a key ring name that is not a KeyRing, and a prefix that cannot start a key id', () => {
    const client = createFakeCloudKmsClient(keyRingName);
    expect(() => createCloudKmsKeyring({ client, keyRingName: `${keyRingName}/cryptoKeys/k` })).toThrow(
      /not a Cloud KMS KeyRing resource name/,
    );
    expect(() => createCloudKmsKeyring({ client, keyRingName, keyIdPrefix: 'tenant/' })).toThrow(
      /key id prefix "tenant\/" may only hold/,
    );
  });

  it("creates the tenant's CryptoKey on its first wrap, and only then", async () => {
    const { client, keyring } = setup();
    await keyring.wrap(randomBytes(32), tenant);
    await keyring.wrap(randomBytes(32), tenant);
    expect(client.createCryptoKeyRequests).toEqual([
      {
        parent: keyRingName,
        cryptoKeyId: 'tenant-a',
        cryptoKey: {
          purpose: 'ENCRYPT_DECRYPT',
          versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: 'SOFTWARE' },
        },
      },
    ]);
    expect(client.encryptRequests.map((request) => request.name)).toEqual([
      keyOf('a'),
      keyOf('a'),
      keyOf('a'),
    ]);
    expect(client.states(keyOf('a'))).toEqual(['ENABLED']);
  });

  it('treats ALREADY_EXISTS from a concurrent first wrap as success', async () => {
    const client = createFakeCloudKmsClient(keyRingName);
    const keyrings = [1, 2, 3].map(() => createCloudKmsKeyring({ client, keyRingName }));
    const dataKey = randomBytes(32);
    const wrapped = await Promise.all(keyrings.map((keyring) => keyring.wrap(dataKey, tenant)));
    expect(client.createCryptoKeyRequests).toHaveLength(3);
    for (const each of wrapped)
      expect(Buffer.from((await keyrings[0]?.unwrap(each, tenant)) ?? [])).toEqual(dataKey);
  });

  it('uses the key id prefix and refuses tenant ids that make no valid key id', async () => {
    const client = createFakeCloudKmsClient(keyRingName);
    const keyring = createCloudKmsKeyring({ client, keyRingName, keyIdPrefix: 'wygc_' });
    expect(keyring.id).toBe(`cloud-kms:${keyRingName}/cryptoKeys/wygc_*`);
    await keyring.wrap(randomBytes(32), { tenantId: '0b6f3c1e-2c4d-4f8a-9e1b-7d2a5c9e8f10' });
    expect(client.createCryptoKeyRequests[0]?.cryptoKeyId).toBe('wygc_0b6f3c1e-2c4d-4f8a-9e1b-7d2a5c9e8f10');
    for (const tenantId of ['', 'a/b', 'ü', 'x'.repeat(59)]) {
      const error = await rejection(keyring.wrap(randomBytes(32), { tenantId }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('does not make a Cloud KMS key id');
      expect((await rejection(keyring.destroy({ tenantId }))).code).toBe('INVALID_INPUT');
    }
    await expect(keyring.wrap(randomBytes(32), { tenantId: 'x'.repeat(58) })).resolves.toBeDefined();
    expect(client.createCryptoKeyRequests).toHaveLength(2);
  });

  it('round-trips a data key and records keyring and key version', async () => {
    const { keyring } = setup();
    const dataKey = randomBytes(32);
    const wrapped = await keyring.wrap(dataKey, tenant);
    expect(wrapped).toMatchObject({
      keyringId: `cloud-kms:${keyRingName}/cryptoKeys/tenant-*`,
      keyVersion: '1',
    });
    expect(Buffer.from(await keyring.unwrap(JSON.parse(JSON.stringify(wrapped)), tenant))).toEqual(dataKey);
  });

  it('sends the tenant as AAD and CRC32C checksums of everything it sends', async () => {
    const { client, keyring } = setup();
    const dataKey = randomBytes(32);
    await keyring.unwrap(await keyring.wrap(dataKey, tenant), tenant);
    const aad = Buffer.from('a');
    const [encrypt] = client.encryptRequests;
    expect(encrypt).toMatchObject({
      name: keyOf('a'),
      plaintextCrc32c: { value: crc32c(dataKey) },
      additionalAuthenticatedDataCrc32c: { value: crc32c(aad) },
    });
    expect(Buffer.from(encrypt?.additionalAuthenticatedData as Uint8Array)).toEqual(aad);
    const [decrypt] = client.decryptRequests;
    expect(decrypt?.name).toBe(keyOf('a'));
    expect(Buffer.from(decrypt?.additionalAuthenticatedData as Uint8Array)).toEqual(aad);
    expect(decrypt?.ciphertextCrc32c?.value).toBe(crc32c(decrypt?.ciphertext as Uint8Array));
  });

  it("cannot unwrap one tenant's key for another: each has its own CryptoKey", async () => {
    const { keyring } = setup();
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    const noKey = await rejection(keyring.unwrap(wrapped, tenantB));
    expect(noKey.code).toBe('KEY_UNAVAILABLE');
    expect(noKey.message).toBe('Cloud KMS has no key for tenant b');
    await keyring.wrap(randomBytes(32), tenantB);
    const error = await rejection(keyring.unwrap(wrapped, tenantB));
    expect(error.code).toBe('DECRYPTION_FAILED');
    expect(error.cause).toMatchObject({ code: 3 });
  });

  it('refuses a key wrapped by another keyring', async () => {
    const { keyring } = setup();
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    const error = await rejection(keyring.unwrap({ ...wrapped, keyringId: 'local-key-file' }, tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
  });

  it('keeps unwrapping after a KMS rotation and records the new version on new wraps', async () => {
    const { client, keyring } = setup();
    const dataKey = randomBytes(32);
    const before = await keyring.wrap(dataKey, tenant);
    client.rotate(keyOf('a'));
    const after = await keyring.wrap(dataKey, tenant);
    expect(after.keyVersion).toBe('2');
    expect(Buffer.from(await keyring.unwrap(before, tenant))).toEqual(dataKey);
    await client.destroyCryptoKeyVersion({ name: `${keyOf('a')}/cryptoKeyVersions/1` });
    const old = await rejection(keyring.unwrap(before, tenant));
    expect(old.code).toBe('KEY_UNAVAILABLE');
    expect(old.message).toBe('Cloud KMS decrypt failed');
    expect(Buffer.from(await keyring.unwrap(after, tenant))).toEqual(dataKey);
  });

  it('retries when the encrypt response ciphertext fails its checksum, then succeeds', async () => {
    const { client, keyring } = setup();
    await keyring.wrap(randomBytes(32), tenant);
    client.faults.corruptCiphertext = 2;
    const dataKey = randomBytes(32);
    const wrapped = await keyring.wrap(dataKey, tenant);
    expect(client.encryptRequests).toHaveLength(2 + 3);
    expect(Buffer.from(await keyring.unwrap(wrapped, tenant))).toEqual(dataKey);
  });

  it('gives up with KEY_UNAVAILABLE when the ciphertext checksum keeps mismatching', async () => {
    const { client, keyring } = setup();
    await keyring.wrap(randomBytes(32), tenant);
    client.faults.corruptCiphertext = 10;
    const error = await rejection(keyring.wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain('encrypt failed its CRC32C integrity check 3 times');
    expect(client.encryptRequests).toHaveLength(2 + 3);
  });

  it('treats verifiedPlaintextCrc32c false as corruption of the request', async () => {
    const { client, keyring } = setup(1);
    client.faults.unverifiedPlaintext = 1;
    expect((await rejection(keyring.wrap(randomBytes(32), tenant))).message).toContain(
      'integrity check 1 times',
    );
  });

  it('refuses a decrypt response whose plaintext fails its checksum', async () => {
    const { client, keyring } = setup(2);
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    client.faults.corruptPlaintext = 2;
    const error = await rejection(keyring.unwrap(wrapped, tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain('decrypt failed its CRC32C integrity check 2 times');
  });

  it('recovers from a single corrupted decrypt response', async () => {
    const { client, keyring } = setup();
    const dataKey = randomBytes(32);
    const wrapped = await keyring.wrap(dataKey, tenant);
    client.faults.corruptPlaintext = 1;
    expect(Buffer.from(await keyring.unwrap(wrapped, tenant))).toEqual(dataKey);
    expect(client.decryptRequests).toHaveLength(2);
  });

  it('refuses a response that names a version of another key', async () => {
    const { client, keyring } = setup();
    client.faults.wrongKeyVersion = 1;
    const error = await rejection(keyring.wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain('not a version of the key');
  });

  it('refuses a tampered wrapped key', async () => {
    const { keyring } = setup();
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    const bytes = Buffer.from(wrapped.ciphertext, 'base64url');
    bytes.writeUInt8(bytes.readUInt8(30) ^ 0x10, 30);
    const tampered = { ...wrapped, ciphertext: bytes.toString('base64url') };
    expect((await rejection(keyring.unwrap(tampered, tenant))).code).toBe('DECRYPTION_FAILED');
    expect((await rejection(keyring.unwrap({ ...wrapped, ciphertext: '!!' }, tenant))).code).toBe(
      'DECRYPTION_FAILED',
    );
  });

  it('reports other client failures as KEY_UNAVAILABLE with the cause', async () => {
    const outage = Object.assign(new Error('14 UNAVAILABLE: connection reset'), { code: 14 });
    const keyring = createCloudKmsKeyring({ client: failing(outage), keyRingName });
    const error = await rejection(keyring.wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.cause).toBe(outage);
    const unwrapError = await rejection(
      keyring.unwrap({ keyringId: keyring.id, keyVersion: '1', ciphertext: 'AA' }, tenant),
    );
    expect(unwrapError.code).toBe('KEY_UNAVAILABLE');
    const destroyError = await rejection(keyring.destroy(tenant));
    expect(destroyError.code).toBe('KEY_UNAVAILABLE');
    expect(destroyError.cause).toBe(outage);
  });

  it('reports a key ring that does not exist when it creates the first key', async () => {
    const client = createFakeCloudKmsClient(keyRingName);
    const keyring = createCloudKmsKeyring({ client, keyRingName: `${keyRingName}-missing` });
    const error = await rejection(keyring.wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe('Cloud KMS could not create the key of tenant a');
    expect(error.cause).toMatchObject({ code: 5 });
  });
});

describe('Cloud KMS destroy (crypto-shredding)', () => {
  it('disables every version, then schedules its destruction', async () => {
    const { client, keyring } = setup();
    await keyring.wrap(randomBytes(32), tenant);
    client.rotate(keyOf('a'));
    await keyring.destroy(tenant);
    expect(client.updateCryptoKeyVersionRequests).toEqual(
      [1, 2].map((version) => ({
        cryptoKeyVersion: { name: `${keyOf('a')}/cryptoKeyVersions/${version}`, state: 'DISABLED' },
        updateMask: { paths: ['state'] },
      })),
    );
    expect(client.destroyCryptoKeyVersionRequests).toEqual([
      { name: `${keyOf('a')}/cryptoKeyVersions/1` },
      { name: `${keyOf('a')}/cryptoKeyVersions/2` },
    ]);
    expect(client.states(keyOf('a'))).toEqual(['DESTROY_SCHEDULED', 'DESTROY_SCHEDULED']);
  });

  it('makes a saved copy of the wrapped key fail at once, and leaves other tenants alone', async () => {
    const { client, keyring } = setup();
    const backupCopy = JSON.parse(JSON.stringify(await keyring.wrap(randomBytes(32), tenant)));
    const dataKeyB = randomBytes(32);
    const wrappedB = await keyring.wrap(dataKeyB, tenantB);

    await keyring.destroy(tenant);

    const error = await rejection(keyring.unwrap(backupCopy, tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe('tenant key destroyed: the data key of tenant a can no longer be unwrapped');
    expect(error.cause).toMatchObject({ code: 9 });
    expect(Buffer.from(await keyring.unwrap(wrappedB, tenantB))).toEqual(dataKeyB);
    client.passDestroyScheduledDuration();
    expect((await rejection(keyring.unwrap(backupCopy, tenant))).message).toContain('tenant key destroyed');
    expect(client.states(keyOf('b'))).toEqual(['ENABLED']);
  });

  it('refuses to wrap for a destroyed tenant and creates no new version', async () => {
    const { client, keyring } = setup();
    await keyring.wrap(randomBytes(32), tenant);
    await keyring.destroy(tenant);
    const error = await rejection(keyring.wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe('tenant key destroyed: tenant a was terminated and never gets a new key');
    expect(client.createCryptoKeyRequests).toHaveLength(1);
    expect(client.states(keyOf('a'))).toEqual(['DESTROY_SCHEDULED']);
  });

  it('is idempotent, also when two destroys run at once', async () => {
    const { client, keyring } = setup();
    await keyring.wrap(randomBytes(32), tenant);
    await Promise.all([
      keyring.destroy(tenant),
      createCloudKmsKeyring({ client, keyRingName }).destroy(tenant),
    ]);
    const calls = client.destroyCryptoKeyVersionRequests.length;
    await keyring.destroy(tenant);
    expect(client.destroyCryptoKeyVersionRequests).toHaveLength(calls);
    expect(client.states(keyOf('a'))).toEqual(['DESTROY_SCHEDULED']);
  });

  it('leaves a destroyed key behind for a tenant it never saw, so that a later wrap refuses', async () => {
    const { client, keyring } = setup();
    await keyring.destroy(tenantB);
    expect(client.states(keyOf('b'))).toEqual(['DESTROY_SCHEDULED']);
    expect((await rejection(keyring.wrap(randomBytes(32), tenantB))).message).toContain(
      'never gets a new key',
    );
  });

  it('does not call a version disabled by hand destroyed', async () => {
    const { client, keyring } = setup();
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    await client.updateCryptoKeyVersion({
      cryptoKeyVersion: { name: `${keyOf('a')}/cryptoKeyVersions/1`, state: 'DISABLED' },
      updateMask: { paths: ['state'] },
    });
    const error = await rejection(keyring.unwrap(wrapped, tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe('Cloud KMS decrypt failed');
  });

  it('reports a version that would not be destroyed', async () => {
    const { client } = setup();
    const stubborn: CloudKmsClient = {
      ...client,
      destroyCryptoKeyVersion: () =>
        Promise.reject(Object.assign(new Error('9 FAILED_PRECONDITION: busy'), { code: 9 })),
    };
    const keyring = createCloudKmsKeyring({ client: stubborn, keyRingName });
    await keyring.wrap(randomBytes(32), tenant);
    const error = await rejection(keyring.destroy(tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe('Cloud KMS did not destroy every key version of tenant a; destroy again');
    expect(client.states(keyOf('a'))).toEqual(['DISABLED']);
  });

  it('keeps rotation and re-wrapping working for the tenants that remain', async () => {
    const { client, keyring } = setup();
    const backupCopy = await keyring.wrap(randomBytes(32), tenant);
    const dataKeyB = randomBytes(32);
    const oldB = await keyring.wrap(dataKeyB, tenantB);
    await keyring.destroy(tenant);

    client.rotate(keyOf('b'));
    const newB = await keyring.wrap(Buffer.from(await keyring.unwrap(oldB, tenantB)), tenantB);
    expect(newB.keyVersion).toBe('2');
    await client.destroyCryptoKeyVersion({ name: `${keyOf('b')}/cryptoKeyVersions/1` });
    expect(Buffer.from(await keyring.unwrap(newB, tenantB))).toEqual(dataKeyB);
    expect((await rejection(keyring.unwrap(oldB, tenantB))).message).toBe('Cloud KMS decrypt failed');
    expect((await rejection(keyring.unwrap(backupCopy, tenant))).message).toContain('tenant key destroyed');
  });
});
