import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type AuditEntry, auditOutcomes, personalDataCategories } from '@wygc/routing-core';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, json, periodPageQuerySchema } from './api-schemas.ts';
import { requireRole } from './require-role.ts';

const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: 'date-time' }),
    actor: z.string().openapi({
      example: 'admin:3f2c…',
      description: '"admin:<id>", "system:<job>", "calendar:<source id>" or "sip"',
    }),
    action: z.string().openapi({ example: 'contact.update' }),
    target: z.object({
      category: z.enum([...personalDataCategories, 'tenant', 'session']),
      id: z.string().nullable(),
    }),
    sourceIp: z.string().nullable(),
    outcome: z.enum(auditOutcomes),
  })
  .openapi('AuditEntry');

const toJson = (entry: AuditEntry) => ({
  id: entry.id,
  at: new Date(entry.at).toISOString(),
  actor: entry.actor,
  action: entry.action,
  target: { category: entry.target.category, id: entry.target.id ?? null },
  sourceIp: entry.sourceIp ?? null,
  outcome: entry.outcome,
});

/** The organisation's audit log, newest first: every sign-in, every read or change of personal data. */
export const createAuditRoutes = () => {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      middleware: [requireRole('admin')] as const,
      request: { query: periodPageQuerySchema },
      responses: {
        200: json(
          z
            .object({ items: z.array(auditEntrySchema), nextCursor: z.string().optional() })
            .openapi('AuditPage'),
          'A page of audit entries, newest first',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const page = await c.var.tenant.audit.list(c.req.valid('query'));
      return c.json(
        { items: page.items.map(toJson), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
        200,
      );
    },
  );

  return app;
};
