import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { EventTime, TenantExport } from '@wygc/routing-core';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, idParamSchema, json, jsonBody } from './api-schemas.ts';
import type { SessionTokens } from './auth/session-tokens.ts';
import { HttpError } from './http-error.ts';
import { requireRole } from './require-role.ts';

export interface PrivacyRoutesDeps {
  readonly sessions: Pick<SessionTokens, 'requireRecentAuth'>;
}

/** Termination cannot be undone: the owner must have entered credentials within this time. */
export const terminationMaxAuthAgeMs = 5 * 60_000;

export const exportCategories = [
  'contacts',
  'numbers',
  'sources',
  'events',
  'calls',
  'audit',
  'admins',
  'botConversations',
] as const;
type ExportCategory = (typeof exportCategories)[number];

const exportQuerySchema = z
  .object({
    format: z
      .enum(['json', 'csv'])
      .default('json')
      .openapi({ param: { name: 'format', in: 'query' } }),
    category: z
      .enum(exportCategories)
      .optional()
      .openapi({
        param: { name: 'category', in: 'query' },
        description: 'Required for CSV: one file per category',
      }),
  })
  .refine((query) => query.format === 'json' || query.category !== undefined, {
    message: 'required when format is csv',
    path: ['category'],
  });

const records = z.array(z.looseObject({}));
const epochMs = z.number().int().openapi({ description: 'Epoch milliseconds' });

const tenantExportSchema = z
  .object({
    exportedAt: epochMs,
    tenant: z.looseObject({}),
    admins: records.openapi({ description: 'Without password hashes and TOTP secrets' }),
    contacts: records,
    sources: records.openapi({ description: 'Without credentials and push channels' }),
    numbers: records,
    events: records,
    calls: records,
    audit: records,
    botConversations: records.openapi({
      description: "The Teams bot's chats and teams, without the Bot Framework's technical address",
    }),
  })
  .openapi('TenantExport');

const contactExportSchema = z
  .object({ exportedAt: epochMs, contact: z.looseObject({}), events: records, calls: records })
  .openapi('ContactExport');

const erasureReportSchema = z
  .object({
    contactId: z.string(),
    callRecordsPseudonymised: z.number().int(),
    tablesRepublished: z.number().int(),
  })
  .openapi('ErasureReport');

const terminationSchema = z
  .object({ confirm: z.string().max(200).openapi({ description: "The organisation's name, exactly" }) })
  .strict()
  .openapi('TerminationRequest');

const terminationReportSchema = z
  .object({
    tenantId: z.string(),
    terminatedAt: epochMs,
    deleted: z.record(z.string(), z.number().int()),
    keyDestroyed: z.boolean(),
  })
  .openapi('TerminationReport');

const iso = (instant: number | undefined): string =>
  instant === undefined ? '' : new Date(instant).toISOString();
const wall = (time: EventTime): string => ('date' in time ? time.date : time.dateTime);
const zoneOf = (time: EventTime): string => ('date' in time ? '' : time.timeZone);

/** One flat row per record, the columns a spreadsheet user expects; nested values as JSON. */
const rowsOf = (data: TenantExport, category: ExportCategory): Record<string, unknown>[] => {
  switch (category) {
    case 'contacts':
      return data.contacts.map((c) => ({
        id: c.id,
        key: c.key,
        phone: c.phone,
        description: c.description ?? '',
      }));
    case 'numbers':
      return data.numbers.map((n) => ({
        id: n.id,
        did: n.did,
        name: n.name,
        sourceIds: n.sourceIds.join(' '),
        fallback: n.fallback ?? '',
        strategy: n.strategy,
        ringSeconds: n.ringSeconds,
        overlapPolicy: n.overlapPolicy,
        createdAt: iso(n.createdAt),
      }));
    case 'sources':
      return data.sources.map((s) => ({
        id: s.id,
        provider: s.provider,
        externalId: s.externalId,
        name: s.name,
        timeZone: s.timeZone,
        lastSyncAt: iso(s.lastSync?.at),
        lastSyncOk: s.lastSync?.ok ?? '',
        lastSyncError: s.lastSync?.error ?? '',
        createdAt: iso(s.createdAt),
      }));
    case 'events':
      return data.events.map(({ sourceId, externalId, event, updatedAt }) => ({
        sourceId,
        externalId,
        uid: event.uid,
        recurrenceId: event.recurrenceId ? wall(event.recurrenceId) : '',
        subject: event.subject,
        status: event.status,
        start: wall(event.start),
        startTimeZone: zoneOf(event.start),
        end: wall(event.end),
        endTimeZone: zoneOf(event.end),
        recurrence: event.recurrence ? JSON.stringify(event.recurrence) : '',
        updatedAt: iso(updatedAt),
      }));
    case 'calls':
      return data.calls.map((c) => ({
        id: c.id,
        callId: c.callId,
        did: c.did,
        caller: c.caller,
        startedAt: iso(c.startedAt),
        endedAt: iso(c.endedAt),
        tableVersion: c.tableVersion,
        reason: c.reason,
        outcome: c.outcome,
        answeredBy: c.answeredBy ?? '',
        attempts: JSON.stringify(c.attempts),
      }));
    case 'audit':
      return data.audit.map((e) => ({
        id: e.id,
        at: iso(e.at),
        actor: e.actor,
        action: e.action,
        targetCategory: e.target.category,
        targetId: e.target.id ?? '',
        sourceIp: e.sourceIp ?? '',
        outcome: e.outcome,
      }));
    case 'admins':
      return data.admins.map((a) => ({
        id: a.id,
        email: a.email,
        role: a.role,
        entraTenantId: a.identities.entra?.tid ?? '',
        entraObjectId: a.identities.entra?.oid ?? '',
        googleSub: a.identities.googleSub ?? '',
        createdAt: iso(a.createdAt),
      }));
    case 'botConversations':
      return data.botConversations.map((b) => ({
        id: b.id,
        kind: b.kind,
        externalId: b.externalId,
        language: b.language,
        contactKeys: b.contactKeys.join(' '),
        updatedAt: iso(b.updatedAt),
      }));
  }
};

