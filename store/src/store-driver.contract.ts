import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionName, StoredRow } from './collections.ts';
import type { RowChange, StoreDriver, TenantRow } from './store-driver.ts';
import { isStoreError } from './store-error.ts';

/**
 * The behaviour every StoreDriver must show. Each driver's test file calls this with a factory that
 * returns a fresh, empty driver (and a cleanup).
 */
export const describeStoreDriverContract = (
  name: string,
  setup: () => Promise<{ driver: StoreDriver; cleanup?: () => Promise<void> }>,
) => {
  describe(`StoreDriver contract: ${name}`, () => {
    let driver: StoreDriver;
    let cleanup: (() => Promise<void>) | undefined;

    const tenant = (id: string, createdAt = 1): TenantRow => ({
      id,
      name: `Tenant ${id}`,
      status: 'active',
      timeZone: 'Europe/Amsterdam',
      settings: '{}',
      wrappedKey: '{"k":1}',
      createdAt,
      terminatedAt: null,
    });

    const contact = (tenantId: string, id: string, keyNorm: string): StoredRow => ({
      id,
      tenantId,
      fields: { keyNorm },
      sealed: `sealed-${id}`,
    });

    const call = (tenantId: string, id: string, at: number): StoredRow => ({
      id,
      tenantId,
      fields: { at },
      sealed: 's',
    });

    const expectConflict = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isStoreError(error, 'CONFLICT'), String(error)).toBe(true);
    };

    beforeEach(async () => {
      ({ driver, cleanup } = await setup());
      await driver.commit([
        { op: 'putTenant', tenant: tenant('t1', 1) },
        { op: 'putTenant', tenant: tenant('t2', 2) },
      ]);
    });

    afterEach(async () => {
      await driver.close();
      await cleanup?.();
    });

    it('stores and reads tenants', async () => {
      expect(await driver.getTenant('t1')).toEqual(tenant('t1', 1));
      expect((await driver.listTenants()).map((t) => t.id)).toEqual(['t1', 't2']);
      await driver.commit([
        {
          op: 'putTenant',
          tenant: { ...tenant('t1', 1), status: 'terminated', wrappedKey: null, terminatedAt: 5 },
        },
      ]);
      expect(await driver.getTenant('t1')).toMatchObject({
        status: 'terminated',
        wrappedKey: null,
        terminatedAt: 5,
      });
      expect(await driver.getTenant('nope')).toBeUndefined();
    });

    it('puts, replaces, reads and deletes rows, scoped by tenant', async () => {
      await driver.commit([{ op: 'put', collection: 'contacts', row: contact('t1', 'c1', 'JD') }]);
      expect(await driver.get('contacts', 't1', 'c1')).toEqual(contact('t1', 'c1', 'JD'));
      expect(await driver.get('contacts', 't2', 'c1')).toBeUndefined();
      await driver.commit([
        { op: 'put', collection: 'contacts', row: { ...contact('t1', 'c1', 'JV'), sealed: 'new' } },
      ]);
      expect(await driver.get('contacts', 't1', 'c1')).toMatchObject({
        fields: { keyNorm: 'JV' },
        sealed: 'new',
      });
      await driver.commit([{ op: 'delete', collection: 'contacts', tenantId: 't2', id: 'c1' }]);
      expect(await driver.get('contacts', 't1', 'c1')).toBeDefined();
      await driver.commit([{ op: 'delete', collection: 'contacts', tenantId: 't1', id: 'c1' }]);
      expect(await driver.get('contacts', 't1', 'c1')).toBeUndefined();
    });

    it('lists with where, range, order and limit, never across tenants', async () => {
      await driver.commit([
        ...[30, 10, 20, 40].map((at, i) => ({
          op: 'put' as const,
          collection: 'calls' as const,
          row: call('t1', `k${i}`, at),
        })),
        { op: 'put', collection: 'calls', row: call('t2', 'other', 25) },
      ]);
      const ats = (rows: StoredRow[]) => rows.map((row) => (row.fields as { at: number }).at);
      expect(ats(await driver.list('calls', 't1', { range: { field: 'at' } }))).toEqual([10, 20, 30, 40]);
      expect(ats(await driver.list('calls', 't1', { range: { field: 'at', from: 20, to: 40 } }))).toEqual([
        20, 30,
      ]);
      expect(
        ats(await driver.list('calls', 't1', { range: { field: 'at' }, order: 'desc', limit: 2 })),
      ).toEqual([40, 30]);
      expect(await driver.count('calls', 't1')).toBe(4);
      await driver.commit([
        {
          op: 'put',
          collection: 'events',
          row: { id: 'e1', tenantId: 't1', fields: { sourceId: 's1' }, sealed: 'x' },
        },
        {
          op: 'put',
          collection: 'events',
          row: { id: 'e2', tenantId: 't1', fields: { sourceId: 's2' }, sealed: 'x' },
        },
      ]);
      const bySource = await driver.list('events', 't1', { where: { field: 'sourceId', equals: 's1' } });
      expect(bySource.map((row) => row.id)).toEqual(['e1']);
    });

    it('finds rows across tenants by an indexed field', async () => {
      await driver.commit([
        {
          op: 'put',
          collection: 'numbers',
          row: { id: 'n1', tenantId: 't1', fields: { did: '+31501234567' }, sealed: 'a' },
        },
        {
          op: 'put',
          collection: 'numbers',
          row: { id: 'n2', tenantId: 't2', fields: { did: '+31507654321' }, sealed: 'b' },
        },
      ]);
      const found = await driver.findGlobal('numbers', 'did', '+31507654321');
      expect(found.map((row) => [row.tenantId, row.id])).toEqual([['t2', 'n2']]);
      expect((await driver.listAll('numbers')).length).toBe(2);
    });

    it('enforces unique fields per tenant and globally', async () => {
      await driver.commit([{ op: 'put', collection: 'contacts', row: contact('t1', 'c1', 'JD') }]);
      await expectConflict(
        driver.commit([{ op: 'put', collection: 'contacts', row: contact('t1', 'c2', 'JD') }]),
      );
      await driver.commit([{ op: 'put', collection: 'contacts', row: contact('t2', 'c9', 'JD') }]);
      const number = (tenantId: string, id: string): StoredRow => ({
        id,
        tenantId,
        fields: { did: '+31501234567' },
        sealed: 's',
      });
      await driver.commit([{ op: 'put', collection: 'numbers', row: number('t1', 'n1') }]);
      await expectConflict(driver.commit([{ op: 'put', collection: 'numbers', row: number('t2', 'n2') }]));
      // Replacing the same row keeps its own unique value.
      await driver.commit([{ op: 'put', collection: 'numbers', row: number('t1', 'n1') }]);
    });

    it('applies a commit entirely or not at all', async () => {
      await driver.commit([{ op: 'put', collection: 'contacts', row: contact('t1', 'c1', 'JD') }]);
      await expectConflict(
        driver.commit([
          { op: 'put', collection: 'contacts', row: contact('t1', 'c2', 'PK') },
          { op: 'delete', collection: 'contacts', tenantId: 't1', id: 'c1' },
          { op: 'put', collection: 'contacts', row: contact('t1', 'c3', 'PK') },
        ]),
      );
      expect((await driver.list('contacts', 't1')).map((row) => row.id)).toEqual(['c1']);
    });

    it('checks expectations on a field, and on absence', async () => {
      const table = (version: number): StoredRow => ({
        id: 'n1',
        tenantId: 't1',
        fields: { did: '+31501234567', version },
        sealed: 's',
      });
      await driver.commit([
        { op: 'expect', collection: 'tables', tenantId: 't1', id: 'n1', field: 'version', equals: undefined },
        { op: 'put', collection: 'tables', row: table(1) },
      ]);
      await expectConflict(
        driver.commit([
          {
            op: 'expect',
            collection: 'tables',
            tenantId: 't1',
            id: 'n1',
            field: 'version',
            equals: undefined,
          },
          { op: 'put', collection: 'tables', row: table(2) },
        ]),
      );
      await expectConflict(
        driver.commit([
          { op: 'put', collection: 'contacts', row: contact('t1', 'c1', 'JD') },
          { op: 'expect', collection: 'tables', tenantId: 't1', id: 'n1', field: 'version', equals: 7 },
          { op: 'put', collection: 'tables', row: table(8) },
        ]),
      );
      expect(await driver.get('contacts', 't1', 'c1')).toBeUndefined();
      await driver.commit([
        { op: 'expect', collection: 'tables', tenantId: 't1', id: 'n1', field: 'version', equals: 1 },
        { op: 'put', collection: 'tables', row: table(2) },
      ]);
      expect((await driver.get('tables', 't1', 'n1'))?.fields).toEqual({ did: '+31501234567', version: 2 });
    });

    it('deletes by field and by age, only in the named tenant', async () => {
      await driver.commit([
        ...[10, 20, 30].map((at, i) => ({
          op: 'put' as const,
          collection: 'calls' as const,
          row: call('t1', `c${i}`, at),
        })),
        { op: 'put', collection: 'calls', row: call('t2', 'old', 5) },
        {
          op: 'put',
          collection: 'events',
          row: { id: 'e1', tenantId: 't1', fields: { sourceId: 's1' }, sealed: 'x' },
        },
        {
          op: 'put',
          collection: 'events',
          row: { id: 'e2', tenantId: 't1', fields: { sourceId: 's2' }, sealed: 'x' },
        },
      ]);
      await driver.commit([
        { op: 'deleteWhere', collection: 'calls', tenantId: 't1', before: { field: 'at', value: 25 } },
      ]);
      expect((await driver.list('calls', 't1')).map((row) => row.id)).toEqual(['c2']);
      expect(await driver.count('calls', 't2')).toBe(1);
      await driver.commit([
        {
          op: 'deleteWhere',
          collection: 'events',
          tenantId: 't1',
          where: { field: 'sourceId', equals: 's1' },
        },
      ]);
      expect((await driver.list('events', 't1')).map((row) => row.id)).toEqual(['e2']);
      await driver.commit([{ op: 'deleteWhere', collection: 'events', tenantId: 't1' }]);
      expect(await driver.count('events', 't1')).toBe(0);
    });

    it('refuses rows for unknown tenants and rows missing indexed fields', async () => {
      const unknown = await driver
        .commit([{ op: 'put', collection: 'contacts', row: contact('zz', 'c1', 'JD') }])
        .catch((e: unknown) => e);
      expect(isStoreError(unknown, 'NOT_FOUND')).toBe(true);
      const malformed = await driver
        .commit([
          {
            op: 'put',
            collection: 'contacts',
            row: { id: 'c1', tenantId: 't1', fields: {} as never, sealed: 's' },
          },
        ])
        .catch((e: unknown) => e);
      expect(isStoreError(malformed, 'INVALID_INPUT')).toBe(true);
    });

    it('reports committed changes to watchers, in order, and nothing for failed commits', async () => {
      const seen: RowChange[] = [];
      const collection: CollectionName = 'tables';
      const stop = driver.watch(collection, (change) => seen.push(change));
      const table = (id: string, version: number): StoredRow => ({
        id,
        tenantId: 't1',
        fields: { did: `+3150123456${id.length}`, version },
        sealed: `v${version}`,
      });
      await driver.commit([{ op: 'put', collection, row: table('n1', 1) }]);
      await driver.commit([{ op: 'put', collection, row: table('n1', 2) }]);
      await driver
        .commit([
          { op: 'put', collection, row: table('n1', 3) },
          { op: 'expect', collection, tenantId: 't1', id: 'n1', field: 'version', equals: 99 },
        ])
        .catch(() => undefined);
      await driver.commit([{ op: 'delete', collection, tenantId: 't1', id: 'n1' }]);
      await expect.poll(() => seen.length).toBe(3);
      expect(seen.map((c) => [c.type, c.id, c.row?.sealed])).toEqual([
        ['put', 'n1', 'v1'],
        ['put', 'n1', 'v2'],
        ['delete', 'n1', undefined],
      ]);
      stop();
      await driver.commit([{ op: 'put', collection, row: table('n1', 4) }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen.length).toBe(3);
    });
  });
};
