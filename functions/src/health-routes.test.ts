import type { Store } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { createHealthRoutes } from './health-routes.ts';

const storeWhoseGet = (get: () => Promise<undefined>) => ({ tenants: { get } }) as unknown as Store;

describe('GET /healthz', () => {
  it('says ok when the store answers', async () => {
    const app = createHealthRoutes({ store: storeWhoseGet(async () => undefined) });
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: 'ok' });
  });

  it('reports the store unavailable when it fails or does not answer in time', async () => {
    const failing = createHealthRoutes({
      store: storeWhoseGet(() => Promise.reject(new Error('database is locked'))),
    });
    expect(await (await failing.request('/healthz')).json()).toEqual({ status: 'ok', store: 'unavailable' });
    const hanging = createHealthRoutes({ store: storeWhoseGet(() => new Promise(() => {})), timeoutMs: 1 });
    const response = await hanging.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: 'unavailable' });
  });
});
