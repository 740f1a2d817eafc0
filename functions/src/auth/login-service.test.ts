import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminAccount, AuditEntry, Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createMemoryDriver, createStore } from '@wygc/store';
import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.ts';
import type { EntraIdentity, EntraTokenVerifier } from './entra-token-verifier.ts';
import { createLoginService, defaultLoginLimits, type LoginLimits } from './login-service.ts';
import { createPasswordHasher } from './password-hasher.ts';
import { createSecondFactorTickets } from './second-factor-tickets.ts';
import { createSessionTokens } from './session-tokens.ts';
import { createTotp } from './totp.ts';

const start = Date.UTC(2027, 2, 22, 9, 0, 10);
const password = 'correct horse battery staple';
const email = 'jan@example.com';
const sourceIp = '192.0.2.10';
const cheap = { memoryKiB: 256, passes: 2, parallelism: 1 };
const linkedEntra: EntraIdentity = { tid: 'entra-tenant', oid: 'entra-user' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A stand-in for Microsoft: "valid:<tid>:<oid>" verifies, anything else is refused. */
const fakeEntra: EntraTokenVerifier = {
  verify: async (token) => {
    const [kind, tid, oid] = token.split(':');
    if (kind !== 'valid' || !tid || !oid) throw new HttpError('UNAUTHENTICATED', 'bad token');
    return { tid, oid };
  },
};

const setup = async (
  limits: Partial<LoginLimits> = {},
  /** What the service sees of the store, e.g. a lookup index that lags behind (another instance). */
  view: (store: Store) => Store = (store) => store,
) => {
  let now = start;
  const clock = () => now;
  // The store's clock ticks a millisecond per call so that audit entries sort in the order written.
  let ticks = 0;
  const storeClock = () => now + ticks++;
  const dir = await mkdtemp(join(tmpdir(), 'wygc-login-'));
  const store: Store = createStore({
    driver: createMemoryDriver(),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(1),
    clock: storeClock,
  });
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const hasher = createPasswordHasher({ parameters: cheap });
  const totp = createTotp({ clock });
  const sessions = createSessionTokens({ key: randomBytes(32), clock });
  const service = createLoginService({
    store: view(store),
    clock,
    hasher,
    totp,
    sessions,
    tickets: createSecondFactorTickets({ key: randomBytes(32), clock }),
    entra: fakeEntra,
    limits: { ...defaultLoginLimits, ...limits },
  });

  const system = { actor: 'system:test' };
  const addAdmin = async (
    input: { tenantName?: string; withPassword?: boolean; linkEntra?: boolean } = {},
  ) => {
    const tenant = await store.tenants.create({ name: input.tenantName ?? 'Acme' }, system);
    const admins = store.forTenant(tenant.id, system).admins;
    const admin = await admins.create({
      email,
      role: 'owner',
      ...(input.withPassword === false ? {} : { passwordHash: await hasher.hash(password) }),
      identities: input.linkEntra === false ? {} : { entra: linkedEntra },
    });
    return { tenantId: tenant.id, admin };
  };

  const account = async (tenantId: string, adminId: string): Promise<AdminAccount> => {
    const admin = await store.forTenant(tenantId, system).admins.get(adminId);
    if (!admin) throw new Error('admin vanished');
    return admin;
  };

  const authAudit = async (
    tenantId: string,
  ): Promise<Pick<AuditEntry, 'action' | 'outcome' | 'sourceIp' | 'actor'>[]> => {
    const { items } = await store.forTenant(tenantId, system).audit.list();
    return [...items]
      .sort((a, b) => a.at - b.at)
      .filter((entry) => entry.action.startsWith('auth.'))
      .map(({ action, outcome, sourceIp: ip, actor }) => ({
        action,
        outcome,
        actor,
        ...(ip ? { sourceIp: ip } : {}),
      }));
  };

  const enrolTotp = async (tenantId: string, adminId: string) => {
    const { secret } = await totp.offer(email);
    await store
      .forTenant(tenantId, system)
      .admins.update(adminId, { totp: { secret, confirmed: true, lastStep: 0 } });
    return { codeAt: (ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) }) };
  };

  return {
    service,
    sessions,
    hasher,
    store,
    addAdmin,
    account,
    authAudit,
    enrolTotp,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

const failure = async (promise: Promise<unknown>): Promise<HttpError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
};

const credentialsMessage =
  'The email or password is incorrect, or the account is temporarily locked after repeated failures.';

