import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type CoverageReport,
  createContactDirectory,
  createCoverageReport,
  isRoutingError,
  overlapPolicies,
  period,
  type RoutedNumber,
  type RoutingTarget,
  resolve,
  ringStrategies,
  type TenantStore,
  toE164,
} from '@wygc/routing-core';
import { DateTime } from 'luxon';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, idParamSchema, instantSchema, json, jsonBody } from './api-schemas.ts';
import { HttpError } from './http-error.ts';
import { requireRole } from './require-role.ts';

export interface NumberRoutesDeps {
  /** Recompiles the tenant's routing tables after a change (queued; the response does not wait). */
  readonly onRosterChange: (tenantId: string) => void;
  readonly clock: () => number;
}

const fallbackSchema = z.string().trim().min(1).max(40).nullable().openapi({
  example: 'JD',
  description: 'A contact key or a phone number; rings last, and alone when nobody is on duty',
});

const settingsShape = {
  name: z.string().trim().min(1).max(120).openapi({ example: 'Storingsdienst' }),
  sourceIds: z
    .array(z.string().min(1).max(128))
    .max(20)
    .openapi({ description: 'Calendar sources feeding the number' }),
  fallback: fallbackSchema,
  strategy: z.enum(ringStrategies),
  ringSeconds: z.number().int().min(5).max(300),
  overlapPolicy: z.enum(overlapPolicies),
};

