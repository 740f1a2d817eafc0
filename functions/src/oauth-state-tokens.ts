import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { assertSigningKey } from './auth/signing-key.ts';
import { HttpError } from './http-error.ts';

export const oauthProviders = ['google', 'microsoft'] as const;
export type OAuthProvider = (typeof oauthProviders)[number];

/** Who started a connect flow, carried through the provider's consent page and back. */
export interface OAuthState {
  readonly provider: OAuthProvider;
  readonly tenantId: string;
  readonly adminId: string;
  /** Google: the calendar to connect once consent is given. */
  readonly calendarId?: string;
}

export interface OAuthStateTokens {
  issue(state: OAuthState): Promise<string>;
  /**
   * The state a callback carries, for `provider` only; each token works once, so a leaked callback URL
   * (browser history, proxy logs) cannot be replayed. UNAUTHENTICATED when forged, expired or used.
   */
  consume(token: string, provider: OAuthProvider): Promise<OAuthState>;
}

export const defaultOAuthStateLifetimeMs = 10 * 60 * 1000;

const issuer = 'whoyougonnacall';
/** Its own audience per provider, so neither a session token nor the other provider's state passes. */
const audienceOf = (provider: OAuthProvider) => `wygc:oauth-state:${provider}`;
const invalidState = 'The connection request is invalid or has expired; please start again.';

const claimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  cal: z.string().min(1).optional(),
  jti: z.string().min(16),
  exp: z.number().int(),
});

/**
 * Short-lived HS256 `state` values for the OAuth connect flows, signed with the session key. Used
 * nonces live in this instance's memory until their token expires: with several instances a state
 * could be replayed once on another instance within its ten minutes, which the single-use
 * authorization code it travels with prevents anyway.
 */
export const createOAuthStateTokens = ({
  key,
  clock,
  lifetimeMs = defaultOAuthStateLifetimeMs,
}: {
  key: Uint8Array;
  clock: () => number;
  lifetimeMs?: number;
}): OAuthStateTokens => {
  assertSigningKey(key, 'OAuth state');
  const used = new Map<string, number>();

  const forgetExpired = (now: number): void => {
    for (const [nonce, expiresAt] of used) if (expiresAt <= now) used.delete(nonce);
  };

  return {
    issue: async ({ provider, tenantId, adminId, calendarId }) => {
      const issuedAt = Math.floor(clock() / 1000);
      return new SignJWT({ tid: tenantId, ...(calendarId === undefined ? {} : { cal: calendarId }) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audienceOf(provider))
        .setSubject(adminId)
        .setJti(randomBytes(18).toString('base64url'))
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + Math.floor(lifetimeMs / 1000))
        .sign(key);
    },
    consume: async (token, provider) => {
      let claims: z.output<typeof claimsSchema>;
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer,
          audience: audienceOf(provider),
          currentDate: new Date(clock()),
        });
        claims = claimsSchema.parse(payload);
      } catch (cause) {
        throw new HttpError('UNAUTHENTICATED', invalidState, { cause });
      }
      const now = clock();
      forgetExpired(now);
      if (used.has(claims.jti)) throw new HttpError('UNAUTHENTICATED', invalidState);
      used.set(claims.jti, claims.exp * 1000);
      return {
        provider,
        tenantId: claims.tid,
        adminId: claims.sub,
        ...(claims.cal === undefined ? {} : { calendarId: claims.cal }),
      };
    },
  };
};
