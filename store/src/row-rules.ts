import { type CollectionName, collectionSpecs, type FieldValue, type StoredRow } from './collections.ts';
import type { ListQuery, WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';

/**
 * The semantics every driver shares, written once: which rows a query selects and in what order,
 * which writes break a unique index. Drivers that can push these into their database do; the memory
 * driver and the contract suite use these directly.
 */
export const fieldOf = (row: StoredRow, field: string): FieldValue | undefined =>
  (row.fields as Record<string, FieldValue>)[field];

export const matchesQuery = (row: StoredRow, query: ListQuery = {}): boolean => {
  if (query.where && fieldOf(row, query.where.field) !== query.where.equals) return false;
  if (query.range) {
    const value = fieldOf(row, query.range.field);
    if (typeof value !== 'number') return false;
    if (query.range.from !== undefined && value < query.range.from) return false;
    if (query.range.to !== undefined && value >= query.range.to) return false;
  }
  return true;
};

/** The rows a deleteWhere op removes: its tenant, its optional field match, and older than `before`. */
export const matchesDeleteWhere = (row: StoredRow, op: Extract<WriteOp, { op: 'deleteWhere' }>): boolean => {
  if (row.tenantId !== op.tenantId || !matchesQuery(row, op.where ? { where: op.where } : {})) return false;
  if (!op.before) return true;
  const value = fieldOf(row, op.before.field);
  return typeof value === 'number' && value < op.before.value;
};

export const compareRows = (query: ListQuery = {}) => {
  const sign = query.order === 'desc' ? -1 : 1;
  const field = query.range?.field;
  return (a: StoredRow, b: StoredRow): number => {
    if (field) {
      const diff = Number(fieldOf(a, field)) - Number(fieldOf(b, field));
      if (diff !== 0) return sign * diff;
    }
    return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
};

export const selectRows = (rows: Iterable<StoredRow>, query: ListQuery = {}): StoredRow[] => {
  const selected = [...rows].filter((row) => matchesQuery(row, query)).sort(compareRows(query));
  return query.limit === undefined ? selected : selected.slice(0, query.limit);
};

/** Unique-index violations among the rows of one collection, as a CONFLICT naming the field. */
export const assertUnique = (collection: CollectionName, rows: Iterable<StoredRow>): void => {
  const spec = collectionSpecs[collection];
  const seen = new Map<string, string>();
  for (const row of rows) {
    for (const field of spec.uniquePerTenant as readonly string[]) {
      const value = fieldOf(row, field);
      if (value === null || value === undefined) continue;
      const slot = `t:${row.tenantId}:${field}:${value}`;
      const other = seen.get(slot);
      if (other !== undefined && other !== row.id) throw uniqueConflict(collection, field);
      seen.set(slot, row.id);
    }
    for (const field of spec.uniqueGlobal as readonly string[]) {
      const value = fieldOf(row, field);
      if (value === null || value === undefined) continue;
      const slot = `g:${field}:${value}`;
      const other = seen.get(slot);
      if (other !== undefined && other !== `${row.tenantId}/${row.id}`)
        throw uniqueConflict(collection, field);
      seen.set(slot, `${row.tenantId}/${row.id}`);
    }
  }
};

/** What people call the unique fields, for messages an administrator reads. */
const uniqueFieldLabels: Readonly<Record<string, string>> = {
  keyNorm: 'contact key',
  did: 'phone number',
  emailIndex: 'e-mail address',
  channelId: 'push channel',
  entraId: 'Microsoft sign-in',
  googleSub: 'Google sign-in',
  conversationIndex: 'Teams conversation',
};

export const uniqueConflict = (collection: CollectionName, field: string): StoreError =>
  new StoreError(
    'CONFLICT',
    `another record already has this ${uniqueFieldLabels[field] ?? field} (${collection})`,
  );

export const failedExpectation = (op: Extract<WriteOp, { op: 'expect' }>): StoreError =>
  new StoreError('CONFLICT', `${op.collection} ${op.id}: ${op.field} changed concurrently`);

/** The fields a row of this collection must carry, so a driver can refuse malformed rows early. */
export const assertRowShape = (collection: CollectionName, row: StoredRow): void => {
  const fields = collectionSpecs[collection].fields as Readonly<Record<string, string>>;
  for (const [name, type] of Object.entries(fields)) {
    const value = fieldOf(row, name);
    const optional = type.endsWith('?');
    if ((value === null || value === undefined) && optional) continue;
    if (typeof value !== type.replace('?', '')) {
      throw new StoreError('INVALID_INPUT', `${collection}: field ${name} must be a ${type}`);
    }
  }
  if (!row.id || !row.tenantId)
    throw new StoreError('INVALID_INPUT', `${collection}: row needs id and tenantId`);
};
