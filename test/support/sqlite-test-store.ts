import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createSqliteDriver, createStore } from '@wygc/store';

/** A real Store on SQLite in a temporary folder, with a real key file, for cross-part tests. */
export const createSqliteTestStore = async (
  clock: () => number = Date.now,
): Promise<{ store: Store; cleanup: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-test-sqlite-'));
  const store = createStore({
    driver: createSqliteDriver({ path: join(dir, 'wygc.sqlite') }),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(2),
    clock,
  });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
