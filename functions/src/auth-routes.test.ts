import { randomBytes } from 'node:crypto';
import type { Store } from '@wygc/routing-core';
import { isStoreError } from '@wygc/store';
import { generate, generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminRoutes } from './admin-routes.ts';
import { createEndedSessions } from './auth/ended-sessions.ts';
import { createEntraTokenVerifier } from './auth/entra-token-verifier.ts';
import { createLoginService, defaultLoginLimits } from './auth/login-service.ts';
import { createPasswordHasher } from './auth/password-hasher.ts';
import { createSecondFactorTickets } from './auth/second-factor-tickets.ts';
import { sessionCookieName } from './auth/session-tokens.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from './auth/test-identity-provider.ts';
import { createTotp } from './auth/totp.ts';
import { createAuthRoutes } from './auth-routes.ts';
import { createInvitationTokens } from './invitation-tokens.ts';
import { type ApiTestHarness, createApiTestHarness } from './testing/api-test-harness.ts';

const password = 'correct horse battery staple';
const cheap = { memoryKiB: 256, passes: 2, parallelism: 1 };
const hasher = createPasswordHasher({ parameters: cheap });
const teamsClientId = '11111111-1111-4111-8111-111111111111';
const entraTenant = '22222222-2222-4222-8222-222222222222';
const json = { 'content-type': 'application/json' };

interface AuthHarness {
  readonly harness: ApiTestHarness;
  readonly invitationKey: Uint8Array;
}

/** The auth routes (and the admin routes that invite) on the API test harness, with cheap hashing. */
const startAuthHarness = async (options: { setup: boolean; jwksUrl: string }): Promise<AuthHarness> => {
  const invitationKey = randomBytes(32);
  const harness = await createApiTestHarness((api, { store, sessions, clock }) => {
    const totp = createTotp({ clock });
    const loginService = createLoginService({
      store,
      clock,
      hasher,
      totp,
      sessions,
      tickets: createSecondFactorTickets({ key: randomBytes(32), clock }),
      entra: createEntraTokenVerifier({
        clientId: teamsClientId,
        applicationIdUri: `api://localhost/${teamsClientId}`,
        allowedTenantIds: [entraTenant],
        jwksUrl: options.jwksUrl,
        clock,
      }),
      // Every request comes from 127.0.0.1: the per-IP limit would couple the tests to each other.
      limits: { ...defaultLoginLimits, perIp: { capacity: 1000, intervalMs: 60_000 } },
    });
    api.route(
      '/api/v1',
      createAuthRoutes({
        store,
        loginService,
        sessions,
        endedSessions: createEndedSessions({ clock }),
        hasher,
        totp,
        invitations: createInvitationTokens({ key: invitationKey, clock }),
        setup: options.setup,
      }),
    );
    api.route('/api/v1', createAdminRoutes({ invitationKey, clock }));
  });
  return { harness, invitationKey };
};

let accounts = 0;

/** An organisation with one owner who has a password (and optionally a linked Microsoft identity). */
const addAccount = async (store: Store, input: { entraOid?: string } = {}) => {
  const email = `owner-${++accounts}@example.nl`;
  const tenant = await store.tenants.create({ name: `Org ${accounts}` }, { actor: 'system:test' });
  const admin = await store.forTenant(tenant.id, { actor: 'system:test' }).admins.create({
    email,
    role: 'owner',
    passwordHash: await hasher.hash(password),
    ...(input.entraOid ? { identities: { entra: { tid: entraTenant, oid: input.entraOid } } } : {}),
  });
  return { email, tenantId: tenant.id, adminId: admin.id };
};

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The claims of a Teams SSO token (v2.0) of the allowed Entra tenant, valid for an hour from `now`. */
const entraClaims = (now: number, oid: string, overrides: Record<string, unknown> = {}) => {
  const seconds = Math.floor(now / 1000);
  return {
    ver: '2.0',
    iss: `https://login.microsoftonline.com/${entraTenant}/v2.0`,
    aud: teamsClientId,
    tid: entraTenant,
    oid,
    scp: 'access_as_user',
    iat: seconds,
    nbf: seconds,
    exp: seconds + 3600,
    ...overrides,
  };
};

