import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GraphFake, startGraphFake } from '@wygc/calendar-sync/testing/graph';
import type { CalendarSource } from '@wygc/routing-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createRuntime, type Runtime } from './runtime.ts';

const logger = pino({ level: 'silent' });

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
});
