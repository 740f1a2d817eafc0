import type { SourceRef } from './source-sync.ts';
import { SyncError } from './sync-error.ts';
import type { SyncJobQueue } from './sync-job-queue.ts';

/** The part of @google-cloud/tasks' CloudTasksClient we use; injected so no client is made at import. */
export interface CloudTasksClient {
  createTask(request: {
    parent: string;
    task: {
      name: string;
      /** When the task runs: the end of its coalescing window, so later notifications in the window join it. */
      scheduleTime: { seconds: number };
      httpRequest: {
        httpMethod: 'POST';
        url: string;
        headers: Record<string, string>;
        body: string;
        oidcToken: { serviceAccountEmail: string; audience: string };
      };
    };
  }): Promise<unknown>;
}

export interface CloudTasksJobQueueOptions {
  readonly client: CloudTasksClient;
  /** projects/{project}/locations/{location}/queues/{queue} */
  readonly queuePath: string;
  /** The jobs function's sync URL, e.g. https://.../jobs/sync */
  readonly targetUrl: string;
  /** The service account whose OIDC token the jobs function accepts. */
  readonly serviceAccountEmail: string;
  /** The audience the jobs function checks its OIDC tokens for; default the target URL. */
  readonly audience?: string;
  /** Notifications for one source within this window become one task. */
  readonly coalesceWindowMs?: number;
  readonly clock?: () => number;
}

const alreadyExists = 6;

/**
 * Enqueues a sync as an HTTP task. Cloud Tasks refuses a second task with the same name, so naming the
 * task after the source and a time window turns a burst of notifications into one sync. The task runs
 * at the end of its window: a notification later in the window is then still covered by it (a task
 * that already ran would keep its name for an hour and swallow the change).
 */
export const createCloudTasksJobQueue = (options: CloudTasksJobQueueOptions): SyncJobQueue => {
  const window = options.coalesceWindowMs ?? 2000;
  const clock = options.clock ?? Date.now;
  const audience = options.audience ?? options.targetUrl;
  const safe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');
  return {
    async enqueue(job) {
      const slot = Math.floor(clock() / window);
      const name = `${options.queuePath}/tasks/sync-${safe(job.tenantId)}-${safe(job.sourceId)}-${slot}`;
      const body: SourceRef = { tenantId: job.tenantId, sourceId: job.sourceId };
      try {
        await options.client.createTask({
          parent: options.queuePath,
          task: {
            name,
            scheduleTime: { seconds: Math.ceil(((slot + 1) * window) / 1000) },
            httpRequest: {
              httpMethod: 'POST',
              url: options.targetUrl,
              headers: { 'Content-Type': 'application/json' },
              body: Buffer.from(JSON.stringify(body)).toString('base64'),
              oidcToken: { serviceAccountEmail: options.serviceAccountEmail, audience },
            },
          },
        });
      } catch (error) {
        if ((error as { code?: unknown }).code === alreadyExists) return;
        throw new SyncError('PROVIDER_UNAVAILABLE', 'could not enqueue the sync task', { cause: error });
      }
    },
  };
};
