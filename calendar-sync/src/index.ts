export {
  type CloudTasksClient,
  type CloudTasksJobQueueOptions,
  createCloudTasksJobQueue,
} from './cloud-tasks-job-queue.ts';
export { type CompileTablesInput, compileTables } from './compile-tables.ts';
export { createInProcessJobQueue, type InProcessJobQueue } from './in-process-job-queue.ts';
export { type BackoffOptions, retryWithBackoff } from './retry-with-backoff.ts';
export {
  createSourceSync,
  type SourceRef,
  type SourceSync,
  type SourceSyncDeps,
  type SyncReport,
} from './source-sync.ts';
export { createSyncCoalescer } from './sync-coalescer.ts';
export {
  isSyncError,
  parseRetryAfter,
  SyncError,
  type SyncErrorCode,
  syncErrorCodes,
  syncErrorFromStatus,
} from './sync-error.ts';
export type { SyncJobQueue } from './sync-job-queue.ts';
export {
  createSyncScheduler,
  type PushEndpoints,
  type ScheduleReport,
  type SyncSchedulerDeps,
} from './sync-scheduler.ts';
export { type CalDavAdapterOptions, createCalDavAdapter } from './caldav-adapter.ts';
export { createIcsUrlAdapter, type IcsUrlAdapterOptions } from './ics-url-adapter.ts';
export type { IcsHttpOptions } from './ics-http-client.ts';
export { type IcsNetworkPolicy, isPrivateAddress, type ResolveHost } from './ics-host-guard.ts';
export { type IcsCredentials, icsCredentialsSchema } from './ics-credentials.ts';
