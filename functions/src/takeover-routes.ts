import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recompileTenantTables } from '@wygc/calendar-sync';
import {
  type CalendarEvent,
  type CalendarSource,
  createContactDirectory,
  type DutyEvent,
  defaultHorizonDays,
  type EventTime,
  internalSourcePrefix,
  type RoutedNumber,
  type Store,
  type TenantStore,
} from '@wygc/routing-core';
import { DateTime } from 'luxon';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, idParamSchema, json, jsonBody } from './api-schemas.ts';
import { createKeyedMutex } from './auth/keyed-mutex.ts';
import { HttpError } from './http-error.ts';
import { requireRole } from './require-role.ts';

/**
 * Takeovers live in a calendar source of our own per number (one per number, so a takeover never rings
 * on another number), never fetched from outside: the sync pipeline skips internal sources.
 */
export const overridesExternalId = (numberId: string): string =>
  `${internalSourcePrefix}overrides:${numberId}`;

export interface TakeoverRoutesDeps {
  /** For recompiling the tenant's tables once the takeover is stored. */
  readonly store: Store;
  readonly clock: () => number;
}

const takeoverRequestSchema = z
  .object({
    contactKey: z
      .string()
      .trim()
      .min(1)
      .max(16)
      .openapi({ example: 'JD', description: 'Who takes the calls' }),
    hours: z.number().int().min(1).max(72).openapi({ example: 4 }),
  })
  .strict()
  .openapi('TakeoverRequest');

const takeoverSchema = z
  .object({
    id: z.string(),
    numberId: z.string(),
    contactKey: z.string(),
    start: z.string().openapi({ format: 'date-time' }),
    end: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Takeover');

const takeoverParamSchema = idParamSchema.extend({
  eventId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'eventId', in: 'path' } }),
});

const hourMs = 3_600_000;

