import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  recompileTenantTables,
  type SourceRef,
  type SyncJobQueue,
  type SyncReport,
} from '@wygc/calendar-sync';
import type {
  CalendarProvider,
  CalendarSource,
  CalendarSourceAdapter,
  Store,
  TenantStore,
} from '@wygc/routing-core';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, errorSchema, idParamSchema, json, jsonBody } from './api-schemas.ts';
import { type CalendarConnection, createCalendarConnector } from './calendar-connector.ts';
import type { FunctionsConfig } from './config.ts';
import { HttpError } from './http-error.ts';
import { googleConsentUrl, microsoftAdminConsentUrl } from './oauth-consent-urls.ts';
import type { OAuthStateTokens } from './oauth-state-tokens.ts';
import { requireRole } from './require-role.ts';

export interface CalendarRoutesDeps {
  readonly store: Store;
  readonly adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  readonly queue: SyncJobQueue;
  /** One sync, awaited: "sync now" shows the admin its result. */
  readonly sync: (ref: SourceRef) => Promise<SyncReport>;
  readonly oauthState: OAuthStateTokens;
  readonly config: Pick<FunctionsConfig, 'publicUrl' | 'google' | 'microsoft'>;
  readonly clock: () => number;
}

const isoTime = z.string().openapi({ format: 'date-time' });

const calendarSchema = z
  .object({
    id: z.string(),
    provider: z.enum(['google', 'microsoft', 'ics', 'caldav']),
    name: z.string().openapi({ example: 'Storingsdienst' }),
    externalId: z.string().openapi({ description: 'Calendar id or path; URLs without credentials or query' }),
    timeZone: z.string().openapi({ example: 'Europe/Amsterdam' }),
    channel: z
      .object({ expiresAt: isoTime })
      .nullable()
      .openapi({ description: 'Live push channel, if any' }),
    lastSync: z
      .object({
        at: isoTime,
        ok: z.boolean(),
        upserted: z.number().int(),
        deleted: z.number().int(),
        error: z.string().optional(),
      })
      .nullable(),
  })
  .openapi('Calendar');

const nameSchema = z.string().trim().min(1).max(120);
/** Tenant-supplied URLs; webcal is how many calendar apps publish an HTTPS feed. */
const feedUrlSchema = z.url({ protocol: /^(https?|webcals?)$/ }).max(2048);
const basicCredentialsSchema = z
  .object({ username: z.string().min(1).max(256), password: z.string().max(1024) })
  .strict();
const bearerCredentialsSchema = z.object({ bearer: z.string().min(1).max(4096) }).strict();
const pathSegment = '[^/?#\\s\\\\]+';

const newCalendarSchema = z
  .discriminatedUnion('provider', [
    z
      .object({
        provider: z.literal('ics'),
        url: feedUrlSchema.openapi({ example: 'https://calendar.example.net/storingsdienst.ics' }),
        name: nameSchema.optional(),
        credentials: z.union([basicCredentialsSchema, bearerCredentialsSchema]).optional(),
      })
      .strict(),
    z
      .object({
        provider: z.literal('caldav'),
        url: z
          .url({ protocol: /^https?$/ })
          .max(2048)
          .openapi({ description: 'The URL of one calendar collection' }),
        username: z.string().min(1).max(256),
        password: z.string().max(1024),
        name: nameSchema.optional(),
      })
      .strict(),
    z
      .object({
        provider: z.literal('google'),
        calendarId: z.string().min(1).max(256).openapi({ example: 'primary' }),
        subject: z
          .email()
          .max(254)
          .openapi({ description: 'The Workspace user to act as (domain-wide delegation)' }),
        name: nameSchema.optional(),
      })
      .strict(),
    z
      .object({
        provider: z.literal('microsoft'),
        entraTenantId: z.guid().openapi({ description: 'The Entra tenant that gave admin consent' }),
        calendarPath: z
          .string()
          .max(512)
          .regex(
            new RegExp(`^users/${pathSegment}/(calendar|calendars/${pathSegment})$`),
            'users/{user}/calendar or users/{user}/calendars/{id}',
          )
          .refine((path) => !path.split('/').some((part) => part === '.' || part === '..'), 'no dot segments')
          .openapi({ example: 'users/planner@contoso.example/calendar' }),
        name: nameSchema.optional(),
      })
      .strict(),
  ])
  .openapi('NewCalendar');

