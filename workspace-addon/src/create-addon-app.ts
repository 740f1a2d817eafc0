import { recompileTenantTables } from '@wygc/calendar-sync';
import type { Store } from '@wygc/routing-core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type AddonConfigInput, parseAddonConfig } from './addon-config.ts';
import { addonEventSchema } from './addon-event.ts';
import type { AddonLogger } from './addon-logger.ts';
import { type AddonEndpoint, addonPaths, endpointUrl } from './addon-paths.ts';
import { type AddonHandler, type AddonHandlerDeps, createAddonRequest } from './addon-request.ts';
import { AddonAuthError, createAddonRequestAuth } from './addon-request-auth.ts';
import { createCalendarAccessResolver } from './calendar-access.ts';
import { createCalendarEventReader } from './calendar-event-reader.ts';
import { calendarHandler } from './calendar-handler.ts';
import { contactFormHandler } from './contact-form-handler.ts';
import { contactSaveHandler } from './contact-save-handler.ts';
import { contactsHandler } from './contacts-handler.ts';
import { eventOpenHandler } from './event-open-handler.ts';
import { createGoogleIdTokenVerifier } from './google-id-token-verifier.ts';
import { homepageHandler } from './homepage-handler.ts';
import { createWebAdminLinks } from './web-admin-links.ts';

export interface AddonAppDeps {
  readonly store: Store;
  readonly config: AddonConfigInput;
  readonly clock: () => number;
  readonly logger: AddonLogger;
  /** Recompiles a tenant's routing tables after a contact change; recompileTenantTables unless given. */
  readonly onRosterChange?: (tenantId: string, actor: string) => Promise<void>;
  /** The HTTP client for the Calendar API; the global fetch unless given. */
  readonly fetch?: typeof fetch;
}

const handlers: Readonly<Record<AddonEndpoint, AddonHandler>> = {
  homepage: homepageHandler,
  eventOpen: eventOpenHandler,
  calendar: calendarHandler,
  contacts: contactsHandler,
  contactForm: contactFormHandler,
  contactSave: contactSaveHandler,
};

/** Event objects are a few kilobytes; anything far larger is not from Google. */
const maxBodyBytes = 256 * 1024;

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * The Google Calendar add-on's HTTP endpoints (POST, JSON event objects in, card JSON out), as one Hono
 * app: mounted at /addon by the all-in-one server, or deployed alone as a Cloud Run function. Every
 * request proves twice who it is from: Google's bearer ID token for the exact endpoint URL, signed by the
 * add-on's service account, and the user's ID token for the add-on's OAuth client. Only then is the user
 * mapped to an admin account and the calendar in view to one of that tenant's Google calendars.
 */
export const createAddonApp = (deps: AddonAppDeps) => {
  const config = parseAddonConfig(deps.config);
  const verifier = createGoogleIdTokenVerifier({ jwksUrl: config.jwksUrl, clock: deps.clock });
  const auth = createAddonRequestAuth({
    verifier,
    serviceAccountEmail: config.serviceAccountEmail,
    oauthClientId: config.oauthClientId,
  });
  const handlerDeps: AddonHandlerDeps = {
    access: createCalendarAccessResolver(deps.store),
    reader: createCalendarEventReader({
      rootUrl: config.calendarApiRootUrl,
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    }),
    clock: deps.clock,
    logger: deps.logger,
    links: createWebAdminLinks(config.webAdminUrl),
    endpoint: (name) => endpointUrl(config.baseUrl, name),
    onRosterChange:
      deps.onRosterChange ??
      (async (tenantId, actor) => {
        await recompileTenantTables({ store: deps.store, tenantId, now: deps.clock(), actor });
      }),
  };

  const app = new Hono();
  app.use('*', bodyLimit({ maxSize: maxBodyBytes }));

  for (const endpoint of Object.keys(handlers) as AddonEndpoint[]) {
    const handler = handlers[endpoint];
    app.post(addonPaths[endpoint], async (c) => {
      // The bearer token first: nothing of an unauthenticated body is parsed or acted on.
      await auth.verifySystemToken(c.req.header('authorization'), endpointUrl(config.baseUrl, endpoint));
      const parsed = addonEventSchema.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) {
        deps.logger.warn({ endpoint }, 'add-on request with an invalid event object');
        return c.json(errorBody('BAD_REQUEST', 'The body is not an add-on event object.'), 400);
      }
      const user = await auth.verifyUser(parsed.data);
      const result = await handler(createAddonRequest(parsed.data, user), handlerDeps);
      deps.logger.info({ endpoint, outcome: result.outcome }, 'add-on request');
      return c.json(result.response, 200);
    });
  }

  app.onError((error, c) => {
    if (error instanceof AddonAuthError) {
      deps.logger.warn({ path: c.req.path, failure: error.failure }, 'add-on request rejected');
      const message =
        error.status === 503
          ? 'Google sign-in is temporarily unavailable.'
          : 'The request is not from Google.';
      return c.json(
        errorBody(error.status === 503 ? 'UNAVAILABLE' : 'UNAUTHENTICATED', message),
        error.status,
      );
    }
    const code = (error as { code?: unknown }).code;
    deps.logger.error({ path: c.req.path, err: { name: error.name, code } }, 'add-on request failed');
    return c.json(errorBody('INTERNAL', 'Something went wrong.'), 500);
  });
  app.notFound((c) => c.json(errorBody('NOT_FOUND', 'No such add-on endpoint.'), 404));
  return app;
};
