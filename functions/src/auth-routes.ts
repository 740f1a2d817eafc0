import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type AdminAccount,
  adminRoles,
  isIanaTimeZone,
  type Store,
  type TenantStore,
} from '@wygc/routing-core';
import type { Context } from 'hono';
import type { ApiEnv } from './api-env.ts';
import { errorResponses, errorSchema, json, jsonBody } from './api-schemas.ts';
import type { EndedSessions } from './auth/ended-sessions.ts';
import { createKeyedMutex } from './auth/keyed-mutex.ts';
import {
  entraLoginInputSchema,
  type LoginService,
  loginInputSchema,
  totpInputSchema,
} from './auth/login-service.ts';
import type { PasswordHasher } from './auth/password-hasher.ts';
import { passwordPolicyProblem } from './auth/password-policy.ts';
import type { IssuedSession, SessionTokens } from './auth/session-tokens.ts';
import type { Totp } from './auth/totp.ts';
import { HttpError } from './http-error.ts';
import type { InvitationTokens } from './invitation-tokens.ts';

export interface AuthRoutesDeps {
  readonly store: Store;
  readonly loginService: LoginService;
  readonly sessions: SessionTokens;
  /** Where a signed-out session is recorded, so that other instances refuse it too. */
  readonly endedSessions: EndedSessions;
  readonly hasher: PasswordHasher;
  readonly totp: Totp;
  readonly invitations: InvitationTokens;
  /**
   * First-visit setup (`POST /setup`): on for the all-in-one server; off where the operator creates
   * organisations with `wygc tenants create`, so that a fresh public deployment cannot be claimed by
   * whoever finds it first.
   */
  readonly setup: boolean;
}