type NewCalendar = z.output<typeof newCalendarSchema>;

const calendarPatchSchema = z.object({ name: nameSchema.optional() }).strict().openapi('CalendarPatch');

const syncReportSchema = z
  .object({
    tenantId: z.string(),
    sourceId: z.string(),
    ok: z.boolean(),
    upserted: z.number().int(),
    deleted: z.number().int(),
    replacedAll: z.boolean(),
    published: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'New table version per number id' }),
    error: z.string().optional(),
    durationMs: z.number(),
  })
  .openapi('SyncReport');

const googleConnectSchema = z
  .object({
    calendarId: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .regex(/^[^\p{Cc}]+$/u)
      .optional()
      .openapi({ example: 'primary' }),
  })
  .strict();

/** ICS URLs often carry their secret in the query, and some carry user:password: neither is shown. */
const publicExternalId = (source: CalendarSource): string => {
  if (source.provider !== 'ics' && source.provider !== 'caldav') return source.externalId;
  if (!URL.canParse(source.externalId)) return '';
  const url = new URL(source.externalId);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString();
};

const iso = (ms: number) => new Date(ms).toISOString();

/** Credentials and the channel's id and secret never leave the store. */
const toJson = (source: CalendarSource) => ({
  id: source.id,
  provider: source.provider,
  name: source.name,
  externalId: publicExternalId(source),
  timeZone: source.timeZone,
  channel: source.channel ? { expiresAt: iso(source.channel.expiresAt) } : null,
  lastSync: source.lastSync
    ? {
        at: iso(source.lastSync.at),
        ok: source.lastSync.ok,
        upserted: source.lastSync.upserted,
        deleted: source.lastSync.deleted,
        ...(source.lastSync.error === undefined ? {} : { error: source.lastSync.error }),
      }
    : null,
});

/** user:password in a feed URL moves into the encrypted credentials, out of the URL we display. */
const splitUserinfo = (raw: string): { url: string; basic?: { username: string; password: string } } => {
  const url = new URL(raw);
  if (url.username === '' && url.password === '') return { url: url.toString() };
  const basic = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  return { url: url.toString(), basic };
};

/**
 * Graph app permissions cover a whole Entra tenant once its admin consented, for every customer of
 * ours alike. So a tenant may only connect calendars of an Entra tenant it has proven to belong to: one
 * of its admins signed in through verified Microsoft SSO there, or it already has calendars there.
 */
const entraTenantIsLinked = async (tenant: TenantStore, entraTenantId: string): Promise<boolean> => {
  const wanted = entraTenantId.toLowerCase();
  const admins = await tenant.admins.list();
  if (admins.some((admin) => admin.identities.entra?.tid.toLowerCase() === wanted)) return true;
  const sources = await tenant.sources.list();
  return sources.some(
    (source) =>
      source.provider === 'microsoft' && String(source.credentials.tenantId).toLowerCase() === wanted,
  );
};

const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Domain-wide delegation lets our one service account act as any user of every Workspace domain that
 * delegated to it, whichever customer's. So an organisation may only act as users of the domains the
 * operator linked to it.
 */
const workspaceDomainIsLinked = async (tenant: TenantStore, subject: string): Promise<boolean> => {
  const { settings } = await tenant.tenant();
  return settings.googleWorkspaceDomains.includes(domainOf(subject));
};

