import type { AdminAccount, AuditOutcome, LinkedIdentities, Store, TenantStore } from '@wygc/routing-core';
import { isStoreError } from '@wygc/store';
import { forgetBotUser } from '../forget-bot-user.ts';
import { HttpError } from '../http-error.ts';
import type { EntraTokenVerifier } from './entra-token-verifier.ts';
import { createKeyedMutex } from './keyed-mutex.ts';
import type { Session } from './session-tokens.ts';

/** The signed-in account a link or unlink is for, audited in its own tenant. */
export interface IdentityLinkRequest {
  readonly session: Session;
  readonly sourceIp: string;
}

export interface EntraIdentityLinks {
  /** Links the Microsoft account a Teams SSO token speaks for to the signed-in account. */
  link(input: IdentityLinkRequest & { readonly token: string }): Promise<void>;
  /** Removes the linked Microsoft account; the account keeps signing in with its password. */
  unlink(input: IdentityLinkRequest): Promise<void>;
}

export interface EntraIdentityLinksDependencies {
  readonly store: Store;
  /** The verifier Teams SSO sign-in uses, so that only identities that could sign in are linked. */
  readonly entra: EntraTokenVerifier;
}

const passwordAndCodeNeeded = () =>
  new HttpError(
    'FORBIDDEN',
    'To link your Microsoft account, sign in with your password and the code from your authenticator app first.',
  );
const linkedElsewhere = (cause?: unknown) =>
  new HttpError(
    'CONFLICT',
    'This Microsoft account is already linked to another WhoYouGonnaCall account; unlink it there first.',
    cause === undefined ? {} : { cause },
  );
const onlySignIn = () =>
  new HttpError(
    'CONFLICT',
    'This account has no password: without its Microsoft account it could no longer sign in.',
  );

const withoutEntra = (identities: LinkedIdentities): LinkedIdentities =>
  identities.googleSub === undefined ? {} : { googleSub: identities.googleSub };

/**
 * Links a Teams user's Entra identity (tid + oid) to an administrator's account, which is what Teams
 * SSO and the duty bot recognise them by. Only a session opened with password and second factor may
 * link: an SSO session proves nothing new, and a password alone is what a phished account gives away.
 * The store keeps an identity on one account at most; audited as auth.identity.link / .unlink.
 */
export const createEntraIdentityLinks = ({
  store,
  entra,
}: EntraIdentityLinksDependencies): EntraIdentityLinks => {
  // Identities are read-modified-written: one account's changes are made one at a time.
  const accountLock = createKeyedMutex();

  const tenantOf = ({ session, sourceIp }: IdentityLinkRequest): TenantStore =>
    store.forTenant(session.tenantId, { actor: `admin:${session.adminId}`, sourceIp });

  const audit = (tenant: TenantStore, action: string, adminId: string, outcome: AuditOutcome) =>
    tenant.audit.append({ action, target: { category: 'admin-account', id: adminId }, outcome });

  const currentAccount = async (tenant: TenantStore, adminId: string): Promise<AdminAccount> => {
    const admin = await tenant.admins.get(adminId);
    if (!admin)
      throw new HttpError('UNAUTHENTICATED', 'This account no longer exists; please sign in again.');
    return admin;
  };

  return {
    link: async (input) => {
      const { session, token } = input;
      const tenant = tenantOf(input);
      const action = 'auth.identity.link';
      if (!(session.amr.includes('pwd') && session.amr.includes('otp'))) {
        await audit(tenant, action, session.adminId, 'denied');
        throw passwordAndCodeNeeded();
      }
      let identity: { tid: string; oid: string };
      try {
        const { tid, oid } = await entra.verify(token);
        identity = { tid, oid };
      } catch (error) {
        await audit(tenant, action, session.adminId, 'failure');
        throw error;
      }
      await accountLock.run(session.adminId, async () => {
        const admin = await currentAccount(tenant, session.adminId);
        const holder = await store.lookups.adminByIdentity({ entra: identity });
        if (holder && (holder.tenantId !== session.tenantId || holder.adminId !== admin.id)) {
          await audit(tenant, action, admin.id, 'denied');
          throw linkedElsewhere();
        }
        if (holder) return;
        try {
          await tenant.admins.update(admin.id, { identities: { ...admin.identities, entra: identity } });
        } catch (error) {
          // Another account (on another instance) linked the same identity since the lookup above.
          if (!isStoreError(error) || error.code !== 'CONFLICT') throw error;
          await audit(tenant, action, admin.id, 'denied');
          throw linkedElsewhere(error);
        }
        const replaced = admin.identities.entra;
        if (replaced && replaced.oid !== identity.oid) await forgetBotUser(tenant, replaced.oid);
        await audit(tenant, action, admin.id, 'success');
      });
    },

    unlink: async (input) => {
      const { session } = input;
      const tenant = tenantOf(input);
      await accountLock.run(session.adminId, async () => {
        const admin = await currentAccount(tenant, session.adminId);
        if (!admin.identities.entra) return;
        if (!admin.passwordHash) throw onlySignIn();
        await tenant.admins.update(admin.id, { identities: withoutEntra(admin.identities) });
        await forgetBotUser(tenant, admin.identities.entra.oid);
        await audit(tenant, 'auth.identity.unlink', admin.id, 'success');
      });
    },
  };
};
