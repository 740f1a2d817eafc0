import { DatabaseSync } from 'node:sqlite';
import { collectionSpecs } from './collections.ts';
import { StoreError } from './store-error.ts';

/** The shape of a collection spec, loosened so a migration can carry a frozen copy of an older one. */
interface TableSpec {
  readonly fields: Readonly<Record<string, string>>;
  readonly uniquePerTenant: readonly string[];
  readonly uniqueGlobal: readonly string[];
}

export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  up(db: DatabaseSync): void;
}

/** camelCase field names become snake_case columns; spec field names are plain identifiers. */
export const columnOf = (field: string): string =>
  field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const quote = (identifier: string) => `"${identifier}"`;

const createTenantsTable = (db: DatabaseSync) => {
  db.exec(`CREATE TABLE tenants (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'terminated')),
    time_zone TEXT NOT NULL,
    settings TEXT NOT NULL,
    wrapped_key TEXT,
    created_at REAL NOT NULL,
    terminated_at REAL
  ) STRICT`);
};

/**
 * One table per collection and its indexes, derived from a spec. Every field gets an index led by
 * tenant_id (per-tenant lists, ranges and purges) unless it is unique globally; string fields also get
 * one usable without a tenant, because the entry points that do not know the tenant (findGlobal) look up
 * by strings such as DIDs and email indexes, never by times. Plain indexes end in id, the tie-breaker of
 * every listing, so results come out of the index already in order.
 */
const createCollectionTable = (db: DatabaseSync, collection: string, spec: TableSpec) => {
  const table = quote(collection);
  const columns = Object.entries(spec.fields).map(
    ([field, type]) =>
      `${quote(columnOf(field))} ${type.startsWith('number') ? 'REAL' : 'TEXT'}${type.endsWith('?') ? '' : ' NOT NULL'}`,
  );
  db.exec(`CREATE TABLE ${table} (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    ${columns.join(',\n    ')},
    sealed TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  ) STRICT`);
  for (const [field, type] of Object.entries(spec.fields)) {
    const column = columnOf(field);
    const partial = type.endsWith('?') ? ` WHERE ${quote(column)} IS NOT NULL` : '';
    const index = (name: string) => quote(`${collection}_${name}`);
    if (spec.uniqueGlobal.includes(field)) {
      db.exec(`CREATE UNIQUE INDEX ${index(`${column}_unique`)} ON ${table} (${quote(column)})${partial}`);
      continue;
    }
    if (spec.uniquePerTenant.includes(field)) {
      db.exec(
        `CREATE UNIQUE INDEX ${index(`tenant_${column}_unique`)} ON ${table} (tenant_id, ${quote(column)})${partial}`,
      );
    } else {
      db.exec(`CREATE INDEX ${index(`tenant_${column}`)} ON ${table} (tenant_id, ${quote(column)}, id)`);
    }
    if (type.startsWith('string')) {
      db.exec(`CREATE INDEX ${index(column)} ON ${table} (${quote(column)}, id)`);
    }
  }
};

/**
 * The collection specs as they were when version 1 shipped. Frozen here, not read from collectionSpecs,
 * so that version 1 creates the same tables forever and a later spec change needs its own migration;
 * assertSchemaMatchesSpecs catches a spec change that has none.
 */
