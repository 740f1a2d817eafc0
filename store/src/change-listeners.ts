import type { CollectionName } from './collections.ts';
import type { RowChange } from './store-driver.ts';

/**
 * Watchers of committed changes, per collection. A listener that throws must not turn a commit that
 * already landed into a failure (the caller would retry and write twice), so its error is contained.
 */
export const createChangeListeners = (onListenerError: (error: unknown) => void = () => {}) => {
  const listeners = new Map<CollectionName, Set<(change: RowChange) => void>>();
  return {
    add(collection: CollectionName, listener: (change: RowChange) => void): () => void {
      const set = listeners.get(collection) ?? new Set();
      listeners.set(collection, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(changes: Iterable<readonly [CollectionName, RowChange]>): void {
      for (const [collection, change] of changes) {
        for (const listener of listeners.get(collection) ?? []) {
          try {
            listener(change);
          } catch (error) {
            onListenerError(error);
          }
        }
      }
    },
    clear: () => listeners.clear(),
  };
};
