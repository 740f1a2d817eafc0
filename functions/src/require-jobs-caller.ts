import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { GoogleIdTokenVerifier } from './auth/google-id-token-verifier.ts';
import { HttpError } from './http-error.ts';

export interface JobsCallerOptions {
  /** Local installations: the value callers send in X-Jobs-Secret. */
  readonly jobsSecret: string;
  /**
   * Production: Cloud Scheduler and Cloud Tasks send a Google-signed OIDC token of this service account,
   * made for this audience, as "Authorization: Bearer".
   */
  readonly oidc?: {
    readonly verifier: GoogleIdTokenVerifier;
    readonly audience: string;
    readonly serviceAccount: string;
  };
}

const refused = () => new HttpError('UNAUTHENTICATED', 'This endpoint is for the scheduler only.');

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Hashing first gives timingSafeEqual equal lengths without revealing the secret's length. */
const sameSecret = (received: string, expected: string): boolean =>
  timingSafeEqual(digest(received), digest(expected));

/**
 * Lets only the scheduler run jobs: a matching X-Jobs-Secret, or a verified Google OIDC token of the
 * configured service account. Anything else is 401 before a job runs; a key set Google cannot serve
 * right now is 503, so the scheduler retries rather than gives up.
 */
export const requireJobsCaller = (options: JobsCallerOptions) =>
  createMiddleware(async (c, next) => {
    const secret = c.req.header('x-jobs-secret');
    const authorization = c.req.header('authorization');
    if (secret !== undefined) {
      if (!sameSecret(secret, options.jobsSecret)) throw refused();
    } else if (authorization !== undefined && options.oidc) {
      const token = /^Bearer +(\S+)$/i.exec(authorization.trim())?.[1];
      if (token === undefined) throw refused();
      const { verifier, audience, serviceAccount } = options.oidc;
      try {
        await verifier.verify(token, { audience, expectedEmail: serviceAccount });
      } catch (error) {
        if (error instanceof HttpError && error.code === 'UNAVAILABLE') throw error;
        throw new HttpError('UNAUTHENTICATED', refused().message, { cause: error });
      }
    } else {
      throw refused();
    }
    await next();
  });
