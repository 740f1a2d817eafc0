import type { AddonEvent } from './addon-event.ts';
import type { GoogleIdentity, GoogleIdTokenVerifier, TokenRejection } from './google-id-token-verifier.ts';
import { TokenRejectedError } from './google-id-token-verifier.ts';

/** Which check failed; logged and mapped to a status, never shown with any data. */
export type AddonAuthFailure =
  | 'system-token-missing'
  | 'system-token-invalid'
  | 'wrong-service-account'
  | 'user-token-missing'
  | 'user-token-invalid'
  | 'keys-unavailable';

export class AddonAuthError extends Error {
  override readonly name = 'AddonAuthError';
  readonly failure: AddonAuthFailure;

  constructor(failure: AddonAuthFailure, options: { cause?: unknown } = {}) {
    super(`add-on request not authenticated: ${failure}`, options.cause === undefined ? undefined : options);
    this.failure = failure;
  }

  /** 503 lets Google's client show a retry instead of an access problem when only the key set was out of reach. */
  get status(): 401 | 403 | 503 {
    if (this.failure === 'keys-unavailable') return 503;
    return this.failure === 'wrong-service-account' ? 403 : 401;
  }
}

export interface AddonRequestAuth {
  /** The bearer ID token Google sends with every request: signed for this exact URL by the add-on's service account. */
  verifySystemToken(authorization: string | undefined, endpointUrl: string): Promise<void>;
  /** The user behind the request, from the user ID token in the event object. */
  verifyUser(event: AddonEvent): Promise<GoogleIdentity>;
}

const bearerPattern = /^Bearer\s+(\S+)$/i;

const failureOf = (error: unknown, whenInvalid: AddonAuthFailure): AddonAuthFailure => {
  const reason: TokenRejection | undefined = error instanceof TokenRejectedError ? error.reason : undefined;
  if (reason === 'keys-unavailable' || reason === undefined) return 'keys-unavailable';
  if (reason === 'wrong-principal') return 'wrong-service-account';
  return whenInvalid;
};

export const createAddonRequestAuth = (deps: {
  readonly verifier: GoogleIdTokenVerifier;
  readonly serviceAccountEmail: string;
  readonly oauthClientId: string;
}): AddonRequestAuth => ({
  verifySystemToken: async (authorization, endpointUrl) => {
    const token = bearerPattern.exec(authorization ?? '')?.[1];
    if (token === undefined) throw new AddonAuthError('system-token-missing');
    try {
      await deps.verifier.verify(token, { audience: endpointUrl, expectedEmail: deps.serviceAccountEmail });
    } catch (cause) {
      throw new AddonAuthError(failureOf(cause, 'system-token-invalid'), { cause });
    }
  },
  verifyUser: async (event) => {
    const token = event.authorizationEventObject.userIdToken;
    if (!token) throw new AddonAuthError('user-token-missing');
    try {
      return await deps.verifier.verify(token, { audience: deps.oauthClientId });
    } catch (cause) {
      const failure = failureOf(cause, 'user-token-invalid');
      // A user token has no expected principal, so "wrong principal" cannot happen; keep it an invalid token.
      throw new AddonAuthError(failure === 'wrong-service-account' ? 'user-token-invalid' : failure, {
        cause,
      });
    }
  },
});
