import { describe, expect, it } from 'vitest';
import { type CloudTasksClient, createCloudTasksJobQueue } from './cloud-tasks-job-queue.ts';

type CreateTaskRequest = Parameters<CloudTasksClient['createTask']>[0];

const recordingClient = () => {
  const requests: CreateTaskRequest[] = [];
  const client: CloudTasksClient = {
    async createTask(request) {
      requests.push(request);
      return [{}];
    },
  };
  return { client, requests };
};

const options = {
  queuePath: 'projects/p/locations/europe-west4/queues/wygc-sync',
  targetUrl: 'https://jobs.example/jobs/sync',
  serviceAccountEmail: 'wygc-jobs@p.iam.gserviceaccount.com',
  clock: () => 10_000,
};

describe('createCloudTasksJobQueue', () => {
  it('makes the OIDC token for the target URL unless told another audience', async () => {
    const plain = recordingClient();
    await createCloudTasksJobQueue({ ...options, client: plain.client }).enqueue({
      tenantId: 't1',
      sourceId: 's1',
    });
    expect(plain.requests[0]?.task.httpRequest.oidcToken).toEqual({
      serviceAccountEmail: 'wygc-jobs@p.iam.gserviceaccount.com',
      audience: 'https://jobs.example/jobs/sync',
    });

    const withAudience = recordingClient();
    await createCloudTasksJobQueue({
      ...options,
      client: withAudience.client,
      audience: 'https://jobs.example',
    }).enqueue({ tenantId: 't1', sourceId: 's1' });
    const [request] = withAudience.requests;
    expect(request?.task.httpRequest.oidcToken).toEqual({
      serviceAccountEmail: 'wygc-jobs@p.iam.gserviceaccount.com',
      audience: 'https://jobs.example',
    });
    // The audience changes who the token is for, not where the task goes.
    expect(request?.task.httpRequest.url).toBe('https://jobs.example/jobs/sync');
  });

  it('keeps characters a task name cannot hold out of it', async () => {
    const { client, requests } = recordingClient();
    await createCloudTasksJobQueue({ ...options, client }).enqueue({
      tenantId: 'tenant.one',
      sourceId: 'src/2',
    });
    expect(requests[0]?.task.name).toBe(
      'projects/p/locations/europe-west4/queues/wygc-sync/tasks/sync-tenant_one-src_2-5',
    );
  });
});
