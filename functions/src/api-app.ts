import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '@wygc/routing-core';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { ApiEnv } from './api-env.ts';
import type { SessionTokens } from './auth/session-tokens.ts';
import { clientAddress } from './client-address.ts';
import { HttpError, toHttpError } from './http-error.ts';

export interface ApiAppDeps {
  readonly store: Store;
  readonly sessions: SessionTokens;
  readonly logger: Logger;
  readonly trustProxy: boolean;
}

/** Paths under /api/v1 that work without a session: signing in, and the API description. */
const publicPaths = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/totp',
  '/api/v1/auth/teams',
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

  app.use('/api/v1/*', async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    const session = await deps.sessions.authenticate({
      method: c.req.method,
      authorization: c.req.header('authorization'),
      cookie: c.req.header('cookie'),
      csrfToken: c.req.header('x-csrf-token'),
    });
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
