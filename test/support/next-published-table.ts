import type { PublishedTable, Store } from '@wygc/routing-core';

/**
 * Subscribes to the store's table feed at once and resolves with the first table published for the
 * number with a version above `afterVersion`. Call it before triggering the change, await it after.
 */
export const nextPublishedTable = (
  store: Store,
  numberId: string,
  afterVersion: number,
): Promise<PublishedTable> =>
  new Promise((resolve) => {
    const stop = store.routingTables.watch((change) => {
      if (change.type !== 'published' || change.numberId !== numberId || change.version <= afterVersion) {
        return;
      }
      stop();
      resolve(change);
    });
  });
