import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudTasksClient } from '@wygc/calendar-sync';
import { type GraphFake, startGraphFake } from '@wygc/calendar-sync/testing/graph';
import type { CalendarSource } from '@wygc/routing-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdentityProvider } from './auth/test-identity-provider.ts';
import { loadConfig } from './config.ts';
import { createRosterRecompiler } from './roster-recompiler.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { createServerApp } from './server-app.ts';
import { createServerAuth } from './server-auth.ts';

const logger = pino({ level: 'silent' });

type CreateTaskRequest = Parameters<CloudTasksClient['createTask']>[0];

const recordingTasksClient = () => {
  const requests: CreateTaskRequest[] = [];
  const client: CloudTasksClient = {
    async createTask(request) {
      requests.push(request);
      return [{}];
    },
  };
  return { client, requests };
};

const tasksQueue = 'projects/wygc-prod/locations/europe-west4/queues/wygc-sync';
const jobsServiceAccount = 'wygc-jobs@wygc-prod.iam.gserviceaccount.com';
const jobsAudience = 'https://jobs-123.europe-west4.run.app';
const tasksEnv = {
  WYGC_TASKS_QUEUE: tasksQueue,
  WYGC_JOBS_SERVICE_ACCOUNT: jobsServiceAccount,
  WYGC_JOBS_AUDIENCE: jobsAudience,
};

