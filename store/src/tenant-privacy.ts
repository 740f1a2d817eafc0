import {
  type AdminAccount,
  type AuditEntry,
  type BotConversation,
  type CalendarSource,
  type CallRecord,
  compileNumber,
  createContactDirectory,
  type DutyEvent,
  horizonAround,
  type PublishedTable,
  parseSubject,
  type RoutedNumber,
  type StoredContact,
  type TenantStore,
} from '@wygc/routing-core';
import { sealBotConversation } from './bot-conversations.ts';
import { type CollectionName, collectionNames } from './collections.ts';
import { normaliseContactKey } from './contact-records.ts';
import type { WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';
import { publicationOps } from './table-publication.ts';
import type { TenantAccess } from './tenant-access.ts';

export interface TenantPrivacyDeps {
  readonly access: TenantAccess;
  readonly destroyKey: (tenantId: string) => Promise<void>;
}

const dayMs = 86_400_000;

/**
 * The data-subject and end-of-contract operations of the processing agreement (DESIGN §7). They read
 * through the driver directly and write one audit entry each, instead of one per record read.
 */
export const createTenantPrivacy = ({ access, destroyKey }: TenantPrivacyDeps): TenantStore['privacy'] => {
  const { driver, tenantId } = access;

  const readAll = async <T>(collection: CollectionName): Promise<T[]> =>
    access.openAll<T>(collection, await driver.list(collection, tenantId));

  const loadContact = async (contactId: string): Promise<StoredContact> => {
    const row = await driver.get('contacts', tenantId, contactId);
    if (!row) throw new StoreError('NOT_FOUND', 'no such contact');
    return access.open<StoredContact>('contacts', row);
  };

  const selects = (contact: StoredContact, event: DutyEvent): boolean => {
    const directory = createContactDirectory([contact]);
    return parseSubject(event.event.subject, directory).groups.length > 0;
  };

  const involves = (contact: StoredContact, call: CallRecord): boolean =>
    call.caller === contact.phone ||
    call.attempts.some((a) => a.phone === contact.phone || a.key === contact.key);

  /** Tables recompiled without the erased contact, so no copy of the phone stays in a published table. */
  const republishWithout = async (
    contactId: string,
    numbers: readonly RoutedNumber[],
  ): Promise<WriteOp[]> => {
    const tenant = await access.tenant();
    const contacts = (await readAll<StoredContact>('contacts')).filter((c) => c.id !== contactId);
    const sources = await readAll<CalendarSource>('sources');
    const events = await readAll<DutyEvent>('events');
    const tables = new Map((await readAll<PublishedTable>('tables')).map((t) => [t.numberId, t]));
    const now = access.clock();
    const publications = numbers.map((number) => {
      const { table, unmatched } = compileNumber({
        tenant,
        number,
        contacts,
        sources: sources
          .filter((source) => number.sourceIds.includes(source.id))
          .map((source) => ({
            source,
            events: events.filter((e) => e.sourceId === source.id).map((e) => e.event),
          })),
        horizon: horizonAround(now),
        version: 0,
        compiledAt: now,
      });
      return {
        numberId: number.id,
        expectedVersion: tables.get(number.id)?.version ?? null,
        table,
        unmatched,
      };
    });
    // Erasure is one commit, so the publication's writes join it instead of publishing separately.
    return (await publicationOps(access, publications)).ops;
  };

  return {
    async exportTenant() {
      const tenant = await access.tenant();
      const admins = (await readAll<AdminAccount>('admins')).map(
        ({ passwordHash: _p, totp: _t, ...admin }) => admin,
      );
      const sources = (await readAll<CalendarSource>('sources')).map(
        ({ credentials: _c, channel: _ch, ...source }) => source,
      );
      const result = {
        exportedAt: access.clock(),
        tenant,
        admins,
        contacts: await readAll<StoredContact>('contacts'),
        sources,
        numbers: await readAll<RoutedNumber>('numbers'),
        events: await readAll<DutyEvent>('events'),
        calls: await readAll<CallRecord>('calls'),
        audit: await readAll<AuditEntry>('audit'),
        botConversations: (await readAll<BotConversation>('botConversations')).map(
          ({ reference: _r, ...conversation }) => conversation,
        ),
      };
      await access.commitAudited([], {
        action: 'tenant.export',
        target: { category: 'tenant', id: tenantId },
      });
      return result;
    },

    async exportContact(contactId) {
      await access.activeTenant();
      const contact = await loadContact(contactId);
      const events = (await readAll<DutyEvent>('events')).filter((event) => selects(contact, event));
      const calls = (await readAll<CallRecord>('calls')).filter((call) => involves(contact, call));
      await access.commitAudited([], {
        action: 'contact.export',
        target: { category: 'contact', id: contactId },
      });
      return { exportedAt: access.clock(), contact, events, calls };
    },

    async eraseContact(contactId) {
      await access.activeTenant();
      const contact = await loadContact(contactId);
      const cipher = await access.cipher();
      const pseudonym = `erased-${cipher.blindIndex('erased-contact', contact.id).slice(0, 12)}`;
      const scrub = (call: CallRecord): CallRecord => ({
        ...call,
        caller: call.caller === contact.phone ? pseudonym : call.caller,
        attempts: call.attempts.map((a) =>
          a.phone === contact.phone || a.key === contact.key
            ? { phone: pseudonym, sipStatus: a.sipStatus, ms: a.ms }
            : a,
        ),
        ...(call.answeredBy === contact.phone || call.answeredBy === contact.key
          ? { answeredBy: pseudonym }
          : {}),
      });
      const calls = (await readAll<CallRecord>('calls')).filter((call) => involves(contact, call));
      const callOps: WriteOp[] = [];
      for (const call of calls) {
        const row = await access.seal('calls', call.id, scrub(call), { at: call.startedAt });
        callOps.push({ op: 'put', collection: 'calls', row });
      }
      // A number whose fallback was this contact loses its fallback, rather than keep a dangling key.
      const numbers = (await readAll<RoutedNumber>('numbers')).map((number) =>
        number.fallback !== null && normaliseContactKey(number.fallback) === normaliseContactKey(contact.key)
          ? { ...number, fallback: null }
          : number,
      );
      const numberOps: WriteOp[] = [];
      for (const number of numbers) {
        if (number.fallback === null) {
          numberOps.push({
            op: 'put',
            collection: 'numbers',
            row: await access.seal('numbers', number.id, number, { did: number.did }),
          });
        }
      }
      const tableOps = await republishWithout(contactId, numbers);
      // A Teams user who acted as this contact must not get the notices of a later contact with its key.
      const linkOps: WriteOp[] = [];
      for (const conversation of await readAll<BotConversation>('botConversations')) {
        if (!conversation.contactKeys.includes(contact.key)) continue;
        const unlinked = {
          ...conversation,
          contactKeys: conversation.contactKeys.filter((key) => key !== contact.key),
        };
        linkOps.push({
          op: 'put',
          collection: 'botConversations',
          row: await sealBotConversation(access, unlinked),
        });
      }
      await access.commitAudited(
        [
          { op: 'delete', collection: 'contacts', tenantId, id: contactId },
          ...callOps,
          ...numberOps,
          ...tableOps,
          ...linkOps,
        ],
        { action: 'contact.erase', target: { category: 'contact', id: contactId } },
      );
      return { contactId, callRecordsPseudonymised: calls.length, tablesRepublished: tableOps.length / 2 };
    },

    async purgeExpired(now) {
      const tenant = await access.tenant();
      const callCutoff = now - tenant.settings.cdrRetentionDays * dayMs;
      const auditCutoff = now - tenant.settings.auditRetentionDays * dayMs;
      const expired = async (collection: CollectionName, cutoff: number) =>
        (await driver.list(collection, tenantId, { range: { field: 'at', to: cutoff } })).length;
      const report = {
        callRecords: await expired('calls', callCutoff),
        auditEntries: await expired('audit', auditCutoff),
      };
      await access.commitAudited(
        [
          { op: 'deleteWhere', collection: 'calls', tenantId, before: { field: 'at', value: callCutoff } },
          { op: 'deleteWhere', collection: 'audit', tenantId, before: { field: 'at', value: auditCutoff } },
        ],
        {
          action: 'retention.purge',
          target: { category: 'tenant', id: tenantId },
          actor: 'system:retention',
        },
      );
      return report;
    },

    async terminate() {
      const row = await access.activeTenant();
      const deleted: Record<string, number> = {};
      for (const collection of collectionNames)
        deleted[collection] = await driver.count(collection, tenantId);
      const terminatedAt = access.clock();
      await driver.commit([
        ...collectionNames.map((collection): WriteOp => ({ op: 'deleteWhere', collection, tenantId })),
        { op: 'putTenant', tenant: { ...row, status: 'terminated', wrappedKey: null, terminatedAt } },
      ]);
      await destroyKey(tenantId);
      return { tenantId, terminatedAt, deleted, keyDestroyed: true };
    },
  };
};
