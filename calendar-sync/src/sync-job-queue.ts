import type { SourceRef } from './source-sync.ts';

/**
 * The job port between "a calendar changed" and "sync it": in-process by default, Cloud Tasks in
 * production so that a webhook function can answer at once and the sync runs in another request.
 */
export interface SyncJobQueue {
  enqueue(job: SourceRef): Promise<void>;
}
