import { readFile } from 'node:fs/promises';
import type { SourceRef } from '@wygc/calendar-sync';
import { afterEach, describe, expect, it } from 'vitest';
import { createPasswordHasher } from './auth/password-hasher.ts';
import { createDemoOrganisation, demoEmail } from './demo-organisation.ts';
import { createMemoryTestStore } from './testing/memory-test-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('createDemoOrganisation', () => {
  it('seeds an empty installation with the example contacts, number and calendar, once', async () => {
    const { store, close } = await createMemoryTestStore();
    cleanups.push(close);
    const hasher = createPasswordHasher({ parameters: { memoryKiB: 256, passes: 2, parallelism: 1 } });
    const queued: SourceRef[] = [];
    const contactsCsv = await readFile(new URL('../../examples/contacts.csv', import.meta.url), 'utf8');
    const deps = {
      store,
      hasher,
      queue: { enqueue: async (job: SourceRef) => void queued.push(job) },
      contactsCsv,
      feedUrl: 'http://127.0.0.1:8080/demo/storingsdienst.ics',
    };
    const demo = await createDemoOrganisation(deps);
    if (!demo) throw new Error('expected a demo organisation');
    const tenant = store.forTenant(demo.tenantId, { actor: 'system:test' });
    expect((await tenant.contacts.list()).map((contact) => contact.key).sort()).toEqual([
      'EM',
      'JD',
      'MK',
      'PK',
      'SB',
      'TV',
    ]);
    expect(await tenant.numbers.get(demo.numberId)).toMatchObject({
      did: '+31507000000',
      fallback: 'MK',
      sourceIds: [demo.sourceId],
    });
    expect(await tenant.sources.get(demo.sourceId)).toMatchObject({
      provider: 'ics',
      externalId: deps.feedUrl,
    });
    expect(queued).toEqual([{ tenantId: demo.tenantId, sourceId: demo.sourceId }]);
    const [match] = await store.lookups.adminsByEmail(demoEmail);
    const owner = match && (await tenant.admins.get(match.adminId));
    expect(owner?.role).toBe('owner');
    expect(await hasher.verify(demo.password, owner?.passwordHash ?? '')).toBe(true);

    expect(await createDemoOrganisation(deps)).toBeUndefined();
    expect(await store.tenants.list()).toHaveLength(1);
  });
});
