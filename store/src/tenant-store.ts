import {
  type AuditEntry,
  type CalendarSource,
  type CallRecord,
  calendarEventSchema,
  type DutyEvent,
  type PublishedTable,
  type RoutedNumber,
  type TenantStore,
  tenantSettingsPatchSchema,
  tenantSettingsSchema,
} from '@wygc/routing-core';
import { z } from 'zod';
import { adminRecords } from './admin-records.ts';
import { createBotConversations } from './bot-conversations.ts';
import { createBotNotices } from './bot-notices.ts';
import { contactRecords, normaliseContactKey } from './contact-records.ts';
import { eventRowId } from './event-row-id.ts';
import { parseInput } from './invalid-input.ts';
import { numberRecords } from './number-records.ts';
import { createRecordRepository } from './record-repository.ts';
import { patchSource, sourceFields, sourceRecords } from './source-records.ts';
import type { WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';
import { publicationOps } from './table-publication.ts';
import type { TenantAccess } from './tenant-access.ts';
import { createTenantPrivacy } from './tenant-privacy.ts';
import { tenantFromRow } from './tenant-row.ts';
import { listTimeline } from './timeline-listing.ts';

const tenantPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    timeZone: z.string().min(1).optional(),
    settings: tenantSettingsPatchSchema.optional(),
  })
  .strict();

export interface TenantStoreDeps {
  readonly access: TenantAccess;
  /** Destroys the tenant's key material in the keyring (crypto-shredding). */
  readonly destroyKey: (tenantId: string) => Promise<void>;
}

