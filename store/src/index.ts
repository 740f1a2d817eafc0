export type { CloudKmsClient, CloudKmsKeyringOptions } from './cloud-kms-keyring.ts';
export { createCloudKmsKeyring } from './cloud-kms-keyring.ts';
export type { CollectionName, StoredRow } from './collections.ts';
export { collectionNames, collectionSpecs } from './collections.ts';
export { type CreateStoreOptions, createStore } from './create-store.ts';
export type { DataKeys, DataKeysOptions, TenantDataKey } from './data-keys.ts';
export { createDataKeys } from './data-keys.ts';
export { createFirestoreDriver, type FirestoreDriverOptions } from './firestore-driver.ts';
export type { Keyring, KeyringContext, WrappedKey } from './keyring.ts';
export { assertWrappedBy, parseWrappedKey, wrappedKeySchema } from './keyring.ts';
export type {
  KeyVersionInfo,
  LocalKeyFileKeyring,
  LocalKeyFileKeyringOptions,
} from './local-key-file-keyring.ts';
export { createLocalKeyFileKeyring, defaultLocalKeyringId } from './local-key-file-keyring.ts';
export { createMemoryDriver } from './memory-driver.ts';
export { type RestoreSqliteBackupOptions, restoreSqliteBackup } from './restore-sqlite-backup.ts';
export { type KeyRotationReport, rotateTenantKeys } from './rotate-tenant-keys.ts';
export { createSqliteDriver, type SqliteDriver, type SqliteDriverOptions } from './sqlite-driver.ts';
export type { ListQuery, RowChange, StoreDriver, TenantRow, WriteOp } from './store-driver.ts';
export type { StoreErrorCode } from './store-error.ts';
export { isStoreError, StoreError, storeErrorCodes } from './store-error.ts';
export type { BlindIndexNormaliser, TenantCipher, TenantCipherOptions } from './tenant-cipher.ts';
export { createTenantCipher, defaultBlindIndexNormalisers, normaliseEmail } from './tenant-cipher.ts';
