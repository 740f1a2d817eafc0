import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('Cloud Run functions entry', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wygc-functions-entry-'));
    // The entry reads its configuration on the first request; this test file runs in its own worker.
    process.env.WYGC_DATA_DIR = dataDir;
    process.env.WYGC_LOG_LEVEL = 'silent';
    await import('./functions.ts');
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates nothing at load, and builds the runtime on the first request', async () => {
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    const health = await supertest(getTestServer('api')).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', store: 'ok' });
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(true);
  });

  it('serves one part per function', async () => {
    const api = supertest(getTestServer('api'));
    expect((await api.get('/api/v1/openapi.json')).status).toBe(200);
    expect((await api.post('/jobs/schedule')).status).toBe(404);
    const webhooks = supertest(getTestServer('webhooks'));
    const validation = await webhooks.post('/webhooks/graph?validationToken=ok');
    expect(validation.text).toBe('ok');
    expect((await webhooks.get('/api/v1/openapi.json')).status).toBe(404);
    const jobs = supertest(getTestServer('jobs'));
    expect((await jobs.post('/jobs/schedule')).status).toBe(401);
    expect((await jobs.post('/jobs/notify')).status).toBe(401);
    expect((await jobs.get('/')).status).toBe(404);
  });

  it('has no first-visit setup in the cloud', async () => {
    const setup = await supertest(getTestServer('api'))
      .post('/api/v1/setup')
      .send({ organisation: 'X', email: 'beheer@example.nl', password: 'correct horse battery staple' });
    expect(setup.status).toBe(403);
  });

  it('serves no add-on or bot endpoints while they are not configured, and says so as JSON', async () => {
    for (const name of ['addon', 'bot']) {
      const response = await supertest(getTestServer(name)).post(
        name === 'bot' ? '/api/messages' : '/addon/homepage',
      );
      expect(response.status, name).toBe(404);
      expect(response.body.error.code, name).toBe('NOT_FOUND');
    }
  });
});
