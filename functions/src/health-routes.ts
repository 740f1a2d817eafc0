import type { Store } from '@wygc/routing-core';
import { Hono } from 'hono';

export type StoreHealth = 'ok' | 'unavailable';

/** A point read of a tenant that does not exist: one cheap round trip, no data. */
const probeStore = async (store: Store, timeoutMs: number): Promise<StoreHealth> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StoreHealth>((resolve) => {
    timer = setTimeout(() => resolve('unavailable'), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([store.tenants.get('healthz-probe').then((): StoreHealth => 'ok'), timeout]);
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
};

/**
 * `GET /healthz`: the process answers, and whether the store does. Always 200 while the process runs,
 * so a platform health check does not restart a server that only waits for its database.
 */
export const createHealthRoutes = (deps: { readonly store: Store; readonly timeoutMs?: number }) => {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', store: await probeStore(deps.store, deps.timeoutMs ?? 3000) }, 200);
  });
  return app;
};
