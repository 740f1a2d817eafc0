import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createMemoryDriver, createStore } from '@wygc/store';

/** A real Store on the memory driver with a real key file, for cross-part tests. */
export const createTestStore = async (
  clock: () => number = Date.now,
): Promise<{ store: Store; cleanup: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-test-store-'));
  const store = createStore({
    driver: createMemoryDriver(),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(1),
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
