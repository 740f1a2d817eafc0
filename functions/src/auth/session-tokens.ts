import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type AdminRole, adminRoles } from '@wygc/routing-core';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { HttpError } from '../http-error.ts';
import { assertSigningKey } from './signing-key.ts';

export const authMethods = ['pwd', 'otp', 'sso'] as const;
export type AuthMethod = (typeof authMethods)[number];

/** A signed-in administrator, as every authenticated request sees it. Times are epoch milliseconds. */
export interface Session {
  readonly adminId: string;
  readonly tenantId: string;
  readonly role: AdminRole;
  /** Random per session: what logout revokes. */
  readonly sid: string;
  /** How the person proved who they are: ['pwd'], ['pwd', 'otp'] or ['sso']. */
  readonly amr: readonly AuthMethod[];
  /** When the person last entered credentials; old sessions must sign in again for owner operations. */
  readonly authTime: number;
  readonly expiresAt: number;
  /** Double-submit token the client echoes in X-CSRF-Token when the session travels in the cookie. */
  readonly csrf: string;
}

/** A new session with its bearer token, for the JSON body (and optionally the cookie). */
export interface IssuedSession extends Session {
  readonly token: string;
}

/** The parts of an HTTP request that carry a session. */
export interface SessionRequest {
  readonly method: string;
  readonly authorization?: string | undefined;
  readonly cookie?: string | undefined;
  /** The X-CSRF-Token header. */
  readonly csrfToken?: string | undefined;
}

export interface SessionTokens {
  issue(input: {
    adminId: string;
    tenantId: string;
    role: AdminRole;
    amr: readonly AuthMethod[];
  }): Promise<IssuedSession>;
  /** The session a token carries; UNAUTHENTICATED when it is forged, expired or revoked. */
  verify(token: string): Promise<Session>;
  /**
   * The session of a request: a bearer token (Teams tab, API clients) or the session cookie
   * (standalone web admin); the cookie needs the CSRF header on unsafe methods.
   */
  authenticate(request: SessionRequest): Promise<Session>;
  /** Logout: the token stops working on this instance until it would have expired anyway. */
  revoke(session: Session): void;
  /** REAUTHENTICATION_REQUIRED when the credentials were entered more than maxAgeMs ago. */
  requireRecentAuth(session: Session, maxAgeMs: number): void;
  /** Set-Cookie value carrying the session for the standalone web admin. */
  cookie(session: IssuedSession): string;
  /** Set-Cookie value that removes the session cookie. */
  clearCookie(): string;
}

/** `__Host-` makes browsers insist on Secure, Path=/ and no Domain: no subdomain can plant or read it. */
export const sessionCookieName = '__Host-wygc-session';
export const defaultSessionLifetimeMs = 12 * 60 * 60 * 1000;

const issuer = 'whoyougonnacall';
const audience = 'wygc:session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const invalidSession = 'Your session is invalid or has expired; please sign in again.';

const claimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  role: z.enum(adminRoles),
  sid: z.string().min(1),
  amr: z.array(z.enum(authMethods)).min(1),
  auth_time: z.number().int(),
  csrf: z.string().min(1),
  exp: z.number().int(),
});

const randomId = (): string => randomBytes(24).toString('base64url');

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const cookieValue = (header: string, name: string): string | undefined => {
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
};

const bearerToken = (authorization: string): string => {
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw new HttpError('UNAUTHENTICATED', 'Use an "Authorization: Bearer <token>" header.');
  return match[1];
};

/**
 * Stateless HS256 session tokens. Revocation here lives in this instance's memory, so that a signed-out
 * token stops at once where it was signed out; the account records it too (ended-sessions.ts), which
 * the other instances see at their next check of the account.
 */
export const createSessionTokens = ({
  key,
  clock,
  lifetimeMs = defaultSessionLifetimeMs,
}: {
  /** HS256 key from configuration, at least 32 random bytes. */
  key: Uint8Array;
  clock: () => number;
  lifetimeMs?: number;
}): SessionTokens => {
  assertSigningKey(key, 'session');
  const revoked = new Map<string, number>();

  const forgetExpiredRevocations = (now: number): void => {
    for (const [sid, expiresAt] of revoked) if (expiresAt <= now) revoked.delete(sid);
  };

  const verifiedClaims = async (token: string): Promise<z.output<typeof claimsSchema>> => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer,
        audience,
        currentDate: new Date(clock()),
      });
      return claimsSchema.parse(payload);
    } catch (cause) {
      throw new HttpError('UNAUTHENTICATED', invalidSession, { cause });
    }
  };

  const verify = async (token: string): Promise<Session> => {
    const claims = await verifiedClaims(token);
    if (revoked.has(claims.sid)) throw new HttpError('UNAUTHENTICATED', invalidSession);
    return {
      adminId: claims.sub,
      tenantId: claims.tid,
      role: claims.role,
      sid: claims.sid,
      amr: claims.amr,
      authTime: claims.auth_time * 1000,
      expiresAt: claims.exp * 1000,
      csrf: claims.csrf,
    };
  };

  const fromCookie = async (request: SessionRequest, token: string): Promise<Session> => {
    const session = await verify(token);
    const csrfOk = request.csrfToken !== undefined && sameSecret(request.csrfToken, session.csrf);
    if (!safeMethods.has(request.method.toUpperCase()) && !csrfOk) {
      throw new HttpError('FORBIDDEN', 'The X-CSRF-Token header is missing or does not match the session.');
    }
    return session;
  };

  return {
    issue: async ({ adminId, tenantId, role, amr }) => {
      const issuedAt = Math.floor(clock() / 1000);
      const expiresAt = issuedAt + Math.floor(lifetimeMs / 1000);
      const session = {
        adminId,
        tenantId,
        role,
        sid: randomId(),
        amr: [...amr],
        authTime: issuedAt * 1000,
        expiresAt: expiresAt * 1000,
        csrf: randomId(),
      };
      const token = await new SignJWT({
        tid: tenantId,
        role,
        sid: session.sid,
        amr: session.amr,
        auth_time: issuedAt,
        csrf: session.csrf,
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(adminId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
      return { ...session, token };
    },
    verify,
    authenticate: async (request) => {
      if (request.authorization !== undefined) return verify(bearerToken(request.authorization));
      const token = request.cookie === undefined ? undefined : cookieValue(request.cookie, sessionCookieName);
      if (token === undefined) throw new HttpError('UNAUTHENTICATED', 'Please sign in first.');
      return fromCookie(request, token);
    },
    revoke: (session) => {
      const now = clock();
      forgetExpiredRevocations(now);
      if (session.expiresAt > now) revoked.set(session.sid, session.expiresAt);
    },
    requireRecentAuth: (session, maxAgeMs) => {
      if (clock() - session.authTime > maxAgeMs) {
        throw new HttpError('REAUTHENTICATION_REQUIRED', 'Please sign in again to confirm this operation.');
      }
    },
    cookie: (session) =>
      `${sessionCookieName}=${session.token}; Path=/; Max-Age=${Math.max(0, Math.floor((session.expiresAt - clock()) / 1000))}; HttpOnly; Secure; SameSite=Strict`,
    clearCookie: () => `${sessionCookieName}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`,
  };
};
