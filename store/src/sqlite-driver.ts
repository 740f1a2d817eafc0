import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { createChangeListeners } from './change-listeners.ts';
import { type CollectionName, collectionSpecs, type FieldValue, type StoredRow } from './collections.ts';
import { assertRowShape, failedExpectation, fieldOf, uniqueConflict } from './row-rules.ts';
import { assertSchemaMatchesSpecs, columnOf, migrateSqlite } from './sqlite-migrations.ts';
import { createSqliteRowCache } from './sqlite-row-cache.ts';
import type { ListQuery, RowChange, StoreDriver, TenantRow, WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';

export interface SqliteDriverOptions {
  /** The database file; its folder is created when missing. */
  readonly path: string;
}

export interface SqliteDriver extends StoreDriver {
  readonly path: string;
  /** Writes a consistent copy of the live database to a new file; refuses to overwrite one. */
  backup(file: string): Promise<void>;
}

interface Column {
  readonly field: string;
  readonly name: string;
  /** Derived from a spec field name, never from input, so it is safe to splice into SQL. */
  readonly sql: string;
  readonly type: 'string' | 'number';
  readonly unique: 'tenant' | 'global' | undefined;
}

interface Table {
  readonly collection: CollectionName;
  readonly sql: string;
  readonly columns: readonly Column[];
  readonly select: string;
  /** An upsert on the primary key only: unlike INSERT OR REPLACE it never deletes a row holding a unique value. */
  readonly upsert: string;
}

type Where = { readonly field: string; readonly equals: FieldValue };

const busyTimeoutMs = 5_000;

const sqliteErrorCode = (error: unknown): number | undefined =>
  error instanceof Error && 'errcode' in error && typeof error.errcode === 'number'
    ? error.errcode
    : undefined;

const isUniqueViolation = (error: unknown) => {
  const code = sqliteErrorCode(error);
  return code === 2067 || code === 1555; // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
};

/** SQLite's messages name tables and columns, never values, so they are safe to pass on. */
const toStoreError = (error: unknown): StoreError => {
  if (error instanceof StoreError) return error;
  const code = sqliteErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 787) return new StoreError('NOT_FOUND', 'no such tenant', { cause: error });
  // NOT NULL, CHECK and STRICT datatype constraints: a value the schema cannot hold.
  if (code === 1299 || code === 275 || code === 3091) {
    return new StoreError('INVALID_INPUT', message, { cause: error });
  }
  const primary = code === undefined ? undefined : code & 0xff;
  // BUSY and LOCKED: another process held the write lock past the busy timeout.
  if (primary === 5 || primary === 6) {
    return new StoreError('UNAVAILABLE', 'sqlite database is busy', { cause: error });
  }
  // CORRUPT and NOTADB: the file cannot be used until it is restored from a backup.
  if (primary === 11 || primary === 26) return new StoreError('UNAVAILABLE', message, { cause: error });
  return new StoreError('INTERNAL', message, { cause: error });
};

const quote = (identifier: string) => `"${identifier}"`;

const describeTable = (collection: CollectionName): Table => {
  const spec = collectionSpecs[collection];
  const columns = Object.entries(spec.fields as Readonly<Record<string, string>>).map(
    ([field, type]): Column => ({
      field,
      name: columnOf(field),
      sql: quote(columnOf(field)),
      type: type.startsWith('number') ? 'number' : 'string',
      unique: (spec.uniqueGlobal as readonly string[]).includes(field)
        ? 'global'
        : (spec.uniquePerTenant as readonly string[]).includes(field)
          ? 'tenant'
          : undefined,
    }),
  );
  const names = columns.map((column) => column.sql);
  const table = quote(collection);
  const upsert = `INSERT INTO ${table} (tenant_id, id, ${names.join(', ')}, sealed)
    VALUES (?, ?, ${names.map(() => '?').join(', ')}, ?)
    ON CONFLICT (tenant_id, id) DO UPDATE SET ${[...names, 'sealed'].map((name) => `${name} = excluded.${name}`).join(', ')}`;
  return {
    collection,
    sql: table,
    columns,
    select: ['tenant_id', 'id', 'sealed', ...names].join(', '),
    upsert,
  };
};

const tables = new Map(
  Object.keys(collectionSpecs).map((name) => [name, describeTable(name as CollectionName)]),
);

const tableOf = (collection: string): Table => {
  const table = tables.get(collection);
  if (!table) throw new StoreError('INVALID_INPUT', `no collection ${JSON.stringify(collection)}`);
  return table;
};

