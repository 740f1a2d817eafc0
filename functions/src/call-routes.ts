import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type CallRecord, callOutcomes } from '@wygc/routing-core';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, json, periodPageQuerySchema } from './api-schemas.ts';
import { requireRole } from './require-role.ts';

const callSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    did: z.string().openapi({ description: 'The number that was called, E.164' }),
    caller: z.string().openapi({ description: 'E.164, or a pseudonym after the contact was erased' }),
    startedAt: z.string().openapi({ format: 'date-time' }),
    endedAt: z.string().openapi({ format: 'date-time' }),
    tableVersion: z.number().int(),
    reason: z.enum(['duty', 'fallback', 'none']),
    attempts: z.array(
      z.object({
        key: z.string().nullable(),
        phone: z.string(),
        sipStatus: z.number().int(),
        ms: z.number().int(),
      }),
    ),
    outcome: z.enum(callOutcomes),
    answeredBy: z.string().nullable(),
  })
  .openapi('CallRecord');

const toJson = (call: CallRecord) => ({
  id: call.id,
  callId: call.callId,
  did: call.did,
  caller: call.caller,
  startedAt: new Date(call.startedAt).toISOString(),
  endedAt: new Date(call.endedAt).toISOString(),
  tableVersion: call.tableVersion,
  reason: call.reason,
  attempts: call.attempts.map((attempt) => ({
    key: attempt.key ?? null,
    phone: attempt.phone,
    sipStatus: attempt.sipStatus,
    ms: attempt.ms,
  })),
  outcome: call.outcome,
  answeredBy: call.answeredBy ?? null,
});

/** The call log, newest first: who called which number, who was rung, what happened. */
export const createCallRoutes = () => {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/calls',
      tags: ['calls'],
      middleware: [requireRole('member')] as const,
      request: { query: periodPageQuerySchema },
      responses: {
        200: json(
          z.object({ items: z.array(callSchema), nextCursor: z.string().optional() }).openapi('CallPage'),
          'A page of calls, newest first',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const page = await c.var.tenant.calls.list(c.req.valid('query'));
      return c.json(
        { items: page.items.map(toJson), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
        200,
      );
    },
  );

  return app;
};
