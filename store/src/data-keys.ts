import { randomBytes, timingSafeEqual } from 'node:crypto';
import { aesKeyLength } from './aes-gcm.ts';
import type { Keyring, KeyringContext, WrappedKey } from './keyring.ts';
import { isStoreError, StoreError } from './store-error.ts';
import { createTenantCipher, type TenantCipher } from './tenant-cipher.ts';

export interface TenantDataKey {
  /** The raw key: use it now, never store or log it. */
  readonly dataKey: Uint8Array;
  /** What the store keeps with the tenant. */
  readonly wrapped: WrappedKey;
}

/** Per-tenant data keys (DESIGN §7): created and wrapped once per tenant, opened into ciphers on use. */
export interface DataKeys {
  create(tenantId: string): Promise<TenantDataKey>;
  /** A cipher for the tenant; unwrapping is cached, so repeated opens do not call the keyring. */
  open(tenantId: string, wrapped: WrappedKey): Promise<TenantCipher>;
  /**
   * The same data key wrapped by `newKeyring` (or the current primary KEK version when it is the same
   * keyring); data encrypted with it stays as it is. Checked by unwrapping before it is returned.
   */
  rewrap(tenantId: string, wrapped: WrappedKey, newKeyring: Keyring): Promise<WrappedKey>;
  /**
   * Drops the tenant's key from memory and revokes every cipher handed out for it. With the wrapped
   * key deleted from storage this is crypto-shredding: nothing can decrypt the tenant's data any more.
   */
  forget(tenantId: string): void;
  /**
   * Termination (DESIGN §7): destroys the tenant's key material in the keyring and in every older
   * keyring, then forgets the key. Every wrapped copy of the tenant's data key, in backups too, stops
   * unwrapping, and no new key is ever created for the tenant. Idempotent: after a failure (one
   * keyring unreachable), call it again.
   */
  destroy(tenantId: string): Promise<void>;
}

