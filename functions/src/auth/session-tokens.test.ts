import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.ts';
import { createSessionTokens, type SessionRequest, sessionCookieName } from './session-tokens.ts';

const start = Date.UTC(2027, 2, 22, 9, 0, 0);
const key = randomBytes(32);

const setup = () => {
  let now = start;
  const sessions = createSessionTokens({ key, clock: () => now });
  const issue = () =>
    sessions.issue({ adminId: 'admin-1', tenantId: 'tenant-1', role: 'admin', amr: ['pwd', 'otp'] });
  return { sessions, issue, advance: (ms: number) => (now += ms) };
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

const expectHttpError = async (promise: Promise<unknown>, code: string) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).code).toBe(code);
};

describe('createSessionTokens', () => {
  it('issues a token that verifies to the same session', async () => {
    const { sessions, issue } = setup();
    const issued = await issue();
    const { token, ...session } = issued;
    expect(session).toMatchObject({
      adminId: 'admin-1',
      tenantId: 'tenant-1',
      role: 'admin',
      amr: ['pwd', 'otp'],
      authTime: start,
      expiresAt: start + 12 * 3_600_000,
    });
    expect(session.sid).toMatch(/^[\w-]{32}$/);
    expect(session.csrf).toMatch(/^[\w-]{32}$/);
    expect(await sessions.verify(token)).toEqual(session);
  });

  it('gives every session its own sid and CSRF token', async () => {
    const { issue } = setup();
    const [a, b] = [await issue(), await issue()];
    expect(a.sid).not.toBe(b.sid);
    expect(a.csrf).not.toBe(b.csrf);
  });

  it('refuses an expired token', async () => {
    const { sessions, issue, advance } = setup();
    const { token } = await issue();
    advance(12 * 3_600_000 - 1_000);
    await expect(sessions.verify(token)).resolves.toMatchObject({ adminId: 'admin-1' });
    advance(1_000);
    await expectHttpError(sessions.verify(token), 'UNAUTHENTICATED');
  });

  it('refuses a tampered token', async () => {
    const { sessions, issue } = setup();
    const { token } = await issue();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'owner' })).toString('base64url');
    await expectHttpError(sessions.verify(`${header}.${forged}.${signature}`), 'UNAUTHENTICATED');
    const otherSignature = `${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
    await expectHttpError(sessions.verify(`${header}.${payload}.${otherSignature}`), 'UNAUTHENTICATED');
    await expectHttpError(sessions.verify('not a token'), 'UNAUTHENTICATED');
  });

  it('refuses tokens signed with another key or without a signature', async () => {
    const { sessions } = setup();
    const other = createSessionTokens({ key: randomBytes(32), clock: () => start });
    const { token } = await other.issue({ adminId: 'a', tenantId: 't', role: 'owner', amr: ['sso'] });
    await expectHttpError(sessions.verify(token), 'UNAUTHENTICATED');
    const [, payload] = token.split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expectHttpError(sessions.verify(unsigned), 'UNAUTHENTICATED');
  });

  it('refuses a correctly signed token with claims that are not a session', async () => {
    const { sessions } = setup();
    const token = await new SignJWT({ tid: 'tenant-1', role: 'superuser' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('whoyougonnacall')
      .setAudience('wygc:session')
      .setSubject('admin-1')
      .setExpirationTime(start / 1000 + 60)
      .sign(key);
    await expectHttpError(sessions.verify(token), 'UNAUTHENTICATED');
  });

  it('refuses a revoked token and keeps other sessions working', async () => {
    const { sessions, issue } = setup();
    const [loggedOut, other] = [await issue(), await issue()];
    sessions.revoke(loggedOut);
    await expectHttpError(sessions.verify(loggedOut.token), 'UNAUTHENTICATED');
    await expect(sessions.verify(other.token)).resolves.toMatchObject({ sid: other.sid });
  });

  it('refuses keys shorter than 32 bytes', () => {
    expect(() => createSessionTokens({ key: randomBytes(16), clock: () => start })).toThrow(HttpError);
  });
});

describe('authenticate', () => {
  const cookieRequest = (token: string, extra: Partial<SessionRequest> = {}): SessionRequest => ({
    method: 'POST',
    cookie: `theme=dark; ${sessionCookieName}=${token}; lang=nl`,
    ...extra,
  });

  it('accepts a bearer token without a CSRF header, whatever the method', async () => {
    const { sessions, issue } = setup();
    const issued = await issue();
    for (const method of ['GET', 'POST', 'DELETE']) {
      await expect(
        sessions.authenticate({ method, authorization: `Bearer ${issued.token}` }),
      ).resolves.toMatchObject({ sid: issued.sid });
    }
  });

  it('requires the CSRF header for unsafe methods when the session comes from the cookie', async () => {
    const { sessions, issue } = setup();
    const issued = await issue();
    await expectHttpError(sessions.authenticate(cookieRequest(issued.token)), 'FORBIDDEN');
    await expectHttpError(
      sessions.authenticate(cookieRequest(issued.token, { csrfToken: 'x'.repeat(32) })),
      'FORBIDDEN',
    );
    await expectHttpError(
      sessions.authenticate(cookieRequest(issued.token, { method: 'DELETE', csrfToken: '' })),
      'FORBIDDEN',
    );
    await expect(
      sessions.authenticate(cookieRequest(issued.token, { csrfToken: issued.csrf })),
    ).resolves.toMatchObject({ sid: issued.sid });
  });

  it('does not require the CSRF header for safe methods on the cookie', async () => {
    const { sessions, issue } = setup();
    const issued = await issue();
    await expect(
      sessions.authenticate(cookieRequest(issued.token, { method: 'GET' })),
    ).resolves.toMatchObject({
      sid: issued.sid,
    });
  });

  it('refuses requests without a session, with a malformed header, or with a revoked cookie', async () => {
    const { sessions, issue } = setup();
    const issued = await issue();
    await expectHttpError(sessions.authenticate({ method: 'GET' }), 'UNAUTHENTICATED');
    await expectHttpError(sessions.authenticate({ method: 'GET', cookie: 'theme=dark' }), 'UNAUTHENTICATED');
    await expectHttpError(
      sessions.authenticate({ method: 'GET', authorization: `Basic ${issued.token}` }),
      'UNAUTHENTICATED',
    );
    sessions.revoke(issued);
    await expectHttpError(
      sessions.authenticate(cookieRequest(issued.token, { csrfToken: issued.csrf })),
      'UNAUTHENTICATED',
    );
  });
});

describe('cookies', () => {
  it('sets the session as a host-only HttpOnly Secure SameSite=Strict cookie until it expires', async () => {
    const { sessions, issue, advance } = setup();
    const issued = await issue();
    advance(3_600_000);
    expect(sessions.cookie(issued)).toBe(
      `${sessionCookieName}=${issued.token}; Path=/; Max-Age=39600; HttpOnly; Secure; SameSite=Strict`,
    );
    expect(sessions.clearCookie()).toBe(
      `${sessionCookieName}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`,
    );
  });
});

describe('requireRecentAuth', () => {
  it('accepts a session whose credentials are recent enough and refuses an older one', async () => {
    const { sessions, issue, advance } = setup();
    const session = await sessions.verify((await issue()).token);
    advance(5 * 60_000);
    expect(() => sessions.requireRecentAuth(session, 5 * 60_000)).not.toThrow();
    advance(1);
    expect(() => sessions.requireRecentAuth(session, 5 * 60_000)).toThrow(
      expect.objectContaining({ code: 'REAUTHENTICATION_REQUIRED' }),
    );
  });
});
