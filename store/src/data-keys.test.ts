import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloudKmsKeyring } from './cloud-kms-keyring.ts';
import { createDataKeys } from './data-keys.ts';
import { createFakeCloudKmsClient } from './fake-cloud-kms-client.ts';
import type { Keyring, WrappedKey } from './keyring.ts';
import { createLocalKeyFileKeyring, type LocalKeyFileKeyring } from './local-key-file-keyring.ts';
import { StoreError } from './store-error.ts';

const keyRingName = 'projects/p/locations/europe-west4/keyRings/r';
let directory: string;
let localKeyring: LocalKeyFileKeyring;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'wygc-data-keys-'));
  localKeyring = createLocalKeyFileKeyring({ path: join(directory, 'kek.json') });
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Counts unwraps, to see what the cache saves. */
const countingKeyring = (inner: Keyring) => {
  const counts = { wrap: 0, unwrap: 0, destroy: 0 };
  const keyring: Keyring = {
    id: inner.id,
    wrap: (dataKey, context) => {
      counts.wrap += 1;
      return inner.wrap(dataKey, context);
    },
    unwrap: (wrapped, context) => {
      counts.unwrap += 1;
      return inner.unwrap(wrapped, context);
    },
    destroy: (context) => {
      counts.destroy += 1;
      return inner.destroy(context);
    },
  };
  return { keyring, counts };
};

const failure = (run: () => unknown): StoreError => {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
};

const rejection = async (promise: Promise<unknown>): Promise<StoreError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof StoreError) return error;
  throw new Error(`expected a StoreError, got ${String(error)}`);
};

