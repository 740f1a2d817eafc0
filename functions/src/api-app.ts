import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '@wygc/routing-core';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { ApiEnv } from './api-env.ts';
import { sessionNoLongerValid } from './auth/ended-sessions.ts';
import type { Session, SessionTokens } from './auth/session-tokens.ts';
import { clientAddress } from './client-address.ts';
import { HttpError, toHttpError } from './http-error.ts';

export interface ApiAppDeps {
  readonly store: Store;
  readonly sessions: SessionTokens;
  readonly logger: Logger;
  readonly trustProxy: boolean;
  readonly clock?: () => number;
}

/** Paths under /api/v1 that work without a session: signing in, and the API description. */
const publicPaths = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/totp',
  '/api/v1/auth/teams',
  '/api/v1/auth/accept-invitation',
  '/api/v1/openapi.json',
  '/api/v1/setup',
]);

/**
 * The base of the admin API: one logger per request, the session and the caller's tenant store on the
 * context, validation and every other error turned into `{error: {code, message}}` in one place.
 */
export const createApiApp = (deps: ApiAppDeps) => {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw toHttpError(result.error);
    },
  });

  app.use('*', async (c, next) => {
    const sourceIp = clientAddress(c, deps.trustProxy);
    c.set('sourceIp', sourceIp);
    c.set(
      'logger',
      deps.logger.child({
        requestId: randomUUID(),
        method: c.req.method,
        path: c.req.routePath || c.req.path,
      }),
    );
    await next();
  });

  // A session token carries the role it was issued with; an account removed or demoted since, a session
  // signed out on another instance, or an SSO session whose identity was unlinked, must not keep working
  // until the token expires. Checked against the store at most once a minute.
  const clock = deps.clock ?? Date.now;
  const confirmed = new Map<string, number>();
  const recheckMs = 60_000;
  const assertStillAdmin = async (session: Session): Promise<void> => {
    const now = clock();
    if ((confirmed.get(session.sid) ?? 0) > now) return;
    const account = await deps.store
      .forTenant(session.tenantId, { actor: 'system:session' })
      .admins.get(session.adminId);
    const refusal = sessionNoLongerValid(account, session);
    if (refusal) {
      confirmed.delete(session.sid);
      throw refusal;
    }
    for (const [sid, until] of confirmed) if (until <= now) confirmed.delete(sid);
    confirmed.set(session.sid, now + recheckMs);
  };

  app.use('/api/v1/*', async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    const session = await deps.sessions.authenticate({
      method: c.req.method,
      authorization: c.req.header('authorization'),
      cookie: c.req.header('cookie'),
      csrfToken: c.req.header('x-csrf-token'),
    });
    await assertStillAdmin(session);
    c.set('session', session);
    c.set(
      'tenant',
      deps.store.forTenant(session.tenantId, { actor: `admin:${session.adminId}`, sourceIp: c.var.sourceIp }),
    );
    await next();
  });

  app.onError((error, c) => {
    // Hono's own 4xx (a body that is not JSON, a wrong Content-Type) describe the request, not a fault of ours.
    const httpError =
      error instanceof HTTPException && error.status < 500
        ? new HttpError(
            'BAD_REQUEST',
            `${error.message || 'Invalid request'}: send a JSON body with Content-Type application/json.`,
            { cause: error },
          )
        : toHttpError(error);
    if (httpError.status >= 500)
      c.var.logger?.error(
        { err: { name: error.name, code: (error as { code?: string }).code } },
        'request failed',
      );
    if (httpError.retryAfterSeconds !== undefined)
      c.header('Retry-After', String(httpError.retryAfterSeconds));
    return c.json(httpError.toBody(), httpError.status as 400);
  });

  app.notFound((c) => c.json(new HttpError('NOT_FOUND', 'No such endpoint.').toBody(), 404));
  return app;
};
