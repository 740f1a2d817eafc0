import {
  type CalendarProvider,
  type CalendarSource,
  type CalendarSourceAdapter,
  isInternalSource,
  type Store,
} from '@wygc/routing-core';
import type { Logger } from 'pino';
import { compileTables } from './compile-tables.ts';
import type { SyncJobQueue } from './sync-job-queue.ts';

export interface PushEndpoints {
  readonly google?: string;
  readonly microsoft?: string;
  readonly microsoftLifecycle?: string;
}

export interface SyncSchedulerDeps {
  readonly store: Store;
  readonly adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  readonly queue: SyncJobQueue;
  readonly logger: Logger;
  readonly push: PushEndpoints;
  readonly clock?: () => number;
  /** ICS and CalDAV have no push: poll them this often. Default 5 minutes. */
  readonly pollIntervalMs?: number;
  /** Renew a push channel when it expires within this time. Default 24 hours. */
  readonly renewBeforeMs?: number;
  readonly channelTtlSeconds?: number;
  readonly horizonDays?: { readonly before: number; readonly after: number };
}

export interface ScheduleReport {
  readonly polled: number;
  readonly channelsRenewed: number;
  readonly failures: number;
}

const actor = { actor: 'system:scheduler' };

/**
 * The periodic jobs behind live routing: renew push channels before they lapse, poll calendars that
 * cannot push, and roll every table's horizon forward once a day.
 */
export const createSyncScheduler = (deps: SyncSchedulerDeps) => {
  const clock = deps.clock ?? Date.now;
  const pollInterval = deps.pollIntervalMs ?? 5 * 60_000;
  const renewBefore = deps.renewBeforeMs ?? 24 * 3_600_000;
  const ttlSeconds = deps.channelTtlSeconds ?? 7 * 24 * 3600;

  const endpointFor = (provider: CalendarProvider) =>
    provider === 'google' ? deps.push.google : provider === 'microsoft' ? deps.push.microsoft : undefined;

  const renewChannel = async (source: CalendarSource, adapter: CalendarSourceAdapter): Promise<boolean> => {
    const notificationUrl = endpointFor(source.provider);
    if (!notificationUrl || !adapter.startPush) return false;
    const now = clock();
    if (source.channel && source.channel.expiresAt - now > renewBefore) return false;
    const tenant = deps.store.forTenant(source.tenantId, actor);
    if (source.channel && adapter.renewPush && source.channel.expiresAt > now) {
      await tenant.sources.update(source.id, { channel: await adapter.renewPush(source, ttlSeconds) });
      return true;
    }
    const channel = await adapter.startPush(source, {
      notificationUrl,
      ttlSeconds,
      ...(deps.push.microsoftLifecycle ? { lifecycleUrl: deps.push.microsoftLifecycle } : {}),
    });
    await tenant.sources.update(source.id, { channel });
    // The old channel may still fire until it expires; stopping it is a courtesy, not a must.
    if (source.channel) await adapter.stopPush?.(source).catch(() => undefined);
    // Changes made while no channel existed were never notified.
    await deps.queue.enqueue({ tenantId: source.tenantId, sourceId: source.id });
    return true;
  };

  const needsPoll = (source: CalendarSource): boolean => {
    // A calendar without a live channel (none yet, or no public URL to push to) is polled like ICS.
    const pushes =
      (source.provider === 'google' || source.provider === 'microsoft') && source.channel !== undefined;
    if (!source.lastSync) return true;
    return !pushes && clock() - source.lastSync.at >= pollInterval;
  };

  return {
    async runDue(): Promise<ScheduleReport> {
      let polled = 0;
      let channelsRenewed = 0;
      let failures = 0;
      for (const ref of await deps.store.lookups.allSources()) {
        const log = deps.logger.child({ tenantId: ref.tenantId, sourceId: ref.sourceId });
        try {
          const source = await deps.store.forTenant(ref.tenantId, actor).sources.get(ref.sourceId);
          const adapter = source && deps.adapters[source.provider];
          if (!source || !adapter || isInternalSource(source)) continue;
          if (await renewChannel(source, adapter)) channelsRenewed++;
          else if (needsPoll(source)) {
            await deps.queue.enqueue(ref);
            polled++;
          }
        } catch (error) {
          failures++;
          log.error({ err: (error as { code?: string }).code ?? 'error' }, 'scheduled calendar job failed');
        }
      }
      return { polled, channelsRenewed, failures };
    },

    /** Moves every table's horizon to now; run daily so tables never run out of days. */
    async rollHorizon(): Promise<{ tablesPublished: number; failures: number }> {
      let tablesPublished = 0;
      let failures = 0;
      for (const tenant of await deps.store.tenants.list()) {
        if (tenant.status !== 'active') continue;
        try {
          const store = deps.store.forTenant(tenant.id, actor);
          const publications = await compileTables({
            tenant: store,
            now: clock(),
            ...(deps.horizonDays ? { horizonDays: deps.horizonDays } : {}),
          });
          tablesPublished += (await store.tables.publish(publications)).length;
        } catch (error) {
          failures++;
          deps.logger.error(
            { tenantId: tenant.id, err: (error as { code?: string }).code ?? 'error' },
            'horizon roll failed',
          );
        }
      }
      return { tablesPublished, failures };
    },
  };
};
