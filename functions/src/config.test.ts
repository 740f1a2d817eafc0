import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const queuePath = 'projects/wygc-prod/locations/europe-west4/queues/wygc-sync';
const jobs = {
  WYGC_JOBS_SERVICE_ACCOUNT: 'wygc-jobs@wygc-prod.iam.gserviceaccount.com',
  WYGC_JOBS_AUDIENCE: 'https://jobs-123.europe-west4.run.app',
};

describe('loadConfig: the Cloud Tasks sync queue', () => {
  it('runs syncs in-process without a queue', () => {
    expect(loadConfig({}).jobs.tasksQueue).toBeUndefined();
    expect(loadConfig(jobs).jobs.tasksQueue).toBeUndefined();
  });

  it('sends tasks to /jobs/sync of the jobs audience, with a token for exactly that audience', () => {
    expect(loadConfig({ ...jobs, WYGC_TASKS_QUEUE: queuePath }).jobs.tasksQueue).toEqual({
      path: queuePath,
      targetUrl: 'https://jobs-123.europe-west4.run.app/jobs/sync',
      audience: 'https://jobs-123.europe-west4.run.app',
      serviceAccount: 'wygc-jobs@wygc-prod.iam.gserviceaccount.com',
    });
  });

  it('keeps a trailing slash in the audience, which the jobs function compares as given', () => {
    const config = loadConfig({
      ...jobs,
      WYGC_JOBS_AUDIENCE: 'https://jobs-123.europe-west4.run.app/',
      WYGC_TASKS_QUEUE: queuePath,
    });
    expect(config.jobs.tasksQueue?.targetUrl).toBe('https://jobs-123.europe-west4.run.app/jobs/sync');
    expect(config.jobs.tasksQueue?.audience).toBe('https://jobs-123.europe-west4.run.app/');
  });

  it('refuses a queue that is not a full queue path', () => {
    for (const value of ['wygc-sync', `${queuePath}/tasks/t1`, 'projects/p/locations/l/keyRings/r']) {
      expect(() => loadConfig({ ...jobs, WYGC_TASKS_QUEUE: value })).toThrow(
        'invalid configuration: WYGC_TASKS_QUEUE: must be projects/{project}/locations/{location}/queues/{queue}',
      );
    }
  });

  it('refuses a queue without the service account and audience of the jobs function', () => {
    const message =
      'invalid configuration: WYGC_JOBS_SERVICE_ACCOUNT and WYGC_JOBS_AUDIENCE are required with WYGC_TASKS_QUEUE';
    expect(() => loadConfig({ WYGC_TASKS_QUEUE: queuePath })).toThrow(message);
    expect(() =>
      loadConfig({ WYGC_TASKS_QUEUE: queuePath, WYGC_JOBS_AUDIENCE: jobs.WYGC_JOBS_AUDIENCE }),
    ).toThrow(message);
    expect(() =>
      loadConfig({ WYGC_TASKS_QUEUE: queuePath, WYGC_JOBS_SERVICE_ACCOUNT: jobs.WYGC_JOBS_SERVICE_ACCOUNT }),
    ).toThrow(message);
  });
});
