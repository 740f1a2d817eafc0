/**
 * The StoreDriver on Cloud Firestore (firebase-admin), the production store.
 *
 * Layout, under `rootPath` (a document path such as `deployments/staging`; by default the database root):
 *
 *   tenants/{tenantId}                                   the TenantRow fields
 *   tenants/{tenantId}/{collection}/{id}                 { tenantId, id, <indexed fields>, sealed }
 *   tenants/{tenantId}/unique/{collection}:{field}:{h}   per-tenant unique guard: { tenantId, id } of the owner
 *   unique/{collection}:{field}:{h}                      global unique guard: { tenantId, id } of the owner
 *
 * Firestore has no unique indexes, so a guard document per unique value names the row that owns it; guards
 * are read, created and deleted in the same transaction as their rows. `h` is the unpadded base64url
 * SHA-256 of the value, so a guard id is a valid document id whatever the value holds.
 *
 * Indexes (store/firestore.indexes.json): findGlobal and listAll are collection-group queries on the
 * collection name, which need collection-group single-field indexes on the fields findGlobal filters by
 * (did, channelId, emailIndex, entraId, googleSub, conversationIndex); a list or deleteWhere that combines
 * an equality on one field with a range on another (tables: did + version) needs a composite index. Range
 * and order on a single field (calls.at, audit.at, botNotices.keepUntil) are served by the automatic
 * single-field indexes, because the tenant's subcollection already scopes the query. `sealed` is exempt from indexing: it is an opaque blob.
 *
 * Transactions: commit runs in one runTransaction, reads first (tenants, expectations, current rows,
 * deleteWhere queries, then the guards those rows touch), then writes. Firestore may run the callback more
 * than once, so it keeps all its state local. A commit holds one transaction, so a deleteWhere that matches
 * very many rows is bounded by Firestore's request size and transaction time limits.
 *
 * watch() listens to the collection group and reports changes after the listener's initial snapshot;
 * commits through this driver wait until every watch has received that snapshot, so none of their changes
 * is folded into it unseen. Firestore may coalesce rapid changes to one document into one snapshot.
 *
 * The Firestore client is injected, so close() only stops this driver's listeners: whoever created the
 * client terminates it.
 */
import { createHash } from 'node:crypto';
import {
  type DocumentChange,
  type DocumentReference,
  type DocumentSnapshot,
  FieldPath,
  type Firestore,
  GrpcStatus,
  type Query,
  type Transaction,
} from 'firebase-admin/firestore';
import { z } from 'zod';
import { type CollectionName, collectionSpecs, type FieldValue, type StoredRow } from './collections.ts';
import {
  assertRowShape,
  failedExpectation,
  fieldOf,
  matchesDeleteWhere,
  selectRows,
  uniqueConflict,
} from './row-rules.ts';
import type { ListQuery, RowChange, StoreDriver, TenantRow, WriteOp } from './store-driver.ts';
import { isStoreError, StoreError, type StoreErrorCode } from './store-error.ts';

export interface FirestoreDriverOptions {
  readonly firestore: Firestore;
  /** A document path to keep all data under, so several deployments can share one database. */
  readonly rootPath?: string;
  /** Told when a watch fails for good, since the port gives watchers no error channel. */
  readonly onWatchError?: (error: StoreError) => void;
}

const envelopeFields = ['tenantId', 'id', 'sealed'] as const;

const rowDocSchema = z
  .object({ tenantId: z.string(), id: z.string(), sealed: z.string() })
  .catchall(z.union([z.string(), z.number(), z.null()]));

const tenantDocSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'terminated']),
  timeZone: z.string(),
  settings: z.string(),
  wrappedKey: z.string().nullable(),
  createdAt: z.number(),
  terminatedAt: z.number().nullable(),
});

const guardDocSchema = z.object({ tenantId: z.string(), id: z.string() });

const storeCodeByStatus = new Map<number, StoreErrorCode>([
  [GrpcStatus.INVALID_ARGUMENT, 'INVALID_INPUT'],
  [GrpcStatus.ALREADY_EXISTS, 'CONFLICT'],
  [GrpcStatus.ABORTED, 'CONFLICT'],
  [GrpcStatus.UNAVAILABLE, 'UNAVAILABLE'],
  [GrpcStatus.DEADLINE_EXCEEDED, 'UNAVAILABLE'],
  [GrpcStatus.RESOURCE_EXHAUSTED, 'UNAVAILABLE'],
]);

