import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type AdminAccount, adminRoles, type TenantStore } from '@wygc/routing-core';
import { isStoreError } from '@wygc/store';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, idParamSchema, json, jsonBody } from './api-schemas.ts';
import { createKeyedMutex } from './auth/keyed-mutex.ts';
import { forgetBotUser } from './forget-bot-user.ts';
import { HttpError } from './http-error.ts';
import { createInvitationTokens } from './invitation-tokens.ts';
import { requireRole } from './require-role.ts';

export interface AdminRoutesDeps {
  /** HS256 key for invitation tokens, at least 32 random bytes; shared with the redeeming endpoint. */
  readonly invitationKey: Uint8Array;
  readonly clock: () => number;
}

const adminSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(adminRoles),
    totpEnrolled: z.boolean(),
    sso: z.object({ entra: z.boolean(), google: z.boolean() }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AdminAccount');

const invitationSchema = z
  .object({
    email: z.email().max(254).openapi({ example: 'jan@example.nl' }),
    role: z.enum(adminRoles),
  })
  .strict()
  .openapi('AdminInvitation');

const invitedSchema = z
  .object({
    account: adminSchema,
    invitationToken: z
      .string()
      .openapi({ description: 'Single use; send it to the invitee, it is not shown again' }),
    invitationExpiresAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('InvitedAdmin');

const rolePatchSchema = z
  .object({ role: z.enum(adminRoles) })
  .strict()
  .openapi('AdminRolePatch');

/** Never the password hash, the TOTP secret or the lockout state: only what an owner needs to manage. */
const toJson = (account: AdminAccount) => ({
  id: account.id,
  email: account.email,
  role: account.role,
  totpEnrolled: account.totp?.confirmed === true,
  sso: { entra: account.identities.entra !== undefined, google: account.identities.googleSub !== undefined },
  createdAt: new Date(account.createdAt).toISOString(),
});

const lastOwner = () => new HttpError('CONFLICT', 'The organisation needs at least one owner.');

/**
 * Who administers the organisation. Admins see the list; owners invite, change roles and remove
 * accounts, never leaving the organisation without an owner.
 */
export const createAdminRoutes = (deps: AdminRoutesDeps) => {
  const invitations = createInvitationTokens({ key: deps.invitationKey, clock: deps.clock });
  const app = new OpenAPIHono<ApiEnv>();
  // Two owners demoting each other at once must not both see "another owner is left". This guards one
  // instance only; the store has no transaction across accounts.
  const ownerChanges = createKeyedMutex();

  const signInvitation = async (account: AdminAccount) => {
    const { token, expiresAt } = await invitations.issue({ tenantId: account.tenantId, adminId: account.id });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  };

  const loadAdmin = async (tenant: TenantStore, id: string) => {
    const account = await tenant.admins.get(id);
    if (!account) throw new HttpError('NOT_FOUND', 'No such account.');
    return account;
  };

  const otherOwners = async (tenant: TenantStore, id: string) =>
    (await tenant.admins.list()).filter((account) => account.role === 'owner' && account.id !== id).length;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/admins',
      tags: ['admins'],
      middleware: [requireRole('admin')] as const,
      responses: { 200: json(z.object({ items: z.array(adminSchema) }), 'The accounts'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await c.var.tenant.admins.list()).map(toJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/admins',
      tags: ['admins'],
      summary: 'Invite someone: an account without a password, and a token to set one',
      middleware: [requireRole('owner')] as const,
      request: { body: jsonBody(invitationSchema) },
      responses: { 201: json(invitedSchema, 'Invited'), ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) => {
      const account = await c.var.tenant.admins.create(c.req.valid('json')).catch((error: unknown) => {
        if (isStoreError(error, 'CONFLICT')) {
          throw new HttpError('CONFLICT', 'An account with this email already exists in your organisation.', {
            cause: error,
          });
        }
        throw error;
      });
      const invitation = await signInvitation(account);
      return c.json(
        {
          account: toJson(account),
          invitationToken: invitation.token,
          invitationExpiresAt: invitation.expiresAt,
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/admins/{id}',
      tags: ['admins'],
      middleware: [requireRole('owner')] as const,
      request: { params: idParamSchema, body: jsonBody(rolePatchSchema) },
      responses: { 200: json(adminSchema, 'Updated'), ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { role } = c.req.valid('json');
      const tenant = c.var.tenant;
      const updated = await ownerChanges.run(tenant.tenantId, async () => {
        const account = await loadAdmin(tenant, id);
        if (account.role === 'owner' && role !== 'owner' && (await otherOwners(tenant, id)) === 0)
          throw lastOwner();
        return account.role === role ? account : tenant.admins.update(id, { role });
      });
      return c.json(toJson(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/admins/{id}',
      tags: ['admins'],
      middleware: [requireRole('owner')] as const,
      request: { params: idParamSchema },
      responses: { 204: { description: 'Removed' }, ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const tenant = c.var.tenant;
      await ownerChanges.run(tenant.tenantId, async () => {
        const account = await loadAdmin(tenant, id);
        if (account.id === c.var.session.adminId) {
          throw new HttpError('CONFLICT', 'You cannot remove your own account; ask another owner.');
        }
        if (account.role === 'owner' && (await otherOwners(tenant, id)) === 0) throw lastOwner();
        await tenant.admins.remove(id);
        if (account.identities.entra) await forgetBotUser(tenant, account.identities.entra.oid);
      });
      return c.body(null, 204);
    },
  );

  return app;
};
