import type { AdminAccount, AuditOutcome, Store, TenantStore } from '@wygc/routing-core';
import { normaliseEmail } from '@wygc/store';
import { z } from 'zod';
import { HttpError } from '../http-error.ts';
import { createEntraIdentityLinks, type IdentityLinkRequest } from './entra-identity-links.ts';
import type { EntraTokenVerifier } from './entra-token-verifier.ts';
import { createKeyedMutex } from './keyed-mutex.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { passwordMaxLength } from './password-policy.ts';
import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter.ts';
import type { SecondFactorTicket, SecondFactorTickets } from './second-factor-tickets.ts';
import type { IssuedSession, SessionTokens } from './session-tokens.ts';
import type { Totp } from './totp.ts';

export interface LoginLimits {
  /** Attempts (password, TOTP code, SSO) per source IP. */
  readonly perIp: RateLimit;
  /** Password attempts per email address, whether or not an account has it. */
  readonly perEmail: RateLimit;
  /** Consecutive wrong passwords or codes that lock the account. */
  readonly maxFailures: number;
  readonly lockoutMs: number;
}

export const defaultLoginLimits: LoginLimits = {
  perIp: { capacity: 10, intervalMs: 60_000 },
  perEmail: { capacity: 5, intervalMs: 60_000 },
  maxFailures: 5,
  lockoutMs: 15 * 60_000,
};

/** The password login request body. */
export const loginInputSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(passwordMaxLength),
  /** Picks the tenant when the email administers several; otherwise the first match is used. */
  tenantId: z.string().min(1).optional(),
});

export const totpInputSchema = z.object({ ticket: z.string().min(1).max(4096), code: z.string().max(32) });

export const entraLoginInputSchema = z.object({ token: z.string().min(1).max(16_384) });

export type LoginResult =
  | { readonly type: 'session'; readonly session: IssuedSession }
  /** The password was right and the account has TOTP: send the ticket back with the code. */
  | { readonly type: 'second-factor'; readonly ticket: string };

export interface LoginService {
  login(input: z.input<typeof loginInputSchema> & { sourceIp: string }): Promise<LoginResult>;
  verifyTotp(input: z.input<typeof totpInputSchema> & { sourceIp: string }): Promise<IssuedSession>;
  loginWithEntra(input: z.input<typeof entraLoginInputSchema> & { sourceIp: string }): Promise<IssuedSession>;
  /** Links the Teams SSO token's Microsoft account to the signed-in one, so Teams signs it in from then on. */
  linkEntra(input: z.input<typeof entraLoginInputSchema> & IdentityLinkRequest): Promise<void>;
  unlinkEntra(input: IdentityLinkRequest): Promise<void>;
}

export interface LoginServiceDependencies {
  readonly store: Store;
  readonly clock: () => number;
  readonly hasher: PasswordHasher;
  readonly totp: Totp;
  readonly sessions: SessionTokens;
  readonly tickets: SecondFactorTickets;
  readonly entra: EntraTokenVerifier;
  readonly limits?: LoginLimits;
}

// One message for unknown email, wrong password and locked account, so none of them can be told apart.
const badCredentials = () =>
  new HttpError(
    'UNAUTHENTICATED',
    'The email or password is incorrect, or the account is temporarily locked after repeated failures.',
  );
const badCode = () =>
  new HttpError(
    'UNAUTHENTICATED',
    'The code is incorrect, or the account is temporarily locked after repeated failures.',
  );
const notInvited = () =>
  new HttpError(
    'FORBIDDEN',
    'No WhoYouGonnaCall account is linked to this Microsoft account yet: sign in once with your password ' +
      'and code to link it, or ask an administrator to invite you.',
  );

