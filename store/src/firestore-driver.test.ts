import { createHash } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectionName, StoredRow } from './collections.ts';
import { createFirestoreDriver } from './firestore-driver.ts';
import { describeStoreContract } from './store.contract.ts';
import { describeStoreDriverContract } from './store-driver.contract.ts';
import type { RowChange, StoreDriver, TenantRow, WriteOp } from './store-driver.ts';
import { isStoreError } from './store-error.ts';
import {
  type FirestoreEmulator,
  firestoreEmulatorUnavailable,
  startFirestoreEmulator,
} from './test-support/firestore-emulator.ts';

// Every step is a gRPC round trip to a Java emulator that shares CI's two cores with other test files.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const unavailable = firestoreEmulatorUnavailable();
if (unavailable) console.warn(`Firestore driver tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('Firestore', () => {
  let emulator: FirestoreEmulator;
  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
  }, 120_000);
  afterAll(() => emulator?.stop());

  describeStoreDriverContract('firestore', async () => {
    const { firestore, close } = emulator.connect();
    return { driver: createFirestoreDriver({ firestore }), cleanup: close };
  });

  describeStoreContract('firestore', async () => {
    const { firestore, close } = emulator.connect();
    return { driver: createFirestoreDriver({ firestore }), cleanup: close };
  });

  const tenant = (id: string): TenantRow => ({
    id,
    name: `Tenant ${id}`,
    status: 'active',
    timeZone: 'Europe/Amsterdam',
    settings: '{}',
    wrappedKey: '{"k":1}',
    createdAt: 1,
    terminatedAt: null,
  });

  const put = (collection: CollectionName, row: StoredRow): WriteOp => ({ op: 'put', collection, row });
  const contactRow = (id: string, keyNorm: string): StoredRow => ({
    id,
    tenantId: 't1',
    fields: { keyNorm },
    sealed: 's',
  });
  const contact = (id: string, keyNorm: string) => put('contacts', contactRow(id, keyNorm));
  const number = (tenantId: string, id: string, did = '+31501234567') =>
    put('numbers', { id, tenantId, fields: { did }, sealed: 's' });
  const hashed = (value: string) => createHash('sha256').update(value).digest('base64url');

  const errorCode = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: unknown) => (isStoreError(error) ? error.code : String(error)),
    );

  describe('firestore driver', () => {
    let firestore: Firestore;
    let close: () => Promise<void>;
    let driver: StoreDriver;

    beforeEach(async () => {
      ({ firestore, close } = emulator.connect());
      driver = createFirestoreDriver({ firestore });
      await driver.commit([
        { op: 'putTenant', tenant: tenant('t1') },
        { op: 'putTenant', tenant: tenant('t2') },
      ]);
    });

    afterEach(async () => {
      await driver.close();
      await close();
    });

    const data = async (path: string) => (await firestore.doc(path).get()).data();
    const documents = async (path: string) =>
      (await firestore.collection(path).get()).docs.map((doc) => ({ id: doc.id, data: doc.data() }));

    it('keeps tenants, rows and unique guards at the documented paths', async () => {
      await driver.commit([contact('c1', 'JD'), number('t1', 'n1')]);
      expect(await data('tenants/t1')).toEqual(tenant('t1'));
      expect(await data('tenants/t1/contacts/c1')).toEqual({
        tenantId: 't1',
        id: 'c1',
        keyNorm: 'JD',
        sealed: 's',
      });
      expect(await documents('tenants/t1/unique')).toEqual([
        { id: `contacts:keyNorm:${hashed('JD')}`, data: { tenantId: 't1', id: 'c1' } },
      ]);
      expect(await documents('unique')).toEqual([
        { id: `numbers:did:${hashed('+31501234567')}`, data: { tenantId: 't1', id: 'n1' } },
      ]);
    });

    it('releases a unique value when its row changes or goes, so another row can take it', async () => {
      await driver.commit([contact('c1', 'JD')]);
      await driver.commit([contact('c1', 'JV')]);
      await driver.commit([contact('c2', 'JD')]);
      await driver.commit([{ op: 'delete', collection: 'contacts', tenantId: 't1', id: 'c2' }]);
      await driver.commit([contact('c3', 'JD')]);
      await driver.commit([{ op: 'deleteWhere', collection: 'contacts', tenantId: 't1' }]);
      expect(await documents('tenants/t1/unique')).toEqual([]);
      await driver.commit([contact('c4', 'JD'), contact('c5', 'JV')]);
      await driver.commit([contact('c4', 'JV'), contact('c5', 'JD')]);
      const keys = (await driver.list('contacts', 't1')).map((row) => [row.id, row.fields]);
      expect(keys).toEqual([
        ['c4', { keyNorm: 'JV' }],
        ['c5', { keyNorm: 'JD' }],
      ]);
      expect(await errorCode(driver.commit([contact('c6', 'JD')]))).toBe('CONFLICT');
      expect(await documents('tenants/t1/unique')).toHaveLength(2);
    });

    it('checks unique values claimed twice in one commit, and skips absent optional ones', async () => {
      expect(await errorCode(driver.commit([number('t1', 'n1'), number('t2', 'n2')]))).toBe('CONFLICT');
      const admin = (tenantId: string, id: string, googleSub: string | null) =>
        put('admins', { id, tenantId, fields: { emailIndex: id, entraId: null, googleSub }, sealed: 's' });
      await driver.commit([admin('t1', 'a1', null), admin('t2', 'a2', null), admin('t1', 'a3', 'sub-1')]);
      expect(await errorCode(driver.commit([admin('t2', 'a4', 'sub-1')]))).toBe('CONFLICT');
      expect(await documents('unique')).toEqual([
        { id: `admins:googleSub:${hashed('sub-1')}`, data: { tenantId: 't1', id: 'a3' } },
      ]);
    });

    it('lets only one of two concurrent commits take a unique value', async () => {
      const results = await Promise.allSettled([
        driver.commit([number('t1', 'n1')]),
        driver.commit([number('t2', 'n2')]),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((result) => result.status === 'rejected');
      expect(isStoreError(rejected?.reason, 'CONFLICT'), String(rejected?.reason)).toBe(true);
      expect(await driver.listAll('numbers')).toHaveLength(1);
    });

    it('applies the ops of one commit in order', async () => {
      const event = (id: string, sourceId: string) =>
        put('events', { id, tenantId: 't1', fields: { sourceId }, sealed: 'x' });
      await driver.commit([event('e1', 's1'), event('e2', 's2')]);
      await driver.commit([
        event('e2', 's1'),
        event('e3', 's1'),
        {
          op: 'deleteWhere',
          collection: 'events',
          tenantId: 't1',
          where: { field: 'sourceId', equals: 's1' },
        },
        event('e4', 's1'),
        { op: 'expect', collection: 'events', tenantId: 't1', id: 'e4', field: 'sourceId', equals: 's1' },
      ]);
      expect((await driver.list('events', 't1')).map((row) => row.id)).toEqual(['e4']);
      const inT3 = put('contacts', { ...contactRow('c1', 'JD'), tenantId: 't3' });
      expect(await errorCode(driver.commit([inT3, { op: 'putTenant', tenant: tenant('t3') }]))).toBe(
        'NOT_FOUND',
      );
      await driver.commit([{ op: 'putTenant', tenant: tenant('t3') }, inT3]);
      expect(await driver.count('contacts', 't3')).toBe(1);
    });

    it('keeps drivers under different root paths apart', async () => {
      const other = createFirestoreDriver({ firestore, rootPath: 'deployments/other' });
      const seen: RowChange[] = [];
      const seenByOther: RowChange[] = [];
      driver.watch('numbers', (change) => seen.push(change));
      other.watch('numbers', (change) => seenByOther.push(change));
      await other.commit([{ op: 'putTenant', tenant: tenant('t1') }, number('t1', 'n9')]);
      await driver.commit([number('t1', 'n1')]);
      expect((await driver.findGlobal('numbers', 'did', '+31501234567')).map((row) => row.id)).toEqual([
        'n1',
      ]);
      expect((await other.findGlobal('numbers', 'did', '+31501234567')).map((row) => row.id)).toEqual(['n9']);
      expect((await driver.listAll('numbers')).map((row) => row.id)).toEqual(['n1']);
      expect(await driver.get('numbers', 't1', 'n9')).toBeUndefined();
      expect((await driver.listTenants()).map((row) => row.id)).toEqual(['t1', 't2']);
      await expect.poll(() => seen.map((change) => change.id)).toContain('n1');
      expect(seen.map((change) => change.id)).toEqual(['n1']);
      expect(seenByOther.map((change) => change.id)).toEqual(['n9']);
      await other.close();
    });

    it('refuses ids Firestore cannot hold and queries on fields that are not indexed', async () => {
      const row = contactRow('c1', 'JD');
      expect(await errorCode(driver.commit([put('contacts', { ...row, id: 'a/b' })]))).toBe('INVALID_INPUT');
      expect(await errorCode(driver.commit([put('contacts', { ...row, id: '__name__' })]))).toBe(
        'INVALID_INPUT',
      );
      expect(await errorCode(driver.get('contacts', '..', 'c1'))).toBe('INVALID_INPUT');
      expect(
        await errorCode(driver.list('contacts', 't1', { where: { field: 'sealed', equals: 's' } })),
      ).toBe('INVALID_INPUT');
      expect(await errorCode(driver.findGlobal('numbers', 'id', 'n1'))).toBe('INVALID_INPUT');
      expect(() => createFirestoreDriver({ firestore, rootPath: 'deployments' })).toThrow(/document path/);
    });
  });
});