/** Firestore's own errors carry a gRPC status code; messages stay generic so no stored value leaks. */
const toStoreError = (error: unknown, operation: string): StoreError => {
  if (isStoreError(error)) return error;
  const status = (error as { code?: unknown } | undefined)?.code;
  if (typeof status !== 'number')
    return new StoreError('INTERNAL', `firestore ${operation} failed`, { cause: error });
  const hint =
    status === GrpcStatus.FAILED_PRECONDITION ? ' (missing index? see store/firestore.indexes.json)' : '';
  return new StoreError(
    storeCodeByStatus.get(status) ?? 'INTERNAL',
    `firestore ${operation}: ${GrpcStatus[status] ?? status}${hint}`,
    {
      cause: error,
    },
  );
};

const assertDocumentId = (what: string, id: string): void => {
  const reserved = id === '.' || id === '..' || /^__.*__$/.test(id);
  if (id === '' || id.includes('/') || reserved || Buffer.byteLength(id) > 1500) {
    throw new StoreError('INVALID_INPUT', `${what} is not a valid Firestore document id`);
  }
};

const assertRootPath = (rootPath: string): void => {
  const segments = rootPath.split('/');
  if (segments.length % 2 !== 0) throw new StoreError('INVALID_INPUT', 'rootPath must be a document path');
  for (const segment of segments) assertDocumentId('a rootPath segment', segment);
};

/** Only a collection's declared fields may be queried: others would hit the envelope or miss an index. */
const assertIndexedField = (collection: CollectionName, field: string): void => {
  if (!(field in collectionSpecs[collection].fields)) {
    throw new StoreError('INVALID_INPUT', `${collection}: ${field} is not an indexed field`);
  }
};

const assertStorableRow = (collection: CollectionName, row: StoredRow): void => {
  assertRowShape(collection, row);
  assertDocumentId('tenant id', row.tenantId);
  assertDocumentId('row id', row.id);
  if (envelopeFields.some((name) => name in row.fields)) {
    throw new StoreError(
      'INVALID_INPUT',
      `${collection}: fields may not be named ${envelopeFields.join(', ')}`,
    );
  }
};

const assertValidOp = (op: WriteOp): void => {
  switch (op.op) {
    case 'putTenant':
      if (!tenantDocSchema.safeParse(op.tenant).success)
        throw new StoreError('INVALID_INPUT', 'malformed tenant row');
      assertDocumentId('tenant id', op.tenant.id);
      break;
    case 'put':
      assertStorableRow(op.collection, op.row);
      break;
    case 'deleteWhere':
      if (op.where) assertIndexedField(op.collection, op.where.field);
      if (op.before) assertIndexedField(op.collection, op.before.field);
      assertDocumentId('tenant id', op.tenantId);
      break;
    case 'delete':
    case 'expect':
      assertDocumentId('tenant id', op.tenantId);
      assertDocumentId('row id', op.id);
      break;
  }
};

const malformed = (snapshot: DocumentSnapshot): StoreError =>
  new StoreError('INTERNAL', `firestore: malformed document at ${snapshot.ref.path}`);

const toRow = (snapshot: DocumentSnapshot): StoredRow => {
  const parsed = rowDocSchema.safeParse(snapshot.data());
  if (!parsed.success) throw malformed(snapshot);
  const { tenantId, id, sealed, ...fields } = parsed.data;
  return { tenantId, id, sealed, fields };
};

const toRowDoc = (row: StoredRow) => ({
  ...Object.fromEntries(Object.entries(row.fields).filter(([, value]) => value !== undefined)),
  tenantId: row.tenantId,
  id: row.id,
  sealed: row.sealed,
});

const toTenant = (snapshot: DocumentSnapshot): TenantRow => {
  const parsed = tenantDocSchema.safeParse(snapshot.data());
  if (!parsed.success) throw malformed(snapshot);
  return parsed.data;
};

const toTenantDoc = (tenant: TenantRow): TenantRow => tenantDocSchema.parse(tenant);

