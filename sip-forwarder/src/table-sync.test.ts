import { join } from 'node:path';
import type { PublishedTable, Store, TableChange } from '@wygc/routing-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createForwarderMetrics } from './forwarder-metrics.ts';
import { createTableRegistry, type TableRegistry } from './table-registry.ts';
import { readTableSnapshot, writeTableSnapshot } from './table-snapshot.ts';
import { createTableSync, type TableSync } from './table-sync.ts';
import { did, entryOf, silentLogger, tableOf } from './test-fixtures.ts';
import { createSwitchableStore, createTestStore, type TestStore } from './test-store.ts';

let testStore: TestStore;
let switchable: ReturnType<typeof createSwitchableStore>;
let registry: TableRegistry;
let sync: TableSync | undefined;
let snapshotPath: string;

const startSync = async () => {
  registry = createTableRegistry();
  sync = createTableSync({
    store: switchable.store,
    registry,
    snapshotPath,
    logger: silentLogger(),
    metrics: createForwarderMetrics(registry),
    resyncMs: 60_000,
    snapshotDelayMs: 1,
  });
  await sync.start();
  return sync;
};

beforeEach(async () => {
  testStore = await createTestStore();
  switchable = createSwitchableStore(testStore.store);
  snapshotPath = join(testStore.dir, 'snapshot', 'tables.json');
});
afterEach(async () => {
  await sync?.stop();
  sync = undefined;
  await testStore.cleanup();
});

describe('createTableSync', () => {
  it('loads every table from the store and writes the snapshot', async () => {
    const ids = await testStore.seedNumber(did);
    await testStore.publish(ids, tableOf());
    const started = await startSync();
    expect(registry.lookup(did)).toMatchObject({ ...ids, version: 1 });
    expect(started.state()).toMatchObject({ source: 'store', storeUp: true });
    await expect.poll(async () => (await readTableSnapshot(snapshotPath))?.entries.length).toBe(1);
  });

  it('applies published and removed tables from the change feed as they happen', async () => {
    const ids = await testStore.seedNumber(did);
    await startSync();
    expect(registry.size).toBe(0);
    await testStore.publish(ids, tableOf());
    await expect.poll(() => registry.lookup(did)?.version).toBe(1);
    await testStore.publish(ids, tableOf());
    await expect.poll(() => registry.lookup(did)?.version).toBe(2);
    await expect.poll(async () => (await readTableSnapshot(snapshotPath))?.entries[0]?.version).toBe(2);
    // Terminating the tenant deletes its tables: the feed reports them removed.
    await testStore.store.forTenant(ids.tenantId, { actor: 'system:test' }).privacy.terminate();
    await expect.poll(() => registry.size).toBe(0);
  });

  it('keeps routing from memory while the store is down, and catches up when it is back', async () => {
    const ids = await testStore.seedNumber(did);
    await testStore.publish(ids, tableOf());
    const started = await startSync();
    switchable.setDown(true);
    expect(await started.reload()).toBe(false);
    expect(started.state()).toMatchObject({ source: 'store', storeUp: false });
    expect(registry.lookup(did)?.version).toBe(1);
    await testStore.publish(ids, tableOf());
    switchable.setDown(false);
    expect(await started.reload()).toBe(true);
    expect(registry.lookup(did)?.version).toBe(2);
  });

  it('starts from the snapshot on disk when the store cannot be reached', async () => {
    await writeTableSnapshot(snapshotPath, [entryOf(tableOf({ version: 7 }))], 1);
    switchable.setDown(true);
    const started = await startSync();
    expect(registry.lookup(did)?.version).toBe(7);
    expect(started.state()).toMatchObject({ source: 'snapshot', storeUp: false });
  });

  it('starts with nothing (and says so) when neither store nor snapshot is there', async () => {
    switchable.setDown(true);
    const started = await startSync();
    expect(registry.size).toBe(0);
    expect(started.state()).toMatchObject({ source: 'none', storeUp: false });
  });

  it('does not let a full load undo a change the feed delivered while it was running', async () => {
    let feed: ((change: TableChange) => void) | undefined;
    let finishLoad: ((tables: PublishedTable[]) => void) | undefined;
    const store = {
      routingTables: {
        listAll: () =>
          new Promise<PublishedTable[]>((resolve) => {
            finishLoad = resolve;
          }),
        watch: (listener: (change: TableChange) => void) => {
          feed = listener;
          return () => {};
        },
      },
    } as unknown as Store;
    registry = createTableRegistry();
    sync = createTableSync({
      store,
      registry,
      snapshotPath,
      logger: silentLogger(),
      metrics: createForwarderMetrics(registry),
      resyncMs: 60_000,
    });
    const starting = sync.start();
    await expect.poll(() => finishLoad !== undefined).toBe(true);
    const newer = { ...entryOf(tableOf({ version: 3 })), unmatched: [] };
    feed?.({ type: 'published', ...newer });
    finishLoad?.([{ ...entryOf(tableOf({ version: 2 })), unmatched: [] }]);
    await starting;
    expect(registry.lookup(did)?.version).toBe(3);
  });
});
