import { randomUUID } from 'node:crypto';
import {
  type AuditContext,
  isIanaTimeZone,
  newTenantSchema,
  type PublishedTable,
  type Store,
  type TableChange,
  tenantSettingsSchema,
} from '@wygc/routing-core';
import type { StoredRow } from './collections.ts';
import type { DataKeys } from './data-keys.ts';
import { parseInput } from './invalid-input.ts';
import { parseWrappedKey } from './keyring.ts';
import { createLookupIndex } from './lookup-index.ts';
import { createOpenedTableCache } from './opened-table-cache.ts';
import { openRecord } from './sealed-record.ts';
import type { StoreDriver, TenantRow } from './store-driver.ts';
import { StoreError } from './store-error.ts';
import { createTenantAccess } from './tenant-access.ts';
import type { TenantCipher } from './tenant-cipher.ts';
import { tenantFromRow } from './tenant-row.ts';
import { createTenantStore } from './tenant-store.ts';

export interface CreateStoreOptions {
  readonly driver: StoreDriver;
  readonly dataKeys: DataKeys;
  /** Store-wide key for the sign-in lookups; kept with the key-encryption keys, never in the database. */
  readonly lookupKey: Uint8Array;
  readonly clock?: () => number;
  readonly newId?: () => string;
}

const tenantCreationSchema = newTenantSchema.refine((t) => isIanaTimeZone(t.timeZone), {
  message: 'not an IANA time zone',
  path: ['timeZone'],
});

/** The Store port on any driver: everything above the database is written once, here. */
export const createStore = (options: CreateStoreOptions): Store => {
  const { driver, dataKeys } = options;
  const clock = options.clock ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const lookup = createLookupIndex(options.lookupKey);
  const tables = createOpenedTableCache();

  const openCipher = async (tenant: TenantRow): Promise<TenantCipher> => {
    if (!tenant.wrappedKey) throw new StoreError('TENANT_TERMINATED', 'the tenant has been terminated');
    return dataKeys.open(tenant.id, parseWrappedKey(JSON.parse(tenant.wrappedKey)));
  };

  const forTenant = (tenantId: string, context: AuditContext) =>
    createTenantStore({
      access: createTenantAccess({ driver, tenantId, context, openCipher, lookup, clock, newId, tables }),
      destroyKey: (id) => dataKeys.destroy(id),
    });

  const openTable = async (
    row: StoredRow,
    tenants: Map<string, Promise<TenantCipher>>,
  ): Promise<PublishedTable | undefined> => {
    let cipher = tenants.get(row.tenantId);
    if (!cipher) {
      cipher = driver.getTenant(row.tenantId).then((tenant) => {
        if (!tenant) throw new StoreError('NOT_FOUND', 'routing table of an unknown tenant');
        return openCipher(tenant);
      });
      tenants.set(row.tenantId, cipher);
    }
    const cached = tables.get(row.sealed);
    if (cached !== undefined) return cached as PublishedTable;
    const table = openRecord<PublishedTable>(await cipher, 'tables', row.id, row.sealed);
    tables.set(row.sealed, table);
    return table;
  };

  const firstId = (rows: readonly StoredRow[]) =>
    rows.map((row) => ({ tenantId: row.tenantId, id: row.id }))[0];

  return {
    tenants: {
      async create(input, context) {
        const valid = parseInput(tenantCreationSchema, input, 'tenant');
        const id = newId();
        const { wrapped } = await dataKeys.create(id);
        const row: TenantRow = {
          id,
          name: valid.name,
          status: 'active',
          timeZone: valid.timeZone,
          settings: JSON.stringify(tenantSettingsSchema.parse(valid.settings)),
          wrappedKey: JSON.stringify(wrapped),
          createdAt: clock(),
          terminatedAt: null,
        };
        await driver.commit([{ op: 'putTenant', tenant: row }]);
        await forTenant(id, context).audit.append({
          action: 'tenant.create',
          target: { category: 'tenant', id },
        });
        return tenantFromRow(row);
      },
      get: async (id) => {
        const row = await driver.getTenant(id);
        return row ? tenantFromRow(row) : undefined;
      },
      list: async () => (await driver.listTenants()).map(tenantFromRow),
    },
    forTenant,
    lookups: {
      adminsByEmail: async (email) =>
        (await driver.findGlobal('admins', 'emailIndex', lookup.email(email))).map((row) => ({
          tenantId: row.tenantId,
          adminId: row.id,
        })),
      async adminByIdentity(identity) {
        const rows =
          'entra' in identity
            ? await driver.findGlobal(
                'admins',
                'entraId',
                lookup.identity('entra', `${identity.entra.tid}:${identity.entra.oid}`),
              )
            : await driver.findGlobal('admins', 'googleSub', lookup.identity('google', identity.googleSub));
        const found = firstId(rows);
        return found ? { tenantId: found.tenantId, adminId: found.id } : undefined;
      },
      async sourceByChannel(channelId) {
        const found = firstId(await driver.findGlobal('sources', 'channelId', channelId));
        return found ? { tenantId: found.tenantId, sourceId: found.id } : undefined;
      },
      async numberByDid(did) {
        const found = firstId(await driver.findGlobal('numbers', 'did', did));
        return found ? { tenantId: found.tenantId, numberId: found.id } : undefined;
      },
      allSources: async () =>
        (await driver.listAll('sources')).map((row) => ({ tenantId: row.tenantId, sourceId: row.id })),
      botConversationTenants: async () =>
        [...new Set((await driver.listAll('botConversations')).map((row) => row.tenantId))].sort(),
      botConversationsOf: async (kind, externalId) =>
        (
          await driver.findGlobal(
            'botConversations',
            'conversationIndex',
            lookup.botConversation(kind, externalId),
          )
        ).map((row) => ({ tenantId: row.tenantId, conversationId: row.id })),
    },
    routingTables: {
      async listAll() {
        const ciphers = new Map<string, Promise<TenantCipher>>();
        const tables: PublishedTable[] = [];
        for (const row of await driver.listAll('tables')) {
          const table = await openTable(row, ciphers).catch(() => undefined);
          if (table) tables.push(table);
        }
        return tables;
      },
      watch(listener) {
        // Decryption is asynchronous; the chain keeps changes in commit order.
        let chain = Promise.resolve();
        const ciphers = new Map<string, Promise<TenantCipher>>();
        return driver.watch('tables', (change) => {
          chain = chain.then(async () => {
            if (change.type === 'delete' || !change.row) {
              listener({ type: 'removed', tenantId: change.tenantId, numberId: change.id });
              return;
            }
            ciphers.delete(change.tenantId);
            const table = await openTable(change.row, ciphers).catch(() => undefined);
            if (table) listener({ type: 'published', ...table } satisfies TableChange);
          });
        });
      },
    },
    close: () => driver.close(),
  };
};