const sessionCookie = (setCookie: string[] | string | undefined): string => {
  const cookie = [setCookie ?? []].flat().find((value) => value.startsWith(`${sessionCookieName}=`));
  if (!cookie) throw new Error('no session cookie was set');
  return cookie.split(';')[0] as string;
};

describe('auth API', () => {
  let idp: TestIdentityProvider;
  let auth: AuthHarness;
  let harness: ApiTestHarness;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    auth = await startAuthHarness({ setup: true, jwksUrl: idp.jwksUrl });
    harness = auth.harness;
  });

  afterAll(async () => {
    await harness.close();
    await idp.close();
  });

  const login = (body: object, query = '') =>
    harness.request.post(`/api/v1/auth/login${query}`).set(json).send(body);

  it('signs in with the right password and says who is signed in', async () => {
    const account = await addAccount(harness.store);
    const response = await login({ email: account.email, password });
    expect(response.status).toBe(200);
    expect(response.body.session).toMatchObject({ role: 'owner', tenantId: account.tenantId });
    expect(typeof response.body.session.token).toBe('string');
    expect(typeof response.body.session.csrf).toBe('string');
    expect(response.headers['set-cookie']).toBeUndefined();
    const me = await harness.request.get('/api/v1/auth/me').set(bearer(response.body.session.token));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      adminId: account.adminId,
      tenantId: account.tenantId,
      role: 'owner',
      email: account.email,
      totpEnrolled: false,
      sso: { entra: false, google: false },
      tenant: { name: expect.stringMatching(/^Org /), timeZone: 'Europe/Amsterdam' },
    });
  });

  it('refuses a wrong password and an unknown email alike, and audits the failure', async () => {
    const account = await addAccount(harness.store);
    const wrong = await login({ email: account.email, password: 'not the password at all' });
    const unknown = await login({ email: 'nobody@example.nl', password });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
    const audit = await harness.store.forTenant(account.tenantId, { actor: 'system:test' }).audit.list();
    expect(audit.items.some((entry) => entry.action === 'auth.login' && entry.outcome === 'failure')).toBe(
      true,
    );
  });

  it('locks the account after repeated wrong passwords, and rate-limits per email', async () => {
    const account = await addAccount(harness.store);
    for (let attempt = 0; attempt < defaultLoginLimits.maxFailures; attempt++) {
      expect((await login({ email: account.email, password: `wrong password ${attempt}` })).status).toBe(401);
    }
    const throttled = await login({ email: account.email, password });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    harness.now += 61_000;
    const locked = await login({ email: account.email, password });
    expect(locked.status).toBe(401);
    harness.now += defaultLoginLimits.lockoutMs;
    expect((await login({ email: account.email, password })).status).toBe(200);
  });

  it('enrols TOTP, then asks for the code at sign-in and refuses a replayed code', async () => {
    const account = await addAccount(harness.store);
    const first = await login({ email: account.email, password });
    const token = first.body.session.token as string;
    const enrol = await harness.request.post('/api/v1/auth/totp/enrol').set(bearer(token));
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = enrol.body.secret as string;
    const codeNow = () => generate({ secret, epoch: Math.floor(harness.now / 1000) });

    const wrong = await harness.request
      .post('/api/v1/auth/totp/confirm')
      .set(bearer(token))
      .send({ code: '000000' });
    expect(wrong.status).toBe(400);
    const confirmCode = await codeNow();
    const confirm = await harness.request
      .post('/api/v1/auth/totp/confirm')
      .set(bearer(token))
      .send({ code: confirmCode });
    expect(confirm.status).toBe(204);
    expect((await harness.request.get('/api/v1/auth/me').set(bearer(token))).body.totpEnrolled).toBe(true);
    // A confirmed secret cannot be replaced from a session alone.
    expect((await harness.request.post('/api/v1/auth/totp/enrol').set(bearer(token))).status).toBe(409);

    const challenge = await login({ email: account.email, password });
    expect(challenge.status).toBe(200);
    expect(challenge.body.session).toBeUndefined();
    const ticket = challenge.body.secondFactor.ticket as string;
    const replayedConfirm = await harness.request
      .post('/api/v1/auth/totp')
      .send({ ticket, code: confirmCode });
    expect(replayedConfirm.status).toBe(401);

    harness.now += 30_000;
    const code = await codeNow();
    const signedIn = await harness.request.post('/api/v1/auth/totp').send({ ticket, code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.session.tenantId).toBe(account.tenantId);

    const again = await login({ email: account.email, password });
    const replayed = await harness.request
      .post('/api/v1/auth/totp')
      .send({ ticket: again.body.secondFactor.ticket, code });
    expect(replayed.status).toBe(401);
  });

  it('signs in from Teams with a verified Entra token of a linked account', async () => {
    const oid = '33333333-3333-4333-8333-333333333333';
    const account = await addAccount(harness.store, { entraOid: oid });
    const claims = entraClaims(harness.now, oid);
    const response = await harness.request.post('/api/v1/auth/teams').send({ token: await idp.sign(claims) });
    expect(response.status).toBe(200);
    expect(response.body.session).toMatchObject({ tenantId: account.tenantId, adminId: account.adminId });
    const forged = await harness.request
      .post('/api/v1/auth/teams')
      .send({ token: await idp.sign(claims, { forged: true }) });
    expect(forged.status).toBe(401);
    const stranger = await harness.request
      .post('/api/v1/auth/teams')
      .send({ token: await idp.sign({ ...claims, oid: '44444444-4444-4444-8444-444444444444' }) });
    expect(stranger.status).toBe(403);
  });

  it('logs out: the token stops working and the cookie is cleared', async () => {
    const account = await addAccount(harness.store);
    const token = (await login({ email: account.email, password })).body.session.token as string;
    const logout = await harness.request.post('/api/v1/auth/logout').set(bearer(token));
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toContain(`${sessionCookieName}=; Path=/; Max-Age=0`);
    expect((await harness.request.get('/api/v1/auth/me').set(bearer(token))).status).toBe(401);
  });

  it('keeps the session in an HttpOnly cookie in cookie mode, and needs the CSRF header for POSTs', async () => {
    const account = await addAccount(harness.store);
    for (const mode of [
      { query: '?cookie=1', headers: {} },
      { query: '', headers: { 'X-Session-Mode': 'cookie' } },
    ]) {
      const response = await login({ email: account.email, password }, mode.query).set(mode.headers);
      expect(response.status).toBe(200);
      expect(response.body.session.token).toBeUndefined();
      expect(String(response.headers['set-cookie'])).toMatch(/HttpOnly; Secure; SameSite=Strict/);
      const cookie = sessionCookie(response.headers['set-cookie']);
      const csrf = response.body.session.csrf as string;
      expect((await harness.request.get('/api/v1/auth/me').set('Cookie', cookie)).status).toBe(200);
      const withoutCsrf = await harness.request.post('/api/v1/auth/logout').set('Cookie', cookie);
      expect(withoutCsrf.status).toBe(403);
      const wrongCsrf = await harness.request
        .post('/api/v1/auth/logout')
        .set({ Cookie: cookie, 'X-CSRF-Token': 'guess' });
      expect(wrongCsrf.status).toBe(403);
      const logout = await harness.request
        .post('/api/v1/auth/logout')
        .set({ Cookie: cookie, 'X-CSRF-Token': csrf });
      expect(logout.status).toBe(204);
      expect((await harness.request.get('/api/v1/auth/me').set('Cookie', cookie)).status).toBe(401);
    }
  });

  it('accepts an invitation once: sets the password and signs in', async () => {
    const tenant = await harness.createTenant('Invites');
    const invited = await harness.request
      .post('/api/v1/admins')
      .set(bearer(tenant.tokens.owner))
      .send({ email: 'nieuw@example.nl', role: 'admin' });
    expect(invited.status).toBe(201);
    const token = invited.body.invitationToken as string;

    const weak = await harness.request
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain('12 characters');

    const accepted = await harness.request.post('/api/v1/auth/accept-invitation').send({ token, password });
    expect(accepted.status).toBe(200);
    expect(accepted.body.session).toMatchObject({ tenantId: tenant.tenantId, role: 'admin' });
    const me = await harness.request.get('/api/v1/auth/me').set(bearer(accepted.body.session.token));
    expect(me.body.email).toBe('nieuw@example.nl');

    const reused = await harness.request
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'another long password' });
    expect(reused.status).toBe(401);
    // Another instance (or a restart) has not seen the token's use; the password already set decides.
    const elsewhere = createInvitationTokens({ key: auth.invitationKey, clock: () => harness.now });
    const second = await elsewhere.issue({
      tenantId: tenant.tenantId,
      adminId: accepted.body.session.adminId,
    });
    const refused = await harness.request
      .post('/api/v1/auth/accept-invitation')
      .send({ token: second.token, password: 'another long password' });
    expect(refused.status).toBe(409);
    expect((await login({ email: 'nieuw@example.nl', password })).status).toBe(200);

    const forged = await createInvitationTokens({ key: randomBytes(32), clock: () => harness.now }).issue({
      tenantId: tenant.tenantId,
      adminId: tenant.adminIds.member,
    });
    const forgedAttempt = await harness.request
      .post('/api/v1/auth/accept-invitation')
      .send({ token: forged.token, password });
    expect(forgedAttempt.status).toBe(401);
  });
});

