import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { isIanaTimeZone, overlapPolicies, type Tenant } from '@wygc/routing-core';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, json, jsonBody } from './api-schemas.ts';
import { requireRole } from './require-role.ts';

export interface OrganisationRoutesDeps {
  /** Recompiles the organisation's routing tables; key matching and the zone change what they hold. */
  readonly onRosterChange: (tenantId: string) => void;
}

const editableSettings = {
  ringSeconds: z
    .number()
    .int()
    .min(5)
    .max(300)
    .openapi({ description: 'How long each group rings; the default for new numbers' }),
  overlapPolicy: z
    .enum(overlapPolicies)
    .openapi({ description: 'What overlapping events do; the default for new numbers' }),
  caseSensitiveKeys: z
    .boolean()
    .openapi({ description: 'Whether "jd" in a subject differs from the key "JD"' }),
  cdrRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .openapi({ description: 'Call records are deleted after this many days' }),
  auditRetentionDays: z
    .number()
    .int()
    .min(30)
    .max(3650)
    .openapi({ description: 'Audit entries are deleted after this many days' }),
};

const organisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string().openapi({ example: 'Europe/Amsterdam' }),
    settings: z.object({
      ...editableSettings,
      googleWorkspaceDomains: z.array(z.string()).openapi({
        description: 'Workspace domains linked by WhoYouGonnaCall for domain-wide delegation; read-only',
      }),
    }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Organisation');

const organisationPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    timeZone: z
      .string()
      .refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Amsterdam')
      .openapi({ example: 'Europe/Amsterdam' }),
    settings: z.object(editableSettings).partial().strict(),
  })
  .partial()
  .strict()
  .openapi('OrganisationPatch');

const toJson = (tenant: Tenant) => ({
  id: tenant.id,
  name: tenant.name,
  timeZone: tenant.timeZone,
  settings: tenant.settings,
  createdAt: new Date(tenant.createdAt).toISOString(),
});

/**
 * The organisation itself: everyone signed in reads it, owners change its name, zone and settings. The
 * Workspace domains stay with the operator, who vouches that a domain belongs to this organisation.
 */
export const createOrganisationRoutes = (deps: OrganisationRoutesDeps) => {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organisation',
      tags: ['organisation'],
      middleware: [requireRole('member')] as const,
      responses: { 200: json(organisationSchema, 'The organisation'), ...errorResponses },
    }),
    async (c) => c.json(toJson(await c.var.tenant.tenant()), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/organisation',
      tags: ['organisation'],
      summary: "Change the organisation's name, time zone or settings",
      middleware: [requireRole('owner')] as const,
      request: { body: jsonBody(organisationPatchSchema) },
      responses: { 200: json(organisationSchema, 'Changed'), ...errorResponses },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const before = await c.var.tenant.tenant();
      const after = await c.var.tenant.updateTenant(patch);
      if (
        after.timeZone !== before.timeZone ||
        after.settings.caseSensitiveKeys !== before.settings.caseSensitiveKeys
      ) {
        deps.onRosterChange(c.var.session.tenantId);
      }
      return c.json(toJson(after), 200);
    },
  );

  return app;
};
