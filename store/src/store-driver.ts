import type { CollectionName, FieldValue, StoredRow } from './collections.ts';

/** A tenant row: its wrapped data key lives here, the key-encryption key never does. */
export interface TenantRow {
  readonly id: string;
  readonly name: string;
  readonly status: 'active' | 'terminated';
  readonly timeZone: string;
  /** Tenant settings as JSON text. */
  readonly settings: string;
  /** The wrapped data key as JSON text; null once the tenant is terminated (crypto-shredded). */
  readonly wrappedKey: string | null;
  readonly createdAt: number;
  readonly terminatedAt: number | null;
}

export interface ListQuery {
  readonly where?: { readonly field: string; readonly equals: FieldValue };
  /** Half-open range on a numeric field, [from, to). */
  readonly range?: { readonly field: string; readonly from?: number; readonly to?: number };
  /** Order by the range field (or id), then id. */
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
}

/**
 * Writes applied together or not at all. `put` inserts or replaces a row and fails with CONFLICT when
 * it breaks a unique index; `expect` is a precondition on a row's field (null: the row must not exist).
 */
export type WriteOp =
  | { readonly op: 'put'; readonly collection: CollectionName; readonly row: StoredRow }
  | {
      readonly op: 'delete';
      readonly collection: CollectionName;
      readonly tenantId: string;
      readonly id: string;
    }
  | {
      readonly op: 'deleteWhere';
      readonly collection: CollectionName;
      readonly tenantId: string;
      readonly where?: { readonly field: string; readonly equals: FieldValue };
      readonly before?: { readonly field: string; readonly value: number };
    }
  | {
      readonly op: 'expect';
      readonly collection: CollectionName;
      readonly tenantId: string;
      readonly id: string;
      readonly field: string;
      readonly equals: FieldValue | undefined;
    }
  | { readonly op: 'putTenant'; readonly tenant: TenantRow };

export interface RowChange {
  readonly type: 'put' | 'delete';
  readonly tenantId: string;
  readonly id: string;
  readonly row?: StoredRow;
}

/**
 * The persistence port the store is built on: rows whose personal data is already sealed. One
 * implementation per database (memory for tests, SQLite embedded, Firestore in production); the shared
 * driver contract suite holds them to the same behaviour. Every read and write names its tenant.
 */
export interface StoreDriver {
  readonly name: string;
  getTenant(id: string): Promise<TenantRow | undefined>;
  listTenants(): Promise<TenantRow[]>;
  get(collection: CollectionName, tenantId: string, id: string): Promise<StoredRow | undefined>;
  list(collection: CollectionName, tenantId: string, query?: ListQuery): Promise<StoredRow[]>;
  /** Cross-tenant lookup by an indexed field, for the few entry points that do not know the tenant. */
  findGlobal(collection: CollectionName, field: string, equals: FieldValue): Promise<StoredRow[]>;
  /** Every row of a collection across tenants; used to load all routing tables at start. */
  listAll(collection: CollectionName): Promise<StoredRow[]>;
  count(collection: CollectionName, tenantId: string): Promise<number>;
  commit(ops: readonly WriteOp[]): Promise<void>;
  /** Calls back for every change to the collection committed after subscribing, in commit order. */
  watch(collection: CollectionName, listener: (change: RowChange) => void): () => void;
  close(): Promise<void>;
}