/** Column names cannot be bound, so only names from the spec ever reach SQL: the injection guard. */
const columnFor = (table: Table, field: string, type?: Column['type']): Column => {
  const column = table.columns.find((candidate) => candidate.field === field);
  if (!column) {
    throw new StoreError(
      'INVALID_INPUT',
      `${table.collection} has no indexed field ${JSON.stringify(field)}`,
    );
  }
  if (type && column.type !== type) {
    throw new StoreError('INVALID_INPUT', `${table.collection}: ${field} is not a ${type}`);
  }
  return column;
};

/** `= ?` rather than `IS ?` for values, so the partial unique indexes on optional fields stay usable. */
const equalsClause = (table: Table, where: Where): { sql: string; params: SQLInputValue[] } => {
  const column = columnFor(table, where.field);
  if (where.equals === null) return { sql: `${column.sql} IS NULL`, params: [] };
  if (typeof where.equals !== column.type) {
    throw new StoreError(
      'INVALID_INPUT',
      `${table.collection}: ${where.field} is compared with a ${typeof where.equals}`,
    );
  }
  return { sql: `${column.sql} = ?`, params: [where.equals] };
};

const rowOf = (table: Table, raw: Record<string, unknown>): StoredRow => ({
  id: raw.id as string,
  tenantId: raw.tenant_id as string,
  fields: Object.fromEntries(table.columns.map((column) => [column.field, raw[column.name] as FieldValue])),
  sealed: raw.sealed as string,
});

/** The row as stored: exactly the spec's fields, so watchers see what a later get returns. */
const storedRowOf = (table: Table, row: StoredRow): StoredRow => ({
  id: row.id,
  tenantId: row.tenantId,
  fields: Object.fromEntries(
    table.columns.map((column) => [column.field, fieldOf(row, column.field) ?? null]),
  ),
  sealed: row.sealed,
});

const tenantOf = (raw: Record<string, unknown>): TenantRow => ({
  id: raw.id as string,
  name: raw.name as string,
  status: raw.status as TenantRow['status'],
  timeZone: raw.time_zone as string,
  settings: raw.settings as string,
  wrappedKey: raw.wrapped_key as string | null,
  createdAt: raw.created_at as number,
  terminatedAt: raw.terminated_at as number | null,
});

/** Opens (creating if needed) and configures the database file, and brings its schema up to date. */
export const openSqliteDatabase = (path: string): DatabaseSync => {
  mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true, defensive: true });
  try {
    // First, so that switching the journal mode waits for other connections instead of failing.
    db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    const mode = db.prepare('PRAGMA journal_mode = WAL').get();
    if (mode?.journal_mode !== 'wal') {
      throw new StoreError('UNAVAILABLE', 'sqlite database cannot use WAL mode here');
    }
    // NORMAL is durable against process crashes in WAL mode; only a power loss can undo the last commits.
    db.exec('PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON');
    migrateSqlite(db);
    assertSchemaMatchesSpecs(db);
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error);
  }
};

/**
 * The embedded store: one SQLite file through node:sqlite. Calls are synchronous underneath, so a
 * commit's transaction never interleaves with other work of this process; other processes wait on the
 * file lock (busy timeout). Watchers are in-process only: changes committed by another process
 * sharing the file are not reported, which suits the all-in-one server that runs in one process.
 */