const numberSchema = z
  .object({
    id: z.string(),
    did: z.string().openapi({ example: '+31501234567', description: 'E.164' }),
    ...settingsShape,
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('RoutedNumber');

const newNumberSchema = z
  .object({
    did: z
      .string()
      .min(1)
      .max(40)
      .openapi({ example: '050 123 4567', description: 'Any notation; stored as E.164' }),
    ...settingsShape,
  })
  .partial({ sourceIds: true, fallback: true, strategy: true, ringSeconds: true, overlapPolicy: true })
  .strict()
  .openapi('NewRoutedNumber');

const numberPatchSchema = z.object(settingsShape).partial().strict().openapi('RoutedNumberPatch');

const targetSchema = z
  .object({
    key: z.string().nullable().openapi({ description: 'null for a fallback phone number' }),
    phone: z.string(),
  })
  .openapi('RoutingTarget');

const instantJson = z.string().openapi({ format: 'date-time', example: '2027-03-26T17:00:00+01:00' });
const periodJson = z.object({ start: instantJson, end: instantJson });

const coverageQuerySchema = z.object({
  from: instantSchema.optional().openapi({
    param: { name: 'from', in: 'query' },
    description: "Default: the start of today in the organisation's time zone",
  }),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(35)
    .default(14)
    .openapi({ param: { name: 'days', in: 'query' }, example: 14 }),
});

const coverageSchema = z
  .object({
    numberId: z.string(),
    did: z.string(),
    timeZone: z.string(),
    version: z.number().int(),
    from: instantJson,
    to: instantJson,
    clipped: z
      .boolean()
      .openapi({ description: "Part of the period lay outside the table's horizon and is not reported" }),
    fallback: targetSchema.nullable(),
    slices: z.array(
      periodJson.extend({
        attempts: z
          .array(z.array(targetSchema))
          .openapi({ description: 'Groups that ring one after another' }),
      }),
    ),
    gaps: z.array(periodJson).openapi({ description: 'Nobody on duty: only the fallback rings, or nobody' }),
    unmatched: z.array(
      periodJson.extend({ uid: z.string(), subject: z.string(), unmatchedTokens: z.array(z.string()) }),
    ),
  })
  .openapi('CoverageReport');

const decisionQuerySchema = z.object({
  at: instantSchema.optional().openapi({ param: { name: 'at', in: 'query' }, description: 'Default: now' }),
});

const decisionSchema = z
  .object({
    at: instantJson,
    reason: z.enum(['duty', 'fallback', 'none']),
    fallbackUsed: z.boolean(),
    attempts: z
      .array(z.array(targetSchema))
      .openapi({ description: 'Groups in ringing order, the fallback last' }),
    ringSeconds: z.number().int(),
    from: instantJson.nullable().openapi({ description: 'Since when this decision holds; null: always' }),
    until: instantJson.nullable().openapi({ description: 'Until when this decision holds; null: forever' }),
    withinHorizon: z.boolean(),
    version: z.number().int(),
    events: z
      .array(z.string())
      .openapi({ description: 'Ids of the event instances that put these people on duty' }),
  })
  .openapi('RoutingDecision');

const toJson = (number: RoutedNumber) => ({
  id: number.id,
  did: number.did,
  name: number.name,
  sourceIds: [...number.sourceIds],
  fallback: number.fallback,
  strategy: number.strategy,
  ringSeconds: number.ringSeconds,
  overlapPolicy: number.overlapPolicy,
  createdAt: new Date(number.createdAt).toISOString(),
});

/** Instants in the organisation's zone, so "17:00+01:00" reads as the calendar shows it. */
const formatter = (timeZone: string) => (instant: number) =>
  DateTime.fromMillis(instant, { zone: timeZone }).toISO({ suppressMilliseconds: true }) as string;

const targetJson = (target: RoutingTarget) => ({ key: target.key ?? null, phone: target.phone });

const coverageJson = (number: RoutedNumber, report: CoverageReport, timeZone: string) => {
  const iso = formatter(timeZone);
  return {
    numberId: number.id,
    did: number.did,
    timeZone,
    version: report.version,
    from: iso(report.period.start),
    to: iso(report.period.end),
    clipped: report.clipped,
    fallback: report.fallback ? targetJson(report.fallback) : null,
    slices: report.slices.map((slice) => ({
      start: iso(slice.start),
      end: iso(slice.end),
      attempts: slice.groups.map((group) => group.map(targetJson)),
    })),
    gaps: report.gaps.map((gap) => ({ start: iso(gap.start), end: iso(gap.end) })),
    unmatched: report.unmatched.map((event) => ({
      uid: event.uid,
      start: iso(event.start),
      end: iso(event.end),
      subject: event.subject,
      unmatchedTokens: [...event.unmatchedTokens],
    })),
  };
};

/**
 * A fallback that is neither a contact nor a phone number, or a source of another organisation, would
 * make every later compile of the tenant's tables fail: refuse them here, where the admin can fix them.
 */
const checkReferences = async (
  tenant: TenantStore,
  input: {
    readonly sourceIds?: readonly string[] | undefined;
    readonly fallback?: string | null | undefined;
  },
): Promise<void> => {
  if (input.sourceIds && input.sourceIds.length > 0) {
    const known = new Set((await tenant.sources.list()).map((source) => source.id));
    if (!input.sourceIds.every((id) => known.has(id))) {
      throw new HttpError('BAD_REQUEST', 'sourceIds: no such calendar source in your organisation.');
    }
  }
  if (input.fallback) {
    const settings = (await tenant.tenant()).settings;
    const directory = createContactDirectory(await tenant.contacts.list(), {
      caseSensitive: settings.caseSensitiveKeys,
    });
    if (directory.find(input.fallback)) return;
    try {
      toE164(input.fallback);
    } catch (error) {
      if (!isRoutingError(error)) throw error;
      throw new HttpError('BAD_REQUEST', 'fallback: neither a contact key nor a valid phone number.', {
        cause: error,
      });
    }
  }
};

const noTable = () =>
  new HttpError(
    'NOT_FOUND',
    'This number has no routing table yet: it is compiled after the first calendar sync or change. Try again shortly.',
  );

/**
 * Routed numbers: which calendars ring which DID. Members read them and ask who is on duty; admins
 * change them, which recompiles the organisation's routing tables.
 */
export const createNumberRoutes = (deps: NumberRoutesDeps) => {
  const app = new OpenAPIHono<ApiEnv>();

  /** The number and its published table, with an audit entry: both answers show phones and subjects. */
  const loadTable = async (tenant: TenantStore, numberId: string, action: string) => {
    const number = await tenant.numbers.get(numberId);
    if (!number) throw new HttpError('NOT_FOUND', 'No such number.');
    const published = await tenant.tables.get(number.id);
    if (!published) throw noTable();
    await tenant.audit.append({ action, target: { category: 'routed-number', id: number.id } });
    return { number, table: published.table, unmatched: published.unmatched };
  };

  /** The decision's hot path: the published table alone (cached decrypted), one audit entry. */
  const loadPublishedTable = async (tenant: TenantStore, numberId: string, action: string) => {
    const published = await tenant.tables.get(numberId);
    if (!published) {
      if (!(await tenant.numbers.get(numberId))) throw new HttpError('NOT_FOUND', 'No such number.');
      throw noTable();
    }
    await tenant.audit.append({ action, target: { category: 'routed-number', id: numberId } });
    return published;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/numbers',
      tags: ['numbers'],
      middleware: [requireRole('member')] as const,
      responses: {
        200: json(z.object({ items: z.array(numberSchema) }), 'The routed numbers'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: (await c.var.tenant.numbers.list()).map(toJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/numbers',
      tags: ['numbers'],
      middleware: [requireRole('admin')] as const,
      request: { body: jsonBody(newNumberSchema) },
      responses: { 201: json(numberSchema, 'Created'), ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) => {
      const input = c.req.valid('json');
      await checkReferences(c.var.tenant, input);
      const created = await c.var.tenant.numbers.create(input);
      deps.onRosterChange(c.var.session.tenantId);
      return c.json(toJson(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/numbers/{id}',
      tags: ['numbers'],
      middleware: [requireRole('member')] as const,
      request: { params: idParamSchema },
      responses: { 200: json(numberSchema, 'The number'), ...errorResponses },
    }),
    async (c) => {
      const number = await c.var.tenant.numbers.get(c.req.valid('param').id);
      if (!number) throw new HttpError('NOT_FOUND', 'No such number.');
      return c.json(toJson(number), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/numbers/{id}',
      tags: ['numbers'],
      middleware: [requireRole('admin')] as const,
      request: { params: idParamSchema, body: jsonBody(numberPatchSchema) },
      responses: { 200: json(numberSchema, 'Updated'), ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const patch = c.req.valid('json');
      // Another organisation's id must answer 404 before the body is judged against this one's data.
      if (!(await c.var.tenant.numbers.get(id))) throw new HttpError('NOT_FOUND', 'No such number.');
      await checkReferences(c.var.tenant, patch);
      const updated = await c.var.tenant.numbers.update(id, patch);
      deps.onRosterChange(c.var.session.tenantId);
      return c.json(toJson(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/numbers/{id}',
      tags: ['numbers'],
      middleware: [requireRole('admin')] as const,
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await c.var.tenant.numbers.remove(c.req.valid('param').id);
      deps.onRosterChange(c.var.session.tenantId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/numbers/{id}/coverage',
      tags: ['numbers'],
      summary: 'Who is on duty when, where nobody is, and which events match no one',
      middleware: [requireRole('member')] as const,
      request: { params: idParamSchema, query: coverageQuerySchema },
      responses: { 200: json(coverageSchema, 'The coverage report'), ...errorResponses },
    }),
    async (c) => {
      const { from, days } = c.req.valid('query');
      const { number, table, unmatched } = await loadTable(
        c.var.tenant,
        c.req.valid('param').id,
        'routed-number.coverage',
      );
      const { timeZone } = await c.var.tenant.tenant();
      const begin = from ?? DateTime.fromMillis(deps.clock(), { zone: timeZone }).startOf('day').toMillis();
      // Calendar days, not 24-hour days: a period across a DST change still ends at the same wall time.
      const end = DateTime.fromMillis(begin, { zone: timeZone }).plus({ days }).toMillis();
      const report = createCoverageReport(table, { period: period(begin, end), unmatched });
      return c.json(coverageJson(number, report, timeZone), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/numbers/{id}/decision',
      tags: ['numbers'],
      summary: 'Who rings at an instant, and why',
      middleware: [requireRole('member')] as const,
      request: { params: idParamSchema, query: decisionQuerySchema },
      responses: { 200: json(decisionSchema, 'The routing decision'), ...errorResponses },
    }),
    async (c) => {
      const at = c.req.valid('query').at ?? deps.clock();
      const { table } = await loadPublishedTable(
        c.var.tenant,
        c.req.valid('param').id,
        'routed-number.decision',
      );
      const iso = formatter((await c.var.tenant.tenant()).timeZone);
      const decision = resolve(table, at);
      return c.json(
        {
          at: iso(at),
          reason: decision.reason,
          fallbackUsed: decision.fallbackUsed,
          attempts: decision.attempts.map((attempt) => attempt.targets.map(targetJson)),
          ringSeconds: table.ringSeconds,
          from: Number.isFinite(decision.from) ? iso(decision.from) : null,
          until: Number.isFinite(decision.until) ? iso(decision.until) : null,
          withinHorizon: decision.withinHorizon,
          version: decision.version,
          events: [...decision.events],
        },
        200,
      );
    },
  );

  return app;
};