describe('login with a password', () => {
  it('opens a password session for an account without TOTP and audits it', async () => {
    const { service, sessions, addAdmin, authAudit } = await setup();
    const { tenantId, admin } = await addAdmin();
    const result = await service.login({ email, password, sourceIp });
    if (result.type !== 'session') throw new Error('expected a session');
    expect(result.session).toMatchObject({ adminId: admin.id, tenantId, role: 'owner', amr: ['pwd'] });
    expect(await sessions.verify(result.session.token)).toMatchObject({ adminId: admin.id });
    expect(await authAudit(tenantId)).toEqual([
      { action: 'auth.login', outcome: 'success', actor: `admin:${admin.id}`, sourceIp },
    ]);
  });

  it('matches the email whatever its case', async () => {
    const { service, addAdmin } = await setup();
    await addAdmin();
    expect((await service.login({ email: ' JAN@Example.com ', password, sourceIp })).type).toBe('session');
  });

  it('refuses a wrong password, counts it and audits it', async () => {
    const { service, addAdmin, account, authAudit } = await setup();
    const { tenantId, admin } = await addAdmin();
    const error = await failure(service.login({ email, password: 'wrong password!', sourceIp }));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: credentialsMessage });
    expect((await account(tenantId, admin.id)).failedLogins).toBe(1);
    expect(await authAudit(tenantId)).toEqual([
      { action: 'auth.login', outcome: 'failure', actor: `admin:${admin.id}`, sourceIp },
    ]);
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const { service, addAdmin } = await setup();
    await addAdmin();
    const unknown = await failure(service.login({ email: 'nobody@example.com', password, sourceIp }));
    const wrong = await failure(service.login({ email, password: 'wrong password!', sourceIp }));
    expect(unknown.toBody()).toEqual(wrong.toBody());
    expect(unknown.status).toBe(wrong.status);
  });

  it('refuses an account without a password (SSO only) with the same answer', async () => {
    const { service, addAdmin } = await setup();
    await addAdmin({ withPassword: false });
    const error = await failure(service.login({ email, password, sourceIp }));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: credentialsMessage });
  });

  it('resets the failure count after a successful login', async () => {
    const { service, addAdmin, account } = await setup();
    const { tenantId, admin } = await addAdmin();
    for (let i = 0; i < 3; i++)
      await failure(service.login({ email, password: 'wrong password!', sourceIp }));
    expect((await account(tenantId, admin.id)).failedLogins).toBe(3);
    await service.login({ email, password, sourceIp });
    expect((await account(tenantId, admin.id)).failedLogins).toBe(0);
  });

  it('locks the account for 15 minutes after 5 consecutive failures, then lets the right password in', async () => {
    const { service, addAdmin, account, authAudit, advance, now } = await setup({
      perIp: { capacity: 100, intervalMs: 60_000 },
      perEmail: { capacity: 100, intervalMs: 60_000 },
    });
    const { tenantId, admin } = await addAdmin();
    for (let i = 0; i < 5; i++)
      await failure(service.login({ email, password: 'wrong password!', sourceIp }));
    expect((await account(tenantId, admin.id)).lockedUntil).toBe(now() + 15 * 60_000);
    const audit = await authAudit(tenantId);
    expect(audit.filter((entry) => entry.action === 'auth.login').map((entry) => entry.outcome)).toEqual(
      Array(5).fill('failure'),
    );
    expect(audit.filter((entry) => entry.action === 'auth.lockout')).toEqual([
      { action: 'auth.lockout', outcome: 'success', actor: `admin:${admin.id}`, sourceIp },
    ]);

    advance(15 * 60_000 - 1);
    const locked = await failure(service.login({ email, password, sourceIp }));
    expect(locked).toMatchObject({ code: 'UNAUTHENTICATED', message: credentialsMessage });
    expect((await authAudit(tenantId)).at(-1)).toMatchObject({ action: 'auth.login', outcome: 'denied' });

    advance(1);
    expect((await service.login({ email, password, sourceIp })).type).toBe('session');
    const unlocked = await account(tenantId, admin.id);
    expect(unlocked.lockedUntil).toBeUndefined();
    expect(unlocked.failedLogins).toBe(0);
  });

  it('counts parallel wrong passwords one by one, so bursts cannot skip the lockout', async () => {
    const { service, addAdmin, account } = await setup({
      perIp: { capacity: 100, intervalMs: 60_000 },
      perEmail: { capacity: 100, intervalMs: 60_000 },
    });
    const { tenantId, admin } = await addAdmin();
    await Promise.all(
      [1, 2, 3, 4, 5].map(() => failure(service.login({ email, password: 'wrong password!', sourceIp }))),
    );
    expect((await account(tenantId, admin.id)).lockedUntil).toBeGreaterThan(start);
  });

  it('limits attempts per source IP and says when to retry', async () => {
    const { service, addAdmin, advance } = await setup({ perIp: { capacity: 3, intervalMs: 60_000 } });
    await addAdmin();
    for (const address of ['a', 'b', 'c']) {
      await failure(service.login({ email: `${address}@example.com`, password, sourceIp }));
    }
    const limited = await failure(service.login({ email, password, sourceIp }));
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfterSeconds: 20 });
    expect((await service.login({ email, password, sourceIp: '198.51.100.7' })).type).toBe('session');
    advance(20_000);
    expect((await service.login({ email, password, sourceIp })).type).toBe('session');
  });

  it('limits attempts per email across source IPs', async () => {
    const { service } = await setup({ perEmail: { capacity: 2, intervalMs: 60_000 } });
    await failure(service.login({ email, password, sourceIp: '192.0.2.1' }));
    await failure(service.login({ email: 'JAN@example.com', password, sourceIp: '192.0.2.2' }));
    const limited = await failure(service.login({ email, password, sourceIp: '192.0.2.3' }));
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 30 });
  });

  it('refuses malformed input before touching any account', async () => {
    const { service } = await setup();
    await expect(service.login({ email, password: '', sourceIp })).rejects.toThrow();
    await expect(service.login({ email, password: 'x'.repeat(1025), sourceIp })).rejects.toThrow();
  });

  it('signs in to the first tenant of a shared email unless a tenant is chosen', async () => {
    const { service, addAdmin } = await setup();
    const accounts = [
      await addAdmin({ tenantName: 'One' }),
      await addAdmin({ tenantName: 'Two', linkEntra: false }),
    ];
    const [first, second] = accounts.toSorted((a, b) => a.tenantId.localeCompare(b.tenantId));
    for (let attempt = 0; attempt < 2; attempt++) {
      const anyTenant = await service.login({ email, password, sourceIp });
      expect(anyTenant.type === 'session' && anyTenant.session.tenantId).toBe(first?.tenantId);
    }
    const chosen = await service.login({ email, password, sourceIp, tenantId: second?.tenantId });
    expect(chosen.type === 'session' && chosen.session.adminId).toBe(second?.admin.id);
    const elsewhere = await failure(service.login({ email, password, sourceIp, tenantId: 'other-tenant' }));
    expect(elsewhere.message).toBe(credentialsMessage);
  });

  it('upgrades a hash made with outdated parameters on a successful login', async () => {
    const { service, store, hasher, addAdmin, account } = await setup();
    const { tenantId, admin } = await addAdmin();
    const outdated = await createPasswordHasher({
      parameters: { memoryKiB: 128, passes: 3, parallelism: 1 },
    }).hash(password);
    await store
      .forTenant(tenantId, { actor: 'system:test' })
      .admins.update(admin.id, { passwordHash: outdated });
    await service.login({ email, password, sourceIp });
    const upgraded = (await account(tenantId, admin.id)).passwordHash ?? '';
    expect(upgraded).not.toBe(outdated);
    expect(hasher.needsRehash(upgraded)).toBe(false);
    expect(await hasher.verify(password, upgraded)).toBe(true);
  });
});

