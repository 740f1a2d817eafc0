import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inputError, usageError } from './cli-error.ts';
import type { Command } from './command.ts';
import { withOperatorRuntime } from './operator-runtime.ts';
import { parseOptions } from './parse-options.ts';

const usage = 'wygc backup <file>';

const help = `Writes a consistent copy of the SQLite database to <file>, while the server runs.

Usage: wygc backup <file>

The file must not exist yet. The copy is encrypted as the database is: it holds no keys. Keep the
key file and secrets (keys.json and secrets.json in the data folder) safe and apart from the backups:
without them a backup cannot be read, and after an organisation's termination its data in old backups
stays unreadable for good. Restore with wygc restore <file>.

With Firestore (WYGC_STORE=firestore), schedule managed exports instead: gcloud firestore export.

Exit codes: 0 done, 1 the backup failed, 2 bad command line.
`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write a consistent copy of the SQLite database',
  usage,
  help,
  run: async (argv, io) => {
    const { positionals } = parseOptions(argv, {}, true);
    const [file, ...extra] = positionals;
    if (file === undefined) throw usageError('name the backup file');
    if (extra.length > 0) throw usageError(`unexpected argument ${extra[0]}`);
    const target = resolve(file);
    const from = await withOperatorRuntime(io, async (runtime) => {
      if (!runtime.backup) {
        throw inputError(
          'backups are for the SQLite store; with Firestore use managed exports (gcloud firestore export)',
        );
      }
      await runtime.backup(target);
      return join(runtime.config.dataDir, 'wygc.sqlite');
    });
    const { size } = await stat(target);
    io.stdout(
      `Backed up ${from} to ${target} (${Math.ceil(size / 1024)} KiB).\n` +
        'Keep keys.json and secrets.json from the data folder safe and apart from it: the backup needs them.\n',
    );
  },
};
