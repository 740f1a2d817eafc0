// Test support: a real Store (real encryption) with two tenants, for the bot's store-backed adapters,
// and a restart that opens the same data again as a new process would.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@wygc/routing-core';
import {
  createDataKeys,
  createLocalKeyFileKeyring,
  createMemoryDriver,
  createSqliteDriver,
  createStore,
} from '@wygc/store';

export type BotTestDriver = 'memory' | 'sqlite';

export interface BotTestStore {
  readonly store: Store;
  readonly tenantIds: readonly [string, string];
  /**
   * Another process on the same data: SQLite closes the file and opens it again; the memory driver,
   * which cannot outlive its process, is shared with a second store as a second instance would share
   * a database.
   */
  restart(): Promise<Store>;
  close(): Promise<void>;
}

export const createBotTestStore = async (driver: BotTestDriver): Promise<BotTestStore> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-bot-store-'));
  const shared = driver === 'memory' ? createMemoryDriver() : undefined;
  const open = () =>
    createStore({
      driver: shared ?? createSqliteDriver({ path: join(dir, 'wygc.sqlite') }),
      dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
      lookupKey: new Uint8Array(32).fill(7),
    });
  let store = open();
  const context = { actor: 'system:test' };
  const a = await store.tenants.create({ name: 'Storingsdienst BV' }, context);
  const b = await store.tenants.create({ name: 'Andere Dienst BV' }, context);
  return {
    get store() {
      return store;
    },
    tenantIds: [a.id, b.id],
    restart: async () => {
      if (!shared) await store.close();
      store = open();
      return store;
    },
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
