import type { AdminAccount, EndedSession, TenantStore } from '@wygc/routing-core';
import { HttpError } from '../http-error.ts';
import { createKeyedMutex } from './keyed-mutex.ts';
import type { Session } from './session-tokens.ts';

/** More sign-outs than this within a session lifetime keep only the newest. */
const maxEndedSessions = 100;

/**
 * The sessions of an account that were signed out, kept on the account itself: every instance checks
 * the account at least once a minute (api-app), so a session signed out on one instance ends on all of
 * them, not only in the memory of the one that answered the sign-out.
 */
export interface EndedSessions {
  end(tenant: TenantStore, session: Session): Promise<void>;
}

export const createEndedSessions = (deps: { readonly clock: () => number }): EndedSessions => {
  // One account's sign-outs are written one at a time, so none of them is lost.
  const accountLock = createKeyedMutex();
  return {
    end: (tenant, session) =>
      accountLock.run(session.adminId, async () => {
        const account = await tenant.admins.get(session.adminId);
        if (!account) return;
        const now = deps.clock();
        const kept = (account.endedSessions ?? []).filter(
          (ended) => ended.expiresAt > now && ended.sid !== session.sid,
        );
        const endedSessions: EndedSession[] = [...kept, { sid: session.sid, expiresAt: session.expiresAt }];
        await tenant.admins.update(account.id, { endedSessions: endedSessions.slice(-maxEndedSessions) });
      }),
  };
};

/**
 * Why a session may no longer be used with the account as it is now, or undefined when it may: the
 * account is gone or has another role, the session was signed out, or it was opened by Teams SSO with a
 * Microsoft account that has been unlinked since.
 */
export const sessionNoLongerValid = (
  account: AdminAccount | undefined,
  session: Session,
): HttpError | undefined => {
  if (!account || account.role !== session.role)
    return new HttpError('UNAUTHENTICATED', 'Your account has changed; please sign in again.');
  if (account.endedSessions?.some((ended) => ended.sid === session.sid))
    return new HttpError('UNAUTHENTICATED', 'This session was signed out; please sign in again.');
  if (session.amr.includes('sso') && !account.identities.entra)
    return new HttpError(
      'UNAUTHENTICATED',
      'Your Microsoft account is no longer linked to this account; please sign in again.',
    );
  return undefined;
};
