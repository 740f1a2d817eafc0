import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeNoticeLogContract } from './notice-log.contract.ts';
import { createStoreNoticeLog } from './store-notice-log.ts';
import { type BotTestStore, createBotTestStore } from './testing/bot-test-store.ts';

for (const driver of ['memory', 'sqlite'] as const) {
  describeNoticeLogContract(`store on the ${driver} driver`, async () => {
    const data = await createBotTestStore(driver);
    return {
      log: createStoreNoticeLog({ store: data.store }),
      tenantIds: data.tenantIds,
      cleanup: data.close,
    };
  });
}

describe('createStoreNoticeLog across a restart', () => {
  let data: BotTestStore;
  beforeEach(async () => {
    data = await createBotTestStore('sqlite');
  });
  afterEach(async () => {
    await data.close();
  });

  it('still knows, in a new process, which notices were sent', async () => {
    const [t1] = data.tenantIds;
    await createStoreNoticeLog({ store: data.store }).remember(t1, 'gap:n1:100@team:19:team', 500);
    const after = createStoreNoticeLog({ store: await data.restart() });
    expect(await after.has(t1, 'gap:n1:100@team:19:team')).toBe(true);
    await after.prune(t1, 600);
    expect(await after.has(t1, 'gap:n1:100@team:19:team')).toBe(false);
  });
});