const specsAtVersion1: Readonly<Record<string, TableSpec>> = {
  admins: {
    fields: { emailIndex: 'string', entraId: 'string?', googleSub: 'string?' },
    uniquePerTenant: ['emailIndex'],
    uniqueGlobal: ['entraId', 'googleSub'],
  },
  contacts: { fields: { keyNorm: 'string' }, uniquePerTenant: ['keyNorm'], uniqueGlobal: [] },
  sources: { fields: { channelId: 'string?' }, uniquePerTenant: [], uniqueGlobal: ['channelId'] },
  numbers: { fields: { did: 'string' }, uniquePerTenant: [], uniqueGlobal: ['did'] },
  events: { fields: { sourceId: 'string' }, uniquePerTenant: [], uniqueGlobal: [] },
  tables: { fields: { did: 'string', version: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
  calls: { fields: { at: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
  audit: { fields: { at: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
};

/** The collections version 2 added, frozen for the same reason as specsAtVersion1. */
const specsAddedInVersion2: Readonly<Record<string, TableSpec>> = {
  botConversations: {
    fields: { conversationIndex: 'string' },
    uniquePerTenant: [],
    uniqueGlobal: ['conversationIndex'],
  },
  botNotices: { fields: { keepUntil: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
};

/** Append-only: never edit or reorder a shipped migration, add the next version instead. */
export const sqliteMigrations: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'tenants and collections',
    up: (db) => {
      createTenantsTable(db);
      for (const [collection, spec] of Object.entries(specsAtVersion1))
        createCollectionTable(db, collection, spec);
    },
  },
  {
    version: 2,
    name: 'teams bot conversations and notices',
    up: (db) => {
      for (const [collection, spec] of Object.entries(specsAddedInVersion2))
        createCollectionTable(db, collection, spec);
    },
  },
];

export const latestSchemaVersion = Math.max(...sqliteMigrations.map((migration) => migration.version));

interface AppliedMigration {
  readonly version: number;
  readonly name: string;
}

const appliedMigrations = (db: DatabaseSync): AppliedMigration[] => {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ) STRICT`);
  return db
    .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
    .all() as unknown as AppliedMigration[];
};

/** Refuses a database written by newer code, or by a different line of migrations. */
const assertKnownHistory = (applied: readonly AppliedMigration[]) => {
  for (const { version, name } of applied) {
    const known = sqliteMigrations.find((migration) => migration.version === version);
    if (!known) {
      throw new StoreError(
        'UNAVAILABLE',
        `sqlite database has schema version ${version}, newer than this code knows (${latestSchemaVersion}); upgrade the software`,
      );
    }
    if (known.name !== name) {
      throw new StoreError(
        'UNAVAILABLE',
        `sqlite database migration ${version} is "${name}", expected "${known.name}"`,
      );
    }
  }
};

/** Brings the database to the latest version in one transaction, so a failed upgrade changes nothing. */
export const migrateSqlite = (db: DatabaseSync): void => {
  db.exec('BEGIN IMMEDIATE');
  try {
    const applied = appliedMigrations(db);
    assertKnownHistory(applied);
    const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
    for (const migration of sqliteMigrations) {
      if (applied.some(({ version }) => version === migration.version)) continue;
      migration.up(db);
      record.run(migration.version, migration.name);
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
};

/** Columns and indexes of the collection tables, in a form that ignores names and statement text. */
const describeCollectionTables = (db: DatabaseSync): string => {
  const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  const tables = Object.keys(collectionSpecs).map((collection) => {
    const columns = rows(
      `SELECT name, type, "notnull", pk FROM pragma_table_info('${collection}') ORDER BY cid`,
    );
    const indexes = rows(`SELECT name, "unique", partial FROM pragma_index_list('${collection}')`)
      .map(({ name, unique, partial }) => {
        const on = rows(`SELECT name FROM pragma_index_info('${String(name)}') ORDER BY seqno`).map(
          (c) => c.name,
        );
        return `${unique ? 'unique' : 'plain'}${partial ? ' partial' : ''} (${on.join(', ')})`;
      })
      .sort();
    return { collection, columns, indexes };
  });
  return JSON.stringify(tables, null, 1);
};

/**
 * The migrated schema must be exactly what the current collectionSpecs derive; a spec change without a
 * migration is a programming error that must not reach a database.
 */
export const assertSchemaMatchesSpecs = (db: DatabaseSync): void => {
  const expected = new DatabaseSync(':memory:');
  try {
    createTenantsTable(expected);
    for (const [collection, spec] of Object.entries(collectionSpecs))
      createCollectionTable(expected, collection, spec);
    if (describeCollectionTables(db) !== describeCollectionTables(expected)) {
      throw new StoreError(
        'INTERNAL',
        'sqlite schema does not match collectionSpecs; add a migration for the change',
      );
    }
  } finally {
    expected.close();
  }
};
