import type { StoredRow } from './collections.ts';

/**
 * Rows of one large collection (routing tables, hundreds of kilobytes each) kept as read, so that a hot
 * read path does not copy the same text out of SQLite on every request. Valid while the database has
 * not changed: `dataVersion` is SQLite's `PRAGMA data_version`, which moves when another connection
 * commits; commits of this connection clear the cache themselves.
 */
export interface SqliteRowCache {
  get(tenantId: string, id: string, dataVersion: number): StoredRow | undefined;
  set(tenantId: string, id: string, dataVersion: number, row: StoredRow): void;
  clear(): void;
}

export const createSqliteRowCache = (capacity = 256): SqliteRowCache => {
  const rows = new Map<string, StoredRow>();
  let version: number | undefined;
  const keyOf = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;
  return {
    get(tenantId, id, dataVersion) {
      if (dataVersion !== version) return undefined;
      const key = keyOf(tenantId, id);
      const row = rows.get(key);
      if (row) {
        rows.delete(key);
        rows.set(key, row);
      }
      return row;
    },
    set(tenantId, id, dataVersion, row) {
      if (dataVersion !== version) {
        rows.clear();
        version = dataVersion;
      }
      rows.set(keyOf(tenantId, id), row);
      for (const oldest of rows.keys()) {
        if (rows.size <= capacity) break;
        rows.delete(oldest);
      }
    },
    clear() {
      rows.clear();
    },
  };
};