describe('linking a Microsoft account', () => {
  const system = { actor: 'system:test' };
  let idp: TestIdentityProvider;
  let harness: ApiTestHarness;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    harness = (await startAuthHarness({ setup: true, jwksUrl: idp.jwksUrl })).harness;
  });

  afterAll(async () => {
    await harness.close();
    await idp.close();
  });

  let users = 0;
  /** A fresh Entra object id, so that no test sees another's links. */
  const newOid = () => `55555555-5555-4555-8555-${String(++users).padStart(12, '0')}`;
  const ssoToken = (oid: string, overrides: Record<string, unknown> = {}) =>
    idp.sign(entraClaims(harness.now, oid, overrides));

  /** Turns TOTP on in the store and signs in through the API with password and code: amr pwd + otp. */
  const signInWithCode = async (account: { email: string; tenantId: string; adminId: string }) => {
    const secret = generateSecret();
    await harness.store
      .forTenant(account.tenantId, system)
      .admins.update(account.adminId, { totp: { secret, confirmed: true, lastStep: 0 } });
    const challenge = await harness.request
      .post('/api/v1/auth/login')
      .send({ email: account.email, password });
    const code = await generate({ secret, epoch: Math.floor(harness.now / 1000) });
    const signedIn = await harness.request
      .post('/api/v1/auth/totp')
      .send({ ticket: challenge.body.secondFactor.ticket, code });
    expect(signedIn.status).toBe(200);
    return signedIn.body.session.token as string;
  };

  const link = (session: string, token: string) =>
    harness.request.post('/api/v1/auth/identities/entra').set(bearer(session)).send({ token });
  const unlink = (session: string) =>
    harness.request.delete('/api/v1/auth/identities/entra').set(bearer(session));
  const teamsSignIn = async (token: string) => harness.request.post('/api/v1/auth/teams').send({ token });
  const linkedIdentities = async (account: { tenantId: string; adminId: string }) =>
    (await harness.store.forTenant(account.tenantId, system).admins.get(account.adminId))?.identities;
  const identityAudit = async (tenantId: string) =>
    (await harness.store.forTenant(tenantId, system).audit.list()).items
      .filter((entry) => entry.action.startsWith('auth.identity.'))
      .sort((a, b) => a.at - b.at)
      .map(({ action, outcome, actor, target }) => ({ action, outcome, actor, target }));

  it('links the Teams account after a password + code sign-in; Teams then signs in to that account', async () => {
    const account = await addAccount(harness.store);
    const oid = newOid();
    const notLinked = await teamsSignIn(await ssoToken(oid));
    expect(notLinked.status).toBe(403);
    expect(notLinked.body.error.message).toContain('sign in once with your password and code to link it');

    const session = await signInWithCode(account);
    const before = await harness.request.get('/api/v1/auth/me').set(bearer(session));
    expect(before.body.sso).toEqual({ entra: false, google: false });
    const token = await ssoToken(oid);
    expect((await link(session, token)).status).toBe(204);
    const after = await harness.request.get('/api/v1/auth/me').set(bearer(session));
    expect(after.body.sso).toEqual({ entra: true, google: false });
    expect(await linkedIdentities(account)).toEqual({ entra: { tid: entraTenant, oid } });
    // Linking the same account again changes nothing.
    expect((await link(session, token)).status).toBe(204);

    const signedIn = await teamsSignIn(await ssoToken(oid));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.session).toMatchObject({ tenantId: account.tenantId, adminId: account.adminId });

    const audit = await identityAudit(account.tenantId);
    expect(audit).toEqual([
      {
        action: 'auth.identity.link',
        outcome: 'success',
        actor: `admin:${account.adminId}`,
        target: { category: 'admin-account', id: account.adminId },
      },
    ]);
    // The audit log names the account, never the Microsoft identity or its token.
    const everything = JSON.stringify(
      (await harness.store.forTenant(account.tenantId, system).audit.list()).items,
    );
    expect(everything).not.toContain(oid);
    expect(everything).not.toContain(token);
  });

  it('refuses to link from a session without password and code', async () => {
    const linkedOid = newOid();
    await addAccount(harness.store, { entraOid: linkedOid });
    const ssoSession = (await teamsSignIn(await ssoToken(linkedOid))).body.session.token as string;
    const other = newOid();
    const fromSso = await link(ssoSession, await ssoToken(other));
    expect(fromSso.status).toBe(403);
    expect(fromSso.body.error.message).toContain('password and the code');

    const passwordOnly = await addAccount(harness.store);
    const pwdSession = (
      await harness.request.post('/api/v1/auth/login').send({ email: passwordOnly.email, password })
    ).body.session.token as string;
    expect((await link(pwdSession, await ssoToken(other))).status).toBe(403);

    expect((await linkedIdentities(passwordOnly))?.entra).toBeUndefined();
    expect((await teamsSignIn(await ssoToken(other))).status).toBe(403);
    expect(await identityAudit(passwordOnly.tenantId)).toEqual([
      expect.objectContaining({ action: 'auth.identity.link', outcome: 'denied' }),
    ]);
  });

  it('answers 409 for a Microsoft account linked elsewhere, and shows nothing of that organisation', async () => {
    const oid = newOid();
    const holder = await addAccount(harness.store, { entraOid: oid });
    const account = await addAccount(harness.store);
    const session = await signInWithCode(account);
    const refused = await link(session, await ssoToken(oid));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    for (const secret of [holder.email, holder.tenantId, holder.adminId, oid]) {
      expect(refused.text).not.toContain(secret);
    }
    expect((await linkedIdentities(account))?.entra).toBeUndefined();
    expect(await linkedIdentities(holder)).toEqual({ entra: { tid: entraTenant, oid } });
    expect((await teamsSignIn(await ssoToken(oid))).body.session.adminId).toBe(holder.adminId);
    expect(await identityAudit(account.tenantId)).toEqual([
      expect.objectContaining({ action: 'auth.identity.link', outcome: 'denied' }),
    ]);
    // The other organisation's log holds nothing of this attempt.
    expect(await identityAudit(holder.tenantId)).toEqual([]);
    // The store itself keeps an identity on one account, whatever a caller checked before.
    const direct = await harness.store
      .forTenant(account.tenantId, system)
      .admins.update(account.adminId, { identities: { entra: { tid: entraTenant, oid } } })
      .catch((error: unknown) => error);
    expect(isStoreError(direct) && direct.code).toBe('CONFLICT');
  });

  it('refuses forged, expired and foreign tokens, and changes nothing', async () => {
    const account = await addAccount(harness.store);
    const session = await signInWithCode(account);
    const oid = newOid();
    const claims = entraClaims(harness.now, oid);
    const forged = await link(session, await idp.sign(claims, { forged: true }));
    expect(forged.status).toBe(401);
    const expired = await link(
      session,
      await idp.sign({ ...claims, exp: Math.floor(harness.now / 1000) - 3600 }),
    );
    expect(expired.status).toBe(401);
    const otherAudience = await link(session, await ssoToken(oid, { aud: 'someone-else' }));
    expect(otherAudience.status).toBe(401);
    const foreignTenant = '66666666-6666-4666-8666-666666666666';
    const foreign = await link(
      session,
      await ssoToken(oid, {
        tid: foreignTenant,
        iss: `https://login.microsoftonline.com/${foreignTenant}/v2.0`,
      }),
    );
    // Like at sign-in: a genuine token of an organisation that may not sign in here.
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toContain('not allowed');

    expect((await linkedIdentities(account))?.entra).toBeUndefined();
    expect((await teamsSignIn(await ssoToken(oid))).status).toBe(403);
    // The session itself is fine: a bad Microsoft token does not sign anyone out.
    expect((await harness.request.get('/api/v1/auth/me').set(bearer(session))).status).toBe(200);
    expect((await identityAudit(account.tenantId)).map((entry) => entry.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
    ]);
  });

  it('unlinks: Teams SSO then refuses the Microsoft account again', async () => {
    const account = await addAccount(harness.store);
    const session = await signInWithCode(account);
    const oid = newOid();
    expect((await link(session, await ssoToken(oid))).status).toBe(204);
    expect((await teamsSignIn(await ssoToken(oid))).status).toBe(200);
    // The bot's chat with this Teams user, and one with someone else.
    const chats = harness.store.forTenant(account.tenantId, system).botConversations;
    const chat = { kind: 'user', language: 'nl', reference: { conversation: { id: 'a:1' } } } as const;
    await chats.save({ ...chat, externalId: oid, contactKeys: ['JD'] });
    await chats.save({ ...chat, externalId: newOid() });

    // The audit entries are told apart by their time.
    harness.now += 1000;
    expect((await unlink(session)).status).toBe(204);
    // Not an administrator's Microsoft account any more: the bot stops writing to it.
    expect((await chats.list()).map((conversation) => conversation.externalId)).not.toContain(oid);
    expect(await chats.list()).toHaveLength(1);
    expect((await harness.request.get('/api/v1/auth/me').set(bearer(session))).body.sso.entra).toBe(false);
    expect(await linkedIdentities(account)).toEqual({});
    expect((await teamsSignIn(await ssoToken(oid))).status).toBe(403);
    // Nothing left to unlink: still fine.
    expect((await unlink(session)).status).toBe(204);
    expect((await identityAudit(account.tenantId)).map(({ action, outcome }) => [action, outcome])).toEqual([
      ['auth.identity.link', 'success'],
      ['auth.identity.unlink', 'success'],
    ]);
    // Once unlinked, another account may link it.
    const next = await addAccount(harness.store);
    expect((await link(await signInWithCode(next), await ssoToken(oid))).status).toBe(204);
  });

  it('needs a session', async () => {
    expect((await harness.request.post('/api/v1/auth/identities/entra').send({ token: 'x' })).status).toBe(
      401,
    );
    expect((await harness.request.delete('/api/v1/auth/identities/entra')).status).toBe(401);
  });
});

