import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createRosterRecompiler } from './roster-recompiler.ts';
import { createMemoryTestStore } from './testing/memory-test-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('roster recompiler', () => {
  it("recompiles a tenant's tables after a change, once per burst", async () => {
    const { store, close } = await createMemoryTestStore();
    cleanups.push(close);
    const tenant = await store.tenants.create({ name: 'A' }, { actor: 'system:test' });
    const scoped = store.forTenant(tenant.id, { actor: 'system:test' });
    await scoped.contacts.create({ key: 'MK', phone: '050 311 2233' });
    const number = await scoped.numbers.create({ did: '+31 50 700 0000', name: 'Storing', fallback: 'MK' });
    const recompiler = createRosterRecompiler({ store, clock: Date.now, logger: pino({ level: 'silent' }) });

    for (let change = 0; change < 5; change++) recompiler.onRosterChange(tenant.id);
    await recompiler.idle();
    const table = await scoped.tables.get(number.id);
    expect(table?.table.fallback).toMatchObject({ key: 'MK', phone: '+31503112233' });
    // One compile now, one for the changes made while it ran; never one per change.
    expect(table?.version).toBeLessThanOrEqual(2);
  });

  it('logs a failed compile and keeps going', async () => {
    const { store, close } = await createMemoryTestStore();
    cleanups.push(close);
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(line) });
    const recompiler = createRosterRecompiler({ store, clock: Date.now, logger });
    recompiler.onRosterChange('no-such-tenant');
    await recompiler.idle();
    expect(errors.join('')).toContain('routing table recompile failed');
    expect(errors.join('')).toContain('no-such-tenant');
  });
});
