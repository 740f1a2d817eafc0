import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRuntime, loadConfig } from '@wygc/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { captureIo } from './testing/capture-io.ts';
import { createOperatorEnv } from './testing/operator-env.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('wygc keys rotate', { timeout: 60_000 }, () => {
  it('adds a key version and re-wraps every organisation key; the data stays readable', async () => {
    const operator = await createOperatorEnv();
    cleanups.push(operator.cleanup);
    const { env, dataDir } = operator;
    for (const name of ['A', 'B']) {
      expect(
        await run(['tenants', 'create', '--name', name, '--owner', `${name}@example.nl`], captureIo({}, env)),
      ).toBe(0);
    }
    const io = captureIo({}, env);
    expect(await run(['keys', 'rotate'], io)).toBe(0);
    expect(io.out()).toBe(
      'Key version 2 is now primary in the key file: 2 organisation keys re-wrapped, 0 skipped (terminated).\n',
    );
    expect(io.err()).toContain('re-wrapped 2/2 organisation keys\n');
    const keyFile = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8'));
    expect(keyFile.primaryVersion).toBe(2);

    const runtime = await createRuntime(loadConfig({ ...env, WYGC_LOG_LEVEL: 'silent' }));
    try {
      for (const tenant of await runtime.store.tenants.list()) {
        const [owner] = await runtime.store.forTenant(tenant.id, { actor: 'system:test' }).admins.list();
        expect(owner?.email).toBe(`${tenant.name}@example.nl`);
      }
    } finally {
      await runtime.close();
    }
  });

  it('exits 2 without the rotate action', async () => {
    const operator = await createOperatorEnv();
    cleanups.push(operator.cleanup);
    const io = captureIo({}, operator.env);
    expect(await run(['keys'], io)).toBe(2);
    expect(io.err()).toContain('say rotate');
  });
});
