export { type CalDavAdapterOptions, createCalDavAdapter } from './caldav-adapter.ts';
export {
  type CloudTasksClient,
  type CloudTasksJobQueueOptions,
  createCloudTasksJobQueue,
} from './cloud-tasks-job-queue.ts';
export { type CompileTablesInput, compileTables } from './compile-tables.ts';
export {
  createGoogleAuth,
  type GoogleAuth,
  type GoogleAuthConfig,
  type GoogleOAuthClientConfig,
  type GoogleServiceAccountConfig,
  googleCalendarScope,
} from './google-auth.ts';
export { createGoogleCalendarAdapter, type GoogleCalendarAdapterConfig } from './google-calendar-adapter.ts';
export {
  type GoogleCredentials,
  googleCredentialsSchema,
  parseGoogleCredentials,
} from './google-credentials.ts';
export {
  createGoogleNotificationHandler,
  type GoogleCalendarChange,
  type GoogleChannelRegistration,
  type GoogleNotificationHandler,
  type GoogleNotificationHandlerOptions,
  googleNotificationHeadersSchema,
  type IncomingHeaders,
} from './google-notification-handler.ts';
export {
  createGraphCalendarAdapter,
  type GraphCalendarAdapter,
  type GraphCalendarAdapterConfig,
} from './graph-calendar-adapter.ts';
export {
  createGraphLifecycleHandler,
  type GraphLifecycleHandlerDeps,
  type GraphLifecycleTarget,
} from './graph-lifecycle-handler.ts';
export type { GraphSubscriptionLookup, GraphSubscriptionRecord } from './graph-notification-batch.ts';
export {
  createGraphNotificationHandler,
  type GraphNotificationHandlerDeps,
  type GraphSourceRef,
} from './graph-notification-handler.ts';
export {
  createGraphTokenProvider,
  type GraphTokenProvider,
  type GraphTokenProviderConfig,
  graphScope,
} from './graph-token-provider.ts';
export type {
  GraphWebhookHandler,
  GraphWebhookRequest,
  GraphWebhookResponse,
} from './graph-webhook-exchange.ts';
export { type IcsCredentials, icsCredentialsSchema } from './ics-credentials.ts';
export { type IcsNetworkPolicy, isPrivateAddress, type ResolveHost } from './ics-host-guard.ts';
export type { IcsHttpOptions } from './ics-http-client.ts';
export { createIcsUrlAdapter, type IcsUrlAdapterOptions } from './ics-url-adapter.ts';
export { createInProcessJobQueue, type InProcessJobQueue } from './in-process-job-queue.ts';
export { recompileTenantTables } from './recompile-tenant-tables.ts';
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
