import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { getRequestListener } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AdminRole, Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createMemoryDriver, createStore } from '@wygc/store';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApiApp } from '../api-app.ts';
import type { ApiEnv } from '../api-env.ts';
import { createSessionTokens, type SessionTokens } from '../auth/session-tokens.ts';

export interface TestTenant {
  readonly tenantId: string;
  /** Bearer tokens of an owner, an admin and a member of this tenant. */
  readonly tokens: Readonly<Record<AdminRole, string>>;
  readonly adminIds: Readonly<Record<AdminRole, string>>;
}

export interface ApiTestHarness {
  readonly store: Store;
  readonly sessions: SessionTokens;
  /** supertest against the functions-framework test server that serves the app. */
  readonly request: ReturnType<typeof supertest>;
  /** The clock the app and the store see; tests may move it. */
  now: number;
  createTenant(name?: string): Promise<TestTenant>;
  close(): Promise<void>;
}

let registrations = 0;

/**
 * The API as production serves it (functions-framework, Hono, a real Store on the memory driver with a
 * real key file), with the route groups under test mounted by `mount`, and signed-in test tenants.
 */
export const createApiTestHarness = async (
  mount: (
    api: OpenAPIHono<ApiEnv>,
    deps: { store: Store; sessions: SessionTokens; clock: () => number },
  ) => void,
): Promise<ApiTestHarness> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-api-test-'));
  const harness = { now: Date.parse('2027-03-25T12:00:00Z') } as { now: number };
  const clock = () => harness.now;
  const store = createStore({
    driver: createMemoryDriver(),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: randomBytes(32),
    clock,
  });
  const sessions = createSessionTokens({ key: randomBytes(32), clock });
  const app = createApiApp({ store, sessions, logger: pino({ level: 'silent' }), trustProxy: false, clock });
  mount(app, { store, sessions, clock });
  const name = `api-test-${++registrations}`;
  http(name, getRequestListener(app.fetch));
  const request = supertest(getTestServer(name));

  const createTenant = async (tenantName = 'Storingsdienst BV'): Promise<TestTenant> => {
    const tenant = await store.tenants.create({ name: tenantName }, { actor: 'system:test' });
    const scoped = store.forTenant(tenant.id, { actor: 'system:test' });
    const tokens: Partial<Record<AdminRole, string>> = {};
    const adminIds: Partial<Record<AdminRole, string>> = {};
    for (const role of ['owner', 'admin', 'member'] as const) {
      const account = await scoped.admins.create({ email: `${role}@${tenant.id}.example`, role });
      const session = await sessions.issue({
        adminId: account.id,
        tenantId: tenant.id,
        role,
        amr: ['pwd', 'otp'],
      });
      tokens[role] = session.token;
      adminIds[role] = account.id;
    }
    return {
      tenantId: tenant.id,
      tokens: tokens as Record<AdminRole, string>,
      adminIds: adminIds as Record<AdminRole, string>,
    };
  };

  return Object.assign(harness, {
    store,
    sessions,
    request,
    createTenant,
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  });
};