/**
 * Spreadsheets run a cell starting with = + - @ as a formula, and event subjects come from anyone who
 * can edit the calendar. Phone and plain numbers stay as they are; anything else such is quoted.
 */
const spreadsheetSafe = (value: string): string =>
  /^[=+\-@\t\r]/.test(value) && !/^[+-]?[\d\s().-]+$/.test(value) ? `'${value}` : value;

const toCsv = (rows: readonly Record<string, unknown>[]): string => {
  const columns = Object.keys(rows[0] ?? {});
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    bom: true,
    ...(columns.length > 0 ? { columns } : {}),
    cast: { string: spreadsheetSafe, boolean: (value) => (value ? 'true' : 'false') },
  });
};

const download = (name: string) => ({
  'Content-Disposition': `attachment; filename="${name}"`,
  'Cache-Control': 'no-store',
});

/**
 * The processing agreement's data-subject and end-of-contract duties (DESIGN §7): exports, erasure of
 * one contact, and termination of the organisation. Each is audited by the store.
 */
export const createPrivacyRoutes = (deps: PrivacyRoutesDeps) => {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/privacy/export',
      tags: ['privacy'],
      summary: 'Everything stored for the organisation: JSON, or one category as CSV',
      middleware: [requireRole('admin')] as const,
      request: { query: exportQuerySchema },
      responses: {
        200: {
          description: 'A download (Content-Disposition: attachment)',
          content: { 'application/json': { schema: tenantExportSchema }, 'text/csv': { schema: z.string() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { format, category } = c.req.valid('query');
      const data = await c.var.tenant.privacy.exportTenant();
      const day = DateTime.fromMillis(data.exportedAt, { zone: data.tenant.timeZone }).toISODate();
      if (format === 'csv' && category) {
        const headers = {
          ...download(`wygc-export-${day}-${category}.csv`),
          'Content-Type': 'text/csv; charset=utf-8',
        };
        return c.body(toCsv(rowsOf(data, category)), 200, headers);
      }
      return c.json(data, 200, download(`wygc-export-${day}.json`));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/export',
      tags: ['privacy'],
      summary: "A data subject's access request: the contact, the events naming them, their calls",
      middleware: [requireRole('admin')] as const,
      request: { params: idParamSchema },
      responses: { 200: json(contactExportSchema, 'The contact export'), ...errorResponses },
    }),
    async (c) => {
      const data = await c.var.tenant.privacy.exportContact(c.req.valid('param').id);
      // The store's records are deeply readonly, Hono's JSON type wants mutable arrays: same values.
      return c.json(data as unknown as z.output<typeof contactExportSchema>, 200, {
        'Cache-Control': 'no-store',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/erase',
      tags: ['privacy'],
      summary: 'Erases a contact everywhere: tables republished without them, call records pseudonymised',
      middleware: [requireRole('admin')] as const,
      request: { params: idParamSchema },
      responses: { 200: json(erasureReportSchema, 'Erased'), ...errorResponses },
    }),
    async (c) => c.json(await c.var.tenant.privacy.eraseContact(c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenant/terminate',
      tags: ['privacy'],
      summary: "Ends the contract: deletes all data and destroys the organisation's key; cannot be undone",
      middleware: [requireRole('owner')] as const,
      request: { body: jsonBody(terminationSchema) },
      responses: {
        200: json(terminationReportSchema, 'Terminated; every later request answers 410'),
        ...errorResponses,
        410: errorResponses[404],
      },
    }),
    async (c) => {
      deps.sessions.requireRecentAuth(c.var.session, terminationMaxAuthAgeMs);
      const tenant = await c.var.tenant.tenant();
      if (c.req.valid('json').confirm.trim() !== tenant.name) {
        throw new HttpError('BAD_REQUEST', "confirm: type the organisation's name exactly to terminate it.");
      }
      const report = await c.var.tenant.privacy.terminate();
      c.var.logger.warn({ tenantId: report.tenantId }, 'tenant terminated');
      return c.json(report, 200);
    },
  );

  return app;
};
