import { type PublishedTable, type RoutingTable, resolve, type TableChange } from '@wygc/routing-core';

/** One number's routing table as the forwarder holds it. */
export interface TableEntry {
  readonly tenantId: string;
  readonly numberId: string;
  /** E.164, the key a call is looked up by. */
  readonly did: string;
  readonly version: number;
  readonly table: RoutingTable;
}

/**
 * Every routing table in memory, by DID: the only thing a call's decision reads, so no call ever waits
 * for the store. Versions only move forward, whatever order the feed and full loads deliver them in.
 */
export interface TableRegistry {
  lookup(did: string): TableEntry | undefined;
  /** A full load: the given set becomes the whole set (newer versions already held are kept). */
  replaceAll(entries: readonly TableEntry[]): void;
  /** One change from the store's feed; true when it changed what calls see. */
  apply(change: TableChange): boolean;
  entries(): TableEntry[];
  readonly size: number;
  /** Called after every change, e.g. to write the snapshot. */
  onChange(listener: () => void): () => void;
}

export const entryOf = (published: Pick<PublishedTable, keyof TableEntry>): TableEntry => ({
  tenantId: published.tenantId,
  numberId: published.numberId,
  did: published.did,
  version: published.version,
  table: published.table,
});

const keyOf = (tenantId: string, numberId: string) => `${tenantId}\u0000${numberId}`;

export const createTableRegistry = (options: { clock?: () => number } = {}): TableRegistry => {
  const clock = options.clock ?? Date.now;
  const byNumber = new Map<string, TableEntry>();
  const byDid = new Map<string, TableEntry>();
  const listeners = new Set<() => void>();

  const notify = () => {
    for (const listener of listeners) listener();
  };

  const remove = (key: string): boolean => {
    const entry = byNumber.get(key);
    if (!entry) return false;
    byNumber.delete(key);
    if (byDid.get(entry.did) === entry) byDid.delete(entry.did);
    return true;
  };

  const put = (entry: TableEntry): boolean => {
    const key = keyOf(entry.tenantId, entry.numberId);
    const current = byNumber.get(key);
    if (current && current.version >= entry.version) return false;
    // The first lookup on a table builds its decisions; doing it here keeps that cost off a real call.
    resolve(entry.table, clock());
    if (current) remove(key);
    byNumber.set(key, entry);
    byDid.set(entry.did, entry);
    return true;
  };

  return {
    lookup: (did) => byDid.get(did),
    replaceAll(entries) {
      const keep = new Set<string>();
      for (const entry of entries) {
        keep.add(keyOf(entry.tenantId, entry.numberId));
        put(entry);
      }
      for (const key of [...byNumber.keys()]) if (!keep.has(key)) remove(key);
      notify();
    },
    apply(change) {
      const changed =
        change.type === 'removed' ? remove(keyOf(change.tenantId, change.numberId)) : put(entryOf(change));
      if (changed) notify();
      return changed;
    },
    entries: () => [...byNumber.values()],
    get size() {
      return byNumber.size;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
