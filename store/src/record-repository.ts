import type { PersonalDataCategory, Repository, Tenant } from '@wygc/routing-core';
import type { CollectionName, StoredRow } from './collections.ts';
import type { WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';
import type { TenantAccess } from './tenant-access.ts';

export interface RecordSpec<T extends { readonly id: string }, New, Patch> {
  readonly collection: CollectionName;
  readonly category: PersonalDataCategory;
  /** Validates the input and builds the record; throws StoreError INVALID_INPUT on bad input. */
  build(input: New, meta: { id: string; now: number; tenant: Tenant }): T;
  merge(current: T, patch: Patch): T;
  fields(record: T): StoredRow['fields'];
  /** Writes that must happen with a removal, e.g. a source's events. */
  cascade?(record: T): WriteOp[];
}

/** CRUD over one collection for one tenant, every call audited; the same for every entity. */
export const createRecordRepository = <T extends { readonly id: string }, New, Patch>(
  access: TenantAccess,
  spec: RecordSpec<T, New, Patch>,
): Repository<T, New, Patch> => {
  const { collection, category } = spec;
  const target = (id?: string) => (id ? { category, id } : { category });

  const load = async (id: string): Promise<T | undefined> => {
    const row = await access.driver.get(collection, access.tenantId, id);
    return row ? access.open<T>(collection, row) : undefined;
  };

  const write = async (record: T, action: string) => {
    const row = await access.seal(collection, record.id, record, spec.fields(record));
    await access.commitAudited([{ op: 'put', collection, row }], {
      action: `${category}.${action}`,
      target: target(record.id),
    });
    return record;
  };

  return {
    async list() {
      await access.activeTenant();
      const rows = await access.driver.list(collection, access.tenantId);
      const records = await access.openAll<T>(collection, rows);
      await access.commitAudited([], { action: `${category}.list`, target: target() });
      return records;
    },
    async get(id) {
      await access.activeTenant();
      const record = await load(id);
      if (record) await access.commitAudited([], { action: `${category}.read`, target: target(id) });
      return record;
    },
    async create(input) {
      const tenant = await access.tenant();
      return write(spec.build(input, { id: access.newId(), now: access.clock(), tenant }), 'create');
    },
    async update(id, patch) {
      await access.activeTenant();
      const current = await load(id);
      if (!current) throw new StoreError('NOT_FOUND', `no such ${category}`);
      return write(spec.merge(current, patch), 'update');
    },
    async remove(id) {
      await access.activeTenant();
      const current = await load(id);
      if (!current) throw new StoreError('NOT_FOUND', `no such ${category}`);
      const ops: WriteOp[] = [
        ...(spec.cascade?.(current) ?? []),
        { op: 'delete', collection, tenantId: access.tenantId, id },
      ];
      await access.commitAudited(ops, { action: `${category}.delete`, target: target(id) });
    },
  };
};
