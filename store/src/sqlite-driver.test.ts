import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionName, StoredRow } from './collections.ts';
import { restoreSqliteBackup } from './restore-sqlite-backup.ts';
import { createSqliteDriver, openSqliteDatabase, type SqliteDriver } from './sqlite-driver.ts';
import { assertSchemaMatchesSpecs } from './sqlite-migrations.ts';
import { describeStoreDriverContract } from './store-driver.contract.ts';
import type { TenantRow } from './store-driver.ts';
import { isStoreError, type StoreErrorCode } from './store-error.ts';

describeStoreDriverContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-sqlite-'));
  return {
    driver: createSqliteDriver({ path: join(dir, 'data', 'wygc.sqlite') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
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

const call = (id: string, at: number): StoredRow => ({
  id,
  tenantId: 't1',
  fields: { at },
  sealed: `call ${id}`,
});

const admin = (tenantId: string, id: string, entraId: string | null): StoredRow => ({
  id,
  tenantId,
  fields: { emailIndex: `mail-${id}`, entraId, googleSub: null },
  sealed: 's',
});

const codeOf = async (promise: Promise<unknown>): Promise<StoreErrorCode | 'resolved' | 'not a StoreError'> =>
  promise.then(
    () => 'resolved' as const,
    (error: unknown) => (isStoreError(error) ? error.code : 'not a StoreError'),
  );

const withDatabase = <T>(path: string, work: (db: DatabaseSync) => T): T => {
  const db = new DatabaseSync(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
};

describe('sqlite driver', () => {
  let dir: string;
  let path: string;
  let driver: SqliteDriver;

  const seed = async () => {
    await driver.commit([
      { op: 'putTenant', tenant: tenant('t1') },
      { op: 'put', collection: 'calls', row: call('c1', 10) },
      { op: 'put', collection: 'calls', row: call('c2', 20) },
    ]);
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wygc-sqlite-'));
    path = join(dir, 'data', 'wygc.sqlite');
    driver = createSqliteDriver({ path });
  });

  afterEach(async () => {
    await driver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates its folder and runs with WAL, foreign keys, NORMAL sync and a busy timeout', () => {
    expect(driver.path).toBe(path);
    const db = openSqliteDatabase(path);
    try {
      const pragma = (name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0];
      expect(pragma('journal_mode')).toBe('wal');
      expect(pragma('foreign_keys')).toBe(1);
      expect(pragma('synchronous')).toBe(1);
      expect(pragma('busy_timeout')).toBeGreaterThan(0);
      expect(() =>
        db.prepare(`INSERT INTO calls (tenant_id, id, "at", sealed) VALUES ('nobody', 'c1', 1, 's')`).run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('records its migrations once and reopens without changing anything', async () => {
    await seed();
    await driver.close();
    const snapshot = () =>
      withDatabase(path, (db) => ({
        migrations: db.prepare('SELECT * FROM schema_migrations').all(),
        schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
      }));
    const before = snapshot();
    expect(before.migrations).toEqual([
      expect.objectContaining({ version: 1, name: 'tenants and collections' }),
      expect.objectContaining({ version: 2, name: 'teams bot conversations and notices' }),
    ]);
    driver = createSqliteDriver({ path });
    expect(snapshot()).toEqual(before);
    expect(await driver.count('calls', 't1')).toBe(2);
  });

  it('upgrades a version 1 database in place, keeping its data', async () => {
    await seed();
    await driver.close();
    withDatabase(path, (db) => {
      db.exec('DROP TABLE "botConversations"; DROP TABLE "botNotices"');
      db.exec('DELETE FROM schema_migrations WHERE version = 2');
    });
    driver = createSqliteDriver({ path });
    expect(await driver.count('calls', 't1')).toBe(2);
    await driver.commit([
      {
        op: 'put',
        collection: 'botNotices',
        row: { id: 'n1', tenantId: 't1', fields: { keepUntil: 5 }, sealed: 's' },
      },
    ]);
    expect(await driver.count('botNotices', 't1')).toBe(1);
    withDatabase(path, (db) => assertSchemaMatchesSpecs(db));
  });

  it('refuses a database written by a newer version', async () => {
    await driver.close();
    withDatabase(path, (db) =>
      db.prepare(`INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')`).run(),
    );
    expect(() => createSqliteDriver({ path })).toThrow(
      expect.objectContaining({ code: 'UNAVAILABLE', message: expect.stringMatching(/version 99, newer/) }),
    );
  });

  it('keeps the migrated schema identical to what collectionSpecs derive', async () => {
    await driver.close();
    withDatabase(path, (db) => {
      assertSchemaMatchesSpecs(db);
      db.exec('DROP INDEX "calls_tenant_at"');
      expect(() => assertSchemaMatchesSpecs(db)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    });
  });

  it('refuses field and collection names outside the spec, so nothing reaches SQL', async () => {
    await seed();
    const attack = 'at; DROP TABLE calls; --';
    expect(await codeOf(driver.list('calls', 't1', { range: { field: attack } }))).toBe('INVALID_INPUT');
    expect(await codeOf(driver.list('calls', 't1', { where: { field: attack, equals: 1 } }))).toBe(
      'INVALID_INPUT',
    );
    expect(await codeOf(driver.findGlobal('calls', attack, 1))).toBe('INVALID_INPUT');
    expect(await codeOf(driver.findGlobal('calls', 'constructor', 1))).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        driver.commit([
          { op: 'deleteWhere', collection: 'calls', tenantId: 't1', before: { field: attack, value: 99 } },
        ]),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        driver.commit([
          { op: 'expect', collection: 'calls', tenantId: 't1', id: 'c1', field: attack, equals: 10 },
        ]),
      ),
    ).toBe('INVALID_INPUT');
    expect(await codeOf(driver.list('calls; DROP TABLE calls' as CollectionName, 't1'))).toBe(
      'INVALID_INPUT',
    );
    expect(await driver.count('calls', 't1')).toBe(2);
  });

  it('refuses ranges on text fields and values of the wrong type', async () => {
    await seed();
    expect(await codeOf(driver.list('numbers', 't1', { range: { field: 'did' } }))).toBe('INVALID_INPUT');
    expect(await codeOf(driver.list('calls', 't1', { where: { field: 'at', equals: '10' } }))).toBe(
      'INVALID_INPUT',
    );
    expect(await codeOf(driver.list('calls', 't1', { limit: -1 }))).toBe('INVALID_INPUT');
  });

  it('allows many rows without an optional unique value, and names the field of a conflict', async () => {
    await driver.commit([
      { op: 'putTenant', tenant: tenant('t1') },
      { op: 'putTenant', tenant: tenant('t2') },
    ]);
    await driver.commit([
      { op: 'put', collection: 'admins', row: admin('t1', 'a1', null) },
      { op: 'put', collection: 'admins', row: admin('t1', 'a2', null) },
      { op: 'put', collection: 'admins', row: admin('t1', 'a3', 'tid/oid') },
    ]);
    const error = await driver
      .commit([{ op: 'put', collection: 'admins', row: admin('t2', 'a4', 'tid/oid') }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Microsoft sign-in \(admins\)$/),
    });
    expect((await driver.findGlobal('admins', 'entraId', 'tid/oid')).map((row) => row.id)).toEqual(['a3']);
    expect((await driver.findGlobal('admins', 'entraId', null)).map((row) => row.id)).toEqual(['a1', 'a2']);
  });

  it('reads a routing table again once this or another process has written it, and not before', async () => {
    const table = (sealed: string, version: number): StoredRow => ({
      id: 'n1',
      tenantId: 't1',
      fields: { did: '+31501234567', version },
      sealed,
    });
    await driver.commit([
      { op: 'putTenant', tenant: tenant('t1') },
      { op: 'put', collection: 'tables', row: table('version 1', 1) },
    ]);
    const first = await driver.get('tables', 't1', 'n1');
    // Kept as read: the same row object, not a fresh copy of its text.
    expect(await driver.get('tables', 't1', 'n1')).toBe(first);

    await driver.commit([{ op: 'put', collection: 'tables', row: table('version 2', 2) }]);
    expect((await driver.get('tables', 't1', 'n1'))?.sealed).toBe('version 2');

    // Another connection (a CLI job, a second process) publishes version 3.
    withDatabase(path, (db) =>
      db.prepare("UPDATE tables SET sealed = 'version 3', version = 3 WHERE id = 'n1'").run(),
    );
    expect((await driver.get('tables', 't1', 'n1'))?.sealed).toBe('version 3');

    await driver.commit([{ op: 'deleteWhere', collection: 'tables', tenantId: 't1' }]);
    expect(await driver.get('tables', 't1', 'n1')).toBeUndefined();
  });

  it('backs up a consistent copy that restores with its data intact', async () => {
    await seed();
    const backup = join(dir, 'backups', 'one.sqlite');
    await driver.backup(backup);
    await driver.commit([{ op: 'put', collection: 'calls', row: call('c3', 30) }]);
    await driver.close();

    await restoreSqliteBackup({ from: backup, to: path });

    driver = createSqliteDriver({ path });
    expect(await driver.getTenant('t1')).toEqual(tenant('t1'));
    expect(await driver.list('calls', 't1')).toEqual([call('c1', 10), call('c2', 20)]);
    await driver.commit([{ op: 'put', collection: 'calls', row: call('c3', 30) }]);
    expect(await driver.count('calls', 't1')).toBe(3);
  });

  it('refuses to overwrite an existing backup file', async () => {
    await seed();
    const backup = join(dir, 'taken.sqlite');
    await writeFile(backup, 'keep me');
    expect(await codeOf(driver.backup(backup))).toBe('CONFLICT');
    expect(await readFile(backup, 'utf8')).toBe('keep me');
  });

  it('refuses to restore a file that is not a SQLite database of ours, leaving the database alone', async () => {
    await seed();
    await driver.close();
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'SQLite format 2 is not what this is');
    const foreign = join(dir, 'foreign.sqlite');
    withDatabase(foreign, (db) => db.exec('CREATE TABLE t (x)'));

    expect(await codeOf(restoreSqliteBackup({ from: text, to: path }))).toBe('INVALID_INPUT');
    expect(await codeOf(restoreSqliteBackup({ from: foreign, to: path }))).toBe('INVALID_INPUT');
    expect(await codeOf(restoreSqliteBackup({ from: join(dir, 'missing.sqlite'), to: path }))).toBe(
      'NOT_FOUND',
    );

    driver = createSqliteDriver({ path });
    expect(await driver.count('calls', 't1')).toBe(2);
  });

  it('closes once, and refuses work afterwards', async () => {
    await driver.close();
    await driver.close();
    expect(await codeOf(driver.count('calls', 't1'))).toBe('UNAVAILABLE');
    expect(existsSync(`${path}-wal`)).toBe(false);
    driver = createSqliteDriver({ path });
  });
});