export const createSqliteDriver = ({ path }: SqliteDriverOptions): SqliteDriver => {
  let db: DatabaseSync | undefined = openSqliteDatabase(path);
  const statements = new Map<string, StatementSync>();
  const listeners = createChangeListeners();
  // The decision API and the add-on read a routing table per request; the tables change seldom.
  const cachedCollection: CollectionName = 'tables';
  const cache = createSqliteRowCache();

  const prepared = (sql: string): StatementSync => {
    if (!db) throw new StoreError('UNAVAILABLE', 'sqlite driver is closed');
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const guarded = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(toStoreError(error));
    }
  };

  const all = (sql: string, params: readonly SQLInputValue[]) =>
    prepared(sql).all(...params) as Record<string, unknown>[];

  const listRows = (table: Table, tenantId: string, query: ListQuery): StoredRow[] => {
    const clauses = ['tenant_id = ?'];
    const params: SQLInputValue[] = [tenantId];
    if (query.where) {
      const where = equalsClause(table, query.where);
      clauses.push(where.sql);
      params.push(...where.params);
    }
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    let order = `id ${direction}`;
    if (query.range) {
      const column = columnFor(table, query.range.field, 'number').sql;
      clauses.push(`${column} IS NOT NULL`);
      if (query.range.from !== undefined) clauses.push(`${column} >= ?`);
      if (query.range.to !== undefined) clauses.push(`${column} < ?`);
      params.push(...[query.range.from, query.range.to].filter((bound) => bound !== undefined));
      order = `${column} ${direction}, ${order}`;
    }
    const limit = query.limit ?? -1;
    if (query.limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
      throw new StoreError('INVALID_INPUT', 'limit must be a whole number, 0 or more');
    }
    const sql = `SELECT ${table.select} FROM ${table.sql} WHERE ${clauses.join(' AND ')} ORDER BY ${order} LIMIT ?`;
    return all(sql, [...params, limit]).map((raw) => rowOf(table, raw));
  };

  /** SQLite reports which index failed only in prose; asking the table names the field reliably. */
  const conflictingField = (table: Table, row: StoredRow): string => {
    for (const column of table.columns) {
      const value = fieldOf(row, column.field) ?? null;
      if (value === null || !column.unique) continue;
      const sql =
        column.unique === 'tenant'
          ? `SELECT 1 FROM ${table.sql} WHERE tenant_id = ? AND ${column.sql} = ? AND id <> ?`
          : `SELECT 1 FROM ${table.sql} WHERE ${column.sql} = ? AND NOT (tenant_id = ? AND id = ?)`;
      const params =
        column.unique === 'tenant' ? [row.tenantId, value, row.id] : [value, row.tenantId, row.id];
      if (prepared(sql).get(...params)) return column.field;
    }
    return 'id';
  };

  const assertTenant = (tenantId: string, known: Set<string>) => {
    if (known.has(tenantId)) return;
    if (!prepared('SELECT 1 FROM tenants WHERE id = ?').get(tenantId)) {
      throw new StoreError('NOT_FOUND', 'no such tenant');
    }
    known.add(tenantId);
  };

  const putTenant = (tenant: TenantRow) => {
    prepared(
      `INSERT INTO tenants (id, name, status, time_zone, settings, wrapped_key, created_at, terminated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, time_zone = excluded.time_zone,
         settings = excluded.settings, wrapped_key = excluded.wrapped_key, created_at = excluded.created_at,
         terminated_at = excluded.terminated_at`,
    ).run(
      tenant.id,
      tenant.name,
      tenant.status,
      tenant.timeZone,
      tenant.settings,
      tenant.wrappedKey,
      tenant.createdAt,
      tenant.terminatedAt,
    );
  };

  const putRow = (table: Table, row: StoredRow) => {
    try {
      const values = table.columns.map((column) => fieldOf(row, column.field) ?? null);
      prepared(table.upsert).run(row.tenantId, row.id, ...values, row.sealed);
    } catch (error) {
      if (isUniqueViolation(error)) throw uniqueConflict(table.collection, conflictingField(table, row));
      throw error;
    }
  };

  const deleteRows = (
    table: Table,
    tenantId: string,
    clauses: readonly string[],
    params: readonly SQLInputValue[],
  ) =>
    all(`DELETE FROM ${table.sql} WHERE ${['tenant_id = ?', ...clauses].join(' AND ')} RETURNING id`, [
      tenantId,
      ...params,
    ]).map((raw): RowChange => ({ type: 'delete', tenantId, id: raw.id as string }));

  const deleteWhere = (table: Table, op: Extract<WriteOp, { op: 'deleteWhere' }>) => {
    const clauses: string[] = [];
    const params: SQLInputValue[] = [];
    if (op.where) {
      const where = equalsClause(table, op.where);
      clauses.push(where.sql);
      params.push(...where.params);
    }
    if (op.before) {
      clauses.push(`${columnFor(table, op.before.field, 'number').sql} < ?`);
      params.push(op.before.value);
    }
    return deleteRows(table, op.tenantId, clauses, params);
  };

  const expectField = (table: Table, op: Extract<WriteOp, { op: 'expect' }>) => {
    const column = columnFor(table, op.field);
    const found = prepared(
      `SELECT ${column.sql} AS value FROM ${table.sql} WHERE tenant_id = ? AND id = ?`,
    ).get(op.tenantId, op.id);
    const holds =
      found === undefined ? op.equals === undefined : op.equals !== undefined && found.value === op.equals;
    if (!holds) throw failedExpectation(op);
  };

  const apply = (op: WriteOp, knownTenants: Set<string>): [CollectionName, RowChange][] => {
    if (op.op === 'putTenant') {
      putTenant(op.tenant);
      knownTenants.add(op.tenant.id);
      return [];
    }
    const table = tableOf(op.collection);
    const inTable = (changes: RowChange[]) =>
      changes.map((change): [CollectionName, RowChange] => [table.collection, change]);
    switch (op.op) {
      case 'put': {
        assertRowShape(table.collection, op.row);
        if (typeof op.row.sealed !== 'string') {
          throw new StoreError('INVALID_INPUT', `${table.collection}: sealed must be text`);
        }
        assertTenant(op.row.tenantId, knownTenants);
        putRow(table, op.row);
        const row = storedRowOf(table, op.row);
        return inTable([{ type: 'put', tenantId: row.tenantId, id: row.id, row }]);
      }
      case 'delete':
        return inTable(deleteRows(table, op.tenantId, ['id = ?'], [op.id]));
      case 'deleteWhere':
        return inTable(deleteWhere(table, op));
      case 'expect':
        expectField(table, op);
        return [];
    }
  };

  /**
   * BEGIN IMMEDIATE takes the write lock up front (waiting up to the busy timeout): a deferred
   * transaction that upgrades to writing later fails at once with SQLITE_BUSY when another process writes.
   */
  const transaction = (ops: readonly WriteOp[]): [CollectionName, RowChange][] => {
    if (ops.some((op) => op.op !== 'putTenant' && op.collection === cachedCollection)) cache.clear();
    prepared('BEGIN IMMEDIATE').run();
    try {
      const knownTenants = new Set<string>();
      const changes = ops.flatMap((op) => apply(op, knownTenants));
      prepared('COMMIT').run();
      return changes;
    } catch (error) {
      // SQLite has already rolled back after some failures (disk full, I/O error).
      if (db?.isTransaction) prepared('ROLLBACK').run();
      throw error;
    }
  };

  return {
    name: 'sqlite',
    path,
    getTenant: (id) =>
      guarded(() => {
        const raw = prepared('SELECT * FROM tenants WHERE id = ?').get(id);
        return raw && tenantOf(raw);
      }),
    listTenants: () => guarded(() => all('SELECT * FROM tenants ORDER BY created_at, id', []).map(tenantOf)),
    get: (collection, tenantId, id) =>
      guarded(() => {
        const table = tableOf(collection);
        const cached = table.collection === cachedCollection;
        const version = cached ? (prepared('PRAGMA data_version').get()?.data_version as number) : 0;
        const hit = cached ? cache.get(tenantId, id, version) : undefined;
        if (hit) return hit;
        const raw = prepared(`SELECT ${table.select} FROM ${table.sql} WHERE tenant_id = ? AND id = ?`).get(
          tenantId,
          id,
        );
        const row = raw && rowOf(table, raw);
        if (row && cached) cache.set(tenantId, id, version, row);
        return row;
      }),
    list: (collection, tenantId, query = {}) => guarded(() => listRows(tableOf(collection), tenantId, query)),
    findGlobal: (collection, field, equals) =>
      guarded(() => {
        const table = tableOf(collection);
        const where = equalsClause(table, { field, equals });
        const sql = `SELECT ${table.select} FROM ${table.sql} WHERE ${where.sql} ORDER BY id, tenant_id`;
        return all(sql, where.params).map((raw) => rowOf(table, raw));
      }),
    listAll: (collection) =>
      guarded(() => {
        const table = tableOf(collection);
        return all(`SELECT ${table.select} FROM ${table.sql} ORDER BY id, tenant_id`, []).map((raw) =>
          rowOf(table, raw),
        );
      }),
    count: (collection, tenantId) =>
      guarded(() => {
        const raw = prepared(`SELECT count(*) AS n FROM ${tableOf(collection).sql} WHERE tenant_id = ?`).get(
          tenantId,
        );
        return raw?.n as number;
      }),
    commit: async (ops) => {
      listeners.emit(await guarded(() => transaction(ops)));
    },
    watch: (collection, listener) => listeners.add(tableOf(collection).collection, listener),
    backup: (file) =>
      guarded(() => {
        if (existsSync(file)) throw new StoreError('CONFLICT', `backup file ${file} already exists`);
        mkdirSync(dirname(file), { recursive: true });
        // VACUUM INTO copies one read snapshot: other processes' commits are wholly in it or not at all.
        prepared('VACUUM INTO ?').run(file);
      }),
    close: () =>
      guarded(() => {
        db?.close();
        db = undefined;
        statements.clear();
        listeners.clear();
      }),
  };
};
