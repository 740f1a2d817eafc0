import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { captureIo } from './testing/capture-io.ts';
import { createOperatorEnv } from './testing/operator-env.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const wygc = async (env: Readonly<Record<string, string>>, ...args: string[]) => {
  const io = captureIo({}, env);
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

describe('wygc backup and restore', { timeout: 60_000 }, () => {
  it('backs up the database and restores it', async () => {
    const operator = await createOperatorEnv();
    cleanups.push(operator.cleanup);
    const { env, dataDir } = operator;
    await wygc(env, 'tenants', 'create', '--name', 'Before', '--owner', 'a@example.nl');
    const file = join(dataDir, 'backup.sqlite');

    const backup = await wygc(env, 'backup', file);
    expect(backup).toMatchObject({ code: 0, err: '' });
    expect(backup.out).toMatch(new RegExp(`^Backed up .*wygc\\.sqlite to ${file} \\(\\d+ KiB\\)\\.\\n`));
    expect(backup.out).toContain('keys.json and secrets.json');
    const again = await wygc(env, 'backup', file);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');

    await wygc(env, 'tenants', 'create', '--name', 'After', '--owner', 'b@example.nl');
    const restore = await wygc(env, 'restore', file);
    expect(restore).toMatchObject({ code: 0, err: '' });
    expect(restore.out).toContain('Start the server again.');
    const list = await wygc(env, 'tenants', 'list');
    expect(list.out).toContain('Before');
    expect(list.out).not.toContain('After');
  });

  it('refuses a file that is not one of our backups, and needs a file name', async () => {
    const operator = await createOperatorEnv();
    cleanups.push(operator.cleanup);
    const bogus = join(operator.dataDir, 'notes.txt');
    await writeFile(bogus, 'not a database');
    const restore = await wygc(operator.env, 'restore', bogus);
    expect(restore.code).toBe(1);
    expect(restore.err).toBe(`${bogus}: ${bogus} is not a SQLite database\n`);
    expect((await wygc(operator.env, 'backup')).code).toBe(2);
    expect((await wygc(operator.env, 'restore')).code).toBe(2);
  });
});