const sessionSchema = z
  .object({
    token: z.string().optional().openapi({
      description:
        'The bearer token ("Authorization: Bearer <token>"). Absent in cookie mode: the HttpOnly cookie carries it, out of reach of scripts',
    }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    adminId: z.string(),
    tenantId: z.string(),
    role: z.enum(adminRoles),
    csrf: z.string().openapi({
      description: 'In cookie mode, send it as X-CSRF-Token with every POST, PUT, PATCH and DELETE',
    }),
  })
  .openapi('Session');

const sessionBodySchema = z.object({ session: sessionSchema }).openapi('SessionResponse');

const secondFactorBodySchema = z
  .object({
    secondFactor: z.object({
      ticket: z.string().openapi({ description: 'Send it back with the code to POST /auth/totp' }),
    }),
  })
  .openapi('SecondFactorChallenge');

/** The standalone web admin asks for the session in an HttpOnly cookie instead of the body. */
const sessionModeQuerySchema = z.object({
  cookie: z
    .enum(['0', '1'])
    .optional()
    .openapi({ param: { name: 'cookie', in: 'query' }, description: '1: cookie mode' }),
});

const sessionModeHeadersSchema = z.object({
  'x-session-mode': z
    .string()
    .max(16)
    .optional()
    .openapi({ param: { name: 'x-session-mode', in: 'header' }, description: '"cookie": cookie mode' }),
});

const sessionModeRequest = { query: sessionModeQuerySchema, headers: sessionModeHeadersSchema };

const meSchema = z
  .object({
    adminId: z.string(),
    tenantId: z.string(),
    role: z.enum(adminRoles),
    email: z.string(),
    totpEnrolled: z.boolean(),
    sso: z.object({ entra: z.boolean(), google: z.boolean() }).openapi({
      description: 'Which single sign-on identities are linked: entra is the Microsoft account of Teams',
    }),
    tenant: z.object({ name: z.string(), timeZone: z.string() }),
  })
  .openapi('Me');

const totpOfferSchema = z
  .object({
    otpauthUri: z.string().openapi({ example: 'otpauth://totp/WhoYouGonnaCall:jan%40example.nl?secret=...' }),
    qrCodeDataUrl: z.string().openapi({ description: 'A PNG data URL for an <img src>' }),
    secret: z.string().openapi({ description: 'Base32, for typing into an authenticator app' }),
  })
  .openapi('TotpOffer');

const totpConfirmSchema = z
  .object({ code: z.string().max(32).openapi({ example: '123456' }) })
  .strict()
  .openapi('TotpConfirmation');

/**
 * The password policy as a route schema. Built from the policy function rather than reusing its plain
 * zod schema: only schemas made after @hono/zod-openapi extended zod carry `.openapi()`.
 */
const newPasswordSchema = z
  .string()
  .superRefine((password, context) => {
    const problem = passwordPolicyProblem(password);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ description: 'At least 12 characters' });

const acceptInvitationSchema = z
  .object({
    token: z.string().min(1).max(4096),
    password: newPasswordSchema,
  })
  .strict()
  .openapi('InvitationAcceptance');

const setupSchema = z
  .object({
    organisation: z.string().trim().min(1).max(120).openapi({ example: 'Storingsdienst Groningen' }),
    timeZone: z
      .string()
      .max(64)
      .refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Amsterdam')
      .optional()
      .openapi({ example: 'Europe/Amsterdam', description: 'Default Europe/Amsterdam' }),
    email: z.email().max(254).openapi({ example: 'beheer@example.nl' }),
    password: newPasswordSchema,
  })
  .strict()
  .openapi('Setup');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const signInErrors = {
  400: errorResponses[400],
  401: errorResponse('Wrong credentials, or the account is temporarily locked'),
  429: errorResponse('Too many attempts; see Retry-After'),
} as const;

/** Sign-in endpoints work without a session: they override the document's default bearer requirement. */
const noSession: { [name: string]: string[] }[] = [];

const accountTarget = (adminId: string) => ({ category: 'admin-account' as const, id: adminId });

/**
 * Signing in and out (password + TOTP for the standalone web admin, Teams SSO for the tab), linking
 * the Microsoft account Teams SSO signs in with, TOTP enrolment, redeeming an invitation, and the
 * first-visit setup of a fresh installation. Rate limits and lockout live in the login service.
 */
export const createAuthRoutes = (deps: AuthRoutesDeps) => {
  const app = new OpenAPIHono<ApiEnv>();
  // Read-modify-write of one account (enrolment, invitation) and the one-time setup, one at a time.
  const accountLock = createKeyedMutex();

  const wantsCookie = (c: Context<ApiEnv>): boolean =>
    c.req.query('cookie') === '1' || c.req.header('x-session-mode')?.toLowerCase() === 'cookie';

  const sessionBody = (c: Context<ApiEnv>, session: IssuedSession) => {
    const cookie = wantsCookie(c);
    if (cookie) c.header('Set-Cookie', deps.sessions.cookie(session));
    return {
      session: {
        ...(cookie ? {} : { token: session.token }),
        expiresAt: new Date(session.expiresAt).toISOString(),
        adminId: session.adminId,
        tenantId: session.tenantId,
        role: session.role,
        csrf: session.csrf,
      },
    };
  };

  const currentAccount = async (tenant: TenantStore, adminId: string): Promise<AdminAccount> => {
    const admin = await tenant.admins.get(adminId);
    if (!admin)
      throw new HttpError('UNAUTHENTICATED', 'This account no longer exists; please sign in again.');
    return admin;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Sign in with email and password: a session, or a second-factor challenge',
      security: noSession,
      request: { ...sessionModeRequest, body: jsonBody(loginInputSchema) },
      responses: {
        200: json(z.union([sessionBodySchema, secondFactorBodySchema]), 'Signed in, or enter the TOTP code'),
        ...signInErrors,
      },
    }),
    async (c) => {
      const result = await deps.loginService.login({ ...c.req.valid('json'), sourceIp: c.var.sourceIp });
      if (result.type === 'second-factor') return c.json({ secondFactor: { ticket: result.ticket } }, 200);
      return c.json(sessionBody(c, result.session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/totp',
      tags: ['auth'],
      summary: 'Complete a sign-in with the code from the authenticator app',
      security: noSession,
      request: { ...sessionModeRequest, body: jsonBody(totpInputSchema) },
      responses: { 200: json(sessionBodySchema, 'Signed in'), ...signInErrors },
    }),
    async (c) => {
      const session = await deps.loginService.verifyTotp({
        ...c.req.valid('json'),
        sourceIp: c.var.sourceIp,
      });
      return c.json(sessionBody(c, session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/teams',
      tags: ['auth'],
      summary: 'Sign in from the Teams tab with its Microsoft Entra SSO token',
      security: noSession,
      request: { ...sessionModeRequest, body: jsonBody(entraLoginInputSchema) },
      responses: {
        200: json(sessionBodySchema, 'Signed in'),
        ...signInErrors,
        403: errorResponse(
          'No account is linked to this Microsoft account, or its organisation is not allowed',
        ),
      },
    }),
    async (c) => {
      const session = await deps.loginService.loginWithEntra({
        ...c.req.valid('json'),
        sourceIp: c.var.sourceIp,
      });
      return c.json(sessionBody(c, session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'End this session (and remove the session cookie)',
      responses: { 204: { description: 'Signed out' }, 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const { session } = c.var;
      deps.sessions.revoke(session);
      await deps.endedSessions.end(c.var.tenant, session);
      await c.var.tenant.audit.append({ action: 'auth.logout', target: { category: 'session' } });
      c.header('Set-Cookie', deps.sessions.clearCookie());
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'Who is signed in, in which organisation',
      responses: { 200: json(meSchema, 'The signed-in account'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { session, tenant } = c.var;
      const [admin, organisation] = await Promise.all([
        currentAccount(tenant, session.adminId),
        tenant.tenant(),
      ]);
      return c.json(
        {
          adminId: admin.id,
          tenantId: session.tenantId,
          role: admin.role,
          email: admin.email,
          totpEnrolled: admin.totp?.confirmed === true,
          sso: {
            entra: admin.identities.entra !== undefined,
            google: admin.identities.googleSub !== undefined,
          },
          tenant: { name: organisation.name, timeZone: organisation.timeZone },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/identities/entra',
      tags: ['auth'],
      summary: 'Link the Microsoft account of a Teams SSO token, so that Teams signs this account in',
      description:
        'Only for a session opened with password and authenticator code. Replaces a Microsoft account ' +
        'linked before.',
      request: { body: jsonBody(entraLoginInputSchema) },
      responses: {
        204: { description: 'Linked: POST /auth/teams signs this account in from now on' },
        400: errorResponses[400],
        401: errorResponse('Not signed in, or the Microsoft token is invalid or has expired'),
        403: errorResponse(
          'The session was not opened with password and code, or the Microsoft organisation is not allowed',
        ),
        409: errorResponse('This Microsoft account is linked to another account'),
        429: errorResponse('Too many attempts; see Retry-After'),
      },
    }),
    async (c) => {
      await deps.loginService.linkEntra({
        ...c.req.valid('json'),
        session: c.var.session,
        sourceIp: c.var.sourceIp,
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/auth/identities/entra',
      tags: ['auth'],
      summary: 'Unlink the Microsoft account: Teams no longer signs this account in',
      responses: {
        204: { description: 'Unlinked (or nothing was linked)' },
        401: errorResponses[401],
        403: errorResponses[403],
        409: errorResponse('The account has no password, so it could not sign in without Microsoft'),
      },
    }),
    async (c) => {
      await deps.loginService.unlinkEntra({ session: c.var.session, sourceIp: c.var.sourceIp });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/totp/enrol',
      tags: ['auth'],
      summary: 'Start TOTP enrolment: a new secret to scan; confirm it with a code to turn it on',
      responses: {
        200: json(totpOfferSchema, 'Scan the QR code or type the secret, then confirm with a code'),
        401: errorResponses[401],
        403: errorResponses[403],
        409: errorResponse('TOTP is already turned on for this account'),
      },
    }),
    async (c) => {
      const { session, tenant } = c.var;
      const offer = await accountLock.run(session.adminId, async () => {
        const admin = await currentAccount(tenant, session.adminId);
        // Replacing a confirmed secret from a session alone would let a stolen session switch off
        // the second factor of the password it never knew.
        if (admin.totp?.confirmed) throw new HttpError('CONFLICT', 'Two-step sign-in is already turned on.');
        const fresh = await deps.totp.offer(admin.email);
        await tenant.admins.update(admin.id, {
          totp: { secret: fresh.secret, confirmed: false, lastStep: 0 },
        });
        await tenant.audit.append({ action: 'auth.totp-enrol', target: accountTarget(admin.id) });
        return fresh;
      });
      return c.json({ otpauthUri: offer.uri, qrCodeDataUrl: offer.qrCodeDataUrl, secret: offer.secret }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/totp/confirm',
      tags: ['auth'],
      summary: 'Turn TOTP on with a first code from the authenticator app',
      request: { body: jsonBody(totpConfirmSchema) },
      responses: {
        204: { description: 'TOTP is on: sign-ins ask for a code from now on' },
        ...errorResponses,
        409: errorResponse('TOTP is already on, or enrolment was not started'),
      },
    }),
    async (c) => {
      const { session, tenant } = c.var;
      const { code } = c.req.valid('json');
      await accountLock.run(session.adminId, async () => {
        const admin = await currentAccount(tenant, session.adminId);
        const enrolment = admin.totp;
        if (!enrolment) throw new HttpError('CONFLICT', 'Start with POST /auth/totp/enrol.');
        if (enrolment.confirmed) throw new HttpError('CONFLICT', 'Two-step sign-in is already turned on.');
        // The accepted step is stored, so this code cannot be used again to sign in.
        const step = await deps.totp.verify({ secret: enrolment.secret, code, lastStep: enrolment.lastStep });
        if (step === undefined) {
          await tenant.audit.append({
            action: 'auth.totp-confirm',
            target: accountTarget(admin.id),
            outcome: 'failure',
          });
          throw new HttpError(
            'BAD_REQUEST',
            'code: the code is incorrect; enter the current code from your app.',
          );
        }
        await tenant.admins.update(admin.id, { totp: { ...enrolment, confirmed: true, lastStep: step } });
        await tenant.audit.append({ action: 'auth.totp-confirm', target: accountTarget(admin.id) });
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/accept-invitation',
      tags: ['auth'],
      summary: 'Choose the password of an invited account, and sign in',
      security: noSession,
      request: { ...sessionModeRequest, body: jsonBody(acceptInvitationSchema) },
      responses: {
        200: json(sessionBodySchema, 'Password set; signed in'),
        400: errorResponses[400],
        401: errorResponse('The invitation is invalid, expired or already used'),
        409: errorResponse('The account already has a password'),
      },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json');
      const invitation = await deps.invitations.open(token);
      const session = await accountLock.run(invitation.adminId, async () => {
        // Opened again inside the lock: a parallel request may just have redeemed it.
        await deps.invitations.open(token);
        const tenant = deps.store.forTenant(invitation.tenantId, {
          actor: `admin:${invitation.adminId}`,
          sourceIp: c.var.sourceIp,
        });
        const admin = await tenant.admins.get(invitation.adminId);
        if (!admin)
          throw new HttpError(
            'UNAUTHENTICATED',
            'This invitation is invalid or has expired; ask for a new one.',
          );
        if (admin.passwordHash) {
          throw new HttpError('CONFLICT', 'This invitation was already used: sign in with your password.');
        }
        await tenant.admins.update(admin.id, {
          passwordHash: await deps.hasher.hash(password),
          clearLock: true,
        });
        deps.invitations.consume(invitation);
        await tenant.audit.append({ action: 'auth.invitation', target: accountTarget(admin.id) });
        return deps.sessions.issue({
          adminId: admin.id,
          tenantId: tenant.tenantId,
          role: admin.role,
          amr: ['pwd'],
        });
      });
      return c.json(sessionBody(c, session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      tags: ['auth'],
      summary: 'First visit: create the organisation and its owner (only while there is no organisation)',
      security: noSession,
      request: { ...sessionModeRequest, body: jsonBody(setupSchema) },
      responses: {
        200: json(sessionBodySchema, 'Set up; signed in as the owner'),
        400: errorResponses[400],
        403: errorResponse('Setup is done by the operator here'),
        409: errorResponse('This installation is already set up'),
      },
    }),
    async (c) => {
      if (!deps.setup) {
        throw new HttpError(
          'FORBIDDEN',
          'Organisations are created by the operator here (wygc tenants create).',
        );
      }
      const input = c.req.valid('json');
      const alreadySetUp = () =>
        new HttpError('CONFLICT', 'This installation is already set up; please sign in.');
      if ((await deps.store.tenants.list()).length > 0) throw alreadySetUp();
      // One instance serialises setups; the all-in-one server, where setup is on, is one instance.
      const session = await accountLock.run('setup', async () => {
        if ((await deps.store.tenants.list()).length > 0) throw alreadySetUp();
        const passwordHash = await deps.hasher.hash(input.password);
        const context = { actor: 'system:setup', sourceIp: c.var.sourceIp };
        const created = await deps.store.tenants.create(
          { name: input.organisation, ...(input.timeZone ? { timeZone: input.timeZone } : {}) },
          context,
        );
        const tenant = deps.store.forTenant(created.id, context);
        const owner = await tenant.admins.create({ email: input.email, role: 'owner', passwordHash });
        await tenant.audit.append({ action: 'auth.setup', target: accountTarget(owner.id) });
        return deps.sessions.issue({ adminId: owner.id, tenantId: created.id, role: 'owner', amr: ['pwd'] });
      });
      return c.json(sessionBody(c, session), 200);
    },
  );

  return app;
};
