import { hkdfSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { type FileHandle, link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { aesKeyLength, associatedData, gcmIvLength, openAesGcm, sealAesGcm, toAesKey } from './aes-gcm.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { assertWrappedBy, type Keyring, type KeyringContext, type WrappedKey } from './keyring.ts';
import { StoreError } from './store-error.ts';

export interface LocalKeyFileKeyringOptions {
  /** The key file; created with mode 0600 (and its directory with 0700) when it does not exist. */
  readonly path: string;
  /** Recorded in every WrappedKey; change it only together with re-wrapping every data key. */
  readonly id?: string;
  readonly now?: () => Date;
  /** How long a change waits for another process's change to the key file; default 10 s. */
  readonly lockTimeoutMs?: number;
}

export interface KeyVersionInfo {
  readonly version: string;
  readonly createdAt: string;
  readonly primary: boolean;
}

export interface LocalKeyFileKeyring extends Keyring {
  /** Adds a fresh KEK version and makes it primary; older versions keep unwrapping. Returns the new version. */
  rotate(): Promise<string>;
  /** Deletes an old KEK version from the file. Re-wrap every data key it wrapped first. */
  removeVersion(version: string): Promise<void>;
  /** What the file holds, without key material. */
  versions(): Promise<readonly KeyVersionInfo[]>;
}

export const defaultLocalKeyringId = 'local-key-file';

// /1 had no tenant secrets. It is refused rather than upgraded: it only ever came from development
// builds, and keys wrapped under it could not be shredded.
const keyFileFormat = 'wygc-key-file/2';
const retiredKeyFileFormat = 'wygc-key-file/1';
const wrapPurpose = 'wygc/data-key/v2';
const tenantKeyPurpose = 'wygc/tenant-wrapping-key/v2';
const lockRetryMs = 20;

const keyFileSchema = z.strictObject({
  format: z.literal(keyFileFormat),
  primaryVersion: z.int().positive(),
  versions: z
    .array(z.strictObject({ version: z.int().positive(), createdAt: z.string(), key: z.string() }))
    .min(1),
  tenants: z.record(z.string(), z.strictObject({ secret: z.string(), createdAt: z.string() })),
  /** Tenant id to the time its secret was destroyed: what makes a later wrap for it refuse. */
  destroyed: z.record(z.string(), z.string()),
});

type KeyFile = z.infer<typeof keyFileSchema>;
type KeyVersion = KeyFile['versions'][number];
type TenantSecret = KeyFile['tenants'][string];

interface LoadedKeyFile {
  readonly file: KeyFile;
  /** Identity and times of the file that was read, to notice when it has been replaced. */
  readonly signature: string;
}

/**
 * Key-encryption keys in a local JSON key file (mode 0600, outside the database). Each tenant also
 * gets a random secret in the file; its data key is wrapped with a key derived from the KEK version
 * and that secret, so `destroy`, which deletes the secret, makes every copy of the tenant's wrapped
 * key unreadable, including those in database backups.
 *
 * That only holds as long as no copy of the key file keeps the secret: keep the key file out of the
 * database backups, and let its own backups (if any) expire. Replacing the file does not wipe the
 * old file's blocks on disk either; full-disk encryption covers that.
 *
 * Every use checks whether the file was replaced, so a tenant destroyed or a version added by another
 * process takes effect here at once. Changes are serialised in this process and locked against other
 * processes (`<path>.lock`), so that a concurrent change, above all a new tenant's secret, is never lost.
 */
export const createLocalKeyFileKeyring = (options: LocalKeyFileKeyringOptions): LocalKeyFileKeyring => {
  const { path } = options;
  const id = options.id ?? defaultLocalKeyringId;
  const now = options.now ?? (() => new Date());
  const lockTimeoutMs = Math.max(0, options.lockTimeoutMs ?? 10_000);
  let cached: LoadedKeyFile | undefined;
  let mutations: Promise<unknown> = Promise.resolve();

  // A failed load is not cached, so that fixing the file (e.g. chmod 600) works without a restart.
  const load = async (): Promise<KeyFile> => {
    const signature = await fileSignature(path);
    if (cached && cached.signature === signature) return cached.file;
    cached = undefined;
    const loaded = await loadOrCreateKeyFile(path, now);
    cached = loaded;
    return loaded.file;
  };

  /** Reads the file afresh under the lock and replaces it whole with what `change` returns, if anything. */
  const mutate = <T>(
    change: (file: KeyFile) => { readonly next?: KeyFile; readonly result: T },
  ): Promise<T> => {
    const result = mutations.then(async () => {
      await load(); // creates the file, and its directory, on first use
      return withFileLock(path, lockTimeoutMs, async () => {
        const fresh = await readKeyFile(path);
        if (!fresh) throw new StoreError('KEY_UNAVAILABLE', `key file ${path} disappeared`);
        const { next, result } = change(fresh.file);
        if (next) {
          cached = undefined;
          await replaceKeyFile(path, next);
        }
        return result;
      });
    });
    mutations = result.catch(() => undefined);
    return result;
  };

  const fileWithTenantSecret = async (tenantId: string): Promise<KeyFile> => {
    const file = await load();
    assertNotDestroyed(file, tenantId, 'wrap');
    if (ownEntry(file.tenants, tenantId)) return file;
    return mutate((fresh) => {
      assertNotDestroyed(fresh, tenantId, 'wrap');
      // Another instance may have created it meanwhile: never replace a secret that wrapped something.
      if (ownEntry(fresh.tenants, tenantId)) return { result: fresh };
      const next = { ...fresh, tenants: { ...fresh.tenants, [tenantId]: newTenantSecret(now) } };
      return { next, result: next };
    });
  };

  return {
    id,
    async wrap(dataKey: Uint8Array, context: KeyringContext): Promise<WrappedKey> {
      assertTenantId(context.tenantId);
      const file = await fileWithTenantSecret(context.tenantId);
      const primary = primaryKeyVersion(file);
      const secret = ownEntry(file.tenants, context.tenantId);
      if (!secret) throw new StoreError('INTERNAL', `key file ${path} lost the secret of a tenant`);
      const { iv, ciphertextAndTag } = sealAesGcm(
        tenantWrappingKey(primary, secret, context.tenantId),
        dataKey,
        wrapAssociatedData(id, primary.version, context),
      );
      return {
        keyringId: id,
        keyVersion: String(primary.version),
        ciphertext: encodeBase64Url(Buffer.concat([iv, ciphertextAndTag])),
      };
    },

    async unwrap(wrapped: WrappedKey, context: KeyringContext): Promise<Uint8Array> {
      assertWrappedBy({ id }, wrapped);
      assertTenantId(context.tenantId);
      const version = parseVersion(wrapped.keyVersion);
      const file = await load();
      assertNotDestroyed(file, context.tenantId, 'unwrap');
      const keyVersion = findKeyVersion(file, version);
      if (!keyVersion) {
        throw new StoreError('KEY_UNAVAILABLE', `key version ${version} is no longer in key file ${path}`);
      }
      const secret = ownEntry(file.tenants, context.tenantId);
      if (!secret) {
        throw new StoreError(
          'KEY_UNAVAILABLE',
          `key file ${path} holds no secret for tenant ${context.tenantId}`,
        );
      }
      const sealed = decodeBase64Url(wrapped.ciphertext);
      const dataKey =
        sealed &&
        openAesGcm(
          tenantWrappingKey(keyVersion, secret, context.tenantId),
          { iv: sealed.subarray(0, gcmIvLength), ciphertextAndTag: sealed.subarray(gcmIvLength) },
          wrapAssociatedData(id, version, context),
        );
      if (dataKey) return dataKey;
      throw new StoreError(
        'DECRYPTION_FAILED',
        `data key does not unwrap for tenant ${context.tenantId} with key version ${version}`,
      );
    },

    destroy: async (context: KeyringContext): Promise<void> => {
      assertTenantId(context.tenantId);
      await mutate((file) => ({ next: withoutTenant(file, context.tenantId, now), result: undefined }));
    },

    rotate: () =>
      mutate((file) => {
        const version = Math.max(...file.versions.map((entry) => entry.version)) + 1;
        const next = {
          ...file,
          primaryVersion: version,
          versions: [...file.versions, newKeyVersion(version, now)],
        };
        return { next, result: String(version) };
      }),

    removeVersion: (version: string) =>
      mutate((file) => ({ next: withoutVersion(file, parseVersion(version), path), result: undefined })),

    async versions(): Promise<readonly KeyVersionInfo[]> {
      const file = await load();
      return file.versions.map((entry) => ({
        version: String(entry.version),
        createdAt: entry.createdAt,
        primary: entry.version === file.primaryVersion,
      }));
    },
  };
};

const wrapAssociatedData = (keyringId: string, version: number, context: KeyringContext): Buffer =>
  associatedData([wrapPurpose, keyringId, String(version), context.tenantId]);

// The tenant secret is the HKDF salt, i.e. the HMAC key of the extract step: without it nothing about
// the derived key can be computed, even by someone holding the KEK. The tenant id in the info binds
// the key to its tenant even if two secrets were ever equal.
const tenantWrappingKey = (entry: KeyVersion, secret: TenantSecret, tenantId: string): KeyObject => {
  const info = associatedData([tenantKeyPurpose, String(entry.version), tenantId]);
  return toAesKey(
    Buffer.from(hkdfSync('sha256', decodeKey(entry), decodeSecret(secret), info, aesKeyLength)),
  );
};

const newKeyVersion = (version: number, now: () => Date): KeyVersion => ({
  version,
  createdAt: now().toISOString(),
  key: encodeBase64Url(randomBytes(aesKeyLength)),
});

const newTenantSecret = (now: () => Date): TenantSecret => ({
  secret: encodeBase64Url(randomBytes(aesKeyLength)),
  createdAt: now().toISOString(),
});

/** Tenant ids are JSON object keys in the file: own properties only, so "constructor" is no tenant. */
const ownEntry = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const assertTenantId = (tenantId: string): void => {
  if (tenantId === '') throw new StoreError('INVALID_INPUT', 'tenant id is empty');
  // JSON.parse keeps "__proto__" as a key, but validating the file turns it into the prototype, so
  // that tenant's secret would vanish on the next read.
  if (tenantId === '__proto__') throw new StoreError('INVALID_INPUT', 'tenant id "__proto__" is not allowed');
};

const assertNotDestroyed = (file: KeyFile, tenantId: string, operation: 'wrap' | 'unwrap'): void => {
  if (ownEntry(file.destroyed, tenantId) === undefined) return;
  throw new StoreError(
    'KEY_UNAVAILABLE',
    operation === 'wrap'
      ? `tenant key destroyed: tenant ${tenantId} was terminated and never gets a new key`
      : `tenant key destroyed: the data key of tenant ${tenantId} can no longer be unwrapped`,
  );
};

/** Undefined when there is nothing to change: destroying twice leaves the file alone. */
const withoutTenant = (file: KeyFile, tenantId: string, now: () => Date): KeyFile | undefined => {
  const destroyedAt = ownEntry(file.destroyed, tenantId);
  if (destroyedAt !== undefined && !ownEntry(file.tenants, tenantId)) return undefined;
  const tenants = Object.fromEntries(Object.entries(file.tenants).filter(([key]) => key !== tenantId));
  return {
    ...file,
    tenants,
    destroyed: { ...file.destroyed, [tenantId]: destroyedAt ?? now().toISOString() },
  };
};

const findKeyVersion = (file: KeyFile, version: number): KeyVersion | undefined =>
  file.versions.find((entry) => entry.version === version);

const primaryKeyVersion = (file: KeyFile): KeyVersion => {
  const primary = findKeyVersion(file, file.primaryVersion);
  if (primary) return primary;
  throw new StoreError('INTERNAL', 'key file lost its primary version');
};

const decodeKey = (entry: KeyVersion): Buffer => {
  const key = decodeBase64Url(entry.key);
  if (key?.byteLength === aesKeyLength) return key;
  throw new StoreError('INTERNAL', `key version ${entry.version} is not a 32-byte key`);
};

const decodeSecret = (entry: TenantSecret): Buffer => {
  const secret = decodeBase64Url(entry.secret);
  if (secret?.byteLength === aesKeyLength) return secret;
  throw new StoreError('INTERNAL', 'a tenant secret is not 32 bytes');
};

const parseVersion = (version: string): number => {
  if (/^[1-9][0-9]{0,8}$/.test(version)) return Number(version);
  throw new StoreError('KEY_UNAVAILABLE', `"${version}" is not a key version of a local key file`);
};

const withoutVersion = (file: KeyFile, version: number, path: string): KeyFile => {
  if (version === file.primaryVersion) {
    throw new StoreError('INVALID_INPUT', `key version ${version} is primary; rotate before removing it`);
  }
  if (!findKeyVersion(file, version)) {
    throw new StoreError('NOT_FOUND', `key version ${version} is not in key file ${path}`);
  }
  return { ...file, versions: file.versions.filter((entry) => entry.version !== version) };
};

const loadOrCreateKeyFile = async (path: string, now: () => Date): Promise<LoadedKeyFile> => {
  const existing = await readKeyFile(path);
  if (existing) return existing;
  const created: KeyFile = {
    format: keyFileFormat,
    primaryVersion: 1,
    versions: [newKeyVersion(1, now)],
    tenants: {},
    destroyed: {},
  };
  await createKeyFile(path, created);
  // Read back even when this process created it: another one may have won the race, and the
  // signature must be that of the file on disk.
  const winner = await readKeyFile(path);
  if (winner) return winner;
  throw new StoreError('KEY_UNAVAILABLE', `key file ${path} disappeared while it was being created`);
};

const readKeyFile = async (path: string): Promise<LoadedKeyFile | undefined> => {
  const handle = await openIfExists(path);
  if (!handle) return undefined;
  try {
    // Checks the opened file itself, so a swap between check and read cannot slip through.
    const stats = await handle.stat({ bigint: true });
    if (!stats.isFile()) throw new StoreError('KEY_UNAVAILABLE', `key file ${path} is not a regular file`);
    assertOwnerOnly(path, Number(stats.mode));
    return { file: validateKeyFile(path, await handle.readFile('utf8')), signature: signatureOf(stats) };
  } finally {
    await handle.close();
  }
};

/** Undefined when the file cannot be looked at; reading it then reports why. */
const fileSignature = async (path: string): Promise<string | undefined> => {
  const stats = await stat(path, { bigint: true }).catch(() => undefined);
  return stats && signatureOf(stats);
};

// Every change renames a new file into place, so the inode changes; the times and mode catch the
// rare reuse of an inode number, and a chmod, which must be checked again.
const signatureOf = (stats: BigIntStats): string =>
  [stats.dev, stats.ino, stats.size, stats.mtimeNs, stats.ctimeNs, stats.mode].join(':');

const openIfExists = async (path: string): Promise<FileHandle | undefined> => {
  try {
    return await open(path, 'r');
  } catch (error) {
    if (isErrnoException(error, 'ENOENT')) return undefined;
    throw new StoreError('KEY_UNAVAILABLE', `cannot open key file ${path}`, { cause: error });
  }
};

const assertOwnerOnly = (path: string, mode: number): void => {
  if ((mode & 0o077) === 0) return;
  const shown = (mode & 0o777).toString(8).padStart(4, '0');
  throw new StoreError(
    'KEY_UNAVAILABLE',
    `key file ${path} has mode ${shown}, so group or others can read or change it; ` +
      `refusing to use it. Restrict it to its owner (chmod 600 ${path}) and consider the key exposed.`,
  );
};

const validateKeyFile = (path: string, text: string): KeyFile => {
  const json = parseJson(path, text);
  if (isRecord(json) && json.format === retiredKeyFileFormat) {
    throw new StoreError(
      'KEY_UNAVAILABLE',
      `key file ${path} has format ${retiredKeyFileFormat}, from a development build without tenant secrets; ` +
        `this version reads only ${keyFileFormat}. Move the file away to start a new one ` +
        '(data keys wrapped under the old one cannot be opened any more).',
    );
  }
  const file = keyFileSchema.safeParse(json);
  if (!file.success) {
    // Paths only: issue messages and the input could contain key material.
    const paths = file.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new StoreError(
      'KEY_UNAVAILABLE',
      `key file ${path} is not a valid key file (problems at: ${paths})`,
    );
  }
  assertConsistent(path, file.data);
  return file.data;
};

const parseJson = (path: string, text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    // The SyntaxError quotes part of the input, which is key material, so it is not kept as cause.
    throw new StoreError('KEY_UNAVAILABLE', `key file ${path} is not valid JSON`);
  }
};

const assertConsistent = (path: string, file: KeyFile): void => {
  const versions = new Set(file.versions.map((entry) => entry.version));
  const problem =
    versions.size !== file.versions.length
      ? 'a key version appears twice'
      : !versions.has(file.primaryVersion)
        ? 'the primary version is missing'
        : file.versions.some((entry) => decodeBase64Url(entry.key)?.byteLength !== aesKeyLength)
          ? 'a key is not 32 bytes of base64url'
          : Object.values(file.tenants).some(
                (entry) => decodeBase64Url(entry.secret)?.byteLength !== aesKeyLength,
              )
            ? 'a tenant secret is not 32 bytes of base64url'
            : Object.keys(file.tenants).some((tenantId) => Object.hasOwn(file.destroyed, tenantId))
              ? 'a tenant is both live and destroyed'
              : undefined;
  if (problem)
    throw new StoreError('KEY_UNAVAILABLE', `key file ${path} is not a valid key file: ${problem}`);
};

/**
 * Runs `change` while holding `<path>.lock`, created exclusively, so that processes sharing the key
 * file change it one at a time. A lock left behind by a crash is not broken automatically: telling a
 * dead holder from a slow one is guesswork, and guessing wrong loses keys.
 */
const withFileLock = async <T>(path: string, timeoutMs: number, change: () => Promise<T>): Promise<T> => {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const handle = await open(lockPath, 'wx', 0o600).catch((error: unknown) => {
      if (isErrnoException(error, 'EEXIST')) return undefined;
      throw new StoreError('KEY_UNAVAILABLE', `cannot lock key file ${path}`, { cause: error });
    });
    if (handle) {
      // The holder's pid, for whoever finds a stale lock; the lock works without it.
      await handle.writeFile(`${process.pid}\n`, 'utf8').catch(() => undefined);
      await handle.close().catch(() => undefined);
      break;
    }
    if (Date.now() >= deadline) {
      throw new StoreError(
        'KEY_UNAVAILABLE',
        `key file ${path} stays locked by ${lockPath}; if no process is changing the key file ` +
          `(a crash can leave the lock behind), remove ${lockPath}`,
      );
    }
    await delay(lockRetryMs);
  }
  try {
    return await change();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
};

/** Writes the file under a temporary name, then links it into place: false when the path already exists. */
const createKeyFile = async (path: string, file: KeyFile): Promise<boolean> => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw new StoreError('KEY_UNAVAILABLE', `cannot create the directory of key file ${path}`, {
      cause: error,
    });
  });
  const temporary = await writePrivateTemporary(path, file);
  try {
    // link, unlike rename, never replaces an existing file: two first uses cannot both win.
    await link(temporary, path);
    await syncDirectory(dirname(path));
    return true;
  } catch (error) {
    if (isErrnoException(error, 'EEXIST')) return false;
    throw new StoreError('KEY_UNAVAILABLE', `cannot create key file ${path}`, { cause: error });
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
};

const replaceKeyFile = async (path: string, file: KeyFile): Promise<void> => {
  const temporary = await writePrivateTemporary(path, file);
  try {
    await rename(temporary, path);
    await syncDirectory(dirname(path));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new StoreError('KEY_UNAVAILABLE', `cannot replace key file ${path}`, { cause: error });
  }
};

// Mode 0600 from the first byte on (open with 'wx' creates it so), and synced before it takes the
// real name: a crash must leave the old file or the new one, never a half-written key file.
const writePrivateTemporary = async (path: string, file: KeyFile): Promise<string> => {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'wx', 0o600).catch((error: unknown) => {
    throw new StoreError('KEY_UNAVAILABLE', `cannot write key file ${path}`, { cause: error });
  });
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
    await handle.sync();
    return temporary;
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new StoreError('KEY_UNAVAILABLE', `cannot write key file ${path}`, { cause: error });
  } finally {
    await handle.close();
  }
};

// Makes the new directory entry durable; some platforms cannot open a directory, which only weakens
// durability, so failures are ignored.
const syncDirectory = async (directory: string): Promise<void> => {
  const handle = await open(directory, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isErrnoException = (error: unknown, code: string): boolean =>
  error instanceof Error && 'code' in error && error.code === code;
