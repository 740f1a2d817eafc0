import { createChangeListeners } from './change-listeners.ts';
import { type CollectionName, collectionNames, collectionSpecs, type StoredRow } from './collections.ts';
import {
  assertRowShape,
  assertUnique,
  failedExpectation,
  fieldOf,
  matchesDeleteWhere,
  selectRows,
} from './row-rules.ts';
import type { RowChange, StoreDriver, TenantRow, WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';

interface State {
  tenants: Map<string, TenantRow>;
  rows: Map<CollectionName, Map<string, StoredRow>>;
}

const hasUniqueFields = (collection: CollectionName) =>
  collectionSpecs[collection].uniquePerTenant.length + collectionSpecs[collection].uniqueGlobal.length > 0;

const rowKey = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

const cloneState = (state: State): State => ({
  tenants: new Map(state.tenants),
  rows: new Map(collectionNames.map((name) => [name, new Map(state.rows.get(name))])),
});

/** Keeps everything in memory; the reference for the driver contract and a fast store for tests. */
export const createMemoryDriver = (): StoreDriver => {
  let state: State = { tenants: new Map(), rows: new Map(collectionNames.map((name) => [name, new Map()])) };
  const listeners = createChangeListeners();
  const table = (s: State, collection: CollectionName) => s.rows.get(collection) as Map<string, StoredRow>;

  const apply = (next: State, op: WriteOp, changes: [CollectionName, RowChange][]) => {
    switch (op.op) {
      case 'putTenant':
        next.tenants.set(op.tenant.id, op.tenant);
        return;
      case 'put': {
        assertRowShape(op.collection, op.row);
        if (!next.tenants.has(op.row.tenantId)) throw new StoreError('NOT_FOUND', 'no such tenant');
        table(next, op.collection).set(rowKey(op.row.tenantId, op.row.id), op.row);
        // Checked per operation, as SQLite does, so drivers agree on what a commit may do.
        if (hasUniqueFields(op.collection)) assertUnique(op.collection, table(next, op.collection).values());
        changes.push([op.collection, { type: 'put', tenantId: op.row.tenantId, id: op.row.id, row: op.row }]);
        return;
      }
      case 'delete':
        if (table(next, op.collection).delete(rowKey(op.tenantId, op.id))) {
          changes.push([op.collection, { type: 'delete', tenantId: op.tenantId, id: op.id }]);
        }
        return;
      case 'deleteWhere':
        for (const [key, row] of table(next, op.collection)) {
          if (!matchesDeleteWhere(row, op)) continue;
          table(next, op.collection).delete(key);
          changes.push([op.collection, { type: 'delete', tenantId: row.tenantId, id: row.id }]);
        }
        return;
      case 'expect': {
        const row = table(next, op.collection).get(rowKey(op.tenantId, op.id));
        const actual = row ? fieldOf(row, op.field) : undefined;
        if (op.equals === undefined ? row !== undefined : actual !== op.equals) throw failedExpectation(op);
        return;
      }
    }
  };

  return {
    name: 'memory',
    getTenant: async (id) => state.tenants.get(id),
    listTenants: async () =>
      [...state.tenants.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
    get: async (collection, tenantId, id) => table(state, collection).get(rowKey(tenantId, id)),
    list: async (collection, tenantId, query) =>
      selectRows(
        [...table(state, collection).values()].filter((row) => row.tenantId === tenantId),
        query,
      ),
    findGlobal: async (collection, field, equals) =>
      selectRows(table(state, collection).values(), { where: { field, equals } }),
    listAll: async (collection) => selectRows(table(state, collection).values()),
    count: async (collection, tenantId) =>
      [...table(state, collection).values()].filter((row) => row.tenantId === tenantId).length,
    commit: async (ops) => {
      const next = cloneState(state);
      const changes: [CollectionName, RowChange][] = [];
      for (const op of ops) apply(next, op, changes);
      state = next;
      listeners.emit(changes);
    },
    watch: (collection, listener) => listeners.add(collection, listener),
    close: async () => {},
  };
};
