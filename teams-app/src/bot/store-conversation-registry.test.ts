import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeConversationRegistryContract } from './conversation-registry.contract.ts';
import { createStoreConversationRegistry } from './store-conversation-registry.ts';
import { type BotTestStore, createBotTestStore } from './testing/bot-test-store.ts';

for (const driver of ['memory', 'sqlite'] as const) {
  describeConversationRegistryContract(`store on the ${driver} driver`, async () => {
    const data = await createBotTestStore(driver);
    return {
      registry: createStoreConversationRegistry({ store: data.store }),
      tenantIds: data.tenantIds,
      cleanup: data.close,
    };
  });
}

describe('createStoreConversationRegistry across a restart', () => {
  let data: BotTestStore;
  beforeEach(async () => {
    data = await createBotTestStore('sqlite');
  });
  afterEach(async () => {
    await data.close();
  });

  it('gives a new process what the old one registered, and lets it forget', async () => {
    const [t1, t2] = data.tenantIds;
    const before = createStoreConversationRegistry({ store: data.store });
    const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' } };
    await before.saveUser({ tenantId: t1, userId: 'u1', language: 'nl', reference });
    await before.linkContact({ tenantId: t1, contactKey: 'JD', userId: 'u1' });
    await before.saveTeam({ tenantId: t2, teamId: '19:team', language: 'en', reference });

    const after = createStoreConversationRegistry({ store: await data.restart() });
    expect(await after.tenants()).toEqual([t1, t2].sort());
    expect(await after.userForContact(t1, 'JD')).toEqual({
      tenantId: t1,
      userId: 'u1',
      language: 'nl',
      reference,
    });
    expect(await after.teamsOf(t2)).toEqual([{ tenantId: t2, teamId: '19:team', language: 'en', reference }]);
    await after.forgetUser('u1');
    await after.forgetTeam('19:team');
    expect(await after.tenants()).toEqual([]);
  });
});
