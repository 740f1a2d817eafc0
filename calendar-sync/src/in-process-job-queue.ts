import type { SourceRef, SyncReport } from './source-sync.ts';
import { createSyncCoalescer } from './sync-coalescer.ts';
import type { SyncJobQueue } from './sync-job-queue.ts';

export interface InProcessJobQueue extends SyncJobQueue {
  /** Resolves when every queued sync has finished. */
  idle(): Promise<void>;
}

/** Runs syncs in this process, coalesced per source; enqueue returns before the sync runs. */
export const createInProcessJobQueue = (options: {
  readonly sync: (job: SourceRef) => Promise<SyncReport>;
  readonly onError?: (error: unknown, job: SourceRef) => void;
  /** How long a follow-up sync waits for a burst of notifications to settle; default 1 s. */
  readonly followUpDelayMs?: number;
}): InProcessJobQueue => {
  const coalescer = createSyncCoalescer<SourceRef>({
    keyOf: (job) => `${job.tenantId}/${job.sourceId}`,
    run: options.sync,
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.followUpDelayMs !== undefined ? { followUpDelayMs: options.followUpDelayMs } : {}),
  });
  return {
    async enqueue(job) {
      void coalescer.request(job);
    },
    idle: () => coalescer.idle(),
  };
};
