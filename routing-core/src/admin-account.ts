export const adminRoles = ['owner', 'admin', 'member'] as const;
export type AdminRole = (typeof adminRoles)[number];

/** Single sign-on identities linked to an account; verified server-side before they are trusted. */
export interface LinkedIdentities {
  readonly entra?: { readonly tid: string; readonly oid: string };
  readonly googleSub?: string;
}

export interface TotpEnrolment {
  /** Base32 secret; encrypted at rest with the tenant key. */
  readonly secret: string;
  readonly confirmed: boolean;
  /** The last accepted time step, so a code cannot be replayed. */
  readonly lastStep: number;
}

/** Someone who administers a tenant: signs in with password + TOTP or single sign-on. */
/** A session signed out before it expired; every instance refuses it from its next check of the account. */
export interface EndedSession {
  readonly sid: string;
  /** When the session would have expired anyway: then it can be forgotten. */
  readonly expiresAt: number;
}

export interface AdminAccount {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly role: AdminRole;
  /** Memory-hard hash (encoded with its parameters); absent for SSO-only accounts and open invitations. */
  readonly passwordHash?: string;
  readonly totp?: TotpEnrolment;
  readonly identities: LinkedIdentities;
  readonly failedLogins: number;
  readonly lockedUntil?: number;
  /** Signed-out sessions that have not expired yet. */
  readonly endedSessions?: readonly EndedSession[];
  readonly createdAt: number;
}

export type NewAdminAccount = Pick<AdminAccount, 'email' | 'role'> &
  Partial<Pick<AdminAccount, 'passwordHash' | 'identities'>>;

export type AdminAccountPatch = Partial<
  Pick<
    AdminAccount,
    'role' | 'passwordHash' | 'totp' | 'identities' | 'failedLogins' | 'lockedUntil' | 'endedSessions'
  >
> & { readonly clearTotp?: boolean; readonly clearLock?: boolean };
