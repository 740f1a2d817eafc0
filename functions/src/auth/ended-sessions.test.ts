import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminAccount } from '@wygc/routing-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createRosterRecompiler } from '../roster-recompiler.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createServerApp } from '../server-app.ts';
import { createServerAuth } from '../server-auth.ts';
import { createEndedSessions, sessionNoLongerValid } from './ended-sessions.ts';
import type { Session } from './session-tokens.ts';

const session = (overrides: Partial<Session> = {}): Session => ({
  adminId: 'a1',
  tenantId: 't1',
  role: 'admin',
  sid: 'sid-1',
  amr: ['pwd', 'otp'],
  authTime: 0,
  expiresAt: 10_000,
  csrf: 'csrf',
  ...overrides,
});

const account = (overrides: Partial<AdminAccount> = {}): AdminAccount => ({
  id: 'a1',
  tenantId: 't1',
  email: 'beheer@example.nl',
  role: 'admin',
  identities: {},
  failedLogins: 0,
  createdAt: 0,
  ...overrides,
});

describe('sessionNoLongerValid', () => {
  it('accepts a session of the account as it is', () => {
    expect(sessionNoLongerValid(account(), session())).toBeUndefined();
  });

  it('refuses a removed or re-roled account, a signed-out session, and SSO after an unlink', () => {
    const messages = [
      sessionNoLongerValid(undefined, session()),
      sessionNoLongerValid(account({ role: 'member' }), session()),
      sessionNoLongerValid(account({ endedSessions: [{ sid: 'sid-1', expiresAt: 10_000 }] }), session()),
      sessionNoLongerValid(account(), session({ amr: ['sso'] })),
    ].map((error) => [error?.code, error?.message]);
    expect(messages).toEqual([
      ['UNAUTHENTICATED', 'Your account has changed; please sign in again.'],
      ['UNAUTHENTICATED', 'Your account has changed; please sign in again.'],
      ['UNAUTHENTICATED', 'This session was signed out; please sign in again.'],
      [
        'UNAUTHENTICATED',
        'Your Microsoft account is no longer linked to this account; please sign in again.',
      ],
    ]);
    const linked = account({ identities: { entra: { tid: 't', oid: 'o' } } });
    expect(sessionNoLongerValid(linked, session({ amr: ['sso'] }))).toBeUndefined();
  });
});

describe('a sign-out on one instance', () => {
  const clock = { now: Date.parse('2027-03-25T12:00:00Z') };
  let dataDir: string;
  let runtime: Runtime;
  /** Two server instances on one store, each with its own memory, as Cloud Run runs them. */
  let instances: ReturnType<typeof createServerApp>[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wygc-ended-sessions-'));
    const config = loadConfig({ WYGC_DATA_DIR: dataDir, WYGC_LOG_LEVEL: 'silent' });
    const logger = pino({ level: 'silent' });
    runtime = await createRuntime(config, { logger });
    instances = [0, 1].map(() => {
      const auth = createServerAuth({
        config,
        secrets: runtime.secrets,
        store: runtime.store,
        clock: () => clock.now,
        hasherParameters: { memoryKiB: 256, passes: 2, parallelism: 1 },
      });
      return createServerApp({
        runtime,
        auth,
        recompiler: createRosterRecompiler({ store: runtime.store, clock: () => clock.now, logger }),
        clock: () => clock.now,
        trustProxy: false,
        setup: true,
        parts: ['api'],
      });
    });
  });

  afterAll(async () => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const call = async (instance: number, path: string, init: RequestInit = {}) => {
    const app = instances[instance];
    if (!app) throw new Error(`no instance ${instance}`);
    const response = await app.request(path, init);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const post = (instance: number, path: string, body: unknown) =>
    call(instance, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const me = (instance: number, token: string) =>
    call(instance, '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });

  it('ends the session on every instance by its next check of the account, and only that session', async () => {
    const credentials = { email: 'beheer@example.nl', password: 'correct horse battery staple' };
    const setup = await post(0, '/api/v1/setup', { organisation: 'Storingsdienst', ...credentials });
    const token: string = setup.body.session.token;
    const other: string = (await post(1, '/api/v1/auth/login', credentials)).body.session.token;
    expect((await me(1, token)).status).toBe(200);

    const logout = await call(0, '/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect((await me(0, token)).status).toBe(401);
    // Instance 1 checked the account a moment ago; it checks again within a minute.
    clock.now += 60_000;
    const refused = await me(1, token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('This session was signed out; please sign in again.');
    expect((await me(1, other)).status).toBe(200);
    expect((await me(0, other)).status).toBe(200);
  });
});

describe('createEndedSessions', () => {
  it('keeps the sessions that have not expired, without repeats, at most 100', async () => {
    let stored = account({
      endedSessions: [
        { sid: 'expired', expiresAt: 5 },
        { sid: 'live', expiresAt: 50 },
      ],
    });
    const tenant = {
      admins: {
        get: async () => stored,
        update: async (_id: string, patch: Partial<AdminAccount>) => {
          stored = { ...stored, ...patch };
          return stored;
        },
      },
    } as unknown as Parameters<ReturnType<typeof createEndedSessions>['end']>[0];
    const ended = createEndedSessions({ clock: () => 10 });
    await ended.end(tenant, session({ sid: 'now', expiresAt: 100 }));
    await ended.end(tenant, session({ sid: 'now', expiresAt: 100 }));
    expect(stored.endedSessions).toEqual([
      { sid: 'live', expiresAt: 50 },
      { sid: 'now', expiresAt: 100 },
    ]);
    for (let index = 0; index < 120; index++)
      await ended.end(tenant, session({ sid: `s${index}`, expiresAt: 1000 }));
    expect(stored.endedSessions).toHaveLength(100);
    expect(stored.endedSessions?.at(-1)?.sid).toBe('s119');
  });
});
