import type { AdminRole, CalendarSource, Store, TenantStore } from '@wygc/routing-core';
import type { GoogleIdentity } from './google-id-token-verifier.ts';

/** A verified Google user acting as one of their admin accounts, with that tenant's store. */
export interface AdminAccess {
  readonly tenantId: string;
  readonly adminId: string;
  readonly role: AdminRole;
  readonly tenant: TenantStore;
}

/** Access to one Google calendar that feeds a tenant the user administers. */
export interface CalendarAccess extends AdminAccess {
  readonly source: CalendarSource;
}

/** `no-account`: the user administers no tenant; `calendar-not-connected`: none of theirs owns this calendar. */
export type AccessDenial = 'no-account' | 'calendar-not-connected';

export interface CalendarAccessResolver {
  /** Every active admin account of this Google user: linked identity first, then verified email. */
  adminAccounts(identity: GoogleIdentity): Promise<AdminAccess[]>;
  /** The tenant that owns `calendarId` as a Google source, if the user administers it. */
  forCalendar(identity: GoogleIdentity, calendarId: string): Promise<CalendarAccess | AccessDenial>;
  /** Every Google calendar of every tenant the user administers, for a homepage without a calendar in view. */
  googleCalendars(identity: GoogleIdentity): Promise<CalendarAccess[] | AccessDenial>;
}

interface Candidate {
  readonly tenantId: string;
  readonly adminId: string;
  readonly viaEmail: boolean;
}

const isGoogleCalendar = (source: CalendarSource): boolean => source.provider === 'google';

/**
 * Maps a verified Google user to admin accounts and calendars, re-checked on every request: what a card
 * or its parameters claim is never taken as proof. An account with a linked Google identity is only
 * reachable by that identity, so a reused or recycled email address cannot take it over.
 */
export const createCalendarAccessResolver = (store: Store): CalendarAccessResolver => {
  const candidates = async (identity: GoogleIdentity): Promise<Candidate[]> => {
    const linked = await store.lookups.adminByIdentity({ googleSub: identity.sub });
    const byEmail = identity.email ? await store.lookups.adminsByEmail(identity.email) : [];
    const all: Candidate[] = [
      ...(linked ? [{ ...linked, viaEmail: false }] : []),
      ...byEmail.map((found) => ({ ...found, viaEmail: true })),
    ];
    const seen = new Set<string>();
    return all.filter((candidate) => {
      const id = `${candidate.tenantId}/${candidate.adminId}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  };

  const open = async (identity: GoogleIdentity, candidate: Candidate): Promise<AdminAccess | undefined> => {
    const tenant = store.forTenant(candidate.tenantId, { actor: `admin:${candidate.adminId}` });
    try {
      if ((await tenant.tenant()).status !== 'active') return undefined;
      const account = await tenant.admins.get(candidate.adminId);
      if (!account) return undefined;
      const linkedSub = account.identities.googleSub;
      if (candidate.viaEmail && linkedSub !== undefined && linkedSub !== identity.sub) return undefined;
      return { tenantId: candidate.tenantId, adminId: account.id, role: account.role, tenant };
    } catch (error) {
      // A terminated or vanished tenant grants nothing; anything else is a real failure.
      const code = (error as { code?: unknown }).code;
      if (code === 'TENANT_TERMINATED' || code === 'NOT_FOUND') return undefined;
      throw error;
    }
  };

  const adminAccounts = async (identity: GoogleIdentity): Promise<AdminAccess[]> => {
    const accesses: AdminAccess[] = [];
    for (const candidate of await candidates(identity)) {
      const access = await open(identity, candidate);
      // One account per tenant: the first (linked identity before email) decides the role.
      if (access && !accesses.some((a) => a.tenantId === access.tenantId)) accesses.push(access);
    }
    return accesses;
  };

  return {
    adminAccounts,
    forCalendar: async (identity, calendarId) => {
      const accesses = await adminAccounts(identity);
      if (accesses.length === 0) return 'no-account';
      for (const access of accesses) {
        const sources = await access.tenant.sources.list();
        const source = sources.find((s) => isGoogleCalendar(s) && s.externalId === calendarId);
        if (source) return { ...access, source };
      }
      return 'calendar-not-connected';
    },
    googleCalendars: async (identity) => {
      const accesses = await adminAccounts(identity);
      if (accesses.length === 0) return 'no-account';
      const calendars: CalendarAccess[] = [];
      for (const access of accesses) {
        const sources = await access.tenant.sources.list();
        for (const source of sources.filter(isGoogleCalendar)) calendars.push({ ...access, source });
      }
      return calendars.length > 0 ? calendars : 'calendar-not-connected';
    },
  };
};