/** Wall-clock time in the zone, as calendars store it: the event reads "until 17:00" in any app. */
const wallTime = (instant: number, timeZone: string): EventTime => ({
  dateTime: DateTime.fromMillis(instant, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
  timeZone,
});

// Takeovers are always timed; an all-day value could only come from a hand-edited store.
const instantOf = (time: EventTime): number =>
  'date' in time
    ? Date.parse(time.date)
    : DateTime.fromISO(time.dateTime, { zone: time.timeZone }).toMillis();

const endedAt = (event: CalendarEvent, instant: number): CalendarEvent => ({
  ...event,
  end: wallTime(instant, 'timeZone' in event.end ? event.end.timeZone : 'UTC'),
});

const iso = (instant: number, timeZone: string): string =>
  DateTime.fromMillis(instant, { zone: timeZone }).toISO({ suppressMilliseconds: true }) as string;

const toJson = (numberId: string, stored: Pick<DutyEvent, 'externalId' | 'event'>, timeZone: string) => ({
  id: stored.externalId,
  numberId,
  contactKey: stored.event.subject,
  start: iso(instantOf(stored.event.start), timeZone),
  end: iso(instantOf(stored.event.end), timeZone),
});

const loadNumber = async (tenant: TenantStore, id: string): Promise<RoutedNumber> => {
  const number = await tenant.numbers.get(id);
  if (!number) throw new HttpError('NOT_FOUND', 'No such number.');
  return number;
};

const findSource = async (tenant: TenantStore, number: RoutedNumber): Promise<CalendarSource | undefined> =>
  (await tenant.sources.list()).find((source) => source.externalId === overridesExternalId(number.id));

/**
 * "I take the calls for the next N hours": an override duty event, which by the overlap rules rings
 * before whoever is on duty. Any signed-in member may take over as any contact of the organisation;
 * the audit log records who did. Shared by the takeover API and the Teams bot.
 */
export const createTakeOver = (deps: {
  readonly store: Store;
  readonly clock: () => number;
  /** One overrides source per number, even when two members take over at the same moment (per instance). */
  readonly perTenant?: ReturnType<typeof createKeyedMutex>;
}) => {
  const perTenant = deps.perTenant ?? createKeyedMutex();

  const ensureSource = async (tenant: TenantStore, number: RoutedNumber, timeZone: string) => {
    const source =
      (await findSource(tenant, number)) ??
      (await tenant.sources.create({
        provider: 'ics',
        externalId: overridesExternalId(number.id),
        name: `WhoYouGonnaCall overrides: ${number.name}`.slice(0, 120),
        timeZone,
      }));
    if (!number.sourceIds.includes(source.id)) {
      await tenant.numbers.update(number.id, { sourceIds: [...number.sourceIds, source.id] });
    }
    return source;
  };

  return async (request: {
    readonly tenantId: string;
    readonly numberId: string;
    readonly contactKey: string;
    readonly hours: number;
    /** "admin:<id>" of whoever asked, for the audit log. */
    readonly actor: string;
  }) => {
    const tenant = deps.store.forTenant(request.tenantId, { actor: request.actor });
    const created = await perTenant.run(request.tenantId, async () => {
      const number = await loadNumber(tenant, request.numberId);
      const { timeZone, settings } = await tenant.tenant();
      const directory = createContactDirectory(await tenant.contacts.list(), {
        caseSensitive: settings.caseSensitiveKeys,
      });
      const contact = directory.find(request.contactKey);
      if (!contact)
        throw new HttpError('BAD_REQUEST', 'contactKey: no contact in your organisation has this key.');
      const source = await ensureSource(tenant, number, timeZone);
      // Whole seconds: calendars store no milliseconds.
      const start = Math.floor(deps.clock() / 1000) * 1000;
      const externalId = randomUUID();
      const event: CalendarEvent = {
        uid: `${externalId}@whoyougonnacall`,
        subject: contact.key,
        status: 'confirmed',
        start: wallTime(start, timeZone),
        end: wallTime(start + request.hours * hourMs, timeZone),
      };
      // Takeovers that ended before the tables' horizon no longer show anywhere; the audit log keeps them.
      const forgotten = start - defaultHorizonDays.before * 24 * hourMs;
      const ended = (await tenant.events.list(source.id))
        .filter((stored) => instantOf(stored.event.end) <= forgotten)
        .map((stored) => stored.externalId);
      await tenant.commitSync({
        sourceId: source.id,
        changes: { upserts: [{ externalId, event }], deletes: ended },
      });
      return { number, externalId, event, timeZone, end: start + request.hours * hourMs };
    });
    await recompileTenantTables({
      store: deps.store,
      tenantId: request.tenantId,
      now: deps.clock(),
      actor: request.actor,
    });
    return created;
  };
};

export type TakeOverFunction = ReturnType<typeof createTakeOver>;

export const createTakeoverRoutes = (deps: TakeoverRoutesDeps) => {
  const app = new OpenAPIHono<ApiEnv>();
  const perTenant = createKeyedMutex();
  const takeOver = createTakeOver({ ...deps, perTenant });

  const recompile = (tenantId: string, adminId: string) =>
    recompileTenantTables({ store: deps.store, tenantId, now: deps.clock(), actor: `admin:${adminId}` });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/numbers/{id}/takeover',
      tags: ['takeover'],
      summary: 'Take the calls of this number for the next hours',
      middleware: [requireRole('member')] as const,
      request: { params: idParamSchema, body: jsonBody(takeoverRequestSchema) },
      responses: { 201: json(takeoverSchema, 'Taken over'), ...errorResponses },
    }),
    async (c) => {
      const { contactKey, hours } = c.req.valid('json');
      const created = await takeOver({
        tenantId: c.var.session.tenantId,
        numberId: c.req.valid('param').id,
        contactKey,
        hours,
        actor: `admin:${c.var.session.adminId}`,
      });
      return c.json(toJson(created.number.id, created, created.timeZone), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/numbers/{id}/takeover',
      tags: ['takeover'],
      summary: 'The takeovers of this number that have not ended',
      middleware: [requireRole('member')] as const,
      request: { params: idParamSchema },
      responses: {
        200: json(z.object({ items: z.array(takeoverSchema) }), 'Active takeovers'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const tenant = c.var.tenant;
      const number = await loadNumber(tenant, c.req.valid('param').id);
      const source = await findSource(tenant, number);
      if (!source) return c.json({ items: [] }, 200);
      const { timeZone } = await tenant.tenant();
      const now = deps.clock();
      const items = (await tenant.events.list(source.id))
        .filter((stored) => instantOf(stored.event.end) > now)
        .sort((a, b) => instantOf(a.event.start) - instantOf(b.event.start))
        .map((stored) => toJson(number.id, stored, timeZone));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/numbers/{id}/takeover/{eventId}',
      tags: ['takeover'],
      summary: 'End a takeover now',
      middleware: [requireRole('member')] as const,
      request: { params: takeoverParamSchema },
      responses: { 204: { description: 'Ended' }, ...errorResponses },
    }),
    async (c) => {
      const { id, eventId } = c.req.valid('param');
      const tenant = c.var.tenant;
      await perTenant.run(tenant.tenantId, async () => {
        const number = await loadNumber(tenant, id);
        const source = await findSource(tenant, number);
        const stored = source && (await tenant.events.list(source.id)).find((e) => e.externalId === eventId);
        const now = Math.floor(deps.clock() / 1000) * 1000;
        if (!source || !stored || instantOf(stored.event.end) <= now) {
          throw new HttpError('NOT_FOUND', 'No active takeover with this id.');
        }
        // The part that already happened stays in the calendar, so coverage still shows who had the calls.
        const changes =
          instantOf(stored.event.start) < now
            ? { upserts: [{ externalId: eventId, event: endedAt(stored.event, now) }], deletes: [] }
            : { upserts: [], deletes: [eventId] };
        await tenant.commitSync({ sourceId: source.id, changes });
      });
      await recompile(tenant.tenantId, c.var.session.adminId);
      return c.body(null, 204);
    },
  );

  return app;
};
