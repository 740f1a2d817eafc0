import type { AdminAccount, AdminAccountPatch, NewAdminAccount } from './admin-account.ts';
import type { AuditEntry, NewAuditEntry } from './audit-entry.ts';
import type { BotConversation, BotConversationInput, BotConversationKind } from './bot-conversation.ts';
import type { CalendarSource, CalendarSourcePatch, NewCalendarSource } from './calendar-source.ts';
import type { CallRecord, NewCallRecord } from './call-record.ts';
import type { UnmatchedEvent } from './compile-routing-table.ts';
import type { Contact, ContactInput } from './contact.ts';
import type { DutyEvent, DutyEventChanges } from './duty-event.ts';
import type { NewRoutedNumber, RoutedNumber, RoutedNumberPatch } from './routed-number.ts';
import type { RoutingTable } from './routing-table.ts';
import type { NewTenant, Tenant, TenantSettings } from './tenant.ts';

/** Who is acting, for the audit log: every store call is made on someone's behalf. */
export interface AuditContext {
  /** "admin:<id>", "system:<job>", "calendar:<source id>", "sip"; never an email. */
  readonly actor: string;
  readonly sourceIp?: string;
}

export interface StoredContact extends Contact {
  readonly id: string;
  readonly tenantId: string;
}

/** Phones arrive as people type them and are normalised to E.164 by the store. */
export type ContactPatch = Partial<ContactInput> & { readonly clearDescription?: boolean };

/** A routing table as published for one number, with the events that matched nobody. */
export interface PublishedTable {
  readonly tenantId: string;
  readonly numberId: string;
  readonly did: string;
  readonly version: number;
  readonly table: RoutingTable;
  readonly unmatched: readonly UnmatchedEvent[];
}

/** A new table for a number; published only if the current version is still `expectedVersion`. */
export interface TablePublication {
  readonly numberId: string;
  /** null: the number has no table yet. */
  readonly expectedVersion: number | null;
  readonly table: RoutingTable;
  readonly unmatched: readonly UnmatchedEvent[];
}

export interface PeriodQuery {
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
  /** Opaque; from the previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface Repository<T, New, Patch> {
  list(): Promise<T[]>;
  get(id: string): Promise<T | undefined>;
  create(input: New): Promise<T>;
  update(id: string, patch: Patch): Promise<T>;
  remove(id: string): Promise<void>;
}

export interface TenantExport {
  readonly exportedAt: number;
  readonly tenant: Tenant;
  readonly admins: readonly Omit<AdminAccount, 'passwordHash' | 'totp'>[];
  readonly contacts: readonly StoredContact[];
  readonly sources: readonly Omit<CalendarSource, 'credentials' | 'channel'>[];
  readonly numbers: readonly RoutedNumber[];
  readonly events: readonly DutyEvent[];
  readonly calls: readonly CallRecord[];
  readonly audit: readonly AuditEntry[];
  /** Without the Bot Framework reference: a technical address that means nothing outside this bot. */
  readonly botConversations: readonly Omit<BotConversation, 'reference'>[];
}

export interface ContactExport {
  readonly exportedAt: number;
  readonly contact: StoredContact;
  /** Synced events whose subject selects the contact. */
  readonly events: readonly DutyEvent[];
  /** Calls in which the contact was rung or was the caller. */
  readonly calls: readonly CallRecord[];
}

export interface ErasureReport {
  readonly contactId: string;
  readonly callRecordsPseudonymised: number;
  readonly tablesRepublished: number;
}

export interface TerminationReport {
  readonly tenantId: string;
  readonly terminatedAt: number;
  readonly deleted: Readonly<Record<string, number>>;
  readonly keyDestroyed: boolean;
}

export interface PurgeReport {
  readonly callRecords: number;
  readonly auditEntries: number;
}

/**
 * Everything one tenant's data can be read or changed through. A TenantStore is bound to one tenant:
 * ids of another tenant's records find nothing. Reads and changes of personal data are audited with the
 * context it was opened with; a change and its audit entry are committed together.
 */