const toRowChange = (change: DocumentChange): RowChange => {
  const row = toRow(change.doc);
  return change.type === 'removed'
    ? { type: 'delete', tenantId: row.tenantId, id: row.id }
    : { type: 'put', tenantId: row.tenantId, id: row.id, row };
};

const guardId = (collection: CollectionName, field: string, value: string | number): string =>
  `${collection}:${field}:${createHash('sha256').update(String(value)).digest('base64url')}`;

/** One row a commit reads or writes: what Firestore held (`before`) and what the commit leaves (`after`). */
interface RowSlot {
  readonly collection: CollectionName;
  readonly ref: DocumentReference;
  readonly before: StoredRow | undefined;
  after: StoredRow | undefined;
  touched: boolean;
}

/** Marks what a commit leaves in a row's place. */
const leave = (slot: RowSlot, row: StoredRow | undefined): void => {
  slot.after = row;
  slot.touched = true;
};

interface CommitState {
  readonly tenantExists: Map<string, boolean>;
  readonly tenantPuts: Map<string, TenantRow>;
  readonly rows: Map<string, RowSlot>;
}

interface Guard {
  readonly ref: DocumentReference;
  readonly collection: CollectionName;
  readonly field: string;
  readonly owner: RowSlot;
  readonly row: StoredRow;
}