/** The TenantStore port on top of a driver: validation, sealing and auditing in one place. */
export const createTenantStore = ({ access, destroyKey }: TenantStoreDeps): TenantStore => {
  const { tenantId, driver } = access;

  const loadSealed = async <T>(
    collection: 'numbers' | 'sources' | 'tables',
    id: string,
  ): Promise<T | undefined> => {
    const row = await driver.get(collection, tenantId, id);
    return row ? access.open<T>(collection, row) : undefined;
  };

  const eventOps = async (sourceId: string, changes: Parameters<TenantStore['commitSync']>[0]['changes']) => {
    const ops: WriteOp[] = [];
    if (changes.replaceAll)
      ops.push({
        op: 'deleteWhere',
        collection: 'events',
        tenantId,
        where: { field: 'sourceId', equals: sourceId },
      });
    for (const externalId of changes.deletes)
      ops.push({ op: 'delete', collection: 'events', tenantId, id: eventRowId(sourceId, externalId) });
    const now = access.clock();
    for (const upsert of changes.upserts) {
      const event = parseInput(calendarEventSchema, upsert.event, 'calendar event');
      const value: DutyEvent = { tenantId, sourceId, externalId: upsert.externalId, event, updatedAt: now };
      const id = eventRowId(sourceId, upsert.externalId);
      ops.push({
        op: 'put',
        collection: 'events',
        row: await access.seal('events', id, value, { sourceId }),
      });
    }
    return ops;
  };

  const contactRepository = createRecordRepository(access, contactRecords(tenantId));
  const contacts: typeof contactRepository = {
    ...contactRepository,
    // A number's fallback names a contact by key; removing that contact would leave the number without one.
    async remove(id) {
      const contact = await contactRepository.get(id);
      if (!contact) throw new StoreError('NOT_FOUND', 'no such contact');
      const key = normaliseContactKey(contact.key);
      const numbers = await access.openAll<RoutedNumber>('numbers', await driver.list('numbers', tenantId));
      const referring = numbers.find((n) => n.fallback !== null && normaliseContactKey(n.fallback) === key);
      if (referring) {
        throw new StoreError(
          'CONFLICT',
          `contact ${contact.key} is the fallback of number "${referring.name}": choose another fallback first`,
        );
      }
      await contactRepository.remove(id);
    },
  };
  const numbers = createRecordRepository(access, numberRecords(tenantId));

  const store: Omit<TenantStore, 'privacy'> = {
    tenantId,
    tenant: () => access.tenant(),
    async updateTenant(patch) {
      const row = await access.activeTenant();
      const valid = parseInput(tenantPatchSchema, patch, 'tenant');
      const current = tenantFromRow(row);
      const next = {
        ...row,
        ...(valid.name ? { name: valid.name } : {}),
        ...(valid.timeZone ? { timeZone: valid.timeZone } : {}),
        settings: JSON.stringify(tenantSettingsSchema.parse({ ...current.settings, ...valid.settings })),
      };
      await access.commitAudited([{ op: 'putTenant', tenant: next }], {
        action: 'tenant.update',
        target: { category: 'tenant', id: tenantId },
      });
      return tenantFromRow(next);
    },
    contacts,
    admins: createRecordRepository(access, adminRecords(tenantId, access.lookup)),
    sources: createRecordRepository(access, sourceRecords(tenantId)),
    numbers,
    events: {
      async list(sourceId) {
        await access.activeTenant();
        const rows = await driver.list(
          'events',
          tenantId,
          sourceId ? { where: { field: 'sourceId', equals: sourceId } } : {},
        );
        const events = await access.openAll<DutyEvent>('events', rows);
        await access.commitAudited([], { action: 'duty-event.list', target: { category: 'duty-event' } });
        return events;
      },
    },
    tables: {
      async get(numberId) {
        await access.activeTenant();
        return loadSealed<PublishedTable>('tables', numberId);
      },
      async list() {
        await access.activeTenant();
        return access.openAll<PublishedTable>('tables', await driver.list('tables', tenantId));
      },
      async publish(publications) {
        await access.activeTenant();
        const { ops, published } = await publicationOps(access, publications);
        await access.commitAudited(ops, {
          action: 'routing-table.publish',
          target: { category: 'routed-number' },
        });
        return published;
      },
    },
    async commitSync({ sourceId, changes, source: patch, tables = [] }) {
      await access.activeTenant();
      const current = await loadSealed<CalendarSource>('sources', sourceId);
      if (!current) throw new StoreError('NOT_FOUND', 'no such calendar source');
      const ops = await eventOps(sourceId, changes);
      if (patch) {
        const next = patchSource(current, patch);
        ops.push({
          op: 'put',
          collection: 'sources',
          row: await access.seal('sources', sourceId, next, sourceFields(next)),
        });
      }
      const { ops: tableOps, published } = await publicationOps(access, tables);
      await access.commitAudited([...ops, ...tableOps], {
        action: 'duty-event.sync',
        target: { category: 'duty-event', id: sourceId },
      });
      return published;
    },
    calls: {
      async append(records) {
        await access.activeTenant();
        const stored: CallRecord[] = records.map((record) => ({ ...record, id: access.newId(), tenantId }));
        const ops: WriteOp[] = [];
        for (const record of stored) {
          ops.push({
            op: 'put',
            collection: 'calls',
            row: await access.seal('calls', record.id, record, { at: record.startedAt }),
          });
        }
        await access.commitAudited(ops, {
          action: 'call-record.create',
          target: { category: 'call-record' },
        });
        return stored;
      },
      async list(query) {
        await access.activeTenant();
        const page = await listTimeline<CallRecord>(access, 'calls', (call) => call.startedAt, query);
        await access.commitAudited([], { action: 'call-record.list', target: { category: 'call-record' } });
        return page;
      },
    },
    botConversations: createBotConversations(access),
    botNotices: createBotNotices(access),
    audit: {
      async append(entry) {
        await access.activeTenant();
        const op = await access.auditOp(entry);
        await driver.commit([op]);
        return access.open<AuditEntry>('audit', (op as Extract<WriteOp, { op: 'put' }>).row);
      },
      async list(query) {
        await access.activeTenant();
        const page = await listTimeline<AuditEntry>(access, 'audit', (entry) => entry.at, query);
        await access.commitAudited([], { action: 'audit-entry.list', target: { category: 'audit-entry' } });
        return page;
      },
    },
  };
  return { ...store, privacy: createTenantPrivacy({ access, destroyKey }) };
};
