import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createMemoryDriver, createStore } from '@wygc/store';

/** A real Store on the memory driver with a real key file, and a way to remove both. */
export const createMemoryTestStore = async (
  clock: () => number = Date.now,
): Promise<{ store: Store; close(): Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-functions-store-'));
  const store = createStore({
    driver: createMemoryDriver(),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: randomBytes(32),
    clock,
  });
  return {
    store,
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
