import type { NewCallRecord, Store, TenantStore } from '@wygc/routing-core';
import type { Logger } from 'pino';
import type { ForwarderMetrics } from './forwarder-metrics.ts';

/**
 * Keeps CallRecords off the call path: `record` only queues, and batches are written per tenant in the
 * background. A slow or absent store delays records, never calls; past `maxQueued` the oldest go.
 */
export interface CallRecorder {
  record(tenantId: string, record: NewCallRecord): void;
  /** Writes everything queued now (one attempt per batch). */
  flush(): Promise<void>;
  /** Stops the timer and makes a last attempt to write what is queued. */
  stop(): Promise<void>;
  readonly queued: number;
}

export interface CallRecorderDependencies {
  readonly store: Store;
  readonly logger: Logger;
  readonly metrics: ForwarderMetrics;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly maxQueued: number;
  /** Told whether the store took the last batch: the store's connection state. */
  readonly onStoreResult?: (ok: boolean) => void;
}

interface Queued {
  readonly tenantId: string;
  readonly record: NewCallRecord;
}

/** Store answers that retrying cannot change: the tenant is gone or the record is refused. */
const permanentCodes = new Set(['NOT_FOUND', 'TENANT_TERMINATED', 'INVALID_INPUT']);

const isPermanent = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  typeof error.code === 'string' &&
  permanentCodes.has(error.code);

const maxBackoffMs = 30_000;

export const createCallRecorder = (deps: CallRecorderDependencies): CallRecorder => {
  const { store, logger, metrics, batchSize, flushIntervalMs, maxQueued } = deps;
  let queue: Queued[] = [];
  let flushing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  const tenants = new Map<string, TenantStore>();

  const tenantStore = (tenantId: string): TenantStore => {
    let tenant = tenants.get(tenantId);
    if (!tenant) {
      tenant = store.forTenant(tenantId, { actor: 'sip' });
      tenants.set(tenantId, tenant);
    }
    return tenant;
  };

  const updateGauge = () => metrics.callRecordsQueued.set(queue.length);

  const schedule = (delayMs: number) => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
    timer.unref();
  };

  const writeBatch = async (batch: readonly Queued[]): Promise<Queued[]> => {
    const byTenant = new Map<string, NewCallRecord[]>();
    for (const { tenantId, record } of batch) {
      const list = byTenant.get(tenantId) ?? [];
      list.push(record);
      byTenant.set(tenantId, list);
    }
    const retry: Queued[] = [];
    await Promise.all(
      [...byTenant].map(async ([tenantId, records]) => {
        try {
          await tenantStore(tenantId).calls.append(records);
          metrics.callRecordsWritten.inc(records.length);
          deps.onStoreResult?.(true);
        } catch (error) {
          tenants.delete(tenantId);
          if (isPermanent(error)) {
            metrics.callRecordsDropped.inc(records.length);
            logger.error(
              { err: error, tenantId, records: records.length },
              'call records refused by the store',
            );
            return;
          }
          deps.onStoreResult?.(false);
          for (const record of records) retry.push({ tenantId, record });
        }
      }),
    );
    return retry;
  };

  const flushOnce = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize);
      queue = queue.slice(batch.length);
      const retry = await writeBatch(batch);
      if (retry.length > 0) {
        // Back in front, in order, and stop for now: the store is not taking records.
        queue = [...retry, ...queue];
        trim();
        failures += 1;
        logger.warn(
          { queued: queue.length, attempt: failures },
          'could not write call records; they stay queued and are retried',
        );
        updateGauge();
        schedule(Math.min(flushIntervalMs * 2 ** failures, maxBackoffMs));
        return;
      }
      failures = 0;
      updateGauge();
    }
  };

  const flush = (): Promise<void> => {
    flushing ??= flushOnce().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  const trim = () => {
    const excess = queue.length - maxQueued;
    if (excess <= 0) return;
    queue = queue.slice(excess);
    metrics.callRecordsDropped.inc(excess);
    logger.error({ dropped: excess, maxQueued }, 'call record queue full; oldest records dropped');
  };

  return {
    record(tenantId, record) {
      queue.push({ tenantId, record });
      trim();
      updateGauge();
      if (failures > 0) return;
      if (queue.length >= batchSize) queueMicrotask(() => void flush());
      else schedule(flushIntervalMs);
    },
    flush: async () => {
      await flushing;
      await flush();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await flushing;
      failures = 0;
      await flush();
    },
    get queued() {
      return queue.length;
    },
  };
};
