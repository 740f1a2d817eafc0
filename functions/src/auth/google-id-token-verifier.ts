import { normaliseEmail } from '@wygc/store';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { HttpError } from '../http-error.ts';
import { tokenVerificationError } from './token-verification-error.ts';

/** Who a Google-signed ID token speaks for: a service account (Scheduler, Tasks) or a user (add-on). */
export interface GoogleIdentity {
  readonly sub: string;
  /** Present only when Google verified it. */
  readonly email?: string;
}

export interface GoogleIdTokenVerifier {
  /**
   * Checks a Google ID token made for `audience` (exactly); with `expectedEmail`, only that verified
   * email (e.g. the scheduler's service account) is accepted.
   */
  verify(token: string, expected: { audience: string; expectedEmail?: string }): Promise<GoogleIdentity>;
}

export const defaultGoogleJwksUrl = 'https://www.googleapis.com/oauth2/v3/certs';
/** Google issues ID tokens under both spellings. */
export const googleIssuers = ['accounts.google.com', 'https://accounts.google.com'];

const provider = 'Google';
const invalidToken = 'The Google token is invalid or has expired.';

const claimsSchema = z.object({
  aud: z.string(),
  sub: z.string().min(1),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
});

type GoogleClaims = z.output<typeof claimsSchema>;

const verifiedEmail = (claims: GoogleClaims): string | undefined =>
  claims.email !== undefined && claims.email_verified === true ? claims.email : undefined;

/** Verifies Google-signed ID tokens: RS256 against Google's key set, issuer, exact audience, expiry. */
export const createGoogleIdTokenVerifier = ({
  jwksUrl = defaultGoogleJwksUrl,
  clock,
  clockToleranceSeconds = 60,
}: {
  jwksUrl?: string;
  clock: () => number;
  clockToleranceSeconds?: number;
}): GoogleIdTokenVerifier => {
  const keySet = createRemoteJWKSet(new URL(jwksUrl));

  const verifiedPayload = async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, keySet, {
        algorithms: ['RS256'],
        issuer: googleIssuers,
        currentDate: new Date(clock()),
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (cause) {
      throw tokenVerificationError(cause, provider);
    }
  };

  return {
    verify: async (token, { audience, expectedEmail }) => {
      const parsed = claimsSchema.safeParse(await verifiedPayload(token));
      // An array audience would also be "for" other parties; Google's ID tokens carry exactly one.
      if (!parsed.success || parsed.data.aud !== audience) {
        throw new HttpError('UNAUTHENTICATED', invalidToken, parsed.success ? {} : { cause: parsed.error });
      }
      const email = verifiedEmail(parsed.data);
      if (
        expectedEmail !== undefined &&
        (email === undefined || normaliseEmail(email) !== normaliseEmail(expectedEmail))
      ) {
        throw new HttpError('FORBIDDEN', 'This Google identity may not call this endpoint.');
      }
      return { sub: parsed.data.sub, ...(email === undefined ? {} : { email }) };
    },
  };
};
