import type { CollectionName } from './collections.ts';
import type { TenantCipher } from './tenant-cipher.ts';

/**
 * A record's personal data travels as one encrypted JSON blob. The associated data names the
 * collection and the record id, so a blob copied into another record (or tenant) does not decrypt.
 */
const fieldOf = (collection: CollectionName, id: string) => `${collection}/${id}`;

export const sealRecord = (
  cipher: TenantCipher,
  collection: CollectionName,
  id: string,
  value: unknown,
): string => cipher.encrypt(fieldOf(collection, id), JSON.stringify(value));

export const openRecord = <T>(
  cipher: TenantCipher,
  collection: CollectionName,
  id: string,
  sealed: string,
): T => JSON.parse(cipher.decrypt(fieldOf(collection, id), sealed)) as T;
