import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { purgeExpiredData } from './retention-purge.ts';
import { createMemoryTestStore } from './testing/memory-test-store.ts';

const day = 24 * 3_600_000;
const now = Date.UTC(2027, 5, 1);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const call = (startedAt: number) => ({
  callId: `call-${startedAt}`,
  did: '+31507000000',
  caller: '+31612345678',
  startedAt,
  endedAt: startedAt + 30_000,
  tableVersion: 1,
  reason: 'fallback' as const,
  attempts: [],
  outcome: 'answered' as const,
});

describe('purgeExpiredData', () => {
  it("deletes call records past each active tenant's retention and skips terminated tenants", async () => {
    const { store, close } = await createMemoryTestStore(() => now);
    cleanups.push(close);
    const context = { actor: 'system:test' };
    const short = await store.tenants.create({ name: 'Short', settings: { cdrRetentionDays: 30 } }, context);
    const long = await store.tenants.create({ name: 'Long' }, context);
    const gone = await store.tenants.create({ name: 'Gone' }, context);
    for (const tenant of [short, long]) {
      await store.forTenant(tenant.id, context).calls.append([call(now - 60 * day), call(now - day)]);
    }
    await store.forTenant(gone.id, context).privacy.terminate();

    const report = await purgeExpiredData({ store, now, logger: pino({ level: 'silent' }) });
    expect(report).toMatchObject({ tenants: 2, callRecords: 1, failures: 0 });
    expect((await store.forTenant(short.id, context).calls.list()).items).toHaveLength(1);
    expect((await store.forTenant(long.id, context).calls.list()).items).toHaveLength(2);
  });
});
