import type { Store } from '@wygc/routing-core';
import type { BotUser } from './bot-turn.ts';

/** A Teams user whose Entra identity is linked to an account of one of our tenants. */
export interface LinkedUser {
  readonly tenantId: string;
  readonly adminId: string;
  /** The Entra object id, the key of the user's conversation. */
  readonly userId: string;
  /** For the audit log: everything the bot does for this user is done as their account. */
  readonly actor: string;
}

/**
 * Maps the Teams user to the account that linked this Entra identity (tid + oid): signing in once in
 * the tab inside Teams with password and code links it. The ids come from an activity the Bot
 * Framework authenticated; an unknown user gets nothing, whatever tenant they claim.
 */
export const identifyUser = async (store: Store, user: BotUser): Promise<LinkedUser | undefined> => {
  if (!user.aadObjectId || !user.entraTenantId) return undefined;
  const found = await store.lookups.adminByIdentity({
    entra: { tid: user.entraTenantId, oid: user.aadObjectId },
  });
  if (!found) return undefined;
  return {
    tenantId: found.tenantId,
    adminId: found.adminId,
    userId: user.aadObjectId,
    actor: `admin:${found.adminId}`,
  };
};