export interface DataKeysOptions {
  /** Wraps new data keys, and unwraps the ones it wrapped. */
  readonly keyring: Keyring;
  /** Keyrings being migrated away from: used only to unwrap keys they wrapped, until all are re-wrapped. */
  readonly olderKeyrings?: readonly Keyring[];
  /** Tenants whose unwrapped keys stay in memory at once; the least recently used go first. Default 1000. */
  readonly cacheSize?: number;
  /** How long an unwrapped key stays in memory; bounds how long other instances hold a shredded key. Default 10 min. */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

interface CacheEntry {
  readonly wrappedId: string;
  readonly expiresAt: number;
  readonly cipher: Promise<TenantCipher>;
}

/** Ciphers issued for a tenant share one; forget() revokes it, and with it every one of them. */
interface KeyGeneration {
  revoked: boolean;
}

export const createDataKeys = (options: DataKeysOptions): DataKeys => {
  const { keyring } = options;
  const keyrings = [keyring, ...(options.olderKeyrings ?? [])];
  const cacheSize = Math.max(1, options.cacheSize ?? 1000);
  const cacheTtlMs = options.cacheTtlMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CacheEntry>();
  const generations = new Map<string, KeyGeneration>();

  const generationOf = (tenantId: string): KeyGeneration => {
    const generation = generations.get(tenantId) ?? { revoked: false };
    generations.set(tenantId, generation);
    return generation;
  };

  const unwrap = (wrapped: WrappedKey, context: KeyringContext): Promise<Uint8Array> => {
    // Falls back to the primary keyring so that an unknown keyring gets its clear error.
    const owner = keyrings.find((candidate) => candidate.id === wrapped.keyringId) ?? keyring;
    return unwrapDataKey(owner, wrapped, context);
  };

  // The generation is taken before unwrapping, so a forget() during the unwrap revokes the result too.
  const unwrapIntoCipher = async (tenantId: string, wrapped: WrappedKey): Promise<TenantCipher> => {
    const generation = generationOf(tenantId);
    const dataKey = await unwrap(wrapped, { tenantId });
    try {
      return revocableCipher(createTenantCipher({ tenantId, dataKey }), generation);
    } finally {
      dataKey.fill(0);
    }
  };

  const remember = (tenantId: string, wrappedId: string, cipher: Promise<TenantCipher>): void => {
    const entry: CacheEntry = { wrappedId, expiresAt: now() + cacheTtlMs, cipher };
    cache.delete(tenantId);
    cache.set(tenantId, entry);
    evictOldest(cache, cacheSize);
    // A failed unwrap must not stick: the next open tries again.
    cipher.catch(() => {
      if (cache.get(tenantId) === entry) cache.delete(tenantId);
    });
  };

  const forget = (tenantId: string): void => {
    cache.delete(tenantId);
    const generation = generations.get(tenantId);
    if (generation) generation.revoked = true;
    generations.delete(tenantId);
  };

  const cached = (tenantId: string, wrappedId: string): CacheEntry | undefined => {
    const entry = cache.get(tenantId);
    if (!entry || entry.wrappedId !== wrappedId || entry.expiresAt <= now()) return undefined;
    cache.delete(tenantId);
    cache.set(tenantId, entry);
    return entry;
  };

  return {
    async create(tenantId: string): Promise<TenantDataKey> {
      assertTenantId(tenantId);
      const dataKey = randomBytes(aesKeyLength);
      const wrapped = await wrapDataKey(keyring, dataKey, { tenantId });
      const cipher = revocableCipher(createTenantCipher({ tenantId, dataKey }), generationOf(tenantId));
      remember(tenantId, wrappedKeyId(wrapped), Promise.resolve(cipher));
      return { dataKey, wrapped };
    },

    async open(tenantId: string, wrapped: WrappedKey): Promise<TenantCipher> {
      assertTenantId(tenantId);
      const wrappedId = wrappedKeyId(wrapped);
      const hit = cached(tenantId, wrappedId);
      if (hit) return hit.cipher;
      const cipher = unwrapIntoCipher(tenantId, wrapped);
      remember(tenantId, wrappedId, cipher);
      return cipher;
    },

    async rewrap(tenantId: string, wrapped: WrappedKey, newKeyring: Keyring): Promise<WrappedKey> {
      assertTenantId(tenantId);
      const context = { tenantId };
      const dataKey = await unwrap(wrapped, context);
      try {
        const rewrapped = await wrapDataKey(newKeyring, dataKey, context);
        await assertUnwrapsTo(newKeyring, rewrapped, context, dataKey);
        return rewrapped;
      } finally {
        dataKey.fill(0);
      }
    },

    forget,

    async destroy(tenantId: string): Promise<void> {
      assertTenantId(tenantId);
      // Revoked first so that nothing uses the key while it is being destroyed, and again after,
      // for a cipher whose unwrap finished in between.
      forget(tenantId);
      // Every keyring, not only the one that wrapped the current key: an older keyring may still
      // open a copy wrapped before a migration. Keyrings that never knew the tenant just refuse it.
      const targets = [...new Set(keyrings)];
      const results = await Promise.allSettled(targets.map((each) => each.destroy({ tenantId })));
      forget(tenantId);
      const failed = results.findIndex((result) => result.status === 'rejected');
      const failure = results[failed];
      if (failure?.status !== 'rejected') return;
      if (isStoreError(failure.reason)) throw failure.reason;
      throw new StoreError(
        'KEY_UNAVAILABLE',
        `keyring ${targets[failed]?.id ?? ''} could not destroy the key of tenant ${tenantId}`,
        { cause: failure.reason },
      );
    },
  };
};

const assertTenantId = (tenantId: string): void => {
  if (tenantId === '') throw new StoreError('INVALID_INPUT', 'tenant id is empty');
};

const wrappedKeyId = (wrapped: WrappedKey): string =>
  JSON.stringify([wrapped.keyringId, wrapped.keyVersion, wrapped.ciphertext]);

const evictOldest = (cache: Map<string, CacheEntry>, size: number): void => {
  for (const tenantId of cache.keys()) {
    if (cache.size <= size) return;
    cache.delete(tenantId);
  }
};

// Eviction only drops the cache entry; a cipher still in use keeps working until forget() revokes it.
const revocableCipher = (cipher: TenantCipher, generation: KeyGeneration): TenantCipher => {
  let current: TenantCipher | undefined = cipher;
  const live = (): TenantCipher => {
    if (generation.revoked) current = undefined;
    if (current) return current;
    throw new StoreError('KEY_UNAVAILABLE', `data key of tenant ${cipher.tenantId} was forgotten`);
  };
  return {
    tenantId: cipher.tenantId,
    encrypt: (field, plaintext) => live().encrypt(field, plaintext),
    decrypt: (field, ciphertext) => live().decrypt(field, ciphertext),
    blindIndex: (field, value) => live().blindIndex(field, value),
  };
};

const wrapDataKey = (keyring: Keyring, dataKey: Uint8Array, context: KeyringContext): Promise<WrappedKey> =>
  asStoreError(`keyring ${keyring.id} could not wrap the data key of tenant ${context.tenantId}`, () =>
    keyring.wrap(dataKey, context),
  );

const unwrapDataKey = async (
  keyring: Keyring,
  wrapped: WrappedKey,
  context: KeyringContext,
): Promise<Uint8Array> => {
  const dataKey = await asStoreError(
    `keyring ${keyring.id} could not unwrap the data key of tenant ${context.tenantId}`,
    () => keyring.unwrap(wrapped, context),
  );
  if (dataKey.byteLength === aesKeyLength) return dataKey;
  dataKey.fill(0);
  throw new StoreError(
    'INTERNAL',
    `unwrapped data key of tenant ${context.tenantId} is not ${aesKeyLength} bytes`,
  );
};

const assertUnwrapsTo = async (
  keyring: Keyring,
  wrapped: WrappedKey,
  context: KeyringContext,
  expected: Uint8Array,
): Promise<void> => {
  const actual = await unwrapDataKey(keyring, wrapped, context);
  const same = timingSafeEqual(actual, expected);
  actual.fill(0);
  if (!same)
    throw new StoreError('INTERNAL', `re-wrapped data key of tenant ${context.tenantId} does not match`);
};

/** Keyrings are adapters: whatever they throw that is not yet a StoreError becomes KEY_UNAVAILABLE. */
const asStoreError = async <T>(message: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (isStoreError(error)) throw error;
    throw new StoreError('KEY_UNAVAILABLE', message, { cause: error });
  }
};
