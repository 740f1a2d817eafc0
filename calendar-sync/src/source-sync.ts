import {
  type CalendarChanges,
  type CalendarEvent,
  type CalendarProvider,
  type CalendarSource,
  type CalendarSourceAdapter,
  horizonAround,
  isInternalSource,
  type Store,
} from '@wygc/routing-core';
import type { Logger } from 'pino';
import { compileTables } from './compile-tables.ts';
import { type BackoffOptions, retryWithBackoff } from './retry-with-backoff.ts';
import { isSyncError, SyncError } from './sync-error.ts';

export interface SourceRef {
  readonly tenantId: string;
  readonly sourceId: string;
}

export interface SyncReport extends SourceRef {
  readonly ok: boolean;
  readonly upserted: number;
  readonly deleted: number;
  readonly replacedAll: boolean;
  /** Table versions published by this sync, by number id. */
  readonly published: Readonly<Record<string, number>>;
  readonly error?: string;
  readonly durationMs: number;
}

export interface SourceSyncDeps {
  readonly store: Store;
  readonly adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  readonly logger: Logger;
  readonly clock?: () => number;
  readonly horizonDays?: { readonly before: number; readonly after: number };
  readonly backoff?: BackoffOptions;
  /** How often a sync recompiles after losing a race for a table version before it gives up. */
  readonly maxConflicts?: number;
}

const applyChanges = (
  current: ReadonlyMap<string, CalendarEvent>,
  changes: CalendarChanges,
): Map<string, CalendarEvent> => {
  const next = new Map(changes.replaceAll ? [] : current);
  for (const id of changes.deletes) next.delete(id);
  for (const { externalId, event } of changes.upserts) next.set(externalId, event);
  return next;
};

/** Messages shown to administrators: the SyncError's own text, never a raw provider body. */
const describeFailure = (error: unknown): string =>
  isSyncError(error)
    ? error.message
    : error instanceof Error && error.name === 'StoreError'
      ? error.message
      : 'internal error';

/**
 * One sync of one source: fetch changes (retrying throttling and outages with backoff), recompile the
 * tables of the numbers it feeds, and commit events, cursor and tables together. A failure records the
 * error on the source and leaves the last good tables in place.
 */
export const createSourceSync = (deps: SourceSyncDeps) => {
  const clock = deps.clock ?? Date.now;
  const maxConflicts = deps.maxConflicts ?? 3;

  const fetchChanges = (source: CalendarSource, log: Logger): Promise<CalendarChanges> => {
    const adapter = deps.adapters[source.provider];
    if (!adapter)
      throw new SyncError('INVALID_CONFIG', `no adapter configured for ${source.provider} calendars`);
    return retryWithBackoff(
      () => adapter.fetchChanges(source, { horizon: horizonAround(clock(), deps.horizonDays) }),
      {
        ...deps.backoff,
        onRetry: (error, attempt, delayMs) =>
          log.warn({ code: error.code, attempt, delayMs }, 'calendar fetch failed, retrying'),
      },
    );
  };

  const commit = async (
    { tenantId, sourceId }: SourceRef,
    source: CalendarSource,
    changes: CalendarChanges,
  ) => {
    const tenant = deps.store.forTenant(tenantId, { actor: `calendar:${sourceId}` });
    for (let attempt = 1; ; attempt++) {
      const stored = new Map((await tenant.events.list(sourceId)).map((e) => [e.externalId, e.event]));
      const next = applyChanges(stored, changes);
      const updatedSource: CalendarSource = {
        ...source,
        ...(changes.timeZone ? { timeZone: changes.timeZone } : {}),
        ...(changes.zones ? { zones: changes.zones } : {}),
      };
      const tables = await compileTables({
        tenant,
        now: clock(),
        sourceId,
        override: { source: updatedSource, events: [...next.values()] },
        ...(deps.horizonDays ? { horizonDays: deps.horizonDays } : {}),
      });
      const deleted = changes.replaceAll
        ? [...stored.keys()].filter((id) => !next.has(id)).length
        : changes.deletes.length;
      try {
        const published = await tenant.commitSync({
          sourceId,
          changes: { upserts: changes.upserts, deletes: changes.deletes, replaceAll: changes.replaceAll },
          source: {
            ...(changes.cursor !== undefined ? { cursor: changes.cursor } : {}),
            ...(changes.timeZone ? { timeZone: changes.timeZone } : {}),
            ...(changes.zones ? { zones: changes.zones } : {}),
            lastSync: { at: clock(), ok: true, upserted: changes.upserts.length, deleted },
          },
          tables,
        });
        return { deleted, published: Object.fromEntries(published.map((p) => [p.numberId, p.version])) };
      } catch (error) {
        // Another sync published a table for a shared number first: recompile on top of it.
        const conflict = error instanceof Error && 'code' in error && error.code === 'CONFLICT';
        if (!conflict || attempt >= maxConflicts) throw error;
      }
    }
  };

  const recordFailure = async ({ tenantId, sourceId }: SourceRef, message: string) => {
    const tenant = deps.store.forTenant(tenantId, { actor: `calendar:${sourceId}` });
    await tenant.sources.update(sourceId, {
      lastSync: { at: clock(), ok: false, upserted: 0, deleted: 0, error: message.slice(0, 500) },
    });
  };

  return async (ref: SourceRef): Promise<SyncReport> => {
    const started = clock();
    const log = deps.logger.child({ tenantId: ref.tenantId, sourceId: ref.sourceId });
    const tenant = deps.store.forTenant(ref.tenantId, { actor: `calendar:${ref.sourceId}` });
    const source = await tenant.sources.get(ref.sourceId);
    if (!source) throw new SyncError('NOT_FOUND', 'no such calendar source');
    // Our own overrides calendar has nothing to fetch; its events change through the API.
    if (isInternalSource(source)) {
      return { ...ref, ok: true, upserted: 0, deleted: 0, replacedAll: false, published: {}, durationMs: 0 };
    }
    try {
      const changes = await fetchChanges(source, log);
      const { deleted, published } = await commit(ref, source, changes);
      const report: SyncReport = {
        ...ref,
        ok: true,
        upserted: changes.upserts.length,
        deleted,
        replacedAll: changes.replaceAll,
        published,
        durationMs: clock() - started,
      };
      log.info(
        { upserted: report.upserted, deleted, published, durationMs: report.durationMs },
        'calendar synced',
      );
      return report;
    } catch (error) {
      const message = describeFailure(error);
      log.error({ err: { code: (error as { code?: string }).code, message } }, 'calendar sync failed');
      await recordFailure(ref, message).catch((cause: unknown) =>
        log.error({ err: describeFailure(cause) }, 'could not record the sync failure'),
      );
      return {
        ...ref,
        ok: false,
        upserted: 0,
        deleted: 0,
        replacedAll: false,
        published: {},
        error: message,
        durationMs: clock() - started,
      };
    }
  };
};

export type SourceSync = ReturnType<typeof createSourceSync>;