describe('createRuntime', () => {
  let dir: string;
  let graph: GraphFake;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wygc-runtime-test-'));
    graph = await startGraphFake();
  });

  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
    await graph.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (
    env: Record<string, string>,
    name: string,
    overrides: Parameters<typeof createRuntime>[1] = {},
  ) => {
    const runtime = await createRuntime(loadConfig({ WYGC_DATA_DIR: join(dir, name), ...env }), {
      logger,
      ...overrides,
    });
    runtimes.push(runtime);
    return runtime;
  };

  it('has only ICS and CalDAV without provider credentials, and polls when not reachable over https', async () => {
    const runtime = await start({}, 'plain');
    expect(Object.keys(runtime.adapters).sort()).toEqual(['caldav', 'ics']);
    expect(runtime.push).toEqual({});
    expect(runtime.googleTokenUrl).toBe('https://oauth2.googleapis.com/token');
  });

  it('creates the Google and Microsoft adapters from configuration, and push endpoints for an https URL', async () => {
    const runtime = await start(
      {
        WYGC_PUBLIC_URL: 'https://wygc.example.net/',
        WYGC_GOOGLE_CLIENT_ID: 'wygc-app.apps.googleusercontent.com',
        WYGC_GOOGLE_CLIENT_SECRET: 'app-secret',
        WYGC_MS_CLIENT_ID: graph.clientId,
        WYGC_MS_CLIENT_SECRET: graph.clientSecret,
      },
      'providers',
      {
        providers: {
          microsoft: { baseUrl: graph.baseUrl, authorityHost: graph.authorityHost, fetch: graph.fetch },
        },
      },
    );
    expect(Object.keys(runtime.adapters).sort()).toEqual(['caldav', 'google', 'ics', 'microsoft']);
    expect(runtime.push).toEqual({
      google: 'https://wygc.example.net/webhooks/google',
      microsoft: 'https://wygc.example.net/webhooks/graph',
      microsoftLifecycle: 'https://wygc.example.net/webhooks/graph/lifecycle',
    });
    // The overrides reach the adapter: it reads a calendar from the fake, not from Microsoft.
    graph.calendars.create('users/planner/calendar', { name: 'Storingsdienst 365' });
    const source: CalendarSource = {
      id: 's-1',
      tenantId: 't-1',
      provider: 'microsoft',
      externalId: 'users/planner/calendar',
      name: 'x',
      timeZone: 'Europe/Amsterdam',
      zones: {},
      credentials: { tenantId: graph.tenantId },
      createdAt: 0,
    };
    expect((await runtime.adapters.microsoft?.describe(source))?.name).toBe('Storingsdienst 365');
  });

  it('creates the Google adapter from a service-account key file alone, and refuses a bad one', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'service-account.json');
    await writeFile(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        client_email: 'wygc-sync@wygc-prod.iam.gserviceaccount.com',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
        private_key_id: 'k1',
      }),
    );
    const runtime = await start({ WYGC_GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile }, 'delegation');
    expect(runtime.adapters.google?.provider).toBe('google');
    expect(runtime.adapters.microsoft).toBeUndefined();

    const badFile = join(dir, 'bad-service-account.json');
    await writeFile(badFile, JSON.stringify({ client_email: 'wygc-sync@wygc-prod.iam.gserviceaccount.com' }));
    await expect(start({ WYGC_GOOGLE_SERVICE_ACCOUNT_KEY_FILE: badFile }, 'bad')).rejects.toThrow(
      /lacks client_email or private_key/,
    );
  });

  it('queues syncs as Cloud Tasks for the jobs function when a queue is configured', async () => {
    const tasks = recordingTasksClient();
    const runtime = await start(tasksEnv, 'tasks', { tasksClient: tasks.client });
    await runtime.queue.enqueue({ tenantId: 't-1', sourceId: 's-1' });
    await runtime.queue.idle();

    expect(tasks.requests).toHaveLength(1);
    const [request] = tasks.requests;
    expect(request?.parent).toBe(tasksQueue);
    expect(request?.task.name).toMatch(
      /^projects\/wygc-prod\/locations\/europe-west4\/queues\/wygc-sync\/tasks\/sync-t-1-s-1-\d+$/,
    );
    expect(request?.task.httpRequest).toMatchObject({
      httpMethod: 'POST',
      url: 'https://jobs-123.europe-west4.run.app/jobs/sync',
      headers: { 'Content-Type': 'application/json' },
      oidcToken: { serviceAccountEmail: jobsServiceAccount, audience: jobsAudience },
    });
    expect(JSON.parse(Buffer.from(request?.task.httpRequest.body ?? '', 'base64').toString('utf8'))).toEqual({
      tenantId: 't-1',
      sourceId: 's-1',
    });
  });

  it('runs syncs in-process without a queue, and leaves a Cloud Tasks client unused', async () => {
    const lines: string[] = [];
    const capturing = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const tasks = recordingTasksClient();
    const runtime = await start({}, 'in-process', { logger: capturing, tasksClient: tasks.client });
    await runtime.queue.enqueue({ tenantId: 't-missing', sourceId: 's-missing' });
    await runtime.queue.idle();

    expect(tasks.requests).toEqual([]);
    // The sync ran here: a calendar that does not exist fails it, and the failure is logged.
    const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'sync job failed');
    expect(failures).toMatchObject([{ tenantId: 't-missing', sourceId: 's-missing' }]);
  });

  it('queues tasks the jobs function accepts: its OIDC audience is the one configured, not the task URL', async () => {
    const idp = await startTestIdentityProvider();
    try {
      const tasks = recordingTasksClient();
      const runtime = await start(tasksEnv, 'tasks-accepted', { tasksClient: tasks.client });
      const clock = Date.now;
      const app = createServerApp({
        runtime,
        auth: createServerAuth({
          config: runtime.config,
          secrets: runtime.secrets,
          store: runtime.store,
          clock,
          googleJwksUrl: idp.jwksUrl,
        }),
        recompiler: createRosterRecompiler({ store: runtime.store, clock, logger }),
        trustProxy: false,
        setup: false,
        parts: ['jobs'],
      });
      await runtime.queue.enqueue({ tenantId: 't-gone', sourceId: 's-gone' });
      const [request] = tasks.requests;
      if (!request) throw new Error('no task was created');
      const { url, headers, body, oidcToken } = request.task.httpRequest;

      // What Cloud Tasks does with the task: POST the body to the URL with a token as the service account.
      const deliver = async (audience: string) => {
        const now = Math.floor(clock() / 1000);
        const token = await idp.sign({
          iss: 'https://accounts.google.com',
          aud: audience,
          sub: '104857600000000000002',
          email: oidcToken.serviceAccountEmail,
          email_verified: true,
          iat: now - 10,
          exp: now + 3600,
        });
        return app.request(new URL(url).pathname, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${token}` },
          body: Buffer.from(body, 'base64'),
        });
      };
      const accepted = await deliver(oidcToken.audience);
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toMatchObject({
        tenantId: 't-gone',
        sourceId: 's-gone',
        ok: false,
        error: 'no such calendar',
      });
      expect((await deliver(url)).status).toBe(401);
    } finally {
      await idp.close();
    }
  });
});
