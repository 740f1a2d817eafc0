import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';

/** Who a Google-signed ID token speaks for. */
export interface GoogleIdentity {
  readonly sub: string;
  /** Only when Google marked it verified. */
  readonly email?: string;
}

/** Why a token was refused: the token's fault, or Google's key set being out of reach (worth a retry). */
export type TokenRejection = 'invalid' | 'wrong-principal' | 'keys-unavailable';

export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  readonly reason: TokenRejection;

  constructor(reason: TokenRejection, options: { cause?: unknown } = {}) {
    super(`Google ID token rejected: ${reason}`, options.cause === undefined ? undefined : options);
    this.reason = reason;
  }
}

export interface GoogleIdTokenVerifier {
  /** Checks a token made for exactly `audience`; with `expectedEmail`, only that verified email passes. */
  verify(token: string, expected: { audience: string; expectedEmail?: string }): Promise<GoogleIdentity>;
}

/** Google issues ID tokens under both spellings. */
const googleIssuers = ['accounts.google.com', 'https://accounts.google.com'];

// An array audience would also be "for" other parties; Google's ID tokens carry exactly one.
const claimsSchema = z.object({
  aud: z.string(),
  sub: z.string().min(1),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
});

/** jose errors that say the key set could not be had, not that the token is bad. */
const keySetUnavailable = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

const sameEmail = (a: string, b: string): boolean =>
  a.trim().normalize('NFC').toLowerCase() === b.trim().normalize('NFC').toLowerCase();

/**
 * Verifies Google ID tokens (RS256, Google's key set, issuer, exact audience, expiry) with the add-on's
 * own small verifier, so that this package does not depend on the functions package that mounts it.
 */
export const createGoogleIdTokenVerifier = ({
  jwksUrl,
  clock,
  clockToleranceSeconds = 60,
}: {
  jwksUrl: string;
  clock: () => number;
  clockToleranceSeconds?: number;
}): GoogleIdTokenVerifier => {
  // Fetched on first use and cached by jose (with its cooldown), so no request happens at start-up.
  const keySet = createRemoteJWKSet(new URL(jwksUrl));

  const verifiedPayload = async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, keySet, {
        algorithms: ['RS256'],
        issuer: googleIssuers,
        currentDate: new Date(clock()),
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'iat'],
      });
      return payload;
    } catch (cause) {
      const unavailable = !(cause instanceof errors.JOSEError) || keySetUnavailable.has(cause.code);
      throw new TokenRejectedError(unavailable ? 'keys-unavailable' : 'invalid', { cause });
    }
  };

  return {
    verify: async (token, { audience, expectedEmail }) => {
      const parsed = claimsSchema.safeParse(await verifiedPayload(token));
      if (!parsed.success || parsed.data.aud !== audience) throw new TokenRejectedError('invalid');
      const { sub, email, email_verified: verified } = parsed.data;
      const verifiedEmail = email !== undefined && verified === true ? email : undefined;
      if (
        expectedEmail !== undefined &&
        (verifiedEmail === undefined || !sameEmail(verifiedEmail, expectedEmail))
      ) {
        throw new TokenRejectedError('wrong-principal');
      }
      return verifiedEmail === undefined ? { sub } : { sub, email: verifiedEmail };
    },
  };
};