/** Calendar sources: list and status for members; connecting, syncing and removing for admins. */
export const createCalendarRoutes = (deps: CalendarRoutesDeps) => {
  const connector = createCalendarConnector({ adapters: deps.adapters, queue: deps.queue });
  const { google, microsoft, publicUrl } = deps.config;
  const googleOAuthClientId = google.clientId && google.clientSecret ? google.clientId : undefined;
  const microsoftClientId = microsoft.clientId && microsoft.clientSecret ? microsoft.clientId : undefined;

  const toConnection = async (tenant: TenantStore, input: NewCalendar): Promise<CalendarConnection> => {
    const name = input.name === undefined ? {} : { name: input.name };
    switch (input.provider) {
      case 'ics': {
        const { url, basic } = splitUserinfo(input.url);
        if (basic && input.credentials) {
          throw new HttpError(
            'BAD_REQUEST',
            'url: give the credentials either in the URL or in credentials, not both.',
          );
        }
        return { provider: 'ics', externalId: url, credentials: input.credentials ?? basic ?? {}, ...name };
      }
      case 'caldav': {
        const { url, basic } = splitUserinfo(input.url);
        if (basic)
          throw new HttpError('BAD_REQUEST', 'url: put the user name and password in their own fields.');
        return {
          provider: 'caldav',
          externalId: url,
          credentials: { username: input.username, password: input.password },
          ...name,
        };
      }
      case 'google':
        if (!google.serviceAccountKeyFile) {
          throw new HttpError(
            'BAD_REQUEST',
            'Google Workspace delegation is not set up on this server; use Connect with Google.',
          );
        }
        if (!(await workspaceDomainIsLinked(tenant, input.subject))) {
          throw new HttpError(
            'FORBIDDEN',
            `The Google Workspace domain ${domainOf(input.subject)} is not linked to your organisation: once your Workspace administrator has granted our service account domain-wide delegation, ask WhoYouGonnaCall support to link the domain.`,
          );
        }
        return {
          provider: 'google',
          externalId: input.calendarId,
          credentials: { type: 'delegation', subject: input.subject },
          ...name,
        };
      case 'microsoft':
        if (!(await entraTenantIsLinked(tenant, input.entraTenantId))) {
          throw new HttpError(
            'FORBIDDEN',
            'This Microsoft 365 organisation is not linked to yours: an administrator must first sign in with Microsoft from it.',
          );
        }
        return {
          provider: 'microsoft',
          externalId: input.calendarPath,
          credentials: { tenantId: input.entraTenantId.toLowerCase() },
          ...name,
        };
    }
  };

  const getSource = async (tenant: TenantStore, id: string): Promise<CalendarSource> => {
    const source = await tenant.sources.get(id);
    if (!source) throw new HttpError('NOT_FOUND', 'No such calendar.');
    return source;
  };

  const app = new OpenAPIHono<ApiEnv>();
  app.use('/calendars', requireRole('member'));
  app.use('/calendars/*', requireRole('member'));
  app.on(['POST'], ['/calendars', '/calendars/*'], requireRole('admin'));
  app.on(['PATCH', 'DELETE'], '/calendars/*', requireRole('admin'));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/calendars',
      tags: ['calendars'],
      responses: {
        200: json(z.object({ items: z.array(calendarSchema) }), 'The calendars'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: (await c.var.tenant.sources.list()).map(toJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/calendars',
      tags: ['calendars'],
      description:
        'Connects an ICS feed, a CalDAV calendar, a Google Workspace calendar by domain-wide delegation, or a Microsoft 365 calendar after admin consent. Access is checked first; a calendar that cannot be read is not kept.',
      request: { body: jsonBody(newCalendarSchema) },
      responses: {
        201: json(calendarSchema, 'Connected; the first sync is queued'),
        ...errorResponses,
        503: json(errorSchema, 'The provider could not be reached'),
      },
    }),
    async (c) => {
      const connection = await toConnection(c.var.tenant, c.req.valid('json'));
      const source = await connector.connect(c.var.tenant, connection, c.var.logger);
      return c.json(toJson(source), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/calendars/google/connect',
      tags: ['calendars'],
      description: "Starts Google's consent flow; open authorizationUrl in the browser.",
      request: {
        body: { required: false, content: { 'application/json': { schema: googleConnectSchema } } },
      },
      responses: {
        200: json(z.object({ authorizationUrl: z.url() }), 'Where to send the browser'),
        ...errorResponses,
      },
    }),
    async (c) => {
      if (!googleOAuthClientId || !deps.adapters.google) {
        throw new HttpError('BAD_REQUEST', 'Connecting Google calendars is not set up on this server.');
      }
      const state = await deps.oauthState.issue({
        provider: 'google',
        tenantId: c.var.session.tenantId,
        adminId: c.var.session.adminId,
        calendarId: c.req.valid('json').calendarId ?? 'primary',
      });
      return c.json(
        { authorizationUrl: googleConsentUrl({ clientId: googleOAuthClientId, publicUrl, state }) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/calendars/microsoft/connect',
      tags: ['calendars'],
      description:
        "Starts Microsoft's admin consent; an Entra administrator opens adminConsentUrl. Afterwards POST /calendars with provider microsoft.",
      responses: {
        200: json(z.object({ adminConsentUrl: z.url() }), 'Where to send the browser'),
        ...errorResponses,
      },
    }),
    async (c) => {
      if (!microsoftClientId || !deps.adapters.microsoft) {
        throw new HttpError(
          'BAD_REQUEST',
          'Connecting Microsoft 365 calendars is not set up on this server.',
        );
      }
      const state = await deps.oauthState.issue({
        provider: 'microsoft',
        tenantId: c.var.session.tenantId,
        adminId: c.var.session.adminId,
      });
      return c.json(
        { adminConsentUrl: microsoftAdminConsentUrl({ clientId: microsoftClientId, publicUrl, state }) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/calendars/{id}',
      tags: ['calendars'],
      request: { params: idParamSchema },
      responses: { 200: json(calendarSchema, 'The calendar'), ...errorResponses },
    }),
    async (c) => c.json(toJson(await getSource(c.var.tenant, c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/calendars/{id}/sync',
      tags: ['calendars'],
      description: 'Syncs the calendar now and answers with the result.',
      request: { params: idParamSchema },
      responses: {
        200: json(syncReportSchema, 'The sync result (ok false: the error is also kept on the calendar)'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const source = await getSource(c.var.tenant, c.req.valid('param').id);
      const report = await deps.sync({ tenantId: c.var.session.tenantId, sourceId: source.id });
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/calendars/{id}',
      tags: ['calendars'],
      request: { params: idParamSchema, body: jsonBody(calendarPatchSchema) },
      responses: { 200: json(calendarSchema, 'Updated'), ...errorResponses },
    }),
    async (c) => {
      const { name } = c.req.valid('json');
      const id = c.req.valid('param').id;
      const updated =
        name === undefined
          ? await getSource(c.var.tenant, id)
          : await c.var.tenant.sources.update(id, { name });
      return c.json(toJson(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/calendars/{id}',
      tags: ['calendars'],
      description:
        'Stops push, removes the calendar and its events, detaches it from numbers and recompiles their tables.',
      request: { params: idParamSchema },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      const tenant = c.var.tenant;
      const source = await getSource(tenant, c.req.valid('param').id);
      const adapter = deps.adapters[source.provider];
      if (source.channel && adapter?.stopPush) {
        // A channel we fail to stop runs out by itself, and its notifications then find no source (404).
        await adapter.stopPush(source).catch((error: unknown) => {
          c.var.logger.warn(
            { sourceId: source.id, err: (error as { code?: string }).code ?? 'error' },
            'could not stop push',
          );
        });
      }
      await tenant.sources.remove(source.id);
      for (const number of await tenant.numbers.list()) {
        if (!number.sourceIds.includes(source.id)) continue;
        await tenant.numbers.update(number.id, {
          sourceIds: number.sourceIds.filter((id) => id !== source.id),
        });
      }
      await recompileTenantTables({
        store: deps.store,
        tenantId: c.var.session.tenantId,
        now: deps.clock(),
        actor: `admin:${c.var.session.adminId}`,
      });
      return c.body(null, 204);
    },
  );

  return app;
};
