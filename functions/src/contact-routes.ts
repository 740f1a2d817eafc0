import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { StoredContact } from '@wygc/routing-core';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, idParamSchema, json, jsonBody } from './api-schemas.ts';
import { HttpError } from './http-error.ts';
import { requireRole } from './require-role.ts';

const contactSchema = z
  .object({
    id: z.string(),
    key: z.string().openapi({ example: 'JD' }),
    phone: z.string().openapi({ example: '+31612345678', description: 'E.164' }),
    description: z.string().optional().openapi({ example: 'Jan de Vries' }),
  })
  .openapi('Contact');

const newContactSchema = z
  .object({
    key: z
      .string()
      .min(1)
      .max(16)
      .openapi({ example: 'JD', description: 'Letters and digits; unique in the organisation' }),
    phone: z
      .string()
      .min(1)
      .max(40)
      .openapi({ example: '06 12345678', description: 'Any notation; stored as E.164' }),
    description: z.string().max(80).optional(),
  })
  .strict()
  .openapi('NewContact');

const contactPatchSchema = z
  .object({
    key: z.string().min(1).max(16).optional(),
    phone: z.string().min(1).max(40).optional(),
    description: z.string().max(80).nullable().optional(),
  })
  .strict()
  .openapi('ContactPatch');

const toJson = ({ id, key, phone, description }: StoredContact) => ({
  id,
  key,
  phone,
  ...(description ? { description } : {}),
});

/** Contacts: whom a subject key rings. Changes recompile the organisation's routing tables. */
export const createContactRoutes = (deps: { readonly onRosterChange: (tenantId: string) => void }) => {
  const app = new OpenAPIHono<ApiEnv>();
  app.use('/contacts', requireRole('member'));
  app.on(['POST'], '/contacts', requireRole('admin'));
  app.on(['PATCH', 'DELETE'], '/contacts/:id', requireRole('admin'));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/contacts',
      tags: ['contacts'],
      responses: {
        200: json(z.object({ items: z.array(contactSchema) }), 'The contacts'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: (await c.var.tenant.contacts.list()).map(toJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/contacts',
      tags: ['contacts'],
      request: { body: jsonBody(newContactSchema) },
      responses: { 201: json(contactSchema, 'Created'), ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) => {
      const created = await c.var.tenant.contacts.create(c.req.valid('json'));
      deps.onRosterChange(c.var.session.tenantId);
      return c.json(toJson(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}',
      tags: ['contacts'],
      request: { params: idParamSchema },
      responses: { 200: json(contactSchema, 'The contact'), ...errorResponses },
    }),
    async (c) => {
      const contact = await c.var.tenant.contacts.get(c.req.valid('param').id);
      if (!contact) throw new HttpError('NOT_FOUND', 'No such contact.');
      return c.json(toJson(contact), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/contacts/{id}',
      tags: ['contacts'],
      request: { params: idParamSchema, body: jsonBody(contactPatchSchema) },
      responses: { 200: json(contactSchema, 'Updated'), ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) => {
      const { description, ...rest } = c.req.valid('json');
      const patch =
        description === null
          ? { ...rest, clearDescription: true }
          : { ...rest, ...(description ? { description } : {}) };
      const updated = await c.var.tenant.contacts.update(c.req.valid('param').id, patch);
      deps.onRosterChange(c.var.session.tenantId);
      return c.json(toJson(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/contacts/{id}',
      tags: ['contacts'],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await c.var.tenant.contacts.remove(c.req.valid('param').id);
      deps.onRosterChange(c.var.session.tenantId);
      return c.body(null, 204);
    },
  );

  return app;
};
