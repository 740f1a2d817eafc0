import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { HttpError } from '../http-error.ts';
import { tokenVerificationError } from './token-verification-error.ts';

/** The Microsoft Entra ID user a Teams SSO token speaks for. */
export interface EntraIdentity {
  readonly tid: string;
  readonly oid: string;
  readonly name?: string;
  readonly preferredUsername?: string;
}

export interface EntraTokenVerifier {
  /** UNAUTHENTICATED for a bad token, FORBIDDEN for a good one that may not sign in here. */
  verify(token: string): Promise<EntraIdentity>;
}

export interface EntraTokenVerifierOptions {
  /** The app registration's client id: the audience of v2.0 tokens. */
  readonly clientId: string;
  /** The Application ID URI, `api://<host>/<client id>`: the audience of v1.0 tokens. */
  readonly applicationIdUri: string;
  /** Entra tenant ids (tid) whose users may sign in; empty disables Microsoft sign-in. */
  readonly allowedTenantIds: readonly string[];
  readonly jwksUrl?: string;
  readonly clock: () => number;
  readonly clockToleranceSeconds?: number;
}

export const defaultEntraJwksUrl = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
/** The delegated scope the Teams tab asks for in its webApplicationInfo. */
export const entraScope = 'access_as_user';

const provider = 'Microsoft';
const invalidToken = 'The Microsoft token is invalid or has expired.';

const claimsSchema = z.object({
  ver: z.enum(['1.0', '2.0']),
  iss: z.string(),
  aud: z.string(),
  tid: z.string().min(1),
  oid: z.string().min(1),
  scp: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
});

type EntraClaims = z.output<typeof claimsSchema>;

/** v1.0 and v2.0 tokens differ in issuer and audience; both are issued for the token's own tenant. */
const expectedIssuerAndAudience = (claims: EntraClaims, options: EntraTokenVerifierOptions) =>
  claims.ver === '2.0'
    ? { issuer: `https://login.microsoftonline.com/${claims.tid}/v2.0`, audience: options.clientId }
    : { issuer: `https://sts.windows.net/${claims.tid}/`, audience: options.applicationIdUri };

const identityOf = (claims: EntraClaims): EntraIdentity => {
  const preferredUsername = claims.preferred_username ?? claims.upn;
  return {
    tid: claims.tid,
    oid: claims.oid,
    ...(claims.name === undefined ? {} : { name: claims.name }),
    ...(preferredUsername === undefined ? {} : { preferredUsername }),
  };
};

/**
 * Verifies Teams SSO access tokens (multi-tenant app): RS256 signature against Microsoft's key set,
 * expiry with a small clock skew, issuer bound to the token's tid, audience per token version, the
 * access_as_user scope, and the tenant allow-list.
 */
export const createEntraTokenVerifier = (options: EntraTokenVerifierOptions): EntraTokenVerifier => {
  const keySet = createRemoteJWKSet(new URL(options.jwksUrl ?? defaultEntraJwksUrl));
  const allowed = new Set(options.allowedTenantIds);

  const verifiedPayload = async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, keySet, {
        algorithms: ['RS256'],
        currentDate: new Date(options.clock()),
        clockTolerance: options.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (cause) {
      throw tokenVerificationError(cause, provider);
    }
  };

  const validClaims = (payload: JWTPayload): EntraClaims => {
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) throw new HttpError('UNAUTHENTICATED', invalidToken, { cause: parsed.error });
    const expected = expectedIssuerAndAudience(parsed.data, options);
    if (parsed.data.iss !== expected.issuer || parsed.data.aud !== expected.audience) {
      throw new HttpError('UNAUTHENTICATED', invalidToken);
    }
    return parsed.data;
  };

  return {
    verify: async (token) => {
      if (allowed.size === 0) throw new HttpError('FORBIDDEN', 'Sign-in with Microsoft is not enabled.');
      const claims = validClaims(await verifiedPayload(token));
      if (!allowed.has(claims.tid)) {
        throw new HttpError('FORBIDDEN', 'Your Microsoft organisation is not allowed to sign in here.');
      }
      if (!(claims.scp ?? '').split(' ').includes(entraScope)) {
        throw new HttpError('FORBIDDEN', `The Microsoft token does not grant the ${entraScope} scope.`);
      }
      return identityOf(claims);
    },
  };
};