describe('first-visit setup', () => {
  it('creates the organisation and its owner once, then answers 409', async () => {
    const { harness } = await startAuthHarness({ setup: true, jwksUrl: 'http://127.0.0.1:9/keys' });
    try {
      const body = {
        organisation: 'Storingsdienst Groningen',
        timeZone: 'Europe/Amsterdam',
        email: 'beheer@example.nl',
        password,
      };
      const badZone = await harness.request.post('/api/v1/setup').send({ ...body, timeZone: 'Mars/Olympus' });
      expect(badZone.status).toBe(400);
      expect(await harness.store.tenants.list()).toEqual([]);

      const setup = await harness.request.post('/api/v1/setup').send(body);
      expect(setup.status).toBe(200);
      expect(setup.body.session.role).toBe('owner');
      const me = await harness.request.get('/api/v1/auth/me').set(bearer(setup.body.session.token));
      expect(me.body).toMatchObject({
        email: 'beheer@example.nl',
        tenant: { name: 'Storingsdienst Groningen', timeZone: 'Europe/Amsterdam' },
      });
      const again = await harness.request.post('/api/v1/setup').send({ ...body, email: 'ander@example.nl' });
      expect(again.status).toBe(409);
      expect(await harness.store.tenants.list()).toHaveLength(1);
      const signIn = await harness.request
        .post('/api/v1/auth/login')
        .send({ email: 'beheer@example.nl', password });
      expect(signIn.status).toBe(200);
    } finally {
      await harness.close();
    }
  });

  it('is refused where the operator creates organisations', async () => {
    const { harness } = await startAuthHarness({ setup: false, jwksUrl: 'http://127.0.0.1:9/keys' });
    try {
      const setup = await harness.request
        .post('/api/v1/setup')
        .send({ organisation: 'X', email: 'beheer@example.nl', password });
      expect(setup.status).toBe(403);
      expect(await harness.store.tenants.list()).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
