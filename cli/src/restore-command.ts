import { join, resolve } from 'node:path';
import { inputError, usageError } from './cli-error.ts';
import type { Command } from './command.ts';
import { operatorConfig } from './operator-runtime.ts';
import { parseOptions } from './parse-options.ts';

const usage = 'wygc restore <file>';

const help = `Puts a backup made by wygc backup in place of the SQLite database. Stop the server first.

Usage: wygc restore <file>

The backup is checked (a WhoYouGonnaCall database that passes SQLite's integrity check, not newer
than this code) before it replaces the database, all at once. A server still running would keep using
the replaced file: stop it before, start it after. The key file and secrets in the data folder must be
the ones the backup was made with.

Exit codes: 0 done, 1 the backup was refused or could not be read, 2 bad command line.
`;

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the SQLite database with a backup (stop the server first)',
  usage,
  help,
  run: async (argv, io) => {
    const { positionals } = parseOptions(argv, {}, true);
    const [file, ...extra] = positionals;
    if (file === undefined) throw usageError('name the backup file');
    if (extra.length > 0) throw usageError(`unexpected argument ${extra[0]}`);
    const { config } = await operatorConfig(io);
    if (config.store.kind !== 'sqlite')
      throw inputError('restore is for the SQLite store; Firestore restores with gcloud firestore import');
    // Imported here: the store's SQLite code is only needed by this command.
    const { isStoreError, restoreSqliteBackup } = await import('@wygc/store');
    const database = join(config.dataDir, 'wygc.sqlite');
    try {
      await restoreSqliteBackup({ from: resolve(file), to: database });
    } catch (error) {
      if (isStoreError(error)) throw inputError(`${file}: ${error.message}`);
      throw error;
    }
    io.stdout(`Restored ${file} into ${database}. Start the server again.\n`);
  },
};