describe('login with a password and TOTP', () => {
  it('asks for the code, then opens a pwd+otp session and remembers the step', async () => {
    const { service, addAdmin, enrolTotp, account, authAudit, now } = await setup();
    const { tenantId, admin } = await addAdmin();
    const { codeAt } = await enrolTotp(tenantId, admin.id);

    const first = await service.login({ email, password, sourceIp });
    if (first.type !== 'second-factor') throw new Error('expected a second-factor challenge');
    const wrongCode = String((Number(await codeAt(now())) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await failure(service.verifyTotp({ ticket: first.ticket, code: wrongCode, sourceIp }));
    expect(wrong.code).toBe('UNAUTHENTICATED');

    const session = await service.verifyTotp({ ticket: first.ticket, code: await codeAt(now()), sourceIp });
    expect(session).toMatchObject({ adminId: admin.id, tenantId, amr: ['pwd', 'otp'] });
    const stored = await account(tenantId, admin.id);
    expect(stored.totp?.lastStep).toBe(Math.floor(now() / 30_000));
    expect(stored.failedLogins).toBe(0);
    expect((await authAudit(tenantId)).map(({ action, outcome }) => `${action} ${outcome}`)).toEqual([
      'auth.login success',
      'auth.totp failure',
      'auth.totp success',
    ]);
  });

  it('refuses the same ticket twice and the same code on a new ticket', async () => {
    const { service, addAdmin, enrolTotp, advance, now } = await setup();
    const { tenantId, admin } = await addAdmin();
    const { codeAt } = await enrolTotp(tenantId, admin.id);
    const code = await codeAt(now());
    const first = await service.login({ email, password, sourceIp });
    if (first.type !== 'second-factor') throw new Error('expected a second-factor challenge');
    await service.verifyTotp({ ticket: first.ticket, code, sourceIp });
    expect((await failure(service.verifyTotp({ ticket: first.ticket, code, sourceIp }))).code).toBe(
      'UNAUTHENTICATED',
    );

    const second = await service.login({ email, password, sourceIp });
    if (second.type !== 'second-factor') throw new Error('expected a second-factor challenge');
    const replay = await failure(service.verifyTotp({ ticket: second.ticket, code, sourceIp }));
    expect(replay.message).toBe(
      'The code is incorrect, or the account is temporarily locked after repeated failures.',
    );
    advance(30_000);
    await expect(
      service.verifyTotp({ ticket: second.ticket, code: await codeAt(now()), sourceIp }),
    ).resolves.toMatchObject({ amr: ['pwd', 'otp'] });
  });

  it('refuses an expired ticket', async () => {
    const { service, addAdmin, enrolTotp, advance, now } = await setup();
    const { tenantId, admin } = await addAdmin();
    const { codeAt } = await enrolTotp(tenantId, admin.id);
    const result = await service.login({ email, password, sourceIp });
    if (result.type !== 'second-factor') throw new Error('expected a second-factor challenge');
    advance(5 * 60_000);
    const error = await failure(
      service.verifyTotp({ ticket: result.ticket, code: await codeAt(now()), sourceIp }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('counts wrong codes towards the lockout, also across new tickets', async () => {
    const { service, addAdmin, enrolTotp, account, authAudit } = await setup({
      perIp: { capacity: 100, intervalMs: 60_000 },
      perEmail: { capacity: 100, intervalMs: 60_000 },
    });
    const { tenantId, admin } = await addAdmin();
    await enrolTotp(tenantId, admin.id);
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await service.login({ email, password, sourceIp });
      if (result.type !== 'second-factor') throw new Error('expected a second-factor challenge');
      await failure(service.verifyTotp({ ticket: result.ticket, code: '000000', sourceIp }));
    }
    expect((await account(tenantId, admin.id)).lockedUntil).toBeGreaterThan(start);
    expect((await authAudit(tenantId)).filter((entry) => entry.action === 'auth.lockout')).toHaveLength(1);
    expect(await failure(service.login({ email, password, sourceIp }))).toMatchObject({
      message: credentialsMessage,
    });
  });
});

describe('login with Teams SSO', () => {
  it('opens an sso session for a linked Microsoft account and audits it', async () => {
    const { service, addAdmin, authAudit } = await setup();
    const { tenantId, admin } = await addAdmin();
    const session = await service.loginWithEntra({
      token: `valid:${linkedEntra.tid}:${linkedEntra.oid}`,
      sourceIp,
    });
    expect(session).toMatchObject({ adminId: admin.id, tenantId, role: 'owner', amr: ['sso'] });
    expect(await authAudit(tenantId)).toEqual([
      { action: 'auth.sso', outcome: 'success', actor: `admin:${admin.id}`, sourceIp },
    ]);
  });

  it('tells a Microsoft user without an account to ask for an invitation', async () => {
    const { service, addAdmin } = await setup();
    await addAdmin();
    const error = await failure(
      service.loginWithEntra({ token: 'valid:entra-tenant:someone-else', sourceIp }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('ask an administrator to invite you');
  });

  it("passes the verifier's refusal on", async () => {
    const { service } = await setup();
    expect((await failure(service.loginWithEntra({ token: 'forged', sourceIp }))).code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('linking a Microsoft account', () => {
  const otherEntra = { tid: 'entra-tenant', oid: 'another-user' };
  const tokenOf = (identity: EntraIdentity) => `valid:${identity.tid}:${identity.oid}`;
  const linkAudit = async (entries: Promise<Pick<AuditEntry, 'action' | 'outcome'>[]>) =>
    (await entries)
      .filter((entry) => entry.action.startsWith('auth.identity.'))
      .map(({ action, outcome }) => `${action} ${outcome}`);

  it('links from a password + code session, and Teams SSO then signs in to that account', async () => {
    const { service, sessions, addAdmin, account, authAudit } = await setup();
    // Linked to another Microsoft account before: the new link replaces it.
    const { tenantId, admin } = await addAdmin();
    const session = await sessions.issue({ adminId: admin.id, tenantId, role: 'owner', amr: ['pwd', 'otp'] });
    await service.linkEntra({ token: tokenOf(otherEntra), session, sourceIp });
    expect((await account(tenantId, admin.id)).identities).toEqual({ entra: otherEntra });
    await expect(service.loginWithEntra({ token: tokenOf(otherEntra), sourceIp })).resolves.toMatchObject({
      adminId: admin.id,
      amr: ['sso'],
    });
    expect((await failure(service.loginWithEntra({ token: tokenOf(linkedEntra), sourceIp }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await authAudit(tenantId)).toContainEqual({
      action: 'auth.identity.link',
      outcome: 'success',
      actor: `admin:${admin.id}`,
      sourceIp,
    });
  });

  it('refuses sessions without password and code', async () => {
    const { service, sessions, addAdmin, account, authAudit } = await setup();
    const { tenantId, admin } = await addAdmin({ linkEntra: false });
    for (const amr of [['sso'], ['pwd']] as const) {
      const session = await sessions.issue({ adminId: admin.id, tenantId, role: 'owner', amr });
      const error = await failure(service.linkEntra({ token: tokenOf(otherEntra), session, sourceIp }));
      expect(error.code).toBe('FORBIDDEN');
    }
    expect((await account(tenantId, admin.id)).identities).toEqual({});
    expect(await linkAudit(authAudit(tenantId))).toEqual([
      'auth.identity.link denied',
      'auth.identity.link denied',
    ]);
  });

  it('answers CONFLICT when the store finds the identity on another account after the lookup missed it', async () => {
    // The lookup index lags behind: only the store's own uniqueness rule can see the other account.
    const { service, sessions, addAdmin, account, authAudit } = await setup({}, (store) => ({
      ...store,
      lookups: { ...store.lookups, adminByIdentity: async () => undefined },
    }));
    await addAdmin({ tenantName: 'Holder' });
    const { tenantId, admin } = await addAdmin({ tenantName: 'Latecomer', linkEntra: false });
    const session = await sessions.issue({ adminId: admin.id, tenantId, role: 'owner', amr: ['pwd', 'otp'] });
    const error = await failure(service.linkEntra({ token: tokenOf(linkedEntra), session, sourceIp }));
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(error.message).toContain('already linked to another WhoYouGonnaCall account');
    expect((await account(tenantId, admin.id)).identities).toEqual({});
    expect(await linkAudit(authAudit(tenantId))).toEqual(['auth.identity.link denied']);
  });

  it('counts link attempts against the per-IP sign-in limit', async () => {
    const { service, sessions, addAdmin } = await setup({ perIp: { capacity: 2, intervalMs: 60_000 } });
    const { tenantId, admin } = await addAdmin({ linkEntra: false });
    const session = await sessions.issue({ adminId: admin.id, tenantId, role: 'owner', amr: ['pwd', 'otp'] });
    await failure(service.linkEntra({ token: 'forged', session, sourceIp }));
    await failure(service.linkEntra({ token: 'forged', session, sourceIp }));
    const limited = await failure(service.linkEntra({ token: tokenOf(otherEntra), session, sourceIp }));
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
  });

  it('unlinks, but not the only way an account without a password signs in', async () => {
    const { service, sessions, addAdmin, account, authAudit } = await setup();
    const { tenantId, admin } = await addAdmin();
    const session = await sessions.issue({ adminId: admin.id, tenantId, role: 'owner', amr: ['sso'] });
    await service.unlinkEntra({ session, sourceIp });
    expect((await account(tenantId, admin.id)).identities).toEqual({});
    expect(await linkAudit(authAudit(tenantId))).toEqual(['auth.identity.unlink success']);
    expect((await failure(service.loginWithEntra({ token: tokenOf(linkedEntra), sourceIp }))).code).toBe(
      'FORBIDDEN',
    );

    const ssoOnly = await addAdmin({ tenantName: 'SSO only', withPassword: false, linkEntra: true });
    // The first account no longer holds the identity, so the second may have it.
    const ssoSession = await sessions.issue({
      adminId: ssoOnly.admin.id,
      tenantId: ssoOnly.tenantId,
      role: 'owner',
      amr: ['sso'],
    });
    expect((await failure(service.unlinkEntra({ session: ssoSession, sourceIp }))).code).toBe('CONFLICT');
    expect((await account(ssoOnly.tenantId, ssoOnly.admin.id)).identities).toEqual({ entra: linkedEntra });
  });
});
