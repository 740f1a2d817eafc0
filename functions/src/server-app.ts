import { fileURLToPath } from 'node:url';
import { createAddonApp } from '@wygc/workspace-addon';
import { Hono } from 'hono';
import { createAdminRoutes } from './admin-routes.ts';
import { createApiApp } from './api-app.ts';
import { createAuditRoutes } from './audit-routes.ts';
import { createAuthRoutes } from './auth-routes.ts';
import { createCalendarRoutes } from './calendar-routes.ts';
import { createCallRoutes } from './call-routes.ts';
import { createContactRoutes } from './contact-routes.ts';
import { createHealthRoutes } from './health-routes.ts';
import { HttpError, toHttpError } from './http-error.ts';
import { createJobRoutes } from './job-routes.ts';
import { createNumberRoutes } from './number-routes.ts';
import { createOAuthCallbackRoutes } from './oauth-callback-routes.ts';
import { mountOpenApiDocument } from './openapi-document.ts';
import { createOrganisationRoutes } from './organisation-routes.ts';
import { createPrivacyRoutes } from './privacy-routes.ts';
import type { RosterRecompiler } from './roster-recompiler.ts';
import type { Runtime } from './runtime.ts';
import { securityHeaders } from './security-headers.ts';
import type { ServerAuth } from './server-auth.ts';
import { createTakeoverRoutes } from './takeover-routes.ts';
import type { TeamsBot } from './teams-bot.ts';
import { createWebAdminRoutes } from './web-admin-routes.ts';
import { createWebhookRoutes } from './webhook-routes.ts';

/** What one server (or one Cloud Run function) answers: everything locally, one part per function. */
export const serverParts = ['api', 'webhooks', 'jobs', 'addon', 'bot', 'web'] as const;
export type ServerPart = (typeof serverParts)[number];

export interface ServerAppDeps {
  readonly runtime: Pick<
    Runtime,
    'config' | 'logger' | 'store' | 'adapters' | 'push' | 'googleTokenUrl' | 'sync' | 'queue' | 'scheduler'
  >;
  readonly auth: ServerAuth;
  readonly recompiler: RosterRecompiler;
  readonly clock?: () => number;
  /** Behind Cloud Run's front end the client address is the first X-Forwarded-For entry. */
  readonly trustProxy: boolean;
  /** Default: all of them. */
  readonly parts?: readonly ServerPart[];
  /** First-visit setup of a fresh installation (the form and POST /api/v1/setup). */
  readonly setup: boolean;
  /** The built Teams tab; default teams-app/dist in this repository. */
  readonly webAdminDir?: string;
  /** The Teams bot, when a bot registration is configured. */
  readonly bot?: TeamsBot;
  /** Extra routes, mounted before the web admin's catch-all (the demo serves its calendar). */
  readonly mount?: (app: Hono) => void;
}

export const defaultWebAdminDir = fileURLToPath(new URL('../../teams-app/dist', import.meta.url));

/**
 * The whole HTTP surface: security headers on every response, /healthz, the admin API under /api/v1
 * with its OpenAPI document, the OAuth callbacks, the provider webhooks, the scheduler's jobs and the
 * web admin. Entry files choose which parts one process serves.
 */
export const createServerApp = (deps: ServerAppDeps): Hono => {
  const { runtime, auth, recompiler, trustProxy } = deps;
  const { config, logger, store, adapters, queue } = runtime;
  const clock = deps.clock ?? Date.now;
  const parts = new Set(deps.parts ?? serverParts);
  const onRosterChange = recompiler.onRosterChange;

  const app = new Hono();
  app.use('*', securityHeaders({ https: new URL(config.publicUrl).protocol === 'https:' }));
  app.route('/', createHealthRoutes({ store }));

  if (parts.has('api')) {
    const api = createApiApp({ store, sessions: auth.sessions, logger, trustProxy, clock });
    const groups = [
      createAuthRoutes({
        store,
        loginService: auth.loginService,
        sessions: auth.sessions,
        endedSessions: auth.endedSessions,
        hasher: auth.hasher,
        totp: auth.totp,
        invitations: auth.invitations,
        setup: deps.setup,
      }),
      createContactRoutes({ onRosterChange }),
      createNumberRoutes({ onRosterChange, clock }),
      createCalendarRoutes({
        store,
        adapters,
        queue,
        sync: runtime.sync,
        oauthState: auth.oauthState,
        config,
        clock,
      }),
      createTakeoverRoutes({ store, clock }),
      createAdminRoutes({ invitationKey: auth.invitationKey, clock }),
      createOrganisationRoutes({ onRosterChange }),
      createCallRoutes(),
      createAuditRoutes(),
      createPrivacyRoutes({ sessions: auth.sessions }),
    ];
    for (const group of groups) api.route('/api/v1', group);
    mountOpenApiDocument(api, { publicUrl: config.publicUrl });
    app.route('/', api);
    app.route(
      '/',
      createOAuthCallbackRoutes({
        store,
        adapters,
        queue,
        oauthState: auth.oauthState,
        config,
        googleTokenUrl: runtime.googleTokenUrl,
        logger,
        trustProxy,
      }),
    );
  }
  if (parts.has('webhooks')) {
    app.route('/', createWebhookRoutes({ store, adapters, queue, push: runtime.push, logger, clock }));
  }
  if (parts.has('jobs')) {
    app.route(
      '/',
      createJobRoutes({
        store,
        sync: runtime.sync,
        scheduler: runtime.scheduler,
        clock,
        logger,
        auth: auth.jobs,
        ...(deps.bot ? { bot: deps.bot } : {}),
      }),
    );
  }
  const addon = config.addon;
  if (parts.has('addon') && addon) {
    app.route(
      '/addon',
      createAddonApp({
        store,
        clock,
        logger,
        config: {
          baseUrl: `${config.publicUrl}/addon`,
          webAdminUrl: config.publicUrl,
          serviceAccountEmail: addon.serviceAccountEmail,
          oauthClientId: addon.oauthClientId,
        },
        onRosterChange: async (tenantId) => onRosterChange(tenantId),
      }),
    );
  }
  const bot = deps.bot;
  if (parts.has('bot') && bot) {
    app.post('/api/messages', async (c) => {
      const reply = await bot.handleMessages({
        headers: Object.fromEntries(c.req.raw.headers),
        body: await c.req.json().catch(() => undefined),
      });
      return reply.body === undefined
        ? c.body(null, reply.status as 200)
        : c.json(reply.body, reply.status as 200);
    });
  }
  deps.mount?.(app);
  if (parts.has('web')) {
    app.route(
      '/',
      createWebAdminRoutes({ store, distDir: deps.webAdminDir ?? defaultWebAdminDir, setup: deps.setup }),
    );
  }

  app.notFound((c) => c.json(new HttpError('NOT_FOUND', 'No such endpoint.').toBody(), 404));
  app.onError((error, c) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500)
      logger.error({ err: (error as { code?: string }).code ?? error.name }, 'request failed');
    return c.json(httpError.toBody(), httpError.status as 400);
  });
  return app;
};
