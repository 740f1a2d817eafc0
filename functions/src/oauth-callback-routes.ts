import type { SyncJobQueue } from '@wygc/calendar-sync';
import type { CalendarProvider, CalendarSourceAdapter, Store, TenantStore } from '@wygc/routing-core';
import { type Context, Hono } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createCalendarConnector } from './calendar-connector.ts';
import { clientAddress } from './client-address.ts';
import type { FunctionsConfig } from './config.ts';
import {
  createGoogleCodeExchange,
  type GoogleCodeExchange,
  type GoogleCodeGrant,
} from './google-code-exchange.ts';
import { googleCalendarReadonlyScope, oauthRedirectUri } from './oauth-consent-urls.ts';
import type { OAuthProvider, OAuthState, OAuthStateTokens } from './oauth-state-tokens.ts';

export interface OAuthCallbackRoutesDeps {
  readonly store: Store;
  readonly adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  readonly queue: SyncJobQueue;
  readonly oauthState: OAuthStateTokens;
  readonly config: Pick<FunctionsConfig, 'publicUrl' | 'google'>;
  /** Google's token endpoint unless set (tests serve their own). */
  readonly googleTokenUrl?: string;
  readonly logger: Logger;
  readonly trustProxy: boolean;
}

/**
 * What the admin's browser is told after a failed connect: a fixed code, never the provider's own
 * error text (it is attacker-controllable input on this URL).
 */
export const oauthCallbackErrors = [
  'access_denied',
  'consent_failed',
  'invalid_request',
  'invalid_state',
  'forbidden',
  'not_configured',
  'exchange_failed',
  'scope_missing',
  'calendar_unreachable',
  'server_error',
] as const;
export type OAuthCallbackError = (typeof oauthCallbackErrors)[number];

/** Both providers send error (+ description) instead of a result when consent was not given. */
const googleQuerySchema = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(4096).optional(),
  scope: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
});

const microsoftQuerySchema = z.object({
  tenant: z.string().max(256).optional(),
  admin_consent: z.string().max(16).optional(),
  state: z.string().min(1).max(4096).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(4096).optional(),
});

const consentError = (error: string): OAuthCallbackError =>
  error === 'access_denied' ? 'access_denied' : 'consent_failed';

const errorCode = (error: unknown): string | undefined => (error as { code?: string } | undefined)?.code;

/**
 * The browser-facing ends of the connect flows, outside the session-authenticated API (the browser
 * arrives from Google or Microsoft; the signed state says for whom). Every outcome is a 302 back to the
 * admin app: `#/calendars?connected=<id>`, `#/calendars?microsoftTenant=<tid>&state=ok`, or
 * `#/calendars?error=<code>` with nothing stored.
 */
export const createOAuthCallbackRoutes = (deps: OAuthCallbackRoutesDeps) => {
  const { publicUrl, google } = deps.config;
  const connector = createCalendarConnector({ adapters: deps.adapters, queue: deps.queue });
  const codeExchange: GoogleCodeExchange | undefined =
    google.clientId && google.clientSecret
      ? createGoogleCodeExchange({
          clientId: google.clientId,
          clientSecret: google.clientSecret,
          ...(deps.googleTokenUrl === undefined ? {} : { tokenUrl: deps.googleTokenUrl }),
        })
      : undefined;

  const back = (c: Context, params: Record<string, string>) =>
    c.redirect(`${publicUrl}/#/calendars?${new URLSearchParams(params).toString()}`, 302);

  const failed = (c: Context, log: Logger, outcome: OAuthCallbackError, cause?: unknown) => {
    log.warn({ outcome, err: errorCode(cause) }, 'calendar connect failed');
    return back(c, { error: outcome });
  };

  /** The state's admin must still be an admin of a live tenant: consent pages can sit open a while. */
  const adminTenant = async (
    c: Context,
    state: string | undefined,
    provider: OAuthProvider,
  ): Promise<
    { claims: OAuthState; tenant: TenantStore } | { failure: OAuthCallbackError; cause?: unknown }
  > => {
    if (state === undefined) return { failure: 'invalid_request' };
    let claims: OAuthState;
    try {
      claims = await deps.oauthState.consume(state, provider);
    } catch (cause) {
      return { failure: 'invalid_state', cause };
    }
    const tenant = deps.store.forTenant(claims.tenantId, {
      actor: `admin:${claims.adminId}`,
      sourceIp: clientAddress(c, deps.trustProxy),
    });
    try {
      const admin = await tenant.admins.get(claims.adminId);
      if (!admin || admin.role === 'member') return { failure: 'forbidden' };
    } catch (cause) {
      // A terminated tenant, or one that no longer exists.
      return { failure: 'forbidden', cause };
    }
    return { claims, tenant };
  };

  const app = new Hono();

  app.get('/oauth/google/callback', async (c) => {
    const log = deps.logger.child({ path: '/oauth/google/callback' });
    const query = googleQuerySchema.safeParse(c.req.query());
    if (!query.success) return failed(c, log, 'invalid_request');
    if (query.data.error !== undefined) return failed(c, log, consentError(query.data.error));
    const started = await adminTenant(c, query.data.state, 'google');
    if ('failure' in started) return failed(c, log, started.failure, started.cause);
    const { claims, tenant } = started;
    if (query.data.code === undefined) return failed(c, log, 'invalid_request');
    if (!codeExchange || !deps.adapters.google) return failed(c, log, 'not_configured');
    let grant: GoogleCodeGrant;
    try {
      grant = await codeExchange.exchange(query.data.code, oauthRedirectUri(publicUrl, 'google'));
    } catch (cause) {
      return failed(c, log, 'exchange_failed', cause);
    }
    // Google lets the user untick scopes on the consent page; without calendar access there is nothing to sync.
    if (!grant.scopes.includes(googleCalendarReadonlyScope)) return failed(c, log, 'scope_missing');
    const credentials = { type: 'oauth', refreshToken: grant.refreshToken };
    try {
      const source = await connector.connect(
        tenant,
        { provider: 'google', externalId: claims.calendarId ?? 'primary', credentials },
        log.child({ tenantId: tenant.tenantId }),
      );
      return back(c, { connected: source.id });
    } catch (cause) {
      return failed(c, log, 'calendar_unreachable', cause);
    }
  });

  app.get('/oauth/microsoft/callback', async (c) => {
    const log = deps.logger.child({ path: '/oauth/microsoft/callback' });
    const query = microsoftQuerySchema.safeParse(c.req.query());
    if (!query.success) return failed(c, log, 'invalid_request');
    if (query.data.error !== undefined) return failed(c, log, consentError(query.data.error));
    const started = await adminTenant(c, query.data.state, 'microsoft');
    if ('failure' in started) return failed(c, log, started.failure, started.cause);
    const entraTenant = z.guid().safeParse(query.data.tenant);
    if (query.data.admin_consent?.toLowerCase() !== 'true' || !entraTenant.success) {
      return failed(c, log, 'consent_failed');
    }
    const { tenant } = started;
    await tenant.audit.append({
      action: 'calendar-source.admin-consent',
      target: { category: 'tenant', id: tenant.tenantId },
    });
    return back(c, { microsoftTenant: entraTenant.data.toLowerCase(), state: 'ok' });
  });

  // Whatever else fails, the browser goes back to the app rather than to a JSON error page.
  app.onError((error, c) => failed(c, deps.logger, 'server_error', error));

  return app;
};
