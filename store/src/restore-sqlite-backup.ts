import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { latestSchemaVersion } from './sqlite-migrations.ts';
import { StoreError } from './store-error.ts';

export interface RestoreSqliteBackupOptions {
  /** A file written by SqliteDriver.backup. */
  readonly from: string;
  /** The database file to replace, e.g. ./data/wygc.sqlite. */
  readonly to: string;
}

const sqliteHeader = Buffer.from('SQLite format 3\u0000', 'latin1');

const assertSqliteFile = async (file: string) => {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw new StoreError('NOT_FOUND', `cannot read backup ${file}`, { cause: error });
  });
  try {
    const { buffer, bytesRead } = await handle.read({
      buffer: Buffer.alloc(sqliteHeader.length),
      position: 0,
    });
    if (bytesRead < sqliteHeader.length || !buffer.equals(sqliteHeader)) {
      throw new StoreError('INVALID_INPUT', `${file} is not a SQLite database`);
    }
  } finally {
    await handle.close();
  }
};

const assertOurDatabase = (file: string) => {
  const db = new DatabaseSync(file, { defensive: true });
  try {
    const migrations = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!migrations) throw new StoreError('INVALID_INPUT', 'backup is not a WhoYouGonnaCall database');
    const checks = db.prepare('PRAGMA integrity_check').all();
    if (checks.length !== 1 || checks[0]?.integrity_check !== 'ok') {
      throw new StoreError('INVALID_INPUT', 'backup fails the SQLite integrity check');
    }
    const version = db.prepare('SELECT max(version) AS version FROM schema_migrations').get()?.version;
    if (typeof version === 'number' && version > latestSchemaVersion) {
      throw new StoreError(
        'INVALID_INPUT',
        `backup has schema version ${version}, newer than this code knows`,
      );
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('INVALID_INPUT', 'backup is not a readable SQLite database', { cause: error });
  } finally {
    db.close();
  }
};

const syncToDisk = async (path: string) => {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/**
 * Puts a backup in place of the database file, all at once: the checked copy is renamed over `to`, so a
 * crash leaves either the old database or the restored one. Only run it while nothing has `to` open
 * (stop the server first): an open connection would keep using the replaced file and its WAL.
 */
export const restoreSqliteBackup = async ({ from, to }: RestoreSqliteBackupOptions): Promise<void> => {
  await assertSqliteFile(from);
  await mkdir(dirname(to), { recursive: true });
  // In the target folder, so the final rename stays on one file system and is atomic.
  const temp = `${to}.restore-${randomUUID()}`;
  try {
    await copyFile(from, temp, constants.COPYFILE_EXCL);
    // Checks the copy rather than the source: exactly the bytes that go into place.
    assertOurDatabase(temp);
    await syncToDisk(temp);
    // A WAL left by the replaced database would be replayed onto the restored one.
    await rm(`${to}-wal`, { force: true });
    await rm(`${to}-shm`, { force: true });
    await rename(temp, to);
    await syncToDisk(dirname(to));
  } finally {
    await rm(temp, { force: true });
  }
};