describe('createDataKeys', () => {
  it('creates a random 32-byte data key per tenant and its wrapped form', async () => {
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const a = await dataKeys.create('tenant-a');
    const b = await dataKeys.create('tenant-b');
    expect(a.dataKey).toHaveLength(32);
    expect(Buffer.from(a.dataKey)).not.toEqual(Buffer.from(b.dataKey));
    expect(a.wrapped.keyringId).toBe(localKeyring.id);
    expect(Buffer.from(await localKeyring.unwrap(a.wrapped, { tenantId: 'tenant-a' }))).toEqual(
      Buffer.from(a.dataKey),
    );
  });

  it('opens a cipher that reads what another process encrypted with the same wrapped key', async () => {
    const { wrapped } = await createDataKeys({ keyring: localKeyring }).create('tenant-a');
    const writer = await createDataKeys({ keyring: localKeyring }).open('tenant-a', wrapped);
    const encrypted = writer.encrypt('phone', '+31501234567');
    const reader = await createDataKeys({ keyring: localKeyring }).open('tenant-a', wrapped);
    expect(reader.decrypt('phone', encrypted)).toBe('+31501234567');
  });

  it("will not open another tenant's wrapped key", async () => {
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const { wrapped } = await dataKeys.create('tenant-a');
    expect((await rejection(dataKeys.open('tenant-b', wrapped))).code).toBe('KEY_UNAVAILABLE');
    await dataKeys.create('tenant-b');
    expect((await rejection(dataKeys.open('tenant-b', wrapped))).code).toBe('DECRYPTION_FAILED');
  });

  it("cannot decrypt another tenant's data with its own key", async () => {
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const a = await dataKeys.open('tenant-a', (await dataKeys.create('tenant-a')).wrapped);
    const b = await dataKeys.open('tenant-b', (await dataKeys.create('tenant-b')).wrapped);
    expect(failure(() => b.decrypt('phone', a.encrypt('phone', '+31501234567'))).code).toBe(
      'DECRYPTION_FAILED',
    );
  });

  it('unwraps once and serves later opens from the cache, including concurrent ones', async () => {
    const { keyring, counts } = countingKeyring(localKeyring);
    const { wrapped } = await createDataKeys({ keyring }).create('tenant-a');
    const dataKeys = createDataKeys({ keyring });
    await Promise.all([dataKeys.open('tenant-a', wrapped), dataKeys.open('tenant-a', wrapped)]);
    await dataKeys.open('tenant-a', wrapped);
    expect(counts.unwrap).toBe(1);
  });

  it('does not serve a cached key for a different wrapped key', async () => {
    const { keyring, counts } = countingKeyring(localKeyring);
    const dataKeys = createDataKeys({ keyring });
    const { wrapped } = await dataKeys.create('tenant-a');
    await dataKeys.open('tenant-a', wrapped);
    expect(counts.unwrap).toBe(0);
    const last = wrapped.ciphertext.slice(-1) === 'A' ? 'B' : 'A';
    const forged = { ...wrapped, ciphertext: `${wrapped.ciphertext.slice(0, -1)}${last}` };
    expect((await rejection(dataKeys.open('tenant-a', forged))).code).toBe('DECRYPTION_FAILED');
    expect(counts.unwrap).toBe(1);
  });

  it('forgets keys after their time to live and drops the least recently used', async () => {
    let clock = 0;
    const { keyring, counts } = countingKeyring(localKeyring);
    const wrappedA = (await createDataKeys({ keyring }).create('tenant-a')).wrapped;
    const wrappedB = (await createDataKeys({ keyring }).create('tenant-b')).wrapped;
    const dataKeys = createDataKeys({ keyring, cacheSize: 1, cacheTtlMs: 1000, now: () => clock });
    await dataKeys.open('tenant-a', wrappedA);
    await dataKeys.open('tenant-b', wrappedB);
    await dataKeys.open('tenant-a', wrappedA);
    expect(counts.unwrap).toBe(3);
    await dataKeys.open('tenant-a', wrappedA);
    expect(counts.unwrap).toBe(3);
    clock = 1000;
    await dataKeys.open('tenant-a', wrappedA);
    expect(counts.unwrap).toBe(4);
  });

  it('does not cache a failed unwrap', async () => {
    const { keyring, counts } = countingKeyring(localKeyring);
    const dataKeys = createDataKeys({ keyring });
    const { wrapped } = await createDataKeys({ keyring }).create('tenant-a');
    await expect(dataKeys.open('tenant-a', { ...wrapped, keyVersion: '9' })).rejects.toThrow(StoreError);
    await expect(dataKeys.open('tenant-a', { ...wrapped, keyVersion: '9' })).rejects.toThrow(StoreError);
    expect(counts.unwrap).toBe(2);
  });

  it('turns whatever a keyring throws into KEY_UNAVAILABLE', async () => {
    const broken: Keyring = {
      id: 'broken',
      wrap: () => Promise.reject(new Error('socket hang up')),
      unwrap: () => Promise.reject(new Error('socket hang up')),
      destroy: () => Promise.reject(new Error('socket hang up')),
    };
    const error = await rejection(createDataKeys({ keyring: broken }).create('tenant-a'));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe('keyring broken could not wrap the data key of tenant tenant-a');
  });

  it('refuses an empty tenant id', async () => {
    expect((await rejection(createDataKeys({ keyring: localKeyring }).create(''))).code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('createDataKeys: rotation', () => {
  it('keeps old data readable after re-wrapping under a new KEK version and removing the old one', async () => {
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const { wrapped } = await dataKeys.create('tenant-a');
    const before = await dataKeys.open('tenant-a', wrapped);
    const phone = before.encrypt('phone', '+31501234567');
    const emailIndex = before.blindIndex('email', 'jan@example.nl');

    await localKeyring.rotate();
    const rewrapped = await dataKeys.rewrap('tenant-a', wrapped, localKeyring);
    expect(rewrapped.keyVersion).toBe('2');
    expect(rewrapped.ciphertext).not.toBe(wrapped.ciphertext);
    await localKeyring.removeVersion('1');

    const restarted = createDataKeys({
      keyring: createLocalKeyFileKeyring({ path: join(directory, 'kek.json') }),
    });
    const after = await restarted.open('tenant-a', rewrapped);
    expect(after.decrypt('phone', phone)).toBe('+31501234567');
    expect(after.blindIndex('email', 'Jan@Example.nl')).toBe(emailIndex);
    expect((await rejection(restarted.open('tenant-a', wrapped))).code).toBe('KEY_UNAVAILABLE');
  });

  it('moves data keys from the local key file to Cloud KMS without touching data', async () => {
    const kms = createCloudKmsKeyring({ client: createFakeCloudKmsClient(keyRingName), keyRingName });
    const local = createDataKeys({ keyring: localKeyring });
    const { wrapped } = await local.create('tenant-a');
    const phone = (await local.open('tenant-a', wrapped)).encrypt('phone', '+31501234567');

    const rewrapped = await local.rewrap('tenant-a', wrapped, kms);
    expect(rewrapped.keyringId).toBe(kms.id);

    const migrating = createDataKeys({ keyring: kms, olderKeyrings: [localKeyring] });
    expect((await migrating.open('tenant-a', wrapped)).decrypt('phone', phone)).toBe('+31501234567');
    const migrated = createDataKeys({ keyring: kms });
    expect((await migrated.open('tenant-a', rewrapped)).decrypt('phone', phone)).toBe('+31501234567');
    expect((await rejection(migrated.open('tenant-a', wrapped))).code).toBe('KEY_UNAVAILABLE');
  });

  it('refuses to re-wrap when the new keyring does not give the same key back', async () => {
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const { wrapped } = await dataKeys.create('tenant-a');
    const lossy: Keyring = {
      id: 'lossy',
      wrap: async () => ({ keyringId: 'lossy', keyVersion: '1', ciphertext: 'x' }),
      unwrap: async () => new Uint8Array(32),
      destroy: async () => undefined,
    };
    const error = await rejection(dataKeys.rewrap('tenant-a', wrapped, lossy));
    expect(error.code).toBe('INTERNAL');
  });
});

describe('createDataKeys: crypto-shredding', () => {
  it('decrypts nothing once the wrapped key is deleted and the key forgotten', async () => {
    const storage = new Map<string, WrappedKey>();
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const created = await dataKeys.create('tenant-a');
    storage.set('tenant-a', created.wrapped);
    const cipher = await dataKeys.open('tenant-a', created.wrapped);
    const phone = cipher.encrypt('phone', '+31501234567');

    storage.delete('tenant-a');
    dataKeys.forget('tenant-a');

    const revoked = failure(() => cipher.decrypt('phone', phone));
    expect(revoked.code).toBe('KEY_UNAVAILABLE');
    expect(revoked.message).toBe('data key of tenant tenant-a was forgotten');
    expect(failure(() => cipher.encrypt('phone', 'x')).code).toBe('KEY_UNAVAILABLE');
    expect(failure(() => cipher.blindIndex('email', 'x')).code).toBe('KEY_UNAVAILABLE');
    expect(storage.has('tenant-a')).toBe(false);

    const fresh = await dataKeys.create('tenant-a');
    const reborn = await dataKeys.open('tenant-a', fresh.wrapped);
    expect(failure(() => reborn.decrypt('phone', phone)).code).toBe('DECRYPTION_FAILED');
    const other = await dataKeys.create('tenant-b');
    expect((await rejection(dataKeys.open('tenant-a', other.wrapped))).code).toBe('DECRYPTION_FAILED');
  });

  it('also revokes a cipher whose unwrap was still running when forget() was called', async () => {
    const { wrapped } = await createDataKeys({ keyring: localKeyring }).create('tenant-a');
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const opening = dataKeys.open('tenant-a', wrapped);
    dataKeys.forget('tenant-a');
    const cipher = await opening;
    expect(failure(() => cipher.encrypt('phone', 'x')).code).toBe('KEY_UNAVAILABLE');
    const reopened = await dataKeys.open('tenant-a', wrapped);
    expect(reopened.decrypt('phone', reopened.encrypt('phone', 'x'))).toBe('x');
  });

  it('leaves other tenants alone', async () => {
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const a = await dataKeys.open('tenant-a', (await dataKeys.create('tenant-a')).wrapped);
    const b = await dataKeys.open('tenant-b', (await dataKeys.create('tenant-b')).wrapped);
    dataKeys.forget('tenant-a');
    expect(b.decrypt('phone', b.encrypt('phone', 'x'))).toBe('x');
    expect(() => a.encrypt('phone', 'x')).toThrow(StoreError);
  });
});

describe('createDataKeys: destroy (termination)', () => {
  it('shreds the tenant: backups of its wrapped key open nowhere, other tenants are untouched', async () => {
    const dataKeys = createDataKeys({ keyring: localKeyring });
    const a = await dataKeys.create('tenant-a');
    const backupCopy: WrappedKey = JSON.parse(JSON.stringify(a.wrapped));
    const cipher = await dataKeys.open('tenant-a', a.wrapped);
    const phone = cipher.encrypt('phone', '+31501234567');
    const b = await dataKeys.create('tenant-b');

    await dataKeys.destroy('tenant-a');

    expect(failure(() => cipher.decrypt('phone', phone)).code).toBe('KEY_UNAVAILABLE');
    for (const keys of [
      dataKeys,
      createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(directory, 'kek.json') }) }),
    ]) {
      const error = await rejection(keys.open('tenant-a', backupCopy));
      expect(error.code).toBe('KEY_UNAVAILABLE');
      expect(error.message).toContain('tenant key destroyed');
    }
    const reborn = await rejection(dataKeys.create('tenant-a'));
    expect(reborn.message).toContain('never gets a new key');
    const cipherB = await dataKeys.open('tenant-b', b.wrapped);
    expect(cipherB.decrypt('phone', cipherB.encrypt('phone', 'x'))).toBe('x');
    await expect(dataKeys.destroy('tenant-a')).resolves.toBeUndefined();
  });

  it('destroys in the older keyrings too, so a copy from before a migration is shredded as well', async () => {
    const kms = createCloudKmsKeyring({ client: createFakeCloudKmsClient(keyRingName), keyRingName });
    const local = countingKeyring(localKeyring);
    const { wrapped: beforeMigration } = await createDataKeys({ keyring: local.keyring }).create('a');
    const migrating = createDataKeys({ keyring: kms, olderKeyrings: [local.keyring, kms] });
    const migrated = await migrating.rewrap('a', beforeMigration, kms);
    await migrating.open('a', migrated);

    await migrating.destroy('a');

    expect(local.counts.destroy).toBe(1);
    for (const wrapped of [beforeMigration, migrated]) {
      expect((await rejection(migrating.open('a', wrapped))).message).toContain('tenant key destroyed');
    }
  });

  it('forgets the key even when a keyring fails, and says which one', async () => {
    const broken: Keyring = {
      id: 'broken',
      wrap: (dataKey, context) => localKeyring.wrap(dataKey, context),
      unwrap: (wrapped, context) => localKeyring.unwrap(wrapped, context),
      destroy: () => Promise.reject(new Error('socket hang up')),
    };
    const dataKeys = createDataKeys({ keyring: localKeyring, olderKeyrings: [broken] });
    const { wrapped } = await dataKeys.create('tenant-a');
    const cipher = await dataKeys.open('tenant-a', wrapped);
    const error = await rejection(dataKeys.destroy('tenant-a'));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe('keyring broken could not destroy the key of tenant tenant-a');
    expect(failure(() => cipher.encrypt('phone', 'x')).code).toBe('KEY_UNAVAILABLE');
    expect((await rejection(dataKeys.open('tenant-a', wrapped))).message).toContain('tenant key destroyed');
  });

  it('revokes a cipher whose unwrap succeeded before the destroy but returned after it', async () => {
    const { wrapped } = await createDataKeys({ keyring: localKeyring }).create('tenant-a');
    const unwrapped = Promise.withResolvers<void>();
    const gate = Promise.withResolvers<void>();
    const slow: Keyring = {
      ...localKeyring,
      unwrap: async (key, context) => {
        const dataKey = await localKeyring.unwrap(key, context);
        unwrapped.resolve();
        await gate.promise;
        return dataKey;
      },
    };
    const dataKeys = createDataKeys({ keyring: slow });
    const opening = dataKeys.open('tenant-a', wrapped);
    await unwrapped.promise;
    await dataKeys.destroy('tenant-a');
    gate.resolve();
    const cipher = await opening;
    expect(() => cipher.encrypt('phone', 'x')).toThrow(/was forgotten/);
  });

  it('refuses an empty tenant id', async () => {
    expect((await rejection(createDataKeys({ keyring: localKeyring }).destroy(''))).code).toBe(
      'INVALID_INPUT',
    );
  });
});
