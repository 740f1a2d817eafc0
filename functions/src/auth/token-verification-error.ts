import { errors } from 'jose';
import { HttpError } from '../http-error.ts';

/** jose errors that mean the identity provider's key set could not be had, not that the token is bad. */
const keySetUnavailable = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

/**
 * A failed verification of a provider's token: the token's fault (UNAUTHENTICATED) or the provider's
 * key set being unreachable (UNAVAILABLE, so clients retry instead of signing out).
 */
export const tokenVerificationError = (cause: unknown, provider: string): HttpError => {
  if (cause instanceof HttpError) return cause;
  if (cause instanceof errors.JOSEError && !keySetUnavailable.has(cause.code)) {
    return new HttpError('UNAUTHENTICATED', `The ${provider} token is invalid or has expired.`, { cause });
  }
  return new HttpError('UNAVAILABLE', `${provider} sign-in is temporarily unavailable; please try again.`, {
    cause,
  });
};