const throttle = (limiter: RateLimiter, key: string): void => {
  const decision = limiter.take(key);
  if (!decision.allowed) {
    throw new HttpError(
      'TOO_MANY_REQUESTS',
      `Too many sign-in attempts; please wait ${decision.retryAfterSeconds} seconds.`,
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
  }
};

const isLocked = (admin: AdminAccount, now: number): boolean =>
  admin.lockedUntil !== undefined && admin.lockedUntil > now;

const audit = (tenant: TenantStore, action: string, admin: AdminAccount, outcome: AuditOutcome) =>
  tenant.audit.append({ action, target: { category: 'admin-account', id: admin.id }, outcome });

/**
 * Sign-in for administrators: password (+ TOTP when enrolled) for the standalone web admin, Teams SSO
 * for the tab, and linking the Microsoft account Teams SSO recognises. Every attempt on a known account
 * is audited in its tenant (auth.login, auth.totp, auth.lockout, auth.sso, auth.identity.*); attempts
 * on unknown emails have no tenant to be audited in. An email that administers several tenants signs in
 * to the first match (lowest tenant id) unless `tenantId` picks one, with that tenant's password.
 */
export const createLoginService = ({
  store,
  clock,
  hasher,
  totp,
  sessions,
  tickets,
  entra,
  limits = defaultLoginLimits,
}: LoginServiceDependencies): LoginService => {
  const perIp = createRateLimiter({ limit: limits.perIp, clock });
  const perEmail = createRateLimiter({ limit: limits.perEmail, clock });
  // Login state is read-modified-written; one account's attempts are handled one at a time.
  const accountLock = createKeyedMutex();
  const entraLinks = createEntraIdentityLinks({ store, entra });

  const tenantOf = (tenantId: string, adminId: string, sourceIp: string): TenantStore =>
    store.forTenant(tenantId, { actor: `admin:${adminId}`, sourceIp });

  const findAccount = async (email: string, tenantId: string | undefined) => {
    const matches = await store.lookups.adminsByEmail(email);
    if (tenantId !== undefined) return matches.find((match) => match.tenantId === tenantId);
    // The store's order is unspecified; sorting makes "the first match" the same on every attempt.
    return matches.toSorted(
      (a, b) => a.tenantId.localeCompare(b.tenantId) || a.adminId.localeCompare(b.adminId),
    )[0];
  };

  /** Counts a wrong password or code; the Nth in a row locks the account and starts a new count. */
  const recordFailure = async (tenant: TenantStore, admin: AdminAccount, action: string): Promise<void> => {
    const failures = admin.failedLogins + 1;
    const locks = failures >= limits.maxFailures;
    await tenant.admins.update(
      admin.id,
      locks ? { failedLogins: 0, lockedUntil: clock() + limits.lockoutMs } : { failedLogins: failures },
    );
    await audit(tenant, action, admin, 'failure');
    if (locks) await audit(tenant, 'auth.lockout', admin, 'success');
  };

  const passwordStep = async (
    tenant: TenantStore,
    adminId: string,
    password: string,
  ): Promise<LoginResult> => {
    const admin = await tenant.admins.get(adminId);
    if (!admin) {
      await hasher.verifyAgainstDummy(password);
      throw badCredentials();
    }
    // Hashed before the lock is checked, so a locked account answers as slowly as any other.
    const matches = admin.passwordHash
      ? await hasher.verify(password, admin.passwordHash)
      : await hasher.verifyAgainstDummy(password);
    if (isLocked(admin, clock())) {
      await audit(tenant, 'auth.login', admin, 'denied');
      throw badCredentials();
    }
    if (!matches || !admin.passwordHash) {
      await recordFailure(tenant, admin, 'auth.login');
      throw badCredentials();
    }
    await audit(tenant, 'auth.login', admin, 'success');
    return afterPassword(tenant, admin, password, admin.passwordHash);
  };

  /** The password was right: upgrade its hash if due, then ask for the code or open the session. */
  const afterPassword = async (
    tenant: TenantStore,
    admin: AdminAccount,
    password: string,
    passwordHash: string,
  ): Promise<LoginResult> => {
    const rehashed = hasher.needsRehash(passwordHash) ? { passwordHash: await hasher.rehash(password) } : {};
    const account = { tenantId: tenant.tenantId, adminId: admin.id };
    if (admin.totp?.confirmed) {
      // The failure count is only reset once the second factor is right too, so that re-entering
      // the password cannot buy unlimited guesses at the code.
      if ('passwordHash' in rehashed) await tenant.admins.update(admin.id, rehashed);
      return { type: 'second-factor', ticket: await tickets.issue(account) };
    }
    await tenant.admins.update(admin.id, { ...rehashed, clearLock: true });
    return { type: 'session', session: await sessions.issue({ ...account, role: admin.role, amr: ['pwd'] }) };
  };

  const codeStep = async (
    tenant: TenantStore,
    ticket: SecondFactorTicket,
    code: string,
  ): Promise<IssuedSession> => {
    const admin = await tenant.admins.get(ticket.adminId);
    const enrolment = admin?.totp;
    if (!admin || !enrolment?.confirmed) throw new HttpError('UNAUTHENTICATED', 'Please sign in again.');
    if (isLocked(admin, clock())) {
      tickets.consume(ticket);
      await audit(tenant, 'auth.totp', admin, 'denied');
      throw badCode();
    }
    const step = await totp.verify({ secret: enrolment.secret, code, lastStep: enrolment.lastStep });
    if (step === undefined) {
      tickets.recordFailure(ticket);
      await recordFailure(tenant, admin, 'auth.totp');
      throw badCode();
    }
    tickets.consume(ticket);
    await tenant.admins.update(admin.id, { totp: { ...enrolment, lastStep: step }, clearLock: true });
    await audit(tenant, 'auth.totp', admin, 'success');
    return sessions.issue({
      adminId: admin.id,
      tenantId: tenant.tenantId,
      role: admin.role,
      amr: ['pwd', 'otp'],
    });
  };

  return {
    login: async ({ sourceIp, ...body }) => {
      const { email, password, tenantId } = loginInputSchema.parse(body);
      throttle(perIp, sourceIp);
      throttle(perEmail, normaliseEmail(email));
      const match = await findAccount(email, tenantId);
      if (!match) {
        await hasher.verifyAgainstDummy(password);
        throw badCredentials();
      }
      const tenant = tenantOf(match.tenantId, match.adminId, sourceIp);
      return accountLock.run(match.adminId, () => passwordStep(tenant, match.adminId, password));
    },

    verifyTotp: async ({ sourceIp, ...body }) => {
      const { ticket, code } = totpInputSchema.parse(body);
      throttle(perIp, sourceIp);
      const { tenantId, adminId } = await tickets.open(ticket);
      return accountLock.run(adminId, async () => {
        // Opened again inside the lock: a parallel request with the same ticket may have used it.
        const current = await tickets.open(ticket);
        return codeStep(tenantOf(tenantId, adminId, sourceIp), current, code);
      });
    },

    loginWithEntra: async ({ sourceIp, ...body }) => {
      const { token } = entraLoginInputSchema.parse(body);
      throttle(perIp, sourceIp);
      const identity = await entra.verify(token);
      const match = await store.lookups.adminByIdentity({ entra: { tid: identity.tid, oid: identity.oid } });
      if (!match) throw notInvited();
      const tenant = tenantOf(match.tenantId, match.adminId, sourceIp);
      const admin = await tenant.admins.get(match.adminId);
      if (!admin) throw notInvited();
      await audit(tenant, 'auth.sso', admin, 'success');
      return sessions.issue({ adminId: admin.id, tenantId: match.tenantId, role: admin.role, amr: ['sso'] });
    },

    linkEntra: async ({ session, sourceIp, ...body }) => {
      const { token } = entraLoginInputSchema.parse(body);
      // Each attempt verifies a token, like an SSO sign-in: the same budget per source IP.
      throttle(perIp, sourceIp);
      await entraLinks.link({ session, sourceIp, token });
    },

    unlinkEntra: (input) => entraLinks.unlink(input),
  };
};
