import type { AuditContext, NewAuditEntry, Tenant } from '@wygc/routing-core';
import type { CollectionName, StoredRow } from './collections.ts';
import type { LookupIndex } from './lookup-index.ts';
import type { OpenedTableCache } from './opened-table-cache.ts';
import { openRecord, sealRecord } from './sealed-record.ts';
import type { StoreDriver, TenantRow, WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';
import type { TenantCipher } from './tenant-cipher.ts';
import { tenantFromRow } from './tenant-row.ts';

export interface TenantAccessDeps {
  readonly driver: StoreDriver;
  readonly tenantId: string;
  readonly context: AuditContext;
  readonly openCipher: (tenant: TenantRow) => Promise<TenantCipher>;
  readonly lookup: LookupIndex;
  readonly clock: () => number;
  readonly newId: () => string;
  /** Shared by every TenantStore of a Store; tables are the only records read on a hot path. */
  readonly tables?: OpenedTableCache;
}

/**
 * The plumbing every part of a TenantStore shares: checking the tenant is active, sealing and opening
 * records, and building audit entries that commit together with the change they describe.
 */
export const createTenantAccess = (deps: TenantAccessDeps) => {
  const { driver, tenantId, context, clock, newId } = deps;

  const activeTenant = async (): Promise<TenantRow> => {
    const row = await driver.getTenant(tenantId);
    if (!row) throw new StoreError('NOT_FOUND', 'no such tenant');
    if (row.status === 'terminated')
      throw new StoreError('TENANT_TERMINATED', 'the tenant has been terminated');
    return row;
  };

  const tenant = async (): Promise<Tenant> => tenantFromRow(await activeTenant());

  // One unwrap per TenantStore (a request, a sync, a job), not one per record: a sync seals thousands.
  // Termination revokes the cipher itself (DataKeys.destroy), so caching it does not outlive the key.
  let opened: Promise<TenantCipher> | undefined;
  const cipher = (): Promise<TenantCipher> => {
    opened ??= activeTenant().then(deps.openCipher);
    opened.catch(() => {
      opened = undefined;
    });
    return opened;
  };

  const seal = async (
    collection: CollectionName,
    id: string,
    value: unknown,
    fields: StoredRow['fields'],
  ): Promise<StoredRow> => ({
    id,
    tenantId,
    fields,
    sealed: sealRecord(await cipher(), collection, id, value),
  });

  const openOne = <T>(key: TenantCipher, collection: CollectionName, row: StoredRow): T => {
    const cache = collection === 'tables' ? deps.tables : undefined;
    const cached = cache?.get(row.sealed);
    if (cached !== undefined) return cached as T;
    const value = openRecord<T>(key, collection, row.id, row.sealed);
    cache?.set(row.sealed, value);
    return value;
  };

  const open = async <T>(collection: CollectionName, row: StoredRow): Promise<T> =>
    openOne<T>(await cipher(), collection, row);

  const openAll = async <T>(collection: CollectionName, rows: readonly StoredRow[]): Promise<T[]> => {
    const key = await cipher();
    return rows.map((row) => openOne<T>(key, collection, row));
  };

  const auditOp = async (
    entry: Omit<NewAuditEntry, 'actor' | 'at' | 'outcome'> &
      Partial<Pick<NewAuditEntry, 'actor' | 'at' | 'outcome' | 'sourceIp'>>,
  ): Promise<WriteOp> => {
    const id = newId();
    const at = entry.at ?? clock();
    const sourceIp = entry.sourceIp ?? context.sourceIp;
    const value = {
      id,
      tenantId,
      at,
      actor: entry.actor ?? context.actor,
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome ?? 'success',
      ...(sourceIp ? { sourceIp } : {}),
    };
    return { op: 'put', collection: 'audit', row: await seal('audit', id, value, { at }) };
  };

  /** Commits the writes with their audit entry; a read is audited on its own. */
  const commitAudited = async (
    ops: readonly WriteOp[],
    audit: Parameters<typeof auditOp>[0],
  ): Promise<void> => {
    await driver.commit([...ops, await auditOp(audit)]);
  };

  return {
    driver,
    tenantId,
    context,
    clock,
    newId,
    lookup: deps.lookup,
    activeTenant,
    tenant,
    cipher,
    seal,
    open,
    openAll,
    auditOp,
    commitAudited,
  };
};

export type TenantAccess = ReturnType<typeof createTenantAccess>;
