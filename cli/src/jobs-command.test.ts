import { createRuntime, loadConfig } from '@wygc/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { captureIo } from './testing/capture-io.ts';
import { createOperatorEnv } from './testing/operator-env.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An organisation whose one calendar is an ICS URL on a private address, which the adapter refuses. */
const seed = async (env: Readonly<Record<string, string>>) => {
  const runtime = await createRuntime(loadConfig({ ...env, WYGC_LOG_LEVEL: 'silent' }));
  try {
    const tenant = await runtime.store.tenants.create({ name: 'Storingsdienst' }, { actor: 'system:test' });
    const scoped = runtime.store.forTenant(tenant.id, { actor: 'system:test' });
    const source = await scoped.sources.create({
      provider: 'ics',
      externalId: 'http://127.0.0.1:9/rooster.ics',
      name: 'Rooster',
      timeZone: 'Europe/Amsterdam',
    });
    return { tenantId: tenant.id, sourceId: source.id };
  } finally {
    await runtime.close();
  }
};

describe('wygc jobs run', { timeout: 60_000 }, () => {
  it('runs the periodic jobs and prints their summaries', async () => {
    const operator = await createOperatorEnv();
    cleanups.push(operator.cleanup);
    await seed(operator.env);
    const expected = {
      schedule: /^schedule: 1 calendar polled, 0 push channels renewed, 0 failures\n$/,
      'roll-horizon': /^roll-horizon: 0 tables published, 0 failures\n$/,
      purge: /^purge: 0 call records and 0 audit entries deleted in 1 organisation, 0 failures\n$/,
    };
    for (const [job, output] of Object.entries(expected)) {
      const io = captureIo({}, operator.env);
      expect(await run(['jobs', 'run', job], io), io.err()).toBe(0);
      expect(io.out()).toMatch(output);
    }
  });

  it('syncs calendars and prints each result; a failed one makes it exit 1', async () => {
    const operator = await createOperatorEnv();
    cleanups.push(operator.cleanup);
    const { tenantId, sourceId } = await seed(operator.env);
    const io = captureIo({}, operator.env);
    expect(await run(['jobs', 'run', 'sync', '--tenant', tenantId, '--source', sourceId], io)).toBe(1);
    expect(io.out()).toMatch(new RegExp(`^\\[1/1\\] ${tenantId}/${sourceId} \\(Rooster\\): failed: .+\\n$`));
    expect(io.err()).toBe('sync: 1 of 1 calendar failed\n');

    const other = captureIo({}, operator.env);
    expect(await run(['jobs', 'run', 'sync', '--tenant', 'no-such-tenant'], other)).toBe(0);
    expect(other.out()).toBe('sync: organisation no-such-tenant has no calendars\n');
  });

  it('exits 2 for a bad command line', async () => {
    const operator = await createOperatorEnv();
    cleanups.push(operator.cleanup);
    for (const [args, message] of [
      [['jobs'], 'say run <job>'],
      [['jobs', 'run'], 'name a job: schedule, roll-horizon, purge, sync'],
      [['jobs', 'run', 'vacuum'], 'unknown job vacuum'],
      [['jobs', 'run', 'purge', '--tenant', 'x'], '--tenant and --source go with sync only'],
      [['jobs', 'run', 'sync', '--source', 'x'], '--source needs --tenant'],
    ] as const) {
      const io = captureIo({}, operator.env);
      expect(await run([...args], io), args.join(' ')).toBe(2);
      expect(io.err()).toContain(message);
    }
  });
});