export const createFirestoreDriver = ({
  firestore,
  rootPath,
  onWatchError = (error) => console.error(error.message),
}: FirestoreDriverOptions): StoreDriver => {
  if (rootPath !== undefined) assertRootPath(rootPath);
  const root = rootPath === undefined ? firestore : firestore.doc(rootPath);
  const tenants = root.collection('tenants');
  const globalGuards = root.collection('unique');
  const stops = new Set<() => void>();
  const warmingWatches = new Set<Promise<void>>();

  const tenantRef = (tenantId: string) => {
    assertDocumentId('tenant id', tenantId);
    return tenants.doc(tenantId);
  };
  const rowsRef = (collection: CollectionName, tenantId: string) =>
    tenantRef(tenantId).collection(collection);
  const rowRef = (collection: CollectionName, tenantId: string, id: string) => {
    assertDocumentId('row id', id);
    return rowsRef(collection, tenantId).doc(id);
  };

  /** Collection-group queries span the whole database; only rows in this driver's layout belong to it. */
  const isOwn = (snapshot: DocumentSnapshot) => snapshot.ref.parent.parent?.parent.path === tenants.path;
  const ownRows = (snapshots: readonly DocumentSnapshot[]) => snapshots.filter(isOwn).map(toRow);

  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error, operation);
    }
  };

  const listQuery = (collection: CollectionName, tenantId: string, query: ListQuery): Query => {
    const direction = query.order === 'desc' ? 'desc' : 'asc';
    let selection: Query = rowsRef(collection, tenantId);
    if (query.where) {
      assertIndexedField(collection, query.where.field);
      selection = selection.where(query.where.field, '==', query.where.equals);
    }
    if (query.range) {
      const { field, from, to } = query.range;
      assertIndexedField(collection, field);
      if (from !== undefined) selection = selection.where(field, '>=', from);
      if (to !== undefined) selection = selection.where(field, '<', to);
      selection = selection.orderBy(field, direction);
    }
    selection = selection.orderBy(FieldPath.documentId(), direction);
    return query.limit === undefined ? selection : selection.limit(query.limit);
  };

  const deleteWhereQuery = (op: Extract<WriteOp, { op: 'deleteWhere' }>): Query => {
    let selection: Query = rowsRef(op.collection, op.tenantId);
    if (op.where) selection = selection.where(op.where.field, '==', op.where.equals);
    if (op.before) selection = selection.where(op.before.field, '<', op.before.value);
    return selection;
  };

  const refOf = (op: Extract<WriteOp, { op: 'put' | 'delete' | 'expect' }>) =>
    op.op === 'put'
      ? rowRef(op.collection, op.row.tenantId, op.row.id)
      : rowRef(op.collection, op.tenantId, op.id);

  const getAll = async (tx: Transaction, refs: readonly DocumentReference[]) => {
    const unique = [...new Map(refs.map((ref) => [ref.path, ref])).values()];
    const snapshots = unique.length === 0 ? [] : await tx.getAll(...unique);
    return new Map(snapshots.map((snapshot) => [snapshot.ref.path, snapshot]));
  };

  const readState = async (tx: Transaction, ops: readonly WriteOp[]): Promise<CommitState> => {
    const tenantIds = ops.flatMap((op) => (op.op === 'put' ? [op.row.tenantId] : []));
    const rowOps = ops.filter((op) => op.op === 'put' || op.op === 'delete' || op.op === 'expect');
    const snapshots = await getAll(tx, [...tenantIds.map(tenantRef), ...rowOps.map(refOf)]);
    const state: CommitState = {
      tenantExists: new Map(tenantIds.map((id) => [id, snapshots.get(tenantRef(id).path)?.exists === true])),
      tenantPuts: new Map(),
      rows: new Map(),
    };
    const addSlot = (collection: CollectionName, snapshot: DocumentSnapshot) => {
      const before = snapshot.exists ? toRow(snapshot) : undefined;
      state.rows.set(snapshot.ref.path, {
        collection,
        ref: snapshot.ref,
        before,
        after: before,
        touched: false,
      });
    };
    for (const op of rowOps) addSlot(op.collection, snapshots.get(refOf(op).path) as DocumentSnapshot);
    for (const op of ops) {
      if (op.op !== 'deleteWhere') continue;
      const matches = await tx.get(deleteWhereQuery(op));
      for (const snapshot of matches.docs) {
        if (!state.rows.has(snapshot.ref.path)) addSlot(op.collection, snapshot);
      }
    }
    return state;
  };

  /** Applies the ops in order to what was read, exactly as the memory driver does to its maps. */
  const simulate = (state: CommitState, ops: readonly WriteOp[]): void => {
    const slot = (op: Extract<WriteOp, { op: 'put' | 'delete' | 'expect' }>) =>
      state.rows.get(refOf(op).path) as RowSlot;
    for (const op of ops) {
      switch (op.op) {
        case 'putTenant':
          state.tenantExists.set(op.tenant.id, true);
          state.tenantPuts.set(op.tenant.id, op.tenant);
          break;
        case 'put':
          if (!state.tenantExists.get(op.row.tenantId)) throw new StoreError('NOT_FOUND', 'no such tenant');
          leave(slot(op), op.row);
          break;
        case 'delete':
          leave(slot(op), undefined);
          break;
        case 'deleteWhere':
          for (const row of state.rows.values()) {
            if (row.collection === op.collection && row.after && matchesDeleteWhere(row.after, op)) {
              leave(row, undefined);
            }
          }
          break;
        case 'expect': {
          const row = slot(op).after;
          const actual = row ? fieldOf(row, op.field) : undefined;
          if (op.equals === undefined ? row !== undefined : actual !== op.equals) throw failedExpectation(op);
          break;
        }
      }
    }
  };

  const guardsOf = (owner: RowSlot, row: StoredRow | undefined): Guard[] => {
    if (!row) return [];
    const spec = collectionSpecs[owner.collection];
    const guard = (field: string, parent: typeof globalGuards): Guard[] => {
      const value = fieldOf(row, field);
      if (value === null || value === undefined) return [];
      return [
        {
          ref: parent.doc(guardId(owner.collection, field, value)),
          collection: owner.collection,
          field,
          owner,
          row,
        },
      ];
    };
    return [
      ...(spec.uniquePerTenant as readonly string[]).flatMap((field) =>
        guard(field, tenantRef(row.tenantId).collection('unique')),
      ),
      ...(spec.uniqueGlobal as readonly string[]).flatMap((field) => guard(field, globalGuards)),
    ];
  };

  /** Claims every unique value the touched rows end with and releases those they give up. */
  const writeGuards = async (tx: Transaction, state: CommitState) => {
    const touched = [...state.rows.values()].filter((row) => row.touched);
    const claims = new Map<string, Guard>();
    for (const guard of touched.flatMap((row) => guardsOf(row, row.after))) {
      const other = claims.get(guard.ref.path);
      if (other && other.owner !== guard.owner) throw uniqueConflict(guard.collection, guard.field);
      claims.set(guard.ref.path, guard);
    }
    const releases = touched
      .flatMap((row) => guardsOf(row, row.before))
      .filter((guard) => !claims.has(guard.ref.path));
    const current = await getAll(
      tx,
      [...claims.values(), ...releases].map((guard) => guard.ref),
    );
    const ownerPath = (guard: Guard) => {
      const snapshot = current.get(guard.ref.path) as DocumentSnapshot;
      if (!snapshot.exists) return undefined;
      const parsed = guardDocSchema.safeParse(snapshot.data());
      if (!parsed.success) throw malformed(snapshot);
      return rowRef(guard.collection, parsed.data.tenantId, parsed.data.id).path;
    };
    const ownerDoc = (guard: Guard) => ({ tenantId: guard.row.tenantId, id: guard.row.id });
    for (const guard of claims.values()) {
      const holder = ownerPath(guard);
      if (holder === guard.owner.ref.path) continue;
      if (holder === undefined) tx.create(guard.ref, ownerDoc(guard));
      else if (state.rows.get(holder)?.touched) tx.set(guard.ref, ownerDoc(guard));
      else throw uniqueConflict(guard.collection, guard.field);
    }
    for (const guard of releases) if (ownerPath(guard) === guard.owner.ref.path) tx.delete(guard.ref);
  };

  const writeRows = (tx: Transaction, state: CommitState) => {
    for (const [id, tenant] of state.tenantPuts) tx.set(tenantRef(id), toTenantDoc(tenant));
    for (const row of state.rows.values()) {
      if (!row.touched) continue;
      if (row.after) tx.set(row.ref, toRowDoc(row.after));
      else if (row.before) tx.delete(row.ref);
    }
  };

  const commitIn = async (tx: Transaction, ops: readonly WriteOp[]) => {
    const state = await readState(tx, ops);
    simulate(state, ops);
    await writeGuards(tx, state);
    writeRows(tx, state);
  };

  const deliver = (listener: (change: RowChange) => void, change: RowChange) => {
    try {
      listener(change);
    } catch (error) {
      onWatchError(new StoreError('INTERNAL', 'a store watcher threw', { cause: error }));
    }
  };

  const watch = (collection: CollectionName, listener: (change: RowChange) => void) => {
    let initial = true;
    const warming = Promise.withResolvers<void>();
    warmingWatches.add(warming.promise);
    const settle = () => {
      initial = false;
      warmingWatches.delete(warming.promise);
      warming.resolve();
    };
    const unsubscribe = firestore.collectionGroup(collection).onSnapshot(
      (snapshot) => {
        if (initial) return settle();
        const changes = snapshot.docChanges().filter((change) => isOwn(change.doc));
        for (const change of changes) deliver(listener, toRowChange(change));
      },
      (error) => {
        settle();
        onWatchError(toStoreError(error, `watch ${collection}`));
      },
    );
    const stop = () => {
      settle();
      unsubscribe();
      stops.delete(stop);
    };
    stops.add(stop);
    return stop;
  };

  return {
    name: 'firestore',
    getTenant: (id) =>
      run('getTenant', async () => {
        const snapshot = await tenantRef(id).get();
        return snapshot.exists ? toTenant(snapshot) : undefined;
      }),
    listTenants: () =>
      run('listTenants', async () => (await tenants.orderBy('createdAt').get()).docs.map(toTenant)),
    get: (collection, tenantId, id) =>
      run('get', async () => {
        const snapshot = await rowRef(collection, tenantId, id).get();
        return snapshot.exists ? toRow(snapshot) : undefined;
      }),
    list: (collection, tenantId, query = {}) =>
      run('list', async () => (await listQuery(collection, tenantId, query).get()).docs.map(toRow)),
    findGlobal: (collection, field, equals: FieldValue) =>
      run('findGlobal', async () => {
        assertIndexedField(collection, field);
        const snapshot = await firestore.collectionGroup(collection).where(field, '==', equals).get();
        return selectRows(ownRows(snapshot.docs));
      }),
    listAll: (collection) =>
      run('listAll', async () =>
        selectRows(ownRows((await firestore.collectionGroup(collection).get()).docs)),
      ),
    count: (collection, tenantId) =>
      run('count', async () => (await rowsRef(collection, tenantId).count().get()).data().count),
    commit: (ops) =>
      run('commit', async () => {
        for (const op of ops) assertValidOp(op);
        await Promise.all(warmingWatches);
        await firestore.runTransaction((tx) => commitIn(tx, ops));
      }),
    watch,
    close: async () => {
      for (const stop of [...stops]) stop();
    },
  };
};