export interface TenantStore {
  readonly tenantId: string;
  tenant(): Promise<Tenant>;
  updateTenant(patch: {
    name?: string;
    timeZone?: string;
    settings?: Partial<TenantSettings>;
  }): Promise<Tenant>;
  readonly contacts: Repository<StoredContact, ContactInput, ContactPatch>;
  readonly admins: Repository<AdminAccount, NewAdminAccount, AdminAccountPatch>;
  readonly sources: Repository<CalendarSource, NewCalendarSource, CalendarSourcePatch>;
  readonly numbers: Repository<RoutedNumber, NewRoutedNumber, RoutedNumberPatch>;
  readonly events: {
    list(sourceId?: string): Promise<DutyEvent[]>;
  };
  readonly tables: {
    get(numberId: string): Promise<PublishedTable | undefined>;
    list(): Promise<PublishedTable[]>;
    /** Publishes several tables atomically, each with version = expectedVersion + 1; CONFLICT if one moved. */
    publish(publications: readonly TablePublication[]): Promise<PublishedTable[]>;
  };
  /**
   * Applies a sync atomically: event changes, the source's new cursor/result, and the recompiled
   * tables. Either all of it lands or none of it.
   */
  commitSync(input: {
    sourceId: string;
    changes: DutyEventChanges;
    source?: CalendarSourcePatch;
    tables?: readonly TablePublication[];
  }): Promise<PublishedTable[]>;
  readonly calls: {
    append(records: readonly NewCallRecord[]): Promise<CallRecord[]>;
    list(query?: PeriodQuery): Promise<Page<CallRecord>>;
  };
  readonly audit: {
    /** Actor and source IP default to the context's; time to now; outcome to success. */
    append(
      entry: Pick<NewAuditEntry, 'action' | 'target'> &
        Partial<Pick<NewAuditEntry, 'actor' | 'sourceIp' | 'at' | 'outcome'>>,
    ): Promise<AuditEntry>;
    list(query?: PeriodQuery): Promise<Page<AuditEntry>>;
  };
  /**
   * Where the Teams bot may post on its own. Reads are not audited: the bot's notifier reads them every
   * minute for every tenant to decide where a notice goes, which is routing, not someone looking at
   * personal data; what it then sends is audited (botNotices.remember). Changes are audited.
   */
  readonly botConversations: {
    list(): Promise<BotConversation[]>;
    /** Inserts or replaces the conversation of this kind and external id; an unchanged one is not written. */
    save(input: BotConversationInput): Promise<BotConversation>;
    /** Removing a conversation that is not there changes nothing. */
    remove(id: string): Promise<void>;
  };
  /**
   * The Teams bot's sent notices, so each is sent once: kept until the problem they describe is over.
   * Only a keyed digest of a notice id is kept. `has` is an unaudited system read; `remember` is what
   * records (and audits) that a notice went out.
   */
  readonly botNotices: {
    has(noticeId: string): Promise<boolean>;
    /** Keeps the notice until `keepUntil`, or longer if it was already kept longer. */
    remember(noticeId: string, keepUntil: number): Promise<void>;
    /** Drops the notices kept until before `now`; returns how many. */
    prune(now: number): Promise<number>;
  };
  readonly privacy: {
    exportTenant(): Promise<TenantExport>;
    exportContact(contactId: string): Promise<ContactExport>;
    /** Deletes the contact, republishes tables without it, pseudonymises its phone in call records. */
    eraseContact(contactId: string): Promise<ErasureReport>;
    /** Deletes call records and audit entries older than the tenant's retention. */
    purgeExpired(now: number): Promise<PurgeReport>;
    /** Deletes all data and destroys the tenant key; the tenant remains only as "terminated". */
    terminate(): Promise<TerminationReport>;
  };
}

export type LinkedIdentity =
  | { readonly entra: { readonly tid: string; readonly oid: string } }
  | { readonly googleSub: string };

export type TableChange =
  | ({ readonly type: 'published' } & PublishedTable)
  | { readonly type: 'removed'; readonly tenantId: string; readonly numberId: string };

/** The whole store: tenants, tenant-scoped access, the few cross-tenant lookups, and the table feed. */
export interface Store {
  readonly tenants: {
    create(input: NewTenant, context: AuditContext): Promise<Tenant>;
    get(id: string): Promise<Tenant | undefined>;
    list(): Promise<Tenant[]>;
  };
  forTenant(tenantId: string, context: AuditContext): TenantStore;
  /** Entry points that do not know the tenant yet; they return ids only, never data. */
  readonly lookups: {
    adminsByEmail(email: string): Promise<{ tenantId: string; adminId: string }[]>;
    adminByIdentity(identity: LinkedIdentity): Promise<{ tenantId: string; adminId: string } | undefined>;
    sourceByChannel(channelId: string): Promise<{ tenantId: string; sourceId: string } | undefined>;
    numberByDid(did: string): Promise<{ tenantId: string; numberId: string } | undefined>;
    allSources(): Promise<{ tenantId: string; sourceId: string }[]>;
    /** The tenants with at least one Teams bot conversation, each once. */
    botConversationTenants(): Promise<string[]>;
    /** The conversations kept for this Teams user or team, in whichever tenant. */
    botConversationsOf(
      kind: BotConversationKind,
      externalId: string,
    ): Promise<{ tenantId: string; conversationId: string }[]>;
  };
  /** The SIP forwarder's view: every current table, and each new version as it is published. */
  readonly routingTables: {
    listAll(): Promise<PublishedTable[]>;
    watch(listener: (change: TableChange) => void): () => void;
  };
  close(): Promise<void>;
}
