import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublishedTable, RoutingTable, Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createMemoryDriver, createStore } from '@wygc/store';

// A real Store (memory driver, real key file) for tests, and a switch that makes it unreachable.

export interface TestStore {
  readonly store: Store;
  readonly dir: string;
  /** A tenant with one routed number, ready for publish(). */
  seedNumber(did: string, name?: string): Promise<{ tenantId: string; numberId: string }>;
  publish(ids: { tenantId: string; numberId: string }, table: RoutingTable): Promise<PublishedTable>;
  cleanup(): Promise<void>;
}

export const createTestStore = async (): Promise<TestStore> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-sip-test-'));
  const store = createStore({
    driver: createMemoryDriver(),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(3),
  });
  const context = { actor: 'system:test' };
  return {
    store,
    dir,
    async seedNumber(did, name = 'Storing') {
      const tenant = await store.tenants.create({ name: `Tenant ${did}` }, context);
      const number = await store.forTenant(tenant.id, context).numbers.create({ did, name });
      return { tenantId: tenant.id, numberId: number.id };
    },
    async publish(ids, table) {
      const tenant = store.forTenant(ids.tenantId, context);
      const current = await tenant.tables.get(ids.numberId);
      const [published] = await tenant.tables.publish([
        { numberId: ids.numberId, expectedVersion: current?.version ?? null, table, unmatched: [] },
      ]);
      if (!published) throw new Error('nothing published');
      return published;
    },
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/**
 * The same store behind a switch: while down, every call fails as an unreachable database would, and
 * the change feed delivers nothing.
 */
export const createSwitchableStore = (inner: Store): { store: Store; setDown(down: boolean): void } => {
  let down = false;
  const unavailable = () => Object.assign(new Error('store unreachable'), { code: 'UNAVAILABLE' });
  const guard = <T>(run: () => Promise<T>): Promise<T> => (down ? Promise.reject(unavailable()) : run());
  const store: Store = {
    ...inner,
    forTenant(tenantId, context) {
      const tenant = inner.forTenant(tenantId, context);
      return {
        ...tenant,
        calls: {
          append: (records) => guard(() => tenant.calls.append(records)),
          list: (query) => guard(() => tenant.calls.list(query)),
        },
      };
    },
    routingTables: {
      listAll: () => guard(() => inner.routingTables.listAll()),
      watch: (listener) =>
        inner.routingTables.watch((change) => {
          if (!down) listener(change);
        }),
    },
  };
  return {
    store,
    setDown(value) {
      down = value;
    },
  };
};
