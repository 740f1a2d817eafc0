import { z } from 'zod';
import { StoreError } from './store-error.ts';

/** Binds a wrapped data key to its tenant: unwrapping under another tenant's context fails. */
export interface KeyringContext {
  readonly tenantId: string;
}

/**
 * A tenant data key encrypted under a key-encryption key (KEK). Plain JSON so that every store can
 * keep it beside the tenant. It names the keyring and the KEK version that wrapped it, so that after
 * a rotation the old version can still be found, and so that a rotation job can tell which data keys
 * still need re-wrapping.
 */
export interface WrappedKey {
  /** `Keyring.id` of the keyring that wrapped the data key. */
  readonly keyringId: string;
  /** The KEK version inside that keyring, in the keyring's own spelling. */
  readonly keyVersion: string;
  /** The wrapped data key, base64url; only the named keyring can read it. */
  readonly ciphertext: string;
}

/**
 * Port to whatever holds the key-encryption keys. Implementations never reveal a KEK; they only wrap
 * and unwrap data keys. Rotation never touches data: unwrap with the old keyring or version, wrap
 * again with the new one, store the new WrappedKey.
 *
 * Every tenant's data key is wrapped with key material of that tenant alone, kept by the keyring and
 * never in the database. That is what makes `destroy` reach backups: a database backup holds the
 * WrappedKey, but the material that opens it is gone.
 *
 * Errors are StoreErrors: DECRYPTION_FAILED when the wrapped key does not open under this context
 * (tampered, other tenant), KEY_UNAVAILABLE when the KEK cannot be used (other keyring, version
 * removed, tenant key destroyed, key file unusable, KMS unreachable).
 */
export interface Keyring {
  readonly id: string;
  /** Refuses with KEY_UNAVAILABLE for a destroyed tenant: a terminated tenant never gets a new key. */
  wrap(dataKey: Uint8Array, context: KeyringContext): Promise<WrappedKey>;
  unwrap(wrapped: WrappedKey, context: KeyringContext): Promise<Uint8Array>;
  /**
   * Crypto-shredding (DESIGN §7, termination): destroys the tenant's key material in this keyring.
   * Afterwards unwrap of any WrappedKey of the tenant, including copies in old backups, fails with
   * KEY_UNAVAILABLE ("tenant key destroyed"), and wrap refuses. Idempotent; for a tenant the keyring
   * never wrapped for it only makes later wraps refuse.
   */
  destroy(context: KeyringContext): Promise<void>;
}

export const wrappedKeySchema = z.strictObject({
  keyringId: z.string().min(1),
  keyVersion: z.string().min(1),
  ciphertext: z.string().min(1),
});

/** Validates a WrappedKey read back from storage. */
export const parseWrappedKey = (value: unknown): WrappedKey => {
  const parsed = wrappedKeySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
  throw new StoreError('INVALID_INPUT', `not a wrapped key (problems at: ${paths})`, { cause: parsed.error });
};

/** Keyrings call this first so that a key from another keyring gets a clear error, not a failed decrypt. */
export const assertWrappedBy = (keyring: Pick<Keyring, 'id'>, wrapped: WrappedKey): void => {
  if (wrapped.keyringId === keyring.id) return;
  throw new StoreError(
    'KEY_UNAVAILABLE',
    `data key was wrapped by keyring "${wrapped.keyringId}", not by "${keyring.id}"`,
  );
};
