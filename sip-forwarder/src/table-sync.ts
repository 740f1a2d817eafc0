import type { Store, TableChange } from '@wygc/routing-core';
import type { Logger } from 'pino';
import type { ForwarderMetrics } from './forwarder-metrics.ts';
import { entryOf, type TableRegistry } from './table-registry.ts';
import { readTableSnapshot, writeTableSnapshot } from './table-snapshot.ts';

/** Where the tables calls are routed with came from: the store, the snapshot on disk, or nowhere yet. */
export type TableSource = 'store' | 'snapshot' | 'none';

export interface TableSyncState {
  readonly source: TableSource;
  readonly storeUp: boolean;
  /** Epoch ms of the last full load from the store. */
  readonly loadedAt: number | undefined;
}

export interface TableSync {
  /** Loads the tables (store, else snapshot) and follows the feed; never fails because the store is down. */
  start(): Promise<void>;
  /** A full load from the store now; false when the store could not be reached. */
  reload(): Promise<boolean>;
  stop(): Promise<void>;
  state(): TableSyncState;
}

export interface TableSyncDependencies {
  readonly store: Store;
  readonly registry: TableRegistry;
  readonly snapshotPath: string;
  readonly logger: Logger;
  readonly metrics: ForwarderMetrics;
  /** Full reloads besides the feed: the SQLite store's feed only sees changes made in its own process. */
  readonly resyncMs: number;
  readonly clock?: () => number;
  /** Bursts of changes are written to disk once. */
  readonly snapshotDelayMs?: number;
}

export const createTableSync = (deps: TableSyncDependencies): TableSync => {
  const { store, registry, logger, metrics } = deps;
  const clock = deps.clock ?? Date.now;
  const snapshotDelayMs = deps.snapshotDelayMs ?? 200;
  let source: TableSource = 'none';
  let storeUp = false;
  let loadedAt: number | undefined;
  let unwatch: (() => void) | undefined;
  let resyncTimer: NodeJS.Timeout | undefined;
  let snapshotTimer: NodeJS.Timeout | undefined;
  let snapshotWrite: Promise<void> = Promise.resolve();
  let snapshotDirty = false;
  let stopped = false;
  // Changes that arrive while a full load is in flight are applied again after it, so that the load's
  // older view cannot undo them.
  let pending: TableChange[] | undefined;

  const setStoreUp = (up: boolean) => {
    storeUp = up;
    metrics.storeUp.set(up ? 1 : 0);
  };

  const writeSnapshot = (): Promise<void> => {
    snapshotWrite = snapshotWrite.then(async () => {
      if (!snapshotDirty) return;
      snapshotDirty = false;
      try {
        await writeTableSnapshot(deps.snapshotPath, registry.entries(), clock());
      } catch (error) {
        snapshotDirty = true;
        logger.error(
          { err: error },
          'could not write the routing table snapshot; will retry on the next change',
        );
      }
    });
    return snapshotWrite;
  };

  const scheduleSnapshot = () => {
    snapshotDirty = true;
    if (snapshotTimer || stopped) return;
    snapshotTimer = setTimeout(() => {
      snapshotTimer = undefined;
      void writeSnapshot();
    }, snapshotDelayMs);
    snapshotTimer.unref();
  };

  const applyChange = (change: TableChange) => {
    if (pending) {
      pending.push(change);
      return;
    }
    if (!registry.apply(change)) return;
    metrics.tableUpdates.inc({ source: 'feed' });
    setStoreUp(true);
    source = 'store';
    logger.info(
      {
        tenantId: change.tenantId,
        numberId: change.numberId,
        change: change.type,
        version: change.type === 'published' ? change.version : undefined,
      },
      'routing table changed',
    );
    scheduleSnapshot();
  };

  const watch = () => {
    if (unwatch || stopped) return;
    try {
      unwatch = store.routingTables.watch(applyChange);
    } catch (error) {
      logger.warn({ err: error }, 'cannot follow routing table changes; will retry');
    }
  };

  let loading: Promise<boolean> | undefined;

  const load = async (): Promise<boolean> => {
    watch();
    pending = [];
    try {
      const published = await store.routingTables.listAll();
      registry.replaceAll(published.map(entryOf));
      const missed = pending ?? [];
      pending = undefined;
      for (const change of missed) applyChange(change);
      metrics.tableUpdates.inc({ source: 'store' });
      setStoreUp(true);
      source = 'store';
      loadedAt = clock();
      scheduleSnapshot();
      return true;
    } catch (error) {
      const missed = pending ?? [];
      pending = undefined;
      for (const change of missed) applyChange(change);
      if (storeUp || source === 'none') {
        logger.warn(
          { err: error, tables: registry.size, source },
          'routing store unreachable; routing from memory',
        );
      }
      setStoreUp(false);
      return false;
    }
  };

  const reload = (): Promise<boolean> => {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  const loadSnapshot = async () => {
    try {
      const snapshot = await readTableSnapshot(deps.snapshotPath);
      if (!snapshot) {
        logger.error('no routing table snapshot on disk: every call is refused until the store is reachable');
        return;
      }
      registry.replaceAll(snapshot.entries);
      metrics.tableUpdates.inc({ source: 'snapshot' });
      source = 'snapshot';
      logger.warn(
        { tables: snapshot.entries.length, rejected: snapshot.rejected, savedAt: snapshot.savedAt },
        'routing from the snapshot on disk until the store is reachable',
      );
    } catch (error) {
      logger.error({ err: error }, 'the routing table snapshot cannot be used');
    }
  };

  return {
    async start() {
      stopped = false;
      metrics.storeUp.set(0);
      if (!(await reload())) await loadSnapshot();
      else logger.info({ tables: registry.size }, 'routing tables loaded from the store');
      resyncTimer = setInterval(() => {
        void reload();
      }, deps.resyncMs);
      resyncTimer.unref();
    },
    reload,
    async stop() {
      stopped = true;
      clearInterval(resyncTimer);
      resyncTimer = undefined;
      unwatch?.();
      unwatch = undefined;
      if (snapshotTimer) {
        clearTimeout(snapshotTimer);
        snapshotTimer = undefined;
      }
      await writeSnapshot();
    },
    state: () => ({ source, storeUp, loadedAt }),
  };
};
