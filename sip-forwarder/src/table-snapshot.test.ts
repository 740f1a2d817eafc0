import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTableSnapshot, writeTableSnapshot } from './table-snapshot.ts';
import { entryOf, tableOf } from './test-fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wygc-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('table snapshot', () => {
  it('reads back exactly what was written, in a file only the owner can read', async () => {
    const path = join(dir, 'nested', 'tables.json');
    const entries = [entryOf(tableOf({ version: 4 })), entryOf(tableOf({ did: '+31201234567' }), 't2', 'n2')];
    await writeTableSnapshot(path, entries, 1234);
    expect(await readTableSnapshot(path)).toEqual({ savedAt: 1234, entries, rejected: 0 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('replaces the previous snapshot whole and leaves no temporary files', async () => {
    const path = join(dir, 'tables.json');
    await writeTableSnapshot(path, [entryOf(tableOf({ version: 1 }))], 1);
    await writeTableSnapshot(path, [entryOf(tableOf({ version: 2 }))], 2);
    expect((await readTableSnapshot(path))?.entries.map((entry) => entry.version)).toEqual([2]);
    expect(await readdir(dir)).toEqual(['tables.json']);
  });

  it('has nothing to offer when there is no snapshot yet', async () => {
    expect(await readTableSnapshot(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('refuses a file that is not a snapshot', async () => {
    const path = join(dir, 'tables.json');
    await writeFile(path, '{"format":"something-else"}');
    await expect(readTableSnapshot(path)).rejects.toMatchObject({ code: 'INVALID_SNAPSHOT' });
    await writeFile(path, '{"format":');
    await expect(readTableSnapshot(path)).rejects.toMatchObject({ code: 'INVALID_SNAPSHOT' });
  });

  it('leaves out a table that fails validation and keeps the others', async () => {
    const path = join(dir, 'tables.json');
    await writeTableSnapshot(
      path,
      [entryOf(tableOf()), entryOf(tableOf({ did: '+31201234567' }), 't2', 'n2')],
      5,
    );
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.tables[0].table.slices[0].groups = [[{ key: 'JD', phone: '+1' }]];
    await writeFile(path, JSON.stringify(file));
    const snapshot = await readTableSnapshot(path);
    expect(snapshot?.entries.map((entry) => entry.numberId)).toEqual(['n2']);
    expect(snapshot?.rejected).toBe(1);
  });
});
